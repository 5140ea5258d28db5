/**
 * Before a command changes anything it asks sf, in one or two quick calls, whether what it needs is
 * there: a Dev Hub, an org that is logged in and alive, the namespace linked. A missing piece is one
 * sentence and the command that fixes it ({@link PreflightError}), within seconds — not a stack
 * trace from the middle of a deploy. The sf error names matched here are sf's own
 * (`NoDefaultEnvError`, `NamedOrgNotFoundError`, `RefreshTokenAuthError`, …, see the fixtures).
 */
import { PreflightError } from '../commands/errors.ts';
import { field, queryRecords, SfUnavailableError, stringField, type Sf, type SfAnswer } from '../sf/sf.ts';
import * as say from './sentences.ts';

/** A preflight call must answer quickly; a hung network is reported, not waited out. */
export const PREFLIGHT_TIMEOUT_MS = 60_000;

/** What `sf org display` told about the org a command will work on. */
export interface OrgInfo {
  /** How the user named it: the --target-org value, else its alias, else its username. */
  readonly label: string;
  readonly username: string;
  readonly orgId: string;
  readonly instanceUrl: string;
  readonly isScratch: boolean;
}

/** Which orgs a command accepts: any org, scratch orgs preferably, or scratch orgs only. */
export type OrgKind = 'any' | 'scratch' | 'scratch-only';

/** What {@link checkOrg} checks. */
export interface OrgNeeds {
  readonly targetOrg: string | undefined;
  readonly kind: OrgKind;
  /** The npm script, for the sentences. */
  readonly command: string;
  /** Today as YYYY-MM-DD (UTC): a scratch org whose expiration date is before it has expired. */
  readonly today: string;
}

async function ask(sf: Sf, args: readonly string[]): Promise<SfAnswer> {
  try {
    return await sf.json(args, { timeoutMs: PREFLIGHT_TIMEOUT_MS });
  } catch (error: unknown) {
    if (error instanceof SfUnavailableError) throw new PreflightError(say.sfUnavailable(error.message));
    throw error;
  }
}

/** Whether the CLI holds no authorization at all (`sf org list auth`, local, no network). */
async function holdsNoAuth(sf: Sf): Promise<boolean> {
  const answer = await ask(sf, ['org', 'list', 'auth']);
  return answer.status === 0 && Array.isArray(answer.result) && answer.result.length === 0;
}

/** sf's names for an authorization that no longer works: refresh refused, org gone, session dead. */
export function isExpiredAuth(answer: SfAnswer): boolean {
  const names = ['RefreshTokenAuthError', 'OrgDataNotAvailableError', 'DomainNotFoundError', 'INVALID_SESSION_ID', 'invalid_grant'];
  const text = `${answer.name ?? ''} ${answer.message ?? ''}`;
  return names.some((name) => text.includes(name)) || /expired access\/refresh token|session expired/i.test(text);
}

/** Whether `org display`'s scratch-org fields say it is gone: Deleted or Expired, or past its date. */
export function scratchOrgEnded(result: unknown, today: string): boolean {
  const status = stringField(result, 'status');
  const expiration = stringField(result, 'expirationDate');
  return status === 'Deleted' || status === 'Expired' || (expiration !== undefined && expiration.slice(0, 10) < today);
}

function refreshFailed(answer: SfAnswer): boolean {
  return (answer.warnings ?? []).some((warning) => typeof warning === 'string' && /unable to refresh auth/i.test(warning));
}

/**
 * Checks the org a command works on with `sf org display [--target-org X] --json`.
 * @returns what sf knows about it
 * @throws PreflightError with the sentence of the case: no auth at all, no default org, an unknown
 *   alias, an expired scratch org or login, not a scratch org (for scratch-only commands)
 */
export async function checkOrg(sf: Sf, needs: OrgNeeds): Promise<OrgInfo> {
  const named = needs.targetOrg;
  const scratch = needs.kind !== 'any';
  const answer = await ask(sf, ['org', 'display', ...(named === undefined ? [] : ['--target-org', named])]);
  const label = named ?? stringField(answer.result, 'alias') ?? stringField(answer.result, 'username') ?? 'the default org';
  if (answer.status !== 0) {
    // With no login at all, a scratch-org command's first step is the Dev Hub; any other org is the user's to name.
    if (answer.name === 'NoDefaultEnvError') {
      throw new PreflightError(scratch && (await holdsNoAuth(sf)) ? say.noAuthAtAll() : say.noDefaultOrg(scratch));
    }
    if (answer.name === 'NamedOrgNotFoundError') {
      throw new PreflightError(scratch && (await holdsNoAuth(sf)) ? say.noAuthAtAll() : say.unknownOrg(label, scratch));
    }
    if (isExpiredAuth(answer)) throw new PreflightError(scratch ? say.expiredScratchOrg(label) : say.expiredSession(label));
    throw new PreflightError(say.orgRefused(label, answer.message ?? `exit ${answer.status}`));
  }
  const result = answer.result;
  const isScratch = stringField(result, 'devHubId') !== undefined || stringField(result, 'expirationDate') !== undefined;
  if (isScratch && scratchOrgEnded(result, needs.today)) throw new PreflightError(say.expiredScratchOrg(label));
  if (needs.kind === 'scratch-only' && !isScratch) throw new PreflightError(say.notAScratchOrg(label, needs.command));
  if (refreshFailed(answer)) {
    throw new PreflightError(isScratch ? say.orgRefused(label, 'its login could not be refreshed') : say.expiredSession(label));
  }
  return {
    label,
    username: stringField(result, 'username') ?? label,
    orgId: stringField(result, 'id') ?? '',
    instanceUrl: stringField(result, 'instanceUrl') ?? '',
    isScratch,
  };
}

/**
 * Checks the Dev Hub: the named one, else sf's default (`sf config get target-dev-hub`), and that
 * its login still works (`sf org display`).
 * @returns the Dev Hub's alias or username, to pass on as --target-dev-hub
 * @throws PreflightError: no auth at all, no Dev Hub set, an unknown or expired Dev Hub
 */
export async function checkDevHub(sf: Sf, named: string | undefined): Promise<string> {
  let hub = named;
  if (hub === undefined) {
    const config = await ask(sf, ['config', 'get', 'target-dev-hub']);
    const entry: unknown = Array.isArray(config.result) ? config.result[0] : undefined;
    const value = field(entry, 'value');
    if (typeof value !== 'string' || value === '') {
      throw new PreflightError((await holdsNoAuth(sf)) ? say.noAuthAtAll() : say.noDevHub());
    }
    hub = value;
  }
  const display = await ask(sf, ['org', 'display', '--target-org', hub]);
  if (display.status !== 0) {
    if (display.name === 'NamedOrgNotFoundError') {
      throw new PreflightError((await holdsNoAuth(sf)) ? say.noAuthAtAll() : say.unknownDevHub(hub));
    }
    if (isExpiredAuth(display)) throw new PreflightError(say.expiredSession(hub));
    throw new PreflightError(say.orgRefused(hub, display.message ?? `exit ${display.status}`));
  }
  if (refreshFailed(display)) throw new PreflightError(say.expiredSession(hub));
  return hub;
}

/** SOQL over the Dev Hub's Namespace Registry for one prefix. */
export function namespaceRegistryQuery(namespace: string): string {
  return `SELECT NamespacePrefix FROM NamespaceRegistry WHERE NamespacePrefix = '${namespace.replace(/[^A-Za-z0-9_]/g, '')}'`;
}

/**
 * Checks that the Dev Hub has linked the project's namespace (its Namespace Registry holds it).
 * A query the Dev Hub refuses (a user without the Namespace Registry permission) proves nothing,
 * so it lets the command go on and sf's own answer follows.
 * @throws PreflightError when the registry answers without the namespace
 */
export async function checkNamespaceLinked(sf: Sf, hub: string, namespace: string, creatingOrg: boolean): Promise<void> {
  const answer = await ask(sf, ['data', 'query', '--target-org', hub, '--query', namespaceRegistryQuery(namespace)]);
  if (answer.status === 0 && queryRecords(answer).length === 0) {
    throw new PreflightError(say.namespaceNotLinked(namespace, hub, creatingOrg));
  }
}

/** Today, as {@link OrgNeeds.today} wants it. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
