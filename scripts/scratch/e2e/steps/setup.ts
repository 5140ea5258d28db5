/**
 * The round trip's setup, in the order an admin would do it: the package is there; signing is
 * decided before any call (the key the signing card generated, handed to the workbench as a file,
 * or the recorded "accept unsigned calls"); the workbench runs with the run's OAuth client and is
 * reachable at the public URL; the Named Credential, the token URL and the principal's client id
 * and secret point at it (Connect REST); Salesforce's connection test and the workbench's setup
 * heartbeat both pass; the admin's two-way sync is on.
 */
import {
  calloutUrlOf,
  credentialInput,
  credentialPath,
  externalCredentialInput,
  externalCredentialPath,
  namedCredentialInput,
  namedCredentialPath,
  principalConfigured,
  tokenUrlOf,
} from '../connect-rest.ts';
import { need, workbenchOf, type E2eContext } from '../context.ts';
import { pollUntil } from '../poll.ts';
import { failed, passed, type Step } from '../runner.ts';
import { apexPrint } from '../salesforce.ts';
import { WorkbenchClient } from '../workbench-client.ts';

/** SOQL string literal. */
export function soqlString(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

const packageStep: Step<E2eContext> = {
  name: 'package',
  proves: 'the package is deployed in the org (its inbound Apex REST class exists)',
  async run(context) {
    const records = await context.salesforce.query(
      "SELECT NamespacePrefix FROM ApexClass WHERE Name = 'InboundTaskChangesResource' LIMIT 1",
    );
    if (records.length === 0) return failed('no InboundTaskChangesResource class: deploy first with `npm run org:deploy`');
    const prefix = records[0]?.['NamespacePrefix'];
    context.state.namespace = typeof prefix === 'string' ? prefix : '';
    return passed(context.state.namespace === '' ? 'deployed without a namespace' : `deployed with namespace ${context.state.namespace}`);
  },
};

const signingStep: Step<E2eContext> = {
  name: 'signing',
  proves: "inbound signing is set up before any call: the card's key for the workbench, or the recorded opt-out",
  needs: ['package'],
  async run(context) {
    if (context.signing.kind === 'key') {
      // Whether the org holds this key shows at the heartbeat, which is signed with it.
      return passed(
        `signed: key fingerprint ${context.signing.fingerprint} handed to the workbench as a file (compare it with the signing card)`,
      );
    }
    // What the card's "accept unsigned calls" does (SigningController → SigningKeyService), as this admin.
    const state = await context.salesforce.apex(
      ['SigningKeyService.acceptUnsignedCalls(true);', apexPrint('SigningKeyService.state(Datetime.now())')].join('\n'),
    );
    const refused = typeof state === 'object' && state !== null ? (state as Record<string, unknown>)['unsignedRefused'] : undefined;
    return refused === false
      ? passed("unsigned: 'accept unsigned calls' recorded for this run (SigningKeyService, as this admin)")
      : failed(`the org still refuses unsigned calls after recording the opt-out (unsignedRefused: ${String(refused)})`);
  },
};

const workbenchStep: Step<E2eContext> = {
  name: 'workbench',
  proves: 'the workbench runs as Sales Insight with this run’s OAuth client, delivering as the integration user',
  needs: ['signing'],
  async run(context) {
    const launched = await context.launcher(context.launch);
    context.state.launched = launched;
    const client = new WorkbenchClient(launched.apiUrl);
    context.state.workbench = client;
    if (!(await client.healthy())) return failed(`${launched.apiUrl}/healthz did not answer ok`);
    return passed(
      `${launched.apiUrl}, delivering as ${context.launch.integrationOrg}, ${context.signing.kind === 'key' ? 'signed' : 'unsigned'}`,
    );
  },
};

const tunnelStep: Step<E2eContext> = {
  name: 'tunnel',
  proves: 'the public https URL reaches this very workbench (a user created here is seen there)',
  needs: ['workbench'],
  async run(context) {
    const local = workbenchOf(context);
    const marker = `tunnel-${context.runId}@e2e.invalid`;
    await local.putUser(marker);
    const seen = await context.publicClient.user(marker);
    return seen === undefined
      ? failed(
          `${context.publicUrl} answers, but not from the workbench this run started: point the tunnel at 127.0.0.1:${context.launch.port}`,
        )
      : passed(`${context.publicUrl} → 127.0.0.1:${context.launch.port}`);
  },
};

const namedCredentialStep: Step<E2eContext> = {
  name: 'named-credential',
  proves: 'the SalesInsight Named Credential points at the public URL (Connect REST, not metadata)',
  needs: ['tunnel'],
  async run(context) {
    const path = context.salesforce.dataPath(namedCredentialPath(need(context, 'namespace', 'package')));
    const current = await context.salesforce.rest('GET', path);
    if (!current.ok) return failed(`GET ${path} was refused: ${current.refusal}`);
    const before = calloutUrlOf(current.body);
    const put = await context.salesforce.rest('PUT', path, namedCredentialInput(current.body, context.publicUrl));
    if (!put.ok) return failed(`PUT ${path} was refused: ${put.refusal}`);
    const now = calloutUrlOf(put.body);
    return now === context.publicUrl ? passed(`URL ${before} → ${now}`) : failed(`the Named Credential's URL is ${now} after the PUT`);
  },
};

const tokenUrlStep: Step<E2eContext> = {
  name: 'token-url',
  proves: "the SalesInsight External Credential's token URL is the workbench's /oauth/token",
  needs: ['named-credential'],
  async run(context) {
    const path = context.salesforce.dataPath(externalCredentialPath(need(context, 'namespace', 'package')));
    const current = await context.salesforce.rest('GET', path);
    if (!current.ok) return failed(`GET ${path} was refused: ${current.refusal}`);
    const tokenUrl = `${context.publicUrl}/oauth/token`;
    const put = await context.salesforce.rest('PUT', path, externalCredentialInput(current.body, tokenUrl));
    if (!put.ok) return failed(`PUT ${path} was refused: ${put.refusal}`);
    const now = tokenUrlOf(put.body);
    return now === tokenUrl ? passed(`token URL ${now}`) : failed(`the token URL is ${String(now)} after the PUT`);
  },
};

const principalStep: Step<E2eContext> = {
  name: 'principal',
  proves: "the IntegrationUser principal holds the workbench's client id and secret (the secret never printed)",
  needs: ['token-url'],
  async run(context) {
    const namespace = need(context, 'namespace', 'package');
    const current = await context.salesforce.rest('GET', context.salesforce.dataPath(credentialPath(namespace, true)));
    const method = current.ok && principalConfigured(current.body) ? 'PUT' : 'POST';
    const path = context.salesforce.dataPath(credentialPath(namespace, false));
    const answer = await context.salesforce.rest(
      method,
      path,
      credentialInput(namespace, context.launch.clientId, context.launch.clientSecret),
    );
    if (!answer.ok) return failed(`${method} ${path} was refused: ${answer.refusal}`);
    const status =
      typeof answer.body === 'object' && answer.body !== null
        ? (answer.body as Record<string, unknown>)['authenticationStatus']
        : undefined;
    return status === 'Configured'
      ? passed(`client ${context.launch.clientId} and its secret set (${method}), status Configured`)
      : failed(`the principal's status is ${String(status)} after the ${method}`);
  },
};

const connectionStep: Step<E2eContext> = {
  name: 'connection',
  proves: "Salesforce's own connection test reaches the workbench through the Named Credential with an OAuth token",
  needs: ['principal'],
  async run(context) {
    const check = await context.salesforce.apex(apexPrint('ConnectionService.check(new SalesInsightClient())'));
    const record = typeof check === 'object' && check !== null ? (check as Record<string, unknown>) : {};
    return record['status'] === 'connected'
      ? passed(`connected to ${String(record['accountName'] ?? 'the workbench')}`)
      : failed(`${String(record['status'] ?? 'no status')}: ${String(record['message'] ?? '')}`);
  },
};

const heartbeatStep: Step<E2eContext> = {
  name: 'heartbeat',
  proves: "the workbench reaches the org's Apex REST as the integration user, signed as decided, and the jobs run as that user",
  needs: ['workbench'],
  async run(context) {
    const last = await workbenchOf(context).heartbeat();
    if (last['result'] === 'ok') {
      const jobs = Array.isArray(last['jobs']) ? last['jobs'].length : 0;
      return passed(`HTTP ${String(last['status'])}: ${jobs} jobs, relay ${last['relayStarted'] === true ? 'started' : 'idle'}`);
    }
    const redacted =
      String(last['code']) === 'INVALID_SESSION_ID' ? ' (does sf still show the token with SF_TEMP_SHOW_SECRETS=true? docs/e2e.md)' : '';
    return failed(`HTTP ${String(last['status'])} ${String(last['code'] ?? '')}: ${String(last['message'] ?? '')}${redacted}`);
  },
};

/**
 * The admin running the round trip (the Tasks' owner, the SIA user, the e-mails' sender): looked
 * up once by the org's username and kept in the run's state.
 */
export async function adminOf(context: E2eContext): Promise<{ id: string; email: string }> {
  if (context.state.userId !== undefined && context.state.userEmail !== undefined) {
    return { id: context.state.userId, email: context.state.userEmail };
  }
  const users = await context.salesforce.query(`SELECT Id, Email FROM User WHERE Username = ${soqlString(context.org.username)} LIMIT 1`);
  const user = users[0];
  if (typeof user?.['Id'] !== 'string' || typeof user['Email'] !== 'string') throw new Error(`no user ${context.org.username} in the org`);
  context.state.userId = user['Id'];
  context.state.userEmail = user['Email'].toLowerCase();
  return { id: context.state.userId, email: context.state.userEmail };
}

/** Waits until the emulator's settings rows of `email` say `mode` (a settings change reached SIA). */
export async function awaitMode(context: E2eContext, email: string, mode: string): Promise<void> {
  const workbench = workbenchOf(context);
  let last = 'no such SIA user yet';
  await pollUntil(
    context.waiting,
    `the emulator to see ${email} turn task sync to ${mode}`,
    async () => {
      const seen = await workbench.user(email);
      const settings = Array.isArray(seen?.['settings']) ? (seen['settings'] as Record<string, unknown>[]) : [];
      last = settings.length === 0 ? last : `modes ${settings.map((row) => String(row['taskSyncMode'])).join(', ')}`;
      return settings.some((row) => row['taskSyncMode'] === mode) ? true : undefined;
    },
    () => last,
  );
}

/** The step that turns the admin's two-way sync on (after the first-time sync's seed). */
export const SYNC_ON_STEP: Step<E2eContext> = {
  name: 'sync-on',
  proves: "the admin's two-way sync is on and the settings change reaches the emulator",
  needs: ['connection'],
  async run(context) {
    const { email } = await adminOf(context);
    // The task-sync card's action (TaskSyncController.setMode → TaskSyncModeService), as this admin.
    await context.salesforce.apex(["TaskSyncModeService.setMyMode('twoWay');", apexPrint("'twoWay'")].join('\n'));
    await awaitMode(context, email, 'twoWay');
    return passed(`${email}: twoWay seen by the emulator`);
  },
};

/** The setup steps before two-way sync is turned on, in order. */
export const SETUP_STEPS: readonly Step<E2eContext>[] = [
  packageStep,
  signingStep,
  workbenchStep,
  tunnelStep,
  namedCredentialStep,
  tokenUrlStep,
  principalStep,
  connectionStep,
  heartbeatStep,
];
