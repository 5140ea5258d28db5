/**
 * Strict-users mode (`--strict-users`): a change naming a user SIA does not
 * have is rejected with the contract's `OWNER_NOT_CONNECTED` /
 * `USER_NOT_CONNECTED`, keeps no receipt and is applied once the user exists;
 * its neighbours are applied; the user check comes after the key checks and
 * before the stale check; outside strict mode the user is created (time zone UTC).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { startWorkbench } from '../server.ts';
import { DATABASE_FILE } from '../store.ts';
import { killAllChildren, killChild, startChild } from './child-process.ts';
import {
  call,
  callContract,
  ORG_ID,
  removeDirectory,
  resultsOf,
  startTestWorkbench,
  taskBatch,
  taskChange,
  tempDirectory,
  testConfig,
  userId,
  type TestWorkbench,
} from './support.ts';

const TASKS = '/v1/salesforce/task-changes';
const SETTINGS = '/v1/salesforce/user-settings';

function settingsChange(email: string, sequence: number, user = userId(7)): Record<string, unknown> {
  return {
    idempotencyKey: `${ORG_ID}:${user}:${sequence}`,
    sequence,
    userId: user,
    userEmail: email,
    changedAt: '2026-11-29T09:30:00Z',
    taskSyncMode: 'twoWay',
  };
}

function settingsBatch(email: string, sequence: number, ...more: Record<string, unknown>[]): Record<string, unknown> {
  return { orgId: ORG_ID, batchId: `settings-${sequence}`, changes: [settingsChange(email, sequence), ...more] };
}

async function connect(wb: TestWorkbench, email: string): Promise<void> {
  const answer = await call(wb.url, 'PUT', `/_workbench/users/${encodeURIComponent(email)}`, { body: { timeZone: 'UTC' } });
  assert.ok(answer.status === 200 || answer.status === 201, answer.text);
}

async function userEmails(wb: TestWorkbench): Promise<string[]> {
  const answer = await call(wb.url, 'GET', '/_workbench/users');
  return (answer.body as { users: { email: string }[] }).users.map((user) => user.email);
}

async function taskIds(wb: TestWorkbench): Promise<string[]> {
  return ((await call(wb.url, 'GET', '/_workbench/tasks')).body as { tasks: { taskId: string }[] }).tasks.map((task) => task.taskId);
}

async function receiptKeys(wb: TestWorkbench): Promise<string[]> {
  const answer = await call(wb.url, 'GET', '/_workbench/receipts');
  return (answer.body as { receipts: { idempotencyKey: string }[] }).receipts.map((receipt) => receipt.idempotencyKey);
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
    assert.ok(!(await taskIds(wb)).includes(unknown.taskId), 'nothing applied');
    assert.ok(!(await receiptKeys(wb)).includes(unknown.idempotencyKey), 'no receipt');

    await connect(wb, 'former.rep@example.com');
    const again = resultsOf(await callContract(wb.url, 'POST', TASKS, { body: taskBatch([unknown]) }));
    assert.equal(again[0]?.status, 'applied', 'the same key is processed again: a rejection keeps no receipt');
  });

  test('a user-settings change of an unknown user is rejected USER_NOT_CONNECTED, its neighbour applied, and applied once the user exists', async () => {
    const neighbour = settingsChange('Known.Rep@example.com', 1, userId(8));
    const first = resultsOf(await callContract(wb.url, 'POST', SETTINGS, { body: settingsBatch('second.rep@example.com', 1, neighbour) }));
    assert.deepEqual(first[0], {
      idempotencyKey: `${ORG_ID}:${userId(7)}:1`,
      status: 'rejected',
      reason: 'USER_NOT_CONNECTED: second.rep@example.com has no Sales Insight Actions user',
    });
    assert.deepEqual(first[1], { idempotencyKey: `${ORG_ID}:${userId(8)}:1`, status: 'applied' });
    assert.ok(!(await userEmails(wb)).includes('second.rep@example.com'), 'no user created by a change');
    assert.ok(!(await receiptKeys(wb)).includes(`${ORG_ID}:${userId(7)}:1`), 'no receipt');
    const known = (await call(wb.url, 'GET', '/_workbench/users/known.rep@example.com')).body as { settings: { userId: string }[] };
    assert.deepEqual(
      known.settings.map((row) => row.userId),
      [userId(8)],
      'only the neighbour was stored',
    );
    await connect(wb, 'second.rep@example.com');
    const again = resultsOf(await callContract(wb.url, 'POST', SETTINGS, { body: settingsBatch('second.rep@example.com', 1) }));
    assert.equal(again[0]?.status, 'applied');
  });

  test('the user check comes before the stale check: an older change of an unknown owner is rejected, not stale', async () => {
    const newer = taskChange(4, 2, { ownerEmail: 'known.rep@example.com' });
    assert.equal(resultsOf(await callContract(wb.url, 'POST', TASKS, { body: taskBatch([newer]) }))[0]?.status, 'applied');
    const older = taskChange(4, 1, { ownerEmail: 'third.rep@example.com' });
    const answer = resultsOf(await callContract(wb.url, 'POST', TASKS, { body: taskBatch([older]) }));
    assert.equal(answer[0]?.reason, 'OWNER_NOT_CONNECTED: third.rep@example.com has no Sales Insight Actions user');
    assert.equal(
      resultsOf(await callContract(wb.url, 'POST', TASKS, { body: taskBatch([{ ...older, ownerEmail: 'known.rep@example.com' }]) }))[0]
        ?.status,
      'stale',
      'the same change of a known owner is stale: the rejection kept no receipt',
    );
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

  test('a settings change of a new user is applied and creates the user, time zone UTC', async () => {
    const answer = resultsOf(await callContract(wb.url, 'POST', SETTINGS, { body: settingsBatch('Settings.Rep@example.com', 1) }));
    assert.equal(answer[0]?.status, 'applied');
    const user = await call(wb.url, 'GET', '/_workbench/users/settings.rep@example.com');
    assert.equal((user.body as { timeZone: string }).timeZone, 'UTC', user.text);
  });
});

describe('strict-users mode after a restart (npm start --strict-users)', () => {
  let dataDirectory: string;
  before(() => {
    dataDirectory = tempDirectory('strict');
  });
  after(async () => {
    await killAllChildren();
    removeDirectory(dataDirectory);
  });

  test('the banner says STRICT USERS; a receipted key stays a duplicate even when its user is gone, a new change is rejected', async () => {
    const change = taskChange(1, 1, { ownerEmail: 'gone.rep@example.com' });
    const lenient = await startWorkbench(testConfig(dataDirectory, { auth: false }));
    assert.equal(resultsOf(await callContract(lenient.url, 'POST', TASKS, { body: taskBatch([change]) }))[0]?.status, 'applied');
    await lenient.close();
    // SIA users are never deleted through the API; removing the row directly shows the order of the checks.
    const db = new Database(join(dataDirectory, DATABASE_FILE));
    db.prepare('DELETE FROM sia_users').run();
    db.close();

    const strict = await startChild(dataDirectory, ['--strict-users', '--no-auth']);
    assert.match(strict.banner, /STRICT USERS/);
    const again = resultsOf(await callContract(strict.url, 'POST', TASKS, { body: taskBatch([change]) }));
    assert.equal(again[0]?.status, 'duplicate', 'the key check comes first');
    const next = resultsOf(
      await callContract(strict.url, 'POST', TASKS, { body: taskBatch([taskChange(1, 2, { ownerEmail: 'gone.rep@example.com' })]) }),
    );
    assert.equal(next[0]?.reason, 'OWNER_NOT_CONNECTED: gone.rep@example.com has no Sales Insight Actions user');
    await killChild(strict.child, 'SIGTERM');
  });
});
