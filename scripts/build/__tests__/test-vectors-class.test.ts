/**
 * The generated Apex class of the shared test vectors: current with the JSON (the check that keeps
 * Apex and TypeScript on the same cases), and its literals decode to the JSON exactly.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { apexStringLiteral, renderTestVectorsClass, VECTORS_CLASS, VECTORS_JSON } from '../test-vectors-class.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const json = readFileSync(`${root}/${VECTORS_JSON}`, 'utf8');

/** Reads the Apex string literals of a source back into text (the inverse of apexStringLiteral). */
function decodeLiterals(source: string): string {
  let text = '';
  for (const match of source.matchAll(/'((?:[^'\\]|\\.)*)'/g)) {
    text += (match[1] ?? '').replace(/\\(u[0-9a-f]{4}|.)/g, (_, escape: string) => {
      if (escape.startsWith('u') && escape.length === 5) return String.fromCharCode(Number.parseInt(escape.slice(1), 16));
      return ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[escape] ?? escape;
    });
  }
  return text;
}

test('test vectors class › is current with the JSON (run `npm run build:vectors` after changing the vectors)', () => {
  assert.equal(readFileSync(`${root}/${VECTORS_CLASS}`, 'utf8'), renderTestVectorsClass(json));
});

test('test vectors class › its literals decode to the JSON, character for character', () => {
  assert.equal(decodeLiterals(renderTestVectorsClass(json)), json);
});

test('test vectors class › is pure ASCII', () => {
  assert.doesNotMatch(renderTestVectorsClass(json), /[^\x20-\x7e\n]/);
});

test('test vectors class › a changed vector makes the committed class stale', () => {
  assert.notEqual(readFileSync(`${root}/${VECTORS_CLASS}`, 'utf8'), renderTestVectorsClass(json.replace('"version": 1', '"version": 2')));
});

test('test vectors class › literals escape what Apex needs and keep surrogate pairs', () => {
  assert.equal(apexStringLiteral("it's \\ a\nb\t🚀é"), "'it\\'s \\\\ a\\nb\\t\\ud83d\\ude80\\u00e9'");
  const rocket = 'x'.repeat(999) + '🚀' + 'y';
  assert.equal(decodeLiterals(renderTestVectorsClass(rocket)), rocket);
});
