/**
 * The setup heartbeat as Sales Insight calls it (`POST /services/apexrest[/<ns>]/v1/setup/heartbeat`,
 * contract operation `setupHeartbeat`): with `--org`, once at start and every `--heartbeat-minutes`
 * after, body `{}`, through the same org client and signing as the deliveries. It carries no data;
 * the org answers what it did with its background jobs. The last outcome is kept in memory (never
 * stored: the next call says the same again) for the To Salesforce page and
 * `GET /_workbench/to-salesforce/heartbeat`. A 200 that does not keep to the contract is recorded as
 * a violation, never thrown.
 */
import type { Contract } from '../contract.ts';
import { errorOf, post, type OrgTarget } from './org-client.ts';
import { apexRestPath, requestHeaders } from './requests.ts';
import { fixOf } from './signing.ts';

/** What Sales Insight sends: an object whose members the org ignores. */
export const HEARTBEAT_BODY = '{}';
/** The jobs of every answer, in the contract's order. */
export const HEARTBEAT_JOBS = ['watchdog', 'sweep', 'purge'] as const;

/** One job of a 200 answer (`HeartbeatJob`). */
export interface HeartbeatJob {
  readonly job: (typeof HEARTBEAT_JOBS)[number];
  readonly action: 'kept' | 'scheduled' | 'rescheduled' | 'blocked';
  readonly nextRunAt: string | null;
  readonly message?: string;
}

/** A 200 answer (`SetupHeartbeatResponse`). */
export interface HeartbeatAnswer {
  readonly jobs: readonly HeartbeatJob[];
  readonly relayStarted: boolean;
}

/**
 * The last call: when, the HTTP status (0 when no answer came), and either the answer (`ok`) or an
 * error code and message — the org's own (`error`: any status but 200, or none) or what the 200 got
 * wrong (`violation`, code `CONTRACT_VIOLATION`). `fix` is there when the workbench knows what fixes
 * the code (SIGNING_NOT_CONFIGURED).
 */
export type HeartbeatOutcome = { readonly at: string; readonly status: number } & (
  | ({ readonly result: 'ok' } & HeartbeatAnswer)
  | { readonly result: 'error' | 'violation'; readonly code: string; readonly message: string; readonly fix?: string }
);

/** What the page and the API show: how often it runs (null: off) and the last outcome. */
export interface HeartbeatState {
  readonly everyMinutes: number | null;
  readonly last: HeartbeatOutcome | null;
}

export interface HeartbeatOptions {
  /** The clock (epoch ms) of `at`. */
  readonly nowMs?: () => number;
  /** Unix seconds, for signing. */
  readonly nowSeconds?: () => number;
  /** Per-call timeout (default 30 s). */
  readonly timeoutMs?: number;
}

/** The 200 answer when it keeps to `SetupHeartbeatResponse` and lists the three jobs in order; else what is wrong. */
export function heartbeatAnswerOf(contract: Contract, text: string): HeartbeatAnswer | string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'the 200 answer is not JSON';
  }
  const problems = contract.validator.errorsForComponent('SetupHeartbeatResponse', body);
  if (problems.length > 0) return `the 200 answer does not keep to SetupHeartbeatResponse: ${problems.join('; ')}`;
  const answer = body as HeartbeatAnswer;
  const order = answer.jobs.map((job) => job.job).join(', ');
  if (order !== HEARTBEAT_JOBS.join(', '))
    return `the 200 answer must list the jobs ${HEARTBEAT_JOBS.join(', ')} in this order, got ${order}`;
  return answer;
}

export class SetupHeartbeat {
  #last: HeartbeatOutcome | null = null;
  #running: Promise<HeartbeatOutcome> | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #everyMinutes: number | null = null;

  constructor(
    private readonly target: OrgTarget | null,
    private readonly contract: Contract,
    private readonly options: HeartbeatOptions = {},
  ) {}

  state(): HeartbeatState {
    return { everyMinutes: this.#everyMinutes, last: this.#last };
  }

  /** One call, recorded as the last outcome; a call in flight is joined, not doubled. Null without an org. */
  async beat(): Promise<HeartbeatOutcome | null> {
    const target = this.target;
    if (target === null) return null;
    this.#running ??= this.#beat(target).finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /**
   * Calls now, then every `minutes` (a timer that does not keep the process alive) until {@link stop}.
   * `intervalMs` overrides the period (tests).
   */
  start(minutes: number, intervalMs: number = minutes * 60_000): void {
    if (this.target === null || minutes <= 0 || this.#timer !== undefined) return;
    this.#everyMinutes = minutes;
    void this.beat();
    this.#timer = setInterval(() => void this.beat(), intervalMs);
    this.#timer.unref();
  }

  /** Clears the timer; resolves once a call in flight has been recorded. */
  async stop(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => undefined);
  }

  async #beat(target: OrgTarget): Promise<HeartbeatOutcome> {
    const nowSeconds = this.options.nowSeconds ?? (() => Date.now() / 1000);
    const url = `${target.instanceUrl.replace(/\/$/, '')}${apexRestPath(target.namespace, 'setup/heartbeat')}`;
    const answer = await post(
      url,
      HEARTBEAT_BODY,
      requestHeaders(HEARTBEAT_BODY, target.accessToken, target.signingKey, nowSeconds()),
      this.options.timeoutMs ?? 30_000,
    );
    const at = new Date((this.options.nowMs ?? Date.now)()).toISOString();
    let outcome: HeartbeatOutcome;
    if (answer.status === 200) {
      const parsed = heartbeatAnswerOf(this.contract, answer.text);
      outcome =
        typeof parsed === 'string'
          ? { at, status: 200, result: 'violation', code: 'CONTRACT_VIOLATION', message: parsed }
          : { at, status: 200, result: 'ok', jobs: parsed.jobs, relayStarted: parsed.relayStarted };
    } else {
      const error = errorOf(answer.status, answer.text);
      const fix = fixOf(error.code);
      outcome = { at, status: answer.status, result: 'error', ...error, ...(fix === null ? {} : { fix }) };
    }
    this.#last = outcome;
    return outcome;
  }
}
