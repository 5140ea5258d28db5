/**
 * The benchmark's load client, run as a process of its own so that its CPU is
 * not the server's: `tsx load-client.ts '<json options>'`. It builds every
 * batch body first, then sends each lane's batches one after the other over
 * its own keep-alive connection (`node:http` Agent, one socket per lane), all
 * lanes at once: first the warm-up batches, then, timed, the measured ones.
 *
 * With `verify`, every answer must be a 200 whose `results` count exactly the
 * statuses the workload expects (the bare HTTP baseline answers no results and
 * is not verified). Prints one {@link RunResult} line; the CPU share is the
 * client's own.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { MEASURING_MARKER, measuredResult, printResult } from './measure.ts';
import { BATCH_SIZE, generateWorkload, parseShape, type BenchBatch, type WorkloadShape } from './workload.ts';

/** What the runner passes to the client. */
export interface LoadClientOptions {
  /** Base URL of the server, e.g. `http://127.0.0.1:4321`. */
  readonly url: string;
  readonly shape: WorkloadShape;
  /** Fetch one bearer token first (client credentials, HTTP Basic) and send it with every batch. */
  readonly token?: { readonly clientId: string; readonly clientSecret: string };
  /** Check every answer's statuses against the workload's expectation. */
  readonly verify: boolean;
}

const PATH = '/v1/salesforce/task-changes';

interface Answer {
  readonly status: number;
  readonly text: string;
}

function send(agent: Agent, url: URL, path: string, headers: Record<string, string>, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: url.hostname, port: url.port, path, method: 'POST', headers: { ...headers, 'content-length': String(body.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function fetchToken(agent: Agent, url: URL, clientId: string, clientSecret: string): Promise<string> {
  const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
  const answer = await send(
    agent,
    url,
    '/oauth/token',
    { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    Buffer.from('grant_type=client_credentials'),
  );
  if (answer.status !== 200) throw new Error(`token request answered ${answer.status}: ${answer.text}`);
  return (JSON.parse(answer.text) as { access_token: string }).access_token;
}

function countStatuses(text: string, into: Record<string, number>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { status } of (JSON.parse(text) as { results: { status: string }[] }).results) {
    counts[status] = (counts[status] ?? 0) + 1;
    into[status] = (into[status] ?? 0) + 1;
  }
  return counts;
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? 'null') as LoadClientOptions | null;
  if (options === null) throw new Error("usage: load-client.ts '<json options>'");
  const shape = parseShape(JSON.stringify(options.shape));
  const url = new URL(options.url);
  const lanes = generateWorkload(shape).map((batches) => batches.map((batch) => ({ batch, body: Buffer.from(batch.body, 'utf8') })));
  const agent = new Agent({ keepAlive: true, maxSockets: shape.lanes });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token !== undefined) {
    headers['authorization'] = `Bearer ${await fetchToken(agent, url, options.token.clientId, options.token.clientSecret)}`;
  }

  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const runLane = async (batches: readonly { batch: BenchBatch; body: Buffer }[], measured: boolean): Promise<void> => {
    for (const { batch, body } of batches) {
      if (batch.measured !== measured) continue;
      const started = performance.now();
      const answer = await send(agent, url, PATH, headers, body);
      const took = performance.now() - started;
      if (answer.status !== 200)
        throw new Error(`batch ${batch.lane}/${batch.index} answered ${answer.status}: ${answer.text.slice(0, 500)}`);
      if (measured) latencies.push(took);
      if (!options.verify) continue;
      const counts = countStatuses(answer.text, measured ? statuses : {});
      for (const [status, expected] of Object.entries(batch.expected)) {
        if ((counts[status] ?? 0) !== expected) {
          throw new Error(
            `batch ${batch.lane}/${batch.index}: ${counts[status] ?? 0} ${status}, expected ${expected} (${JSON.stringify(counts)})`,
          );
        }
      }
    }
  };

  await Promise.all(lanes.map((batches) => runLane(batches, false)));
  process.stdout.write(`${MEASURING_MARKER}\n`);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(lanes.map((batches) => runLane(batches, true)));
  const elapsedMs = performance.now() - started;
  const result = measuredResult(latencies, BATCH_SIZE, elapsedMs, cpuBefore, statuses);
  agent.destroy();
  printResult(result);
}

main().catch((error: unknown) => {
  console.error(`load client: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
