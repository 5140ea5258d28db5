/**
 * The vectors file itself: valid against its JSON Schema, case names unique per
 * section, the static resource's metadata in place, realistic Salesforce ids.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CONTRACT_FILES, loadVectors, readJson } from '../load.ts';
import { VECTOR_SECTIONS } from '../vector-types.ts';
import { duplicateCaseNames, vectorsSchemaErrors } from '../vectors-validator.ts';
import { invalidIds } from '../id-scan.ts';

const raw = readJson(CONTRACT_FILES.vectors);

test('vectors file › validates against docs/contract/test-vectors.schema.json', () => {
  assert.deepEqual(vectorsSchemaErrors(raw), []);
});

test('vectors file › case names are unique within each section', () => {
  assert.deepEqual(duplicateCaseNames(raw), []);
});

test('vectors file › every section has at least 6 cases', () => {
  const vectors = loadVectors();
  for (const section of VECTOR_SECTIONS) {
    assert.ok(vectors[section].length >= 6, `${section} has ${vectors[section].length} cases`);
  }
});

test('vectors file › 18-character Salesforce ids carry a correct checksum suffix', () => {
  assert.deepEqual(invalidIds(raw), []);
});

test('vectors file › static resource metadata is Private application/json', () => {
  const meta = readFileSync(CONTRACT_FILES.vectors.replace(/\.json$/, '.resource-meta.xml'), 'utf8');
  assert.match(meta, /<StaticResource xmlns="http:\/\/soap\.sforce\.com\/2006\/04\/metadata">/);
  assert.match(meta, /<cacheControl>Private<\/cacheControl>/);
  assert.match(meta, /<contentType>application\/json<\/contentType>/);
});
