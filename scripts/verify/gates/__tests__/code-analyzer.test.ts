import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { GateResult } from '../../lib/gate.ts';
import { codeAnalyzerGate } from '../code-analyzer.ts';
import { type AnalyzerViolation, PATH_CRASH_RULE, PATH_TIMEOUT_RULE, unanalysedEntryPoints } from '../code-analyzer/engines.ts';
import { findInlineSuppressions } from '../code-analyzer/inline-suppressions.ts';
import { isTimeoutRule, isUnanalysedRule, parseSuppressions, SUPPRESSIONS_FILE } from '../code-analyzer/suppressions.ts';
import { isFailing, judge } from '../code-analyzer/verdict.ts';

// Each gate run starts PMD and the Graph Engine (≈ 6–10 s): the workspaces are shared by the
// assertions, and the suppression rules are also unit-tested on plain data through `judge`.

const PROJECT = '{"packageDirectories":[{"path":"force-app","default":true}],"namespace":"","sourceApiVersion":"66.0"}';
const CLASS_META = `<?xml version="1.0" encoding="UTF-8"?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>66.0</apiVersion>
    <status>Active</status>
</ApexClass>
`;
const CLASSES = 'force-app/main/default/classes';
const REASON = 'Reviewed: the ids come from a bounded list of at most five records, checked by the caller.';

const CLEAN = `/**
 * Reads accounts as the running user.
 */
public with sharing class Clean {
    /**
     * Returns one account the user may see.
     * @return the account
     */
    public static Account first() {
        return [SELECT Id FROM Account WITH USER_MODE LIMIT 1];
    }
}
`;
const LOOP = `/**
 * Queries inside a loop.
 */
public with sharing class Looping {
    /**
     * One query per id.
     * @param ids record ids
     */
    public static void touch(List<Id> ids) {
        for (Id recordId : ids) {
            Account acc = [SELECT Id FROM Account WHERE Id = :recordId WITH USER_MODE];
        }
    }
}
`;
const NO_MODE = `/**
 * Queries without an access mode.
 */
public with sharing class NoMode {
    /**
     * Reads accounts in system mode by default.
     * @return accounts
     */
    public static List<Account> all() {
        return [SELECT Id, Name FROM Account LIMIT 5];
    }
}
`;

async function workspace(classes: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'code-analyzer-test-'));
  await writeFile(path.join(root, 'sfdx-project.json'), PROJECT);
  await mkdir(path.join(root, CLASSES), { recursive: true });
  for (const [name, source] of Object.entries(classes)) {
    await writeFile(path.join(root, CLASSES, `${name}.cls`), source);
    await writeFile(path.join(root, CLASSES, `${name}.cls-meta.xml`), CLASS_META);
  }
  return root;
}

async function writeSuppressions(root: string, suppressions: unknown[]): Promise<void> {
  await mkdir(path.join(root, 'config'), { recursive: true });
  await writeFile(path.join(root, SUPPRESSIONS_FILE), JSON.stringify({ suppressions }, null, 2));
}

const render = (result: GateResult): string =>
  result.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.message}`).join('\n');

describe('code-analyzer gate', () => {
  const roots: string[] = [];
  after(async () => {
    for (const root of roots) await rm(root, { recursive: true, force: true });
  });

  test('a clean class passes', async () => {
    const root = await workspace({ Clean: CLEAN });
    roots.push(root);
    const result = await codeAnalyzerGate.run({ root });
    assert.equal(result.ok, true, render(result));
    assert.deepEqual(result.findings, []);
    assert.ok(
      result.notes?.some((note) => /rules: \d+ selected \(pmd \d+, sfge \d+\)/.test(note)),
      String(result.notes),
    );
  });

  describe('SOQL in a loop and a query without access mode', () => {
    let root = '';
    let result: GateResult;
    before(async () => {
      root = await workspace({ Clean: CLEAN, Looping: LOOP, NoMode: NO_MODE });
      roots.push(root);
      result = await codeAnalyzerGate.run({ root });
    });

    test('fails on OperationWithLimitsInLoop (severity 3) with file:line', () => {
      assert.equal(result.ok, false);
      const finding = result.findings.find((f) => /pmd:OperationWithLimitsInLoop \(sev 3\)/.test(f.message));
      assert.ok(finding, render(result));
      assert.equal(finding.file, `${CLASSES}/Looping.cls`);
      assert.equal(finding.line, 11);
    });

    test('fails on ApexCRUDViolation with file:line', () => {
      const finding = result.findings.find((f) => /pmd:ApexCRUDViolation/.test(f.message));
      assert.ok(finding, render(result));
      assert.equal(finding.file, `${CLASSES}/NoMode.cls`);
      assert.equal(finding.line, 10);
    });

    test('does not blame the clean class', () => {
      assert.deepEqual(
        result.findings.filter((f) => f.file.endsWith('Clean.cls')),
        [],
      );
    });

    test('scoped to one class, only that class is analysed; a scoped suppression entry for another file is not stale', async () => {
      await writeSuppressions(root, [{ rule: 'ApexCRUDViolation', file: `${CLASSES}/NoMode.cls`, reason: REASON }]);
      try {
        const scoped = await codeAnalyzerGate.run({ root, onlyFiles: [`${CLASSES}/Looping.cls`] });
        assert.equal(scoped.ok, false);
        assert.ok(
          scoped.findings.some((f) => f.file === `${CLASSES}/Looping.cls` && /OperationWithLimitsInLoop/.test(f.message)),
          render(scoped),
        );
        assert.deepEqual(
          scoped.findings.filter((f) => f.file !== `${CLASSES}/Looping.cls`),
          [],
          render(scoped),
        );
        assert.ok(
          scoped.notes?.some((note) => note === `scoped: 1 of 6 target files (${CLASSES}/Looping.cls)`),
          String(scoped.notes),
        );
      } finally {
        await rm(path.join(root, SUPPRESSIONS_FILE), { force: true });
      }
    });

    test('scoped to a file the full run does not target, nothing is analysed and nothing is found', async () => {
      // Outside the package directories: a full run never analyses it, so a scoped one must not either.
      await mkdir(path.join(root, 'outside'), { recursive: true });
      await writeFile(path.join(root, 'outside/NoMode.cls'), NO_MODE);
      try {
        const scoped = await codeAnalyzerGate.run({ root, onlyFiles: ['outside/NoMode.cls'] });
        assert.deepEqual(scoped.findings, []);
        assert.equal(scoped.ok, true);
        assert.ok(
          scoped.notes?.some((note) => note === 'scoped: 0 of 6 target files (none of the named files)'),
          String(scoped.notes),
        );
      } finally {
        await rm(path.join(root, 'outside'), { recursive: true, force: true });
      }
    });

    test('a suppression with a reason makes it pass; one without a reason or a stale one fails', async () => {
      await writeSuppressions(root, [
        { rule: 'OperationWithLimitsInLoop', file: `${CLASSES}/Looping.cls`, line: 11, reason: REASON },
        { rule: 'pmd:ApexCRUDViolation', file: `${CLASSES}/NoMode.cls`, reason: REASON },
      ]);
      const suppressed = await codeAnalyzerGate.run({ root });
      assert.equal(suppressed.ok, true, render(suppressed));
      assert.ok(
        suppressed.notes?.some((note) => /2 suppressed .*\(2 of 2 entries used\)/.test(note)),
        String(suppressed.notes),
      );

      await writeSuppressions(root, [
        { rule: 'OperationWithLimitsInLoop', file: `${CLASSES}/Looping.cls`, line: 11, reason: 'fine' },
        { rule: 'ApexCRUDViolation', file: `${CLASSES}/NoMode.cls`, reason: REASON },
        { rule: 'ApexCRUDViolation', file: `${CLASSES}/Gone.cls`, line: 3, reason: REASON },
      ]);
      const invalid = await codeAnalyzerGate.run({ root });
      assert.equal(invalid.ok, false);
      const inFile = invalid.findings.filter((f) => f.file === SUPPRESSIONS_FILE);
      assert.ok(
        inFile.some((f) => /suppressions\[0\]: "reason" must explain, in at least 40 characters/.test(f.message) && f.line === 4),
        render(invalid),
      ); // the line of its "rule" key
      assert.ok(
        inFile.some((f) => /stale suppression: no ApexCRUDViolation violation in .*Gone\.cls at line 3/.test(f.message)),
        render(invalid),
      );
      // The entry without a reason suppresses nothing.
      assert.ok(
        invalid.findings.some((f) => f.file === `${CLASSES}/Looping.cls` && /OperationWithLimitsInLoop/.test(f.message)),
        render(invalid),
      );
      assert.ok(!invalid.findings.some((f) => f.file === `${CLASSES}/NoMode.cls`), render(invalid));
    });
  });
});

describe('code-analyzer verdict (no engines)', () => {
  const violation = (rule: string, severity: number, file = 'force-app/A.cls', line = 3): AnalyzerViolation => ({
    engine: rule === 'ApexFlsViolation' ? 'sfge' : 'pmd',
    rule,
    severity,
    file,
    line,
    column: 5,
    message: `${rule} here`,
  });

  test('severity 1–2 and the listed rules fail, whatever their severity; the rest are notes', () => {
    for (const rule of [
      'OperationWithLimitsInLoop',
      'ApexSharingViolations',
      'ApexCRUDViolation',
      'ApexSOQLInjection',
      'AvoidHardcodedCredentialsInVarDecls',
      'AvoidHardcodedCredentialsInHttpHeader',
      'ApexFlsViolation',
    ]) {
      assert.equal(isFailing(violation(rule, 4)), true, rule);
    }
    assert.equal(isFailing(violation('EmptyCatchBlock', 2)), true);
    assert.equal(isFailing(violation('UninstantiableEngineError', 1)), true);
    assert.equal(isFailing(violation('ApexDoc', 4)), false);

    const result = judge([violation('ApexDoc', 4), violation('ExcessiveParameterList', 3), violation('EmptyCatchBlock', 2)], undefined);
    assert.equal(result.ok, false);
    assert.deepEqual(result.findings, [
      { file: 'force-app/A.cls', line: 3, column: 5, message: 'pmd:EmptyCatchBlock (sev 2) EmptyCatchBlock here' },
    ]);
    assert.ok(result.notes?.some((note) => /2 advisory/.test(note)));
    // The output counts advisory violations by rule; each one is a line of the report file instead.
    assert.ok(result.notes?.some((note) => note.includes('every advisory violation: results/code-analyzer-advisory.txt')));
    assert.ok(!result.notes?.some((note) => note.includes('ApexDoc here')), 'no advisory line in the output');
    assert.ok(result.advisoryLines.includes('force-app/A.cls:3:5 pmd:ApexDoc (sev 4) ApexDoc here'));
  });

  test('suppressions match by rule (with or without engine), file and optional line', () => {
    const text = (entries: unknown[]): string => JSON.stringify({ suppressions: entries });
    const crud = violation('ApexCRUDViolation', 2);
    assert.equal(judge([crud], text([{ rule: 'ApexCRUDViolation', file: 'force-app/A.cls', reason: REASON }])).ok, true);
    assert.equal(judge([crud], text([{ rule: 'pmd:ApexCRUDViolation', file: 'force-app/A.cls', line: 3, reason: REASON }])).ok, true);
    const wrongLine = judge([crud], text([{ rule: 'ApexCRUDViolation', file: 'force-app/A.cls', line: 4, reason: REASON }]));
    assert.equal(wrongLine.ok, false);
    assert.equal(wrongLine.findings.length, 2); // the violation and the stale entry
  });

  test('a scoped verdict considers only the suppression entries of the analysed files', () => {
    const text = JSON.stringify({
      suppressions: [
        { rule: 'ApexCRUDViolation', file: 'force-app/A.cls', reason: REASON },
        { rule: 'ApexCRUDViolation', file: 'force-app/B.cls', reason: REASON },
      ],
    });
    const crud = violation('ApexCRUDViolation', 2);
    // Scoped to A.cls: B.cls was not analysed, so its entry is neither used nor stale.
    assert.deepEqual(judge([crud], text, [], [], new Set(['force-app/A.cls'])).findings, []);
    // Unscoped, the B.cls entry matches nothing: stale.
    const full = judge([crud], text);
    assert.equal(full.ok, false);
    assert.match(full.findings[0]?.message ?? '', /stale suppression: no ApexCRUDViolation violation in force-app\/B\.cls/);
    // Scoped to B.cls as well, its entry is stale again: scoping never hides a file it analysed.
    assert.equal(judge([crud], text, [], [], new Set(['force-app/A.cls', 'force-app/B.cls'])).ok, false);
  });

  test('the suppression file is validated', () => {
    assert.deepEqual(parseSuppressions(undefined), { entries: [], findings: [] });
    assert.deepEqual(parseSuppressions('{"suppressions": []}'), { entries: [], findings: [] });
    assert.match(parseSuppressions('{').findings[0]?.message ?? '', /not valid JSON/);
    assert.match(parseSuppressions('{"suppressions": {}}').findings[0]?.message ?? '', /must be an array/);
    const bad = parseSuppressions(JSON.stringify({ suppressions: [{ rule: 'X', file: '/abs/A.cls', lines: 3, reason: 'short' }] }));
    assert.equal(bad.entries.length, 0);
    const messages = bad.findings.map((f) => f.message).join('\n');
    assert.match(messages, /unknown key "lines"/);
    assert.match(messages, /relative path/);
    assert.match(messages, /at least 40 characters/);
  });

  test('inline PMD suppressions are found', () => {
    const source = "@SuppressWarnings('PMD.ApexCRUDViolation')\npublic class A {\n    Integer x; // NOPMD\n}";
    assert.deepEqual(
      findInlineSuppressions(source).map((hit) => `${hit.line}:${hit.column}`),
      ['1:1', '3:19'],
    );
    assert.deepEqual(findInlineSuppressions("@SuppressWarnings('unchecked') public class B {}"), []);
  });
});

test('an entry point the Graph Engine could not finish becomes a failing violation at that entry point', () => {
  const problems = [
    'sfge: Internal execution error while scanning entry point: /repo/force-app/a/classes/Api.cls:12:24: Path evaluation timed out after 60000 ms',
    'sfge: something else entirely',
  ];
  const violations = unanalysedEntryPoints('/repo', problems);
  assert.equal(violations.length, 1);
  const [violation] = violations;
  assert.equal(violation?.rule, PATH_TIMEOUT_RULE);
  assert.equal(violation?.file, 'force-app/a/classes/Api.cls');
  assert.equal(violation?.line, 12);
  assert.ok(violation && isFailing(violation), 'fails unless a reviewed suppression accepts it');
});

/** A line Graph Engine 0.25 logged on this project (shortened after the exception's name): it crashed instead of analysing. */
const RECORDED_CRASH =
  'sfge: Internal execution error while scanning entry point: /repo/force-app/main/email-logging/classes/BccController.cls:14:30: ' +
  'Graph Engine identified your source and sink, but you must manually verify that you have a sanitizer in this path. Then, add an engine ' +
  'directive to skip the path. Error and stacktrace: UnexpectedException: MethodCallExpressionVertex{fullMethodName=settings.put, ' +
  'referenceVertex=LazyVertex{result=ReferenceExpression{properties={FirstChild=true, Names=[settings], BeginLine=49}}}}';

test('an entry point the Graph Engine crashed on fails like one it timed out on', () => {
  const violations = unanalysedEntryPoints('/repo', [RECORDED_CRASH]);
  assert.equal(violations.length, 1);
  const [violation] = violations;
  assert.equal(violation?.rule, PATH_CRASH_RULE);
  assert.equal(violation?.file, 'force-app/main/email-logging/classes/BccController.cls');
  assert.equal(violation?.line, 14);
  assert.match(violation?.message ?? '', /crashed on this entry point .*UnexpectedException/);
  assert.ok((violation?.message.length ?? 0) < 400, 'the stack trace is cut');
  const result = judge(violations, JSON.stringify({ suppressions: [] }));
  assert.equal(result.ok, false, 'the gate fails on a recorded crash');
  assert.match(result.findings[0]?.message ?? '', /sfge:PathEvaluationCrash/);
});

test('a timeout suppression never reports "finished" for an entry point the engine crashed on', () => {
  const crash = unanalysedEntryPoints('/repo', [RECORDED_CRASH]);
  const timeoutEntry = {
    rule: 'sfge:PathEvaluationTimeout',
    file: 'force-app/main/email-logging/classes/BccController.cls',
    line: 14,
    reason: REASON,
  };
  const result = judge(crash, JSON.stringify({ suppressions: [timeoutEntry] }));
  assert.equal(result.ok, false, 'the crash still fails: a timeout suppression does not cover it');
  assert.ok(
    result.notes?.some((note) => /did not time out on .*BccController\.cls:14 this time but crashed on it/.test(note)),
    String(result.notes),
  );
  assert.ok(!result.notes?.some((note) => /Graph Engine finished .*BccController/.test(note)), 'never claims it finished');
});

test('an unused timeout suppression is a note, not a stale entry; an unused other one fails', () => {
  const text = (entries: unknown[]): string => JSON.stringify({ suppressions: entries });
  const entries = [
    { rule: 'sfge:PathEvaluationTimeout', file: 'force-app/Slow.cls', line: 9, reason: REASON },
    { rule: 'ApexCRUDViolation', file: 'force-app/Gone.cls', reason: REASON },
  ];
  const result = judge([], text(entries));
  assert.equal(result.ok, false);
  assert.equal(result.findings.length, 1, render(result));
  assert.match(result.findings[0]?.message ?? '', /stale suppression: no ApexCRUDViolation violation in force-app\/Gone\.cls/);
  assert.ok(
    result.notes?.some((note) => /Graph Engine finished force-app\/Slow\.cls:9 this time/.test(note)),
    String(result.notes),
  );
  assert.equal(judge([], text([entries[0]!])).ok, true);
  assert.equal(isTimeoutRule('PathEvaluationTimeout'), true);
  assert.equal(isTimeoutRule('sfge:ApexFlsViolation'), false);
});

test('a crash suppression accepts the crash, and is a note, not a stale entry, on a run where the engine times out instead', () => {
  const crashEntry = {
    rule: 'sfge:PathEvaluationCrash',
    file: 'force-app/main/email-logging/classes/BccController.cls',
    line: 14,
    reason: REASON,
  };
  const text = JSON.stringify({ suppressions: [crashEntry] });
  assert.equal(judge(unanalysedEntryPoints('/repo', [RECORDED_CRASH]), text).ok, true, 'the reviewed crash is accepted');
  const unused = judge([], text);
  assert.equal(unused.ok, true, 'not stale');
  assert.ok(
    unused.notes?.some((note) => /did not crash on .*BccController\.cls:14 this time/.test(note)),
    String(unused.notes),
  );
  assert.equal(isUnanalysedRule('sfge:PathEvaluationCrash'), true);
  assert.equal(isUnanalysedRule('PathEvaluationTimeout'), true);
  assert.equal(isUnanalysedRule('ApexCRUDViolation'), false);
});

test('an unused Graph Engine finding entry is stale when every entry point was analysed, and a note when one was not', () => {
  const flsEntry = { rule: 'sfge:ApexFlsViolation', file: 'force-app/Selector.cls', line: 37, reason: REASON };
  const text = JSON.stringify({ suppressions: [flsEntry] });
  // Every entry point finished and no FLS finding: the entry is stale
  const finished = judge([], text);
  assert.equal(finished.ok, false, 'stale when nothing was left unanalysed');
  assert.match(
    finished.findings[0]?.message ?? '',
    /stale suppression: no sfge:ApexFlsViolation violation in force-app\/Selector\.cls at line 37/,
  );
  // An entry point timed out (and is itself a failing violation here, unsuppressed): the FLS entry is a note
  const timedOut: AnalyzerViolation = {
    engine: 'sfge',
    rule: PATH_TIMEOUT_RULE,
    severity: 2,
    file: 'force-app/Resource.cls',
    line: 16,
    message: 'Path evaluation timed out after 60000 ms',
  };
  const slow = judge([timedOut], text);
  assert.equal(slow.findings.length, 1, 'only the unsuppressed timeout fails');
  assert.match(slow.findings[0]?.message ?? '', /PathEvaluationTimeout/);
  assert.ok(
    slow.notes?.some((note) =>
      /no sfge:ApexFlsViolation at force-app\/Selector\.cls:37 this time, while Graph Engine left 1 entry point/.test(note),
    ),
    String(slow.notes),
  );
  // A PMD entry stays stale whatever Graph Engine did
  const pmdEntry = { rule: 'ApexCRUDViolation', file: 'force-app/Gone.cls', reason: REASON };
  assert.equal(judge([timedOut], JSON.stringify({ suppressions: [pmdEntry] })).findings.length, 2, 'the timeout and the stale PMD entry');
});
