/**
 * A small sender of outbound batches that keeps the delivery contract: every
 * answer goes through `decideDelivery` (scripts/contract/delivery-policy.ts, the
 * TypeScript reference of rule deliveryPolicy), and the client does what the
 * decision says — mark rows sent or dead, back off, hold the endpoint after 429
 * and 503, split after 413, resend the others after a 400 naming one row, and on
 * a pause fetch a new token (what an admin's fix of the credential amounts to).
 *
 * It sends one record's changes in sequence order (a later change waits until
 * the earlier ones are settled), so that a retry never turns an older change
 * stale. Waits are the contract's seconds times `msPerSecond`, so tests can run
 * the policy's real numbers fast.
 */
import { request } from 'node:http';
import { decideDelivery, type DeliveryAnswer, type ItemStatus } from '../contract/delivery-policy.ts';

/** One change to deliver: a `changes[]` item of a Task-change batch. */
export interface OutboundItem {
  readonly idempotencyKey: string;
  readonly taskId: string;
  readonly [member: string]: unknown;
}

/** How the client reaches the emulator. */
export interface DeliveryClientOptions {
  readonly baseUrl: string;
  readonly orgId: string;
  /** Client credentials for `/oauth/token` (HTTP Basic); null when auth is off. */
  readonly credentials: { readonly clientId: string; readonly clientSecret: string } | null;
  /** Most rows per batch (1–200). */
  readonly batchSize: number;
  /** Per-request timeout; a timeout is the CalloutException "Read timed out". */
  readonly timeoutMs: number;
  /** Milliseconds per contract second (1000 in real time). */
  readonly msPerSecond: number;
  /** Jitter of back-offs, in [0, 1). */
  readonly jitter: () => number;
  /** Safety bound: the client gives up after this many requests. */
  readonly maxRequests: number;
}

/** Where one row ended. */
export interface DeliveredRow {
  readonly idempotencyKey: string;
  readonly status: 'sent' | 'dead';
  readonly attempts: number;
  /** The item status of the last 200 that settled the row, null when none did. */
  readonly itemStatus: ItemStatus | null;
}

/** What a delivery run did. */
export interface DeliveryReport {
  readonly rows: readonly DeliveredRow[];
  readonly requests: number;
  /** Answers by what they were: `200`, `429`, `calloutException`, … */
  readonly answers: Readonly<Record<string, number>>;
  readonly pauses: number;
}

interface Row {
  readonly item: OutboundItem;
  status: 'pending' | 'sent' | 'dead';
  attempts: number;
  dueAtMs: number;
  itemStatus: ItemStatus | null;
}

interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** An error before any HTTP status, as Apex would see it (a CalloutException message). */
class CalloutError extends Error {}

function calloutMessage(error: Error & { code?: string }): string {
  switch (error.code) {
    case 'ECONNRESET':
    case 'EPIPE':
      return 'Connection reset';
    case 'ECONNREFUSED':
      return 'Connection refused';
    default:
      return error.message === 'socket hang up' ? 'Connection reset' : error.message;
  }
}

function send(url: string, method: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (error) => reject(new CalloutError(calloutMessage(error))));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('Read timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', (error: Error & { code?: string }) =>
      reject(new CalloutError(error.code === 'ETIMEDOUT' ? 'Read timed out' : calloutMessage(error))),
    );
    req.end(body);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The answer for row `index` as the policy reads it. */
function answerForRow(answer: HttpAnswer | CalloutError, index: number): DeliveryAnswer {
  if (answer instanceof CalloutError) return { calloutException: answer.message };
  const body = parseJson(answer.body) as { results?: { status?: ItemStatus; reason?: string }[]; error?: { field?: string } } | undefined;
  if (answer.status === 200) {
    const result = Array.isArray(body?.results) ? body.results[index] : undefined;
    return { httpStatus: 200, itemStatus: result?.status ?? null, itemReason: result?.reason ?? null };
  }
  const retryAfter = answer.headers['retry-after'];
  return {
    httpStatus: answer.status,
    retryAfter: typeof retryAfter === 'string' ? retryAfter : null,
    errorField: typeof body?.error?.field === 'string' ? body.error.field : null,
  };
}

/** Delivers every item, answer by answer, as the deliveryPolicy decides. */
export async function deliverChanges(items: readonly OutboundItem[], options: DeliveryClientOptions): Promise<DeliveryReport> {
  const rows: Row[] = items.map((item) => ({ item, status: 'pending', attempts: 0, dueAtMs: 0, itemStatus: null }));
  const answers: Record<string, number> = {};
  let token: string | null = null;
  let holdUntilMs = 0;
  let requests = 0;
  let pauses = 0;
  let batchNumber = 0;

  const count = (what: string): void => {
    answers[what] = (answers[what] ?? 0) + 1;
  };

  async function authHeader(): Promise<Record<string, string>> {
    if (options.credentials === null) return {};
    if (token === null) {
      const basic = Buffer.from(`${options.credentials.clientId}:${options.credentials.clientSecret}`).toString('base64');
      const answer = await send(
        `${options.baseUrl}/oauth/token`,
        'POST',
        { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        'grant_type=client_credentials',
        options.timeoutMs,
      );
      if (answer.status !== 200) throw new Error(`token request answered ${answer.status}: ${answer.body}`);
      token = (JSON.parse(answer.body) as { access_token: string }).access_token;
    }
    return { authorization: `Bearer ${token}` };
  }

  async function sendBatch(batch: Row[]): Promise<void> {
    if (requests >= options.maxRequests) throw new Error(`gave up after ${requests} requests`);
    requests++;
    const body = JSON.stringify({ orgId: options.orgId, batchId: `client-${++batchNumber}`, changes: batch.map((row) => row.item) });
    let answer: HttpAnswer | CalloutError;
    try {
      const headers = { ...(await authHeader()), 'content-type': 'application/json' };
      answer = await send(`${options.baseUrl}/v1/salesforce/task-changes`, 'POST', headers, body, options.timeoutMs);
      count(String(answer.status));
    } catch (error: unknown) {
      if (!(error instanceof CalloutError)) throw error;
      answer = error;
      count('calloutException');
    }
    const now = Date.now();
    for (const [index, row] of batch.entries()) {
      const decision = decideDelivery(
        { answer: answerForRow(answer, index), batchSize: batch.length, attempts: row.attempts, runningAsIntegrationUser: true },
        options.jitter,
      );
      switch (decision.effect) {
        case 'split': {
          const half = Math.ceil(batch.length / 2);
          await sendBatch(batch.slice(0, half));
          await sendBatch(batch.slice(half));
          return;
        }
        case 'resendOthers': {
          const named = batch[decision.itemIndex ?? -1];
          if (named !== undefined) {
            named.status = 'dead';
            named.attempts = decision.attemptsAfter;
          }
          const others = batch.filter((other) => other !== named);
          if (others.length > 0) await sendBatch(others);
          return;
        }
        case 'pause':
          // The credential failed: fetch a new token before anything else is sent.
          token = null;
          pauses++;
          return;
        default:
          break;
      }
      row.attempts = decision.attemptsAfter;
      if (decision.rowStatus === 'sent' || decision.rowStatus === 'dead') {
        row.status = decision.rowStatus;
        const settled = answerForRow(answer, index);
        row.itemStatus = 'itemStatus' in settled ? settled.itemStatus : null;
      } else {
        row.dueAtMs = now + (decision.waitSeconds ?? 0) * options.msPerSecond;
      }
      if (decision.endpointHoldSeconds !== null)
        holdUntilMs = Math.max(holdUntilMs, now + decision.endpointHoldSeconds * options.msPerSecond);
    }
  }

  for (;;) {
    const pending = rows.filter((row) => row.status === 'pending');
    if (pending.length === 0) break;
    // A record's change is due only when no earlier change of that record is pending.
    const blocked = new Set<string>();
    const ready: Row[] = [];
    for (const row of pending) {
      if (!blocked.has(row.item.taskId)) ready.push(row);
      blocked.add(row.item.taskId);
    }
    const now = Date.now();
    const startAt = Math.max(holdUntilMs, Math.min(...ready.map((row) => row.dueAtMs)));
    if (startAt > now) {
      await sleep(startAt - now);
      continue;
    }
    await sendBatch(ready.filter((row) => row.dueAtMs <= now).slice(0, options.batchSize));
  }

  return {
    rows: rows.map((row) => ({
      idempotencyKey: row.item.idempotencyKey,
      status: row.status === 'dead' ? 'dead' : 'sent',
      attempts: row.attempts,
      itemStatus: row.itemStatus,
    })),
    requests,
    answers,
    pauses,
  };
}
