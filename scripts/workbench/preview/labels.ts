/**
 * The Custom Labels the components import (`@salesforce/label/c.<Name>`), read from the
 * package's own `*.labels-meta.xml` files, so the preview shows the words an org shows.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

/** Where the package keeps its Custom Labels. */
export const LABELS_DIR = 'force-app/main/ui/labels';

/** Reads every label file under `labelsDir` into name → value; a name defined twice is an error. */
export function readLabels(root: string, labelsDir: string = LABELS_DIR): Map<string, string> {
  const parser = new XMLParser({ isArray: (name) => name === 'labels', parseTagValue: false, trimValues: false });
  const labels = new Map<string, string>();
  const dir = join(root, labelsDir);
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.labels-meta.xml'))
    .sort()) {
    const parsed = parser.parse(readFileSync(join(dir, file), 'utf8')) as {
      CustomLabels?: { labels?: { fullName?: string; value?: string }[] };
    };
    for (const label of parsed.CustomLabels?.labels ?? []) {
      if (typeof label.fullName !== 'string' || typeof label.value !== 'string') {
        throw new Error(`${labelsDir}/${file}: a label without <fullName> or <value>.`);
      }
      if (labels.has(label.fullName)) throw new Error(`${labelsDir}/${file}: label ${label.fullName} is defined twice.`);
      labels.set(label.fullName, label.value);
    }
  }
  return labels;
}
