/**
 * Delivers SIA-originated task changes to an org's Apex REST resource and says what became of
 * each. Answers are classified as the relay's delivery policy does (docs/task-sync.md):
 *
 * - **authentication** (401, 403): delivery stops at once and nothing is retried — an admin must
 *   re-authorize, or, for the org's 401 `SIGNING_NOT_CONFIGURED`, give the workbench a signing key
 *   (or accept unsigned calls in the org); the changes stay pending, never dead-lettered;
 * - **intermittent** (429, 503, other 5xx, a timeout or a dropped connection, and an item rejected
 *   with `UNABLE_TO_LOCK_ROW`): retried with backoff, honouring `Retry-After`, with the same event
 *   ids (the package claims receipts first, so a resend is safe), re-signed on each attempt;
 * - **access/validation** (400, and an item rejected with any other reason): recorded, not retried;
 * - **other** (a 200 whose body does not keep to the contract, any other status): recorded, the
 *   changes stay pending for a later resend (safe: the event ids are idempotent).
 */
import type { Contract } from '../contract.ts';
import { apexRestPath, InboundRequestError, requestHeaders, type SiaTaskChange } from './requests.ts';
import { fixOf } from './signing.ts';

/** Where and as whom to deliver. */
export interface OrgTarget {
  /** e.g. `https://acme.my.salesforce.com` (or a capture server in tests). */
  readonly instanceUrl: string;
  readonly accessToken: string;
  /** The package's namespace in that org; null in a `--no-namespace` scratch org. */
  readonly namespace: string | null;
  /** The org's inbound signing key (`--signing-key-file`, WORKBENCH_SIGNING_KEY); null: calls go unsigned. */
  readonly signingKey: string | null;
}

export type Category = 'authentication' | 'intermittent' | 'access/validation' | 'other';

/** One HTTP attempt, as the To Salesforce page shows it. */
export interface Attempt {
  readonly attempt: number;
  /** The HTTP status, or 0 when no answer came (timeout, connection closed). */
  readonly status: number;
  readonly category: Category | null;
  /**
   * The error code of an answer other than 200 (see {@link errorOf}: the contract's `error.code`,
   * Salesforce's `errorCode`, else `HTTP_<status>`; `NO_ANSWER`); null for a 200.
   */
  readonly code: string | null;
  /** What happened; for a code the workbench knows a fix for (SIGNING_NOT_CONFIGURED), the code and the fix. */
  readonly detail: string;
  /** Seconds waited before the next attempt; null when none followed. */
  readonly waitedSeconds: number | null;
}

/** What became of one change or activity; `taskIds` are the Tasks it applied to or logged. */
export type ItemOutcome =
  | { readonly state: 'done'; readonly status: string; readonly taskId: string | null; readonly taskIds: readonly string[] }
  | { readonly state: 'rejected'; readonly category: 'access/validation'; readonly reason: string }
  | { readonly state: 'pending'; readonly category: Category; readonly reason: string };

export interface Delivery {
  readonly attempts: readonly Attempt[];
  /** Item id (eventId, siaMessageId) → outcome, one per item sent. */
  readonly items: ReadonlyMap<string, ItemOutcome>;
  /** Set when an authentication answer stopped delivery. */
  readonly stopped: 'authentication' | null;
  /** Seconds the endpoint asked to be left alone when that is longer than a round waits; null otherwise. */
  readonly holdSeconds: number | null;
}

export interface DeliveryOptions {
  readonly contract: Contract;
  readonly batchId: string;
  /** Attempts in all, the first included (default 5). */
  readonly maxAttempts?: number;
  /** Backoff of the first retry when no Retry-After came (default 1 s); doubles, capped at 60 s. */
  readonly baseBackoffSeconds?: number;
  /** Waits; tests pass a recorder. */
  readonly sleep?: (seconds: number) => Promise<void>;
  /** Unix seconds, for signing. */
  readonly nowSeconds?: () => number;
  /** Per-attempt timeout (default 30 s). */
  readonly timeoutMs?: number;
  /**
   * The longest wait inside one delivery (default 30 s). A longer Retry-After ends the delivery
   * with the items pending and `holdSeconds` set: the caller resumes after it, never earlier.
   */
  readonly maxWaitSeconds?: number;
}

/** One of the package's inbound operations, as the client needs to know it. */
export interface InboundOperation {
  readonly path: 'task-changes' | 'email-activities';
  /** The batch's list member and each item's id member. */
  readonly itemsKey: 'changes' | 'activities';
  readonly idKey: 'eventId' | 'siaMessageId';
  readonly batchSchema: string;
  readonly resultsSchema: string;
}

export const TASK_CHANGES: InboundOperation = {
  path: 'task-changes',
  itemsKey: 'changes',
  idKey: 'eventId',
  batchSchema: 'SiaTaskChangeBatch',
  resultsSchema: 'SiaTaskChangeResults',
};

export const EMAIL_ACTIVITIES: InboundOperation = {
  path: 'email-activities',
  itemsKey: 'activities',
  idKey: 'siaMessageId',
  batchSchema: 'EmailActivityBatch',
  resultsSchema: 'EmailActivityResults',
};

/** An item of either operation: its id member is all the client reads. */
export type InboundItem = Readonly<Record<string, unknown>>;

/**
 * The batch body for `items`, checked against the operation's batch schema.
 * @throws InboundRequestError when the contract refuses it
 */
export function batchBody(contract: Contract, operation: InboundOperation, items: readonly InboundItem[], batchId: string): string {
  const batch = { batchId, [operation.itemsKey]: items };
  const problems = contract.validator.errorsForComponent(operation.batchSchema, batch);
  if (problems.length > 0) throw new InboundRequestError(operation.batchSchema, problems);
  return JSON.stringify(batch);
}

const INTERMITTENT_REASONS = /^(UNABLE_TO_LOCK_ROW|SERVER_UNAVAILABLE|REQUEST_LIMIT_EXCEEDED)\b/;

/** The category of an HTTP status other than 200. */
export function categoryOfStatus(status: number): Category {
  if (status === 401 || status === 403) return 'authentication';
  if (status === 429 || status >= 500 || status === 0) return 'intermittent';
  if (status === 400) return 'access/validation';
  return 'other';
}

/** `Retry-After` in seconds (delta-seconds or an HTTP date), or null; capped at an hour. */
export function retryAfterSeconds(header: string | null, nowMs: number = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = /^\d+$/.test(header.trim()) ? Number(header.trim()) : Math.ceil((Date.parse(header) - nowMs) / 1000);
  return Number.isFinite(seconds) ? Math.min(Math.max(seconds, 0), 3600) : null;
}

/** An org's answer: its status (0 when none came), `Retry-After`, and body text (or why nothing came). */
export interface Answer {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly text: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The code and message of a refusal: the contract's `ErrorResponse`, Salesforce's own error array, or the status and text. */
export function errorOf(status: number, text: string): { code: string; message: string } {
  if (status === 0) return { code: 'NO_ANSWER', message: text };
  try {
    const body: unknown = JSON.parse(text);
    const error = isRecord(body) ? body['error'] : Array.isArray(body) ? body[0] : undefined;
    const code = isRecord(error) ? (error['code'] ?? error['errorCode']) : undefined;
    if (isRecord(error) && typeof code === 'string') return { code, message: String(error['message'] ?? '') };
  } catch {
    // Not JSON: the status and the text say it.
  }
  return { code: `HTTP_${status}`, message: text.slice(0, 300) };
}

/** One POST to the org; never throws: a timeout or a dropped connection is status 0. */
export async function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<Answer> {
  try {
    const response = await fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), text: await response.text() };
  } catch (error: unknown) {
    return { status: 0, retryAfter: null, text: error instanceof Error ? error.message : String(error) };
  }
}

interface ItemResult {
  readonly status: string;
  readonly taskId?: string | null;
  readonly taskIds?: readonly string[];
  readonly reason?: string;
}

/** The `results` of a 200 when they keep to the contract and answer exactly the items sent; else why not. */
function resultsOf(
  contract: Contract,
  operation: InboundOperation,
  text: string,
  sent: readonly InboundItem[],
): readonly ItemResult[] | string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'the 200 answer is not JSON';
  }
  const problems = contract.validator.errorsForComponent(operation.resultsSchema, body);
  if (problems.length > 0) return `the 200 answer does not keep to ${operation.resultsSchema}: ${problems.join('; ')}`;
  const results = (body as { results: (ItemResult & Record<string, unknown>)[] }).results;
  if (results.length !== sent.length || results.some((result, index) => result[operation.idKey] !== sent[index]?.[operation.idKey])) {
    return 'the 200 answer does not give one result per item, in request order';
  }
  return results;
}

/** Sends task changes (see {@link deliverBatch}). */
export function deliverTaskChanges(target: OrgTarget, changes: readonly SiaTaskChange[], options: DeliveryOptions): Promise<Delivery> {
  return deliverBatch(target, TASK_CHANGES, changes as unknown as readonly InboundItem[], options);
}

/**
 * Sends `items` (1–200, validated against the contract before anything leaves) to one inbound
 * operation and retries what is intermittent. Never throws for an answer: every item ends with an
 * outcome.
 * @throws InboundRequestError when the batch does not keep to the contract (nothing was sent)
 */
export async function deliverBatch(
  target: OrgTarget,
  operation: InboundOperation,
  items: readonly InboundItem[],
  options: DeliveryOptions,
): Promise<Delivery> {
  const url = `${target.instanceUrl.replace(/\/$/, '')}${apexRestPath(target.namespace, operation.path)}`;
  const idOf = (item: InboundItem): string => String(item[operation.idKey]);
  const maxAttempts = options.maxAttempts ?? 5;
  const sleep = options.sleep ?? ((seconds: number) => new Promise<void>((resolve) => setTimeout(resolve, seconds * 1000)));
  const nowSeconds = options.nowSeconds ?? (() => Date.now() / 1000);
  const outcomes = new Map<string, ItemOutcome>();
  const attempts: Attempt[] = [];
  // Validated once up front: a refused batch sends nothing.
  batchBody(options.contract, operation, items, options.batchId);
  let pending = [...items];
  for (let attempt = 1; pending.length > 0; attempt++) {
    const body = batchBody(options.contract, operation, pending, options.batchId);
    const answer = await post(
      url,
      body,
      requestHeaders(body, target.accessToken, target.signingKey, nowSeconds()),
      options.timeoutMs ?? 30_000,
    );
    let retry: InboundItem[] = [];
    let category: Category | null = null;
    let code: string | null = null;
    let detail: string;
    if (answer.status === 200) {
      const parsed = resultsOf(options.contract, operation, answer.text, pending);
      if (typeof parsed === 'string') {
        category = 'other';
        detail = parsed;
        for (const item of pending) outcomes.set(idOf(item), { state: 'pending', category, reason: parsed });
      } else {
        parsed.forEach((result, index) => {
          const item = pending[index] as InboundItem;
          if (result.status !== 'rejected') {
            const taskIds = result.taskIds ?? (result.taskId ? [result.taskId] : []);
            outcomes.set(idOf(item), { state: 'done', status: result.status, taskId: result.taskId ?? taskIds[0] ?? null, taskIds });
          } else if (INTERMITTENT_REASONS.test(result.reason ?? '')) {
            outcomes.set(idOf(item), { state: 'pending', category: 'intermittent', reason: result.reason ?? '' });
            retry.push(item);
          } else {
            outcomes.set(idOf(item), { state: 'rejected', category: 'access/validation', reason: result.reason ?? 'REJECTED' });
          }
        });
        detail = `${parsed.length} result(s)`;
        if (retry.length > 0) category = 'intermittent';
      }
    } else {
      category = categoryOfStatus(answer.status);
      code = errorOf(answer.status, answer.text).code;
      const fix = fixOf(code);
      detail =
        answer.status === 0
          ? `no answer: ${answer.text}`
          : fix !== null
            ? `HTTP ${answer.status} ${code}: ${fix}`
            : `HTTP ${answer.status}: ${answer.text.slice(0, 300)}`;
      for (const item of pending) {
        outcomes.set(
          idOf(item),
          category === 'access/validation'
            ? { state: 'rejected', category, reason: detail }
            : { state: 'pending', category, reason: detail },
        );
      }
      if (category === 'intermittent') retry = pending;
    }
    const last = retry.length === 0 || attempt >= maxAttempts;
    const backoff = Math.min((options.baseBackoffSeconds ?? 1) * 2 ** (attempt - 1), 60);
    const waited = last ? null : (retryAfterSeconds(answer.retryAfter) ?? backoff);
    attempts.push({ attempt, status: answer.status, category, code, detail, waitedSeconds: waited });
    if (category === 'authentication') return { attempts, items: outcomes, stopped: 'authentication', holdSeconds: null };
    if (waited === null) break;
    if (waited > (options.maxWaitSeconds ?? 30)) return { attempts, items: outcomes, stopped: null, holdSeconds: waited };
    await sleep(waited);
    pending = retry;
  }
  return { attempts, items: outcomes, stopped: null, holdSeconds: null };
}
