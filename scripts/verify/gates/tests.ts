import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { exec } from '../lib/exec.ts';
import { npmBin } from '../lib/bin.ts';
import { listFiles } from '../lib/files.ts';
import { resultFrom, type Finding, type Gate } from '../lib/gate.ts';

/**
 * Jest for the Lightning Web Components (with sa11y and coverage thresholds) and the
 * Node test-runner tests of the TypeScript tooling in scripts/.
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

async function runJest(root: string, notes: string[]): Promise<Finding[]> {
  const directory = mkdtempSync(join(tmpdir(), 'sisync-jest-'));
  const outputFile = join(directory, 'report.json');
  try {
    const result = await exec(
      npmBin(root, 'jest'),
      // --no-cache: sfdx-lwc-jest's transform cache does not record whether a file was instrumented,
      // so a warm cache can leave sources out of coverage (0/0 lines, and no threshold applies).
      ['--coverage', '--no-cache', '--ci', '--json', '--testLocationInResults', `--outputFile=${outputFile}`],
      {
        cwd: root,
      },
    );
    let report: JestReport;
    try {
      report = JSON.parse(readFileSync(outputFile, 'utf8')) as JestReport;
    } catch {
      return [{ file: 'jest.config.js', message: `jest produced no report (exit ${result.code}): ${firstLine(result.stderr)}` }];
    }
    notes.push(`jest: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
    const measured = measuredLines(result.stderr + result.stdout);
    if (measured) notes.push(`LWC line coverage ${measured.percent} (${measured.covered}/${measured.total} lines)`);
    const findings = [...jestFindings(report, root), ...coverageFindings(result.stderr)];
    if (!measured || measured.total === 0) {
      findings.push({ file: 'jest.config.js', message: 'coverage measured no LWC source line: the thresholds cannot apply' });
    }
    if (result.code !== 0 && findings.length === 0) {
      findings.push({ file: 'jest.config.js', message: `jest exited ${result.code}: ${firstLine(result.stderr)}` });
    }
    return findings;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

async function runScriptTests(root: string, notes: string[]): Promise<Finding[]> {
  const files = listFiles(root, 'scripts', (path) => /\/__tests__\/[^/]+\.test\.ts$/.test(path));
  if (files.length === 0) return [{ file: 'scripts', message: 'no tests found under scripts/**/__tests__/*.test.ts' }];
  const result = await exec(npmBin(root, 'tsx'), ['--test', '--test-reporter=tap', ...files], { cwd: root });
  const passed = /^# pass (\d+)/m.exec(result.stdout)?.[1] ?? '0';
  const failed = /^# fail (\d+)/m.exec(result.stdout)?.[1] ?? '0';
  notes.push(`scripts: ${passed} passed, ${failed} failed in ${files.length} files`);
  const findings = tapFindings(result.stdout, root);
  if (result.code !== 0 && findings.length === 0) {
    findings.push({ file: 'scripts', message: `node --test exited ${result.code}: ${firstLine(result.stderr || result.stdout)}` });
  }
  return findings;
}

export const testsGate: Gate = {
  id: 'tests',
  title: 'Jest for LWCs (sa11y, coverage thresholds) and the tests of scripts/',
  async run({ root }) {
    const notes: string[] = [];
    const findings = [...(await runJest(root, notes)), ...(await runScriptTests(root, notes))];
    return resultFrom(findings, notes);
  },
};
