import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import retryFailed from '@salesforce/apex/SyncHealthController.retryFailed';
import resume from '@salesforce/apex/SyncHealthController.resume';
import TITLE from '@salesforce/label/c.SiSync_Health_Title';
import PENDING from '@salesforce/label/c.SiSync_Health_Pending';
import FAILED from '@salesforce/label/c.SiSync_Health_Failed';
import DEAD from '@salesforce/label/c.SiSync_Health_Dead';
import PAUSED from '@salesforce/label/c.SiSync_Health_Paused';
import COUNTS_HEADING from '@salesforce/label/c.SiSync_Health_CountsHeading';
import DELIVERY_HEADING from '@salesforce/label/c.SiSync_Health_DeliveryHeading';
import OLDEST_PENDING from '@salesforce/label/c.SiSync_Health_OldestPending';
import NOTHING_PENDING from '@salesforce/label/c.SiSync_Health_NothingPending';
import LAST_SUCCESS from '@salesforce/label/c.SiSync_Health_LastSuccess';
import NEVER from '@salesforce/label/c.SiSync_Health_Never';
import LATENCY from '@salesforce/label/c.SiSync_Health_Latency';
import LATENCY_VALUE from '@salesforce/label/c.SiSync_Health_LatencyValue';
import NO_LATENCY from '@salesforce/label/c.SiSync_Health_NoLatency';
import LAST_FAILURE from '@salesforce/label/c.SiSync_Health_LastFailure';
import NONE from '@salesforce/label/c.SiSync_Health_None';
import RECONCILE_HEADING from '@salesforce/label/c.SiSync_Health_ReconcileHeading';
import LAST_RECONCILED from '@salesforce/label/c.SiSync_Health_LastReconciled';
import NOT_RECONCILED from '@salesforce/label/c.SiSync_Health_NotReconciled';
import REPAIRED from '@salesforce/label/c.SiSync_Health_Repaired';
import REPAIRED_VALUE from '@salesforce/label/c.SiSync_Health_RepairedValue';
import RECONCILE_FAILURES from '@salesforce/label/c.SiSync_Health_ReconcileFailures';
import ERRORS_HEADING from '@salesforce/label/c.SiSync_Health_ErrorsHeading';
import NO_ERRORS from '@salesforce/label/c.SiSync_Health_NoErrors';
import CATEGORY_ACCESS from '@salesforce/label/c.SiSync_Health_CategoryAccess';
import CATEGORY_AUTHENTICATION from '@salesforce/label/c.SiSync_Health_CategoryAuthentication';
import CATEGORY_INTERMITTENT from '@salesforce/label/c.SiSync_Health_CategoryIntermittent';
import CATEGORY_OTHER from '@salesforce/label/c.SiSync_Health_CategoryOther';
import PAUSED_REASON from '@salesforce/label/c.SiSync_Health_PausedReason';
import PAUSED_NO_REASON from '@salesforce/label/c.SiSync_Health_PausedNoReason';
import PAUSED_SINCE from '@salesforce/label/c.SiSync_Health_PausedSince';
import RESUME_HINT from '@salesforce/label/c.SiSync_Health_ResumeHint';
import UNRESOLVED_HEADING from '@salesforce/label/c.SiSync_Health_UnresolvedHeading';
import UNRESOLVED_COUNT from '@salesforce/label/c.SiSync_Health_UnresolvedCount';
import UNRESOLVED_NONE from '@salesforce/label/c.SiSync_Health_UnresolvedNone';
import UNRESOLVED_LINK from '@salesforce/label/c.SiSync_Health_UnresolvedLink';
import RETRY_BUTTON from '@salesforce/label/c.SiSync_Health_RetryButton';
import RESUME_BUTTON from '@salesforce/label/c.SiSync_Health_ResumeButton';
import WORKING from '@salesforce/label/c.SiSync_Health_Working';
import QUEUED_ONE from '@salesforce/label/c.SiSync_Health_QueuedOne';
import QUEUED_MANY from '@salesforce/label/c.SiSync_Health_QueuedMany';
import RETRY_DONE from '@salesforce/label/c.SiSync_Health_RetryDone';
import RESUME_DONE from '@salesforce/label/c.SiSync_Health_ResumeDone';
import RETRY_ERROR from '@salesforce/label/c.SiSync_Health_RetryError';
import RESUME_ERROR from '@salesforce/label/c.SiSync_Health_ResumeError';
import ERROR_TITLE from '@salesforce/label/c.SiSync_Health_ErrorTitle';
import AGE_SECONDS from '@salesforce/label/c.SiSync_Health_AgeSeconds';
import AGE_MINUTES from '@salesforce/label/c.SiSync_Health_AgeMinutes';
import AGE_HOURS from '@salesforce/label/c.SiSync_Health_AgeHours';
import AGE_DAYS from '@salesforce/label/c.SiSync_Health_AgeDays';
import UNRESOLVED_EMAIL_ACTIVITY from '@salesforce/schema/UnresolvedEmailActivity__c';
import { messageOf, type ServerError, type SettingsPage, type SyncHealth } from 'c/settingsModel';

/** The list view of Unresolved Email Activities; the platform adds the package namespace to the API name. */
const UNRESOLVED_LIST_URL = `/lightning/o/${UNRESOLVED_EMAIL_ACTIVITY.objectApiName}/list`;

/** Error categories in the order SIA's diagnostics list them, with their plain names. */
const CATEGORY_NAMES: ReadonlyMap<string, string> = new Map([
  ['access', CATEGORY_ACCESS],
  ['authentication', CATEGORY_AUTHENTICATION],
  ['intermittent', CATEGORY_INTERMITTENT],
  ['other', CATEGORY_OTHER],
]);

type Status = 'pending' | 'failed' | 'dead' | 'paused';
const TILES: readonly { key: Status; label: string }[] = [
  { key: 'pending', label: PENDING },
  { key: 'failed', label: FAILED },
  { key: 'dead', label: DEAD },
  { key: 'paused', label: PAUSED },
];

/** One status tile. */
interface Tile {
  key: Status;
  label: string;
  count: number;
}

/** One error category with its undelivered changes. */
interface CategoryRow {
  key: string;
  label: string;
  count: number;
}

/** A label with its {0}, {1}… placeholders filled in. */
function format(label: string, ...values: (string | number)[]): string {
  return label.replace(/\{(\d+)\}/g, (placeholder, index: string) => String(values[Number(index)] ?? placeholder));
}

/** A duration as people say it: "35 s", "1 min 35 s", "2 h 5 min", "3 d 4 h". */
function humanDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < 60) return format(AGE_SECONDS, seconds);
  if (seconds < 3600) return format(AGE_MINUTES, Math.floor(seconds / 60), seconds % 60);
  if (seconds < 86400) return format(AGE_HOURS, Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60));
  return format(AGE_DAYS, Math.floor(seconds / 86400), Math.floor((seconds % 86400) / 3600));
}

/**
 * "Sync health" (admins only): what the outbox holds and how fast it drains, what the last
 * reconciliation repaired, errors by category, a pause and its reason, unresolved email
 * activities to review, and the repairs — **Retry failed** and **Resume**. Reps see nothing.
 */
export default class SyncHealthCard extends LightningElement {
  @api page: SettingsPage | undefined;

  readonly labels = {
    title: TITLE,
    countsHeading: COUNTS_HEADING,
    deliveryHeading: DELIVERY_HEADING,
    oldestPending: OLDEST_PENDING,
    lastSuccess: LAST_SUCCESS,
    never: NEVER,
    latency: LATENCY,
    lastFailure: LAST_FAILURE,
    reconcileHeading: RECONCILE_HEADING,
    lastReconciled: LAST_RECONCILED,
    notReconciled: NOT_RECONCILED,
    repaired: REPAIRED,
    reconcileFailures: RECONCILE_FAILURES,
    errorsHeading: ERRORS_HEADING,
    noErrors: NO_ERRORS,
    pausedSince: PAUSED_SINCE,
    resumeHint: RESUME_HINT,
    unresolvedHeading: UNRESOLVED_HEADING,
    unresolvedLink: UNRESOLVED_LINK,
    retry: RETRY_BUTTON,
    resume: RESUME_BUTTON,
    working: WORKING,
  };

  readonly unresolvedUrl = UNRESOLVED_LIST_URL;

  running = false;
  /** The outcome of the last repair, announced in the card's live region. */
  status: { message: string; className: string } | null = null;

  /** The health figures, for admins; null renders nothing. */
  get health(): SyncHealth | null {
    return this.page?.isAdmin ? (this.page.health ?? null) : null;
  }

  get tiles(): Tile[] {
    const counts = this.health?.countByStatus;
    return TILES.map(({ key, label }) => ({ key, label, count: counts?.[key] ?? 0 }));
  }

  get oldestPending(): string {
    const age = this.health?.oldestPendingAgeSeconds;
    return age === null || age === undefined ? NOTHING_PENDING : humanDuration(age);
  }

  get latency(): string {
    const health = this.health;
    if (!health || health.latencySample === 0 || health.latencyP50Seconds === null || health.latencyP95Seconds === null) return NO_LATENCY;
    return format(LATENCY_VALUE, humanDuration(health.latencyP50Seconds), humanDuration(health.latencyP95Seconds), health.latencySample);
  }

  get lastFailure(): string {
    return this.health?.lastFailure || NONE;
  }

  get repaired(): string {
    const repaired = this.health?.lastReconcileRepaired;
    return repaired === null || repaired === undefined ? NONE : format(REPAIRED_VALUE, repaired);
  }

  get reconcileFailures(): string {
    return this.health?.lastReconcileFailures || NONE;
  }

  /** Undelivered changes per error category: known categories first, in order, then unknown ones by key. */
  get categories(): CategoryRow[] {
    const counts = Object.entries(this.health?.undeliveredByCategory ?? {}).filter(([, count]) => count > 0);
    const rank = (key: string): number => {
      const position = [...CATEGORY_NAMES.keys()].indexOf(key);
      return position === -1 ? CATEGORY_NAMES.size : position;
    };
    return counts
      .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
      .map(([key, count]) => ({ key, label: CATEGORY_NAMES.get(key) ?? key, count }));
  }

  get hasCategories(): boolean {
    return this.categories.length > 0;
  }

  get paused(): boolean {
    const health = this.health;
    return !!health && (health.countByStatus.paused > 0 || !!health.pausedAt);
  }

  get pausedText(): string {
    const reason = this.health?.pauseReason;
    return reason ? format(PAUSED_REASON, reason) : PAUSED_NO_REASON;
  }

  get hasUnresolved(): boolean {
    const open = this.page?.unresolvedOpen;
    return open !== null && open !== undefined;
  }

  get unresolvedText(): string {
    const open = this.page?.unresolvedOpen ?? 0;
    return open > 0 ? format(UNRESOLVED_COUNT, open) : UNRESOLVED_NONE;
  }

  get retryDisabled(): boolean {
    const counts = this.health?.countByStatus;
    return this.running || !counts || counts.failed + counts.dead === 0;
  }

  get resumeDisabled(): boolean {
    return this.running || !this.paused;
  }

  handleRetry(): Promise<void> {
    return this.repair(retryFailed, RETRY_DONE, RETRY_ERROR);
  }

  handleResume(): Promise<void> {
    return this.repair(resume, RESUME_DONE, RESUME_ERROR);
  }

  /** Runs a repair, says how many changes are due again (or why not), and lets the page reload the health. */
  private async repair(operation: () => Promise<unknown>, doneTitle: string, fallback: string): Promise<void> {
    this.running = true;
    this.status = null;
    try {
      const queued = Number(await operation());
      const message = queued === 1 ? QUEUED_ONE : format(QUEUED_MANY, queued);
      this.status = { message, className: 'slds-text-color_success' };
      this.dispatchEvent(new ShowToastEvent({ title: doneTitle, message, variant: 'success' }));
      this.dispatchEvent(new CustomEvent('saved'));
    } catch (error) {
      const message = messageOf(error as ServerError, fallback);
      this.status = { message, className: 'slds-text-color_error' };
      this.dispatchEvent(new ShowToastEvent({ title: ERROR_TITLE, message, variant: 'error', mode: 'sticky' }));
    } finally {
      this.running = false;
    }
  }
}
