/**
 * Every Custom Label as a module Jest can load, so components under test read the words users
 * read: `@salesforce/label/c.<Name>` maps (jest.config.js) to a file written here from
 * `force-app/main/ui/labels/*.labels-meta.xml`. Without it sfdx-lwc-jest hands a component the
 * label's name (`c.SiSync_…`), and each test file had to mock the labels it asserted, one by one.
 * Written on every Jest start (a few hundred small files), so a label edited is a label tested.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ENTITIES = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&amp;': '&' };

/**
 * Every label of the labels folder: name → value (XML entities decoded).
 * @param {string} labelsFolder the folder of `*.labels-meta.xml` files
 * @returns {Map<string, string>}
 * @throws {Error} when two files define the same label
 */
export function readLabels(labelsFolder) {
  const labels = new Map();
  for (const file of readdirSync(labelsFolder)
    .filter((entry) => entry.endsWith('.labels-meta.xml'))
    .sort()) {
    const xml = readFileSync(join(labelsFolder, file), 'utf8');
    for (const match of xml.matchAll(/<labels>([\s\S]*?)<\/labels>/g)) {
      const body = match[1] ?? '';
      const name = /<fullName>([^<]+)<\/fullName>/.exec(body)?.[1];
      const value = /<value>([^<]*)<\/value>/.exec(body)?.[1];
      if (name === undefined || value === undefined) continue;
      if (labels.has(name)) throw new Error(`Custom label ${name} is defined twice (again in ${file}); keep one.`);
      labels.set(
        name,
        value.replace(/&(lt|gt|quot|apos|amp);/g, (entity) => ENTITIES[entity] ?? entity),
      );
    }
  }
  return labels;
}

/**
 * Writes one CommonJS module per label into `outputFolder` (emptied first).
 * @param {string} labelsFolder the folder of `*.labels-meta.xml` files
 * @param {string} outputFolder where the modules go (`c.<Name>.js`)
 * @returns {number} how many were written
 */
export function writeLabelModules(labelsFolder, outputFolder) {
  const labels = readLabels(labelsFolder);
  rmSync(outputFolder, { recursive: true, force: true });
  mkdirSync(outputFolder, { recursive: true });
  for (const [name, value] of labels) {
    writeFileSync(join(outputFolder, `c.${name}.js`), `module.exports = { __esModule: true, default: ${JSON.stringify(value)} };\n`);
  }
  return labels.size;
}
