/**
 * Baseline (b): a bare SQLite write of the benchmark's changes, in a process of
 * its own: `tsx sqlite-baseline.ts '<json shape>' <data directory>`. Same
 * library (better-sqlite3), same durability as the emulator (WAL,
 * `synchronous=NORMAL`, one `BEGIN IMMEDIATE` transaction per batch), and per
 * change exactly a task upsert and a receipt insert:
 *
 * - the task upsert only takes a higher sequence (`ON CONFLICT … WHERE`), so a
 *   stale change or a duplicate leaves the task alone;
 * - the receipt insert does nothing for a key already stored (a duplicate).
 *
 * No validation, no canonical payload, no id allocation: the storage floor. The
 * bodies are parsed before the clock starts (baseline (a) measures parsing);
 * a batch's latency is its transaction. Prints one {@link RunResult} line.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { startCheckpointer, type Checkpointer } from '../checkpointer.ts';
import { measuredResult, printResult } from './measure.ts';
import { BATCH_SIZE, generateWorkload, parseShape, type BenchBatch, type BenchChange } from './workload.ts';

const SCHEMA = `
CREATE TABLE receipts (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  canonical TEXT NOT NULL,
  status TEXT NOT NULL,
  batch_id TEXT NOT NULL,
  received_at TEXT NOT NULL,
  UNIQUE (kind, idempotency_key)
) STRICT;
CREATE TABLE tasks (
  org_id TEXT NOT NULL,
  task_id TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  owner_email TEXT NOT NULL,
  last_sequence INTEGER NOT NULL,
  fields TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (org_id, task_id)
) STRICT;
`;

async function main(): Promise<void> {
  const shape = parseShape(process.argv[2]);
  const directory = process.argv[3];
  // `background`: the emulator's checkpoint placement (checkpointer.ts), for a like-for-like row (b′).
  const background = process.argv[4] === 'background';
  if (directory === undefined) throw new Error("usage: sqlite-baseline.ts '<json shape>' <data directory> [background]");
  mkdirSync(directory, { recursive: true });
  const file = join(directory, 'baseline.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  let checkpointer: Checkpointer | undefined;
  if (background) {
    db.pragma('wal_autocheckpoint = 0');
    checkpointer = startCheckpointer(file, (reason) => {
      throw new Error(`checkpointer failed: ${reason}`);
    });
  }
  db.exec(SCHEMA);
  const upsertTask = db.prepare(
    `INSERT INTO tasks (org_id, task_id, owner_id, owner_email, last_sequence, fields, changed_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (org_id, task_id) DO UPDATE SET owner_id = excluded.owner_id, owner_email = excluded.owner_email,
       last_sequence = excluded.last_sequence, fields = excluded.fields, changed_at = excluded.changed_at, updated_at = excluded.updated_at
     WHERE excluded.last_sequence > tasks.last_sequence`,
  );
  const insertReceipt = db.prepare(
    `INSERT INTO receipts (kind, idempotency_key, canonical, status, batch_id, received_at) VALUES ('taskChange', ?, ?, ?, ?, ?)
     ON CONFLICT (kind, idempotency_key) DO NOTHING`,
  );
  const statuses: Record<string, number> = {};
  // Counts only in the measured phase.
  let counting = false;
  const count = (status: string): void => {
    if (counting) statuses[status] = (statuses[status] ?? 0) + 1;
  };
  const write = db.transaction((orgId: string, batchId: string, changes: readonly BenchChange[]) => {
    const now = new Date().toISOString();
    for (const change of changes) {
      const applied =
        upsertTask.run(
          orgId,
          change.taskId,
          change.ownerId,
          change.ownerEmail,
          change.sequence,
          JSON.stringify(change.fields),
          change.changedAt,
          now,
        ).changes === 1;
      const status = applied ? 'applied' : 'stale';
      const stored = insertReceipt.run(change.idempotencyKey, JSON.stringify(change), status, batchId, now).changes === 1;
      count(stored ? status : 'duplicate');
    }
  });

  const lanes = generateWorkload(shape);
  type Parsed = { readonly batch: BenchBatch; readonly envelope: { orgId: string; batchId: string; changes: BenchChange[] } };
  const parse = (batch: BenchBatch): Parsed => ({ batch, envelope: JSON.parse(batch.body) as Parsed['envelope'] });
  const warmup = lanes.flatMap((batches) => batches.filter((b) => !b.measured)).map(parse);
  // The measured batches round-robin over the lanes, as concurrent lanes would reach the database.
  const measured: Parsed[] = [];
  for (let i = 0; i < shape.measuredBatches; i++) {
    for (const batches of lanes) {
      const batch = batches[shape.warmupBatches + i];
      if (batch !== undefined) measured.push(parse(batch));
    }
  }

  for (const { envelope } of warmup) write.immediate(envelope.orgId, envelope.batchId, envelope.changes);
  counting = true;
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (const { batch, envelope } of measured) {
    const before = performance.now();
    const counted = { ...statuses };
    write.immediate(envelope.orgId, envelope.batchId, envelope.changes);
    latencies.push(performance.now() - before);
    for (const [status, expected] of Object.entries(batch.expected)) {
      const got = (statuses[status] ?? 0) - (counted[status] ?? 0);
      if (got !== expected) throw new Error(`batch ${batch.lane}/${batch.index}: ${got} ${status}, expected ${expected}`);
    }
  }
  const elapsedMs = performance.now() - started;
  const result = measuredResult(latencies, BATCH_SIZE, elapsedMs, cpuBefore, statuses);
  await checkpointer?.stop();
  db.close();
  printResult(result);
}

void main();
