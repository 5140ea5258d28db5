import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scopedTargets } from '../gate.ts';

const TARGETS = ['force-app/a/A.cls', 'force-app/a/A.cls-meta.xml', 'force-app/b/B.cls'];

test('no scope: every normal target, in order', () => {
  assert.deepEqual(scopedTargets(TARGETS, undefined), TARGETS);
});

test('a scope keeps only the named files that are normal targets, in the targets’ order', () => {
  assert.deepEqual(scopedTargets(TARGETS, ['force-app/b/B.cls', 'force-app/a/A.cls']), ['force-app/a/A.cls', 'force-app/b/B.cls']);
  assert.deepEqual(scopedTargets(TARGETS, ['./force-app/b/B.cls']), ['force-app/b/B.cls']);
});

test('a named file that is not a normal target is never added; an empty scope leaves nothing', () => {
  assert.deepEqual(scopedTargets(TARGETS, ['scripts/x.cls', 'force-app/a/Missing.cls', 'force-app/a/A.cls']), ['force-app/a/A.cls']);
  assert.deepEqual(scopedTargets(TARGETS, ['scripts/x.cls']), []);
  assert.deepEqual(scopedTargets(TARGETS, []), []);
});
