import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { jestArguments, nodeTestArguments, planTests, scriptTestFiles, testsGate } from '../tests.ts';

const repo = fileURLToPath(new URL('../../../..', import.meta.url));
const JEST = ['force-app/main/ui/lwc/a/__tests__/a.test.ts', 'force-app/main/ui/lwc/b/__tests__/b.test.ts'];
const NODE = ['scripts/verify/__tests__/x.test.ts', 'scripts/verify/lib/__tests__/y.test.ts'];

test('unscoped, the plan is the whole Jest suite and every node test', () => {
  assert.deepEqual(planTests(JEST, NODE, undefined), { jest: 'all', node: NODE });
});

test('scoped, the plan keeps only the named normal tests of each part, and empties a part with none', () => {
  assert.deepEqual(planTests(JEST, NODE, [JEST[1] ?? '', 'force-app/main/ui/lwc/b/b.ts']), { jest: [JEST[1]], node: [] });
  assert.deepEqual(planTests(JEST, NODE, [NODE[0] ?? '']), { jest: [], node: [NODE[0]] });
  assert.deepEqual(planTests(JEST, NODE, [JEST[0] ?? '', NODE[1] ?? '']), { jest: [JEST[0]], node: [NODE[1]] });
  // A test file outside both lists (e.g. one Jest's testMatch or ignore patterns leave out) is not run.
  assert.deepEqual(planTests(JEST, NODE, ['scripts/verify/lib/__tests__/fixtures/z.test.ts', 'force-app/x/__tests__/y.test.js']), {
    jest: [],
    node: [],
  });
});

test('the full Jest run measures coverage over the whole suite; a scoped one runs exactly its files, without coverage', () => {
  const full = jestArguments('/tmp/report.json');
  assert.ok(full.includes('--coverage'));
  assert.ok(full.includes('--no-cache'));
  assert.ok(full.includes('--outputFile=/tmp/report.json'));
  assert.ok(!full.includes('--runTestsByPath'));
  assert.ok(!full.some((arg) => arg.endsWith('.test.ts')), 'no test file named: the whole suite');

  const scoped = jestArguments('/tmp/report.json', [JEST[0] ?? '']);
  assert.ok(!scoped.includes('--coverage'));
  assert.ok(scoped.includes('--json') && scoped.includes('--testLocationInResults') && scoped.includes('--outputFile=/tmp/report.json'));
  const byPath = scoped.indexOf('--runTestsByPath');
  assert.notEqual(byPath, -1);
  assert.deepEqual(scoped.slice(byPath + 1), [JEST[0]]);
});

test('the node test runner runs exactly the files given', () => {
  assert.deepEqual(nodeTestArguments(NODE), ['--test', '--test-reporter=tap', ...NODE]);
});

test('scoped to one node test, the gate runs that file only and skips Jest; scoped to no test, it runs nothing', async () => {
  const own = 'scripts/verify/lib/__tests__/gate.test.ts';
  assert.ok(scriptTestFiles(repo).includes(own));
  assert.ok(scriptTestFiles(repo).length > 1);

  const one = await testsGate.run({ root: repo, onlyFiles: [own, 'README.md'] });
  assert.equal(one.ok, true, JSON.stringify(one.findings));
  assert.ok(one.notes?.includes('jest skipped: none of the scoped files is one of its tests'), String(one.notes));
  assert.ok(
    one.notes?.some((note) => /^scripts: [1-9]\d* passed, 0 failed in 1 files$/.test(note)),
    String(one.notes),
  );

  const none = await testsGate.run({ root: repo, onlyFiles: ['README.md'] });
  assert.deepEqual(none.findings, []);
  assert.deepEqual(none.notes, [
    'jest skipped: none of the scoped files is one of its tests',
    'scripts tests skipped: none of the scoped files is one of them',
  ]);
});
