/**
 * The integration user of a scratch org, made the way docs/install.md describes it — the
 * "Minimum Access - Salesforce" profile, the packaged Integration set and the subscriber baseline —
 * and logged in to the sf CLI under an alias, so the heartbeat can be sent as that user.
 *
 * `sf org create user` is the one non-interactive way to get a login for a new user: it creates
 * the user through SCIM, receives a refresh token for it, and stores it (@salesforce/core
 * `User.createUser`). It then calls the API as the new user before any permission set is
 * assigned, so the user's profile must allow the API (forcedotcom/cli#2686: "API is disabled for
 * this User" with a profile without it). Minimum Access does not, so the user is created on
 * Standard User, given the two sets (the baseline carries API Enabled), then moved to Minimum
 * Access; the stored refresh token stays valid across a profile change.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandError } from '../commands/errors.ts';
import type { CommandContext } from '../commands/context.ts';
import type { OrgInfo } from '../preflight/preflight.ts';
import { field, queryRecords, stringField } from '../sf/sf.ts';
import { BASELINE_PERMISSION_SET } from './baseline-permission-set.ts';
import { assignPermissionSets } from './permission-sets.ts';

/** The packaged permission set of the integration user. */
export const INTEGRATION_PERMISSION_SET = 'SalesInsightSyncIntegration';

/** The profile docs/install.md puts the integration user on. */
export const MINIMUM_ACCESS_PROFILE = 'Minimum Access - Salesforce';

/** The profile the user is created on (it allows the API call `sf org create user` makes as the new user). */
export const CREATION_PROFILE = 'Standard User';

/** The username before sf makes it unique by appending the org id (`--set-unique-username`). */
export const INTEGRATION_USERNAME = 'sisync-integration@example.com';

/** The sf alias of a scratch org's integration user. */
export function integrationAlias(orgLabel: string): string {
  return `${orgLabel}-integration`;
}

/** The user definition file of `sf org create user`. */
export function integrationUserDefinition(): Record<string, string> {
  return {
    Username: INTEGRATION_USERNAME,
    Email: INTEGRATION_USERNAME,
    FirstName: 'Sales Insight',
    LastName: 'Integration',
    profileName: CREATION_PROFILE,
  };
}

/** The integration user as org:deploy leaves it. */
export interface IntegrationUser {
  readonly username: string;
  readonly alias: string;
  /** Whether this run created it (false: an earlier org:deploy did). */
  readonly created: boolean;
}

function sameOrg(a: string, b: string): boolean {
  return a !== '' && a.slice(0, 15) === b.slice(0, 15);
}

/**
 * The integration user an earlier run logged in under the alias, if it belongs to this org. Read
 * from sf's local logins (`sf org list auth`), which needs no network and no Dev Hub.
 */
async function existingUser(context: CommandContext, org: OrgInfo, alias: string): Promise<string | undefined> {
  const answer = await context.sf.json(['org', 'list', 'auth']);
  const logins: unknown[] = answer.status === 0 && Array.isArray(answer.result) ? answer.result : [];
  const login = logins.find(
    (entry) => (stringField(entry, 'alias') ?? '').split(',').includes(alias) && sameOrg(stringField(entry, 'orgId') ?? '', org.orgId),
  );
  return stringField(login, 'username');
}

async function createUser(context: CommandContext, org: OrgInfo, alias: string): Promise<string> {
  const directory = mkdtempSync(join(tmpdir(), 'sisync-user-'));
  try {
    const file = join(directory, 'integration-user.json');
    writeFileSync(file, `${JSON.stringify(integrationUserDefinition(), null, 2)}\n`);
    const args = [
      'org',
      'create',
      'user',
      '--target-org',
      org.label,
      '--definition-file',
      file,
      '--set-alias',
      alias,
      '--set-unique-username',
    ];
    context.log(`$ sf ${args.join(' ')}`);
    const answer = await context.sf.json(args);
    const username = stringField(field(answer.result, 'fields'), 'username');
    if (answer.status !== 0 || username === undefined) {
      throw new CommandError(`Creating the integration user failed: ${answer.message ?? `exit ${answer.status}`}`);
    }
    return username;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

async function moveToMinimumAccess(context: CommandContext, org: OrgInfo, username: string): Promise<void> {
  const profiles = await context.sf.json([
    'data',
    'query',
    '--target-org',
    org.label,
    '--query',
    `SELECT Id FROM Profile WHERE Name = '${MINIMUM_ACCESS_PROFILE}'`,
  ]);
  const profileId = profiles.status === 0 ? queryRecords(profiles)[0]?.['Id'] : undefined;
  if (typeof profileId !== 'string')
    throw new CommandError(`The org has no "${MINIMUM_ACCESS_PROFILE}" profile to put the integration user on.`);
  const args = ['data', 'update', 'record', '--target-org', org.label, '--sobject', 'User'];
  const update = await context.sf.json([...args, '--where', `Username='${username}'`, '--values', `ProfileId=${profileId}`]);
  if (update.status !== 0)
    throw new CommandError(`Moving ${username} to ${MINIMUM_ACCESS_PROFILE} failed: ${update.message ?? `exit ${update.status}`}`);
}

/**
 * Makes sure the org has its integration user with exactly the documented access, logged in to
 * the CLI as `<org>-integration`. Runs again safely: an existing user keeps its login, and the
 * assignments and the profile are set again (no-ops when already so).
 */
export async function ensureIntegrationUser(context: CommandContext, org: OrgInfo): Promise<IntegrationUser> {
  const alias = integrationAlias(org.label);
  const existing = await existingUser(context, org, alias);
  const username = existing ?? (await createUser(context, org, alias));
  await assignPermissionSets(context, org.label, [INTEGRATION_PERMISSION_SET, BASELINE_PERMISSION_SET], username);
  await moveToMinimumAccess(context, org, username);
  return { username, alias, created: existing === undefined };
}
