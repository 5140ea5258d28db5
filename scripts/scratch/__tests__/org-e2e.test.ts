/**
 * org:e2e's steps against the REAL workbench (`startWorkbench`, in this process, delivering into
 * an org stand-in) and the fake sf answering recorded Salesforce responses; the package's relay,
 * the org's Apex REST and the https tunnel are played by `support/org-e2e-stand-in.ts`. What this
 * cannot show: a real org's relay, Named Credential and Connect REST (docs/e2e.md says so).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createOrgE2e, RESULTS_FILE, type E2eDependencies } from '../commands/org-e2e.ts';
import { CommandError } from '../commands/errors.ts';
import type { WorkbenchLauncher } from '../e2e/launcher.ts';
import type { Waiting } from '../e2e/poll.ts';
import { WorkbenchClient } from '../e2e/workbench-client.ts';
import type { FlagValues } from '../cli/args.ts';
import { startWorkbench } from '../../workbench/server.ts';
import { ADMIN_EMAIL, PUBLIC_URL, startOrgStandIn, type OrgStandIn } from './support/org-e2e-stand-in.ts';
import { fakeSf } from './support/fake-sf.ts';

const ORG_ID = '00DWs00000AbCdEMAV';
const CLIENT_SECRET = 'e2e-client-secret-0123456789abcdef0123456789abcdef';
const SIGNING_KEY = '3f9c0a1b2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8';

/** The recorded Salesforce answers of a scratch org with the package (namespace sisync). */
const org: Record<string, unknown> = {
  'org display': 'org-display-scratch.json',
  'data query ~ApexClass': 'e2e/data-query-apexclass-namespace.json',
  'data query ~Email': 'e2e/data-query-user-admin.json',
  'api request rest --method GET ~named-credential-setup': 'e2e/named-credential-get.json',
  'api request rest --method PUT ~named-credential-setup': 'e2e/named-credential-put.json',
  'api request rest --method GET ~external-credentials': 'e2e/external-credential-get.json',
  'api request rest --method PUT ~external-credentials': 'e2e/external-credential-put.json',
  'api request rest --method GET ~named-credentials/credential': 'e2e/credential-get-not-configured.json',
  'api request rest --method POST ~named-credentials/credential': 'e2e/credential-post.json',
  'data create record --sobject Task': [1, 2, 3, 4, 5, 6].map((n) => ({
    status: 0,
    result: { id: `00TWs00000Rt${String(n).padStart(3, '0')}EAV`.slice(0, 18), success: true, errors: [] },
    warnings: [],
  })),
  'data update record --sobject Task': { status: 0, result: { id: '00TWs00000Rt001EAV', success: true, errors: [] }, warnings: [] },
  'data delete record --sobject Task': { status: 0, result: { id: '00TWs00000Rt001EAV', success: true, errors: [] }, warnings: [] },
};

/** Fast polls: 50 ms apart, for at most 15 s. */
const fastWaiting = (): Waiting => ({
  timeoutMs: 15_000,
  intervalMs: 50,
  nowMs: Date.now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});

/** The real workbench in this process, delivering into the stand-in; the tunnel forwards to it. */
function inProcessLauncher(standIn: OrgStandIn, launches: unknown[]): WorkbenchLauncher {
  return async (launch) => {
    launches.push(launch);
    const data = mkdtempSync(join(tmpdir(), 'e2e-workbench-'));
    const signingKey = launch.signingKeyFile === null ? null : readFileSync(launch.signingKeyFile, 'utf8').trim();
    const running = await startWorkbench(
      {
        host: '127.0.0.1',
        port: 0,
        dataDirectory: data,
        reset: false,
        auth: true,
        clientId: launch.clientId,
        clientSecret: launch.clientSecret,
        tokenTtlSeconds: 3600,
        strictUsers: false,
        orgId: launch.orgId,
        org: launch.integrationOrg,
        allowAdmin: false,
        signingKey,
        heartbeatMinutes: 0,
      },
      {
        delivery: {
          target: {
            instanceUrl: standIn.instanceUrl,
            accessToken: 'stand-in',
            namespace: 'sisync',
            signingKey,
            username: 'integration@example.com',
          },
          intervalMs: 100,
        },
      },
    );
    standIn.forwardTo(running.url);
    return {
      apiUrl: running.url,
      stop: async () => {
        await running.close();
        rmSync(data, { recursive: true, force: true });
      },
    };
  };
}

interface Run {
  readonly error: unknown;
  readonly lines: string[];
  readonly results: { passed: boolean; steps: { step: string; outcome: string; detail: string }[] };
  readonly resultsText: string;
  readonly standIn: OrgStandIn;
  readonly launches: unknown[];
  readonly calls: string[];
}

async function roundTrip(
  flags: FlagValues,
  options: { relay?: boolean; signingKey?: string | null; steps?: E2eDependencies['steps'] } = {},
): Promise<Run> {
  const fake = fakeSf(org);
  const keyDirectory = mkdtempSync(join(tmpdir(), 'e2e-key-'));
  const keyFile = join(keyDirectory, 'signing-key');
  writeFileSync(keyFile, `${SIGNING_KEY}\n`, { mode: 0o600 });
  const standIn = await startOrgStandIn({
    orgId: ORG_ID,
    signingKey: options.signingKey === undefined ? SIGNING_KEY : options.signingKey,
    ...(options.relay === undefined ? {} : { relay: options.relay }),
  });
  const launches: unknown[] = [];
  try {
    const command = createOrgE2e({
      launcher: () => inProcessLauncher(standIn, launches),
      waiting: fastWaiting,
      runId: () => 'e2e-test01',
      clientSecret: () => CLIENT_SECRET,
      publicClient: () => new WorkbenchClient(standIn.tunnelUrl),
      ...(options.steps === undefined ? {} : { steps: options.steps }),
    });
    let error: unknown;
    try {
      await command.run(
        { 'workbench-url': PUBLIC_URL, ...(flags['accept-unsigned'] === true ? {} : { 'signing-key-file': keyFile }), ...flags },
        { ...fake.context(), sf: standIn.wrap(fake.sf) },
      );
    } catch (caught: unknown) {
      error = caught;
    }
    const resultsText = readFileSync(join(fake.root, RESULTS_FILE), 'utf8');
    return {
      error,
      lines: [...fake.lines],
      results: JSON.parse(resultsText) as Run['results'],
      resultsText,
      standIn,
      launches,
      calls: fake.calls().map((call) => call.argv.join(' ')),
    };
  } finally {
    await standIn.close();
    fake.cleanup();
    rmSync(keyDirectory, { recursive: true, force: true });
  }
}

function outcomes(run: Run): Record<string, string> {
  return Object.fromEntries(run.results.steps.map((row) => [row.step, row.outcome]));
}

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
    /^paused \(HTTP 401\) .* resumed, 00TWs00000Rt004EAV applied$/,
  );
  assert.ok(run.lines.some((line) => /^\d+ passed, 0 failed, 0 skipped$/.test(line)));
});

test('org:e2e › an org whose relay never sends: the Task steps fail (not pass), the rest that needs them is skipped, exit non-zero', async () => {
  const run = await roundTrip({ alias: 'sisync-dev' }, { relay: false });
  assert.ok(run.error instanceof CommandError);
  assert.match(run.error.message, /The round trip failed at task-create/);
  assert.equal(run.results.passed, false);
  const rows = outcomes(run);
  assert.equal(rows['connection'], 'passed');
  assert.equal(rows['task-create'], 'failed');
  assert.match(
    run.results.steps.find((row) => row.step === 'task-create')?.detail ?? '',
    /waited 15 s for the emulator to see the create of 00TWs00000Rt001EAV; last seen: no change of this Task/,
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
