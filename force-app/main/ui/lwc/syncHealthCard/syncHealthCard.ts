import { LightningElement, api } from 'lwc';
import retryFailed from '@salesforce/apex/SyncHealthController.retryFailed';
import resume from '@salesforce/apex/SyncHealthController.resume';
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
import CATEGORY_CONFIGURATION from '@salesforce/label/c.SiSync_Health_CategoryConfiguration';
import ACTION_ACCESS from '@salesforce/label/c.SiSync_Health_ActionAccess';
import ACTION_AUTHENTICATION from '@salesforce/label/c.SiSync_Health_ActionAuthentication';
import ACTION_INTERMITTENT from '@salesforce/label/c.SiSync_Health_ActionIntermittent';
import ACTION_OTHER from '@salesforce/label/c.SiSync_Health_ActionOther';
import ACTION_CONFIGURATION from '@salesforce/label/c.SiSync_Health_ActionConfiguration';
import OUTBOX_LINK from '@salesforce/label/c.SiSync_Health_OutboxLink';
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
import OUTBOX_MESSAGE from '@salesforce/schema/OutboxMessage__c';
import { format, messageOf, showToast, type ServerError, type SettingsPage, type SyncHealth } from 'c/settingsModel';

/** List views (Lightning URLs); the platform adds the package namespace to the API names. */
const UNRESOLVED_LIST_URL = `/lightning/o/${UNRESOLVED_EMAIL_ACTIVITY.objectApiName}/list`;
const OUTBOX_LIST_URL = `/lightning/o/${OUTBOX_MESSAGE.objectApiName}/list`;

/**
 * The relay's error categories (`DeliveryPolicy`), in the order SIA's diagnostics list them, with
 * their plain names and what an admin does about each; last the relay's own `configuration`
 * failure (`OutboxDelivery`: the relay does not run as the integration user), which only the last
 * failure can name.
 */
const CATEGORIES: ReadonlyMap<string, { name: string; action: string }> = new Map([
  ['access', { name: CATEGORY_ACCESS, action: ACTION_ACCESS }],
  ['authentication', { name: CATEGORY_AUTHENTICATION, action: ACTION_AUTHENTICATION }],
  ['intermittent', { name: CATEGORY_INTERMITTENT, action: ACTION_INTERMITTENT }],
  ['other', { name: CATEGORY_OTHER, action: ACTION_OTHER }],
  ['configuration', { name: CATEGORY_CONFIGURATION, action: ACTION_CONFIGURATION }],
]);

/** How a tile with changes in it looks: neutral while it is empty. */
type Tone = 'neutral' | 'info' | 'warning' | 'error';

const TONE_CLASSES: Readonly<Record<Tone, string>> = {
  neutral: 'slds-theme_default',
  info: 'slds-theme_info',
  warning: 'slds-theme_warning',
  error: 'slds-theme_error',
};

type Status = 'pending' | 'failed' | 'dead' | 'paused';
const TILES: readonly { key: Status; label: string; icon: string; tone: Tone }[] = [
  { key: 'pending', label: PENDING, icon: 'utility:clock', tone: 'info' },
  { key: 'failed', label: FAILED, icon: 'utility:refresh', tone: 'warning' },
  { key: 'dead', label: DEAD, icon: 'utility:error', tone: 'error' },
  { key: 'paused', label: PAUSED, icon: 'utility:pause', tone: 'warning' },
];

/** One status tile: its words, icon and count, coloured by what the count means. */
interface Tile {
  key: Status;
  label: string;
  icon: string;
  count: number;
  tone: Tone;
  className: string;
  /** White icons on the dark themes (info, error), the default elsewhere. */
  iconVariant: string;
}

/** One error category with its undelivered changes and what to do. */
interface CategoryRow {
  key: string;
  label: string;
  count: number;
  action: string;
}

/** The last failure, read: the category's plain name, the endpoint's words, what to do. */
interface Failure {
  category: string;
  detail: string;
  action: string;
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
 * A stored failure (`<category>: <detail>`, as `OutboxDelivery` writes it) in words; one without a
 * known category is shown whole, as "other".
 */
function failureOf(stored: string): Failure {
  const match = /^([a-z]+): ([\s\S]*)$/.exec(stored);
  const known = match ? CATEGORIES.get(match[1] ?? '') : undefined;
  const { name, action } = known ?? { name: CATEGORY_OTHER, action: ACTION_OTHER };
  return { category: name, detail: known && match ? (match[2] ?? '') : stored, action };
}

/**
 * "Sync health" (admins only): the repairs **Retry failed** and **Resume**, what the outbox holds
 * (tiles coloured and worded by what each count means) and how fast it drains, the last failure
 * and errors by category each with what to do, a pause and its reason, what the last
 * reconciliation repaired, and unresolved email activities to review. Reps see nothing. After a
 * repair it fires `saved`, and the page reloads the figures.
 */
export default class SyncHealthCard extends LightningElement {
  @api page: SettingsPage | undefined;

  readonly labels = {
    countsHeading: COUNTS_HEADING,
    deliveryHeading: DELIVERY_HEADING,
    oldestPending: OLDEST_PENDING,
    lastSuccess: LAST_SUCCESS,
    never: NEVER,
    latency: LATENCY,
    lastFailure: LAST_FAILURE,
    none: NONE,
    reconcileHeading: RECONCILE_HEADING,
    lastReconciled: LAST_RECONCILED,
    notReconciled: NOT_RECONCILED,
    repaired: REPAIRED,
    reconcileFailures: RECONCILE_FAILURES,
    errorsHeading: ERRORS_HEADING,
    noErrors: NO_ERRORS,
    outboxLink: OUTBOX_LINK,
    pausedSince: PAUSED_SINCE,
    resumeHint: RESUME_HINT,
    unresolvedHeading: UNRESOLVED_HEADING,
    unresolvedLink: UNRESOLVED_LINK,
    retry: RETRY_BUTTON,
    resume: RESUME_BUTTON,
    working: WORKING,
  };

  readonly unresolvedUrl = UNRESOLVED_LIST_URL;
  readonly outboxUrl = OUTBOX_LIST_URL;

  running = false;
  /** The outcome of the last repair, announced in the card's live region. */
  status: { message: string; className: string } | null = null;

  /** The health figures, for admins; null renders nothing. */
  get health(): SyncHealth | null {
    return this.page?.isAdmin ? (this.page.health ?? null) : null;
  }

  get tiles(): Tile[] {
    const counts = this.health?.countByStatus;
    return TILES.map(({ key, label, icon, tone: busyTone }) => {
      const count = counts?.[key] ?? 0;
      const tone = count > 0 ? busyTone : 'neutral';
      return {
        key,
        label,
        icon,
        count,
        tone,
        className: `slds-box slds-box_x-small slds-text-align_center ${TONE_CLASSES[tone]}`,
        iconVariant: tone === 'info' || tone === 'error' ? 'inverse' : '',
      };
    });
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

  /** The last failure in words, or null when there was none. */
  get lastFailure(): Failure | null {
    const stored = this.health?.lastFailure;
    return stored ? failureOf(stored) : null;
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
    const order = [...CATEGORIES.keys()];
    const rank = (key: string): number => {
      const position = order.indexOf(key);
      return position === -1 ? order.length : position;
    };
    return counts
      .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
      .map(([key, count]) => {
        const known = CATEGORIES.get(key);
        return { key, label: known?.name ?? key, count, action: known?.action ?? ACTION_OTHER };
      });
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
      showToast(this, doneTitle, message, 'success');
      this.dispatchEvent(new CustomEvent('saved'));
    } catch (error) {
      const message = messageOf(error as ServerError, fallback);
      this.status = { message, className: 'slds-text-color_error' };
      showToast(this, ERROR_TITLE, message, 'error', 'sticky');
    } finally {
      this.running = false;
    }
  }
}
