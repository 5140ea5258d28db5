/**
 * The settings page's data, as `SettingsPageController.load` answers it (one cacheable round
 * trip), and the checks the cards make before a save. The server repeats every one of them
 * (`SyncSettingsValidator`, `BccActivationService`); these only spare a round trip and say what
 * is wrong next to the field.
 */

/** How a setting's value is written. */
export type SettingKind = 'FLAG' | 'CHOICE' | 'TEXT';

/** Where an effective value comes from. */
export type SettingSource = 'DEFAULT_VALUE' | 'ORG' | 'PROFILE' | 'USER';

/** One setting, with its definition, the running user's effective value and (admins) the org value. */
export interface SettingItem {
  key: string;
  kind: SettingKind;
  choices: string[];
  defaultValue: string;
  maxLength: number;
  /** The running user's effective value. */
  value: string;
  source: SettingSource;
  /** Whether reps may override the org value. */
  repOverridable: boolean;
  /** Whether the running user may not change it (a rep, and the admin has not let reps override it). */
  locked: boolean;
  /** The value stored at org level (admins only; null when the default applies). */
  orgValue: string | null;
}

/** Whether this org can log through the API, and why not. */
export interface ApiLoggingVerdict {
  available: boolean;
  edition: string;
  reason: string | null;
}

/** One guided step; `url` is a Lightning URL relative to the org, or null. */
export interface GuideStep {
  position: number;
  text: string;
  url: string | null;
}

/** The Email to Salesforce (BCC) guides. */
export interface BccGuides {
  addressNotReceived: GuideStep[];
  emailToSalesforceMissing: GuideStep[];
}

/** The running user's Email to Salesforce (BCC) state. */
export interface BccState {
  active: boolean;
  address: string | null;
}

/** The running user's latest first-time sync. */
export interface InitialSyncProgress {
  state: 'queued' | 'running' | 'done' | 'failed' | 'stopped';
  queued: number | null;
  alreadySynced: number | null;
  failed: number | null;
  lastError: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  replaysDeletes: boolean;
  chunksProcessed: number | null;
  chunksTotal: number | null;
}

/** What the relay last knew of the connection (no callout on load). */
export interface ConnectionState {
  paused: boolean;
  pauseReason: string | null;
  lastSuccessAt: string | null;
  lastFailure: string | null;
}

/** Sync health (admins only). */
export interface SyncHealth {
  countByStatus: Record<'pending' | 'failed' | 'dead' | 'paused' | 'sent', number>;
  undeliveredByCategory: Record<string, number>;
  oldestPendingAgeSeconds: number | null;
  lastSuccessAt: string | null;
  pausedAt: string | null;
  pauseReason: string | null;
  lastFailure: string | null;
  latencyP50Seconds: number | null;
  latencyP95Seconds: number | null;
  latencySample: number;
  lastReconciledAt: string | null;
  lastReconcileRepaired: number | null;
  lastReconcileFailures: string | null;
}

/** The whole page, loaded once. */
export interface SettingsPage {
  isAdmin: boolean;
  settings: SettingItem[];
  /** Keys reps may change: for admins the org's list (what they edit), for reps their effective one. */
  repOverridable: string[];
  /** Stored values the server ignored, with the reason. */
  problems: string[];
  apiLogging: ApiLoggingVerdict;
  /** Active values of the org's Task Type picklist. */
  taskTypes: string[];
  /** Tokens the subject template may use. */
  subjectTokens: string[];
  bcc: BccState;
  bccGuides: BccGuides;
  initialSync: InitialSyncProgress | null;
  connection: ConnectionState;
  /** Admins only; null for reps. */
  health: SyncHealth | null;
  /** Admins only: open Unresolved Email Activities to review; null for reps. */
  unresolvedOpen: number | null;
}

/** The answer of every save: all or nothing; problems keyed by setting (or `bccAddress`). */
export interface SaveResult {
  saved: boolean;
  problems: Record<string, string>;
}

/** Salesforce's shape for errors reaching a component (wire or imperative). */
export interface ServerError {
  body?: { message?: string; pageErrors?: { message?: string }[]; fieldErrors?: Record<string, { message?: string }[]> } | null;
  message?: string;
}

/**
 * The server's own message for an error, or the fallback when it has none.
 * @param error what a wire or an imperative Apex call rejected with
 * @param fallback the component's message (a Custom Label)
 */
export function messageOf(error: ServerError | null | undefined, fallback: string): string {
  const body = error?.body;
  return body?.message || body?.pageErrors?.[0]?.message || error?.message || fallback;
}

/**
 * The setting of a key.
 * @param page the page
 * @param key a setting key
 */
export function settingOf(page: SettingsPage, key: string): SettingItem | undefined {
  return page.settings.find((item) => item.key === key);
}

/**
 * Why a value cannot be saved for a setting (the server's words, `SyncSetting.problemWith`).
 * @param item the setting
 * @param value the value (blank: back to the inherited value, always valid)
 * @returns null when it may be saved
 */
export function problemWith(item: SettingItem, value: string): string | null {
  if (value.trim() === '') return null;
  if (item.kind === 'FLAG' && value !== 'true' && value !== 'false') return `${item.key}: "${value}" is not a flag; use true or false.`;
  if (item.kind === 'CHOICE' && !item.choices.includes(value)) return `${item.key}: "${value}" is not one of ${item.choices.join(', ')}.`;
  if (value.length > item.maxLength) return `${item.key}: the value is longer than ${item.maxLength} characters; shorten it.`;
  return null;
}

/** The shape of a Salesforce Email-to-Salesforce address (as `BccActivationService` checks it). */
export const BCC_ADDRESS_SHAPE = /^emailtosalesforce@[a-z0-9]+([.-][a-z0-9]+)*\.salesforce\.com$/i;

/**
 * Why a pasted Email-to-Salesforce address cannot be activated.
 * @param address what the user pasted
 * @returns null when it has the right shape
 */
export function bccAddressProblem(address: string | null | undefined): string | null {
  const pasted = (address ?? '').trim();
  if (pasted === '') return 'Paste your Email to Salesforce address from Settings → Email → My Email to Salesforce.';
  if (!BCC_ADDRESS_SHAPE.test(pasted)) {
    return `"${pasted}" is not an Email to Salesforce address: it starts with emailtosalesforce@ and ends with .salesforce.com.`;
  }
  return null;
}

/**
 * Asks the browser to confirm leaving the page while a card holds unsaved changes. One per card;
 * `hold(false)` (always called when the card is removed) takes the listener away again.
 */
export class UnsavedChangesGuard {
  private holding = false;
  private readonly onBeforeUnload = (event: Event): void => {
    event.preventDefault();
    // Older browsers show the prompt only when returnValue is set.
    (event as BeforeUnloadEvent).returnValue = '';
  };

  /** Whether the guard is on now. */
  get isHolding(): boolean {
    return this.holding;
  }

  /**
   * Turns the guard on or off (repeating a state does nothing).
   * @param on whether the card holds unsaved changes
   */
  hold(on: boolean): void {
    if (on === this.holding) return;
    this.holding = on;
    if (on) window.addEventListener('beforeunload', this.onBeforeUnload);
    else window.removeEventListener('beforeunload', this.onBeforeUnload);
  }
}
