/**
 * The workbench's settings from its command line and environment. Pure but for reading the
 * file of `--signing-key-file`: `main.ts` passes `process.argv` and `process.env`, tests pass
 * their own. No message here ever holds a signing key.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Default port of `npm start`. */
export const DEFAULT_PORT = 4321;
/** Default data directory, relative to the working directory (git-ignored). */
export const DEFAULT_DATA_DIRECTORY = '.workbench';
/** Default of `--heartbeat-minutes`: the contract's recommended hourly setup heartbeat. */
export const DEFAULT_HEARTBEAT_MINUTES = 60;
/** Org the emulator reports as linked on `GET /v1/salesforce/connection` unless WORKBENCH_ORG_ID says otherwise. */
export const DEFAULT_ORG_ID = '00D5g000004ABCDEA4';
/** The shortest signing key accepted (the org's signing card generates 64 hex characters). */
export const MIN_SIGNING_KEY_LENGTH = 32;

/** Everything the workbench needs to start. */
export interface WorkbenchConfig {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly dataDirectory: string;
  readonly reset: boolean;
  readonly auth: boolean;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tokenTtlSeconds: number;
  readonly orgId: string;
  /** Strict-users mode: only users created through `PUT /_workbench/users/{email}` are SIA users. */
  readonly strictUsers: boolean;
  /** The sf CLI alias of the integration user SIA-originated changes are delivered as; null: they wait. */
  readonly org: string | null;
  /** Accept an org user with Modify All Data (`--allow-admin`). */
  readonly allowAdmin: boolean;
  /**
   * The org's inbound signing key (`--signing-key-file`, trimmed, or WORKBENCH_SIGNING_KEY); null:
   * requests go unsigned. A secret: never printed, logged or shown (the pages show its fingerprint).
   */
  readonly signingKey: string | null;
  /** With `--org`: minutes between setup heartbeats, the first at start (`--heartbeat-minutes`); 0: none. */
  readonly heartbeatMinutes: number;
}

/** A bad flag or variable: the message names it. */
export class ConfigError extends Error {}

/** The usage text of `npm start -- --help`. */
export const USAGE = `Usage: npm start -- [--host <addr>] [--no-auth] [--reset] [--strict-users]
                    [--org <alias> [--allow-admin] [--heartbeat-minutes <n>]]
                    [--signing-key-file <path>]

  --host <addr>    listen on <addr> instead of 127.0.0.1 (loopback only by default)
  --no-auth        accept requests without a bearer token
  --reset          delete the stored data before starting
  --strict-users   reject changes for users not created with PUT /_workbench/users/{email}
                   (OWNER_NOT_CONNECTED, USER_NOT_CONNECTED) instead of creating them
  --org <alias>    deliver SIA-originated changes into that org, as the sf CLI alias's user: the
                   integration user (a user with Modify All Data is refused)
  --allow-admin    with --org: accept a user with Modify All Data anyway
  --heartbeat-minutes <n>
                   with --org: call the org's setup heartbeat at start and every <n> minutes
                   (0 to 1440, default ${DEFAULT_HEARTBEAT_MINUTES}; 0: never)
  --signing-key-file <path>
                   sign the calls into the org with the key in that file (the key the org's
                   signing card showed once when an admin clicked Generate; surrounding
                   whitespace is ignored; at least ${MIN_SIGNING_KEY_LENGTH} characters). The key is never printed:
                   the To Salesforce page shows its fingerprint, as the card does

Environment: PORT (default ${DEFAULT_PORT}), WORKBENCH_DATA (default ${DEFAULT_DATA_DIRECTORY}),
WORKBENCH_CLIENT_ID / WORKBENCH_CLIENT_SECRET (default workbench / workbench),
WORKBENCH_TOKEN_TTL (seconds, default 3600), WORKBENCH_ORG_ID (default ${DEFAULT_ORG_ID}),
WORKBENCH_STRICT_USERS (1/true or 0/false, default 0; --strict-users turns it on),
WORKBENCH_SIGNING_KEY (the org's inbound signing key, instead of --signing-key-file; not both).`;

function integerVariable(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^[0-9]+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return Number(raw);
}

function booleanVariable(env: Readonly<Record<string, string | undefined>>, name: string): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '' || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new ConfigError(`${name} must be 1, true, 0 or false, got ${JSON.stringify(raw)}`);
}

/**
 * The signing key: from `--signing-key-file` (read, trimmed) or WORKBENCH_SIGNING_KEY, never both.
 * @throws ConfigError naming the flag or variable and the fix, never the key
 */
function signingKeyOf(file: string | null, env: Readonly<Record<string, string | undefined>>, cwd: string): string | null {
  const variable = env['WORKBENCH_SIGNING_KEY'] || null;
  if (file !== null && variable !== null)
    throw new ConfigError(
      'the signing key is given twice, by --signing-key-file and by WORKBENCH_SIGNING_KEY: use one (unset WORKBENCH_SIGNING_KEY, or drop --signing-key-file)',
    );
  if (file === null) {
    if (variable !== null && variable.length < MIN_SIGNING_KEY_LENGTH)
      throw new ConfigError(`WORKBENCH_SIGNING_KEY must be the org's signing key (at least ${MIN_SIGNING_KEY_LENGTH} characters)`);
    return variable;
  }
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      `--signing-key-file ${path}: cannot read the file (${code ?? 'unreadable'}): give the path of a file holding the org's signing key`,
    );
  }
  const key = text.trim();
  if (key.length < MIN_SIGNING_KEY_LENGTH)
    throw new ConfigError(
      `--signing-key-file ${path}: the file must hold the org's signing key, at least ${MIN_SIGNING_KEY_LENGTH} characters (it holds ${key.length}): copy the key the signing card showed when it was generated into the file, or generate a new one there`,
    );
  return key;
}

/**
 * Reads the command-line arguments (after the script name) and the environment.
 *
 * @returns undefined when `--help` was asked for.
 * @throws ConfigError naming the bad flag or variable.
 */
export function parseConfig(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): WorkbenchConfig | undefined {
  let host = '127.0.0.1';
  let auth = true;
  let reset = false;
  let strictUsers = booleanVariable(env, 'WORKBENCH_STRICT_USERS');
  let org: string | null = null;
  let allowAdmin = false;
  let heartbeatMinutes: number | null = null;
  let signingKeyFile: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') return undefined;
    else if (arg === '--no-auth') auth = false;
    else if (arg === '--reset') reset = true;
    else if (arg === '--strict-users') strictUsers = true;
    else if (arg === '--allow-admin') allowAdmin = true;
    else if (arg === '--heartbeat-minutes') {
      const value = args[++i];
      if (value === undefined || !/^[0-9]{1,4}$/.test(value) || Number(value) > 1440)
        throw new ConfigError(
          `--heartbeat-minutes needs a whole number of minutes from 0 to 1440 (0: no heartbeat), e.g. --heartbeat-minutes 60; got ${JSON.stringify(value ?? '')}`,
        );
      heartbeatMinutes = Number(value);
    } else if (arg === '--signing-key-file') {
      const value = args[++i];
      if (value === undefined || value === '' || value.startsWith('--'))
        throw new ConfigError(
          "--signing-key-file needs the path of a file holding the org's signing key, e.g. --signing-key-file ~/.sisync/signing-key",
        );
      signingKeyFile = value;
    } else if (arg === '--org') {
      const value = args[++i];
      if (value === undefined || value === '' || value.startsWith('--'))
        throw new ConfigError('--org needs the sf CLI alias of the integration user, e.g. --org sisync-integration');
      org = value;
    } else if (arg === '--host') {
      const value = args[++i];
      if (value === undefined || value === '' || value.startsWith('--'))
        throw new ConfigError('--host needs an address, e.g. --host 0.0.0.0');
      host = value;
    } else throw new ConfigError(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
  }
  const orgId = env['WORKBENCH_ORG_ID'] ?? DEFAULT_ORG_ID;
  if (!/^00D[a-zA-Z0-9]{15}$/.test(orgId))
    throw new ConfigError(`WORKBENCH_ORG_ID must be an 18-character org id (00D…), got ${JSON.stringify(orgId)}`);
  const clientId = env['WORKBENCH_CLIENT_ID'] ?? 'workbench';
  const clientSecret = env['WORKBENCH_CLIENT_SECRET'] ?? 'workbench';
  if (clientId === '') throw new ConfigError('WORKBENCH_CLIENT_ID must not be empty');
  if (clientSecret === '') throw new ConfigError('WORKBENCH_CLIENT_SECRET must not be empty');
  if (allowAdmin && org === null) throw new ConfigError('--allow-admin goes with --org <alias>');
  if (heartbeatMinutes !== null && org === null)
    throw new ConfigError('--heartbeat-minutes goes with --org <alias>: without an org there is no heartbeat to call');
  const signingKey = signingKeyOf(signingKeyFile, env, cwd);
  return {
    host,
    port: integerVariable(env, 'PORT', DEFAULT_PORT, 0, 65535),
    dataDirectory: resolve(cwd, env['WORKBENCH_DATA'] || DEFAULT_DATA_DIRECTORY),
    reset,
    auth,
    clientId,
    clientSecret,
    tokenTtlSeconds: integerVariable(env, 'WORKBENCH_TOKEN_TTL', 3600, 1, 86_400),
    orgId,
    strictUsers,
    org,
    allowAdmin,
    signingKey,
    heartbeatMinutes: heartbeatMinutes ?? DEFAULT_HEARTBEAT_MINUTES,
  };
}
