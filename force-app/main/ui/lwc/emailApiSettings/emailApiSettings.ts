import { LightningElement, api } from 'lwc';
import saveOrgSettings from '@salesforce/apex/SyncSettingsController.saveOrgSettings';
import saveMySettings from '@salesforce/apex/SyncSettingsController.saveMySettings';
import {
  format,
  isEditableIn,
  messageOf,
  nextRepOverridable,
  problemWith,
  savedValueOf,
  settingOf,
  showToast,
  type ProfileSaveRequest,
  type ProfileSettings,
  type SaveResult,
  type ServerError,
  type SettingItem,
  type SettingScope,
  type SettingsPage,
  UnsavedChangesGuard,
} from 'c/settingsModel';
import { unknownTokens } from 'c/subjectTemplate';
import { choiceLabel, EMAIL_API_GROUPS, EMAIL_API_KEYS, TASK_TYPE_KEYS, type FieldKind } from 'c/settingsLayout';
import type { FieldOption, RepsChange, ValueChange } from 'c/settingField';
import ORG_INTRO from '@salesforce/label/c.SiSync_Log_AdminIntro';
import PROFILE_INTRO from '@salesforce/label/c.SiSync_Log_ProfileIntro';
import MINE_INTRO from '@salesforce/label/c.SiSync_Log_RepIntro';
import API_UNAVAILABLE from '@salesforce/label/c.SiSync_Log_ApiUnavailable';
import BCC_ACTIVE_API_NOTE from '@salesforce/label/c.SiSync_Log_BccActiveApiNote';
import UNKNOWN_TOKENS from '@salesforce/label/c.SiSync_Log_UnknownTokens';
import TASK_TYPE_MISSING from '@salesforce/label/c.SiSync_Log_TaskTypeMissing';
import REPS_COLUMN from '@salesforce/label/c.SiSync_Field_RepsColumn';
import LOCKED_EXPLAIN from '@salesforce/label/c.SiSync_Field_LockedExplain';
import LOCKED_ICON from '@salesforce/label/c.SiSync_Field_LockedIcon';
import SAVE from '@salesforce/label/c.SiSync_Log_Save';
import CANCEL from '@salesforce/label/c.SiSync_Log_Cancel';
import SAVING from '@salesforce/label/c.SiSync_Log_Saving';
import FIX_FIELDS from '@salesforce/label/c.SiSync_Log_FixFields';
import SAVED_TITLE from '@salesforce/label/c.SiSync_Log_SavedTitle';
import SAVED_MESSAGE from '@salesforce/label/c.SiSync_Log_SavedMessage';
import SAVE_FAILED_TITLE from '@salesforce/label/c.SiSync_Log_SaveFailedTitle';
import SAVE_FAILED from '@salesforce/label/c.SiSync_Log_SaveFailed';

/** One setting as the template hands it to `c-setting-field`. */
interface FieldRow {
  key: string;
  kind: FieldKind;
  label: string;
  value: string;
  options: FieldOption[];
  error: string | null;
  unavailable: boolean;
  locked: boolean;
  repsMayChange: boolean;
}

interface FieldGroup {
  id: string;
  legend: string | null;
  rows: FieldRow[];
}

/**
 * The "Salesforce API" form of email logging: every API logging preference, for one scope —
 * the org defaults (admins), one profile's values (admins; `profile` holds them) or the running
 * user's own (My Account). It holds the form's state and saves; `c-setting-field` draws each
 * setting and `c/settingsLayout` says which settings, in which groups.
 *
 * **What Save sends: only the changed keys.** A key is sent when its value differs from what the
 * form started from (`savedValueOf`) and the user may change it in this scope. Sending every key
 * instead would copy inherited values into the saved level: an untouched org value would stop
 * following the package default, an untouched profile value the org value, and a rep's the org's.
 * Admins also send the whole list of what reps may change (`nextRepOverridable`: this form's keys
 * from its toggles, every other key kept); a profile that follows the org's list keeps following
 * it until a toggle of it is changed.
 *
 * It repeats the server's checks as the user types (`problemWith`, unknown subject-template
 * tokens, Task Type values): the field is marked through the validity API and Save stays
 * disabled while one fails. The server's own refusals land on their fields the same way. After a
 * successful save it fires `saved`.
 */
export default class EmailApiSettings extends LightningElement {
  readonly labels = {
    apiUnavailable: API_UNAVAILABLE,
    bccActiveApiNote: BCC_ACTIVE_API_NOTE,
    repsColumn: REPS_COLUMN,
    lockedExplain: LOCKED_EXPLAIN,
    lockedIcon: LOCKED_ICON,
    save: SAVE,
    cancel: CANCEL,
    saving: SAVING,
  };

  /**
   * Which values the form edits. The template sets it after `page` (attributes are set in the
   * order written), so a change of scope takes the values again, from the new scope's level.
   */
  @api
  get scope(): SettingScope {
    return this.currentScope;
  }
  set scope(value: SettingScope) {
    if (value === this.currentScope) return;
    this.currentScope = value;
    this.form = {};
    this.reps = {};
    this.takeValues();
  }

  /**
   * Scope `profile`: how the profile's values are saved, given by the profile panel. The form does
   * not import the profile controller itself: reps render this form in My Account, and their
   * permission set does not grant that class (nothing a user cannot run is on their page).
   */
  @api saveProfile: ((request: ProfileSaveRequest) => Promise<SaveResult>) | undefined;

  /**
   * Email to Salesforce (BCC) is active for the user: in My Account the form notes that the API
   * then logs only calls. The card passes it (it follows the page, and the BCC tab in between).
   */
  @api bccActive = false;

  private currentScope: SettingScope = 'mine';
  private loadedPage: SettingsPage | undefined;
  private loadedProfile: ProfileSettings | undefined;

  /** The values on screen, and what the form started from (the difference is what Save sends). */
  form: Record<string, string> = {};
  baseline: Record<string, string> = {};
  reps: Record<string, boolean> = {};
  repsBaseline: Record<string, boolean> = {};
  /** The server's refusals of the last save, by setting key (cleared when the field is edited). */
  serverErrors: Record<string, string> = {};
  /** Problems not tied to a field of this form, and rejected calls. */
  formError: string | null = null;
  saving = false;

  private readonly guard = new UnsavedChangesGuard();

  /** The loaded settings page; the form takes its values, keeping edits the user has not saved. */
  @api
  get page(): SettingsPage | undefined {
    return this.loadedPage;
  }
  set page(value: SettingsPage | undefined) {
    this.loadedPage = value;
    this.takeValues();
  }

  /** Scope `profile`: the profile's stored values and list (`ProfileSettingsController.getProfileSettings`). */
  @api
  get profile(): ProfileSettings | undefined {
    return this.loadedProfile;
  }
  set profile(value: ProfileSettings | undefined) {
    const other = value?.profileId !== this.loadedProfile?.profileId;
    this.loadedProfile = value;
    // Another profile: its values replace the form, unsaved edits of the last one do not carry over.
    if (other) this.form = {};
    this.takeValues();
  }

  override connectedCallback(): void {
    this.guard.hold(this.isDirty);
  }

  override disconnectedCallback(): void {
    this.guard.hold(false);
  }

  get ready(): boolean {
    return this.loadedPage !== undefined && (this.scope !== 'profile' || this.loadedProfile !== undefined);
  }

  get isAdminScope(): boolean {
    return this.scope !== 'mine';
  }

  get intro(): string {
    if (this.scope === 'org') return ORG_INTRO;
    if (this.scope === 'profile') return format(PROFILE_INTRO, this.loadedProfile?.profileName ?? '');
    return MINE_INTRO;
  }

  get apiUnavailableReason(): string | null {
    const verdict = this.loadedPage?.apiLogging;
    return verdict && !verdict.available ? (verdict.reason ?? API_UNAVAILABLE) : null;
  }

  get showBccActiveApiNote(): boolean {
    return this.scope === 'mine' && this.bccActive;
  }

  /** My Account with at least one setting the admin sets for everyone: the lock is explained once. */
  get showLockedExplain(): boolean {
    return this.groups.some((group) => group.rows.some((row) => row.locked));
  }

  get groups(): FieldGroup[] {
    const page = this.loadedPage;
    if (!page || !this.ready) return [];
    // A setting the server does not send (an older or newer package version) is not shown.
    return EMAIL_API_GROUPS.map((group) => ({
      id: group.id,
      legend: group.legend,
      rows: group.fields.flatMap((field) => {
        const item = settingOf(page, field.key);
        return item ? [this.rowOf(page, item, field.kind, field.label)] : [];
      }),
    })).filter((group) => group.rows.length > 0);
  }

  get tokenOptions(): FieldOption[] {
    return (this.loadedPage?.subjectTokens ?? []).map((token) => ({ label: `{{${token}}}`, value: token }));
  }

  get isDirty(): boolean {
    return Object.keys(this.changedValues()).length > 0 || this.changedReps();
  }

  /** Whether a field the user may change holds a value the server would refuse. */
  get hasInvalidField(): boolean {
    const page = this.loadedPage;
    if (!page) return false;
    return EMAIL_API_KEYS.some((key) => {
      const item = settingOf(page, key);
      return item !== undefined && isEditableIn(item, this.scope) && this.problemOf(page, item) !== null;
    });
  }

  get saveDisabled(): boolean {
    return this.saving || !this.isDirty || this.hasInvalidField;
  }

  get cancelDisabled(): boolean {
    return this.saving || (!this.isDirty && this.formError === null);
  }

  handleValueChange(event: CustomEvent<ValueChange>): void {
    const { key, value } = event.detail;
    this.form = { ...this.form, [key]: value };
    if (key in this.serverErrors) {
      const rest = { ...this.serverErrors };
      delete rest[key];
      this.serverErrors = rest;
    }
    this.guard.hold(this.isDirty);
  }

  handleRepsChange(event: CustomEvent<RepsChange>): void {
    this.reps = { ...this.reps, [event.detail.key]: event.detail.repsMayChange };
    this.guard.hold(this.isDirty);
  }

  handleCancel(): void {
    this.form = { ...this.baseline };
    this.reps = { ...this.repsBaseline };
    this.serverErrors = {};
    this.formError = null;
    this.guard.hold(false);
  }

  async handleSave(): Promise<void> {
    const page = this.loadedPage;
    if (!page || this.saveDisabled) return;
    const values = this.changedValues();
    this.saving = true;
    this.formError = null;
    try {
      const result = (await this.send(page, values)) as SaveResult;
      if (result.saved) {
        this.baseline = { ...this.form };
        this.repsBaseline = { ...this.reps };
        this.serverErrors = {};
        showToast(this, SAVED_TITLE, SAVED_MESSAGE, 'success');
        this.dispatchEvent(new CustomEvent('saved'));
      } else {
        this.showProblems(result.problems);
      }
    } catch (error) {
      const message = messageOf(error as ServerError, SAVE_FAILED);
      this.formError = message;
      showToast(this, SAVE_FAILED_TITLE, message, 'error');
    } finally {
      this.saving = false;
      this.guard.hold(this.isDirty);
    }
  }

  /** The one call of the scope's save. */
  private send(page: SettingsPage, values: Record<string, string>): Promise<unknown> {
    if (this.scope === 'org') {
      return saveOrgSettings({
        values,
        repOverridable: nextRepOverridable(page.repOverridable, EMAIL_API_KEYS, (key) => this.reps[key] === true),
      });
    }
    if (this.scope === 'profile') {
      const profile = this.loadedProfile;
      if (!profile || !this.saveProfile) return Promise.reject(new Error(SAVE_FAILED));
      // Aura leaves out a null member: undefined and null both mean the profile follows the org's list.
      const followsOrg = (profile.repOverridable ?? null) === null && !this.changedReps();
      return this.saveProfile({
        profileId: profile.profileId,
        values,
        repOverridable: followsOrg ? null : nextRepOverridable(this.profileList(), EMAIL_API_KEYS, (key) => this.reps[key] === true),
      });
    }
    return saveMySettings({ values });
  }

  /** Takes the (re)loaded values; edits the user has not saved stay on top of them. */
  private takeValues(): void {
    const page = this.loadedPage;
    if (!page || !this.ready) return;
    const edited = Object.keys(this.form).filter((key) => this.form[key] !== this.baseline[key]);
    const editedReps = Object.keys(this.reps).filter((key) => this.reps[key] !== this.repsBaseline[key]);
    const baseline: Record<string, string> = {};
    const reps: Record<string, boolean> = {};
    const list = this.scope === 'org' ? page.repOverridable : this.profileList();
    for (const key of EMAIL_API_KEYS) {
      const item = settingOf(page, key);
      baseline[key] = item === undefined ? '' : savedValueOf(item, this.scope, this.loadedProfile?.values?.[key] ?? null);
      reps[key] = list.includes(key);
    }
    const form = { ...baseline };
    for (const key of edited) {
      const item = settingOf(page, key);
      if (item && isEditableIn(item, this.scope)) form[key] = this.form[key] ?? '';
    }
    const repsForm = { ...reps };
    for (const key of editedReps) repsForm[key] = this.reps[key] === true;
    this.baseline = baseline;
    this.form = form;
    this.repsBaseline = reps;
    this.reps = this.isAdminScope ? repsForm : { ...reps };
    this.guard.hold(this.isDirty);
  }

  /** The list of what reps of the profile may change: its own, or the org's it follows. */
  private profileList(): readonly string[] {
    const profile = this.loadedProfile;
    return profile ? (profile.repOverridable ?? profile.orgRepOverridable) : [];
  }

  private rowOf(page: SettingsPage, item: SettingItem, kind: FieldKind, label: string): FieldRow {
    const key = item.key;
    const value = this.form[key] ?? '';
    const locked = !isEditableIn(item, this.scope);
    return {
      key,
      kind,
      label,
      value,
      options:
        kind === 'radio'
          ? item.choices.map((choice) => ({ label: choiceLabel(choice), value: choice }))
          : kind === 'combobox'
            ? taskTypeOptions(page, value)
            : [],
      error: locked ? null : this.problemOf(page, item),
      unavailable: key === 'apiLoggingEnabled' && !page.apiLogging.available,
      locked,
      repsMayChange: this.reps[key] === true,
    };
  }

  /** What is wrong with a field's value as it stands: the server's refusal, or its checks repeated. */
  private problemOf(page: SettingsPage, item: SettingItem): string | null {
    const server = this.serverErrors[item.key];
    if (server) return server;
    const value = this.form[item.key] ?? '';
    if (item.key === 'subjectTemplate') {
      const unknown = unknownTokens(value);
      if (unknown.length > 0) return format(UNKNOWN_TOKENS, unknown.map((token) => `{{${token}}}`).join(', '));
    }
    if (TASK_TYPE_KEYS.includes(item.key) && value.trim() !== '' && !page.taskTypes.includes(value)) {
      return format(TASK_TYPE_MISSING, value);
    }
    return problemWith(item, value);
  }

  /** The values Save sends: changed keys the user may change in this scope (see the class comment). */
  private changedValues(): Record<string, string> {
    const page = this.loadedPage;
    const values: Record<string, string> = {};
    if (!page) return values;
    for (const key of EMAIL_API_KEYS) {
      const item = settingOf(page, key);
      const value = this.form[key] ?? '';
      if (item && value !== this.baseline[key] && isEditableIn(item, this.scope)) values[key] = value;
    }
    return values;
  }

  private changedReps(): boolean {
    return this.isAdminScope && EMAIL_API_KEYS.some((key) => this.reps[key] !== this.repsBaseline[key]);
  }

  private showProblems(problems: Record<string, string>): void {
    const serverErrors: Record<string, string> = {};
    const others: string[] = [];
    for (const [key, problem] of Object.entries(problems)) {
      if (EMAIL_API_KEYS.includes(key)) serverErrors[key] = problem;
      else others.push(problem);
    }
    this.serverErrors = serverErrors;
    this.formError = others.length > 0 ? others.join(' ') : FIX_FIELDS;
    showToast(this, SAVE_FAILED_TITLE, Object.values(problems).join(' ') || SAVE_FAILED, 'error');
  }
}

/** The org's Task Type values; a stored value missing from them is kept so the field shows it (with its error). */
function taskTypeOptions(page: SettingsPage, value: string): FieldOption[] {
  const values = value.trim() === '' || page.taskTypes.includes(value) ? page.taskTypes : [...page.taskTypes, value];
  return values.map((type) => ({ label: type, value: type }));
}
