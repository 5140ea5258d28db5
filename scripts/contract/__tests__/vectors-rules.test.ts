/**
 * Every shared test-vector case passes the TypeScript reference implementation.
 * Apex runs the same file (static resource SiaSyncTestVectors) through its own
 * implementation, so both sides are held to the same cases.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadVectors } from '../load.ts';
import { allCaseChecks } from '../vector-checks.ts';

const vectors = loadVectors();

for (const { section, name, check } of allCaseChecks(vectors)) {
  test(`${section} › ${name}`, () => {
    assert.deepEqual(check(), []);
  });
}
