/**
 * Strict-users mode (`--strict-users`): a change naming a user SIA does not
 * have is rejected with the contract's `OWNER_NOT_CONNECTED` /
 * `USER_NOT_CONNECTED`, keeps no receipt and is applied once the user exists;
 * its neighbours are applied; outside strict mode the user is created.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { call, callContract, ORG_ID, resultsOf, startTestWorkbench, taskBatch, taskChange, userId, type TestWorkbench } from './support.ts';

const TASKS = '/v1/salesforce/task-changes';
const SETTINGS = '/v1/salesforce/user-settings';

function settingsBatch(email: string, sequence: number): Record<string, unknown> {
  return {
    orgId: ORG_ID,
    batchId: `settings-${sequence}`,
    changes: [
      {
        idempotencyKey: `${ORG_ID}:${userId(7)}:${sequence}`,
        sequence,
        userId: userId(7),
        userEmail: email,
        changedAt: '2026-11-29T09:30:00Z',
        taskSyncMode: 'twoWay',
      },
    ],
  };
}

async function connect(wb: TestWorkbench, email: string): Promise<void> {
  const answer = await call(wb.url, 'PUT', `/_workbench/users/${encodeURIComponent(email)}`, { body: { timeZone: 'UTC' } });
  assert.ok(answer.status === 200 || answer.status === 201, answer.text);
}

async function userEmails(wb: TestWorkbench): Promise<string[]> {
  const answer = await call(wb.url, 'GET', '/_workbench/users');
  return (answer.body as { users: { email: string }[] }).users.map((user) => user.email);
}

describe('strict-users mode', () => {
  let wb: TestWorkbench;
  before(async () => {
    wb = await startTestWorkbench({ auth: false, strictUsers: true });
    await connect(wb, 'known.rep@example.com');
  });
  after(async () => {
    await wb.dispose();
  });

  test('a task change of an unknown owner is rejected OWNER_NOT_CONNECTED, its neighbour applied, and applied once the user exists', async () => {
    const unknown = taskChange(1, 1, { ownerEmail: 'Former.Rep@example.com' });
    const known = taskChange(2, 1, { ownerEmail: 'known.rep@example.com' });
    const first = resultsOf(await callContract(wb.url, 'POST', TASKS, { body: taskBatch([unknown, known]) }));
    assert.deepEqual(first[0], {
      idempotencyKey: unknown.idempotencyKey,
      status: 'rejected',
      reason: 'OWNER_NOT_CONNECTED: Former.Rep@example.com has no Sales Insight Actions user',
    });
    assert.equal(first[1]?.status, 'applied');
    assert.deepEqual(await userEmails(wb), ['known.rep@example.com'], 'no user created by a change');

    await connect(wb, 'former.rep@example.com');
    const again = resultsOf(await callContract(wb.url, 'POST', TASKS, { body: taskBatch([unknown]) }));
    assert.equal(again[0]?.status, 'applied', 'the same key is processed again: a rejection keeps no receipt');
  });

  test('a user-settings change of an unknown user is rejected USER_NOT_CONNECTED and applied once the user exists', async () => {
    const first = resultsOf(await callContract(wb.url, 'POST', SETTINGS, { body: settingsBatch('second.rep@example.com', 1) }));
    assert.deepEqual(first[0], {
      idempotencyKey: `${ORG_ID}:${userId(7)}:1`,
      status: 'rejected',
      reason: 'USER_NOT_CONNECTED: second.rep@example.com has no Sales Insight Actions user',
    });
    await connect(wb, 'second.rep@example.com');
    const again = resultsOf(await callContract(wb.url, 'POST', SETTINGS, { body: settingsBatch('second.rep@example.com', 1) }));
    assert.equal(again[0]?.status, 'applied');
  });

  test('a change already applied stays a duplicate: the user check comes after the key check', async () => {
    const change = taskChange(3, 1, { ownerEmail: 'known.rep@example.com' });
    assert.equal(resultsOf(await callContract(wb.url, 'POST', TASKS, { body: taskBatch([change]) }))[0]?.status, 'applied');
    assert.equal(resultsOf(await callContract(wb.url, 'POST', TASKS, { body: taskBatch([change]) }))[0]?.status, 'duplicate');
  });
});

describe('outside strict-users mode (the default)', () => {
  let wb: TestWorkbench;
  before(async () => {
    wb = await startTestWorkbench({ auth: false });
  });
  after(async () => {
    await wb.dispose();
  });

  test('a change of a new owner is applied and creates the SIA user', async () => {
    const change = taskChange(1, 1, { ownerEmail: 'New.Rep@example.com' });
    assert.equal(resultsOf(await callContract(wb.url, 'POST', TASKS, { body: taskBatch([change]) }))[0]?.status, 'applied');
    assert.deepEqual(await userEmails(wb), ['new.rep@example.com']);
  });
});
