/**
 * Sends SIA-originated task changes — and the emails and calls logged in SIA — into the org, durably: each round takes, for every user, the
 * SIA tasks that go to Salesforce (`toSalesforce`: sync on, created at or after the cut-off) whose
 * current change is not settled yet, delivers them in batches of at most 200 and records every
 * outcome in the store (`sia_deliveries`). A pending change is sent again next round with the same
 * event id; a rejected one is not; an authentication answer pauses delivery until someone resumes
 * it (the org's 401 `SIGNING_NOT_CONFIGURED` too, with its fix spelled out: the changes stay queued).
 * Without an org, nothing is sent and every change is "waiting for an org".
 */
import type { Contract } from '../contract.ts';
import { toSalesforce, type SiaNativeTask, type ToSalesforce } from '../sia-tasks.ts';
import type { SiaDeliveryRow, WorkbenchStore } from '../store.ts';
import { deliverBatch, deliverTaskChanges, EMAIL_ACTIVITIES, type Attempt, type DeliveryOptions, type OrgTarget } from './org-client.ts';
import { changeOf, type SiaTaskChange } from './requests.ts';
import { fixOf, keyFingerprint } from './signing.ts';

/** Most changes per request (the contract's maxItems). */
export const MAX_CHANGES_PER_REQUEST = 200;

/** What one round did. */
export interface RoundSummary {
  readonly sent: number;
  readonly done: number;
  readonly rejected: number;
  readonly pending: number;
  /** Changes that would go, counted when there is no org. */
  readonly waiting: number;
}

/** Where the deliverer stands, for the To Salesforce page. */
export interface DelivererState {
  readonly org: {
    readonly instanceUrl: string;
    readonly namespace: string | null;
    /** Whether calls are signed (a key was given); the key itself is never shown. */
    readonly signed: boolean;
    /** The key's fingerprint as the org's signing card shows it (first 12 hex of its SHA-256); null when unsigned. */
    readonly signingKeyFingerprint: string | null;
    readonly username: string | null;
  } | null;
  /** Why delivery is paused: the answer and what fixes it; null when it is not paused. */
  readonly paused: string | null;
  /** The error code of the answer that paused delivery (e.g. SIGNING_NOT_CONFIGURED, INVALID_SESSION_ID); null when not paused. */
  readonly pausedCode: string | null;
  /** What fixes the pause (for SIGNING_NOT_CONFIGURED: a signing key, or "accept unsigned calls" in the org); null when not paused. */
  readonly pausedFix: string | null;
  /** Until when the endpoint asked to be left alone (a long Retry-After); null when it did not. */
  readonly holdUntil: string | null;
  readonly lastRound: (RoundSummary & { readonly at: string }) | null;
}

export interface DelivererOptions
  extends Pick<DeliveryOptions, 'sleep' | 'nowSeconds' | 'maxAttempts' | 'baseBackoffSeconds' | 'timeoutMs'> {
  readonly nowMs?: () => number;
}

/** One outgoing SIA task with its delivery records, and the record of its current change (null before it is sent). */
export interface OutgoingTask {
  readonly task: SiaNativeTask;
  readonly history: readonly SiaDeliveryRow[];
  readonly current: SiaDeliveryRow | null;
}

/** A user's SIA tasks that go to Salesforce (the first-time rule), each with what became of it. */
export function outgoingOf(store: WorkbenchStore, email: string): ToSalesforce & { readonly tasks: readonly OutgoingTask[] } {
  const outgoing = toSalesforce(email, store.userSettingsOf(email), store.siaNativeTasksOf(email));
  const tasks = outgoing.eligible.map((task) => {
    const history = store.siaDeliveriesOf(task.siaTaskId);
    return { task, history, current: history.find((row) => row.sequence === task.sequence) ?? null };
  });
  return { ...outgoing, tasks };
}

/** The change each eligible task still owes Salesforce: its current state, unless already settled. */
export function owedChanges(store: WorkbenchStore): SiaTaskChange[] {
  const owed: SiaTaskChange[] = [];
  for (const user of store.listSiaUsers()) {
    for (const { task, history, current } of outgoingOf(store, user.email).tasks) {
      if (current && current.state !== 'pending') continue;
      const delivered = history.some((row) => row.state === 'done');
      // A task deleted before Salesforce ever had it owes nothing: there is no Task to delete.
      if (task.deleted && !delivered) continue;
      owed.push(changeOf(task, delivered));
    }
  }
  return owed;
}

/** The fix of an authentication pause when the org's code has none of its own. */
const REAUTHORIZE = 're-authorize the integration user (sf org login)';

export class SiaDeliverer {
  #paused: { readonly text: string; readonly code: string | null; readonly fix: string } | null = null;
  #lastRound: DelivererState['lastRound'] = null;
  #running: Promise<RoundSummary> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #batches = 0;
  #stopped = false;
  /** Epoch ms before which no request goes: the endpoint's Retry-After, longer than a round waits. */
  #holdUntil = 0;

  constructor(
    private readonly store: WorkbenchStore,
    private readonly contract: Contract,
    private readonly target: (OrgTarget & { readonly username?: string | null }) | null,
    private readonly options: DelivererOptions = {},
  ) {}

  state(): DelivererState {
    const org = this.target
      ? {
          instanceUrl: this.target.instanceUrl,
          namespace: this.target.namespace,
          signed: this.target.signingKey !== null,
          signingKeyFingerprint: this.target.signingKey === null ? null : keyFingerprint(this.target.signingKey),
          username: this.target.username ?? null,
        }
      : null;
    const nowMs = this.options.nowMs ?? Date.now;
    return {
      org,
      paused: this.#paused?.text ?? null,
      pausedCode: this.#paused?.code ?? null,
      pausedFix: this.#paused?.fix ?? null,
      holdUntil: this.#holdUntil > nowMs() ? new Date(this.#holdUntil).toISOString() : null,
      lastRound: this.#lastRound,
    };
  }

  /** Clears an authentication pause (after an admin fixed the credential) and runs a round. */
  resume(): Promise<RoundSummary> {
    this.#paused = null;
    return this.round();
  }

  /** One round; a round already running is joined, not doubled. */
  round(): Promise<RoundSummary> {
    this.#running ??= this.#round().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Runs a round every `intervalMs` until {@link stop}. */
  start(intervalMs: number): void {
    this.#stopped = false;
    const tick = (): void => {
      if (this.#stopped) return;
      this.#timer = setTimeout(() => {
        void this.round()
          .catch(() => undefined)
          .finally(tick);
      }, intervalMs);
    };
    tick();
  }

  /** Stops the rounds; resolves once a round in flight has recorded its outcomes (before the store closes). */
  async stop(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#stopped = true;
    await this.#running?.catch(() => undefined);
  }

  async #round(): Promise<RoundSummary> {
    const owed = owedChanges(this.store);
    const activities = this.store.listEmailActivities().filter((row) => row.state === null || row.state === 'pending');
    const nowMs = this.options.nowMs ?? Date.now;
    let summary: RoundSummary = { sent: 0, done: 0, rejected: 0, pending: 0, waiting: 0 };
    if (this.target === null || this.#paused !== null || nowMs() < this.#holdUntil) {
      summary = { ...summary, waiting: owed.length + activities.length };
    } else {
      for (let start = 0; start < owed.length && this.#paused === null && nowMs() >= this.#holdUntil; start += MAX_CHANGES_PER_REQUEST) {
        const chunk = owed.slice(start, start + MAX_CHANGES_PER_REQUEST);
        this.#batches += 1;
        const delivery = await deliverTaskChanges(this.target, chunk, {
          contract: this.contract,
          batchId: `wb-${nowMs()}-${this.#batches}`,
          ...this.options,
        });
        const attempts = delivery.attempts.length;
        for (const change of chunk) {
          const outcome = delivery.items.get(change.eventId);
          if (!outcome) continue;
          const previous = this.store.findSiaDelivery(change.eventId);
          const row: SiaDeliveryRow = {
            eventId: change.eventId,
            siaTaskId: change.siaTaskId,
            sequence: change.sequence,
            operation: change.operation,
            state: outcome.state,
            category: outcome.state === 'done' ? null : outcome.category,
            detail: outcome.state === 'done' ? outcome.status : outcome.reason,
            salesforceTaskId: outcome.state === 'done' ? outcome.taskId : null,
            attempts: (previous?.attempts ?? 0) + attempts,
            updatedAt: new Date(nowMs()).toISOString(),
          };
          this.store.saveSiaDelivery(row);
          if (outcome.state === 'done' && outcome.taskId) this.link(change.siaTaskId, outcome.taskId);
          summary = { ...summary, sent: summary.sent + 1, [outcome.state]: summary[outcome.state] + 1 };
        }
        if (delivery.stopped === 'authentication') this.#pause(delivery.attempts.at(-1));
        if (delivery.holdSeconds !== null) this.#holdUntil = nowMs() + delivery.holdSeconds * 1000;
      }
      for (
        let start = 0;
        start < activities.length && this.#paused === null && nowMs() >= this.#holdUntil;
        start += MAX_CHANGES_PER_REQUEST
      ) {
        const chunk = activities.slice(start, start + MAX_CHANGES_PER_REQUEST);
        this.#batches += 1;
        const delivery = await deliverBatch(
          this.target,
          EMAIL_ACTIVITIES,
          chunk.map((row) => row.activity),
          { contract: this.contract, batchId: `wb-${nowMs()}-${this.#batches}`, ...this.options },
        );
        for (const row of chunk) {
          const outcome = delivery.items.get(row.siaMessageId);
          if (!outcome) continue;
          this.store.saveEmailActivity({
            ...row,
            state: outcome.state,
            category: outcome.state === 'done' ? null : outcome.category,
            detail: outcome.state === 'done' ? outcome.status : outcome.reason,
            taskIds: outcome.state === 'done' ? outcome.taskIds : row.taskIds,
            attempts: row.attempts + delivery.attempts.length,
            updatedAt: new Date(nowMs()).toISOString(),
          });
          summary = { ...summary, sent: summary.sent + 1, [outcome.state]: summary[outcome.state] + 1 };
        }
        if (delivery.stopped === 'authentication') this.#pause(delivery.attempts.at(-1));
        if (delivery.holdSeconds !== null) this.#holdUntil = nowMs() + delivery.holdSeconds * 1000;
      }
    }
    this.#lastRound = { ...summary, at: new Date(nowMs()).toISOString() };
    return summary;
  }

  /** Pauses on the attempt that was refused; its code's fix (SIGNING_NOT_CONFIGURED) or re-authorizing ends the pause. */
  #pause(attempt: Attempt | undefined): void {
    const code = attempt?.code ?? null;
    const detail = attempt?.detail ?? '';
    const own = fixOf(code);
    // An attempt refused with a code the workbench knows carries the fix in its detail already.
    const text = own === null ? `authentication: ${detail} — ${REAUTHORIZE}, then resume.` : `authentication: ${detail} — then resume.`;
    this.#paused = { text, code, fix: own ?? REAUTHORIZE };
  }

  /** Stores the Salesforce Task a SIA task is now linked to, so later changes name it. */
  private link(siaTaskId: string, salesforceTaskId: string): void {
    const task: SiaNativeTask | undefined = this.store.findSiaNativeTask(siaTaskId);
    if (task && task.salesforceTaskId !== salesforceTaskId) this.store.saveSiaNativeTask({ ...task, salesforceTaskId });
  }
}
