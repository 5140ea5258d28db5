/**
 * `npm run bench`: the ingest benchmark of the workbench emulator beside two
 * baselines, all in one run, each server and the load client in processes of
 * their own:
 *
 * 1. **(b) bare SQLite write** (`sqlite-baseline.ts`): the same changes,
 *    receipt + task upsert each, one transaction per batch, WAL +
 *    `synchronous=NORMAL`;
 * 2. **(a) bare HTTP** (`bare-server.ts` + `load-client.ts`): parse the JSON,
 *    answer 200;
 * 3. **the emulator** started as `npm start` starts it (`scripts/workbench/main.ts`
 *    with a fresh data directory, auth on: the client fetches one token first),
 *    driven by `load-client.ts`, every answer checked.
 *
 * Prints a table (changes/s, p50/p99 per batch, peak RSS, the client's CPU
 * share) and the emulator's ratio to the slower baseline. `--profile` runs the
 * emulator under `node --cpu-prof` and prints where its CPU time went.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { summariseProfile } from './cpu-profile.ts';
import type { LoadClientOptions } from './load-client.ts';
import { cpuTimeOf, MEASURING_MARKER, parseResult, peakRssOf, type RunResult } from './measure.ts';
import { BATCH_SIZE, DUPLICATES_PER_BATCH, STALE_PER_BATCH, type WorkloadShape } from './workload.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));
const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

const USAGE = `Usage: npm run bench -- [--lanes <n>] [--warmup <n>] [--batches <n>] [--seed <n>] [--profile <dir>] [--keep]

  --lanes <n>      concurrent client connections, each with its own tasks (default 4)
  --warmup <n>     unmeasured batches per lane first (default 3)
  --batches <n>    measured batches per lane (default 50)
  --seed <n>       workload seed (default 1)
  --profile <dir>  run the emulator under node --cpu-prof, write the profile to <dir>, print its top functions
  --keep           keep the temporary data directories (printed)`;

/** A child process and everything it printed. */
interface Child {
  readonly process: ChildProcess;
  output: string;
  readonly exited: Promise<number | null>;
}

function start(nodeArgs: readonly string[], script: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Child {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const record: Child = {
    process: child,
    output: '',
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  };
  child.stdout?.on('data', (chunk: Buffer) => (record.output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (record.output += chunk.toString('utf8')));
  return record;
}

/** Resolves with the first match of `pattern` in the child's output. */
function waitFor(child: Child, pattern: RegExp, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: nothing within 30 s: ${child.output}`)), 30_000);
    const check = (): void => {
      const match = pattern.exec(child.output)?.[1];
      if (match === undefined) return;
      clearTimeout(timer);
      child.process.stdout?.off('data', check);
      resolve(match);
    };
    child.process.stdout?.on('data', check);
    void child.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}) early: ${child.output}`));
    });
    check();
  });
}

async function resultOf(child: Child, what: string): Promise<RunResult> {
  const code = await child.exited;
  const result = parseResult(child.output);
  if (code !== 0 || result === undefined) throw new Error(`${what} failed (exit ${code}):\n${child.output}`);
  return result;
}

/** What a run against a server measured beyond the client's own result. */
interface Driven {
  readonly client: RunResult;
  /** Peak RSS of the server process, bytes. */
  readonly serverRss: number;
  /** The server's CPU time over the client's measured phase, as a share of one core. */
  readonly serverCpu: number;
}

/** Runs the load client against `url`, then stops the server. */
async function drive(server: Child, url: string, options: Omit<LoadClientOptions, 'url'>): Promise<Driven> {
  const pid = server.process.pid ?? -1;
  const client = start([], here('./load-client.ts'), [JSON.stringify({ ...options, url })]);
  let cpuAtStart = Number.NaN;
  const measuring = waitFor(client, new RegExp(`(${MEASURING_MARKER})`), 'load client').then(() => {
    cpuAtStart = cpuTimeOf(pid) ?? Number.NaN;
  });
  measuring.catch(() => undefined);
  const result = await resultOf(client, 'load client');
  const serverCpu = ((cpuTimeOf(pid) ?? Number.NaN) - cpuAtStart) / result.elapsedMs;
  const serverRss = peakRssOf(pid) ?? Number.NaN;
  server.process.kill('SIGTERM');
  const code = await server.exited;
  if (code !== 0) throw new Error(`server exited ${code}:\n${server.output}`);
  return { client: result, serverRss, serverCpu };
}

/** One row of the report. */
interface Row {
  readonly name: string;
  readonly changesPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly peakRssBytes: number;
  /** The load client's CPU share of one core; undefined without a client. */
  readonly clientCpu: number | undefined;
  /** The server's (or the baseline's) CPU share of one core over the measured phase. */
  readonly serverCpu: number;
}

function row(name: string, result: RunResult, peakRssBytes: number, serverCpu: number, clientCpu: number | undefined): Row {
  return {
    name,
    changesPerSecond: result.changes / (result.elapsedMs / 1000),
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    peakRssBytes,
    serverCpu,
    clientCpu,
  };
}

function table(rows: readonly Row[]): string {
  const header = ['target', 'changes/s', 'p50 ms/batch', 'p99 ms/batch', 'peak RSS (server)', 'server CPU', 'client CPU'];
  const cells = rows.map((r) => [
    r.name,
    Math.round(r.changesPerSecond).toLocaleString('en-US'),
    r.p50Ms.toFixed(1),
    r.p99Ms.toFixed(1),
    `${(r.peakRssBytes / 1024 / 1024).toFixed(0)} MB`,
    `${(r.serverCpu * 100).toFixed(0)} %`,
    r.clientCpu === undefined ? '—' : `${(r.clientCpu * 100).toFixed(0)} %`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]): string =>
    `| ${c.map((v, i) => (i === 0 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0))).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...cells.map(line),
  ].join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      lanes: { type: 'string', default: '4' },
      warmup: { type: 'string', default: '3' },
      batches: { type: 'string', default: '50' },
      seed: { type: 'string', default: '1' },
      profile: { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const integer = (name: string, raw: string, min: number): number => {
    if (!/^[0-9]+$/.test(raw) || Number(raw) < min) throw new Error(`--${name} must be an integer ≥ ${min}, got ${raw}\n${USAGE}`);
    return Number(raw);
  };
  const shape: WorkloadShape = {
    lanes: integer('lanes', values.lanes, 1),
    warmupBatches: integer('warmup', values.warmup, 1),
    measuredBatches: integer('batches', values.batches, 1),
    seed: integer('seed', values.seed, 0),
  };
  const root = mkdtempSync(join(tmpdir(), 'workbench-bench-'));
  try {
    const cores = availableParallelism();
    console.log(
      `workbench ingest benchmark — ${cores} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ` +
        `${shape.lanes} lanes × (${shape.warmupBatches} warm-up + ${shape.measuredBatches} measured) batches of ${BATCH_SIZE} changes ` +
        `(${(DUPLICATES_PER_BATCH / BATCH_SIZE) * 100} % duplicates, ${(STALE_PER_BATCH / BATCH_SIZE) * 100} % stale), seed ${shape.seed}; ` +
        'SQLite WAL + synchronous=NORMAL',
    );

    process.stdout.write('(b) bare SQLite write … ');
    const sqlite = await resultOf(
      start([], here('./sqlite-baseline.ts'), [JSON.stringify(shape), join(root, 'sqlite')]),
      'SQLite baseline',
    );
    console.log(`${Math.round(sqlite.changes / (sqlite.elapsedMs / 1000))} changes/s`);
    process.stdout.write('(b′) bare SQLite write, checkpoints on a worker … ');
    const sqliteBackground = await resultOf(
      start([], here('./sqlite-baseline.ts'), [JSON.stringify(shape), join(root, 'sqlite-background'), 'background']),
      'SQLite baseline (background checkpoints)',
    );
    console.log(`${Math.round(sqliteBackground.changes / (sqliteBackground.elapsedMs / 1000))} changes/s`);

    process.stdout.write('(a) bare HTTP server … ');
    const bare = start([], here('./bare-server.ts'), []);
    const bareUrl = await waitFor(bare, /listening (http:\/\/\S+)/, 'bare HTTP server');
    const http = await drive(bare, bareUrl, { shape, verify: false });
    console.log(`${Math.round(http.client.changes / (http.client.elapsedMs / 1000))} changes/s`);

    process.stdout.write(`emulator (npm start: main.ts, auth on, one token)${values.profile === undefined ? '' : ' under --cpu-prof'} … `);
    const profileArgs = values.profile === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', values.profile];
    const emulator = start(profileArgs, MAIN, [], { PORT: '0', WORKBENCH_DATA: join(root, 'emulator') });
    const emulatorUrl = await waitFor(emulator, /Sales Insight workbench: (http:\/\/[^/\s]+)\//, 'emulator');
    const emulated = await drive(emulator, emulatorUrl, {
      shape,
      verify: true,
      token: { clientId: 'workbench', clientSecret: 'workbench' },
    });
    const { client } = emulated;
    console.log(`${Math.round(client.changes / (client.elapsedMs / 1000))} changes/s`);

    const rows = [
      row('emulator (npm start)', client, emulated.serverRss, emulated.serverCpu, client.cpuShare),
      row('(a) bare HTTP + JSON.parse', http.client, http.serverRss, http.serverCpu, http.client.cpuShare),
      row('(b) bare SQLite write', sqlite, sqlite.peakRssBytes, sqlite.cpuShare, undefined),
      row('(b′) (b), checkpoints on a worker', sqliteBackground, sqliteBackground.peakRssBytes, sqliteBackground.cpuShare, undefined),
    ];
    const [mine, a, b, bPrime] = rows as [Row, Row, Row, Row];
    const slower = a.changesPerSecond <= b.changesPerSecond ? a : b;
    console.log('');
    console.log(table(rows));
    console.log('');
    console.log(
      `measured: ${client.batches} batches (${client.changes.toLocaleString('en-US')} changes) in ${(client.elapsedMs / 1000).toFixed(1)} s against the emulator; ` +
        `answers: ${Object.entries(client.statuses)
          .map(([s, n]) => `${n} ${s}`)
          .join(', ')}`,
    );
    console.log(
      `ratio: emulator / slower baseline (${slower.name}) = ${((mine.changesPerSecond / slower.changesPerSecond) * 100).toFixed(0)} % (aim ≥ 70 %)`,
    );
    console.log(
      `like for like: emulator / (b′), both checkpointing on a worker thread = ${((mine.changesPerSecond / bPrime.changesPerSecond) * 100).toFixed(0)} %`,
    );
    console.log(
      `CPU: user + system time over the measured phase as a share of one core (the machine has ${cores}): server = the server process ((b): the baseline process), client = the load client process. Peak RSS: VmHWM of the server process ((b): the baseline's own).`,
    );

    if (values.profile !== undefined) {
      // tsx's module hooks run on a worker thread with a profile of its own: keep the busiest profile (the main thread).
      const summaries = readdirSync(values.profile)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => ({ file: join(values.profile as string, f), summary: summariseProfile(join(values.profile as string, f)) }))
        .sort((x, y) => y.summary.totalMs - x.summary.totalMs);
      const busiest = summaries[0];
      if (busiest !== undefined) {
        const { file, summary } = busiest;
        console.log(`\nCPU profile of the emulator: ${file} (${(summary.totalMs / 1000).toFixed(1)} s sampled, idle excluded)`);
        console.log('by area:');
        for (const area of summary.areas.slice(0, 12)) console.log(`  ${(area.share * 100).toFixed(1).padStart(5)} %  ${area.name}`);
        console.log('top self time:');
        for (const fn of summary.functions.slice(0, 20)) console.log(`  ${(fn.share * 100).toFixed(1).padStart(5)} %  ${fn.name}`);
      }
    }
    return 0;
  } finally {
    if (values.keep) console.log(`data kept in ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
