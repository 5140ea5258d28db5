import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import NOT_A_FLAG from '@salesforce/label/c.SiSync_Model_NotAFlag';
import NOT_A_CHOICE from '@salesforce/label/c.SiSync_Model_NotAChoice';
import TOO_LONG from '@salesforce/label/c.SiSync_Model_TooLong';
import BCC_ADDRESS_MISSING from '@salesforce/label/c.SiSync_Model_BccAddressMissing';
import BCC_ADDRESS_SHAPE_PROBLEM from '@salesforce/label/c.SiSync_Model_BccAddressShape';

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
/** The setup assistant's steps: credentials, permission sets, integration user, running user, jobs, signing, connection. */
export const SETUP_STEP_COUNT = 7;

/** A setup step's state (`SetupAssistant`): done, to do, works but not as it should, or could not be read. */
export type SetupState = 'done' | 'todo' | 'warning' | 'unknown';

/** Step 1: the credentials, secrets left out. */
export interface SetupCredentials {
  state: SetupState;
  readable: boolean;
  principalConfigured: boolean | null;
  tokenUrlSet: boolean | null;
  endpointUrlSet: boolean | null;
  endpointUrl: string | null;
  problem: string | null;
}

/** Step 2: active holders of each packaged permission set. */
export interface SetupPermissionSets {
  state: SetupState;
  admins: number;
  users: number;
  integration: number;
  adminSetId: string | null;
  userSetId: string | null;
  integrationSetId: string | null;
}

/** A holder of the Integration set, checked against the subscriber baseline. */
export interface SetupHolder {
  userId: string;
  // eslint-disable-next-line no-restricted-globals -- a property of the Apex answer, not window.name
  name: string;
  username: string;
  active: boolean;
  /** Baseline codes it lacks: ApiEnabled, ApexRestServices, EditTask, LeadAccess, ContactAccess, AccountRead, LeadEmail, ContactEmail. */
  missing: string[];
  /** Grants it should not have: SystemAdministrator, ModifyAllData, ViewAllData. */
  excess: string[];
}

/** The last recorded run of a background part. */
export interface SetupRun {
  part: string;
  ranAsId: string | null;
  ranAsName: string | null;
  asIntegrationUser: boolean;
  ranAt: string | null;
  result: string | null;
}

/** One scheduled job of the package. */
export interface SetupJob {
  job: 'watchdog' | 'sweep' | 'purge';
  state: SetupState;
  expected: number;
  scheduled: number;
  nextRunAt: string | null;
  ownerName: string | null;
  ownedByIntegrationUser: boolean;
  lastRun: SetupRun | null;
}

/** The setup assistant's seven steps (`SetupAssistant`), admins only. */
export interface SetupAssistantState {
  credentials: SetupCredentials;
  permissionSets: SetupPermissionSets;
  integrationUser: { state: SetupState; holders: SetupHolder[] };
  runs: { state: SetupState; heartbeat: SetupRun | null; relayTrigger: SetupRun | null };
  jobs: { state: SetupState; jobs: SetupJob[] };
  signing: {
    state: SetupState;
    activeKeys: number;
    newestKeyFrom: string | null;
    rotationDue: boolean;
    /** Calls without a key (by an admin's choice) or without a signature (in grace) are accepted now. */
    unsignedAccepted: boolean;
    /** No key and no "accept unsigned calls": every inbound call but the heartbeat is refused. */
    unsignedRefused: boolean;
    graceUntil: string | null;
  };
  connection: { state: SetupState; paused: boolean; lastSuccessAt: string | null };
  doneCount: number;
}

/** A signing key as the card shows it (`SigningKeyService.KeyView`): never its secret. */
export interface SigningKeyView {
  keyId: string;
  fingerprint: string;
  activeFrom: string;
  retireAt: string | null;
  current: boolean;
  createdByName: string | null;
}

/** The signing card's state (`SigningKeyService.State`), admins only. */
export interface SigningState {
  keys: SigningKeyView[];
  unsignedAcceptedAt: string | null;
  unsignedAcceptedByName: string | null;
  graceUntil: string | null;
  graceSetByName: string | null;
  /** A call without a key or signature is refused right now. */
  unsignedRefused: boolean;
  maxGraceDays: number;
  defaultOverlapHours: number;
  maxOverlapHours: number;
}

/** The page's one load: the Apex `SettingsPageData`, as `SettingsPageController.load` serializes it. */
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
  /**
   * Admins only: why a task-sync mode other than "none" cannot be a default for many users (org or
   * profile), in the server's words (`TaskSyncDefaults.problemWith`); null when defaults may turn
   * sync on, and for reps.
   */
  defaultModeRefusal: string | null;
  /** Admins only: the setup assistant's steps; null (or absent in older fixtures) for everyone else. */
  setup?: SetupAssistantState | null;
  /** Admins only: the signing card's state; null (or absent in older fixtures) for everyone else. */
  signing?: SigningState | null;
  /** Not an admin of the package, but may assign permission sets: offer the Admin set. */
  canAssignAdminSet?: boolean;
}

/** A profile an admin may give its own values (`ProfileSettingsController.listProfiles`). */
export interface ProfileOption {
  id: string;
  // eslint-disable-next-line no-restricted-globals -- a property of the Apex answer, not window.name: the rule misreads TypeScript property signatures
  name: string;
  /** The profile has values or a list of its own. */
  hasOverrides: boolean;
}

/** One profile's own values (`ProfileSettingsController.getProfileSettings`). */
export interface ProfileSettings {
  profileId: string;
  profileName: string;
  /** Setting key → the profile's stored value; a key absent follows the org value. */
  values?: Record<string, string>;
  /** What reps of the profile may change; null (or absent: Aura leaves nulls out) while it follows the org's list. */
  repOverridable?: string[] | null;
  /** The org's list, which the profile follows while its own is null. */
  orgRepOverridable: string[];
}

/** What a profile's save sends (`ProfileSettingsController.saveProfileSettings`). */
export interface ProfileSaveRequest {
  profileId: string;
  values: Record<string, string>;
  /** The profile's whole list, or null to keep following the org's. */
  repOverridable: string[] | null;
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
 * A Custom Label with its `{0}`, `{1}`… placeholders filled in (a placeholder with no value stays).
 * @param label the label's value
 * @param values what replaces each placeholder, by position
 */
export function format(label: string, ...values: readonly (string | number)[]): string {
  return label.replace(/\{(\d+)\}/g, (placeholder: string, index: string) => {
    const value = values[Number(index)];
    return value === undefined ? placeholder : String(value);
  });
}

/** How a toast looks: the platform's variants. */
export type ToastVariant = 'success' | 'error' | 'warning' | 'info';

/**
 * Asks the platform for a toast (`lightning/platformShowToastEvent`), dispatched from the component.
 * @param host the component that reports
 * @param title the toast's title (a label)
 * @param message what happened
 * @param variant how it looks
 * @param mode `sticky` for an error the admin must read before it goes
 */
export function showToast(host: EventTarget, title: string, message: string, variant: ToastVariant, mode?: 'sticky'): void {
  host.dispatchEvent(new ShowToastEvent(mode ? { title, message, variant, mode } : { title, message, variant }));
}

/**
 * Which values a form edits: the org defaults (admins), one profile's values (admins), or the
 * running user's own ("My Account", admins and reps alike).
 */
export type SettingScope = 'org' | 'profile' | 'mine';

/**
 * The value a form starts from for a setting, what Save compares against: the org value or the
 * default for `org`; the profile's own value, or else what the profile inherits, for `profile`;
 * the running user's effective value for `mine`.
 * @param item the setting
 * @param scope which values the form edits
 * @param profileValue the profile's stored value (scope `profile`), or null
 */
export function savedValueOf(item: SettingItem, scope: SettingScope, profileValue: string | null = null): string {
  const orgOrDefault = item.orgValue ?? item.defaultValue;
  if (scope === 'org') return orgOrDefault;
  if (scope === 'profile') return profileValue ?? orgOrDefault;
  return item.value;
}

/**
 * Whether the running user may change a setting in a scope: admins may change org and profile
 * values; in My Account everyone, admins included, may change only what reps may change.
 */
export function isEditableIn(item: SettingItem, scope: SettingScope): boolean {
  return scope !== 'mine' || item.repOverridable;
}

/**
 * The whole list of keys reps may change, with the keys a form owns set from its controls and
 * every other key kept as it was (each card owns some keys; the list is saved whole).
 * @param current the list as loaded
 * @param owned the keys of the form
 * @param chosen whether reps may change an owned key
 */
export function nextRepOverridable(current: readonly string[], owned: readonly string[], chosen: (key: string) => boolean): string[] {
  return [...current.filter((key) => !owned.includes(key)), ...owned.filter((key) => chosen(key))];
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
  if (item.kind === 'FLAG' && value !== 'true' && value !== 'false') return format(NOT_A_FLAG, item.key, value);
  if (item.kind === 'CHOICE' && !item.choices.includes(value)) return format(NOT_A_CHOICE, item.key, value, item.choices.join(', '));
  if (value.length > item.maxLength) return format(TOO_LONG, item.key, item.maxLength);
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
  if (pasted === '') return BCC_ADDRESS_MISSING;
  if (!BCC_ADDRESS_SHAPE.test(pasted)) return format(BCC_ADDRESS_SHAPE_PROBLEM, pasted);
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
