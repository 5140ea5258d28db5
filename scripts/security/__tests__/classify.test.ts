/**
 * The security report's verdict on plain data: each finding suppressed, explained or unexplained;
 * what the false-positives document owes (timeout and crash suppressions) and what it must not keep
 * (explanations of findings that are gone); and the repository's own document against its
 * suppression file.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { AnalyzerViolation } from '../../verify/gates/code-analyzer/engines.ts';
import { parseSuppressions, SUPPRESSIONS_FILE, type Suppression } from '../../verify/gates/code-analyzer/suppressions.ts';
import { classify, countsByRule, explains } from '../classify.ts';
import { FALSE_POSITIVES_FILE, parseExplanations, type Explanation } from '../false-positives.ts';
import { inDirectories, packagedDirectories } from '../scope.ts';

const REPOSITORY = new URL('../../../', import.meta.url);
const REASON = 'Reviewed by hand: the query filters on the primary key and a null bind matches no row.';
const everywhere = (): boolean => true;

const violation = (rule: string, file: string, line: number, engine = 'sfge'): AnalyzerViolation => ({
  engine,
  rule,
  severity: 3,
  file,
  line,
  column: 5,
  message: `${rule} here`,
});
const suppression = (rule: string, file: string, line?: number): Suppression => ({
  rule,
  file,
  ...(line ? { line } : {}),
  reason: REASON,
  at: 7,
});
const explanation = (rule: string, file: string, line?: number): Explanation => ({
  rule,
  file,
  ...(line ? { line } : {}),
  reason: REASON,
  at: 40,
});

test('classify › a suppressed finding carries its reason, an explained one the document line, anything else is unexplained', () => {
  const verdict = classify(
    [
      violation('PathEvaluationTimeout', 'force-app/A.cls', 12),
      violation('MissingNullCheckOnSoqlVariable', 'force-app/B.cls', 24),
      violation('ApexNullPointerException', 'force-app/B.cls', 30),
    ],
    [suppression('sfge:PathEvaluationTimeout', 'force-app/A.cls', 12)],
    [explanation('sfge:PathEvaluationTimeout', 'force-app/A.cls'), explanation('MissingNullCheckOnSoqlVariable', 'force-app/B.cls', 24)],
    everywhere,
  );
  assert.deepEqual(
    verdict.findings.map((finding) => [finding.rule, finding.status, finding.source]),
    [
      ['PathEvaluationTimeout', 'suppressed', `${SUPPRESSIONS_FILE}:7`],
      ['MissingNullCheckOnSoqlVariable', 'explained', `${FALSE_POSITIVES_FILE}:40`],
      ['ApexNullPointerException', 'unexplained', undefined],
    ],
  );
  assert.equal(verdict.findings[0]?.reason, REASON);
  assert.deepEqual(
    verdict.unexplained.map((finding) => finding.file),
    ['force-app/B.cls'],
  );
  assert.deepEqual(verdict.problems, []);
  assert.match(verdict.notes[0] ?? '', /3 finding\(s\): 1 suppressed .* 1 explained .* 1 unexplained/);
});

test('classify › a timeout or crash suppression without an explanation is owed, whether or not this run timed out', () => {
  const verdict = classify(
    [],
    [
      suppression('sfge:PathEvaluationTimeout', 'force-app/A.cls', 12),
      suppression('PathEvaluationCrash', 'force-app/A.cls', 12),
      suppression('sfge:PathEvaluationTimeout', 'unpackaged/T.cls', 3),
    ],
    [explanation('sfge:PathEvaluationCrash', 'force-app/A.cls', 12)],
    inDirectories(['force-app']),
  );
  // The crash entry is explained (engine prefix optional on either side); the unpackaged one is out of scope.
  assert.equal(verdict.problems.length, 1);
  assert.match(
    verdict.problems[0]?.message ?? '',
    /no entry explains the sfge:PathEvaluationTimeout suppression of force-app\/A\.cls:12 \(config\/code-analyzer-suppressions\.json:7\)/,
  );
});

test('classify › an explanation whose finding is gone is stale, unless the finding may hide behind an unanalysed entry point', () => {
  const stale = classify([], [], [explanation('pmd:ProtectSensitiveData', 'force-app/F.field-meta.xml')], everywhere);
  assert.deepEqual(
    stale.problems.map((problem) => [problem.line, problem.message]),
    [[40, 'stale: no pmd:ProtectSensitiveData in force-app/F.field-meta.xml any more; remove this entry']],
  );
  const hidden = classify(
    [violation('PathEvaluationTimeout', 'force-app/R.cls', 16)],
    [suppression('sfge:PathEvaluationTimeout', 'force-app/R.cls')],
    [
      explanation('sfge:PathEvaluationTimeout', 'force-app/R.cls'),
      explanation('sfge:ApexFlsViolation', 'force-app/S.cls', 37),
      explanation('sfge:PathEvaluationCrash', 'force-app/R.cls', 16),
    ],
    everywhere,
  );
  assert.deepEqual(hidden.problems, []);
});

test('explains › rule with or without the engine, same file, and the line when the explanation names one', () => {
  assert.ok(explains(explanation('PathEvaluationTimeout', 'a.cls'), suppression('sfge:PathEvaluationTimeout', 'a.cls', 9)));
  assert.ok(explains(explanation('sfge:PathEvaluationTimeout', 'a.cls', 9), suppression('PathEvaluationTimeout', 'a.cls', 9)));
  assert.ok(!explains(explanation('sfge:PathEvaluationTimeout', 'a.cls', 8), suppression('sfge:PathEvaluationTimeout', 'a.cls', 9)));
  assert.ok(!explains(explanation('pmd:PathEvaluationTimeout', 'a.cls'), suppression('sfge:PathEvaluationTimeout', 'a.cls')));
  assert.ok(!explains(explanation('sfge:PathEvaluationTimeout', 'b.cls'), suppression('sfge:PathEvaluationTimeout', 'a.cls')));
});

test('countsByRule › most frequent first', () => {
  const found = [violation('X', 'a', 1), violation('Y', 'a', 2), violation('Y', 'b', 3)];
  assert.equal(countsByRule(found), 'sfge:Y×2, sfge:X×1');
});

test('the repository › every Graph Engine timeout and crash suppression of the package is explained in docs/security/false-positives.md', () => {
  const root = REPOSITORY.pathname;
  const suppressions = parseSuppressions(readFileSync(new URL(SUPPRESSIONS_FILE, REPOSITORY), 'utf8'));
  const explanations = parseExplanations(readFileSync(new URL(FALSE_POSITIVES_FILE, REPOSITORY), 'utf8'));
  assert.deepEqual(explanations.problems, []);
  assert.ok(explanations.entries.length > 0);
  const verdict = classify([], suppressions.entries, explanations.entries, inDirectories(packagedDirectories(root)));
  // With no scan results every explanation of a Graph Engine outcome is lenient; what remains are the owed entries.
  assert.deepEqual(
    verdict.problems.filter((problem) => problem.message.startsWith('no entry explains')),
    [],
  );
});
