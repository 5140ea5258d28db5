/**
 * Contract tests of the emulator: every Outbound route and every status it
 * answers, each answer checked against the OpenAPI document's response schema;
 * the per-item rules (duplicate, key reuse, stale, invalid, applied) and the
 * fold of a task's changes member by member.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MAX_BODY_BYTES } from '../../contract/item-validation.ts';
import { loadOpenApi } from '../../contract/load.ts';
import { listMediaExamples } from '../../contract/openapi-walk.ts';
import { loadContract } from '../contract.ts';
import type { TaskRow } from '../store.ts';
import {
  call,
  callContract,
  ORG_ID,
  resultsOf,
  startTestWorkbench,
  taskBatch,
  taskChange,
  taskId,
  userId,
  type TestWorkbench,
} from './support.ts';

const TASKS = '/v1/salesforce/task-changes';
const SETTINGS = '/v1/salesforce/user-settings';
const CONNECTION = '/v1/salesforce/connection';

let wb: TestWorkbench;
before(async () => {
  wb = await startTestWorkbench({ auth: false });
});
after(async () => {
  await wb.dispose();
});

async function storedTask(n: number): Promise<TaskRow | undefined> {
  const answer = await call(wb.url, 'GET', '/_workbench/tasks');
  return (answer.body as { tasks: TaskRow[] }).tasks.find((task) => task.taskId === taskId(n));
}

function settingsChange(user: number, sequence: number, members: Record<string, unknown>): Record<string, unknown> {
  return {
    idempotencyKey: `${ORG_ID}:${userId(user)}:${sequence}`,
    sequence,
    userId: userId(user),
    userEmail: `user${user}@example.com`,
    changedAt: `2026-11-29T09:${String(sequence).padStart(2, '0')}:00Z`,
    ...members,
  };
}

describe('the workbench answers outside the contract', () => {
  test('GET /healthz is 200 {"status":"ok"}', async () => {
    const answer = await call(wb.url, 'GET', '/healthz');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { status: 'ok' });
  });

  test('GET / is an HTML page linking the health check, the contract and the workbench API', async () => {
    const answer = await call(wb.url, 'GET', '/');
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get('content-type') ?? '', /^text\/html/);
    for (const link of ['/healthz', '/openapi.yaml', '/_workbench/tasks', '/_workbench/faults'])
      assert.ok(answer.text.includes(`href="${link}"`), link);
    assert.match(answer.text, /<strong>off<\/strong>/, 'the page says auth is off');
    for (const route of ['/_workbench/users/{email}/sia-tasks', '/_workbench/users/{email}/to-salesforce'])
      assert.ok(answer.text.includes(route), route);
    assert.match(answer.text, /Users: created by the changes that name them/);
  });

  test('GET /openapi.yaml serves the contract document', async () => {
    const answer = await call(wb.url, 'GET', '/openapi.yaml');
    assert.equal(answer.status, 200);
    assert.match(answer.text, /^openapi: 3\.1\.0/);
  });

  test('an unknown route is a JSON 404 naming it', async () => {
    const answer = await call(wb.url, 'GET', '/v1/salesforce/nothing');
    assert.equal(answer.status, 404);
    assert.deepEqual(loadContract().validator.errorsForComponent('ErrorResponse', answer.body), []);
    assert.equal((answer.body as { error: { code: string } }).error.code, 'NOT_FOUND');
    assert.match(answer.text, /\/v1\/salesforce\/nothing/);
  });

  test('a known route with the wrong method is a 405 ErrorResponse with Allow', async () => {
    const answer = await call(wb.url, 'GET', TASKS);
    assert.equal(answer.status, 405);
    assert.deepEqual(loadContract().validator.errorsForComponent('ErrorResponse', answer.body), []);
    assert.equal(answer.headers.get('allow'), 'POST');
  });
});

describe('request checks of both batch routes', () => {
  for (const path of [TASKS, SETTINGS]) {
    test(`${path}: a content type other than application/json is 415`, async () => {
      const answer = await callContract(wb.url, 'POST', path, { body: '{}', headers: { 'content-type': 'text/plain' } });
      assert.equal(answer.status, 415);
      assert.equal((answer.body as { error: { code: string } }).error.code, 'UNSUPPORTED_MEDIA_TYPE');
    });

    test(`${path}: a body over 1 MiB is 413 without a field`, async () => {
      const answer = await callContract(wb.url, 'POST', path, { body: `{"pad":"${'x'.repeat(MAX_BODY_BYTES)}"}` });
      assert.equal(answer.status, 413);
      assert.deepEqual(Object.keys((answer.body as { error: object }).error).sort(), ['code', 'message']);
    });

    test(`${path}: 201 items is 413 with field changes`, async () => {
      const changes = Array.from({ length: 201 }, () => ({}));
      const answer = await callContract(wb.url, 'POST', path, { body: { orgId: ORG_ID, batchId: 'b', changes } });
      assert.equal(answer.status, 413);
      assert.equal((answer.body as { error: { field: string } }).error.field, 'changes');
    });

    test(`${path}: malformed JSON is 400 INVALID_REQUEST`, async () => {
      const answer = await callContract(wb.url, 'POST', path, { body: '{"orgId":' });
      assert.equal(answer.status, 400);
      assert.equal((answer.body as { error: { code: string } }).error.code, 'INVALID_REQUEST');
    });

    test(`${path}: an envelope without orgId is 400 with field orgId`, async () => {
      const answer = await callContract(wb.url, 'POST', path, { body: { batchId: 'b', changes: [{}] } });
      assert.equal(answer.status, 400);
      assert.equal((answer.body as { error: { field: string } }).error.field, 'orgId');
    });

    test(`${path}: an element that is not an object is 400 with field changes[1]`, async () => {
      const answer = await callContract(wb.url, 'POST', path, { body: { orgId: ORG_ID, batchId: 'b', changes: [{}, 7] } });
      assert.equal(answer.status, 400);
      assert.equal((answer.body as { error: { field: string } }).error.field, 'changes[1]');
    });
  }
});

describe('the OpenAPI request examples', () => {
  const examples = listMediaExamples(loadOpenApi()).filter((e) => e.where === 'request' && e.operation.path.startsWith('/v1/salesforce/'));

  test('there are request examples of both batch routes', () => {
    assert.deepEqual([...new Set(examples.map((e) => e.operation.path))].sort(), [TASKS, SETTINGS]);
  });

  for (const example of examples) {
    test(`${example.operation.path} example ${example.exampleName} is answered 200 with one result per change, in order`, async () => {
      const body = example.value as { changes: { idempotencyKey: string }[] };
      const results = resultsOf(await callContract(wb.url, 'POST', example.operation.path as '/v1/salesforce/task-changes', { body }));
      assert.deepEqual(
        results.map((r) => r['idempotencyKey']),
        body.changes.map((c) => c.idempotencyKey),
      );
    });
  }
});

describe('per-item results of task changes', () => {
  test('a new change is applied with a siaTaskId; the same change again is a duplicate with the same id', async () => {
    const change = taskChange(101, 1);
    const [first] = resultsOf(await callContract(wb.url, 'POST', TASKS, { body: taskBatch([change]) }));
    assert.equal(first?.['status'], 'applied');
    assert.match(String(first?.['siaTaskId']), /^sia-task-/);
    const [again] = resultsOf(await callContract(wb.url, 'POST', TASKS, { body: taskBatch([change]) }));
    assert.deepEqual(again, { idempotencyKey: change.idempotencyKey, status: 'duplicate', siaTaskId: first?.['siaTaskId'] });
  });

  test('a duplicate ignores ownerEmail (the relay sets it at send time)', async () => {
    const change = taskChange(102, 1);
    resultsOf(await callContract(wb.url, 'POST', TASKS, { body: taskBatch([change]) }));
    const [again] = resultsOf(
      await callContract(wb.url, 'POST', TASKS, { body: taskBatch([{ ...change, ownerEmail: 'renamed@example.com' }]) }),
    );
    assert.equal(again?.['status'], 'duplicate');
  });

  test('a key seen with another payload is rejected IDEMPOTENCY_KEY_REUSED and nothing changes', async () => {
    const change = taskChange(103, 1, { fields: { subject: 'first' } });
    resultsOf(await callContract(wb.url, 'POST', TASKS, { body: taskBatch([change]) }));
    const [reused] = resultsOf(
      await callContract(wb.url, 'POST', TASKS, { body: taskBatch([{ ...change, fields: { subject: 'second' } }]) }),
    );
    assert.equal(reused?.['status'], 'rejected');
    assert.match(String(reused?.['reason']), /^IDEMPOTENCY_KEY_REUSED: /);
    assert.equal((await storedTask(103))?.fields.subject, 'first');
  });

  test('a change older than the applied one is stale and the state keeps the newer change', async () => {
    resultsOf(await callContract(wb.url, 'POST', TASKS, { body: taskBatch([taskChange(104, 5, { fields: { subject: 'five' } })]) }));
    const [stale] = resultsOf(
      await callContract(wb.url, 'POST', TASKS, { body: taskBatch([taskChange(104, 4, { fields: { subject: 'four' } })]) }),
    );
    assert.equal(stale?.['status'], 'stale');
    assert.match(String(stale?.['reason']), /^SEQUENCE_OLDER: sequence 5 already applied/);
    assert.equal((await storedTask(104))?.fields.subject, 'five');
  });

  test('the same change with its members in another order is a duplicate (canonical form), another value is a reuse', async () => {
    const change = taskChange(57, 1, { fields: { subject: 'Ordered', description: 'd' } });
    resultsOf(await callContract(wb.url, 'POST', TASKS, { body: taskBatch([change]) }));
    const reordered = Object.fromEntries(Object.entries({ ...change, fields: { description: 'd', subject: 'Ordered' } }).reverse());
    const [again] = resultsOf(await callContract(wb.url, 'POST', TASKS, { body: taskBatch([reordered]) }));
    assert.equal(again?.['status'], 'duplicate', 'not the same bytes, the same canonical payload');
    const [reused] = resultsOf(
      await callContract(wb.url, 'POST', TASKS, { body: taskBatch([{ ...change, fields: { subject: 'Other', description: 'd' } }]) }),
    );
    assert.equal(reused?.['status'], 'rejected');
    assert.match(String(reused?.['reason']), /^IDEMPOTENCY_KEY_REUSED/);
  });

  test('duplicate is checked before stale: a retried older change is a duplicate', async () => {
    const older = taskChange(105, 1);
    resultsOf(await callContract(wb.url, 'POST', TASKS, { body: taskBatch([older, taskChange(105, 2)]) }));
    const [again] = resultsOf(await callContract(wb.url, 'POST', TASKS, { body: taskBatch([older]) }));
    assert.equal(again?.['status'], 'duplicate');
  });

  test('an invalid item is rejected INVALID_FIELD naming the member, and its neighbours are applied', async () => {
    const bad = { ...taskChange(106, 1), fields: { status: 'Waiting' } };
    const results = resultsOf(
      await callContract(wb.url, 'POST', TASKS, { body: taskBatch([taskChange(107, 1), bad, taskChange(108, 1)]) }),
    );
    assert.deepEqual(
      results.map((r) => r['status']),
      ['applied', 'rejected', 'applied'],
    );
    assert.equal(results[1]?.['field'], 'changes[1].fields.status');
    assert.match(String(results[1]?.['reason']), /^INVALID_FIELD: changes\[1\]\.fields\.status must be one of Not Started, Completed/);
    assert.equal(await storedTask(106), undefined);
  });

  test('an item without a usable key is rejected with idempotencyKey null', async () => {
    const keyless: Record<string, unknown> = { ...taskChange(109, 1) };
    delete keyless['idempotencyKey'];
    const [result] = resultsOf(await callContract(wb.url, 'POST', TASKS, { body: taskBatch([keyless]) }));
    assert.equal(result?.['idempotencyKey'], null);
    assert.equal(result?.['field'], 'changes[0].idempotencyKey');
  });

  test('a key that names another task or sequence than the item is rejected naming idempotencyKey', async () => {
    const change = { ...taskChange(110, 3), idempotencyKey: `${ORG_ID}:${taskId(110)}:4` };
    const [result] = resultsOf(await callContract(wb.url, 'POST', TASKS, { body: taskBatch([change]) }));
    assert.equal(result?.['status'], 'rejected');
    assert.equal(result?.['field'], 'changes[0].idempotencyKey');
    assert.match(String(result?.['reason']), /must be 00D5g000004ABCDEA4:00T5g0000000000110:3/);
  });

  test('the same key twice in one batch: applied, then duplicate', async () => {
    const change = taskChange(111, 1);
    const results = resultsOf(await callContract(wb.url, 'POST', TASKS, { body: taskBatch([change, change]) }));
    assert.deepEqual(
      results.map((r) => r['status']),
      ['applied', 'duplicate'],
    );
  });
});

describe('the stored task is the in-sequence fold of its applied changes', () => {
  test('an omitted member keeps its value and null empties it', async () => {
    const fields1 = {
      subject: 'Call',
      status: 'Not Started',
      priority: 'High',
      activityDate: '2026-12-01',
      description: 'notes',
      isClosed: false,
    };
    resultsOf(await callContract(wb.url, 'POST', TASKS, { body: taskBatch([taskChange(120, 1, { fields: fields1 })]) }));
    resultsOf(
      await callContract(wb.url, 'POST', TASKS, {
        body: taskBatch([taskChange(120, 2, { fields: { status: 'Completed', description: null, isClosed: true } })]),
      }),
    );
    assert.deepEqual((await storedTask(120))?.fields, { ...fields1, status: 'Completed', description: null, isClosed: true });
  });

  test('a delete removes the task and an undelete brings back its members under the same SIA id', async () => {
    const [created] = resultsOf(
      await callContract(wb.url, 'POST', TASKS, { body: taskBatch([taskChange(121, 1, { fields: { subject: 'x', priority: 'High' } })]) }),
    );
    const [deleted] = resultsOf(
      await callContract(wb.url, 'POST', TASKS, { body: taskBatch([taskChange(121, 2, { operation: 'delete' })]) }),
    );
    assert.equal(deleted?.['siaTaskId'], created?.['siaTaskId']);
    const tombstone = await storedTask(121);
    assert.equal(tombstone?.deleted, true);
    assert.deepEqual(tombstone?.fields, {});
    const [restored] = resultsOf(
      await callContract(wb.url, 'POST', TASKS, {
        body: taskBatch([taskChange(121, 3, { operation: 'undelete', fields: { subject: 'y' } })]),
      }),
    );
    assert.equal(restored?.['siaTaskId'], created?.['siaTaskId']);
    assert.deepEqual((await storedTask(121))?.fields, { subject: 'y' });
  });

  test('a siaTaskId the sender holds is kept when SIA does not know the task yet', async () => {
    const [result] = resultsOf(
      await callContract(wb.url, 'POST', TASKS, { body: taskBatch([taskChange(122, 1, { siaTaskId: 'sia-task-from-sia' })]) }),
    );
    assert.equal(result?.['siaTaskId'], 'sia-task-from-sia');
  });
});

describe('user-settings changes', () => {
  test('enabling sync stores the mode and its changedAt as cut-off; BCC is stored; an older change is stale', async () => {
    const bcc = { active: true, emailToSalesforceAddress: 'emailtosalesforce@abc.le.salesforce.com' };
    const results = resultsOf(
      await callContract(wb.url, 'POST', SETTINGS, {
        body: {
          orgId: ORG_ID,
          batchId: 's1',
          changes: [settingsChange(7, 2, { taskSyncMode: 'twoWay', bcc }), settingsChange(7, 1, { taskSyncMode: 'none' })],
        },
      }),
    );
    assert.deepEqual(
      results.map((r) => r['status']),
      ['applied', 'stale'],
    );
    const user = (await call(wb.url, 'GET', '/_workbench/users/user7@example.com')).body as { settings: Record<string, unknown>[] };
    assert.deepEqual(
      { ...user.settings[0], updatedAt: undefined },
      {
        orgId: ORG_ID,
        userId: userId(7),
        userEmail: 'user7@example.com',
        lastSequence: 2,
        taskSyncMode: 'twoWay',
        bccActive: true,
        bccAddress: bcc.emailToSalesforceAddress,
        syncCutoffAt: '2026-11-29T09:02:00Z',
        changedAt: '2026-11-29T09:02:00Z',
        updatedAt: undefined,
      },
    );
  });

  test('a later BCC-only change keeps the mode and cut-off; turning sync off clears the cut-off', async () => {
    const body = (changes: unknown[]) => ({ orgId: ORG_ID, batchId: 's2', changes });
    resultsOf(await callContract(wb.url, 'POST', SETTINGS, { body: body([settingsChange(8, 1, { taskSyncMode: 'siaToSalesforce' })]) }));
    resultsOf(
      await callContract(wb.url, 'POST', SETTINGS, {
        body: body([settingsChange(8, 2, { bcc: { active: false, emailToSalesforceAddress: null } })]),
      }),
    );
    let user = (await call(wb.url, 'GET', '/_workbench/users/user8@example.com')).body as {
      settings: { taskSyncMode: string; syncCutoffAt: string | null }[];
    };
    assert.deepEqual([user.settings[0]?.taskSyncMode, user.settings[0]?.syncCutoffAt], ['siaToSalesforce', '2026-11-29T09:01:00Z']);
    resultsOf(await callContract(wb.url, 'POST', SETTINGS, { body: body([settingsChange(8, 3, { taskSyncMode: 'none' })]) }));
    user = (await call(wb.url, 'GET', '/_workbench/users/user8@example.com')).body as typeof user;
    assert.deepEqual([user.settings[0]?.taskSyncMode, user.settings[0]?.syncCutoffAt], ['none', null]);
  });

  test('an invalid settings change is rejected naming the member', async () => {
    const [result] = resultsOf(
      await callContract(wb.url, 'POST', SETTINGS, {
        body: { orgId: ORG_ID, batchId: 's3', changes: [settingsChange(9, 1, { taskSyncMode: 'sometimes' })] },
      }),
    );
    assert.equal(result?.['status'], 'rejected');
    assert.equal(result?.['field'], 'changes[0].taskSyncMode');
  });
});

test('GET /v1/salesforce/connection names the linked org and account', async () => {
  const answer = await callContract(wb.url, 'GET', CONNECTION);
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.body, { connected: true, orgId: ORG_ID, account: { id: 'sia-acct-workbench', name: 'Sales Insight workbench' } });
});
