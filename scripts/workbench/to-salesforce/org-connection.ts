/**
 * `npm start -- --org <alias>`: the org SIA-originated changes go to, reached with the stored auth
 * of the sf CLI alias of the **integration user** (`sf org display --json`). The workbench refuses
 * a user with Modify All Data unless `--allow-admin`: an admin would hide exactly the permission
 * defects that matter. It reads the package's namespace in that org from its Apex REST class.
 */
import { fileURLToPath } from 'node:url';
import { npmBin } from '../../verify/lib/bin.ts';
import { exec } from '../../verify/lib/exec.ts';
import type { OrgTarget } from './org-client.ts';

/** The API version of the REST queries (the project's pinned sourceApiVersion). */
export const API_VERSION = '66.0';

/** A bad alias, a user the workbench refuses, an org it cannot read: the message says what to do. */
export class OrgConnectionError extends Error {}

/** What `sf org display --json` gives that the workbench needs. */
export interface StoredAuth {
  readonly accessToken: string;
  readonly instanceUrl: string;
  readonly username: string;
}

/**
 * Reads `sf org display --target-org <alias> --json`'s output.
 * @throws OrgConnectionError naming the alias and the command that fixes it
 */
export function parseOrgDisplay(alias: string, stdout: string): StoredAuth {
  let parsed: { status?: number; message?: string; result?: Record<string, unknown> };
  try {
    parsed = JSON.parse(stdout) as typeof parsed;
  } catch {
    throw new OrgConnectionError(
      `sf org display --target-org ${alias} --json did not answer JSON: is the sf CLI installed (npm ci installs it)?`,
    );
  }
  const result = parsed.result ?? {};
  const accessToken = result['accessToken'];
  const instanceUrl = result['instanceUrl'];
  const username = result['username'];
  if (parsed.status !== 0 || typeof accessToken !== 'string' || typeof instanceUrl !== 'string' || typeof username !== 'string') {
    throw new OrgConnectionError(
      `--org ${alias}: no usable stored auth (${parsed.message ?? 'no access token'}). Log in as the integration user: sf org login web --alias ${alias} (or sf org login jwt).`,
    );
  }
  return { accessToken, instanceUrl, username };
}

type Query = (soql: string) => Promise<{ totalSize: number; records: Record<string, unknown>[] }>;

function restQuery(auth: StoredAuth): Query {
  return async (soql) => {
    const response = await fetch(`${auth.instanceUrl}/services/data/v${API_VERSION}/query?q=${encodeURIComponent(soql)}`, {
      headers: { authorization: `Bearer ${auth.accessToken}` },
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (response.status !== 200)
      throw new OrgConnectionError(`The org refused a query as ${auth.username} (HTTP ${response.status}): ${text.slice(0, 300)}`);
    return JSON.parse(text) as { totalSize: number; records: Record<string, unknown>[] };
  };
}

/** SOQL: the permission sets (a profile's included) giving this user Modify All Data. */
export function modifyAllDataQuery(username: string): string {
  return `SELECT Id FROM PermissionSetAssignment WHERE Assignee.Username = '${username.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}' AND PermissionSet.PermissionsModifyAllData = true LIMIT 1`;
}

/** SOQL: the package's inbound resource, whose namespace is the package's in this org. */
export const NAMESPACE_QUERY = "SELECT NamespacePrefix FROM ApexClass WHERE Name = 'InboundTaskChangesResource' LIMIT 1";

export interface ConnectOptions {
  readonly alias: string;
  readonly allowAdmin: boolean;
  /** The org's inbound signing key, when one is given (`--signing-key-file` or WORKBENCH_SIGNING_KEY). */
  readonly signingKey: string | null;
  /** Runs `sf org display`; tests pass a recorded answer. */
  readonly orgDisplay?: (alias: string) => Promise<string>;
  /** Runs a SOQL query as the user; tests pass a stand-in. */
  readonly query?: (auth: StoredAuth) => Query;
}

async function sfOrgDisplay(alias: string): Promise<string> {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  const result = await exec(npmBin(root, 'sf'), ['org', 'display', '--target-org', alias, '--json'], {
    cwd: root,
    timeoutMs: 60_000,
  });
  return result.stdout;
}

/**
 * Connects to the org of the alias as the integration user.
 * @throws OrgConnectionError when the alias has no auth, the user has Modify All Data (without
 *   `allowAdmin`), or the package is not installed there
 */
export async function connectOrg(options: ConnectOptions): Promise<OrgTarget & { readonly username: string }> {
  const auth = parseOrgDisplay(options.alias, await (options.orgDisplay ?? sfOrgDisplay)(options.alias));
  const query = (options.query ?? restQuery)(auth);
  if (!options.allowAdmin && (await query(modifyAllDataQuery(auth.username))).totalSize > 0) {
    throw new OrgConnectionError(
      `--org ${options.alias}: ${auth.username} has Modify All Data. Use the integration user (Minimum Access, the Sales Insight Sync Integration permission set and the baseline of docs/install.md): an admin hides the permission defects this is for. Pass --allow-admin to use it anyway.`,
    );
  }
  const found = await query(NAMESPACE_QUERY);
  if (found.totalSize === 0) {
    throw new OrgConnectionError(
      `--org ${options.alias}: the org has no InboundTaskChangesResource class: deploy or install the package first (npm run org:deploy).`,
    );
  }
  const prefix = found.records[0]?.['NamespacePrefix'];
  return {
    instanceUrl: auth.instanceUrl,
    accessToken: auth.accessToken,
    namespace: typeof prefix === 'string' && prefix !== '' ? prefix : null,
    signingKey: options.signingKey,
    username: auth.username,
  };
}
