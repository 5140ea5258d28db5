import { LightningElement, api } from 'lwc';
import setMode from '@salesforce/apex/TaskSyncController.setMode';
import saveOrgSettings from '@salesforce/apex/SyncSettingsController.saveOrgSettings';
import {
  format,
  isEditableIn,
  messageOf,
  nextRepOverridable,
  problemWith,
  savedValueOf,
  settingOf,
  showToast,
  type InitialSyncProgress,
  type SaveResult,
  type ServerError,
  type SettingItem,
  type SettingScope,
  type SettingsPage,
  UnsavedChangesGuard,
} from 'c/settingsModel';
import LOADING from '@salesforce/label/c.SiSync_Task_Loading';
import MODE_LABEL from '@salesforce/label/c.SiSync_Task_ModeLabel';
import MODE_LABEL_ADMIN from '@salesforce/label/c.SiSync_Task_ModeLabelAdmin';
import OPTION_NONE from '@salesforce/label/c.SiSync_Task_OptionNone';
import OPTION_SIA_TO_SALESFORCE from '@salesforce/label/c.SiSync_Task_OptionSiaToSalesforce';
import OPTION_TWO_WAY from '@salesforce/label/c.SiSync_Task_OptionTwoWay';
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
import LOCKED_ICON from '@salesforce/label/c.SiSync_Field_LockedIcon';
import LOCKED_EXPLAIN from '@salesforce/label/c.SiSync_Field_LockedExplain';
import REPS_MAY_CHANGE from '@salesforce/label/c.SiSync_Field_RepsMayChange';
import REPS_LOCKED from '@salesforce/label/c.SiSync_Field_RepsLocked';
import REPS_MAY_CHANGE_LABEL from '@salesforce/label/c.SiSync_Field_RepsMayChangeLabel';

/** The setting this card edits. */
const KEY = 'taskSyncMode';

/** The three modes, in the order the card offers them. */
export type TaskSyncMode = 'none' | 'siaToSalesforce' | 'twoWay';

/** Which values the card edits: the org default (admins) or the running user's own (My Account). */
export type TaskSyncScope = Extract<SettingScope, 'org' | 'mine'>;

/** The validity API of the radio group. */
type ValidityTarget = HTMLElement & { setCustomValidity(message: string): void; reportValidity(): boolean };

/** A change event of a base component (`lightning-radio-group`, `lightning-input`). */
type BaseChangeEvent = CustomEvent<{ value?: string; checked?: boolean }>;

/**
 * Whether moving from one mode to another turns sync on, and so asks for confirmation first:
 * from "do not sync" to any other mode, or to two-way (which starts the first sync).
 */
export function turnsSyncOn(from: string, to: string): boolean {
  return from !== to && to !== 'none' && (from === 'none' || to === 'twoWay');
}

/**
 * The task-sync section of the settings page (the section's label is its heading), for one scope:
 *
 * - **`mine`** (reps and admins alike): the running user's own mode, saved with
 *   `TaskSyncController.setMode` after a confirmation whenever it turns sync on; what the first
 *   sync does, and its progress (`c-first-sync-progress`). Locked, with a lock icon and the one
 *   explanation, when reps may not change it — admins too: the server refuses them as well.
 * - **`org`** (admins): the org default and whether reps may change it, saved with
 *   `SyncSettingsController.saveOrgSettings`. While the server refuses defaults that turn sync on
 *   (`SettingsPage.defaultModeRefusal`), the default is shown read-only with the server's reason
 *   and only the "reps may change" toggle is offered.
 *
 * A problem with the mode is drawn on the radio group through the validity API and Save stays
 * disabled while it lasts. It fires `saved` after a save, and when the first sync finishes, so the
 * page loads again.
 */
export default class TaskSyncCard extends LightningElement {
  readonly labels = {
    loading: LOADING,
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
    lockedIcon: LOCKED_ICON,
    lockedExplain: LOCKED_EXPLAIN,
    repsMayChange: REPS_MAY_CHANGE,
    repsLocked: REPS_LOCKED,
  };

  /** The mode the form shows. */
  draftMode: string = 'none';
  /** Org scope: whether reps may change the mode. */
  draftOverridable = false;
  /** The card's own or the server's problem with the mode, drawn on the radio group. */
  modeProblem: string | undefined;
  /** Problems not tied to the radio group: other keys, or a save that failed outright. */
  otherProblems: string[] = [];
  confirming = false;
  saving = false;

  private pageValue: SettingsPage | undefined;
  private scopeValue: TaskSyncScope = 'mine';
  private connected = false;
  private readonly guard = new UnsavedChangesGuard();
  private justSaved = false;
  private focusConfirm = false;
  /** The message last set on the radio group, and the group it was set on (a new one starts valid). */
  private reported = '';
  private reportedOn: ValidityTarget | null = null;

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
    this.updateGuard();
  }

  /** Which values the card edits; `mine` unless the page says `org`. */
  @api
  get scope(): TaskSyncScope {
    return this.scopeValue;
  }
  set scope(value: TaskSyncScope) {
    this.scopeValue = value === 'org' ? 'org' : 'mine';
    this.resetForm();
    this.updateGuard();
  }

  override connectedCallback(): void {
    this.connected = true;
    this.updateGuard();
  }

  override disconnectedCallback(): void {
    this.connected = false;
    this.guard.hold(false);
  }

  override renderedCallback(): void {
    this.applyModeValidity();
    if (this.focusConfirm) {
      this.focusConfirm = false;
      this.template?.querySelector<HTMLElement>('[data-id="confirm-yes"]')?.focus();
    }
  }

  get isLoading(): boolean {
    return this.pageValue === undefined;
  }

  get isOrgScope(): boolean {
    return this.scopeValue === 'org';
  }

  get isMineScope(): boolean {
    return !this.isOrgScope;
  }

  /** My Account, and reps may not change the mode (admins included: the server refuses them too). */
  get isLocked(): boolean {
    const item = this.setting;
    return this.isMineScope && item !== undefined && !isEditableIn(item, 'mine');
  }

  /** Org scope: why the org default cannot turn sync on, in the server's words; null when it may. */
  get refusal(): string | null {
    return this.isOrgScope ? (this.pageValue?.defaultModeRefusal ?? null) : null;
  }

  /** Whether the three modes are offered. */
  get offerModes(): boolean {
    return !this.isLocked && this.refusal === null;
  }

  get modeLabel(): string {
    return this.isOrgScope ? MODE_LABEL_ADMIN : MODE_LABEL;
  }

  get repsLabel(): string {
    return format(REPS_MAY_CHANGE_LABEL, MODE_LABEL);
  }

  get options(): { label: string; value: TaskSyncMode }[] {
    return [
      { label: OPTION_NONE, value: 'none' },
      { label: OPTION_SIA_TO_SALESFORCE, value: 'siaToSalesforce' },
      { label: OPTION_TWO_WAY, value: 'twoWay' },
    ];
  }

  /** The saved mode in words, when it is shown read-only. */
  get savedModeText(): string {
    const mode = this.savedMode;
    return this.options.find((option) => option.value === mode)?.label ?? mode;
  }

  /** The running user's latest first sync (My Account only: it is the user's own). */
  get initialSync(): InitialSyncProgress | null {
    return this.pageValue?.initialSync ?? null;
  }

  get isDirty(): boolean {
    if (this.pageValue === undefined || this.isLocked) return false;
    return this.draftMode !== this.savedMode || (this.isOrgScope && this.draftOverridable !== this.savedOverridable);
  }

  get formDisabled(): boolean {
    return this.saving || this.confirming;
  }

  get saveDisabled(): boolean {
    return this.formDisabled || !this.isDirty || this.modeProblem !== undefined;
  }

  get cancelDisabled(): boolean {
    return this.formDisabled || (!this.isDirty && this.modeProblem === undefined && this.otherProblems.length === 0);
  }

  get showButtons(): boolean {
    return !this.confirming && !this.isLocked;
  }

  get confirmText(): string {
    if (this.isOrgScope) return CONFIRM_ADMIN;
    return this.draftMode === 'twoWay' ? CONFIRM_TWO_WAY : CONFIRM_SIA_TO_SALESFORCE;
  }

  get hasOtherProblems(): boolean {
    return this.otherProblems.length > 0;
  }

  handleModeChange(event: BaseChangeEvent): void {
    this.draftMode = event.detail.value ?? '';
    const item = this.setting;
    this.showModeProblem((item ? problemWith(item, this.draftMode) : null) ?? undefined);
    this.updateGuard();
  }

  handleOverridableChange(event: BaseChangeEvent): void {
    this.draftOverridable = event.detail.checked === true;
    this.updateGuard();
  }

  handleCancel(): void {
    this.resetForm();
    this.updateGuard();
  }

  handleSave(): void {
    if (this.saveDisabled) return;
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

  /** The first sync ended: the page loads again (its counts, and what the run changed). */
  handleFinished(): void {
    this.dispatchEvent(new CustomEvent('saved'));
  }

  private get setting(): SettingItem | undefined {
    return this.pageValue ? settingOf(this.pageValue, KEY) : undefined;
  }

  /** What the form starts from: the org default, or the running user's effective mode. */
  private get savedMode(): string {
    const item = this.setting;
    return item ? savedValueOf(item, this.scopeValue) : 'none';
  }

  private get savedOverridable(): boolean {
    return this.pageValue?.repOverridable.includes(KEY) === true;
  }

  /** Keeps a problem with the mode, drawn on the radio group (under the options, in red). */
  private showModeProblem(problem: string | undefined): void {
    this.modeProblem = problem;
    this.applyModeValidity();
  }

  /** Sets the problem on the radio group through the validity API, once per message and group. */
  private applyModeValidity(): void {
    const group = this.template?.querySelector<ValidityTarget>('lightning-radio-group') ?? null;
    const message = this.modeProblem ?? '';
    if (!group || (message === this.reported && group === this.reportedOn)) return;
    this.reported = message;
    this.reportedOn = group;
    group.setCustomValidity(message);
    group.reportValidity();
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
    this.otherProblems = [];
    const org = this.isOrgScope;
    try {
      const result = (
        org
          ? await saveOrgSettings({
              // Only a changed mode: an unchanged default sent back would be stored at org level.
              values: this.draftMode === this.savedMode ? {} : { [KEY]: this.draftMode },
              repOverridable: nextRepOverridable(this.pageValue?.repOverridable ?? [], [KEY], () => this.draftOverridable),
            })
          : await setMode({ mode: this.draftMode })
      ) as SaveResult;
      if (result.saved) {
        this.justSaved = true;
        showToast(this, SAVED_TITLE, org ? SAVED_ORG_MESSAGE : SAVED_MESSAGE, 'success');
        this.dispatchEvent(new CustomEvent('saved'));
      } else {
        this.showRefusal(result.problems ?? {});
      }
    } catch (error: unknown) {
      const message = messageOf(error as ServerError, SAVE_FAILED);
      this.otherProblems = [message];
      showToast(this, SAVE_FAILED_TITLE, message, 'error');
    } finally {
      this.saving = false;
      this.updateGuard();
    }
  }

  /** The server's problems: the mode's on the radio group (when it is offered), the others listed. */
  private showRefusal(problems: Record<string, string>): void {
    const onGroup = this.offerModes ? problems[KEY] : undefined;
    this.showModeProblem(onGroup);
    this.otherProblems = Object.keys(problems)
      .filter((key) => onGroup === undefined || key !== KEY)
      .map((key) => problems[key] ?? '');
    const messages = Object.values(problems);
    showToast(this, SAVE_FAILED_TITLE, messages.length > 0 ? messages.join(' ') : SAVE_FAILED, 'error');
  }

  private updateGuard(): void {
    this.guard.hold(this.connected && this.isDirty);
  }
}
