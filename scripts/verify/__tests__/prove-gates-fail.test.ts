import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyEdits, DEFECTS, missingRules, runScoped, scopeOf } from '../prove-gates-fail.ts';
import type { Gate, GateContext } from '../lib/gate.ts';
import { GATES } from '../run-gates.ts';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

test('every gate has at least one seeded defect, and each defect names a known gate', () => {
  const seeded = new Set(DEFECTS.map((defect) => defect.gate));
  assert.deepEqual(
    GATES.map((gate) => gate.id).filter((id) => !seeded.has(id)),
    [],
  );
});

test("every defect's text to replace still exists in the checkout (the defects stay seedable)", () => {
  for (const defect of DEFECTS) {
    for (const [file, [find]] of Object.entries(defect.edits)) {
      if (find === '') continue;
      assert.ok(readFileSync(join(repo, file), 'utf8').includes(find), `${defect.gate} (${defect.description}): "${find}" not in ${file}`);
    }
  }
});

test('applying an edit whose text is gone fails, naming the defect', () => {
  const root = mkdtempSync(join(tmpdir(), 'prove-'));
  try {
    assert.throws(
      () => applyEdits(root, { gate: 'x', description: 'gone', edits: { 'a.txt': ['zzz', 'y'] }, expectFile: 'a.txt' }),
      /ENOENT|Cannot seed "gone"/,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a defect that names rules is caught only when every rule is among the findings', () => {
  const defect = { gate: 'code-analyzer', description: 'd', edits: {}, expectFile: 'A.cls', expectRules: ['RuleOne', 'RuleTwo'] };
  assert.deepEqual(missingRules(defect, [{ message: 'pmd:RuleOne (sev 3) x' }]), ['RuleTwo']);
  assert.deepEqual(missingRules(defect, [{ message: 'pmd:RuleOne (sev 3) x' }, { message: 'pmd:RuleTwo (sev 2) y' }]), []);
  assert.deepEqual(missingRules({ gate: 'tests', description: 'no rules named', edits: {}, expectFile: 'a.ts' }, []), []);
});

test("each defect's gate is scoped to exactly the files it edits, which include the file the finding must be in", () => {
  for (const defect of DEFECTS) {
    assert.deepEqual(scopeOf(defect), Object.keys(defect.edits), defect.description);
    // The browser gate tests behaviour: a defect seeded in a component is found by the browser test
    // that sees it, so its finding is in that test (which must exist), not in the edited file.
    if (defect.gate === 'browser') {
      assert.ok(existsSync(join(repo, defect.expectFile)), `${defect.description}: ${defect.expectFile} exists`);
      // Only the named test runs in the proof: it must be a test of that file, by its name.
      const pattern = new RegExp(defect.testNamePattern ?? '(no pattern)');
      const names = [...readFileSync(join(repo, defect.expectFile), 'utf8').matchAll(/\btest\((['"])(.+?)\1/g)].map(
        (match) => match[2] ?? '',
      );
      assert.equal(
        names.filter((name) => pattern.test(name)).length,
        1,
        `${defect.description}: ${defect.testNamePattern} names one test of ${defect.expectFile}`,
      );
    } else assert.ok(scopeOf(defect).includes(defect.expectFile), `${defect.description}: ${defect.expectFile} is not in its scope`);
  }
});

test('a scoped proof hands the gate its root and files, and a gate that throws has failed, like runGate', async () => {
  const contexts: GateContext[] = [];
  const recording: Gate = {
    id: 'recording',
    title: 'records its context',
    run: (context) => {
      contexts.push(context);
      return Promise.resolve({ ok: false, findings: [{ file: 'a.cls', message: 'seen' }] });
    },
  };
  const passed = await runScoped(recording, '/tmp/worktree', ['a.cls', 'a.cls-meta.xml']);
  assert.deepEqual(contexts, [{ root: '/tmp/worktree', onlyFiles: ['a.cls', 'a.cls-meta.xml'] }]);
  assert.deepEqual(passed, { ok: false, findings: [{ file: 'a.cls', message: 'seen' }] });
  await runScoped(recording, '/tmp/worktree', ['b.ts'], '^the one test');
  assert.deepEqual(
    contexts[1],
    { root: '/tmp/worktree', onlyFiles: ['b.ts'], testNamePattern: '^the one test' },
    'A named test is handed on',
  );

  const crashing: Gate = { id: 'boom', title: 'throws', run: () => Promise.reject(new Error('engine exploded')) };
  const crashed = await runScoped(crashing, '/tmp/worktree', ['a.cls']);
  assert.equal(crashed.ok, false);
  assert.equal(crashed.findings.length, 1);
  assert.equal(crashed.findings[0]?.file, 'scripts/verify/gates/boom.ts');
  assert.match(crashed.findings[0]?.message ?? '', /^gate crashed: Error: engine exploded/);
});
