/**
 * The emulator's storage: one SQLite file under the data directory, opened with
 * WAL and `synchronous=NORMAL`. A committed transaction is in the WAL before
 * `COMMIT` returns, so a process killed at any point (SIGKILL) keeps every
 * transaction it acknowledged and none it did not finish; only a power loss or
 * an OS crash could lose the last commits, which no test here can cause.
 *
 * The store holds rows and nothing else: the rules live in `ingest.ts`.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startCheckpointer, type Checkpointer } from './checkpointer.ts';
import type { SiaNativeTask, SiaTaskFieldValues } from './sia-tasks.ts';
import type { TaskFieldValues } from './task-fold.ts';

/** File name of the database inside the data directory. */
export const DATABASE_FILE = 'workbench.sqlite';

/** Which batch a receipt belongs to (the contract's two outbound batch kinds). */
export type ReceiptKind = 'taskChange' | 'userSettings';

/** What the receiver remembers per idempotency key (rule keyReuse). */
export interface Receipt {
  readonly kind: ReceiptKind;
  readonly idempotencyKey: string;
  /**
   * The item as received (`JSON.stringify` of the parsed item). Its canonical
   * form (rule keyReuse) is computed only when the key comes again: most keys
   * never do, and the canonical writer costs more than the native one.
   */
  readonly payload: string;
  readonly status: 'applied' | 'stale';
  readonly siaTaskId: string | null;
  readonly reason: string | null;
  readonly batchId: string;
  readonly receivedAt: string;
}

/** One task as SIA holds it; a deleted task stays as a tombstone so that older changes stay stale. */
export interface TaskRow {
  readonly orgId: string;
  readonly taskId: string;
  readonly siaTaskId: string | null;
  readonly ownerId: string;
  readonly ownerEmail: string;
  readonly lastSequence: number;
  readonly deleted: boolean;
  /** The folded members; `{}` for a deleted task. */
  readonly fields: TaskFieldValues;
  readonly origin: string;
  readonly changedAt: string;
  readonly deletedAt: string | null;
  readonly updatedAt: string;
}

/** One Salesforce user's settings as SIA holds them. */
export interface UserSettingsRow {
  readonly orgId: string;
  readonly userId: string;
  readonly userEmail: string;
  readonly lastSequence: number;
  readonly taskSyncMode: 'none' | 'siaToSalesforce' | 'twoWay';
  readonly bccActive: boolean;
  readonly bccAddress: string | null;
  /** `changedAt` of the change that enabled sync; null while sync is off. */
  readonly syncCutoffAt: string | null;
  readonly changedAt: string;
  readonly updatedAt: string;
}

/**
 * An applied Task change that came with `origin: initial`, read back from its
 * receipt (the receipts are the record of every applied change).
 */
export interface InitialTaskChange {
  /** `<orgId>:<taskId>`: the idempotency key without its sequence. */
  readonly recordKey: string;
  /** As sent (not lower-cased). */
  readonly ownerEmail: string;
  readonly operation: 'upsert' | 'delete' | 'undelete';
}

/** An applied user-settings change that carried `taskSyncMode`, read back from its receipt. */
export interface SyncModeChange {
  /** `<orgId>:<userId>`: the idempotency key without its sequence. */
  readonly recordKey: string;
  /** As sent (not lower-cased). */
  readonly userEmail: string;
  readonly taskSyncMode: UserSettingsRow['taskSyncMode'];
  readonly changedAt: string;
}

/** An emulated SIA user (keyed by lower-case email) and the time zone of their Command Center. */
export interface SiaUserRow {
  readonly email: string;
  readonly timeZone: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS receipts (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL,
  sia_task_id TEXT,
  reason TEXT,
  batch_id TEXT NOT NULL,
  received_at TEXT NOT NULL,
  UNIQUE (kind, idempotency_key)
) STRICT;
CREATE TABLE IF NOT EXISTS tasks (
  org_id TEXT NOT NULL,
  task_id TEXT NOT NULL,
  sia_task_id TEXT UNIQUE,
  owner_id TEXT NOT NULL,
  owner_email TEXT NOT NULL,
  last_sequence INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  fields TEXT NOT NULL,
  origin TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  deleted_at TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (org_id, task_id)
) STRICT;
CREATE INDEX IF NOT EXISTS tasks_by_owner ON tasks (owner_email);
CREATE TABLE IF NOT EXISTS user_settings (
  org_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  user_email TEXT NOT NULL,
  last_sequence INTEGER NOT NULL,
  task_sync_mode TEXT NOT NULL,
  bcc_active INTEGER NOT NULL,
  bcc_address TEXT,
  sync_cutoff_at TEXT,
  changed_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (org_id, user_id)
) STRICT;
CREATE TABLE IF NOT EXISTS sia_users (email TEXT PRIMARY KEY, time_zone TEXT NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS sia_native_tasks (
  sia_task_id TEXT PRIMARY KEY,
  owner_email TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL,
  sequence INTEGER NOT NULL,
  fields TEXT NOT NULL,
  salesforce_task_id TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS sia_native_tasks_by_owner ON sia_native_tasks (owner_email);
CREATE TABLE IF NOT EXISTS sia_deliveries (
  event_id TEXT PRIMARY KEY,
  sia_task_id TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  operation TEXT NOT NULL,
  state TEXT NOT NULL,
  category TEXT,
  detail TEXT,
  salesforce_task_id TEXT,
  attempts INTEGER NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS sia_deliveries_by_task ON sia_deliveries (sia_task_id);
CREATE TABLE IF NOT EXISTS sia_email_activities (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  sia_message_id TEXT NOT NULL UNIQUE,
  sender_email TEXT NOT NULL,
  activity TEXT NOT NULL,
  state TEXT,
  category TEXT,
  detail TEXT,
  task_ids TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
`;

/** A sales email or call logged in SIA, and what became of it in Salesforce (`to-salesforce/`). */
export interface SiaEmailActivityRow {
  readonly siaMessageId: string;
  readonly senderEmail: string;
  /** The `EmailActivity` as it is sent. */
  readonly activity: Readonly<Record<string, unknown>>;
  /** null until first sent; then done (applied, duplicate, unresolved), rejected or pending. */
  readonly state: 'done' | 'rejected' | 'pending' | null;
  readonly category: string | null;
  readonly detail: string | null;
  readonly taskIds: readonly string[];
  readonly attempts: number;
  readonly updatedAt: string;
}

interface SiaEmailActivityRecord {
  sia_message_id: string;
  sender_email: string;
  activity: string;
  state: string | null;
  category: string | null;
  detail: string | null;
  task_ids: string;
  attempts: number;
  updated_at: string;
}

function toSiaEmailActivity(r: SiaEmailActivityRecord): SiaEmailActivityRow {
  return {
    siaMessageId: r.sia_message_id,
    senderEmail: r.sender_email,
    activity: JSON.parse(r.activity) as Record<string, unknown>,
    state: r.state as SiaEmailActivityRow['state'],
    category: r.category,
    detail: r.detail,
    taskIds: JSON.parse(r.task_ids) as string[],
    attempts: r.attempts,
    updatedAt: r.updated_at,
  };
}

/** What became of one SIA-originated change sent to Salesforce (`to-salesforce/`). */
export interface SiaDeliveryRow {
  readonly eventId: string;
  readonly siaTaskId: string;
  readonly sequence: number;
  readonly operation: string;
  /** done: applied, duplicate or stale; rejected: permanent; pending: to be sent again. */
  readonly state: 'done' | 'rejected' | 'pending';
  readonly category: string | null;
  /** The item's status when done, else why not. */
  readonly detail: string | null;
  readonly salesforceTaskId: string | null;
  /** HTTP attempts that carried it, over every delivery run. */
  readonly attempts: number;
  readonly updatedAt: string;
}

interface SiaDeliveryRecord {
  event_id: string;
  sia_task_id: string;
  sequence: number;
  operation: string;
  state: string;
  category: string | null;
  detail: string | null;
  salesforce_task_id: string | null;
  attempts: number;
  updated_at: string;
}

function toSiaDelivery(r: SiaDeliveryRecord): SiaDeliveryRow {
  return {
    eventId: r.event_id,
    siaTaskId: r.sia_task_id,
    sequence: r.sequence,
    operation: r.operation,
    state: r.state as SiaDeliveryRow['state'],
    category: r.category,
    detail: r.detail,
    salesforceTaskId: r.salesforce_task_id,
    attempts: r.attempts,
    updatedAt: r.updated_at,
  };
}

interface SiaNativeTaskRecord {
  sia_task_id: string;
  owner_email: string;
  created_at: string;
  updated_at: string;
  deleted: number;
  sequence: number;
  fields: string;
  salesforce_task_id: string | null;
}

function toSiaNativeTask(r: SiaNativeTaskRecord): SiaNativeTask {
  return {
    siaTaskId: r.sia_task_id,
    ownerEmail: r.owner_email,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deleted: r.deleted === 1,
    sequence: r.sequence,
    fields: JSON.parse(r.fields) as SiaTaskFieldValues,
    salesforceTaskId: r.salesforce_task_id,
  };
}

interface ReceiptRecord {
  kind: string;
  idempotency_key: string;
  payload: string;
  status: string;
  sia_task_id: string | null;
  reason: string | null;
  batch_id: string;
  received_at: string;
}

interface TaskRecord {
  org_id: string;
  task_id: string;
  sia_task_id: string | null;
  owner_id: string;
  owner_email: string;
  last_sequence: number;
  deleted: number;
  fields: string;
  origin: string;
  changed_at: string;
  deleted_at: string | null;
  updated_at: string;
}

interface UserSettingsRecord {
  org_id: string;
  user_id: string;
  user_email: string;
  last_sequence: number;
  task_sync_mode: string;
  bcc_active: number;
  bcc_address: string | null;
  sync_cutoff_at: string | null;
  changed_at: string;
  updated_at: string;
}

function toReceipt(r: ReceiptRecord): Receipt {
  return {
    kind: r.kind as ReceiptKind,
    idempotencyKey: r.idempotency_key,
    payload: r.payload,
    status: r.status as Receipt['status'],
    siaTaskId: r.sia_task_id,
    reason: r.reason,
    batchId: r.batch_id,
    receivedAt: r.received_at,
  };
}

function toTask(r: TaskRecord): TaskRow {
  return {
    orgId: r.org_id,
    taskId: r.task_id,
    siaTaskId: r.sia_task_id,
    ownerId: r.owner_id,
    ownerEmail: r.owner_email,
    lastSequence: r.last_sequence,
    deleted: r.deleted === 1,
    fields: JSON.parse(r.fields) as TaskFieldValues,
    origin: r.origin,
    changedAt: r.changed_at,
    deletedAt: r.deleted_at,
    updatedAt: r.updated_at,
  };
}

function toUserSettings(r: UserSettingsRecord): UserSettingsRow {
  return {
    orgId: r.org_id,
    userId: r.user_id,
    userEmail: r.user_email,
    lastSequence: r.last_sequence,
    taskSyncMode: r.task_sync_mode as UserSettingsRow['taskSyncMode'],
    bccActive: r.bcc_active === 1,
    bccAddress: r.bcc_address,
    syncCutoffAt: r.sync_cutoff_at,
    changedAt: r.changed_at,
    updatedAt: r.updated_at,
  };
}

/** The idempotency key `<orgId>:<recordId>:<sequence>` without its sequence (ingest stores only keys of that form). */
function recordKeyOf(idempotencyKey: string): string {
  return idempotencyKey.slice(0, idempotencyKey.lastIndexOf(':'));
}

/** Removes the database files of a data directory (`--reset`); other files are left alone. */
export function resetDataDirectory(directory: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(join(directory, `${DATABASE_FILE}${suffix}`), { force: true });
}

/**
 * What the store keeps in memory while a transaction runs: writes it can
 * gather into one statement at the end, and facts that hold until it ends.
 * Dropped when the transaction rolls back.
 */
interface TransactionState {
  /** The next `sia-task-<n>` number once one was handed out; written to `meta` once, before `COMMIT`. */
  nextSiaTaskNumber: number | undefined;
  /** SIA users ensured in this transaction (nothing deletes a SIA user). */
  ensuredSiaUsers: Set<string>;
}

/** How {@link WorkbenchStore.open} opens a store. */
export interface OpenOptions {
  /** Checkpoint the WAL from a worker thread instead of inside commits (`npm start`; see `checkpointer.ts`). */
  readonly backgroundCheckpoints?: boolean;
}

/** The SQLite store of one data directory. Synchronous: a batch runs inside {@link transaction}. */
export class WorkbenchStore {
  readonly #db: Database.Database;
  readonly #statements;
  /** `BEGIN IMMEDIATE` … `COMMIT` around a callback, built once (better-sqlite3 builds a wrapper per call of `db.transaction`). */
  readonly #immediate: (work: () => unknown) => unknown;
  /** Set while {@link transaction} runs. */
  #pending: TransactionState | undefined;
  /** SIA users known to exist in committed data; users are never deleted while the store is open. */
  readonly #knownSiaUsers = new Set<string>();
  /** Set when checkpoints run on a worker thread ({@link OpenOptions.backgroundCheckpoints}). */
  #checkpointer: Checkpointer | undefined;

  private constructor(db: Database.Database) {
    this.#db = db;
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    // A data directory made before receipts kept the item as received: same JSON, older column name.
    const receiptColumns = db.pragma('table_info(receipts)') as { name: string }[];
    if (receiptColumns.some((column) => column.name === 'canonical')) db.exec('ALTER TABLE receipts RENAME COLUMN canonical TO payload');
    db.exec(SCHEMA);
    this.#statements = {
      meta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE name = ?'),
      setMeta: db.prepare('INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value'),
      receipt: db.prepare<[string, string], ReceiptRecord>('SELECT * FROM receipts WHERE kind = ? AND idempotency_key = ?'),
      insertReceipt: db.prepare<[string, string, string, string, string | null, string | null, string, string]>(
        `INSERT INTO receipts (kind, idempotency_key, payload, status, sia_task_id, reason, batch_id, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      receipts: db.prepare<[], ReceiptRecord>('SELECT * FROM receipts ORDER BY seq'),
      // Read from the stored items, not kept as counters: nothing to keep in step on the ingest path.
      initialTaskChanges: db.prepare<[], { idempotency_key: string; owner_email: string | null; operation: string }>(
        `SELECT idempotency_key, json_extract(payload, '$.ownerEmail') AS owner_email, json_extract(payload, '$.operation') AS operation
         FROM receipts WHERE kind = 'taskChange' AND status = 'applied' AND json_extract(payload, '$.origin') = 'initial' ORDER BY seq`,
      ),
      syncModeChanges: db.prepare<[], { idempotency_key: string; user_email: string; task_sync_mode: string; changed_at: string }>(
        `SELECT idempotency_key, json_extract(payload, '$.userEmail') AS user_email,
           json_extract(payload, '$.taskSyncMode') AS task_sync_mode, json_extract(payload, '$.changedAt') AS changed_at
         FROM receipts WHERE kind = 'userSettings' AND status = 'applied' AND json_extract(payload, '$.taskSyncMode') IS NOT NULL
         ORDER BY seq`,
      ),
      task: db.prepare<[string, string], TaskRecord>('SELECT * FROM tasks WHERE org_id = ? AND task_id = ?'),
      siaTaskIdUsed: db.prepare<[string], { n: number }>('SELECT 1 AS n FROM tasks WHERE sia_task_id = ?'),
      siaNativeIdUsed: db.prepare<[string], { n: number }>('SELECT 1 AS n FROM sia_native_tasks WHERE sia_task_id = ?'),
      siaNativeTask: db.prepare<[string], SiaNativeTaskRecord>('SELECT * FROM sia_native_tasks WHERE sia_task_id = ?'),
      siaNativeTasksOf: db.prepare<[string], SiaNativeTaskRecord>(
        'SELECT * FROM sia_native_tasks WHERE owner_email = ? ORDER BY created_at, sia_task_id',
      ),
      saveSiaNativeTask: db.prepare<[string, string, string, string, number, number, string, string | null]>(
        `INSERT INTO sia_native_tasks (sia_task_id, owner_email, created_at, updated_at, deleted, sequence, fields, salesforce_task_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (sia_task_id) DO UPDATE SET updated_at = excluded.updated_at, deleted = excluded.deleted,
           sequence = excluded.sequence, fields = excluded.fields, salesforce_task_id = excluded.salesforce_task_id`,
      ),
      emailActivities: db.prepare<[], SiaEmailActivityRecord>('SELECT * FROM sia_email_activities ORDER BY seq'),
      emailActivity: db.prepare<[string], SiaEmailActivityRecord>('SELECT * FROM sia_email_activities WHERE sia_message_id = ?'),
      saveEmailActivity: db.prepare(
        `INSERT INTO sia_email_activities (sia_message_id, sender_email, activity, state, category, detail, task_ids, attempts, updated_at)
         VALUES (@siaMessageId, @senderEmail, @activity, @state, @category, @detail, @taskIds, @attempts, @updatedAt)
         ON CONFLICT (sia_message_id) DO UPDATE SET state = excluded.state, category = excluded.category, detail = excluded.detail,
           task_ids = excluded.task_ids, attempts = excluded.attempts, updated_at = excluded.updated_at`,
      ),
      siaDelivery: db.prepare<[string], SiaDeliveryRecord>('SELECT * FROM sia_deliveries WHERE event_id = ?'),
      siaDeliveriesOf: db.prepare<[string], SiaDeliveryRecord>('SELECT * FROM sia_deliveries WHERE sia_task_id = ? ORDER BY sequence'),
      saveSiaDelivery: db.prepare(
        `INSERT INTO sia_deliveries (event_id, sia_task_id, sequence, operation, state, category, detail, salesforce_task_id, attempts, updated_at)
         VALUES (@eventId, @siaTaskId, @sequence, @operation, @state, @category, @detail, @salesforceTaskId, @attempts, @updatedAt)
         ON CONFLICT (event_id) DO UPDATE SET state = excluded.state, category = excluded.category, detail = excluded.detail,
           salesforce_task_id = excluded.salesforce_task_id, attempts = excluded.attempts, updated_at = excluded.updated_at`,
      ),
      saveTask: db.prepare<[string, string, string | null, string, string, number, number, string, string, string, string | null, string]>(
        `INSERT INTO tasks (org_id, task_id, sia_task_id, owner_id, owner_email, last_sequence, deleted, fields, origin, changed_at, deleted_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (org_id, task_id) DO UPDATE SET sia_task_id = excluded.sia_task_id, owner_id = excluded.owner_id,
           owner_email = excluded.owner_email, last_sequence = excluded.last_sequence, deleted = excluded.deleted,
           fields = excluded.fields, origin = excluded.origin, changed_at = excluded.changed_at,
           deleted_at = excluded.deleted_at, updated_at = excluded.updated_at`,
      ),
      // The members an update may change without touching an index: SQLite
      // rewrites the index entries of every column a SET names, changed or not.
      updateTask: db.prepare<[string, number, number, string, string, string, string | null, string, string, string]>(
        `UPDATE tasks SET owner_id = ?, last_sequence = ?, deleted = ?, fields = ?, origin = ?, changed_at = ?, deleted_at = ?, updated_at = ?
         WHERE org_id = ? AND task_id = ?`,
      ),
      tasks: db.prepare<[], TaskRecord>('SELECT * FROM tasks ORDER BY org_id, task_id'),
      tasksOf: db.prepare<[string], TaskRecord>('SELECT * FROM tasks WHERE owner_email = ? ORDER BY org_id, task_id'),
      userSettings: db.prepare<[string, string], UserSettingsRecord>('SELECT * FROM user_settings WHERE org_id = ? AND user_id = ?'),
      userSettingsByEmail: db.prepare<[string], UserSettingsRecord>(
        'SELECT * FROM user_settings WHERE lower(user_email) = ? ORDER BY org_id, user_id',
      ),
      saveUserSettings: db.prepare(
        `INSERT INTO user_settings (org_id, user_id, user_email, last_sequence, task_sync_mode, bcc_active, bcc_address, sync_cutoff_at, changed_at, updated_at)
         VALUES (@orgId, @userId, @userEmail, @lastSequence, @taskSyncMode, @bccActive, @bccAddress, @syncCutoffAt, @changedAt, @updatedAt)
         ON CONFLICT (org_id, user_id) DO UPDATE SET user_email = excluded.user_email, last_sequence = excluded.last_sequence,
           task_sync_mode = excluded.task_sync_mode, bcc_active = excluded.bcc_active, bcc_address = excluded.bcc_address,
           sync_cutoff_at = excluded.sync_cutoff_at, changed_at = excluded.changed_at, updated_at = excluded.updated_at`,
      ),
      allUserSettings: db.prepare<[], UserSettingsRecord>('SELECT * FROM user_settings ORDER BY org_id, user_id'),
      siaUser: db.prepare<[string], { email: string; time_zone: string }>('SELECT * FROM sia_users WHERE email = ?'),
      siaUsers: db.prepare<[], { email: string; time_zone: string }>('SELECT * FROM sia_users ORDER BY email'),
      ensureSiaUser: db.prepare('INSERT INTO sia_users (email, time_zone) VALUES (?, ?) ON CONFLICT (email) DO NOTHING'),
      setTimeZone: db.prepare(
        'INSERT INTO sia_users (email, time_zone) VALUES (?, ?) ON CONFLICT (email) DO UPDATE SET time_zone = excluded.time_zone',
      ),
    };
    this.#immediate = db.transaction((work: () => unknown) => {
      const result = work();
      const next = this.#pending?.nextSiaTaskNumber;
      if (next !== undefined) this.setMeta('nextSiaTaskNumber', String(next));
      return result;
    }).immediate;
  }

  /** Opens (creating when needed) the database in `directory`. */
  static open(directory: string, options: OpenOptions = {}): WorkbenchStore {
    if (!existsSync(directory)) mkdirSync(directory, { recursive: true });
    const file = join(directory, DATABASE_FILE);
    const store = new WorkbenchStore(new Database(file));
    if (options.backgroundCheckpoints === true) {
      store.#db.pragma('wal_autocheckpoint = 0');
      store.#checkpointer = startCheckpointer(file, (reason) => {
        // Never an unbounded WAL: back to SQLite's own checkpoints.
        if (store.#db.open) store.#db.pragma('wal_autocheckpoint = 1000');
        console.error(`workbench: background checkpoints stopped (${reason}); SQLite checkpoints on commit again`);
      });
    }
    return store;
  }

  /**
   * Runs `work` in one transaction (`BEGIN IMMEDIATE`): all of it commits, or
   * none of it. A transaction inside another is a savepoint of the outer one.
   */
  transaction<T>(work: () => T): T {
    const outer = this.#pending;
    if (outer !== undefined) {
      const saved = { next: outer.nextSiaTaskNumber, users: new Set(outer.ensuredSiaUsers) };
      try {
        return this.#db.transaction(work)();
      } catch (error: unknown) {
        outer.nextSiaTaskNumber = saved.next;
        outer.ensuredSiaUsers = saved.users;
        throw error;
      }
    }
    const pending: TransactionState = { nextSiaTaskNumber: undefined, ensuredSiaUsers: new Set() };
    this.#pending = pending;
    try {
      const result = this.#immediate(work) as T;
      for (const email of pending.ensuredSiaUsers) this.#knownSiaUsers.add(email);
      return result;
    } finally {
      this.#pending = undefined;
    }
  }

  /** A value of the `meta` table, or undefined. */
  meta(name: string): string | undefined {
    return this.#statements.meta.get(name)?.value;
  }

  /** Sets a value of the `meta` table. */
  setMeta(name: string, value: string): void {
    this.#statements.setMeta.run(name, value);
  }

  /** The receipt of a key, or undefined when the key was never processed. */
  findReceipt(kind: ReceiptKind, idempotencyKey: string): Receipt | undefined {
    const record = this.#statements.receipt.get(kind, idempotencyKey);
    return record === undefined ? undefined : toReceipt(record);
  }

  /** Stores the first answer for a key. */
  insertReceipt(receipt: Receipt): void {
    const r = receipt;
    this.#statements.insertReceipt.run(r.kind, r.idempotencyKey, r.payload, r.status, r.siaTaskId, r.reason, r.batchId, r.receivedAt);
  }

  /** Every receipt, in the order the changes were processed. */
  listReceipts(): Receipt[] {
    return this.#statements.receipts.all().map(toReceipt);
  }

  /** Every applied Task change that came with `origin: initial`, in processing order. */
  initialTaskChanges(): InitialTaskChange[] {
    return this.#statements.initialTaskChanges.all().map((r) => {
      const recordKey = recordKeyOf(r.idempotency_key);
      // A data directory from before receipts kept the item as received holds its canonical form,
      // which has no ownerEmail: the task's (current) owner stands in for it.
      const [orgId = '', taskId = ''] = recordKey.split(':');
      const ownerEmail = r.owner_email ?? this.findTask(orgId, taskId)?.ownerEmail ?? '';
      return { recordKey, ownerEmail, operation: r.operation as InitialTaskChange['operation'] };
    });
  }

  /**
   * Every applied user-settings change that set `taskSyncMode`, in processing
   * order, which is each record's sequence order: a change is applied only
   * above its record's last applied sequence.
   */
  syncModeChanges(): SyncModeChange[] {
    return this.#statements.syncModeChanges.all().map((r) => ({
      recordKey: recordKeyOf(r.idempotency_key),
      userEmail: r.user_email,
      taskSyncMode: r.task_sync_mode as SyncModeChange['taskSyncMode'],
      changedAt: r.changed_at,
    }));
  }

  /** One task, tombstones included. */
  findTask(orgId: string, taskId: string): TaskRow | undefined {
    const record = this.#statements.task.get(orgId, taskId);
    return record === undefined ? undefined : toTask(record);
  }

  /** Whether any task holds this SIA task id. */
  siaTaskIdInUse(siaTaskId: string): boolean {
    return this.#statements.siaTaskIdUsed.get(siaTaskId) !== undefined;
  }

  /**
   * A fresh SIA task id (`sia-task-<n>`), never one held by a task. Inside a
   * {@link transaction} the counter is read once and written once, before the commit.
   */
  nextSiaTaskId(): string {
    const pending = this.#pending;
    let next = pending?.nextSiaTaskNumber ?? Number(this.meta('nextSiaTaskNumber') ?? '1');
    // One counter for both kinds of task: an id SIA hands out is never held twice.
    while (this.siaTaskIdInUse(`sia-task-${next}`) || this.#statements.siaNativeIdUsed.get(`sia-task-${next}`) !== undefined) next++;
    if (pending === undefined) this.setMeta('nextSiaTaskNumber', String(next + 1));
    else pending.nextSiaTaskNumber = next + 1;
    return `sia-task-${next}`;
  }

  /**
   * Inserts or replaces a task.
   *
   * @param previous the stored row `task` replaces, when the caller has read it:
   *   if its SIA task id and owner email stay, only the other columns are
   *   written, which leaves the indexes on those two alone.
   */
  saveTask(task: TaskRow, previous?: TaskRow): void {
    const t = task;
    if (
      previous !== undefined &&
      previous.orgId === t.orgId &&
      previous.taskId === t.taskId &&
      previous.siaTaskId === t.siaTaskId &&
      previous.ownerEmail === t.ownerEmail
    ) {
      const fields = JSON.stringify(t.fields);
      const { changes } = this.#statements.updateTask.run(
        t.ownerId,
        t.lastSequence,
        t.deleted ? 1 : 0,
        fields,
        t.origin,
        t.changedAt,
        t.deletedAt,
        t.updatedAt,
        t.orgId,
        t.taskId,
      );
      if (changes === 1) return;
    }
    this.#statements.saveTask.run(
      t.orgId,
      t.taskId,
      t.siaTaskId,
      t.ownerId,
      t.ownerEmail,
      t.lastSequence,
      t.deleted ? 1 : 0,
      JSON.stringify(t.fields),
      t.origin,
      t.changedAt,
      t.deletedAt,
      t.updatedAt,
    );
  }

  /** Every task, tombstones included, by org and task id. */
  listTasks(): TaskRow[] {
    return this.#statements.tasks.all().map(toTask);
  }

  /** The tasks whose owner has this (lower-case) email, tombstones included. */
  tasksOwnedBy(email: string): TaskRow[] {
    return this.#statements.tasksOf.all(email).map(toTask);
  }

  /** One task created in SIA, tombstones included. */
  findSiaNativeTask(siaTaskId: string): SiaNativeTask | undefined {
    const record = this.#statements.siaNativeTask.get(siaTaskId);
    return record === undefined ? undefined : toSiaNativeTask(record);
  }

  /** The tasks a (lower-case) email created in SIA, oldest first, tombstones included. */
  siaNativeTasksOf(email: string): SiaNativeTask[] {
    return this.#statements.siaNativeTasksOf.all(email).map(toSiaNativeTask);
  }

  /** Inserts or updates a task created in SIA (its owner and creation time never change). */
  saveSiaNativeTask(task: SiaNativeTask): void {
    const t = task;
    this.#statements.saveSiaNativeTask.run(
      t.siaTaskId,
      t.ownerEmail,
      t.createdAt,
      t.updatedAt,
      t.deleted ? 1 : 0,
      t.sequence,
      JSON.stringify(t.fields),
      t.salesforceTaskId,
    );
  }

  /** Every email and call logged in SIA, oldest first. */
  listEmailActivities(): SiaEmailActivityRow[] {
    return this.#statements.emailActivities.all().map(toSiaEmailActivity);
  }

  findEmailActivity(siaMessageId: string): SiaEmailActivityRow | undefined {
    const record = this.#statements.emailActivity.get(siaMessageId);
    return record === undefined ? undefined : toSiaEmailActivity(record);
  }

  /** Inserts a logged activity, or records what became of it (the activity itself never changes). */
  saveEmailActivity(row: SiaEmailActivityRow): void {
    this.#statements.saveEmailActivity.run({ ...row, activity: JSON.stringify(row.activity), taskIds: JSON.stringify(row.taskIds) });
  }

  /** The delivery record of one SIA-originated change, or undefined before it was first sent. */
  findSiaDelivery(eventId: string): SiaDeliveryRow | undefined {
    const record = this.#statements.siaDelivery.get(eventId);
    return record === undefined ? undefined : toSiaDelivery(record);
  }

  /** Every delivery record of a SIA task, by sequence. */
  siaDeliveriesOf(siaTaskId: string): SiaDeliveryRow[] {
    return this.#statements.siaDeliveriesOf.all(siaTaskId).map(toSiaDelivery);
  }

  /** Records what became of a SIA-originated change. */
  saveSiaDelivery(row: SiaDeliveryRow): void {
    this.#statements.saveSiaDelivery.run(row);
  }

  /** One user's settings, or undefined. */
  findUserSettings(orgId: string, userId: string): UserSettingsRow | undefined {
    const record = this.#statements.userSettings.get(orgId, userId);
    return record === undefined ? undefined : toUserSettings(record);
  }

  /** The settings rows of a (lower-case) email, one per org and user id. */
  userSettingsOf(email: string): UserSettingsRow[] {
    return this.#statements.userSettingsByEmail.all(email).map(toUserSettings);
  }

  /** Every user's settings. */
  listUserSettings(): UserSettingsRow[] {
    return this.#statements.allUserSettings.all().map(toUserSettings);
  }

  /** Inserts or replaces one user's settings. */
  saveUserSettings(row: UserSettingsRow): void {
    this.#statements.saveUserSettings.run({ ...row, bccActive: row.bccActive ? 1 : 0 });
  }

  /** One SIA user, or undefined. */
  findSiaUser(email: string): SiaUserRow | undefined {
    const record = this.#statements.siaUser.get(email);
    return record === undefined ? undefined : { email: record.email, timeZone: record.time_zone };
  }

  /** Every SIA user, by email. */
  listSiaUsers(): SiaUserRow[] {
    return this.#statements.siaUsers.all().map((r) => ({ email: r.email, timeZone: r.time_zone }));
  }

  /**
   * Whether the SIA user exists (created through the workbench API, or by an
   * earlier change outside strict-users mode). Remembered like
   * {@link ensureSiaUser}: SIA users are never deleted.
   */
  siaUserExists(email: string): boolean {
    if (this.#knownSiaUsers.has(email) || this.#pending?.ensuredSiaUsers.has(email)) return true;
    if (this.#statements.siaUser.get(email) === undefined) return false;
    const pending = this.#pending;
    if (pending === undefined) this.#knownSiaUsers.add(email);
    else pending.ensuredSiaUsers.add(email);
    return true;
  }

  /**
   * Creates the SIA user with `timeZone` unless it exists. A user this store
   * already created or found (in a committed transaction, or earlier in the
   * running one) is not looked up again: SIA users are never deleted.
   */
  ensureSiaUser(email: string, timeZone: string): void {
    if (this.#knownSiaUsers.has(email)) return;
    const pending = this.#pending;
    if (pending?.ensuredSiaUsers.has(email)) return;
    this.#statements.ensureSiaUser.run(email, timeZone);
    if (pending === undefined) this.#knownSiaUsers.add(email);
    else pending.ensuredSiaUsers.add(email);
  }

  /** Creates or updates the SIA user's time zone. */
  setTimeZone(email: string, timeZone: string): void {
    this.#statements.setTimeZone.run(email, timeZone);
  }

  /**
   * Closes the database. With background checkpoints, the worker is stopped
   * first and the returned promise settles once its connection is closed too
   * (SQLite checkpoints the WAL when the last connection closes).
   */
  close(): Promise<void> {
    const stopped = this.#checkpointer?.stop() ?? Promise.resolve();
    this.#checkpointer = undefined;
    if (this.#db.open) this.#db.close();
    return stopped;
  }
}
