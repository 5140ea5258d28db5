import { fileURLToPath } from 'node:url';
import { exec } from '../verify/lib/exec.ts';
import { npmBin } from '../verify/lib/bin.ts';
import { parseTscOutput } from '../verify/lib/tsc-output.ts';
import { formatFinding, type Finding } from '../verify/lib/gate.ts';

/**
 * Compiles every component's TypeScript to the JavaScript beside it (the platform takes
 * `.js`; the `.ts` never ships — `.forceignore` excludes it). Every deploy path runs this first.
 * @returns the compiler's findings; empty when the build succeeded
 */
export async function buildLwc(root: string): Promise<Finding[]> {
  const result = await exec(npmBin(root, 'tsc'), ['-p', 'tsconfig.lwc.json', '--pretty', 'false'], { cwd: root });
  return result.code === 0 ? [] : parseTscOutput(result.stdout + result.stderr, 'tsconfig.lwc.json');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const findings = await buildLwc(root);
  for (const finding of findings) console.error(formatFinding(finding));
  console.log(findings.length === 0 ? 'LWC build: TypeScript compiled to JavaScript.' : `LWC build failed: ${findings.length} error(s).`);
  process.exitCode = findings.length === 0 ? 0 : 1;
}
