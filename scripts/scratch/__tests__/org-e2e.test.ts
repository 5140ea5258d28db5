/**
 * org:e2e's steps against the REAL workbench and the fake sf answering recorded Salesforce
 * responses, with the org played by `support/org-e2e-stand-in.ts` (see `support/org-e2e-harness.ts`):
 * setup, the Task round trip both ways, faults. What this cannot show: a real org's relay, Named
 * Credential and Connect REST (docs/e2e.md says so).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CommandError } from '../commands/errors.ts';
import { E2E_STEPS } from '../e2e/steps/index.ts';
import { ADMIN_EMAIL, PUBLIC_URL } from './support/org-e2e-stand-in.ts';
import { CLIENT_SECRET, nthTaskId, outcomes, roundTrip, SIGNING_KEY } from './support/org-e2e-harness.ts';

test('org:e2e › the whole round trip passes: setup through Connect REST, Tasks both ways, in order — and no secret is printed', async () => {
  const run = await roundTrip({ alias: 'sisync-dev' });
  assert.equal(run.error, undefined, `${String(run.error)}\n${run.lines.join('\n')}`);
  assert.ok(run.results.passed, run.lines.join('\n'));
  assert.deepEqual(
    Object.entries(outcomes(run)).filter(([, outcome]) => outcome !== 'passed'),
    [],
    run.lines.join('\n'),
  );
  // What the command set through Connect REST is what the org's relay then used to reach the workbench.
  assert.equal(run.standIn.state.calloutUrl, PUBLIC_URL);
  assert.equal(run.standIn.state.tokenUrl, `${PUBLIC_URL}/oauth/token`);
  assert.equal(run.standIn.state.clientId, 'sisync-e2e-test01');
  assert.equal(run.standIn.state.clientSecret, CLIENT_SECRET);
  // The Task round trip's rows say what the emulator saw.
  const order = run.results.steps.find((row) => row.step === 'task-order');
  assert.match(order?.detail ?? '', /^upsert#1 applied, upsert#2 applied, upsert#3 applied, delete#4 applied$/);
  assert.match(run.results.steps.find((row) => row.step === 'signing')?.detail ?? '', /key fingerprint [0-9a-f]{12}/);
  assert.equal(run.results.steps.find((row) => row.step === 'sync-on')?.detail, `${ADMIN_EMAIL}: twoWay seen by the emulator`);
  // The secrets went only into the workbench's launch and the 0600 request body, never to output or argv.
  const printed = `${run.lines.join('\n')}\n${run.resultsText}\n${run.calls.join('\n')}`;
  assert.ok(!printed.includes(CLIENT_SECRET), 'the client secret was printed');
  assert.ok(!printed.includes(SIGNING_KEY), 'the signing key was printed');
  assert.ok(
    run.calls.some((call) => /api request rest \/services\/data\/v66\.0\/named-credentials\/credential --method POST --body @/.test(call)),
  );
  // The relay met the injected 503s, the 429 and the 401, and every key it sent was applied once.
  const statuses = run.standIn.state.relayed.map((sent) => sent.status);
  assert.deepEqual(
    [503, 429, 401].map((status) => statuses.includes(status)),
    [true, true, true],
    statuses.join(','),
  );
  assert.match(
    run.results.steps.find((row) => row.step === 'auth-401')?.detail ?? '',
    // The first-time sync's seed made Tasks 1 and 2, the round trip 3, the 503/429 burst 4 and 5.
    new RegExp(`^paused \\(HTTP 401\\) .* resumed, ${nthTaskId(6)} applied$`),
  );
  assert.ok(run.lines.some((line) => /^\d+ passed, 0 failed, 0 skipped$/.test(line)));
});

test('org:e2e › an org whose relay never sends: the Task steps fail (not pass), the rest that needs them is skipped, exit non-zero', async () => {
  // Without the first-time sync's steps (they would wait for the relay too: org-e2e-first-sync.test.ts).
  const steps = E2E_STEPS.filter((step) => !step.name.startsWith('first-sync-'));
  const run = await roundTrip({ alias: 'sisync-dev' }, { relay: false, steps });
  assert.ok(run.error instanceof CommandError);
  assert.match(run.error.message, /The round trip failed at task-create/);
  assert.equal(run.results.passed, false);
  const rows = outcomes(run);
  assert.equal(rows['connection'], 'passed');
  assert.equal(rows['task-create'], 'failed');
  assert.match(
    run.results.steps.find((row) => row.step === 'task-create')?.detail ?? '',
    new RegExp(`waited 15 s for the emulator to see the create of ${nthTaskId(1)}; last seen: no change of this Task`),
  );
  assert.equal(rows['task-edit'], 'skipped');
  assert.equal(rows['task-order'], 'skipped');
  // SIA → Salesforce does not need the relay: it still passes.
  assert.equal(rows['reminder-delete'], 'passed');
});

test('org:e2e › --accept-unsigned records the opt-out first and the workbench delivers unsigned; without it an org with no key refuses', async () => {
  const unsigned = await roundTrip({ 'target-org': 'sisync-dev', 'accept-unsigned': true }, { signingKey: null });
  assert.equal(unsigned.error, undefined, unsigned.lines.join('\n'));
  assert.match(unsigned.results.steps.find((row) => row.step === 'signing')?.detail ?? '', /accept unsigned calls' recorded/);
  assert.equal(outcomes(unsigned)['reminder-create'], 'passed');
  assert.equal((unsigned.launches[0] as { signingKeyFile: unknown }).signingKeyFile, null);

  // A key file the org does not hold: the heartbeat, signed with it, is refused — and says so.
  const wrongKey = await roundTrip({ alias: 'sisync-dev' }, { signingKey: 'a'.repeat(64) });
  assert.equal(outcomes(wrongKey)['heartbeat'], 'failed');
  assert.match(wrongKey.results.steps.find((row) => row.step === 'heartbeat')?.detail ?? '', /HTTP 401 INVALID_SIGNATURE/);
  assert.equal(outcomes(wrongKey)['reminder-create'], 'skipped');
});
