/**
 * Delivery rounds of the running workbench into a capture server standing in for the org: only
 * what the first-time rule lets through is sent, outcomes are stored (and survive a restart),
 * an authentication answer pauses delivery until resumed, and settled changes are never resent.
 * Signing against an org that applies the signing policy: signed with the key of
 * `--signing-key-file`, unsigned and refused (401 SIGNING_NOT_CONFIGURED, kept queued, the fix
 * spelled out), unsigned and accepted by the admin's choice; the key itself never shown.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { verifySignature } from '../../../contract/signature.ts';
import { parseConfig } from '../../config.ts';
import {
  callContract,
  removeDirectory,
  resultsOf,
  startTestWorkbench,
  syncModeBatch,
  tempDirectory,
  type TestWorkbench,
} from '../../__tests__/support.ts';
import type { OrgTarget } from '../org-client.ts';
import { connectOrg, modifyAllDataQuery, NAMESPACE_QUERY, OrgConnectionError, parseOrgDisplay } from '../org-connection.ts';
import { SIGNING_NOT_CONFIGURED_FIX } from '../signing.ts';
import { appliedAll, loggedAll, signingOrg, startCaptureServer, type CaptureServer, type Scripted } from './capture-server.ts';

const NOW = Date.parse('2026-12-02T12:00:00Z');
const KEY = 'the-org-signing-key-0123456789abcdefghij';
const REP = 'rep@example.com';
let capture: CaptureServer;

before(async () => {
  capture = await startCaptureServer();
});
after(async () => {
  await capture.close();
});
beforeEach(() => {
  capture.requests.length = 0;
  capture.answer(appliedAll);
});

function target(signingKey: string | null = KEY): OrgTarget & { username: string } {
  return { instanceUrl: capture.url, accessToken: 'token', namespace: 'sisync', signingKey, username: 'integration@example.com' };
}

async function start(dataDirectory?: string, withOrg = true, signingKey: string | null = KEY): Promise<TestWorkbench> {
  const options = {
    nowMs: () => NOW,
    ...(withOrg
      ? {
          delivery: {
            target: target(signingKey),
            intervalMs: 0,
            options: { sleep: async () => undefined, nowSeconds: () => NOW / 1000 },
          },
        }
      : {}),
  };
  return dataDirectory ? startTestWorkbench({ auth: false, dataDirectory }, options) : startTestWorkbench({ auth: false }, options);
}

async function json(url: string, method = 'GET', body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The rep with two-way sync turned on at 11:00 (the cut-off) and one reminder created at 12:00. */
async function repWithReminder(workbench: TestWorkbench, mode = 'twoWay'): Promise<string> {
  assert.equal((await json(`${workbench.url}/_workbench/users/${encodeURIComponent(REP)}`, 'PUT', {})).status, 200);
  const settings = syncModeBatch(REP, mode, '2026-12-02T11:00:00Z');
  assert.equal(
    resultsOf(await callContract(workbench.url, 'POST', '/v1/salesforce/user-settings', { body: settings }))[0]?.['status'],
    'applied',
  );
  const created = await json(`${workbench.url}/_workbench/users/${encodeURIComponent(REP)}/sia-tasks`, 'POST', {
    name: 'Follow up with Dana',
    dueDate: '2026-12-03',
  });
  assert.equal(created.status, 201);
  return String(created.body['siaTaskId']);
}

/** The task changes of every request sent (email activities left out). */
function sentChanges(): Record<string, unknown>[] {
  return capture.requests.flatMap((request) => (JSON.parse(request.body) as { changes?: Record<string, unknown>[] }).changes ?? []);
}

test('a reminder is delivered once, signed; its edit and delete follow as update and delete of the linked Task', async () => {
  const workbench = await start();
  try {
    const id = await repWithReminder(workbench);
    const round = await json(`${workbench.url}/_workbench/to-salesforce/round`, 'POST', {});
    assert.deepEqual(round.body['summary'], { sent: 1, done: 1, rejected: 0, pending: 0, waiting: 0 });
    const [request] = capture.requests;
    assert.ok(request);
    assert.equal(request.path, '/services/apexrest/sisync/v1/task-changes');
    assert.equal(
      verifySignature({
        keys: [KEY],
        now: NOW / 1000,
        timestampHeader: String(request.headers['x-sia-timestamp']),
        signatureHeader: String(request.headers['x-sia-signature']),
        body: request.body,
      }).valid,
      true,
    );
    const linked = workbench.context.store.findSiaNativeTask(id)?.salesforceTaskId;
    assert.ok(linked, 'the SIA task is linked to the Task Salesforce answered with');

    await json(`${workbench.url}/_workbench/to-salesforce/round`, 'POST', {});
    assert.equal(capture.requests.length, 1, 'a settled change is not sent again');

    assert.equal((await json(`${workbench.url}/_workbench/sia-tasks/${id}`, 'PATCH', { name: 'Call Dana back' })).status, 200);
    await json(`${workbench.url}/_workbench/to-salesforce/round`, 'POST', {});
    assert.equal((await json(`${workbench.url}/_workbench/sia-tasks/${id}`, 'DELETE')).status, 200);
    await json(`${workbench.url}/_workbench/to-salesforce/round`, 'POST', {});
    assert.deepEqual(
      sentChanges().map((change) => [change['operation'], change['eventId'], change['salesforceTaskId'] ?? null]),
      [
        ['create', `${id}:1`, null],
        ['update', `${id}:2`, linked],
        ['delete', `${id}:3`, linked],
      ],
    );
    const view = await json(`${workbench.url}/_workbench/to-salesforce`);
    const [user] = view.body['users'] as { tasks: { delivery: { state: string } | null }[] }[];
    assert.equal(user?.tasks[0]?.delivery?.state, 'done');
  } finally {
    await workbench.dispose();
  }
});

test('only reminders created after the cut-off, of users who sync, are sent', async () => {
  const workbench = await start();
  try {
    await repWithReminder(workbench, 'none');
    await json(`${workbench.url}/_workbench/to-salesforce/round`, 'POST', {});
    assert.equal(capture.requests.length, 0, 'task sync off: nothing goes');
  } finally {
    await workbench.dispose();
  }
});

test('an authentication answer pauses delivery; resume sends the same event again', async () => {
  const workbench = await start();
  try {
    const id = await repWithReminder(workbench);
    capture.answer({ status: 401, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] });
    const paused = await json(`${workbench.url}/_workbench/to-salesforce/round`, 'POST', {});
    assert.match(String(paused.body['paused']), /^authentication: HTTP 401/);
    await json(`${workbench.url}/_workbench/to-salesforce/round`, 'POST', {});
    assert.equal(capture.requests.length, 1, 'paused: nothing more is sent, nothing is retried');
    const page = await (await fetch(`${workbench.url}/pages/to-salesforce`)).text();
    assert.match(page, /Paused — authentication/);
    capture.answer(appliedAll);
    const resumed = await json(`${workbench.url}/_workbench/to-salesforce/resume`, 'POST', {});
    assert.equal(resumed.body['paused'], null);
    assert.deepEqual(
      sentChanges().map((change) => change['eventId']),
      [`${id}:1`, `${id}:1`],
    );
    assert.equal(workbench.context.store.findSiaDelivery(`${id}:1`)?.state, 'done');
    assert.equal(workbench.context.store.findSiaDelivery(`${id}:1`)?.attempts, 2);
  } finally {
    await workbench.dispose();
  }
});

test('a change left pending survives a restart and is sent again with the same event id', async () => {
  const dataDirectory = tempDirectory('delivery');
  try {
    const first = await start(dataDirectory);
    const id = await repWithReminder(first);
    capture.answer({ status: 200, body: 'not json' });
    await json(`${first.url}/_workbench/to-salesforce/round`, 'POST', {});
    assert.equal(first.context.store.findSiaDelivery(`${id}:1`)?.state, 'pending');
    await first.close();
    capture.answer(appliedAll);
    const second = await start(dataDirectory);
    await json(`${second.url}/_workbench/to-salesforce/round`, 'POST', {});
    assert.deepEqual(
      sentChanges().map((change) => change['eventId']),
      [`${id}:1`, `${id}:1`],
    );
    assert.equal(second.context.store.findSiaDelivery(`${id}:1`)?.state, 'done');
    await second.close();
  } finally {
    removeDirectory(dataDirectory);
  }
});

test('without an org nothing is sent: the changes wait, and the page says so', async () => {
  const workbench = await start(undefined, false);
  try {
    await repWithReminder(workbench);
    const round = await json(`${workbench.url}/_workbench/to-salesforce/round`, 'POST', {});
    assert.deepEqual(round.body['summary'], { sent: 0, done: 0, rejected: 0, pending: 0, waiting: 1 });
    assert.equal(capture.requests.length, 0);
    assert.match(await (await fetch(`${workbench.url}/pages/to-salesforce`)).text(), /waiting for an org/);
  } finally {
    await workbench.dispose();
  }
});

const DISPLAY = JSON.stringify({
  status: 0,
  result: { accessToken: '00D!abc', instanceUrl: 'https://acme.my.salesforce.com', username: 'integration@acme.example', alias: 'sia' },
});

test('--org: the stored auth is read; a Modify All Data user is refused unless allowed; the namespace comes from the org', async () => {
  const seen: string[] = [];
  const query = (answers: Record<string, { totalSize: number; records: Record<string, unknown>[] }>) => () => async (soql: string) => {
    seen.push(soql);
    const answer = answers[soql];
    if (!answer) throw new Error(`unexpected query ${soql}`);
    return answer;
  };
  const mad = modifyAllDataQuery('integration@acme.example');
  const admin = { [mad]: { totalSize: 1, records: [{}] }, [NAMESPACE_QUERY]: { totalSize: 1, records: [{ NamespacePrefix: 'sisync' }] } };
  await assert.rejects(
    connectOrg({ alias: 'sia', allowAdmin: false, signingKey: null, orgDisplay: async () => DISPLAY, query: query(admin) }),
    (error: unknown) => error instanceof OrgConnectionError && /Modify All Data.*--allow-admin/.test(error.message),
  );
  const allowed = await connectOrg({
    alias: 'sia',
    allowAdmin: true,
    signingKey: KEY,
    orgDisplay: async () => DISPLAY,
    query: query(admin),
  });
  assert.deepEqual(allowed, {
    instanceUrl: 'https://acme.my.salesforce.com',
    accessToken: '00D!abc',
    namespace: 'sisync',
    signingKey: KEY,
    username: 'integration@acme.example',
  });
  const plain = { [mad]: { totalSize: 0, records: [] }, [NAMESPACE_QUERY]: { totalSize: 1, records: [{ NamespacePrefix: null }] } };
  assert.equal(
    (await connectOrg({ alias: 'sia', allowAdmin: false, signingKey: null, orgDisplay: async () => DISPLAY, query: query(plain) }))
      .namespace,
    null,
  );
  const missing = { [mad]: { totalSize: 0, records: [] }, [NAMESPACE_QUERY]: { totalSize: 0, records: [] } };
  await assert.rejects(
    connectOrg({ alias: 'sia', allowAdmin: false, signingKey: null, orgDisplay: async () => DISPLAY, query: query(missing) }),
    /no InboundTaskChangesResource class/,
  );
  assert.ok(seen.includes(mad));
  assert.match(modifyAllDataQuery("o'brien@example.com"), /o\\'brien@example\.com/, 'a quote in a username cannot end the literal');
});

test('--org: an alias without usable auth says how to log in', () => {
  assert.throws(
    () => parseOrgDisplay('sia', JSON.stringify({ status: 1, message: 'No authorization information found for sia.' })),
    /No authorization information found for sia\..*sf org login web --alias sia/,
  );
  assert.throws(() => parseOrgDisplay('sia', 'Error: command not found'), /did not answer JSON/);
  assert.deepEqual(parseOrgDisplay('sia', DISPLAY), {
    accessToken: '00D!abc',
    instanceUrl: 'https://acme.my.salesforce.com',
    username: 'integration@acme.example',
  });
});

test('an email and a call logged as SIA would reach /v1/email-activities signed and contract-valid; a bad one is refused on its field', async () => {
  const workbench = await start();
  try {
    await repWithReminder(workbench, 'none');
    const path = `${workbench.url}/_workbench/users/${encodeURIComponent(REP)}/email-activities`;
    const email = await json(path, 'POST', {
      kind: 'sentEmail',
      to: 'dana@customer.example, lee@customer.example',
      subject: 'Pricing for the renewal',
    });
    assert.equal(email.status, 201, JSON.stringify(email.body));
    const call = await json(path, 'POST', { kind: 'call', to: 'dana@customer.example', subject: 'Renewal call', callOutcome: 'Connected' });
    assert.equal(call.status, 201, JSON.stringify(call.body));
    const noOutcome = await json(path, 'POST', { kind: 'call', to: 'dana@customer.example', subject: 'Call' });
    assert.equal(noOutcome.status, 400);
    assert.equal((noOutcome.body['error'] as { field: string }).field, 'callOutcome');
    const badTo = await json(path, 'POST', { kind: 'sentEmail', to: 'not-an-address', subject: 'x' });
    assert.equal((badTo.body['error'] as { field: string }).field, 'to');
    assert.equal((await json(path, 'POST', { kind: 'sentEmail', to: 'a@b.example', subject: 'x', sender: 'me' })).status, 400);

    capture.answer(loggedAll);
    const round = await json(`${workbench.url}/_workbench/to-salesforce/round`, 'POST', {});
    assert.deepEqual(round.body['summary'], { sent: 2, done: 2, rejected: 0, pending: 0, waiting: 0 });
    const [request] = capture.requests;
    assert.equal(request?.path, '/services/apexrest/sisync/v1/email-activities');
    const batch = JSON.parse(request?.body ?? '{}') as { activities: Record<string, unknown>[] };
    assert.deepEqual(workbench.context.contract.validator.errorsForComponent('EmailActivityBatch', batch), []);
    assert.deepEqual(batch.activities[0]?.['to'], ['dana@customer.example', 'lee@customer.example']);
    assert.match(String(batch.activities[0]?.['rfcMessageId']), /^<sia-msg-1-.+@workbench\.sales-insight\.invalid>$/);
    assert.deepEqual(batch.activities[1]?.['call'], { outcome: 'Connected', reason: null });
    assert.equal(
      verifySignature({
        keys: [KEY],
        now: NOW / 1000,
        timestampHeader: String(request?.headers['x-sia-timestamp']),
        signatureHeader: String(request?.headers['x-sia-signature']),
        body: request?.body ?? '',
      }).valid,
      true,
    );
    const [logged] = workbench.context.store.listEmailActivities();
    assert.equal(logged?.state, 'done');
    assert.deepEqual(logged?.taskIds, ['00T5g00000LogdEEAV']);
    await json(`${workbench.url}/_workbench/to-salesforce/round`, 'POST', {});
    assert.equal(capture.requests.length, 1, 'a logged activity is not sent again');
  } finally {
    await workbench.dispose();
  }
});

test('a long Retry-After holds every round until it has passed', async () => {
  const workbench = await start();
  try {
    await repWithReminder(workbench);
    capture.answer({
      status: 503,
      body: { error: { code: 'TEMPORARILY_UNAVAILABLE', message: 'busy' } },
      headers: { 'retry-after': '600' },
    });
    const first = await json(`${workbench.url}/_workbench/to-salesforce/round`, 'POST', {});
    assert.equal(first.body['holdUntil'], new Date(NOW + 600_000).toISOString());
    const second = await json(`${workbench.url}/_workbench/to-salesforce/round`, 'POST', {});
    assert.deepEqual(second.body['summary'], { sent: 0, done: 0, rejected: 0, pending: 0, waiting: 1 });
    assert.equal(capture.requests.length, 1, 'nothing is sent before the hold ends');
  } finally {
    await workbench.dispose();
  }
});

/** Task changes and email activities alike: every item applied (the org accepted the call). */
function acceptedAll(body: string): Scripted {
  return 'activities' in (JSON.parse(body) as object) ? loggedAll(body) : appliedAll(body);
}

/** Logs one email as SIA would, for the rep. */
async function logEmail(workbench: TestWorkbench): Promise<void> {
  const path = `${workbench.url}/_workbench/users/${encodeURIComponent(REP)}/email-activities`;
  const logged = await json(path, 'POST', { kind: 'sentEmail', to: 'dana@customer.example', subject: 'Pricing' });
  assert.equal(logged.status, 201, JSON.stringify(logged.body));
}

/** Everything the workbench shows: the To Salesforce page, `/`, and the API's JSON. */
async function everythingShown(workbench: TestWorkbench): Promise<string> {
  const texts = await Promise.all(
    ['/pages/to-salesforce', '/', '/_workbench/to-salesforce', '/_workbench/to-salesforce/heartbeat'].map(async (path) =>
      (await fetch(`${workbench.url}${path}`)).text(),
    ),
  );
  return texts.join('\n');
}

test("signed: with the key of --signing-key-file every call verifies under the contract's rule; the key is never shown, its fingerprint is", async () => {
  const directory = tempDirectory('signing-key');
  // A key as the org's signing card generates it: 64 lowercase hex characters, saved with a newline.
  const secret = randomBytes(32).toString('hex');
  writeFileSync(join(directory, 'signing-key'), `${secret}\n`);
  const config = parseConfig(['--org', 'sisync-int', '--signing-key-file', 'signing-key'], {}, directory);
  assert.equal(config?.signingKey, secret, 'read from the file, trimmed');
  capture.answer(signingOrg({ keys: [secret], acceptUnsigned: false, nowSeconds: NOW / 1000 }, acceptedAll));
  const workbench = await start(undefined, true, config?.signingKey ?? null);
  try {
    await repWithReminder(workbench);
    await logEmail(workbench);
    const round = await json(`${workbench.url}/_workbench/to-salesforce/round`, 'POST', {});
    assert.deepEqual(round.body['summary'], { sent: 2, done: 2, rejected: 0, pending: 0, waiting: 0 });
    assert.deepEqual(
      capture.requests.map((request) => request.path),
      ['/services/apexrest/sisync/v1/task-changes', '/services/apexrest/sisync/v1/email-activities'],
    );
    for (const request of capture.requests) {
      assert.deepEqual(
        verifySignature({
          keys: [secret],
          now: NOW / 1000,
          timestampHeader: String(request.headers['x-sia-timestamp']),
          signatureHeader: String(request.headers['x-sia-signature']),
          body: request.body,
        }),
        { valid: true, reason: 'valid' },
        request.path,
      );
    }

    const fingerprint = createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 12);
    const org = (await json(`${workbench.url}/_workbench/to-salesforce`)).body['org'] as Record<string, unknown>;
    assert.equal(org['signed'], true);
    assert.equal(org['signingKeyFingerprint'], fingerprint);
    const page = await (await fetch(`${workbench.url}/pages/to-salesforce`)).text();
    assert.ok(page.includes(`signed with the key of fingerprint <code data-id="signing-fingerprint">${fingerprint}</code>`));
    const shown = await everythingShown(workbench);
    assert.ok(shown.includes(fingerprint), 'the fingerprint is shown');
    assert.ok(!shown.includes(secret), 'the key is never shown: not on the pages, not in the API');
    assert.ok(!shown.includes(secret.slice(0, 24)), 'nor a part of it');
  } finally {
    await workbench.dispose();
    removeDirectory(directory);
  }
});

test('unsigned and refused: the org answers 401 SIGNING_NOT_CONFIGURED; the code and the fix are shown, and nothing is dropped', async () => {
  capture.answer(signingOrg({ keys: [], acceptUnsigned: false, nowSeconds: NOW / 1000 }, acceptedAll));
  const workbench = await start(undefined, true, null);
  try {
    const id = await repWithReminder(workbench);
    await logEmail(workbench);
    const round = await json(`${workbench.url}/_workbench/to-salesforce/round`, 'POST', {});
    assert.deepEqual(round.body['summary'], { sent: 1, done: 0, rejected: 0, pending: 1, waiting: 0 });
    const [request] = capture.requests;
    assert.equal(request?.headers['x-sia-signature'], undefined, 'sent unsigned');
    assert.equal(capture.requests.length, 1, 'delivery paused at the refusal: the email was not sent');

    const detail = `HTTP 401 SIGNING_NOT_CONFIGURED: ${SIGNING_NOT_CONFIGURED_FIX}`;
    assert.deepEqual(workbench.context.store.findSiaDelivery(`${id}:1`), {
      eventId: `${id}:1`,
      siaTaskId: id,
      sequence: 1,
      operation: 'create',
      state: 'pending',
      category: 'authentication',
      detail,
      salesforceTaskId: null,
      attempts: 1,
      updatedAt: new Date(NOW).toISOString(),
    });
    const [email] = workbench.context.store.listEmailActivities();
    assert.equal(email?.state, null, 'the email waits, queued');

    const view = (await json(`${workbench.url}/_workbench/to-salesforce`)).body;
    assert.equal(view['pausedCode'], 'SIGNING_NOT_CONFIGURED');
    assert.equal(view['pausedFix'], SIGNING_NOT_CONFIGURED_FIX);
    assert.equal(view['paused'], `authentication: ${detail} — then resume.`);
    assert.equal((view['org'] as Record<string, unknown>)['signingKeyFingerprint'], null);
    const [user] = view['users'] as { tasks: { delivery: { state: string; detail: string } | null }[] }[];
    assert.deepEqual(user?.tasks[0]?.delivery && [user.tasks[0].delivery.state, user.tasks[0].delivery.detail], ['pending', detail]);

    const page = await (await fetch(`${workbench.url}/pages/to-salesforce`)).text();
    const fix =
      "the org refuses unsigned calls: generate a key on the signing card and restart with --signing-key-file &lt;file&gt; (or WORKBENCH_SIGNING_KEY), or record 'accept unsigned calls' there";
    assert.ok(
      page.includes(
        `data-code="SIGNING_NOT_CONFIGURED">Paused — authentication: HTTP 401 SIGNING_NOT_CONFIGURED: ${fix} — then resume.</div>`,
      ),
    );
    assert.ok(page.includes(`will retry: authentication</span> HTTP 401 SIGNING_NOT_CONFIGURED: ${fix}`), 'the row says it too');
    assert.match(page, /unsigned: no signing key given/);

    await json(`${workbench.url}/_workbench/to-salesforce/round`, 'POST', {});
    assert.equal(capture.requests.length, 1, 'paused: nothing more is sent until resumed');
    // The admin records "accept unsigned calls" in the org; resuming sends the same event and the email.
    capture.answer(signingOrg({ keys: [], acceptUnsigned: true, nowSeconds: NOW / 1000 }, acceptedAll));
    const resumed = await json(`${workbench.url}/_workbench/to-salesforce/resume`, 'POST', {});
    assert.deepEqual(resumed.body['summary'], { sent: 2, done: 2, rejected: 0, pending: 0, waiting: 0 });
    assert.equal(resumed.body['pausedCode'], null);
    assert.deepEqual(
      sentChanges().map((change) => change['eventId']),
      [`${id}:1`, `${id}:1`],
    );
    assert.equal(workbench.context.store.findSiaDelivery(`${id}:1`)?.state, 'done');
    assert.equal(workbench.context.store.listEmailActivities()[0]?.state, 'done');
  } finally {
    await workbench.dispose();
  }
});

test('unsigned and accepted by choice: an org without a key that accepts unsigned calls gets every change, without signature headers', async () => {
  capture.answer(signingOrg({ keys: [], acceptUnsigned: true, nowSeconds: NOW / 1000 }, acceptedAll));
  const workbench = await start(undefined, true, null);
  try {
    const id = await repWithReminder(workbench);
    await logEmail(workbench);
    const round = await json(`${workbench.url}/_workbench/to-salesforce/round`, 'POST', {});
    assert.deepEqual(round.body['summary'], { sent: 2, done: 2, rejected: 0, pending: 0, waiting: 0 });
    assert.equal(round.body['paused'], null);
    for (const request of capture.requests) {
      assert.equal(request.headers['x-sia-timestamp'], undefined);
      assert.equal(request.headers['x-sia-signature'], undefined);
    }
    assert.equal(workbench.context.store.findSiaDelivery(`${id}:1`)?.state, 'done');
    assert.equal(workbench.context.store.listEmailActivities()[0]?.state, 'done');
    assert.deepEqual((round.body['org'] as Record<string, unknown>)['signed'], false);
  } finally {
    await workbench.dispose();
  }
});

test('another 401 still says to re-authorize the integration user, with its code', async () => {
  const workbench = await start();
  try {
    await repWithReminder(workbench);
    capture.answer({ status: 401, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] });
    const paused = (await json(`${workbench.url}/_workbench/to-salesforce/round`, 'POST', {})).body;
    assert.equal(paused['pausedCode'], 'INVALID_SESSION_ID');
    assert.equal(paused['pausedFix'], 're-authorize the integration user (sf org login)');
    assert.match(
      String(paused['paused']),
      /^authentication: HTTP 401: .*INVALID_SESSION_ID.* — re-authorize the integration user \(sf org login\), then resume\.$/,
    );
  } finally {
    await workbench.dispose();
  }
});
