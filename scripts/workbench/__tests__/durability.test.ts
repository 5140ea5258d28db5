/**
 * Durability of `npm start`'s process: batches sent concurrently, the process
 * SIGKILLed mid-run and restarted on the same data directory. Every
 * acknowledged change is there; every batch is there whole or not at all.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Receipt, TaskRow } from '../store.ts';
import { killAllChildren, killChild, startChild } from './child-process.ts';
import { call, removeDirectory, taskBatch, taskChange, tempDirectory } from './support.ts';

const BATCHES = 40;
const PER_BATCH = 25;
const KILL_AFTER_ACKS = 10;

const dataDirectory = tempDirectory('durability');
after(async () => {
  await killAllChildren();
  removeDirectory(dataDirectory);
});

/** Batch `b`: tasks b*PER_BATCH … (b+1)*PER_BATCH−1, each its first change. */
function batch(b: number) {
  return taskBatch(
    Array.from({ length: PER_BATCH }, (_, i) =>
      taskChange(b * PER_BATCH + i, 1, { fields: { subject: `batch ${b} item ${i}`, priority: 'High' } }),
    ),
    `durability-${b}`,
  );
}

test('after SIGKILL mid-run and a restart, every acknowledged change is stored and no batch is half-applied', async () => {
  const first = await startChild(dataDirectory, ['--no-auth']);
  assert.match(first.banner, /AUTH OFF/);
  const acknowledged = new Set<number>();
  let killed: Promise<void> | undefined;
  let next = 0;

  async function sender(): Promise<void> {
    while (next < BATCHES && killed === undefined) {
      const b = next++;
      try {
        const answer = await call(first.url, 'POST', '/v1/salesforce/task-changes', { body: batch(b) });
        if (answer.status === 200 && killed === undefined) acknowledged.add(b);
      } catch {
        return; // the process is gone
      }
      if (acknowledged.size >= KILL_AFTER_ACKS && killed === undefined) killed = killChild(first.child);
    }
  }
  await Promise.all([sender(), sender(), sender()]);
  await killed;
  assert.equal(first.child.signalCode, 'SIGKILL', 'the workbench was killed, not finished');
  assert.ok(acknowledged.size >= KILL_AFTER_ACKS, `acknowledged ${acknowledged.size}`);
  assert.ok(next < BATCHES, `killed mid-run: ${next} of ${BATCHES} batches started`);

  const second = await startChild(dataDirectory, ['--no-auth']);
  const receipts = (await call(second.url, 'GET', '/_workbench/receipts')).body as { receipts: Receipt[] };
  const tasks = (await call(second.url, 'GET', '/_workbench/tasks')).body as { tasks: TaskRow[] };
  const byBatch = new Map<string, number>();
  for (const receipt of receipts.receipts) byBatch.set(receipt.batchId, (byBatch.get(receipt.batchId) ?? 0) + 1);

  for (const b of acknowledged) assert.equal(byBatch.get(`durability-${b}`), PER_BATCH, `acknowledged batch ${b} is stored whole`);
  for (const [batchId, stored] of byBatch) assert.equal(stored, PER_BATCH, `${batchId} is whole or absent`);
  assert.equal(tasks.tasks.length, receipts.receipts.length, 'one task per stored change, none without its receipt');
  for (const task of tasks.tasks) assert.match(String(task.fields.subject), /^batch \d+ item \d+$/);
  assert.ok(receipts.receipts.every((r) => r.status === 'applied'));

  // The restarted process goes on: a retry of an acknowledged batch is all duplicates.
  const [ackedBatch] = [...acknowledged];
  const retry = await call(second.url, 'POST', '/v1/salesforce/task-changes', { body: batch(ackedBatch ?? 0) });
  assert.deepEqual(new Set((retry.body as { results: { status: string }[] }).results.map((r) => r.status)), new Set(['duplicate']));
  await killChild(second.child, 'SIGTERM');
  assert.equal(second.child.exitCode, 0, 'SIGTERM stops it cleanly');
});
