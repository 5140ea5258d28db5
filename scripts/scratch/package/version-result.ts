/**
 * Reading sf's answers about packages: `sf package version create --json` (a
 * PackageVersionCreateRequestResult from `@salesforce/packaging`: `Id` 08c…, `Status`,
 * `Package2Id` 0Ho…, `Package2VersionId` 05i…, `SubscriberPackageVersionId` 04t…, `VersionNumber`,
 * `CodeCoverage`, `HasPassedCodeCoverageCheck`, …), its errors (`MultipleErrorsError` when the build
 * failed, `PollingClientTimeout` when --wait ran out), `sf package create --json` (`{Id}`) and
 * `sf package list --json`. What the command keeps of a version is written to
 * `results/package-version.json`.
 */
import { field, stringField, type SfAnswer } from '../sf/sf.ts';

/** Where a package version's installation page is, as sf prints it (plugin-packaging's INSTALL_URL_BASE). */
export const INSTALL_URL_BASE = 'https://login.salesforce.com/packaging/installPackage.apexp?p0=';

/** The same page for sandboxes. */
export const SANDBOX_INSTALL_URL_BASE = 'https://test.salesforce.com/packaging/installPackage.apexp?p0=';

/** The lowest Apex coverage with which a managed version can be promoted to released. */
export const PROMOTION_COVERAGE = 75;

/** The file the command writes, relative to the project root. */
export const VERSION_RESULT_FILE = 'results/package-version.json';

/** A version that was built. */
export interface CreatedVersion {
  readonly outcome: 'created';
  readonly package: string;
  readonly packageId: string;
  readonly versionNumber: string | null;
  readonly subscriberPackageVersionId: string;
  readonly packageVersionId: string | null;
  readonly createRequestId: string;
  readonly installUrl: string;
  readonly sandboxInstallUrl: string;
  /** Apex coverage in percent as the build org measured it, null when not reported. */
  readonly codeCoverage: number | null;
  readonly hasPassedCodeCoverageCheck: boolean | null;
  /** Every version built here is a beta: only `sf package version promote` releases it. */
  readonly released: false;
  readonly createdDate: string | null;
  readonly devHub: string;
}

/** A version request that ended without a version, or is still running. */
export interface UnfinishedVersion {
  /** `failed`: the build reported errors; `pending`: --wait ran out first; `refused`: sf refused the request. */
  readonly outcome: 'failed' | 'pending' | 'refused';
  readonly package: string;
  readonly packageId: string;
  readonly createRequestId: string | null;
  readonly status: string | null;
  readonly errors: readonly string[];
  readonly devHub: string;
}

/** What one `sf package version create` came to. */
export type VersionOutcome = CreatedVersion | UnfinishedVersion;

const VERSION_ID = /^04t[0-9A-Za-z]{12}(?:[0-9A-Za-z]{3})?$/;
const REQUEST_ID = /\b08c[0-9A-Za-z]{12}(?:[0-9A-Za-z]{3})?\b/;

/** What the command knew when it asked: which package, in which Dev Hub. */
export interface VersionRequest {
  readonly package: string;
  readonly packageId: string;
  readonly devHub: string;
}

/** sf's error text as separate lines: `Multiple errors occurred: \n(1) …\n(2) …` → [`…`, `…`]. */
export function errorLines(message: string | undefined): string[] {
  const text = (message ?? '').replace(/^Multiple errors occurred:\s*/, '');
  const numbered = text.split(/\n?\(\d+\)\s+/).map((line) => line.trim());
  return numbered.filter((line) => line !== '');
}

/**
 * Reads `sf package version create --json`.
 * @param answer sf's answer
 * @param request the package and Dev Hub it was asked for
 */
export function readVersionAnswer(answer: SfAnswer, request: VersionRequest): VersionOutcome {
  const result = answer.result;
  const requestId =
    stringField(result, 'Id') ??
    stringField(field(answer, 'data'), 'VersionCreateRequestId') ??
    REQUEST_ID.exec(answer.message ?? '')?.[0] ??
    null;
  const base = { package: request.package, packageId: request.packageId, createRequestId: requestId, devHub: request.devHub };
  if (answer.status !== 0) {
    if (answer.name === 'PollingClientTimeout') return { ...base, outcome: 'pending', status: null, errors: [] };
    return {
      ...base,
      outcome: answer.name === 'MultipleErrorsError' ? 'failed' : 'refused',
      status: 'Error',
      errors: errorLines(answer.message),
    };
  }
  const status = stringField(result, 'Status') ?? null;
  const versionId = stringField(result, 'SubscriberPackageVersionId');
  if (status !== 'Success' || versionId === undefined || !VERSION_ID.test(versionId)) {
    const errors = field(result, 'Error');
    return {
      ...base,
      outcome: status === 'Error' ? 'failed' : 'pending',
      status,
      errors: Array.isArray(errors) ? errors.map(String) : [],
    };
  }
  const coverage = field(result, 'CodeCoverage');
  const passed = field(result, 'HasPassedCodeCoverageCheck');
  return {
    outcome: 'created',
    package: request.package,
    packageId: stringField(result, 'Package2Id') ?? request.packageId,
    versionNumber: stringField(result, 'VersionNumber') ?? null,
    subscriberPackageVersionId: versionId,
    packageVersionId: stringField(result, 'Package2VersionId') ?? null,
    createRequestId: requestId ?? '',
    installUrl: `${INSTALL_URL_BASE}${versionId}`,
    sandboxInstallUrl: `${SANDBOX_INSTALL_URL_BASE}${versionId}`,
    codeCoverage: typeof coverage === 'number' ? coverage : null,
    hasPassedCodeCoverageCheck: typeof passed === 'boolean' ? passed : null,
    released: false,
    createdDate: stringField(result, 'CreatedDate') ?? null,
    devHub: request.devHub,
  };
}

/** The Id `sf package create --json` returns, when it is a Package2 id. */
export function createdPackageId(answer: SfAnswer): string | undefined {
  return answer.status === 0 ? stringField(answer.result, 'Id') : undefined;
}

/** The managed packages of `sf package list --json` with this name and namespace. */
export function packagesNamed(answer: SfAnswer, name: string, namespace: string): { id: string; alias: string | undefined }[] {
  const rows = Array.isArray(answer.result) ? (answer.result as unknown[]) : [];
  return rows
    .filter(
      (row) =>
        stringField(row, 'Name') === name &&
        (stringField(row, 'NamespacePrefix') ?? '') === namespace &&
        stringField(row, 'ContainerOptions') === 'Managed' &&
        stringField(row, 'Id') !== undefined,
    )
    .map((row) => ({ id: stringField(row, 'Id') ?? '', alias: stringField(row, 'Alias') }));
}
