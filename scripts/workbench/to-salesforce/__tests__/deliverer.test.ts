/**
 * Delivery rounds of the running workbench into a capture server standing in for the org: only
 * what the first-time rule lets through is sent, outcomes are stored (and survive a restart),
 * an authentication answer pauses delivery until resumed, and settled changes are never resent.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { verifySignature } from '../../../contract/signature.ts';
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
import { appliedAll, loggedAll, startCaptureServer, type CaptureServer } from './capture-server.ts';

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

function target(): OrgTarget & { username: string } {
  return { instanceUrl: capture.url, accessToken: 'token', namespace: 'sisync', signingKey: KEY, username: 'integration@example.com' };
}

async function start(dataDirectory?: string, withOrg = true): Promise<TestWorkbench> {
  const options = {
    nowMs: () => NOW,
    ...(withOrg
      ? { delivery: { target: target(), intervalMs: 0, options: { sleep: async () => undefined, nowSeconds: () => NOW / 1000 } } }
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

function sentChanges(): Record<string, unknown>[] {
  return capture.requests.flatMap((request) => (JSON.parse(request.body) as { changes: Record<string, unknown>[] }).changes);
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
