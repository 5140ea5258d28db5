/**
 * Reads the answer of `sf apex run test --code-coverage --json` (plugin-apex's JSON reporter:
 * `result.summary` with `testsRan`, `passing`, `failing`, `skipped`, `outcome`, `orgWideCoverage`
 * "87%", `testRunCoverage`; `result.tests[]` with `Outcome`, `FullName`, `Message`) and decides
 * whether the run is good enough: no failure and at least {@link MINIMUM_COVERAGE} % org-wide
 * coverage (a scratch org holds only this project's Apex, so org-wide is the package's).
 */
import { field, stringField, type SfAnswer } from './sf/sf.ts';

/** The lowest org-wide coverage org:test accepts, in percent. */
export const MINIMUM_COVERAGE = 90;

/** One failed test method. */
export interface FailedTest {
  readonly name: string;
  readonly message: string;
}

/** What a run gave. */
export interface ApexTestSummary {
  readonly testsRan: number;
  readonly passing: number;
  readonly failing: number;
  readonly skipped: number;
  /** Org-wide coverage in percent, or undefined when sf reported none. */
  readonly orgWideCoverage: number | undefined;
  readonly testRunCoverage: number | undefined;
  readonly testRunId: string;
  readonly failures: readonly FailedTest[];
}

function count(summary: unknown, name: string): number {
  const value = field(summary, name);
  return typeof value === 'number' ? value : Number(value ?? 0) || 0;
}

function percent(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)%?$/.exec(value.trim());
  return match ? Number(match[1]) : undefined;
}

/**
 * The summary of a finished run.
 * @returns undefined when the answer has no summary: the run did not finish within --wait
 */
export function summarizeApexTests(answer: SfAnswer): ApexTestSummary | undefined {
  const summary = field(answer.result, 'summary');
  if (typeof summary !== 'object' || summary === null) return undefined;
  const tests = field(answer.result, 'tests');
  const failures = (Array.isArray(tests) ? tests : [])
    .filter((test) => stringField(test, 'Outcome') === 'Fail' || stringField(test, 'Outcome') === 'CompileFail')
    .map((test) => ({
      name: stringField(test, 'FullName') ?? stringField(test, 'MethodName') ?? '?',
      message: (stringField(test, 'Message') ?? '').split('\n')[0] ?? '',
    }));
  const coverageSummary = field(field(answer.result, 'coverage'), 'summary');
  return {
    testsRan: count(summary, 'testsRan'),
    passing: count(summary, 'passing'),
    failing: count(summary, 'failing'),
    skipped: count(summary, 'skipped'),
    orgWideCoverage: percent(field(summary, 'orgWideCoverage') ?? field(coverageSummary, 'orgWideCoverage')),
    testRunCoverage: percent(field(summary, 'testRunCoverage') ?? field(coverageSummary, 'testRunCoverage')),
    testRunId: stringField(summary, 'testRunId') ?? '',
    failures,
  };
}

/** Why the run is not good enough, one line per reason; empty when it is. */
export function verdict(summary: ApexTestSummary): string[] {
  const reasons: string[] = [];
  if (summary.failing > 0) reasons.push(`${summary.failing} test${summary.failing === 1 ? '' : 's'} failed.`);
  if (summary.testsRan === 0) reasons.push('No test ran.');
  if (summary.orgWideCoverage === undefined) reasons.push('sf reported no org-wide coverage.');
  else if (summary.orgWideCoverage < MINIMUM_COVERAGE) {
    reasons.push(`Org-wide coverage is ${summary.orgWideCoverage} %, under the ${MINIMUM_COVERAGE} % this project requires.`);
  }
  return reasons;
}

function shown(value: number | undefined): string {
  return value === undefined ? '—' : `${value} %`;
}

/** The summary table, then each failure. */
export function summaryTable(summary: ApexTestSummary): string[] {
  const header = ['tests', 'passed', 'failed', 'skipped', 'org-wide coverage', 'test-run coverage'];
  const row = [
    summary.testsRan,
    summary.passing,
    summary.failing,
    summary.skipped,
    shown(summary.orgWideCoverage),
    shown(summary.testRunCoverage),
  ].map(String);
  const widths = header.map((title, index) => Math.max(title.length, row[index]?.length ?? 0));
  const line = (cells: readonly string[]): string => `| ${cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    line(row),
    ...summary.failures.map((failure) => `  FAILED ${failure.name}: ${failure.message}`),
  ];
}
