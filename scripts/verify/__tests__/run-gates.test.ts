import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runGates, selectGates, GATES } from '../run-gates.ts';
import { formatFinding, resultFrom, type Gate } from '../lib/gate.ts';

const passing: Gate = { id: 'passing', title: 'passes', run: async () => resultFrom([], ['a note']) };
const failing: Gate = {
  id: 'failing',
  title: 'fails',
  run: async () => resultFrom([{ file: 'a.cls', line: 3, column: 7, message: 'bad' }]),
};
const crashing: Gate = {
  id: 'crashing',
  title: 'throws',
  run: async () => {
    throw new Error('boom');
  },
};
const lying: Gate = {
  id: 'lying',
  title: 'says ok with findings',
  run: async () => ({ ok: true, findings: [{ file: 'x', message: 'y' }] }),
};

test('runs every gate even after failures and counts gates', async () => {
  const lines: string[] = [];
  const counts = await runGates([failing, crashing, passing, lying], '/repo', (line) => lines.push(line));
  assert.deepEqual(counts, { passed: 1, failed: 3 });
  assert.ok(lines.includes('  ✗ a.cls:3:7 bad'));
  assert.ok(lines.some((line) => line.includes('scripts/verify/gates/crashing.ts gate crashed: Error: boom')));
  assert.ok(lines.some((line) => line.startsWith('✔ PASS passing')));
  assert.ok(
    lines.some((line) => line.startsWith('✘ FAIL lying')),
    'a result with findings fails even if it claims ok',
  );
  assert.ok(lines.includes('  · a note'));
});

test('selects gates by id and rejects unknown ids, naming the known ones', () => {
  assert.deepEqual(
    selectGates(['--only', 'failing'], [passing, failing]).map((gate) => gate.id),
    ['failing'],
  );
  assert.equal(selectGates([], [passing, failing]).length, 2);
  assert.throws(() => selectGates(['--only', 'nope'], [passing]), /Unknown or missing gate id\(s\): nope\. Known: passing\./);
  assert.throws(() => selectGates(['--only'], [passing]), /\(none given\)/);
  // npm test -- <gate>: the names come without --only, and anything unknown is refused, never "run all"
  assert.deepEqual(
    selectGates(['failing'], [passing, failing]).map((gate) => gate.id),
    ['failing'],
  );
  assert.throws(() => selectGates(['--verbose'], [passing]), /Unknown or missing gate id\(s\): --verbose\. Known: passing\./);
  assert.throws(() => selectGates(['passing', 'typo'], [passing]), /typo/);
});

test('has the nine gates, in order, with unique ids', () => {
  assert.deepEqual(
    GATES.map((gate) => gate.id),
    ['typecheck', 'lint-format', 'apex-syntax', 'apex-semantics', 'code-analyzer', 'lwc-compiler', 'metadata', 'tests', 'browser'],
  );
});

test('formats findings as file:line:col message, omitting what is unknown', () => {
  assert.equal(formatFinding({ file: 'a.ts', line: 1, column: 2, message: 'm' }), 'a.ts:1:2 m');
  assert.equal(formatFinding({ file: 'a.ts', message: 'm' }), 'a.ts m');
  assert.equal(resultFrom([]).ok, true);
  assert.equal(resultFrom([{ file: 'f', message: 'm' }]).ok, false);
});
