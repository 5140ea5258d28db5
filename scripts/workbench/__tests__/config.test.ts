/**
 * The command line and environment of `npm start`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, parseConfig, USAGE } from '../config.ts';

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
