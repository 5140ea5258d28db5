/**
 * The store's transaction-scoped shortcuts (the SIA task id counter written
 * once per transaction, SIA users remembered, updates that leave the indexes
 * alone) give the same rows as one statement per call would.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { after, test } from 'node:test';
import { DATABASE_FILE, WorkbenchStore, type TaskRow } from '../store.ts';
import { ORG_ID, removeDirectory, taskId, tempDirectory } from './support.ts';

const directories: string[] = [];
after(() => directories.forEach(removeDirectory));

function openStore(): WorkbenchStore {
  const directory = tempDirectory('store');
  directories.push(directory);
  return WorkbenchStore.open(directory);
}

function task(n: number, overrides: Partial<TaskRow> = {}): TaskRow {
  return {
    orgId: ORG_ID,
    taskId: taskId(n),
    siaTaskId: null,
    ownerId: '005000000000000AAA',
    ownerEmail: 'rep@example.com',
    lastSequence: 1,
    deleted: false,
    fields: { subject: `Task ${n}` },
    origin: 'live',
    changedAt: '2026-11-29T10:00:00Z',
    deletedAt: null,
    updatedAt: '2026-11-29T10:00:01Z',
    ...overrides,
  };
}

test('SIA task ids count up across transactions, skip a taken id, and a rolled-back transaction hands its ids out again', () => {
  const store = openStore();
  const first = store.transaction(() => [store.nextSiaTaskId(), store.nextSiaTaskId()]);
  assert.deepEqual(first, ['sia-task-1', 'sia-task-2']);
  store.saveTask(task(1, { siaTaskId: 'sia-task-3' }));
  assert.equal(
    store.transaction(() => store.nextSiaTaskId()),
    'sia-task-4',
  );
  assert.throws(() =>
    store.transaction(() => {
      store.nextSiaTaskId();
      throw new Error('roll back');
    }),
  );
  assert.equal(store.nextSiaTaskId(), 'sia-task-5');
  assert.equal(store.meta('nextSiaTaskNumber'), '6');
  store.close();
});

test('an inner transaction that fails rolls back its ids and users, the outer one goes on', () => {
  const store = openStore();
  store.transaction(() => {
    assert.equal(store.nextSiaTaskId(), 'sia-task-1');
    assert.throws(() =>
      store.transaction(() => {
        store.nextSiaTaskId();
        store.ensureSiaUser('inner@example.com', 'UTC');
        throw new Error('roll back the savepoint');
      }),
    );
    assert.equal(store.nextSiaTaskId(), 'sia-task-2');
    store.ensureSiaUser('inner@example.com', 'Asia/Kathmandu');
  });
  assert.deepEqual(store.findSiaUser('inner@example.com'), { email: 'inner@example.com', timeZone: 'Asia/Kathmandu' });
  store.close();
});

test('a SIA user created in a rolled-back transaction is created again later', () => {
  const store = openStore();
  assert.throws(() =>
    store.transaction(() => {
      store.ensureSiaUser('gone@example.com', 'UTC');
      throw new Error('roll back');
    }),
  );
  assert.equal(store.findSiaUser('gone@example.com'), undefined);
  store.transaction(() => store.ensureSiaUser('gone@example.com', 'UTC'));
  assert.deepEqual(store.findSiaUser('gone@example.com'), { email: 'gone@example.com', timeZone: 'UTC' });
  store.ensureSiaUser('gone@example.com', 'Asia/Tokyo');
  assert.equal(store.findSiaUser('gone@example.com')?.timeZone, 'UTC', 'an existing user keeps its time zone');
  store.close();
});

test('saving over a read row: the same owner and id update in place, a new owner or id moves the indexed columns', () => {
  const store = openStore();
  store.saveTask(task(1, { siaTaskId: 'sia-task-1' }));
  const stored = store.findTask(ORG_ID, taskId(1));
  assert.ok(stored);
  store.saveTask({ ...stored, lastSequence: 2, fields: { subject: 'v2' } }, stored);
  assert.deepEqual(store.findTask(ORG_ID, taskId(1)), { ...stored, lastSequence: 2, fields: { subject: 'v2' } });

  const second = store.findTask(ORG_ID, taskId(1));
  assert.ok(second);
  store.saveTask({ ...second, lastSequence: 3, ownerEmail: 'other@example.com', siaTaskId: 'sia-task-9' }, second);
  assert.deepEqual(store.tasksOwnedBy('rep@example.com'), []);
  assert.deepEqual(
    store.tasksOwnedBy('other@example.com').map((t) => [t.lastSequence, t.siaTaskId]),
    [[3, 'sia-task-9']],
  );
  assert.equal(store.siaTaskIdInUse('sia-task-1'), false);
  assert.equal(store.siaTaskIdInUse('sia-task-9'), true);
  store.close();
});

test('a data directory from before receipts kept the item as received opens, and its receipts still answer', () => {
  const directory = tempDirectory('store-old');
  directories.push(directory);
  const old = new Database(join(directory, DATABASE_FILE));
  old.exec(`CREATE TABLE receipts (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, idempotency_key TEXT NOT NULL,
    canonical TEXT NOT NULL, status TEXT NOT NULL, sia_task_id TEXT, reason TEXT, batch_id TEXT NOT NULL, received_at TEXT NOT NULL,
    UNIQUE (kind, idempotency_key)) STRICT`);
  old
    .prepare(
      `INSERT INTO receipts (kind, idempotency_key, canonical, status, batch_id, received_at) VALUES ('taskChange', 'k', '{"a":1}', 'applied', 'b', 'now')`,
    )
    .run();
  old.close();
  const store = WorkbenchStore.open(directory);
  assert.equal(store.findReceipt('taskChange', 'k')?.payload, '{"a":1}');
  void store.close();
});

test('a data directory from before tasks created in SIA opens: the new table is added, ids go on from the stored counter', () => {
  const directory = tempDirectory('store-pre-sia');
  directories.push(directory);
  // The schema of the data directories made before issue 10 (no sia_native_tasks), with one synced task.
  const old = new Database(join(directory, DATABASE_FILE));
  old.exec(`CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
    CREATE TABLE receipts (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, idempotency_key TEXT NOT NULL,
      canonical TEXT NOT NULL, status TEXT NOT NULL, sia_task_id TEXT, reason TEXT, batch_id TEXT NOT NULL, received_at TEXT NOT NULL,
      UNIQUE (kind, idempotency_key)) STRICT;
    CREATE TABLE tasks (org_id TEXT NOT NULL, task_id TEXT NOT NULL, sia_task_id TEXT UNIQUE, owner_id TEXT NOT NULL,
      owner_email TEXT NOT NULL, last_sequence INTEGER NOT NULL, deleted INTEGER NOT NULL, fields TEXT NOT NULL, origin TEXT NOT NULL,
      changed_at TEXT NOT NULL, deleted_at TEXT, updated_at TEXT NOT NULL, PRIMARY KEY (org_id, task_id)) STRICT;
    CREATE TABLE user_settings (org_id TEXT NOT NULL, user_id TEXT NOT NULL, user_email TEXT NOT NULL, last_sequence INTEGER NOT NULL,
      task_sync_mode TEXT NOT NULL, bcc_active INTEGER NOT NULL, bcc_address TEXT, sync_cutoff_at TEXT, changed_at TEXT NOT NULL,
      updated_at TEXT NOT NULL, PRIMARY KEY (org_id, user_id)) STRICT;
    CREATE TABLE sia_users (email TEXT PRIMARY KEY, time_zone TEXT NOT NULL) STRICT;
    INSERT INTO meta VALUES ('nextSiaTaskNumber', '2');
    INSERT INTO tasks VALUES ('${ORG_ID}', '${taskId(1)}', 'sia-task-1', '005000000000000AAA', 'rep@example.com', 1, 0,
      '{"subject":"old"}', 'initial', '2026-11-29T10:00:00Z', NULL, '2026-11-29T10:00:01Z');
    INSERT INTO receipts (kind, idempotency_key, canonical, status, sia_task_id, batch_id, received_at)
      VALUES ('taskChange', '${ORG_ID}:${taskId(1)}:1', '{"operation":"upsert","origin":"initial","sequence":1}',
        'applied', 'sia-task-1', 'b', '2026-11-29T10:00:01Z');`);
  old.close();
  const store = WorkbenchStore.open(directory);
  const siaTaskId = store.nextSiaTaskId();
  assert.equal(siaTaskId, 'sia-task-2');
  const created = {
    siaTaskId,
    ownerEmail: 'rep@example.com',
    createdAt: '2026-11-30T08:00:00.000Z',
    updatedAt: '2026-11-30T08:00:00.000Z',
    deleted: false,
    sequence: 1,
    fields: { name: 'New in SIA' },
    salesforceTaskId: null,
  };
  store.saveSiaNativeTask(created);
  assert.deepEqual(store.siaNativeTasksOf('rep@example.com'), [created]);
  assert.equal(store.findTask(ORG_ID, taskId(1))?.siaTaskId, 'sia-task-1', 'the synced task is kept');
  assert.deepEqual(
    store.initialTaskChanges(),
    [{ recordKey: `${ORG_ID}:${taskId(1)}`, ownerEmail: 'rep@example.com', operation: 'upsert' }],
    'a canonical receipt has no ownerEmail: the task owner stands in',
  );
  void store.close();
});
