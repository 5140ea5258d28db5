import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The shared test vectors as an `@IsTest` Apex class. The Apex tests that run the vectors read
 * this class, not the `SiaSyncTestVectors` static resource: a static resource under
 * `unpackaged/` is deployed to scratch orgs only, so those tests would fail in a subscriber org or
 * the security-review org. The class is generated (`npm run build:vectors`) and committed; a test
 * in `npm test` fails when it and the JSON differ.
 */

/** Where the JSON and the generated class live, relative to the repository root. */
export const VECTORS_JSON = 'unpackaged/staticresources/SiaSyncTestVectors.json';
export const VECTORS_CLASS = 'force-app/tests/shared/classes/SiaSyncTestVectorsData.cls';

/** Characters of JSON per Apex string literal: short lines, a list the compiler takes easily. */
const CHUNK = 1000;

/**
 * An Apex single-quoted string literal holding `text` exactly. Apex literals take `\\`, `\'`,
 * `\n`, `\r`, `\t` and `\uXXXX`; everything outside printable ASCII is written as `\uXXXX`
 * (UTF-16 code units, so surrogate pairs survive), keeping the class pure ASCII.
 * @returns the literal, quotes included
 */
export function apexStringLiteral(text: string): string {
  let out = "'";
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    const char = text.charAt(index);
    if (char === '\\') out += '\\\\';
    else if (char === "'") out += "\\'";
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (unit < 0x20 || unit > 0x7e) out += `\\u${unit.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return `${out}'`;
}

/**
 * The Apex class holding the vectors file verbatim.
 * @param json the vectors file's text
 * @returns the class source
 */
export function renderTestVectorsClass(json: string): string {
  const chunks: string[] = [];
  let start = 0;
  while (start < json.length) {
    let end = Math.min(json.length, start + CHUNK);
    // Never split a surrogate pair across two literals (each literal is escaped on its own).
    if (end < json.length && /[\uD800-\uDBFF]/.test(json.charAt(end - 1))) end++;
    chunks.push(json.slice(start, end));
    start = end;
  }
  const parts = chunks.map((chunk) => `            ${apexStringLiteral(chunk)}`).join(',\n');
  return [
    '/**',
    ` * @description GENERATED from ${VECTORS_JSON} by \`npm run build:vectors\`: do not edit.`,
    ' * The shared test vectors, verbatim, as Apex: the tests that run them need no unpackaged',
    ' * metadata, so they pass in any org. `npm test` fails when this class and the JSON differ.',
    ' * @group Test Support',
    ' */',
    '@IsTest',
    'public class SiaSyncTestVectorsData {',
    '    /**',
    '     * @description The vectors file as text.',
    '     * @return the JSON',
    '     */',
    '    public static String json() {',
    '        return String.join(',
    '            new List<String>{',
    parts,
    '            },',
    "            ''",
    '        );',
    '    }',
    '}',
    '',
  ].join('\n');
}

/**
 * Writes the class from the JSON.
 * @param root the repository root
 */
export function writeTestVectorsClass(root: string): void {
  const json = readFileSync(`${root}/${VECTORS_JSON}`, 'utf8');
  writeFileSync(`${root}/${VECTORS_CLASS}`, renderTestVectorsClass(json));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  writeTestVectorsClass(root);
  console.log(`Wrote ${VECTORS_CLASS} from ${VECTORS_JSON}.`);
}
