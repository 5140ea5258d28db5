import type { Finding } from './gate.ts';

const DIAGNOSTIC = /^(?<file>[^\s(][^(]*)\((?<line>\d+),(?<column>\d+)\): error (?<code>TS\d+): (?<message>.*)$/;

/**
 * Turns `tsc --pretty false` output into findings; lines that are not diagnostics are kept whole.
 * Shared by the typecheck gate and the LWC build, which compiles the same sources.
 * @param output tsc's stdout and stderr
 * @param project the tsconfig the diagnostics belong to (the file of a line that names none)
 */
export function parseTscOutput(output: string, project: string): Finding[] {
  const findings: Finding[] = [];
  for (const line of output.split('\n')) {
    if (line.trim() === '' || line.startsWith(' ')) continue;
    const match = DIAGNOSTIC.exec(line);
    if (match?.groups) {
      const { file = project, line: row = '0', column = '0', code = '', message = '' } = match.groups;
      findings.push({ file, line: Number(row), column: Number(column), message: `${code} ${message}` });
    } else {
      findings.push({ file: project, message: line.trim() });
    }
  }
  return findings;
}
