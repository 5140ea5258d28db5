import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const LABELS_FILE = join(__dirname, '../../../labels/TaskSyncCard.labels-meta.xml');
const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&amp;': '&' };

/**
 * A `@salesforce/label/c.<name>` module with the label's value from this card's labels file, for
 * labels whose placeholders the tests fill (unmocked, sfdx-lwc-jest answers the label's name).
 * Use in a `jest.mock` factory through `jest.requireActual`.
 */
export function labelModule(name: string): { default: string } {
  const xml = readFileSync(LABELS_FILE, 'utf8');
  const value = new RegExp(`<fullName>${name}</fullName>[\\s\\S]*?<value>([^<]*)</value>`).exec(xml)?.[1];
  if (value === undefined) throw new Error(`No custom label ${name} in ${LABELS_FILE}`);
  return { default: value.replace(/&(lt|gt|quot|apos|amp);/g, (entity) => ENTITIES[entity] ?? entity) };
}
