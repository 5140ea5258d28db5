import { exec } from '../lib/exec.ts';
import { npmBin } from '../lib/bin.ts';
import { resultFrom, type Finding, type Gate } from '../lib/gate.ts';
import { parseTscOutput } from '../lib/tsc-output.ts';

/** The three strict TypeScript projects: component sources, component tests, tooling. */
export const TYPESCRIPT_PROJECTS = ['tsconfig.lwc.json', 'tsconfig.lwc-tests.json', 'tsconfig.json', 'tsconfig.preview.json'] as const;

export const typecheckGate: Gate = {
  id: 'typecheck',
  title: 'TypeScript strict type check of LWC sources, LWC tests and scripts',
  async run({ root }) {
    const findings: Finding[] = [];
    for (const project of TYPESCRIPT_PROJECTS) {
      const result = await exec(npmBin(root, 'tsc'), ['-p', project, '--noEmit', '--pretty', 'false'], { cwd: root });
      if (result.code !== 0) {
        const parsed = parseTscOutput(result.stdout + result.stderr, project);
        findings.push(...(parsed.length > 0 ? parsed : [{ file: project, message: `tsc exited ${result.code}` }]));
      }
    }
    // Component sources belong to two projects (sources, tests): report each error once.
    const unique = [...new Map(findings.map((finding) => [JSON.stringify(finding), finding])).values()];
    return resultFrom(unique, [`projects: ${TYPESCRIPT_PROJECTS.join(', ')}`]);
  },
};
