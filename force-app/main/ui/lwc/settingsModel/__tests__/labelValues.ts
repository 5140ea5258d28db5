import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const LABELS_FOLDER = join(__dirname, '../../../labels');
const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&amp;': '&' };

/**
 * A `@salesforce/label/c.<name>` module with the label's real value from the labels files, so
 * tests assert the words users read (unmocked, sfdx-lwc-jest gives the label's name instead).
 * Looks through every labels file, or only `labelsFile` when given (its name without
 * `.labels-meta.xml`, e.g. `'TaskSyncCard'`), so a card's test can insist the label is its own.
 * Use in a `jest.mock` factory through `jest.requireActual`.
 */
export function labelModule(name: string, labelsFile?: string): { default: string } {
  const files =
    labelsFile === undefined
      ? readdirSync(LABELS_FOLDER).filter((entry) => entry.endsWith('.labels-meta.xml'))
      : [`${labelsFile}.labels-meta.xml`];
  for (const file of files) {
    const xml = readFileSync(join(LABELS_FOLDER, file), 'utf8');
    const value = new RegExp(`<fullName>${name}</fullName>[\\s\\S]*?<value>([^<]*)</value>`).exec(xml)?.[1];
    if (value !== undefined) return { default: value.replace(/&(lt|gt|quot|apos|amp);/g, (entity) => ENTITIES[entity] ?? entity) };
  }
  const where = labelsFile === undefined ? LABELS_FOLDER : join(LABELS_FOLDER, `${labelsFile}.labels-meta.xml`);
  throw new Error(`No custom label ${name} in ${where}`);
}
