/**
 * The command line and environment of `npm start`.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ConfigError, parseConfig, USAGE } from '../config.ts';
import { removeDirectory, tempDirectory } from './support.ts';

/** A key as the org's signing card generates it: 64 lowercase hex characters. */
const SECRET = '3f8a1c0e9b7d5a2f4c6e8b0d1f3a5c7e9b1d3f5a7c9e0b2d4f6a8c0e2b4d6f8a';
const keys = tempDirectory('config-keys');
after(() => removeDirectory(keys));

/** Writes `text` to a file in the test's key directory; returns its path. */
function keyFile(name: string, text: string): string {
  const path = join(keys, name);
  writeFileSync(path, text);
  return path;
}

/** `text` as a regular expression matching exactly it (a temporary path). */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A ConfigError whose message says `pattern` and never holds `secret`. */
function configError(pattern: RegExp, secret = SECRET): (error: unknown) => boolean {
  return (error: unknown) => error instanceof ConfigError && pattern.test(error.message) && !error.message.includes(secret);
}

test('defaults: loopback on 4321, auth on, data in .workbench, client workbench/workbench', () => {
  assert.deepEqual(parseConfig([], {}, '/repo'), {
    host: '127.0.0.1',
    port: 4321,
    dataDirectory: '/repo/.workbench',
    reset: false,
    auth: true,
    clientId: 'workbench',
    clientSecret: 'workbench',
    tokenTtlSeconds: 3600,
    orgId: '00D5g000004ABCDEA4',
    strictUsers: false,
    org: null,
    allowAdmin: false,
    signingKey: null,
    heartbeatMinutes: 60,
  });
});

test('--heartbeat-minutes: with --org, whole minutes 0 to 1440 (0: off), default 60; anything else names the flag and the fix', () => {
  assert.equal(parseConfig(['--org', 'sisync-int'], {}, '/repo')?.heartbeatMinutes, 60);
  assert.equal(parseConfig(['--org', 'sisync-int', '--heartbeat-minutes', '0'], {}, '/repo')?.heartbeatMinutes, 0);
  assert.equal(parseConfig(['--heartbeat-minutes', '15', '--org', 'sisync-int'], {}, '/repo')?.heartbeatMinutes, 15);
  assert.equal(parseConfig(['--org', 'sisync-int', '--heartbeat-minutes', '1440'], {}, '/repo')?.heartbeatMinutes, 1440);
  for (const bad of ['1441', '-1', '1.5', '60m', '', '1e2', '99999']) {
    assert.throws(
      () => parseConfig(['--org', 'sisync-int', '--heartbeat-minutes', bad], {}, '/repo'),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.message.includes('--heartbeat-minutes needs a whole number of minutes from 0 to 1440') &&
        error.message.includes('e.g. --heartbeat-minutes 60') &&
        error.message.endsWith(`got ${JSON.stringify(bad)}`),
      bad,
    );
  }
  assert.throws(() => parseConfig(['--org', 'sisync-int', '--heartbeat-minutes'], {}, '/repo'), /--heartbeat-minutes needs a whole number/);
  assert.throws(
    () => parseConfig(['--heartbeat-minutes', '30'], {}, '/repo'),
    (error: unknown) => error instanceof ConfigError && /--heartbeat-minutes goes with --org <alias>/.test(error.message),
  );
  assert.match(USAGE, /--heartbeat-minutes <n>/);
});

test("--org takes the integration user's alias; --allow-admin only with it; a signing key is the org's (32+ characters)", () => {
  assert.equal(parseConfig(['--org', 'sisync-int'], {}, '/repo')?.org, 'sisync-int');
  assert.equal(parseConfig(['--org', 'sisync-int', '--allow-admin'], {}, '/repo')?.allowAdmin, true);
  assert.throws(() => parseConfig(['--org'], {}, '/repo'), /--org needs the sf CLI alias of the integration user/);
  assert.throws(() => parseConfig(['--org', '--reset'], {}, '/repo'), /--org needs/);
  assert.throws(() => parseConfig(['--allow-admin'], {}, '/repo'), /--allow-admin goes with --org/);
  assert.throws(() => parseConfig([], { WORKBENCH_SIGNING_KEY: 'short' }, '/repo'), /WORKBENCH_SIGNING_KEY must be/);
  const key = 'k'.repeat(40);
  assert.equal(parseConfig([], { WORKBENCH_SIGNING_KEY: key }, '/repo')?.signingKey, key);
});

test('strict-users mode: --strict-users or WORKBENCH_STRICT_USERS, anything else refused naming the variable', () => {
  assert.equal(parseConfig(['--strict-users'], {}, '/repo')?.strictUsers, true);
  assert.equal(parseConfig([], { WORKBENCH_STRICT_USERS: '1' }, '/repo')?.strictUsers, true);
  assert.equal(parseConfig([], { WORKBENCH_STRICT_USERS: 'true' }, '/repo')?.strictUsers, true);
  assert.equal(parseConfig([], { WORKBENCH_STRICT_USERS: 'false' }, '/repo')?.strictUsers, false);
  assert.equal(parseConfig([], { WORKBENCH_STRICT_USERS: '' }, '/repo')?.strictUsers, false);
  assert.throws(
    () => parseConfig([], { WORKBENCH_STRICT_USERS: 'yes' }, '/repo'),
    (error: unknown) => error instanceof ConfigError && /WORKBENCH_STRICT_USERS must be 1, true, 0 or false, got "yes"/.test(error.message),
  );
});

test('flags and variables override the defaults', () => {
  const config = parseConfig(
    ['--host', '0.0.0.0', '--no-auth', '--reset'],
    { PORT: '0', WORKBENCH_DATA: '/data', WORKBENCH_CLIENT_ID: 'id', WORKBENCH_CLIENT_SECRET: 'secret', WORKBENCH_TOKEN_TTL: '60' },
    '/repo',
  );
  assert.deepEqual(
    [
      config?.host,
      config?.port,
      config?.auth,
      config?.reset,
      config?.dataDirectory,
      config?.clientId,
      config?.clientSecret,
      config?.tokenTtlSeconds,
    ],
    ['0.0.0.0', 0, false, true, '/data', 'id', 'secret', 60],
  );
  assert.equal(parseConfig(['--help'], {}, '/repo'), undefined);
});

test('bad input is refused naming the flag or variable', () => {
  assert.throws(
    () => parseConfig(['--port', '1'], {}, '/'),
    (e: unknown) => e instanceof ConfigError && /unknown argument "--port"/.test(e.message),
  );
  assert.throws(() => parseConfig(['--host'], {}, '/'), /--host needs an address/);
  assert.throws(() => parseConfig([], { PORT: '70000' }, '/'), /PORT must be an integer from 0 to 65535/);
  assert.throws(() => parseConfig([], { WORKBENCH_ORG_ID: '00Dshort' }, '/'), /WORKBENCH_ORG_ID must be/);
  assert.throws(() => parseConfig([], { WORKBENCH_CLIENT_SECRET: '' }, '/'), /WORKBENCH_CLIENT_SECRET must not be empty/);
});

test('--signing-key-file: the key is read from the file, trimmed; a relative path is from the working directory', () => {
  const path = keyFile('signing-key', `  ${SECRET}\n`);
  assert.equal(parseConfig(['--org', 'sisync-int', '--signing-key-file', path], {}, '/repo')?.signingKey, SECRET);
  assert.equal(parseConfig(['--signing-key-file', 'signing-key', '--org', 'sisync-int'], {}, keys)?.signingKey, SECRET);
  assert.equal(parseConfig(['--signing-key-file', keyFile('crlf-key', `${SECRET}\r\n`)], {}, '/repo')?.signingKey, SECRET);
  assert.equal(parseConfig(['--signing-key-file', keyFile('short-ok', 'k'.repeat(32))], {}, '/repo')?.signingKey, 'k'.repeat(32));
});

test('--signing-key-file: a key under 32 characters is refused naming the flag and the fix, never the key', () => {
  const short = 'abc123def456abc123def456abc123d';
  for (const [name, text] of [
    ['short', `${short}\n`],
    ['blank', '   \n'],
    ['empty', ''],
  ] as const) {
    const path = keyFile(name, text);
    assert.throws(
      () => parseConfig(['--signing-key-file', path], {}, '/repo'),
      configError(
        new RegExp(
          `^--signing-key-file ${literal(path)}: the file must hold the org's signing key, at least 32 characters \\(it holds ${text.trim().length}\\): copy the key the signing card showed`,
        ),
        short,
      ),
      name,
    );
  }
});

test('--signing-key-file: a missing or unreadable file is refused naming the path; the flag needs a path', () => {
  const missing = join(keys, 'no-such-key');
  assert.throws(
    () => parseConfig(['--signing-key-file', missing], {}, '/repo'),
    configError(new RegExp(`^--signing-key-file ${literal(missing)}: cannot read the file \\(ENOENT\\)`)),
  );
  assert.throws(
    () => parseConfig(['--signing-key-file', 'no-such-key'], {}, keys),
    configError(new RegExp(`^--signing-key-file ${literal(missing)}: cannot read the file`)),
    'a relative path is named as resolved',
  );
  const directory = join(keys, 'a-directory');
  mkdirSync(directory);
  assert.throws(
    () => parseConfig(['--signing-key-file', directory], {}, '/repo'),
    configError(new RegExp(`^--signing-key-file ${literal(directory)}: cannot read the file \\(EISDIR\\)`)),
  );
  for (const args of [['--signing-key-file'], ['--signing-key-file', ''], ['--signing-key-file', '--org', 'sisync-int']]) {
    assert.throws(
      () => parseConfig(args, {}, '/repo'),
      configError(/^--signing-key-file needs the path of a file holding the org's signing key, e\.g\. --signing-key-file /),
      JSON.stringify(args),
    );
  }
});

test('--signing-key-file and WORKBENCH_SIGNING_KEY together are refused: use one', () => {
  const path = keyFile('both', SECRET);
  assert.throws(
    () => parseConfig(['--signing-key-file', path], { WORKBENCH_SIGNING_KEY: 'k'.repeat(40) }, '/repo'),
    configError(/given twice, by --signing-key-file and by WORKBENCH_SIGNING_KEY: use one/, 'k'.repeat(40)),
  );
  assert.equal(
    parseConfig(['--signing-key-file', path], { WORKBENCH_SIGNING_KEY: '' }, '/repo')?.signingKey,
    SECRET,
    'an empty variable is unset',
  );
});

test('USAGE documents --signing-key-file and shows no key', () => {
  assert.match(USAGE, /--signing-key-file <path>/);
  assert.match(USAGE, /never printed/);
  assert.doesNotMatch(USAGE, /[0-9a-f]{32}/, 'no key in the usage text');
});
