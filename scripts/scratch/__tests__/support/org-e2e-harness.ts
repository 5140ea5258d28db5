/**
 * The harness of org:e2e's offline tests: the command run with the REAL workbench (`startWorkbench`,
 * in this process, delivering into the org stand-in) and the fake sf answering recorded Salesforce
 * responses; the package's relay, the org's Apex REST and the https tunnel are played by
 * `org-e2e-stand-in.ts`. What this cannot show: a real org's relay, Named Credential and Connect
 * REST (docs/e2e.md says so).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOrgE2e, RESULTS_FILE, type E2eDependencies } from '../../commands/org-e2e.ts';
import type { WorkbenchLauncher } from '../../e2e/launcher.ts';
import type { Waiting } from '../../e2e/poll.ts';
import { WorkbenchClient } from '../../e2e/workbench-client.ts';
import type { FlagValues } from '../../cli/args.ts';
import { startWorkbench } from '../../../workbench/server.ts';
import { PUBLIC_URL, startOrgStandIn, type OrgStandIn, type StandInOptions } from './org-e2e-stand-in.ts';
import { fakeSf } from './fake-sf.ts';

export const ORG_ID = '00DWs00000AbCdEMAV';
export const CLIENT_SECRET = 'e2e-client-secret-0123456789abcdef0123456789abcdef';
export const SIGNING_KEY = '3f9c0a1b2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8';

/** `count` answers of `sf data create record` with ids `<prefix>001…`, as sf 2.146 prints them. */
export function createdIds(prefix: string, count: number): unknown[] {
  return Array.from({ length: count }, (_, index) => ({
    status: 0,
    result: { id: `${prefix}${String(index + 1).padStart(3, '0')}EAV`, success: true, errors: [] },
    warnings: [],
  }));
}

/** The id of the n-th Task the round trip creates (1-based). */
export function nthTaskId(n: number): string {
  return `00TWs00000Rt${String(n).padStart(3, '0')}EAV`;
}

/** The recorded Salesforce answers of a scratch org with the package (namespace sisync). */
export const ORG_SCENARIO: Record<string, unknown> = {
  'org display': 'org-display-scratch.json',
  'data query ~ApexClass': 'e2e/data-query-apexclass-namespace.json',
  'data query ~Email': 'e2e/data-query-user-admin.json',
  'api request rest --method GET ~named-credential-setup': 'e2e/named-credential-get.json',
  'api request rest --method PUT ~named-credential-setup': 'e2e/named-credential-put.json',
  'api request rest --method GET ~external-credentials': 'e2e/external-credential-get.json',
  'api request rest --method PUT ~external-credentials': 'e2e/external-credential-put.json',
  'api request rest --method GET ~named-credentials/credential': 'e2e/credential-get-not-configured.json',
  'api request rest --method POST ~named-credentials/credential': 'e2e/credential-post.json',
  'sobject describe --sobject Task': 'e2e/sobject-describe-task-audit-fields-on.json',
  'data create record --sobject Task': createdIds('00TWs00000Rt', 40),
  'data create record --sobject Contact': createdIds('003Ws00000Ct', 20),
  'data update record --sobject Task': { status: 0, result: { id: '00TWs00000Rt001EAV', success: true, errors: [] }, warnings: [] },
  'data delete record --sobject Task': { status: 0, result: { id: '00TWs00000Rt001EAV', success: true, errors: [] }, warnings: [] },
};

/** Fast polls: 50 ms apart, for at most 15 s. */
export const fastWaiting = (): Waiting => ({
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

/** What one run of the command left. */
export interface Run {
  readonly error: unknown;
  readonly lines: string[];
  readonly results: { passed: boolean; steps: { step: string; outcome: string; detail: string }[] };
  readonly resultsText: string;
  readonly standIn: OrgStandIn;
  readonly launches: unknown[];
  readonly calls: string[];
}

/** How a test varies the run: the org stand-in's behaviour, recorded answers, the steps. */
export interface RunOptions {
  readonly relay?: boolean;
  readonly signingKey?: string | null;
  readonly steps?: E2eDependencies['steps'];
  /** More of the stand-in's options (a broken first-time sync, …). */
  readonly standIn?: Partial<Omit<StandInOptions, 'orgId' | 'signingKey'>>;
  /** Recorded answers replacing or adding to {@link ORG_SCENARIO}'s. */
  readonly scenario?: Readonly<Record<string, unknown>>;
}

/** Runs org:e2e against the real workbench and the org stand-in. */
export async function roundTrip(flags: FlagValues, options: RunOptions = {}): Promise<Run> {
  const fake = fakeSf({ ...ORG_SCENARIO, ...options.scenario });
  const keyDirectory = mkdtempSync(join(tmpdir(), 'e2e-key-'));
  const keyFile = join(keyDirectory, 'signing-key');
  writeFileSync(keyFile, `${SIGNING_KEY}\n`, { mode: 0o600 });
  const standIn = await startOrgStandIn({
    orgId: ORG_ID,
    signingKey: options.signingKey === undefined ? SIGNING_KEY : options.signingKey,
    ...(options.relay === undefined ? {} : { relay: options.relay }),
    ...options.standIn,
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

/** Step name → outcome. */
export function outcomes(run: Run): Record<string, string> {
  return Object.fromEntries(run.results.steps.map((row) => [row.step, row.outcome]));
}

/** The detail of one step's row. */
export function detailOf(run: Run, step: string): string {
  return run.results.steps.find((row) => row.step === step)?.detail ?? '';
}
