/**
 * How the commands find and call sf: the project's own binary unless SISYNC_SF_BIN names another,
 * JSON answers read past a warning line, an sf that does not start or answer reported as such.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createSf, parseSfJson, sfBinary, SfUnavailableError } from '../sf/sf.ts';

test('sf › node_modules/.bin/sf normally, SISYNC_SF_BIN when set (the fake in tests)', () => {
  assert.equal(sfBinary('/repo', {}), '/repo/node_modules/.bin/sf');
  assert.equal(sfBinary('/repo', { SISYNC_SF_BIN: '' }), '/repo/node_modules/.bin/sf');
  assert.equal(sfBinary('/repo', { SISYNC_SF_BIN: '/tmp/fake-sf' }), '/tmp/fake-sf');
});

test('sf › a JSON answer is read past a warning printed before it; anything else is no answer', () => {
  const answer = parseSfJson(
    ' ›   Warning: @salesforce/cli update available from 2.146.3 to 2.150.6.\n{"status":1,"name":"NoDefaultEnvError"}\n',
  );
  assert.deepEqual(answer, { status: 1, name: 'NoDefaultEnvError' });
  assert.equal(parseSfJson('Error (NoDefaultEnvError): No default environment found.'), undefined);
  assert.equal(parseSfJson('{"result":[]}'), undefined, 'no status: not an sf answer');
});

test('sf › output without JSON becomes an error answer with its first line; a missing or silent sf throws', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'sisync-sf-'));
  try {
    const noisy = join(directory, 'noisy');
    writeFileSync(noisy, '#!/bin/sh\necho "Error (Boom): it broke" >&2\nexit 3\n');
    chmodSync(noisy, 0o755);
    const answer = await createSf({ root: directory, env: { ...process.env, SISYNC_SF_BIN: noisy } }).json(['org', 'display']);
    assert.deepEqual(answer, { status: 3, name: 'NoJsonAnswer', message: 'Error (Boom): it broke' });
    const silent = join(directory, 'silent');
    writeFileSync(silent, '#!/bin/sh\nexec sleep 5\n');
    chmodSync(silent, 0o755);
    await assert.rejects(
      createSf({ root: directory, env: { ...process.env, SISYNC_SF_BIN: silent } }).json(['org', 'display'], { timeoutMs: 200 }),
      (error: unknown) => error instanceof SfUnavailableError && /did not answer within 1 s \(sf org display\)/.test(error.message),
    );
    await assert.rejects(
      createSf({ root: directory, env: { ...process.env, SISYNC_SF_BIN: join(directory, 'none') } }).show(['org', 'list']),
      SfUnavailableError,
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
