import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const LABELS_FOLDER = join(__dirname, '../../../labels');
const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&amp;': '&' };

/**
 * A `@salesforce/label/c.<name>` module with the label's real value from the labels files, so
 * tests assert the words users read (unmocked, sfdx-lwc-jest gives the label's name instead).
 * Use in a `jest.mock` factory through `jest.requireActual`.
 */
export function labelModule(name: string): { default: string } {
  for (const file of readdirSync(LABELS_FOLDER).filter((entry) => entry.endsWith('.labels-meta.xml'))) {
    const xml = readFileSync(join(LABELS_FOLDER, file), 'utf8');
    const value = new RegExp(`<fullName>${name}</fullName>[\\s\\S]*?<value>([^<]*)</value>`).exec(xml)?.[1];
    if (value !== undefined) return { default: value.replace(/&(lt|gt|quot|apos|amp);/g, (entity) => ENTITIES[entity] ?? entity) };
  }
  throw new Error(`No custom label ${name} in ${LABELS_FOLDER}`);
}
