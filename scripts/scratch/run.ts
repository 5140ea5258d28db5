import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { deployConfigCommand } from './relay-user.ts';
import { planFor } from './plan.ts';
import { buildLwc } from '../build/build-lwc.ts';
import { formatFinding } from '../verify/lib/gate.ts';
import { readSfdxProject } from '../verify/lib/files.ts';

/**
 * Scratch-org and packaging commands: `npm run org:create|org:deploy|org:test|org:relay-user|org:email-to-salesforce|package:version -- [options]`.
 * They need a Dev Hub (`sf org login web --set-default-dev-hub`); there is no org on CI machines
 * without the `SFDX_AUTH_URL` secret, and none offline.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const sf = join(root, 'node_modules', '.bin', 'sf');

function run(args: readonly string[]): void {
  console.log(`$ sf ${args.join(' ')}`);
  const result = spawnSync(sf, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`sf ${args.slice(0, 3).join(' ')} failed (exit ${result.status ?? 'signal'}); see its message above.`);
  }
}

/** Deploys metadata files (path in a metadata directory → content) from a throwaway directory. */
function deployMetadata(alias: string, files: Readonly<Record<string, string>>): void {
  const directory = mkdtempSync(join(tmpdir(), 'sisync-deploy-'));
  try {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(directory, path)), { recursive: true });
      writeFileSync(join(directory, path), content);
    }
    run(deployConfigCommand(alias, directory));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

async function build(): Promise<void> {
  const findings = await buildLwc(root);
  if (findings.length > 0) {
    throw new Error(`LWC build failed; nothing was deployed:\n${findings.map(formatFinding).join('\n')}`);
  }
}

const [command, ...args] = process.argv.slice(2);
try {
  const steps = planFor(command, args, { root, apiVersion: readSfdxProject(root).sourceApiVersion });
  for (const step of steps) {
    switch (step.kind) {
      case 'buildLwc':
        await build();
        break;
      case 'sf':
        run(step.args);
        break;
      case 'deployMetadata':
        deployMetadata(step.alias, step.files);
        break;
      case 'say':
        console.log(step.text);
        break;
    }
  }
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
