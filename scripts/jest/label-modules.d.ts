/** Types of label-modules.js (plain JavaScript: jest.config.js imports it). */
export function readLabels(labelsFolder: string): Map<string, string>;
export function writeLabelModules(labelsFolder: string, outputFolder: string): number;
