/**
 * The sf command lines of packaging besides `package version create` (in `../sf-commands.ts`),
 * built as data so the tests can check them. Flag names are sf's (`sf package create --help`).
 */

/** The package type of Sales Insight Sync: a second-generation managed package. */
export const PACKAGE_TYPE = 'Managed';

/** Lists the Dev Hub's packages (to find one that exists but has no alias in this checkout). */
export function packageListCommand(devHub: string): string[] {
  return ['package', 'list', '--target-dev-hub', devHub];
}

/** Creates the managed package for the packaged directory; sf answers its Package2 id (0Ho…). */
export function packageCreateCommand(devHub: string, name: string, path: string): string[] {
  return ['package', 'create', '--name', name, '--package-type', PACKAGE_TYPE, '--path', path, '--target-dev-hub', devHub];
}

/** Where a version request stands (after --wait ran out). */
export function versionReportCommand(devHub: string, requestId: string): string[] {
  return ['package', 'version', 'create', 'report', '--package-create-request-id', requestId, '--target-dev-hub', devHub];
}

/** Promotes a beta to released (the command leaves that to a person: a released version cannot be deleted). */
export function promoteCommand(devHub: string, versionId: string): string[] {
  return ['package', 'version', 'promote', '--package', versionId, '--target-dev-hub', devHub];
}
