/**
 * The sf CLI command lines behind the scratch-org and packaging commands, built as data so the
 * tests can check them without an org. Flag names are sf's (`sf <command> --help`).
 */

/** The permission sets assigned to the developer running org:deploy: the admin's and the rep's. */
export const DEVELOPER_PERMISSION_SETS = ['SalesInsightSyncAdmin', 'SalesInsightSyncUser'] as const;

/** The scratch-org definition every scratch org is made from. */
export const SCRATCH_DEFINITION = 'config/project-scratch-def.json';

/** What org:create asks sf for. */
export interface ScratchOptions {
  readonly alias: string;
  readonly durationDays: number;
  /** Without the `sisync` namespace (for a Dev Hub that has not linked it). */
  readonly noNamespace: boolean;
  readonly devHub: string;
  readonly waitMinutes: number;
}

/** `sf org create scratch` for the project's definition; the new org becomes the default org. */
export function createScratchCommand(options: ScratchOptions): string[] {
  return [
    'org',
    'create',
    'scratch',
    '--definition-file',
    SCRATCH_DEFINITION,
    '--alias',
    options.alias,
    '--duration-days',
    String(options.durationDays),
    '--target-dev-hub',
    options.devHub,
    '--set-default',
    '--wait',
    String(options.waitMinutes),
    ...(options.noNamespace ? ['--no-namespace'] : []),
  ];
}

/** Deploys both package directories (the package and its test-only metadata). */
export function deployCommand(org: string, waitMinutes: number): string[] {
  return ['project', 'deploy', 'start', '--target-org', org, '--wait', String(waitMinutes)];
}

/** Deploys a metadata directory (generated files: settings, subscriber configs, a permission set). */
export function metadataDeployCommand(org: string, metadataDir: string, waitMinutes = 10): string[] {
  return ['project', 'deploy', 'start', '--metadata-dir', metadataDir, '--target-org', org, '--wait', String(waitMinutes)];
}

/** Assigns permission sets to the org's own user, or to another user of it. */
export function assignPermissionSetsCommand(org: string, names: readonly string[], onBehalfOf?: string): string[] {
  return [
    'org',
    'assign',
    'permset',
    '--target-org',
    org,
    ...names.flatMap((name) => ['--name', name]),
    ...(onBehalfOf === undefined ? [] : ['--on-behalf-of', onBehalfOf]),
  ];
}

/** Runs every local Apex test with coverage; sf writes JSON and JUnit into `outputDir`. */
export function apexTestCommand(org: string, outputDir: string, waitMinutes: number): string[] {
  return [
    'apex',
    'run',
    'test',
    '--target-org',
    org,
    '--test-level',
    'RunLocalTests',
    '--code-coverage',
    '--result-format',
    'json',
    '--output-dir',
    outputDir,
    '--wait',
    String(waitMinutes),
  ];
}

/** Creates a managed package version with code coverage (tests run in Salesforce's build org); `packageAlias` is sfdx-project.json's. */
export function packageVersionCommand(devHub: string, waitMinutes: number, packageAlias = 'Sales Insight Sync'): string[] {
  return [
    'package',
    'version',
    'create',
    '--package',
    packageAlias,
    '--installation-key-bypass',
    '--code-coverage',
    '--target-dev-hub',
    devHub,
    '--wait',
    String(waitMinutes),
  ];
}

/** Deletes a scratch org without asking (the command itself was the question). */
export function deleteScratchCommand(org: string): string[] {
  return ['org', 'delete', 'scratch', '--target-org', org, '--no-prompt'];
}
