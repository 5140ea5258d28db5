import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import setMode from '@salesforce/apex/TaskSyncController.setMode';
import getProgress from '@salesforce/apex/TaskSyncController.getProgress';
import saveOrgSettings from '@salesforce/apex/SyncSettingsController.saveOrgSettings';
import {
  messageOf,
  problemWith,
  settingOf,
  type InitialSyncProgress,
  type SaveResult,
  type ServerError,
  type SettingItem,
  type SettingsPage,
  UnsavedChangesGuard,
} from 'c/settingsModel';
import TITLE from '@salesforce/label/c.SiSync_Task_Title';
import LOADING from '@salesforce/label/c.SiSync_Task_Loading';
import MODE_LABEL from '@salesforce/label/c.SiSync_Task_ModeLabel';
import MODE_LABEL_ADMIN from '@salesforce/label/c.SiSync_Task_ModeLabelAdmin';
import OPTION_NONE from '@salesforce/label/c.SiSync_Task_OptionNone';
import OPTION_SIA_TO_SALESFORCE from '@salesforce/label/c.SiSync_Task_OptionSiaToSalesforce';
import OPTION_TWO_WAY from '@salesforce/label/c.SiSync_Task_OptionTwoWay';
import LOCKED from '@salesforce/label/c.SiSync_Task_Locked';
import REP_OVERRIDABLE from '@salesforce/label/c.SiSync_Task_RepOverridable';
import ADMIN_HELP from '@salesforce/label/c.SiSync_Task_AdminHelp';
import EXPLAIN_HEADING from '@salesforce/label/c.SiSync_Task_ExplainHeading';
import EXPLAIN_IMPORT from '@salesforce/label/c.SiSync_Task_ExplainImport';
import EXPLAIN_NO_BACKFILL from '@salesforce/label/c.SiSync_Task_ExplainNoBackfill';
import EXPLAIN_DUE_DATES from '@salesforce/label/c.SiSync_Task_ExplainDueDates';
import EXPLAIN_DELETES from '@salesforce/label/c.SiSync_Task_ExplainDeletes';
import SAVE from '@salesforce/label/c.SiSync_Task_Save';
import CANCEL from '@salesforce/label/c.SiSync_Task_Cancel';
import SAVING from '@salesforce/label/c.SiSync_Task_Saving';
import CONFIRM_HEADING from '@salesforce/label/c.SiSync_Task_ConfirmHeading';
import CONFIRM_TWO_WAY from '@salesforce/label/c.SiSync_Task_ConfirmTwoWay';
import CONFIRM_SIA_TO_SALESFORCE from '@salesforce/label/c.SiSync_Task_ConfirmSiaToSalesforce';
import CONFIRM_ADMIN from '@salesforce/label/c.SiSync_Task_ConfirmAdmin';
import CONFIRM from '@salesforce/label/c.SiSync_Task_Confirm';
import CONFIRM_CANCEL from '@salesforce/label/c.SiSync_Task_ConfirmCancel';
import SAVED_TITLE from '@salesforce/label/c.SiSync_Task_SavedTitle';
import SAVED_MESSAGE from '@salesforce/label/c.SiSync_Task_SavedMessage';
import SAVED_ORG_MESSAGE from '@salesforce/label/c.SiSync_Task_SavedOrgMessage';
import SAVE_FAILED_TITLE from '@salesforce/label/c.SiSync_Task_SaveFailedTitle';
import SAVE_FAILED from '@salesforce/label/c.SiSync_Task_SaveFailed';
import PROGRESS_HEADING from '@salesforce/label/c.SiSync_Task_ProgressHeading';
import PROGRESS_STATE from '@salesforce/label/c.SiSync_Task_ProgressState';
import STATE_QUEUED from '@salesforce/label/c.SiSync_Task_StateQueued';
import STATE_RUNNING from '@salesforce/label/c.SiSync_Task_StateRunning';
import STATE_DONE from '@salesforce/label/c.SiSync_Task_StateDone';
import STATE_FAILED from '@salesforce/label/c.SiSync_Task_StateFailed';
import STATE_STOPPED from '@salesforce/label/c.SiSync_Task_StateStopped';
import COUNT_QUEUED from '@salesforce/label/c.SiSync_Task_CountQueued';
import COUNT_ALREADY_SYNCED from '@salesforce/label/c.SiSync_Task_CountAlreadySynced';
import COUNT_FAILED from '@salesforce/label/c.SiSync_Task_CountFailed';
import CHUNKS from '@salesforce/label/c.SiSync_Task_Chunks';
import LAST_ERROR from '@salesforce/label/c.SiSync_Task_LastError';
import REPLAYS_DELETES from '@salesforce/label/c.SiSync_Task_ReplaysDeletes';
import NO_DELETE_REPLAY from '@salesforce/label/c.SiSync_Task_NoDeleteReplay';
import PROGRESS_ERROR from '@salesforce/label/c.SiSync_Task_ProgressError';

/** The setting this card edits. */
const KEY = 'taskSyncMode';

/** The three modes, in the order the card offers them. */
export type TaskSyncMode = 'none' | 'siaToSalesforce' | 'twoWay';

/** How often the first sync's progress is read again while it is queued or running. */
export const POLL_INTERVAL_MS = 5000;

/** What the template renders of a first sync. */
interface ProgressView {
  stateText: string;
  running: boolean;
  percent: number;
  chunksText: string;
  queued: number;
  alreadySynced: number;
  failed: number;
  deletesText: string;
  lastErrorText: string | null;
}

/**
 * A label with its `{0}`, `{1}`… placeholders filled in.
 * @param label the Custom Label's value
 * @param values what replaces each placeholder, by position
 */
export function format(label: string, values: readonly (string | number)[]): string {
  return label.replace(/\{(\d+)\}/g, (placeholder: string, index: string) => {
    const value = values[Number(index)];
    return value === undefined ? placeholder : String(value);
  });
}

/** Whether a first sync is still going (its progress is worth reading again). */
function isActive(progress: InitialSyncProgress | null): boolean {
  return progress !== null && (progress.state === 'queued' || progress.state === 'running');
}

/**
 * Whether moving from one mode to another turns sync on, and so asks for confirmation first:
 * from "do not sync" to any other mode, or to two-way (which starts the first sync).
 */
export function turnsSyncOn(from: string, to: string): boolean {
  return from !== to && to !== 'none' && (from === 'none' || to === 'twoWay');
}

/**
 * The "Sync Sales Insight Actions tasks/reminders with Salesforce tasks" section of the settings
 * page: the task-sync mode (a rep's own, or the org default and its lock for an admin), a
 * confirmation before sync is turned on, what the first sync does, and its progress while it runs.
 */
export default class TaskSyncCard extends LightningElement {
  readonly labels = {
    title: TITLE,
    loading: LOADING,
    locked: LOCKED,
    repOverridable: REP_OVERRIDABLE,
    adminHelp: ADMIN_HELP,
    explainHeading: EXPLAIN_HEADING,
    explainImport: EXPLAIN_IMPORT,
    explainNoBackfill: EXPLAIN_NO_BACKFILL,
    explainDueDates: EXPLAIN_DUE_DATES,
    explainDeletes: EXPLAIN_DELETES,
    save: SAVE,
    cancel: CANCEL,
    saving: SAVING,
    confirmHeading: CONFIRM_HEADING,
    confirm: CONFIRM,
    confirmCancel: CONFIRM_CANCEL,
    progressHeading: PROGRESS_HEADING,
    countQueued: COUNT_QUEUED,
    countAlreadySynced: COUNT_ALREADY_SYNCED,
    countFailed: COUNT_FAILED,
  };

  /** The mode the form shows. */
  draftMode: string = 'none';
  /** Admins: whether reps may change the mode. */
  draftOverridable = false;
  /** The first sync as last read (from the page, then from polling). */
  progress: InitialSyncProgress | null = null;
  progressError: string | undefined;
  /** The server's (or the card's own) problem with the mode, shown on the radio group. */
  private modeProblem: string | undefined;
  /** Problems not tied to the mode: other keys, or a save that failed outright. */
  otherProblems: string[] = [];
  confirming = false;
  saving = false;

  private pageValue: SettingsPage | undefined;
  private connected = false;
  private readonly guard = new UnsavedChangesGuard();
  private justSaved = false;
  private focusConfirm = false;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped whenever polling restarts or stops, so a late answer of an older poll is ignored. */
  private pollGeneration = 0;

  /** The whole loaded settings page; undefined until it loads. */
  @api
  get page(): SettingsPage | undefined {
    return this.pageValue;
  }
  set page(value: SettingsPage | undefined) {
    const keepDraft = this.isDirty && !this.justSaved;
    this.pageValue = value;
    this.justSaved = false;
    if (!keepDraft) this.resetForm();
    this.progress = value?.initialSync ?? null;
    this.progressError = undefined;
    this.schedulePoll();
    this.updateGuard();
  }

  override connectedCallback(): void {
    this.connected = true;
    this.schedulePoll();
    this.updateGuard();
  }

  override disconnectedCallback(): void {
    this.connected = false;
    this.stopPolling();
    this.removeGuard();
  }

  override renderedCallback(): void {
    if (this.focusConfirm) {
      this.focusConfirm = false;
      this.template?.querySelector<HTMLElement>('[data-id="confirm-yes"]')?.focus();
    }
  }

  get isLoading(): boolean {
    return this.pageValue === undefined;
  }

  get isAdmin(): boolean {
    return this.pageValue?.isAdmin === true;
  }

  /** A rep whose admin has not let reps change the mode. */
  get isLocked(): boolean {
    return !this.isAdmin && this.setting?.locked === true;
  }

  get modeLabel(): string {
    return this.isAdmin ? MODE_LABEL_ADMIN : MODE_LABEL;
  }

  get options(): { label: string; value: TaskSyncMode }[] {
    return [
      { label: OPTION_NONE, value: 'none' },
      { label: OPTION_SIA_TO_SALESFORCE, value: 'siaToSalesforce' },
      { label: OPTION_TWO_WAY, value: 'twoWay' },
    ];
  }

  /** The read-only mode of a locked rep, in words. */
  get lockedModeText(): string {
    const mode = this.savedMode;
    return this.options.find((option) => option.value === mode)?.label ?? mode;
  }

  get isDirty(): boolean {
    if (this.pageValue === undefined || this.isLocked) return false;
    return this.draftMode !== this.savedMode || (this.isAdmin && this.draftOverridable !== this.savedOverridable);
  }

  get formDisabled(): boolean {
    return this.saving || this.confirming;
  }

  get saveDisabled(): boolean {
    return this.formDisabled || !this.isDirty;
  }

  get cancelDisabled(): boolean {
    return this.formDisabled || (!this.isDirty && this.modeProblem === undefined && this.otherProblems.length === 0);
  }

  get showButtons(): boolean {
    return !this.confirming;
  }

  get confirmText(): string {
    if (this.isAdmin) return CONFIRM_ADMIN;
    return this.draftMode === 'twoWay' ? CONFIRM_TWO_WAY : CONFIRM_SIA_TO_SALESFORCE;
  }

  get hasOtherProblems(): boolean {
    return this.otherProblems.length > 0;
  }

  get progressView(): ProgressView | null {
    const progress = this.progress;
    if (progress === null) return null;
    // `stopped`: InitialSyncBatch ends so when sync was turned off while it ran (the model's type omits it).
    const states: Record<string, string> = {
      queued: STATE_QUEUED,
      running: STATE_RUNNING,
      done: STATE_DONE,
      failed: STATE_FAILED,
      stopped: STATE_STOPPED,
    };
    const processed = progress.chunksProcessed ?? 0;
    const total = progress.chunksTotal ?? 0;
    return {
      stateText: format(PROGRESS_STATE, [states[progress.state] ?? progress.state]),
      running: progress.state === 'running',
      percent: total > 0 ? Math.min(100, Math.round((processed / total) * 100)) : 0,
      chunksText: format(CHUNKS, [processed, total]),
      queued: progress.queued ?? 0,
      alreadySynced: progress.alreadySynced ?? 0,
      failed: progress.failed ?? 0,
      deletesText: progress.replaysDeletes ? REPLAYS_DELETES : NO_DELETE_REPLAY,
      lastErrorText: progress.state === 'failed' && progress.lastError ? format(LAST_ERROR, [progress.lastError]) : null,
    };
  }

  handleModeChange(event: CustomEvent<{ value: string }>): void {
    this.draftMode = event.detail.value;
    this.showModeProblem(undefined);
    this.updateGuard();
  }

  handleOverridableChange(event: Event): void {
    this.draftOverridable = (event.target as HTMLInputElement).checked;
    this.updateGuard();
  }

  handleCancel(): void {
    this.resetForm();
    this.updateGuard();
  }

  handleSave(): void {
    const item = this.setting;
    const problem = item ? problemWith(item, this.draftMode) : null;
    if (problem !== null) {
      this.showModeProblem(problem);
      return;
    }
    if (turnsSyncOn(this.savedMode, this.draftMode)) {
      this.confirming = true;
      this.focusConfirm = true;
      return;
    }
    this.save();
  }

  handleConfirm(): void {
    this.confirming = false;
    this.save();
  }

  handleConfirmCancel(): void {
    this.confirming = false;
    this.draftMode = this.savedMode;
    this.updateGuard();
  }

  private get setting(): SettingItem | undefined {
    return this.pageValue ? settingOf(this.pageValue, KEY) : undefined;
  }

  /** What the page holds: a rep's effective mode, or the org default for an admin. */
  private get savedMode(): string {
    const item = this.setting;
    if (!item) return 'none';
    return this.isAdmin ? (item.orgValue ?? item.defaultValue) : item.value;
  }

  private get savedOverridable(): boolean {
    return this.pageValue?.repOverridable.includes(KEY) === true;
  }

  /** Shows a problem with the mode on the radio group itself (the platform renders it under the options). */
  private showModeProblem(problem: string | undefined): void {
    this.modeProblem = problem;
    const group = this.template?.querySelector<HTMLElement & { setCustomValidity(message: string): void; reportValidity(): boolean }>(
      'lightning-radio-group',
    );
    if (group) {
      group.setCustomValidity(problem ?? '');
      group.reportValidity();
    }
  }

  private resetForm(): void {
    this.draftMode = this.savedMode;
    this.draftOverridable = this.savedOverridable;
    this.showModeProblem(undefined);
    this.otherProblems = [];
    this.confirming = false;
  }

  /** Saves the form; never rejects (every failure is shown), so callers need not await it. */
  private async save(): Promise<void> {
    this.saving = true;
    this.showModeProblem(undefined);
    this.otherProblems = [];
    const admin = this.isAdmin;
    try {
      const result = (
        admin
          ? await saveOrgSettings({ values: { [KEY]: this.draftMode }, repOverridable: this.repOverridableToSave() })
          : await setMode({ mode: this.draftMode })
      ) as SaveResult;
      if (result.saved) {
        this.justSaved = true;
        this.toast(SAVED_TITLE, admin ? SAVED_ORG_MESSAGE : SAVED_MESSAGE, 'success');
        this.dispatchEvent(new CustomEvent('saved'));
      } else {
        const problems = result.problems ?? {};
        this.showModeProblem(problems[KEY]);
        this.otherProblems = Object.keys(problems)
          .filter((key) => key !== KEY)
          .map((key) => problems[key] ?? '');
        const messages = Object.values(problems);
        this.toast(SAVE_FAILED_TITLE, messages.length > 0 ? messages.join(' ') : SAVE_FAILED, 'error');
      }
    } catch (error: unknown) {
      const message = messageOf(error as ServerError, SAVE_FAILED);
      this.otherProblems = [message];
      this.toast(SAVE_FAILED_TITLE, message, 'error');
    } finally {
      this.saving = false;
      this.updateGuard();
    }
  }

  /** The admin's whole lock list, with this card's key added or removed. */
  private repOverridableToSave(): string[] {
    const others = (this.pageValue?.repOverridable ?? []).filter((key) => key !== KEY);
    return this.draftOverridable ? [...others, KEY] : others;
  }

  private toast(title: string, message: string, variant: 'success' | 'error'): void {
    this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
  }

  private schedulePoll(): void {
    this.stopPolling();
    if (!this.connected || !isActive(this.progress)) return;
    const generation = this.pollGeneration;
    // A setTimeout chain, not an interval: the next read starts only after the last one answered.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.pollTimer = setTimeout(() => {
      this.pollTimer = undefined;
      this.poll(generation);
    }, POLL_INTERVAL_MS);
  }

  private stopPolling(): void {
    this.pollGeneration += 1;
    if (this.pollTimer !== undefined) {
      clearTimeout(this.pollTimer);
      this.pollTimer = undefined;
    }
  }

  /** Reads the progress once and chains the next read while the sync goes on; never rejects. */
  private async poll(generation: number): Promise<void> {
    try {
      const fresh = ((await getProgress()) ?? null) as InitialSyncProgress | null;
      if (generation !== this.pollGeneration) return;
      this.progress = fresh;
      this.progressError = undefined;
      if (isActive(fresh)) this.schedulePoll();
      else this.dispatchEvent(new CustomEvent('saved'));
    } catch (error: unknown) {
      if (generation !== this.pollGeneration) return;
      this.progressError = messageOf(error as ServerError, PROGRESS_ERROR);
    }
  }

  private updateGuard(): void {
    this.guard.hold(this.connected && this.isDirty);
  }

  private removeGuard(): void {
    this.guard.hold(false);
  }
}
