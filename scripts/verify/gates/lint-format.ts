import { exec } from '../lib/exec.ts';
import { npmBin } from '../lib/bin.ts';
import { relative } from 'node:path';
import { resultFrom, type Finding, type Gate } from '../lib/gate.ts';

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
  title: 'ESLint (LWC and TypeScript rules) and Prettier check (Apex, TS, HTML, XML, JSON, Markdown)',
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
    return resultFrom(findings);
  },
};
