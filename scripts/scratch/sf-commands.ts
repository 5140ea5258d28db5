/**
 * The sf CLI command lines behind the scratch-org and packaging scripts, built as data so they
 * can be unit-tested without an org. Every path that deploys or packages builds the components first.
 */

/** The permission sets assigned to the developer in a scratch org. */
export const DEVELOPER_PERMISSION_SETS = ['SalesInsightSyncAdmin', 'SalesInsightSyncUser'] as const;

/** Options of a scratch org. */
export interface ScratchOptions {
  readonly alias: string;
  readonly durationDays: number;
  /** Create the org without the `sisync` namespace (for developers without the namespace linked to their Dev Hub). */
  readonly noNamespace: boolean;
}

/** Parses `--alias`, `--days`, `--no-namespace`; unknown flags are an error naming the accepted ones. */
export function parseScratchOptions(args: readonly string[]): ScratchOptions {
  let alias = 'sisync-dev';
  let durationDays = 7;
  let noNamespace = false;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === '--alias') {
      alias = requireValue(args, ++index, '--alias');
    } else if (arg === '--days') {
      durationDays = Number(requireValue(args, ++index, '--days'));
      if (!Number.isInteger(durationDays) || durationDays < 1 || durationDays > 30) {
        throw new Error('--days must be a whole number from 1 to 30 (scratch orgs live at most 30 days).');
      }
    } else if (arg === '--no-namespace') {
      noNamespace = true;
    } else {
      throw new Error(`Unknown option "${arg}". Accepted: --alias <name>, --days <1-30>, --no-namespace.`);
    }
  }
  return { alias, durationDays, noNamespace };
}

function requireValue(args: readonly string[], index: number, flag: string): string {
  const value = args[index];
  if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value.`);
  return value;
}

/** `sf org create scratch` for the project's definition. */
export function createScratchCommand(options: ScratchOptions): string[] {
  return [
    'org',
    'create',
    'scratch',
    '--definition-file',
    'config/project-scratch-def.json',
    '--alias',
    options.alias,
    '--duration-days',
    String(options.durationDays),
    '--set-default',
    '--wait',
    '20',
    ...(options.noNamespace ? ['--no-namespace'] : []),
  ];
}

/** Deploys both package directories (the package and its test-only metadata). */
export function deployCommand(alias: string): string[] {
  return ['project', 'deploy', 'start', '--target-org', alias, '--wait', '30'];
}

/** Assigns the developer permission sets. */
export function assignPermissionSetsCommand(alias: string): string[] {
  return ['org', 'assign', 'permset', '--target-org', alias, ...DEVELOPER_PERMISSION_SETS.flatMap((name) => ['--name', name])];
}

/** Runs every local Apex test with coverage. */
export function apexTestCommand(alias: string, outputDir: string): string[] {
  return [
    'apex',
    'run',
    'test',
    '--target-org',
    alias,
    '--test-level',
    'RunLocalTests',
    '--code-coverage',
    '--result-format',
    'human',
    '--output-dir',
    outputDir,
    '--wait',
    '30',
  ];
}

/** Creates a managed package version with code coverage (tests run in Salesforce's build org). */
export function packageVersionCommand(devHub: string): string[] {
  return [
    'package',
    'version',
    'create',
    '--package',
    'Sales Insight Sync',
    '--installation-key-bypass',
    '--code-coverage',
    '--target-dev-hub',
    devHub,
    '--wait',
    '60',
  ];
}
