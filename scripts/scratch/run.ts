import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { buildLwc } from '../build/build-lwc.ts';
import { formatFinding } from '../verify/lib/gate.ts';
import {
  apexTestCommand,
  assignPermissionSetsCommand,
  createScratchCommand,
  deployCommand,
  packageVersionCommand,
  parseScratchOptions,
} from './sf-commands.ts';

/**
 * Scratch-org and packaging commands: `npm run org:create|org:deploy|org:test|package:version -- [options]`.
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

async function build(): Promise<void> {
  const findings = await buildLwc(root);
  if (findings.length > 0) {
    throw new Error(`LWC build failed; nothing was deployed:\n${findings.map(formatFinding).join('\n')}`);
  }
}

const [command, ...args] = process.argv.slice(2);
try {
  switch (command) {
    case 'create': {
      run(createScratchCommand(parseScratchOptions(args)));
      break;
    }
    case 'deploy': {
      const { alias } = parseScratchOptions(args);
      await build();
      run(deployCommand(alias));
      run(assignPermissionSetsCommand(alias));
      break;
    }
    case 'test': {
      const { alias } = parseScratchOptions(args);
      run(apexTestCommand(alias, join(root, 'coverage', 'apex')));
      break;
    }
    case 'package-version': {
      await build();
      run(packageVersionCommand(args[0] ?? 'devhub'));
      break;
    }
    default:
      throw new Error(`Unknown command "${command ?? ''}". Use create, deploy, test or package-version.`);
  }
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
