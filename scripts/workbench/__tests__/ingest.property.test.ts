/**
 * Property: random batches with duplicates, reorderings and retries of the same
 * keys. Each task's stored state equals the fold of the changes a receiver
 * applies (each change whose sequence is above every earlier-arrived one); every
 * key is answered once as applied or stale and never applied twice.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { loadContract } from '../contract.ts';
import { ingestBatch } from '../ingest.ts';
import { WorkbenchStore } from '../store.ts';
import { foldTaskChanges, type TaskChangeItem } from '../task-fold.ts';
import { removeDirectory, taskBatch, taskChange, taskId, tempDirectory } from './support.ts';

const fieldsArb = fc.record(
  {
    subject: fc.option(fc.string({ maxLength: 12 }), { nil: null }),
    status: fc.constantFrom('Not Started', 'Completed'),
    priority: fc.constantFrom('Normal', 'High'),
    activityDate: fc.option(fc.constantFrom('2026-11-29', '2026-11-30'), { nil: null }),
    isClosed: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** Per task 1–5 changes, each an upsert, a delete or an undelete with random members. */
const historyArb = fc.array(
  fc.array(fc.record({ operation: fc.constantFrom('upsert', 'upsert', 'delete', 'undelete'), fields: fieldsArb }), {
    minLength: 1,
    maxLength: 5,
  }),
  { minLength: 1, maxLength: 4 },
);

test('stored state is the fold of the applied changes; no change lost, none applied twice', () => {
  const { validator } = loadContract();
  fc.assert(
    fc.property(
      historyArb,
      fc.array(fc.nat(), { maxLength: 8 }),
      fc.integer({ min: 1, max: 6 }),
      fc.infiniteStream(fc.nat()),
      (history, retries, batchSize, order) => {
        const changes = history.flatMap((steps, t) =>
          steps.map((step, s) =>
            taskChange(t, s + 1, {
              operation: step.operation as 'upsert' | 'delete' | 'undelete',
              fields: step.fields,
            }),
          ),
        );
        // Every change once, some again (retries), in a random order.
        const arrivals = [...changes, ...retries.map((r) => changes[r % changes.length] as (typeof changes)[number])];
        const keys = order.take(arrivals.length);
        const shuffled = arrivals
          .map((change, i) => ({ change, key: keys.next().value as number, i }))
          .sort((a, b) => a.key - b.key || a.i - b.i);

        const directory = tempDirectory('property');
        const store = WorkbenchStore.open(directory);
        try {
          for (let at = 0; at < shuffled.length; at += batchSize) {
            const batch = shuffled.slice(at, at + batchSize).map((entry) => entry.change);
            const answer = ingestBatch(store, validator, 'taskChange', JSON.stringify(taskBatch(batch)), '2026-11-29T12:00:00Z');
            assert.equal(answer.httpStatus, 200);
          }
          // The model: a change is applied when it arrives first with a sequence above every earlier arrival of its task.
          const highest = new Map<string, number>();
          const applied = new Set<string>();
          const seen = new Set<string>();
          for (const { change } of shuffled) {
            if (seen.has(change.idempotencyKey)) continue;
            seen.add(change.idempotencyKey);
            const sequence = Number(change['sequence']);
            if (sequence > (highest.get(change.taskId) ?? 0)) {
              applied.add(change.idempotencyKey);
              highest.set(change.taskId, sequence);
            }
          }
          const receipts = store.listReceipts();
          assert.deepEqual(receipts.map((r) => r.idempotencyKey).sort(), [...seen].sort(), 'each key answered and remembered once');
          assert.deepEqual(
            receipts
              .filter((r) => r.status === 'applied')
              .map((r) => r.idempotencyKey)
              .sort(),
            [...applied].sort(),
          );
          for (const [t] of history.entries()) {
            const expected = foldTaskChanges(
              changes.filter((c) => c.taskId === taskId(t) && applied.has(c.idempotencyKey)) as unknown as TaskChangeItem[],
            );
            const stored = store.findTask('00D5g000004ABCDEA4', taskId(t));
            assert.deepEqual(stored?.deleted ? null : stored?.fields, expected, `task ${t}`);
          }
        } finally {
          store.close();
          removeDirectory(directory);
        }
      },
    ),
    { numRuns: 60, seed: 20261129 },
  );
});
