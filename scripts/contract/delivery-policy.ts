/**
 * Rule deliveryPolicy (docs/contract/README.md): what the relay does with the
 * answer to one batch, for one row of it. The package's Apex implements the same
 * rule; the shared vectors hold both to the same cases. The workbench emulator's
 * retrying client is built on this module, so it has no dependencies and no
 * clock: waits are returned in seconds and the caller schedules them.
 *
 * The decision comes in two steps: {@link planDelivery} classifies the answer
 * and gives the wait as what the contract fixes (a back-off range or an exact
 * Retry-After), and {@link decideDelivery} draws the concrete wait with a
 * jitter. The vectors state the range, because the jitter is random.
 */

/** After this many charged attempts a permanent error dead-letters the row. */
export const MAX_PERMANENT_ATTEMPTS = 5;
/** `Attempts__c` holds four digits: the count stops here instead of overflowing the field. */
export const MAX_RECORDED_ATTEMPTS = 9999;
/** Longest Retry-After honoured, in seconds; longer values are clamped to it. */
export const MAX_RETRY_AFTER_SECONDS = 3600;
/** Wait, in seconds, when Retry-After is absent or not a number of seconds. */
export const DEFAULT_RETRY_AFTER_SECONDS = 60;
/** Longest back-off base, in seconds. */
export const MAX_BACKOFF_SECONDS = 3600;

/** First back-off base, in seconds (attempt 1); it doubles with every attempt. */
const FIRST_BACKOFF_SECONDS = 30;

/** Per-item outcome in a 200 (`ItemStatus` of the OpenAPI document). */
export type ItemStatus = 'applied' | 'duplicate' | 'stale' | 'rejected';

/** A 200 and the result it holds for the row. */
export interface ResultAnswer {
  readonly httpStatus: 200;
  /** null: the body holds no result for the row, or cannot be read at all. */
  readonly itemStatus: ItemStatus | null;
  /** The result's `reason`; it does not change the decision (any rejection is final). */
  readonly itemReason: string | null;
}

/** Any HTTP status but 200, with what the relay reads from the response. */
export interface HttpErrorAnswer {
  readonly httpStatus: number;
  /** The raw `Retry-After` header, null when absent. */
  readonly retryAfter: string | null;
  /** `error.field` of the body, null when absent or unreadable. */
  readonly errorField: string | null;
}

/** A CalloutException thrown before any HTTP status, by its message. */
export interface CalloutExceptionAnswer {
  readonly calloutException: string;
}

/** The answer to one batch, as the vectors' `answer` gives it. */
export type DeliveryAnswer = ResultAnswer | HttpErrorAnswer | CalloutExceptionAnswer;

/** Everything the rule reads. */
export interface DeliveryInput {
  readonly answer: DeliveryAnswer;
  /** Rows in the batch that was sent (1–200). */
  readonly batchSize: number;
  /** The row's `Attempts__c` before this answer (0–9999). */
  readonly attempts: number;
  /** Whether the relay runs as the integration user (holds the package's Integration permission set). */
  readonly runningAsIntegrationUser: boolean;
}

/** What the run does next. See the README's "Effects" for each. */
export type DeliveryEffect = 'continue' | 'stop' | 'hold' | 'pause' | 'awaitSetup' | 'split' | 'resendOthers';

/** Error category recorded on the row; null when the answer is not an error of the row. */
export type DeliveryCategory = 'access' | 'authentication' | 'intermittent' | 'other';

/** The row's status after the answer; `unchanged` keeps status, attempts and next attempt. */
export type RowStatus = 'sent' | 'pending' | 'failed' | 'dead' | 'paused' | 'unchanged';

/** When the row is due again, as the contract fixes it. */
export type PlannedWait =
  | { readonly kind: 'backoff'; readonly minSeconds: number; readonly maxSeconds: number }
  | { readonly kind: 'retryAfter'; readonly seconds: number };

/** What every decision says, whatever the form of its wait. */
export interface DeliveryOutcome {
  readonly effect: DeliveryEffect;
  /** For `resendOthers`: the row named by `error.field`, which this decision describes. Otherwise null. */
  readonly itemIndex: number | null;
  readonly category: DeliveryCategory | null;
  readonly rowStatus: RowStatus;
  /** Whether the answer counts as an attempt of the row. */
  readonly charged: boolean;
  readonly attemptsAfter: number;
  /** How long the whole endpoint is held (no request for any row), in seconds; null for no hold. */
  readonly endpointHoldSeconds: number | null;
}

/** The decision without the jitter: {@link decideDelivery}'s output with the wait still a range. */
export interface DeliveryPlan extends DeliveryOutcome {
  /** null when the row is not retried (sent, dead, paused, unchanged, split). */
  readonly wait: PlannedWait | null;
}

/** The decision for one row. */
export interface DeliveryDecision extends DeliveryOutcome {
  /** Seconds until the row is due again, for the jitter given; null when it is not retried. */
  readonly waitSeconds: number | null;
}

/**
 * Substrings (lower case) of CalloutException messages that mean the network
 * or the endpoint failed, not the credential: these are retried.
 */
export const INTERMITTENT_CALLOUT_MESSAGES = [
  'timed out',
  'exceeded maximum time allotted for callout',
  'unknownhostexception',
  'unable to tunnel through proxy',
  'connection reset',
  'connection refused',
  'no route to host',
  'remote host terminated the handshake',
] as const;

/**
 * Seconds to wait for a `Retry-After` header: the value trimmed of spaces and
 * tabs; one or more ASCII digits are seconds clamped to [1, 3600]; anything
 * else (absent, empty, an HTTP date, a sign, a fraction) is 60.
 *
 * Digits are compared as text, so a value of any length is 3600 rather than
 * an overflow or a loss of precision (Apex's `Integer.valueOf` would throw).
 */
export function retryAfterSeconds(header: string | null): number {
  if (header === null) return DEFAULT_RETRY_AFTER_SECONDS;
  // Only space and tab: HTTP's optional whitespace. Not JavaScript's trim(),
  // which also strips line breaks and Unicode spaces Apex would keep.
  const value = header.replace(/^[ \t]+|[ \t]+$/g, '');
  if (!/^[0-9]+$/.test(value)) return DEFAULT_RETRY_AFTER_SECONDS;
  const significant = value.replace(/^0+/, '');
  // More than four significant digits is at least 10,000 > 3600.
  if (significant.length > 4) return MAX_RETRY_AFTER_SECONDS;
  const seconds = significant === '' ? 0 : Number(significant);
  return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, seconds));
}

/**
 * The back-off range `[⌊base / 2⌋, base]` in seconds after the row's
 * `attemptsAfter`-th attempt, with `base = min(3600, 30 × 2^(n−1))`.
 *
 * @throws RangeError when `attemptsAfter` is not an integer ≥ 1 (a back-off
 *   always follows a charged attempt).
 */
export function backoffRange(attemptsAfter: number): readonly [number, number] {
  if (!Number.isSafeInteger(attemptsAfter) || attemptsAfter < 1) {
    throw new RangeError(`attemptsAfter must be an integer >= 1, got ${attemptsAfter}`);
  }
  // 30 × 2^7 = 3840 is already past the cap: capping the exponent keeps
  // 2^(n−1) finite for any n (2^10000 is Infinity in a double, and overflows
  // an Apex Integer long before that).
  const exponent = Math.min(attemptsAfter - 1, 7);
  const base = Math.min(MAX_BACKOFF_SECONDS, FIRST_BACKOFF_SECONDS * 2 ** exponent);
  return [Math.floor(base / 2), base];
}

/**
 * The concrete back-off `⌊base × (0.5 + 0.5 × j)⌋` for a jitter `j` in [0, 1);
 * always inside {@link backoffRange}.
 *
 * @throws RangeError for an invalid `attemptsAfter` or a jitter outside [0, 1).
 */
export function backoffSeconds(attemptsAfter: number, jitter: number): number {
  if (!(jitter >= 0 && jitter < 1)) throw new RangeError(`jitter must be in [0, 1), got ${jitter}`);
  const [, base] = backoffRange(attemptsAfter);
  return Math.floor(base * (0.5 + 0.5 * jitter));
}

/**
 * Whether a CalloutException message is intermittent (network, timeout): a
 * case-insensitive substring match against {@link INTERMITTENT_CALLOUT_MESSAGES}.
 * Any other message before an HTTP status is a credential failure.
 */
export function isIntermittentCalloutMessage(message: string): boolean {
  const lower = message.toLowerCase();
  return INTERMITTENT_CALLOUT_MESSAGES.some((needle) => lower.includes(needle));
}

/** `changes[<digits>]`, then the end, a member (`.`) or an index (`[`). */
const ITEM_FIELD = /^changes\[([0-9]+)\](?:$|[.[])/;

/**
 * The row an `error.field` names: `changes[i]` alone or followed by `.` or `[`,
 * with `i` < `batchSize`; otherwise null (an envelope member such as `orgId`,
 * a name that only starts alike such as `changesets[1]`, an index beyond the
 * batch). Leading zeros are read as decimal (`changes[03]` is row 3).
 *
 * @throws RangeError when `batchSize` is not an integer ≥ 1.
 */
export function itemIndexOfField(field: string | null, batchSize: number): number | null {
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be an integer >= 1, got ${batchSize}`);
  if (field === null) return null;
  const digits = ITEM_FIELD.exec(field)?.[1];
  if (digits === undefined) return null;
  // BigInt: an index of any length compares correctly, with no precision loss.
  const index = BigInt(digits);
  return index < BigInt(batchSize) ? Number(index) : null;
}

/** What the row is charged: `min(attempts + 1, 9999)` when charged, `attempts` otherwise. */
function attemptsAfterOf(attempts: number, charged: boolean): number {
  return charged ? Math.min(attempts + 1, MAX_RECORDED_ATTEMPTS) : attempts;
}

function backoff(attemptsAfter: number): PlannedWait {
  const [minSeconds, maxSeconds] = backoffRange(attemptsAfter);
  return { kind: 'backoff', minSeconds, maxSeconds };
}

/** A charged error that is retried without bound (the run stops, the row waits a back-off). */
function intermittent(attempts: number): DeliveryPlan {
  const attemptsAfter = attemptsAfterOf(attempts, true);
  return {
    effect: 'stop',
    itemIndex: null,
    category: 'intermittent',
    rowStatus: 'pending',
    charged: true,
    attemptsAfter,
    wait: backoff(attemptsAfter),
    endpointHoldSeconds: null,
  };
}

/** A charged error of category access or other: dead after five attempts, else failed and backed off. */
function permanent(category: 'access' | 'other', attempts: number): DeliveryPlan {
  const attemptsAfter = attemptsAfterOf(attempts, true);
  const dead = attemptsAfter >= MAX_PERMANENT_ATTEMPTS;
  return {
    effect: 'continue',
    itemIndex: null,
    category,
    rowStatus: dead ? 'dead' : 'failed',
    charged: true,
    attemptsAfter,
    wait: dead ? null : backoff(attemptsAfter),
    endpointHoldSeconds: null,
  };
}

/** An answer that is no attempt: pause (authentication), awaitSetup or split. */
function uncharged(effect: 'pause' | 'awaitSetup' | 'split', attempts: number): DeliveryPlan {
  return {
    effect,
    itemIndex: null,
    category: effect === 'pause' ? 'authentication' : null,
    rowStatus: effect === 'pause' ? 'paused' : 'unchanged',
    charged: false,
    attemptsAfter: attempts,
    wait: null,
    endpointHoldSeconds: null,
  };
}

/** A charged answer that settles the row at once, with no retry. */
function settled(rowStatus: 'sent' | 'dead', category: 'access' | null, attempts: number, itemIndex: number | null): DeliveryPlan {
  return {
    effect: itemIndex === null ? 'continue' : 'resendOthers',
    itemIndex,
    category,
    rowStatus,
    charged: true,
    attemptsAfter: attemptsAfterOf(attempts, true),
    wait: null,
    endpointHoldSeconds: null,
  };
}

function validate(input: DeliveryInput): void {
  const { batchSize, attempts } = input;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be an integer >= 1, got ${batchSize}`);
  if (!Number.isSafeInteger(attempts) || attempts < 0 || attempts > MAX_RECORDED_ATTEMPTS) {
    throw new RangeError(`attempts must be an integer in [0, ${MAX_RECORDED_ATTEMPTS}], got ${attempts}`);
  }
}

function planHttp(status: number, answer: DeliveryAnswer, input: DeliveryInput): DeliveryPlan {
  const { attempts, batchSize } = input;
  // Read members by presence, so that an answer of the other shape (a 200
  // without result members, an error status with them) still decides.
  const errorField = 'errorField' in answer ? answer.errorField : null;
  const retryAfter = 'retryAfter' in answer ? answer.retryAfter : null;
  switch (status) {
    case 200: {
      const itemStatus = 'itemStatus' in answer ? answer.itemStatus : null;
      if (itemStatus === null) return permanent('other', attempts);
      // A rejection is the receiver's final word on the item: no retry can change it.
      if (itemStatus === 'rejected') return settled('dead', 'access', attempts, null);
      return settled('sent', null, attempts, null);
    }
    case 400: {
      const index = itemIndexOfField(errorField, batchSize);
      return index === null ? permanent('access', attempts) : settled('dead', 'access', attempts, index);
    }
    case 401:
    case 403:
      // The credential, not the row: retrying would only burn the row's attempts.
      return uncharged('pause', attempts);
    case 404:
    case 409:
    case 422:
      return permanent('access', attempts);
    case 413:
      // One row cannot be split further: the receiver will never take it.
      return batchSize >= 2 ? uncharged('split', attempts) : permanent('other', attempts);
    case 429:
    case 503: {
      const seconds = retryAfterSeconds(retryAfter);
      return {
        effect: 'hold',
        itemIndex: null,
        category: 'intermittent',
        rowStatus: 'pending',
        charged: true,
        attemptsAfter: attemptsAfterOf(attempts, true),
        wait: { kind: 'retryAfter', seconds },
        endpointHoldSeconds: seconds,
      };
    }
    case 408:
      return intermittent(attempts);
    default:
      if (status >= 500 && status <= 599) return intermittent(attempts);
      // 1xx, 2xx but 200, 3xx, other 4xx (and anything outside HTTP's range).
      return permanent('other', attempts);
  }
}

/**
 * Classifies one answer for one row, with the wait as the contract fixes it:
 * the back-off range or the exact Retry-After.
 *
 * @throws RangeError when `batchSize` is not an integer ≥ 1 or `attempts` not an integer in [0, 9999].
 */
export function planDelivery(input: DeliveryInput): DeliveryPlan {
  validate(input);
  const { answer, attempts } = input;
  if ('calloutException' in answer) {
    // A non-integration user (a fresh install's Automated Process user) cannot
    // authenticate at all: whatever the message, nothing is the row's fault.
    if (!input.runningAsIntegrationUser) return uncharged('awaitSetup', attempts);
    return isIntermittentCalloutMessage(answer.calloutException) ? intermittent(attempts) : uncharged('pause', attempts);
  }
  return planHttp(answer.httpStatus, answer, input);
}

/**
 * The analytic wait of a plan as the vectors give it: `[min, max]` for a
 * back-off, `[s, s]` for a Retry-After, null when the row is not retried.
 */
export function waitRange(plan: DeliveryPlan): readonly [number, number] | null {
  if (plan.wait === null) return null;
  return plan.wait.kind === 'backoff' ? [plan.wait.minSeconds, plan.wait.maxSeconds] : [plan.wait.seconds, plan.wait.seconds];
}

/**
 * Decides what the relay does with one answer, for one row of the batch: the
 * run's effect, the row's category, status and attempts, the concrete wait
 * before it is due again and the endpoint hold.
 *
 * @param jitter called once per back-off; must return a number in [0, 1)
 *   (default `Math.random`). Retry-After waits are exact and do not call it.
 * @throws RangeError for an invalid input (see {@link planDelivery}) or a jitter outside [0, 1).
 */
export function decideDelivery(input: DeliveryInput, jitter: () => number = Math.random): DeliveryDecision {
  const { wait, ...plan } = planDelivery(input);
  let waitSeconds: number | null = null;
  if (wait?.kind === 'retryAfter') waitSeconds = wait.seconds;
  else if (wait?.kind === 'backoff') waitSeconds = backoffSeconds(plan.attemptsAfter, jitter());
  return { ...plan, waitSeconds };
}
