/**
 * WAL checkpoints off the request thread. SQLite's automatic checkpoint runs
 * inside the `COMMIT` that crosses 1,000 WAL pages, copying pages back into the
 * database file and syncing it on the one thread that also answers requests
 * (docs/benchmarks.md: about half of the storage cost). Here a worker thread
 * with its own connection runs `PRAGMA wal_checkpoint(PASSIVE)` every few
 * milliseconds instead, and the store's connection turns the automatic one off.
 *
 * Durability is unchanged: a transaction is committed when its frames are in
 * the WAL (`synchronous=NORMAL`), before the 200 is written, whoever copies
 * them back later; a killed process leaves a WAL that the next open replays.
 * A PASSIVE checkpoint never blocks a writer. Should the worker fail, the
 * store turns the automatic checkpoint back on, so the WAL never grows unbounded.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the worker checkpoints, in milliseconds. */
export const CHECKPOINT_INTERVAL_MS = 20;

// Plain CommonJS, evaluated by the worker: it needs no TypeScript loader.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
let timer;
const tick = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
  timer = setTimeout(tick, workerData.intervalMs);
};
timer = setTimeout(tick, workerData.intervalMs);
parentPort.on('message', () => {
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
`;

/** A running checkpointer. */
export interface Checkpointer {
  /** Stops the worker and closes its connection. */
  stop(): Promise<void>;
}

/**
 * Starts checkpointing `file` from a worker thread.
 *
 * @param onFailure called once if the worker fails (an error or an unexpected exit).
 */
export function startCheckpointer(file: string, onFailure: (reason: string) => void): Checkpointer {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, module, intervalMs: CHECKPOINT_INTERVAL_MS } });
  let stopping = false;
  let failed = false;
  const fail = (reason: string): void => {
    if (stopping || failed) return;
    failed = true;
    onFailure(reason);
  };
  worker.on('message', (message: { error?: string }) => {
    if (message.error !== undefined) fail(message.error);
  });
  worker.on('error', (error) => fail(error.message));
  worker.on('exit', (code) => fail(`checkpointer exited with code ${code}`));
  return {
    stop: async () => {
      stopping = true;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage('stop');
      await exited;
    },
  };
}
