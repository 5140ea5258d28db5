import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { lineCount, MAX_CLASS_LINES, oversizedClasses } from '../apex-class-size.ts';

const repo = fileURLToPath(new URL('../../../..', import.meta.url));

test('lines are counted as an editor numbers them', () => {
  assert.equal(lineCount(''), 0);
  assert.equal(lineCount('a'), 1);
  assert.equal(lineCount('a\n'), 1);
  assert.equal(lineCount('a\nb\n'), 2);
  assert.equal(lineCount('a\n\nb'), 3);
});

test('a seeded class over the limit is found, largest first, and one at the limit passes', () => {
  const tree: Record<string, string> = {
    'force-app/main/a/classes/AtLimit.cls': 'x\n'.repeat(MAX_CLASS_LINES),
    'force-app/main/a/classes/Over.cls': 'x\n'.repeat(MAX_CLASS_LINES + 1),
    'force-app/main/b/classes/Larger.cls': 'x\n'.repeat(MAX_CLASS_LINES + 40),
  };
  assert.deepEqual(
    oversizedClasses('/unused', MAX_CLASS_LINES, (path) => tree[path] ?? '', Object.keys(tree)),
    [
      { file: 'force-app/main/b/classes/Larger.cls', lines: MAX_CLASS_LINES + 40 },
      { file: 'force-app/main/a/classes/Over.cls', lines: MAX_CLASS_LINES + 1 },
    ],
  );
});

test(`no production class of this repository passes ${MAX_CLASS_LINES} lines`, () => {
  assert.deepEqual(oversizedClasses(repo), []);
});
