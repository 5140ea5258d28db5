import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { exec } from '../lib/exec.ts';
import { npmBin } from '../lib/bin.ts';
import { listFiles } from '../lib/files.ts';
import { resultFrom, scopedTargets, type Finding, type Gate } from '../lib/gate.ts';

/**
 * Jest for the Lightning Web Components (with sa11y and coverage thresholds) and the
 * Node test-runner tests of the TypeScript tooling in scripts/.
 *
 * Scope (`GateContext.onlyFiles`, set by `npm run prove-gates`): only the named files that are
 * among the normal tests run, Jest without coverage, and a part with none of them is skipped.
 */

interface JestAssertion {
  status: string;
  fullName: string;
  failureMessages: string[];
  location?: { line: number; column: number } | null;
}
interface JestReport {
  numPassedTests: number;
  numFailedTests: number;
  testResults: { name: string; status: string; message: string; assertionResults: JestAssertion[] }[];
}

/** Findings from Jest's `--json` report: failed tests at their location, suites that failed to run. */
export function jestFindings(report: JestReport, root: string): Finding[] {
  return report.testResults.flatMap((suite) => {
    const file = relative(root, suite.name);
    const failed = suite.assertionResults.filter((assertion) => assertion.status === 'failed');
    if (failed.length === 0 && suite.status === 'failed') {
      return [{ file, message: `test suite failed to run: ${firstLine(suite.message)}` }];
    }
    return failed.map((assertion) => {
      const failure = assertion.failureMessages.join('\n');
      // The failing expectation's own line, from the stack, beats the test's declaration line.
      const frame = [...failure.matchAll(/\((?<path>[^()]+):(?<line>\d+):(?<column>\d+)\)/g)].find(
        (match) => match.groups?.['path'] === suite.name,
      )?.groups;
      const position = frame ? { line: Number(frame['line']), column: Number(frame['column']) } : assertion.location;
      return {
        file,
        ...(position ? { line: position.line, column: position.column } : {}),
        message: `${assertion.fullName}: ${firstLine(failure)}`,
      };
    });
  });
}

/** The text summary's line coverage: percentage, covered and total lines (null when absent). */
export function measuredLines(output: string): { percent: string; covered: number; total: number } | null {
  const match = /Lines\s*:\s*([\d.]+%|Unknown%)\s*\(\s*(\d+)\/(\d+)\s*\)/.exec(output);
  if (!match?.[1] || match[2] === undefined || match[3] === undefined) return null;
  return { percent: match[1], covered: Number(match[2]), total: Number(match[3]) };
}

/** Jest's coverage-threshold complaints, which it prints only as text. */
export function coverageFindings(stderr: string): Finding[] {
  return stderr
    .split('\n')
    .filter((line) => /coverage threshold for .* not met/.test(line))
    .map((line) => ({ file: 'jest.config.js', message: line.replace(/^Jest: /, '').trim() }));
}

/**
 * Failed tests from the Node test runner's TAP output. The position comes from the first stack
 * frame in a test file (source-mapped by tsx), else from the `location:` line; parents whose only
 * failure is a failed subtest are not repeated.
 */
export function tapFindings(tap: string, root: string): Finding[] {
  const findings: Finding[] = [];
  const lines = tap.split('\n');
  lines.forEach((line, index) => {
    const failed = /^\s*not ok \d+ - (?<name>.*)$/.exec(line);
    if (!failed?.groups) return;
    const end = lines.findIndex((entry, at) => at > index && entry.trim() === '...');
    const block = lines.slice(index + 1, end === -1 ? undefined : end);
    if (block.some((entry) => /failureType: 'subtestsFailed'/.test(entry))) return;
    const frame = block.map((entry) => /\((?<file>[^()]+__tests__[^()]+):(?<line>\d+):(?<column>\d+)\)/.exec(entry)?.groups).find(Boolean);
    const declared = block.map((entry) => /location: '(?<file>.+):(?<line>\d+):(?<column>\d+)'/.exec(entry)?.groups).find(Boolean);
    const location = frame ?? declared;
    const errorAt = block.findIndex((entry) => /^\s*error: /.test(entry));
    const errorText = errorAt === -1 ? 'failed' : (block[errorAt] ?? '').replace(/^\s*error: /, '').replace(/^'|'$/g, '');
    const message =
      errorText === '|-'
        ? (block
            .slice(errorAt + 1)
            .find((entry) => entry.trim() !== '')
            ?.trim() ?? 'failed')
        : errorText;
    findings.push({
      file: location?.['file'] ? relative(root, location['file']) : 'scripts',
      ...(location?.['line'] ? { line: Number(location['line']), column: Number(location['column']) } : {}),
      message: `${failed.groups['name'] ?? 'test'}: ${message}`,
    });
  });
  return findings;
}

function firstLine(text: string): string {
  const clean = text.replace(/\u001b\[[0-9;]*m/g, '');
  return (
    clean
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? 'failed'
  );
}

/**
 * Jest's arguments. The whole suite (no `testFiles`) runs with coverage and its thresholds; a
 * scoped run names its test files (`--runTestsByPath`) and measures no coverage: a threshold over
 * part of the suite says nothing about the suite, so only the full run (`npm test`) applies it.
 */
export function jestArguments(outputFile: string, testFiles?: readonly string[]): string[] {
  const common = ['--ci', '--json', '--testLocationInResults', `--outputFile=${outputFile}`];
  // --no-cache: sfdx-lwc-jest's transform cache does not record whether a file was instrumented,
  // so a warm cache can leave sources out of coverage (0/0 lines, and no threshold applies).
  if (testFiles === undefined) return ['--coverage', '--no-cache', ...common];
  return ['--no-cache', ...common, '--runTestsByPath', ...testFiles];
}

/** The Node test runner's arguments (through tsx) for the given test files. */
export function nodeTestArguments(testFiles: readonly string[]): string[] {
  return ['--test', '--test-reporter=tap', ...testFiles];
}

/** What the gate runs: `all` is the whole Jest suite with coverage; a list runs those files only, none when empty. */
export interface TestPlan {
  readonly jest: 'all' | readonly string[];
  readonly node: readonly string[];
}

/**
 * Plans the run from the normal test files (Jest's own list, and scripts' node tests): all of
 * them without `onlyFiles`; with it, only the named files that are among them — a named file
 * that is not a normal test is not run, so a proof seeded there fails — and a part with no named
 * test is skipped.
 */
export function planTests(jestTests: readonly string[], nodeTests: readonly string[], onlyFiles: readonly string[] | undefined): TestPlan {
  if (onlyFiles === undefined) return { jest: 'all', node: [...nodeTests] };
  return { jest: scopedTargets(jestTests, onlyFiles), node: scopedTargets(nodeTests, onlyFiles) };
}

/** The test files of scripts/ that the Node test runner runs. */
export function scriptTestFiles(root: string): string[] {
  return listFiles(root, 'scripts', (path) => /\/__tests__\/[^/]+\.test\.ts$/.test(path));
}

/** Jest's own list of the test files it would run (repository-relative), from `jest --listTests`. */
async function jestTestFiles(root: string): Promise<string[] | Finding> {
  const result = await exec(npmBin(root, 'jest'), ['--listTests', '--json'], { cwd: root });
  try {
    const listed = JSON.parse(result.stdout) as unknown;
    if (!Array.isArray(listed)) throw new Error('not a list');
    return listed.map((file) => relative(root, String(file)).split(sep).join('/'));
  } catch {
    return {
      file: 'jest.config.js',
      message: `jest --listTests failed (exit ${result.code}): ${firstLine(result.stderr || result.stdout)}`,
    };
  }
}

async function runJest(root: string, notes: string[], testFiles?: readonly string[]): Promise<Finding[]> {
  const directory = mkdtempSync(join(tmpdir(), 'sisync-jest-'));
  const outputFile = join(directory, 'report.json');
  try {
    const result = await exec(npmBin(root, 'jest'), jestArguments(outputFile, testFiles), { cwd: root });
    let report: JestReport;
    try {
      report = JSON.parse(readFileSync(outputFile, 'utf8')) as JestReport;
    } catch {
      return [{ file: 'jest.config.js', message: `jest produced no report (exit ${result.code}): ${firstLine(result.stderr)}` }];
    }
    notes.push(`jest: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
    const findings = jestFindings(report, root);
    if (testFiles === undefined) {
      const measured = measuredLines(result.stderr + result.stdout);
      if (measured) notes.push(`LWC line coverage ${measured.percent} (${measured.covered}/${measured.total} lines)`);
      findings.push(...coverageFindings(result.stderr));
      if (!measured || measured.total === 0) {
        findings.push({ file: 'jest.config.js', message: 'coverage measured no LWC source line: the thresholds cannot apply' });
      }
    } else {
      notes.push(`jest scoped to ${testFiles.join(', ')}: coverage thresholds apply to the full run only`);
    }
    if (result.code !== 0 && findings.length === 0) {
      findings.push({ file: 'jest.config.js', message: `jest exited ${result.code}: ${firstLine(result.stderr)}` });
    }
    return findings;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** What a run of the Node test runner gave: counts from its TAP summary and the failed tests as findings. */
export interface NodeTestRun {
  readonly passed: string;
  readonly failed: string;
  readonly findings: Finding[];
}

/**
 * Runs test files with the Node test runner (through tsx) and reads its TAP. An exit without a
 * located failure is a finding at `failureFile`, saying `<what> exited <code>: <first line>`.
 */
export async function runNodeTests(
  root: string,
  files: readonly string[],
  options: {
    readonly what: string;
    readonly failureFile: string;
    readonly env?: NodeJS.ProcessEnv;
    readonly args?: readonly string[];
    readonly timeoutMs?: number;
  },
): Promise<NodeTestRun> {
  // Run standalone even when the caller is itself a node test (the tests of this gate are): with
  // the parent's NODE_TEST_CONTEXT the runner reports to that parent instead of printing TAP.
  const env = { ...(options.env ?? process.env) };
  delete env['NODE_TEST_CONTEXT'];
  const [first, ...rest] = nodeTestArguments(files);
  const args = [first ?? '--test', ...(options.args ?? []), ...rest];
  const result = await exec(npmBin(root, 'tsx'), args, { cwd: root, env, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
  const passed = /^# pass (\d+)/m.exec(result.stdout)?.[1] ?? '0';
  const failed = /^# fail (\d+)/m.exec(result.stdout)?.[1] ?? '0';
  const findings = tapFindings(result.stdout, root);
  if (result.code !== 0 && findings.length === 0) {
    findings.push({
      file: options.failureFile,
      message: `${options.what} exited ${result.code}: ${firstLine(result.stderr || result.stdout)}`,
    });
  }
  return { passed, failed, findings };
}

async function runScriptTests(root: string, notes: string[], files: readonly string[]): Promise<Finding[]> {
  if (files.length === 0) return [{ file: 'scripts', message: 'no tests found under scripts/**/__tests__/*.test.ts' }];
  const run = await runNodeTests(root, files, { what: 'node --test', failureFile: 'scripts' });
  notes.push(`scripts: ${run.passed} passed, ${run.failed} failed in ${files.length} files`);
  return run.findings;
}

export const testsGate: Gate = {
  id: 'tests',
  title: 'Jest for LWCs (sa11y, coverage thresholds) and the tests of scripts/',
  async run({ root, onlyFiles }) {
    const notes: string[] = [];
    // Jest's own list of its tests is needed only to narrow it.
    const jestTests = onlyFiles === undefined ? [] : await jestTestFiles(root);
    if (!Array.isArray(jestTests)) return resultFrom([jestTests], notes);
    const { jest, node } = planTests(jestTests, scriptTestFiles(root), onlyFiles);
    const findings: Finding[] = [];
    if (jest === 'all') findings.push(...(await runJest(root, notes)));
    else if (jest.length > 0) findings.push(...(await runJest(root, notes, jest)));
    else notes.push('jest skipped: none of the scoped files is one of its tests');
    // Unscoped, no node test at all is a finding (runScriptTests says so); scoped, it skips the part.
    if (onlyFiles === undefined || node.length > 0) findings.push(...(await runScriptTests(root, notes, node)));
    else notes.push('scripts tests skipped: none of the scoped files is one of them');
    return resultFrom(findings, notes);
  },
};
