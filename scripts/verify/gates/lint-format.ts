import { exec } from '../lib/exec.ts';
import { npmBin } from '../lib/bin.ts';
import { relative } from 'node:path';
import { resultFrom, type Finding, type Gate } from '../lib/gate.ts';
import { listFiles } from '../lib/files.ts';

interface EslintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line?: number;
  column?: number;
}
interface EslintFileResult {
  filePath: string;
  messages: EslintMessage[];
}

/** Findings from `eslint -f json` output (errors and warnings alike: warnings are not tolerated). */
export function parseEslintJson(json: string, root: string): Finding[] {
  const results = JSON.parse(json) as EslintFileResult[];
  return results.flatMap((result) =>
    result.messages.map((message) => ({
      file: relative(root, result.filePath),
      ...(message.line === undefined ? {} : { line: message.line }),
      ...(message.column === undefined ? {} : { column: message.column }),
      message: `eslint ${message.ruleId ?? 'parse'}: ${message.message}`,
    })),
  );
}

interface RedoclyProblem {
  ruleId: string;
  severity: string;
  message: string;
  location?: { source?: { ref?: string }; pointer?: string }[];
}

/** Findings from `redocly lint --format=json`: every error and warning, located by JSON pointer. */
export function parseRedoclyJson(json: string, file: string): Finding[] {
  const report = JSON.parse(json) as { problems?: RedoclyProblem[] };
  return (report.problems ?? []).map((problem) => ({
    file,
    message: `redocly ${problem.ruleId} (${problem.severity}) at ${problem.location?.[0]?.pointer ?? '#'}: ${problem.message}`,
  }));
}

/** Findings from `prettier --check` output: one per unformatted file, and parse errors with their position. */
export function parsePrettierCheck(output: string): Finding[] {
  const findings: Finding[] = [];
  for (const line of output.split('\n')) {
    const unformatted = /^\[warn\] (?<file>.+)$/.exec(line);
    if (unformatted?.groups?.['file'] && !unformatted.groups['file'].startsWith('Code style issues')) {
      findings.push({ file: unformatted.groups['file'], message: 'prettier: not formatted (run `npm run format`)' });
      continue;
    }
    const error = /^\[error\] (?<file>[^:]+): (?<message>.*?)(?: \((?<line>\d+):(?<column>\d+)\))?$/.exec(line);
    if (error?.groups?.['file'] && error.groups['message']) {
      findings.push({
        file: error.groups['file'],
        ...(error.groups['line'] ? { line: Number(error.groups['line']), column: Number(error.groups['column']) } : {}),
        message: `prettier: ${error.groups['message']}`,
      });
    }
  }
  return findings;
}

export const lintFormatGate: Gate = {
  id: 'lint-format',
  title: 'ESLint (LWC and TypeScript rules), Prettier check (Apex, TS, HTML, XML, JSON, Markdown), Redocly lint of the OpenAPI contract',
  async run({ root }) {
    const findings: Finding[] = [];
    const eslint = await exec(npmBin(root, 'eslint'), ['.', '-f', 'json', '--max-warnings', '0'], { cwd: root });
    if (eslint.code !== 0) {
      const parsed = eslint.stdout.trim().startsWith('[') ? parseEslintJson(eslint.stdout, root) : [];
      findings.push(
        ...(parsed.length > 0 ? parsed : [{ file: 'eslint.config.js', message: `eslint exited ${eslint.code}: ${eslint.stderr.trim()}` }]),
      );
    }
    const prettier = await exec(npmBin(root, 'prettier'), ['--check', '.'], { cwd: root });
    if (prettier.code !== 0) {
      const parsed = parsePrettierCheck(prettier.stdout + prettier.stderr);
      findings.push(
        ...(parsed.length > 0
          ? parsed
          : [{ file: '.prettierrc.json', message: `prettier exited ${prettier.code}: ${prettier.stderr.trim()}` }]),
      );
    }
    for (const document of listFiles(root, 'docs', (path) => path.endsWith('.openapi.yaml'))) {
      const redocly = await exec(npmBin(root, 'redocly'), ['lint', document, '--format=json'], { cwd: root });
      const parsed = redocly.stdout.trim().startsWith('{') ? parseRedoclyJson(redocly.stdout, document) : [];
      if (redocly.code !== 0 || parsed.length > 0) {
        findings.push(
          ...(parsed.length > 0 ? parsed : [{ file: document, message: `redocly exited ${redocly.code}: ${redocly.stderr.trim()}` }]),
        );
      }
    }
    return resultFrom(findings);
  },
};
