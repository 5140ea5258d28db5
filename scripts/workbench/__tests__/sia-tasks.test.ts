/**
 * The SIA side of the first-time sync's rules (docs/task-sync.md): tasks created in SIA
 * (create, edit, complete, delete through the workbench API, checked against
 * the contract's `SiaTaskFields`), which of them go to Salesforce (only those
 * created at or after the user's cut-off), the Command Center showing both kinds
 * of task and never a deleted one, and what the initial sync imported.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadContract } from '../contract.ts';
import { decidingSettings, toSalesforce as toSalesforceOf } from '../sia-tasks.ts';
import type { UserSettingsRow } from '../store.ts';
import { call, callContract, ORG_ID, resultsOf, startTestWorkbench, taskBatch, taskChange, userId, type TestWorkbench } from './support.ts';

const REP = 'sia.rep@example.com';
const CUTOFF = '2026-11-29T09:30:00.000Z';

let nowMs = Date.parse('2026-11-29T08:00:00Z');
let wb: TestWorkbench;
before(async () => {
  wb = await startTestWorkbench({ auth: false }, { nowMs: () => nowMs });
  const put = await call(wb.url, 'PUT', `/_workbench/users/${REP}`, { body: { timeZone: 'UTC' } });
  assert.equal(put.status, 200, put.text);
});
after(async () => {
  await wb.dispose();
});

interface SiaTask {
  siaTaskId: string;
  createdAt: string;
  sequence: number;
  deleted: boolean;
  fields: Record<string, unknown>;
}

async function createAt(at: string, fields: Record<string, unknown>): Promise<SiaTask> {
  nowMs = Date.parse(at);
  const answer = await call(wb.url, 'POST', `/_workbench/users/${REP}/sia-tasks`, { body: fields });
  assert.equal(answer.status, 201, answer.text);
  return answer.body as SiaTask;
}

async function setMode(sequence: number, taskSyncMode: string, changedAt: string): Promise<void> {
  const body = {
    orgId: ORG_ID,
    batchId: `mode-${sequence}`,
    changes: [
      { idempotencyKey: `${ORG_ID}:${userId(9)}:${sequence}`, sequence, userId: userId(9), userEmail: REP, changedAt, taskSyncMode },
    ],
  };
  assert.equal(resultsOf(await callContract(wb.url, 'POST', '/v1/salesforce/user-settings', { body }))[0]?.status, 'applied');
}

async function toSalesforce(): Promise<{
  reason?: string;
  cutoffAt: string | null;
  eligible: SiaTask[];
  excluded: { siaTaskId: string; reason: string }[];
}> {
  const answer = await call(wb.url, 'GET', `/_workbench/users/${REP}/to-salesforce`);
  assert.equal(answer.status, 200, answer.text);
  return answer.body as never;
}

describe('tasks created in SIA', () => {
  test('create, edit, complete and delete: defaults, sequence per change, a tombstone after delete', async () => {
    const created = await createAt('2026-11-29T08:00:00Z', { name: 'Call Dana', dueDate: '2026-11-30' });
    assert.deepEqual(created.fields, { status: 'open', priority: 'normal', name: 'Call Dana', dueDate: '2026-11-30' });
    assert.equal(created.sequence, 1);
    assert.match(created.siaTaskId, /^sia-task-\d+$/);
    const edited = await call(wb.url, 'PATCH', `/_workbench/sia-tasks/${created.siaTaskId}`, {
      body: { details: 'Bring the pricing', dueDate: null },
    });
    assert.equal(edited.status, 200, edited.text);
    assert.deepEqual((edited.body as SiaTask).fields, {
      status: 'open',
      priority: 'normal',
      name: 'Call Dana',
      dueDate: null,
      details: 'Bring the pricing',
    });
    const completed = await call(wb.url, 'PATCH', `/_workbench/sia-tasks/${created.siaTaskId}`, { body: { status: 'complete' } });
    assert.equal((completed.body as SiaTask).fields['status'], 'complete');
    const deleted = await call(wb.url, 'DELETE', `/_workbench/sia-tasks/${created.siaTaskId}`);
    assert.deepEqual([(deleted.body as SiaTask).deleted, (deleted.body as SiaTask).sequence], [true, 4]);
    const again = await call(wb.url, 'PATCH', `/_workbench/sia-tasks/${created.siaTaskId}`, { body: { name: 'x' } });
    assert.deepEqual([again.status, (again.body as { error: { field: string } }).error.field], [404, 'siaTaskId']);
  });

  test('bad input is a 400 naming the member, checked against the contract; an unknown user is a 404', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ dueDate: '2026-11-30' }, 'name'],
      [{ name: 'x', colour: 'red' }, 'colour'],
      [{ name: 'x', status: 'done' }, 'status'],
      [{ name: 'x', dueDate: '30/11/2026' }, 'dueDate'],
      [{ name: '' }, 'name'],
    ];
    for (const [body, field] of cases) {
      const answer = await call(wb.url, 'POST', `/_workbench/users/${REP}/sia-tasks`, { body });
      assert.deepEqual([answer.status, (answer.body as { error: { field: string } }).error.field], [400, field], answer.text);
    }
    const task = await createAt('2026-11-29T08:00:30Z', { name: 'To edit' });
    const edits: [Record<string, unknown>, string][] = [
      [{ name: null }, 'name'],
      [{ priority: 'low' }, 'priority'],
      [{ dueDate: 20261130 }, 'dueDate'],
      [{ subject: 'Salesforce name' }, 'subject'],
    ];
    for (const [body, field] of edits) {
      const answer = await call(wb.url, 'PATCH', `/_workbench/sia-tasks/${task.siaTaskId}`, { body });
      assert.deepEqual([answer.status, (answer.body as { error: { field: string } }).error.field], [400, field], answer.text);
      assert.deepEqual(loadContract().validator.errorsForComponent('ErrorResponse', answer.body), [], answer.text);
    }
    const unchanged = await call(wb.url, 'GET', `/_workbench/users/${REP}/sia-tasks`);
    const stored = (unchanged.body as { tasks: SiaTask[] }).tasks.find((t) => t.siaTaskId === task.siaTaskId);
    assert.deepEqual([stored?.sequence, stored?.fields['name']], [1, 'To edit'], 'a refused edit changes nothing');
    const unknown = await call(wb.url, 'POST', '/_workbench/users/nobody%40example.com/sia-tasks', { body: { name: 'x' } });
    assert.equal(unknown.status, 404, unknown.text);
  });

  test('SIA task ids and the ids the emulator gives Salesforce tasks come from one counter: never the same id twice', async () => {
    const sia = await createAt('2026-11-29T08:01:00Z', { name: 'Own id' });
    const upsert = resultsOf(await callContract(wb.url, 'POST', '/v1/salesforce/task-changes', { body: taskBatch([taskChange(70, 1)]) }));
    assert.notEqual(upsert[0]?.siaTaskId, sia.siaTaskId);
  });
});

describe('what goes to Salesforce: only SIA tasks created at or after the cut-off', () => {
  test('while sync is off nothing goes, with the reason', async () => {
    const view = await toSalesforce();
    assert.deepEqual([view.reason, view.eligible.length], ['SYNC_OFF', 0]);
  });

  test('the cut-off edge to the millisecond, and an old task stays out after an edit', async () => {
    const before = await createAt('2026-11-29T09:29:59.999Z', { name: 'Before the cut-off' });
    const at = await createAt(CUTOFF, { name: 'At the cut-off' });
    const afterwards = await createAt('2026-11-29T09:30:00.001Z', { name: 'After the cut-off' });
    await setMode(1, 'twoWay', CUTOFF);
    nowMs = Date.parse('2026-11-29T10:00:00Z');
    await call(wb.url, 'PATCH', `/_workbench/sia-tasks/${before.siaTaskId}`, { body: { name: 'Edited after the cut-off' } });
    const view = await toSalesforce();
    assert.equal(view.cutoffAt, CUTOFF, 'the changedAt of the enabling change, as sent');
    const eligible = view.eligible.map((task) => task.siaTaskId);
    assert.ok(eligible.includes(at.siaTaskId), 'created at the cut-off: sent (the package accepts createdAt = enabledAt)');
    assert.ok(eligible.includes(afterwards.siaTaskId));
    assert.ok(!eligible.includes(before.siaTaskId), 'created a millisecond before: never sent, even after an edit');
    assert.deepEqual(
      view.excluded.find((entry) => entry.siaTaskId === before.siaTaskId),
      { siaTaskId: before.siaTaskId, reason: 'CREATED_BEFORE_CUTOFF' },
    );
  });

  test('a task that came from Salesforce is never listed, created after the cut-off or not', async () => {
    const synced = resultsOf(
      await callContract(wb.url, 'POST', '/v1/salesforce/task-changes', { body: taskBatch([taskChange(72, 1, { ownerEmail: REP })]) }),
    );
    const siaTaskId = synced[0]?.['siaTaskId'];
    assert.equal(typeof siaTaskId, 'string');
    const view = await toSalesforce();
    assert.ok(
      ![...view.eligible.map((task) => task.siaTaskId), ...view.excluded.map((entry) => entry.siaTaskId)].includes(siaTaskId as string),
    );
  });

  test('switching sync off clears the cut-off: nothing goes', async () => {
    await setMode(2, 'none', '2026-11-29T11:00:00Z');
    const view = await toSalesforce();
    assert.deepEqual([view.reason, view.cutoffAt, view.eligible.length], ['SYNC_OFF', null, 0]);
  });
});

describe('the Command Center and the initial sync', () => {
  test('an initial import shows its tasks; an initial deletion (the last 15 days) and a SIA delete remove them; SIA tasks show beside', async () => {
    const owner = 'import.rep@example.com';
    const put = await call(wb.url, 'PUT', `/_workbench/users/${owner}`, { body: { timeZone: 'UTC' } });
    assert.equal(put.status, 200, put.text);
    const imported = (task: number, sequence: number, operation?: 'delete') => ({
      ...taskChange(task, sequence, {
        ownerEmail: owner,
        ...(operation ? { operation } : { fields: { subject: `Imported ${task}`, activityDate: '2026-11-30' } }),
      }),
      origin: 'initial',
    });
    resultsOf(await callContract(wb.url, 'POST', '/v1/salesforce/task-changes', { body: taskBatch([imported(81, 1), imported(82, 1)]) }));
    resultsOf(await callContract(wb.url, 'POST', '/v1/salesforce/task-changes', { body: taskBatch([imported(82, 2, 'delete')]) }));
    nowMs = Date.parse('2026-11-30T08:00:00Z');
    const kept = await call(wb.url, 'POST', `/_workbench/users/${owner}/sia-tasks`, { body: { name: 'From SIA', dueDate: '2026-11-30' } });
    const gone = await call(wb.url, 'POST', `/_workbench/users/${owner}/sia-tasks`, {
      body: { name: 'Deleted in SIA', dueDate: '2026-11-30' },
    });
    await call(wb.url, 'DELETE', `/_workbench/sia-tasks/${(gone.body as SiaTask).siaTaskId}`);

    const center = await call(wb.url, 'GET', `/_workbench/users/${owner}/command-center?at=2026-11-30T09:00:00Z`);
    const today = (center.body as { today: { tasks: { subject: string; source: string }[] } }).today.tasks;
    assert.deepEqual(
      today.map((task) => [task.subject, task.source]),
      [
        ['From SIA', 'sia'],
        ['Imported 81', 'salesforce'],
      ],
    );
    assert.equal((kept.body as SiaTask).fields['name'], 'From SIA');
    const user = await call(wb.url, 'GET', `/_workbench/users/${owner}`);
    assert.deepEqual(
      (user.body as { initialSync: unknown }).initialSync,
      { imported: 2, deleted: 1, firstTwoWayEnabledAt: null },
      'both imported, one of them deleted again; no settings change named this user',
    );
  });

  test('the user view: tasks imported, not changes, unchanged by later live edits; the first two-way enable survives switching off', async () => {
    const owner = 'first.rep@example.com';
    const put = await call(wb.url, 'PUT', `/_workbench/users/${owner}`, { body: { timeZone: 'UTC' } });
    assert.equal(put.status, 200, put.text);
    const settings = (sequence: number, taskSyncMode: string, changedAt: string) => ({
      idempotencyKey: `${ORG_ID}:${userId(11)}:${sequence}`,
      sequence,
      userId: userId(11),
      userEmail: 'First.Rep@example.com',
      changedAt,
      taskSyncMode,
    });
    const modes = [
      settings(1, 'siaToSalesforce', '2026-11-20T08:00:00Z'),
      settings(2, 'twoWay', '2026-11-21T08:00:00Z'),
      settings(3, 'none', '2026-11-22T08:00:00Z'),
      settings(4, 'twoWay', '2026-11-23T08:00:00Z'),
    ];
    const sent = resultsOf(
      await callContract(wb.url, 'POST', '/v1/salesforce/user-settings', { body: { orgId: ORG_ID, batchId: 'modes', changes: modes } }),
    );
    assert.deepEqual(
      sent.map((result) => result['status']),
      ['applied', 'applied', 'applied', 'applied'],
    );
    const change = (sequence: number, origin: string) => ({
      ...taskChange(91, sequence, { ownerEmail: owner, fields: { subject: `v${sequence}` } }),
      origin,
    });
    const tasks = [change(1, 'initial'), change(2, 'initial'), change(3, 'live')];
    const applied = resultsOf(await callContract(wb.url, 'POST', '/v1/salesforce/task-changes', { body: taskBatch(tasks) }));
    assert.deepEqual(
      applied.map((result) => result['status']),
      ['applied', 'applied', 'applied'],
    );
    const user = (await call(wb.url, 'GET', `/_workbench/users/${owner}`)).body as { syncCutoffAt: string; initialSync: unknown };
    assert.deepEqual(user.initialSync, { imported: 1, deleted: 0, firstTwoWayEnabledAt: '2026-11-21T08:00:00Z' });
    assert.equal(user.syncCutoffAt, '2026-11-23T08:00:00Z', 'the cut-off is the last enable, the first two-way enable stays');
    const listed = (await call(wb.url, 'GET', '/_workbench/users')).body as { users: { email: string; initialSync: unknown }[] };
    assert.deepEqual(listed.users.find((u) => u.email === owner)?.initialSync, user.initialSync, 'the list shows the same');
  });
});

describe('the deciding settings row', () => {
  test('of several settings rows naming one user (several orgs), the one changed last decides', () => {
    const row = (orgId: string, taskSyncMode: UserSettingsRow['taskSyncMode'], changedAt: string): UserSettingsRow => ({
      orgId,
      userId: userId(1),
      userEmail: REP,
      lastSequence: 1,
      taskSyncMode,
      bccActive: false,
      bccAddress: null,
      syncCutoffAt: taskSyncMode === 'none' ? null : changedAt,
      changedAt,
      updatedAt: changedAt,
    });
    const rows = [row('00D000000000001AAA', 'twoWay', '2026-11-29T09:00:00Z'), row('00D000000000002AAA', 'none', '2026-11-29T10:00:00Z')];
    assert.equal(decidingSettings(rows)?.orgId, '00D000000000002AAA');
    assert.deepEqual(toSalesforceOf(REP, rows, []).reason, 'SYNC_OFF');
    assert.equal(decidingSettings([]), undefined);
  });
});
