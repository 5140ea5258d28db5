/**
 * The benchmark's workload: Task-change batches of 200 items with 10 %
 * duplicates and 5 % stale changes, generated deterministically from a seed so
 * that the load client and the SQLite baseline, each in its own process, work
 * through the very same changes.
 *
 * The load is split into **lanes**: one lane per client connection, each with
 * its own tasks, sent one batch after the other. A duplicate or stale change
 * only ever refers to an earlier batch of its lane, so its answer does not
 * depend on how the lanes interleave:
 *
 * - a fresh change is an upsert of a new task (sequence 2) or of a lane task
 *   whose sequence goes up by 2;
 * - a **duplicate** repeats an earlier change of the lane byte for byte (same
 *   key, same payload);
 * - a **stale** change has a key never sent before and an odd sequence just
 *   below the task's applied one.
 */

/** The org of every benchmark batch (the workbench's default org). */
export const BENCH_ORG_ID = '00D5g000004ABCDEA4';
/** Items per batch: the contract's most. */
export const BATCH_SIZE = 200;
/** Duplicates per batch (10 %). */
export const DUPLICATES_PER_BATCH = 20;
/** Stale changes per batch (5 %). */
export const STALE_PER_BATCH = 10;

/** What the benchmark sends and how much of it is measured. */
export interface WorkloadShape {
  /** Lanes: one client connection each, with tasks of its own. */
  readonly lanes: number;
  /** Batches each lane sends before measuring (JIT, caches, schema compilation). */
  readonly warmupBatches: number;
  /** Measured batches per lane. */
  readonly measuredBatches: number;
  readonly seed: number;
}

/** A valid `TaskChange` of the contract, as the benchmark builds it. */
export interface BenchChange {
  readonly idempotencyKey: string;
  readonly sequence: number;
  readonly operation: 'upsert';
  readonly taskId: string;
  readonly siaTaskId: null;
  readonly ownerId: string;
  readonly ownerEmail: string;
  readonly origin: 'live';
  readonly changedAt: string;
  readonly fields: {
    readonly subject: string;
    readonly status: 'Not Started' | 'Completed';
    readonly priority: 'Normal' | 'High';
    readonly activityDate: string | null;
    readonly description: string | null;
  };
}

/** The results a batch must get: how many of each status. */
export interface ExpectedCounts {
  readonly applied: number;
  readonly duplicate: number;
  readonly stale: number;
}

/** One batch: the serialised `TaskChangeEnvelope` and what its answer must count. */
export interface BenchBatch {
  readonly lane: number;
  /** Position in its lane, warm-up included. */
  readonly index: number;
  readonly measured: boolean;
  readonly body: string;
  readonly expected: ExpectedCounts;
}

/** mulberry32: a small deterministic generator of floats in [0, 1). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function salesforceId(prefix: string, n: number): string {
  return `${prefix}5g00000${String(n).padStart(8, '0')}`;
}

/** Shuffles in place with the generator. */
function shuffle<T>(items: T[], next: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** The batches of one lane, in the order the lane sends them. */
function laneBatches(shape: WorkloadShape, lane: number): BenchBatch[] {
  const next = random(shape.seed * 1000 + lane + 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  /** Applied sequence per task number of this lane. */
  const applied = new Map<number, number>();
  const taskNumbers: number[] = [];
  const sent: BenchChange[] = [];
  const usedKeys = new Set<string>();
  let minute = 0;

  const change = (task: number, sequence: number): BenchChange => {
    const taskId = salesforceId('00T', lane * 1_000_000 + task);
    const owner = task % 40;
    minute++;
    const changedAt = new Date(Date.UTC(2026, 10, 29, 8, 0, 0) + minute * 1000).toISOString().replace('.000Z', 'Z');
    return {
      idempotencyKey: `${BENCH_ORG_ID}:${taskId}:${sequence}`,
      sequence,
      operation: 'upsert',
      taskId,
      siaTaskId: null,
      ownerId: salesforceId('005', lane * 100 + owner),
      ownerEmail: `rep${lane}-${owner}@example.com`,
      origin: 'live',
      changedAt,
      fields: {
        subject: `Follow up with account ${task} (v${sequence})`,
        status: next() < 0.2 ? 'Completed' : 'Not Started',
        priority: next() < 0.3 ? 'High' : 'Normal',
        activityDate: next() < 0.8 ? `2026-12-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}` : null,
        description: next() < 0.5 ? `Call notes for task ${task}: discussed renewal, next steps and pricing.` : null,
      },
    };
  };

  const batches: BenchBatch[] = [];
  const total = shape.warmupBatches + shape.measuredBatches;
  for (let index = 0; index < total; index++) {
    // The first batch of a lane has nothing to repeat: all of it is fresh.
    const duplicates = index === 0 ? 0 : DUPLICATES_PER_BATCH;
    const stale = index === 0 ? 0 : STALE_PER_BATCH;
    const items: BenchChange[] = [];
    for (let i = 0; i < duplicates; i++) items.push(pick(sent));
    for (let i = 0; i < stale; i++) {
      let candidate: BenchChange | undefined;
      while (candidate === undefined) {
        const task = pick(taskNumbers);
        const sequence = (applied.get(task) ?? 2) - 1;
        const key = `${BENCH_ORG_ID}:${salesforceId('00T', lane * 1_000_000 + task)}:${sequence}`;
        if (sequence >= 1 && !usedKeys.has(key)) candidate = change(task, sequence);
      }
      usedKeys.add(candidate.idempotencyKey);
      items.push(candidate);
    }
    // Fresh changes are decided after the stale ones, so that a stale change is
    // judged against earlier batches only, and touch a task at most once per
    // batch, so that the order inside the batch does not change any answer.
    const fresh: BenchChange[] = [];
    const touched = new Set<number>();
    while (items.length + fresh.length < BATCH_SIZE) {
      let task: number;
      if (taskNumbers.length < BATCH_SIZE || next() < 0.4) {
        task = taskNumbers.length;
        taskNumbers.push(task);
      } else {
        task = pick(taskNumbers);
        if (touched.has(task)) continue;
      }
      touched.add(task);
      const sequence = (applied.get(task) ?? 0) + 2;
      applied.set(task, sequence);
      const item = change(task, sequence);
      usedKeys.add(item.idempotencyKey);
      fresh.push(item);
    }
    sent.push(...fresh, ...items.slice(duplicates));
    batches.push({
      lane,
      index,
      measured: index >= shape.warmupBatches,
      body: JSON.stringify({ orgId: BENCH_ORG_ID, batchId: `bench-${lane}-${index}`, changes: shuffle([...items, ...fresh], next) }),
      expected: { applied: fresh.length, duplicate: duplicates, stale },
    });
  }
  return batches;
}

/** Every lane's batches: `result[lane][index]`. */
export function generateWorkload(shape: WorkloadShape): BenchBatch[][] {
  return Array.from({ length: shape.lanes }, (_, lane) => laneBatches(shape, lane));
}

/** Reads a workload shape from a JSON command-line argument (the runner passes one to each child). */
export function parseShape(json: string | undefined): WorkloadShape {
  if (json === undefined) throw new Error('missing the workload shape (JSON) argument');
  const shape = JSON.parse(json) as WorkloadShape;
  for (const key of ['lanes', 'warmupBatches', 'measuredBatches', 'seed'] as const) {
    if (!Number.isInteger(shape[key]) || shape[key] < 0) throw new Error(`workload shape: ${key} must be a non-negative integer`);
  }
  return shape;
}
