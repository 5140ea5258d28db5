/**
 * SIA → Salesforce delivery without an org: a capture server stands in for the org's Apex REST
 * endpoint and answers with recorded Salesforce responses. Proves the requests' shape against the
 * contract, the signing, the classification of answers and the retries.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { verifySignature } from '../../../contract/signature.ts';
import { removeDirectory, startTestWorkbench, type TestWorkbench } from '../../__tests__/support.ts';
import { loadContract } from '../../contract.ts';
import type { SiaNativeTask } from '../../sia-tasks.ts';
import { categoryOfStatus, deliverTaskChanges, retryAfterSeconds, type OrgTarget } from '../org-client.ts';
import { apexRestPath, changeOf, InboundRequestError } from '../requests.ts';
import { appliedAll, startCaptureServer, type CaptureServer } from './capture-server.ts';

const contract = loadContract();
const KEY = 'a-signing-key-of-the-org-0123456789abcdef';
const NOW = 1_764_676_800; // 2025-12-02T12:00:00Z, unix seconds

/** The Apex REST errors Salesforce itself sends (not the package): session and class access. */
const INVALID_SESSION = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
const NO_CLASS_ACCESS = [{ errorCode: 'FORBIDDEN', message: 'You do not have access to the Apex class named: InboundTaskChangesResource' }];
/** The package's claim-first 503 (contract InboundServiceUnavailable). */
const ROW_LOCK_503 = {
  error: {
    code: 'TEMPORARILY_UNAVAILABLE',
    message:
      'Task 00T5g00000AbCdEEAV: UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record. Nothing was applied; resend the same changes with the same event ids after Retry-After.',
  },
};

let capture: CaptureServer;
let waits: number[];

function task(n: number, overrides: Partial<SiaNativeTask> = {}): SiaNativeTask {
  return {
    siaTaskId: `sia-task-${n}`,
    ownerEmail: 'rep@example.com',
    createdAt: '2026-12-02T11:30:00Z',
    updatedAt: '2026-12-02T11:45:00Z',
    deleted: false,
    sequence: 1,
    fields: { name: `Reminder ${n}`, status: 'open', priority: 'normal', dueDate: '2026-12-03' },
    salesforceTaskId: null,
    ...overrides,
  };
}

function target(overrides: Partial<OrgTarget> = {}): OrgTarget {
  return { instanceUrl: capture.url, accessToken: '00D!token', namespace: 'sisync', signingKey: KEY, ...overrides };
}

const options = () => ({
  contract,
  batchId: 'wb-batch-1',
  sleep: async (seconds: number) => void waits.push(seconds),
  nowSeconds: () => NOW,
});

before(async () => {
  capture = await startCaptureServer();
});
after(async () => {
  await capture.close();
});
beforeEach(() => {
  capture.requests.length = 0;
  waits = [];
});

test('a reminder created through the workbench reaches the endpoint as a signed, contract-valid create', async () => {
  const workbench: TestWorkbench = await startTestWorkbench({ auth: false });
  try {
    const user = await fetch(`${workbench.url}/_workbench/users/rep%40example.com`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(user.status, 200);
    const created = await fetch(`${workbench.url}/_workbench/users/rep%40example.com/sia-tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Follow up with Dana', dueDate: '2026-12-03', priority: 'high' }),
    });
    assert.equal(created.status, 201);
    const [reminder] = workbench.context.store.siaNativeTasksOf('rep@example.com');
    assert.ok(reminder);
    capture.answer(appliedAll);
    const delivery = await deliverTaskChanges(target(), [changeOf(reminder, false)], options());

    assert.equal(capture.requests.length, 1);
    const [request] = capture.requests;
    assert.ok(request);
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/services/apexrest/sisync/v1/task-changes');
    assert.equal(request.headers['authorization'], 'Bearer 00D!token');
    assert.deepEqual(contract.validator.errorsForComponent('SiaTaskChangeBatch', JSON.parse(request.body)), []);
    const verdict = verifySignature({
      keys: [KEY],
      now: NOW,
      timestampHeader: String(request.headers['x-sia-timestamp']),
      signatureHeader: String(request.headers['x-sia-signature']),
      body: request.body,
    });
    assert.deepEqual(verdict, { valid: true, reason: 'valid' });
    const sent = (JSON.parse(request.body) as { changes: Record<string, unknown>[] }).changes[0];
    assert.equal(sent?.['operation'], 'create');
    assert.deepEqual(sent?.['fields'], { name: 'Follow up with Dana', status: 'open', priority: 'high', dueDate: '2026-12-03' });
    assert.equal(delivery.items.get(reminder.siaTaskId + ':1')?.state, 'done');
    assert.deepEqual(
      delivery.attempts.map((attempt) => attempt.status),
      [200],
    );
  } finally {
    await workbench.dispose();
    removeDirectory(workbench.dataDirectory);
  }
});

test('without a namespace the path has none; without a key nothing is signed', async () => {
  capture.answer(appliedAll);
  await deliverTaskChanges(target({ namespace: null, signingKey: null }), [changeOf(task(1), false)], options());
  const [request] = capture.requests;
  assert.equal(request?.path, '/services/apexrest/v1/task-changes');
  assert.equal(request?.headers['x-sia-signature'], undefined);
  assert.equal(request?.headers['x-sia-timestamp'], undefined);
  assert.throws(() => apexRestPath('bad-ns!', 'task-changes'), /namespace must be/);
});

test('changes follow the task: delivered edits are updates, completions complete, deletions carry no fields', () => {
  assert.equal(changeOf(task(1, { sequence: 3 }), false).operation, 'create', 'never received → create, whatever the sequence');
  assert.equal(changeOf(task(1, { sequence: 3 }), true).operation, 'update');
  assert.equal(changeOf(task(1, { sequence: 4, fields: { status: 'complete' } }), true).operation, 'complete');
  const deleted = changeOf(task(1, { sequence: 5, deleted: true, salesforceTaskId: '00T5g00000AbCdEEAV' }), true);
  assert.equal(deleted.operation, 'delete');
  assert.equal(deleted.fields, undefined);
  assert.equal(deleted.salesforceTaskId, '00T5g00000AbCdEEAV');
  assert.equal(deleted.eventId, 'sia-task-1:5', 'the same state always carries the same event id');
});

test('a 503 with Retry-After is waited out and resent with the same event ids, signed anew', async () => {
  capture.answer({ status: 503, body: ROW_LOCK_503, headers: { 'retry-after': '7' } }, appliedAll);
  const changes = [changeOf(task(1), false), changeOf(task(2), false)];
  let clock = NOW;
  const delivery = await deliverTaskChanges(target(), changes, { ...options(), nowSeconds: () => (clock += 10) });
  assert.deepEqual(waits, [7]);
  assert.equal(capture.requests.length, 2);
  const ids = capture.requests.map((request) =>
    (JSON.parse(request.body) as { changes: { eventId: string }[] }).changes.map((change) => change.eventId),
  );
  assert.deepEqual(ids[0], ids[1]);
  assert.notEqual(capture.requests[0]?.headers['x-sia-timestamp'], capture.requests[1]?.headers['x-sia-timestamp']);
  assert.deepEqual(
    delivery.attempts.map((attempt) => [attempt.status, attempt.category]),
    [
      [503, 'intermittent'],
      [200, null],
    ],
  );
  assert.ok([...delivery.items.values()].every((item) => item.state === 'done'));
});

test('401 and 403 stop delivery at once: authentication, nothing retried, every change still pending', async () => {
  for (const [status, body] of [
    [401, INVALID_SESSION],
    [403, NO_CLASS_ACCESS],
  ] as const) {
    capture.requests.length = 0;
    capture.answer({ status, body });
    const delivery = await deliverTaskChanges(target(), [changeOf(task(1), false)], options());
    assert.equal(delivery.stopped, 'authentication', String(status));
    assert.equal(capture.requests.length, 1);
    const item = delivery.items.get('sia-task-1:1');
    assert.ok(item?.state === 'pending' && item.category === 'authentication');
  }
  assert.deepEqual(waits, []);
});

test('a rejected item is recorded (access/validation); a row-locked item alone is retried', async () => {
  capture.answer((body) => {
    const { changes } = JSON.parse(body) as { changes: { eventId: string }[] };
    return {
      status: 200,
      body: {
        results: [
          { eventId: changes[0]?.eventId, status: 'rejected', taskId: null, reason: 'OWNER_MISMATCH: the Task belongs to another user' },
          {
            eventId: changes[1]?.eventId,
            status: 'rejected',
            taskId: null,
            reason: 'UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record',
          },
        ],
      },
    };
  }, appliedAll);
  const delivery = await deliverTaskChanges(target(), [changeOf(task(1), false), changeOf(task(2), false)], options());
  assert.equal(capture.requests.length, 2);
  assert.deepEqual(
    (JSON.parse(capture.requests[1]?.body ?? '{}') as { changes: { eventId: string }[] }).changes.map((change) => change.eventId),
    ['sia-task-2:1'],
  );
  assert.deepEqual(delivery.items.get('sia-task-1:1'), {
    state: 'rejected',
    category: 'access/validation',
    reason: 'OWNER_MISMATCH: the Task belongs to another user',
  });
  assert.equal(delivery.items.get('sia-task-2:1')?.state, 'done');
  assert.deepEqual(waits, [1], 'backoff when no Retry-After came');
});

test('a 400 rejects the batch without retrying; a malformed 200 leaves the changes pending as "other"', async () => {
  capture.answer({
    status: 400,
    body: { error: { code: 'INVALID_REQUEST', message: 'changes: must have at most 200 items', field: 'changes' } },
  });
  const refused = await deliverTaskChanges(target(), [changeOf(task(1), false)], options());
  assert.equal(refused.items.get('sia-task-1:1')?.state, 'rejected');
  assert.equal(capture.requests.length, 1);
  capture.requests.length = 0;
  capture.answer({ status: 200, body: '<html>Maintenance</html>' });
  const malformed = await deliverTaskChanges(target(), [changeOf(task(1), false)], options());
  const item = malformed.items.get('sia-task-1:1');
  assert.ok(item?.state === 'pending' && item.category === 'other' && /not JSON/.test(item.reason));
  capture.answer({ status: 200, body: { results: [] } });
  const short = await deliverTaskChanges(target(), [changeOf(task(1), false)], options());
  assert.match(
    short.items.get('sia-task-1:1')?.state === 'pending' ? (short.attempts[0]?.detail ?? '') : '',
    /SiaTaskChangeResults|one result per change/,
  );
  assert.deepEqual(waits, []);
});

test('dropped connections are retried with doubling backoff, and after the last attempt the changes stay pending', async () => {
  capture.answer('drop');
  const delivery = await deliverTaskChanges(target(), [changeOf(task(1), false)], { ...options(), maxAttempts: 4 });
  assert.equal(capture.requests.length, 4);
  assert.deepEqual(waits, [1, 2, 4]);
  const item = delivery.items.get('sia-task-1:1');
  assert.ok(item?.state === 'pending' && item.category === 'intermittent');
  assert.equal(delivery.attempts.at(-1)?.waitedSeconds, null);
});

test('a batch the contract refuses is never sent', async () => {
  capture.answer(appliedAll);
  const nameless = changeOf(task(1, { fields: {} }), false);
  await assert.rejects(
    deliverTaskChanges(target(), [nameless], options()),
    (error: unknown) => error instanceof InboundRequestError && /SiaTaskChangeBatch/.test(error.message),
  );
  assert.equal(capture.requests.length, 0);
});

test('classification and Retry-After parsing', () => {
  assert.deepEqual([401, 403, 429, 500, 503, 0, 400, 404].map(categoryOfStatus), [
    'authentication',
    'authentication',
    'intermittent',
    'intermittent',
    'intermittent',
    'intermittent',
    'access/validation',
    'other',
  ]);
  assert.equal(retryAfterSeconds('7'), 7);
  assert.equal(retryAfterSeconds(null), null);
  assert.equal(retryAfterSeconds('soon'), null);
  assert.equal(retryAfterSeconds('Wed, 02 Dec 2026 12:00:30 GMT', Date.parse('2026-12-02T12:00:00Z')), 30);
  assert.equal(retryAfterSeconds('999999'), 3600, 'capped at an hour');
});

test('a Retry-After longer than a delivery waits ends it with the changes pending and the hold to honour', async () => {
  capture.answer({ status: 503, body: ROW_LOCK_503, headers: { 'retry-after': '120' } });
  const delivery = await deliverTaskChanges(target(), [changeOf(task(1), false)], options());
  assert.equal(capture.requests.length, 1);
  assert.deepEqual(waits, [], 'never sleeps for two minutes inside a round');
  assert.equal(delivery.holdSeconds, 120);
  assert.equal(delivery.items.get('sia-task-1:1')?.state, 'pending');
});
