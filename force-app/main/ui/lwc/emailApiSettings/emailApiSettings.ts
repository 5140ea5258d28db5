import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import saveOrgSettings from '@salesforce/apex/SyncSettingsController.saveOrgSettings';
import saveMySettings from '@salesforce/apex/SyncSettingsController.saveMySettings';
import {
  messageOf,
  problemWith,
  settingOf,
  type SaveResult,
  type ServerError,
  type SettingItem,
  type SettingsPage,
  UnsavedChangesGuard,
} from 'c/settingsModel';
import { renderSubject, unknownTokens, type SubjectValues } from 'c/subjectTemplate';
import ADMIN_INTRO from '@salesforce/label/c.SiSync_Log_AdminIntro';
import REP_INTRO from '@salesforce/label/c.SiSync_Log_RepIntro';
import API_UNAVAILABLE from '@salesforce/label/c.SiSync_Log_ApiUnavailable';
import BCC_ACTIVE_API_NOTE from '@salesforce/label/c.SiSync_Log_BccActiveApiNote';
import API_LOGGING_ENABLED from '@salesforce/label/c.SiSync_Log_ApiLoggingEnabled';
import ON from '@salesforce/label/c.SiSync_Log_On';
import OFF from '@salesforce/label/c.SiSync_Log_Off';
import LOG_TO from '@salesforce/label/c.SiSync_Log_LogTo';
import LOG_TO_LEADS from '@salesforce/label/c.SiSync_Log_LogToLeads';
import LOG_TO_CONTACTS from '@salesforce/label/c.SiSync_Log_LogToContacts';
import LOG_TO_OPPORTUNITIES from '@salesforce/label/c.SiSync_Log_LogToOpportunities';
import MATCHING from '@salesforce/label/c.SiSync_Log_Matching';
import MULTIPLE_MATCH from '@salesforce/label/c.SiSync_Log_MultipleMatch';
import MATCH_ALL from '@salesforce/label/c.SiSync_Log_MatchAll';
import MATCH_OLDEST from '@salesforce/label/c.SiSync_Log_MatchOldest';
import MATCH_MOST_RECENT from '@salesforce/label/c.SiSync_Log_MatchMostRecent';
import NO_MATCH from '@salesforce/label/c.SiSync_Log_NoMatch';
import NO_MATCH_DO_NOT_LOG from '@salesforce/label/c.SiSync_Log_NoMatchDoNotLog';
import NO_MATCH_CREATE_LEAD from '@salesforce/label/c.SiSync_Log_NoMatchCreateLead';
import NO_MATCH_UNRESOLVED from '@salesforce/label/c.SiSync_Log_NoMatchUnresolved';
import REPLIES_AND_SUBJECTS from '@salesforce/label/c.SiSync_Log_RepliesAndSubjects';
import LOG_REPLIES from '@salesforce/label/c.SiSync_Log_LogReplies';
import SUBJECT_TEMPLATE from '@salesforce/label/c.SiSync_Log_SubjectTemplate';
import INSERT_TOKEN from '@salesforce/label/c.SiSync_Log_InsertToken';
import PREVIEW from '@salesforce/label/c.SiSync_Log_Preview';
import PREVIEW_BLANK from '@salesforce/label/c.SiSync_Log_PreviewBlank';
import UNKNOWN_TOKENS from '@salesforce/label/c.SiSync_Log_UnknownTokens';
import SAMPLE_SUBJECT from '@salesforce/label/c.SiSync_Log_SampleSubject';
import SAMPLE_CAMPAIGN from '@salesforce/label/c.SiSync_Log_SampleCampaign';
import SAMPLE_CALL_OUTCOME from '@salesforce/label/c.SiSync_Log_SampleCallOutcome';
import SAMPLE_CALL_REASON from '@salesforce/label/c.SiSync_Log_SampleCallReason';
import TASK_TYPES from '@salesforce/label/c.SiSync_Log_TaskTypes';
import TASK_TYPE_EMAIL from '@salesforce/label/c.SiSync_Log_TaskTypeEmail';
import TASK_TYPE_CALL from '@salesforce/label/c.SiSync_Log_TaskTypeCall';
import TASK_TYPE_REPLY from '@salesforce/label/c.SiSync_Log_TaskTypeReply';
import TASK_TYPE_MISSING from '@salesforce/label/c.SiSync_Log_TaskTypeMissing';
import REPS_MAY_CHANGE from '@salesforce/label/c.SiSync_Log_RepsMayChange';
import LOCKED from '@salesforce/label/c.SiSync_Log_Locked';
import SAVE from '@salesforce/label/c.SiSync_Log_Save';
import CANCEL from '@salesforce/label/c.SiSync_Log_Cancel';
import SAVING from '@salesforce/label/c.SiSync_Log_Saving';
import FIX_FIELDS from '@salesforce/label/c.SiSync_Log_FixFields';
import SAVED_TITLE from '@salesforce/label/c.SiSync_Log_SavedTitle';
import SAVED_MESSAGE from '@salesforce/label/c.SiSync_Log_SavedMessage';
import SAVE_FAILED_TITLE from '@salesforce/label/c.SiSync_Log_SaveFailedTitle';
import SAVE_FAILED from '@salesforce/label/c.SiSync_Log_SaveFailed';

/** The settings this tab edits, in the order it shows them. */
const API_TAB_KEYS = [
  'apiLoggingEnabled',
  'logToLeads',
  'logToContacts',
  'logToOpportunities',
  'multipleMatchRule',
  'noMatchRule',
  'logReplies',
  'subjectTemplate',
  'taskTypeEmail',
  'taskTypeCall',
  'taskTypeReply',
] as const;

type ApiTabKey = (typeof API_TAB_KEYS)[number];

const TASK_TYPE_KEYS: readonly string[] = ['taskTypeEmail', 'taskTypeCall', 'taskTypeReply'];

/** How a field is drawn. */
type FieldKind = 'toggle' | 'checkbox' | 'radio' | 'template' | 'combobox';

/** The fields, grouped under a legend (or none). */
const GROUPS: readonly { id: string; legend: string | null; fields: readonly { key: ApiTabKey; kind: FieldKind; label: string }[] }[] = [
  { id: 'enabled', legend: null, fields: [{ key: 'apiLoggingEnabled', kind: 'toggle', label: API_LOGGING_ENABLED }] },
  {
    id: 'logTo',
    legend: LOG_TO,
    fields: [
      { key: 'logToLeads', kind: 'checkbox', label: LOG_TO_LEADS },
      { key: 'logToContacts', kind: 'checkbox', label: LOG_TO_CONTACTS },
      { key: 'logToOpportunities', kind: 'checkbox', label: LOG_TO_OPPORTUNITIES },
    ],
  },
  {
    id: 'matching',
    legend: MATCHING,
    fields: [
      { key: 'multipleMatchRule', kind: 'radio', label: MULTIPLE_MATCH },
      { key: 'noMatchRule', kind: 'radio', label: NO_MATCH },
    ],
  },
  {
    id: 'subjects',
    legend: REPLIES_AND_SUBJECTS,
    fields: [
      { key: 'logReplies', kind: 'checkbox', label: LOG_REPLIES },
      { key: 'subjectTemplate', kind: 'template', label: SUBJECT_TEMPLATE },
    ],
  },
  {
    id: 'taskTypes',
    legend: TASK_TYPES,
    fields: [
      { key: 'taskTypeEmail', kind: 'combobox', label: TASK_TYPE_EMAIL },
      { key: 'taskTypeCall', kind: 'combobox', label: TASK_TYPE_CALL },
      { key: 'taskTypeReply', kind: 'combobox', label: TASK_TYPE_REPLY },
    ],
  },
];

/** Plain words for the choices of the radio groups. */
const CHOICE_LABELS: Readonly<Record<string, string>> = {
  all: MATCH_ALL,
  oldest: MATCH_OLDEST,
  mostRecentActivity: MATCH_MOST_RECENT,
  doNotLog: NO_MATCH_DO_NOT_LOG,
  createLead: NO_MATCH_CREATE_LEAD,
  unresolved: NO_MATCH_UNRESOLVED,
};

/** The sample activity the live preview renders the subject template with. */
const SAMPLE_VALUES: SubjectValues = {
  activity_type: 'Email',
  activity_subject: SAMPLE_SUBJECT,
  sales_campaign_name: SAMPLE_CAMPAIGN,
  sales_campaign_day: '3',
  sales_campaign_step: '2',
  call_outcome: SAMPLE_CALL_OUTCOME,
  call_reason: SAMPLE_CALL_REASON,
};

/** A label with `{0}`, `{1}`… placeholders, filled in. */
function format(label: string, ...values: string[]): string {
  return label.replace(/\{(\d+)\}/g, (whole, index: string) => values[Number(index)] ?? whole);
}

interface Option {
  label: string;
  value: string;
}

/** One field as the template draws it. */
interface FieldRow {
  key: string;
  label: string;
  value: string;
  checked: boolean;
  isToggle: boolean;
  isCheckbox: boolean;
  isRadio: boolean;
  isTemplate: boolean;
  isCombobox: boolean;
  options: Option[];
  /** Checkboxes, toggle, radio group and combobox cannot be read-only: they are disabled instead. */
  disabled: boolean;
  readOnly: boolean;
  locked: boolean;
  error: string | null;
  showOverride: boolean;
  overridable: boolean;
}

interface FieldGroup {
  id: string;
  legend: string | null;
  rows: FieldRow[];
}

/** A change event of a base component (`lightning-input`, `-combobox`, `-radio-group`, `-button-menu`). */
type BaseChangeEvent = CustomEvent<{ value?: string; checked?: boolean }>;

/**
 * The "Salesforce API" tab of the email-logging card (F1): every API logging preference, with a
 * token picker and live preview for the subject template, and Save/Cancel.
 *
 * Admins edit the org defaults (a blank org value means the default) and tick, per setting,
 * whether reps may change it; reps edit their own values of the settings the admin left open,
 * and see the others read-only with the reason.
 *
 * **What Save sends: only the changed keys.** A key is sent when its value differs from what
 * the page loaded (admins: the org value, or the default when none is stored; reps: their
 * effective value) — and, for reps, only when it is not locked. Sending every key of the tab
 * instead would copy inherited values into the saved level: an admin's untouched setting would
 * stop following the package default, and a rep's untouched setting would stop following the
 * org default. Admins always send the whole `repOverridable` list: the page's list with this
 * tab's keys set by their checkboxes and the other cards' keys (e.g. `taskSyncMode`) kept.
 *
 * It repeats the server's checks first (`problemWith`, unknown subject-template tokens, Task
 * Type values) and does not call Apex while one fails. After a successful save it fires `saved`.
 */
export default class EmailApiSettings extends LightningElement {
  readonly labels = {
    apiUnavailable: API_UNAVAILABLE,
    bccActiveApiNote: BCC_ACTIVE_API_NOTE,
    on: ON,
    off: OFF,
    insertToken: INSERT_TOKEN,
    preview: PREVIEW,
    repsMayChange: REPS_MAY_CHANGE,
    locked: LOCKED,
    save: SAVE,
    cancel: CANCEL,
    saving: SAVING,
  };

  /**
   * Email to Salesforce (BCC) is active for the user: the tab notes that the API then logs only
   * calls. The card passes it (it follows the page, and the BCC tab's activations in between).
   */
  @api bccActive = false;

  private loadedPage: SettingsPage | undefined;

  /** The values on screen, and what the page loaded (the difference is what Save sends). */
  form: Record<string, string> = {};
  baseline: Record<string, string> = {};
  overridable: Record<string, boolean> = {};
  overridableBaseline: Record<string, boolean> = {};
  /** Problems the last save attempt found (the tab's checks or the server's), by setting key. */
  fieldErrors: Record<string, string> = {};
  /** Problems not tied to a field of this tab, and rejected calls. */
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
    if (value) this.takeValues(value);
  }

  override connectedCallback(): void {
    this.setGuard(this.isDirty);
  }

  override disconnectedCallback(): void {
    this.setGuard(false);
  }

  get isAdmin(): boolean {
    return this.loadedPage?.isAdmin === true;
  }

  get intro(): string {
    return this.isAdmin ? ADMIN_INTRO : REP_INTRO;
  }

  get apiUnavailableReason(): string | null {
    const verdict = this.loadedPage?.apiLogging;
    return verdict && !verdict.available ? (verdict.reason ?? this.labels.apiUnavailable) : null;
  }

  get showBccActiveApiNote(): boolean {
    return this.bccActive;
  }

  get groups(): FieldGroup[] {
    const page = this.loadedPage;
    if (!page) return [];
    // A setting the server does not send (an older or newer package version) is not shown.
    return GROUPS.map((group) => ({
      id: group.id,
      legend: group.legend,
      rows: group.fields.flatMap((field) => {
        const item = settingOf(page, field.key);
        return item ? [this.rowOf(page, item, field.kind, field.label)] : [];
      }),
    })).filter((group) => group.rows.length > 0);
  }

  get tokenOptions(): Option[] {
    return (this.loadedPage?.subjectTokens ?? []).map((token) => ({ label: `{{${token}}}`, value: token }));
  }

  /** The subject of the sample activity under the template being edited; null when it has unknown tokens. */
  get preview(): string | null {
    const template = this.formValue('subjectTemplate');
    if (template.trim() === '') return PREVIEW_BLANK;
    const result = renderSubject(template, SAMPLE_VALUES);
    return result.valid ? result.subject : null;
  }

  get isDirty(): boolean {
    return Object.keys(this.changedValues()).length > 0 || this.changedOverridable();
  }

  get saveDisabled(): boolean {
    return this.saving || !this.isDirty;
  }

  get cancelDisabled(): boolean {
    return this.saving || !this.isDirty;
  }

  handleFlagChange(event: BaseChangeEvent): void {
    this.setValue(keyOf(event), event.detail.checked === true ? 'true' : 'false');
  }

  handleValueChange(event: BaseChangeEvent): void {
    this.setValue(keyOf(event), event.detail.value ?? '');
  }

  handleOverrideChange(event: BaseChangeEvent): void {
    this.overridable = { ...this.overridable, [keyOf(event)]: event.detail.checked === true };
    this.afterEdit();
  }

  /** Adds the chosen token at the end of the template. */
  handleTokenSelect(event: BaseChangeEvent): void {
    this.setValue('subjectTemplate', `${this.formValue('subjectTemplate')}{{${event.detail.value ?? ''}}}`);
  }

  handleCancel(): void {
    this.form = { ...this.baseline };
    this.overridable = { ...this.overridableBaseline };
    this.fieldErrors = {};
    this.formError = null;
    this.afterEdit();
  }

  async handleSave(): Promise<void> {
    const page = this.loadedPage;
    if (!page || this.saving) return;
    const values = this.changedValues();
    const problems = this.checkValues(page, values);
    if (Object.keys(problems).length > 0) {
      this.fieldErrors = problems;
      this.formError = FIX_FIELDS;
      return;
    }
    this.saving = true;
    this.formError = null;
    try {
      const result = (
        page.isAdmin ? await saveOrgSettings({ values, repOverridable: this.nextRepOverridable(page) }) : await saveMySettings({ values })
      ) as SaveResult;
      if (result.saved) {
        this.baseline = { ...this.form };
        this.overridableBaseline = { ...this.overridable };
        this.fieldErrors = {};
        this.toast(SAVED_TITLE, SAVED_MESSAGE, 'success');
        this.dispatchEvent(new CustomEvent('saved'));
      } else {
        this.showProblems(result.problems);
      }
    } catch (error) {
      const message = messageOf(error as ServerError, SAVE_FAILED);
      this.formError = message;
      this.toast(SAVE_FAILED_TITLE, message, 'error');
    } finally {
      this.saving = false;
      this.setGuard(this.isDirty);
    }
  }

  /** Takes a (re)loaded page's values; edits the user has not saved stay on top of them. */
  private takeValues(page: SettingsPage): void {
    const edited = Object.keys(this.form).filter((key) => this.form[key] !== this.baseline[key]);
    const editedOverridable = Object.keys(this.overridable).filter((key) => this.overridable[key] !== this.overridableBaseline[key]);
    const baseline: Record<string, string> = {};
    const overridable: Record<string, boolean> = {};
    for (const key of API_TAB_KEYS) {
      const item = settingOf(page, key);
      baseline[key] = item === undefined ? '' : page.isAdmin ? (item.orgValue ?? item.defaultValue) : item.value;
      overridable[key] = page.repOverridable.includes(key);
    }
    const form = { ...baseline };
    for (const key of edited) {
      if (isEditable(page, key)) form[key] = this.formValue(key);
    }
    const overridableForm = { ...overridable };
    for (const key of editedOverridable) overridableForm[key] = this.overridable[key] === true;
    this.baseline = baseline;
    this.form = form;
    this.overridableBaseline = overridable;
    this.overridable = page.isAdmin ? overridableForm : { ...overridable };
    this.setGuard(this.isDirty);
  }

  private rowOf(page: SettingsPage, item: SettingItem, kind: FieldKind, label: string): FieldRow {
    const key = item.key;
    const value = this.formValue(key);
    const locked = !isEditable(page, key);
    const unavailable = key === 'apiLoggingEnabled' && !page.apiLogging.available;
    return {
      key,
      label,
      value,
      checked: value === 'true',
      isToggle: kind === 'toggle',
      isCheckbox: kind === 'checkbox',
      isRadio: kind === 'radio',
      isTemplate: kind === 'template',
      isCombobox: kind === 'combobox',
      options: kind === 'radio' ? choiceOptions(item) : kind === 'combobox' ? taskTypeOptions(page, value) : [],
      disabled: locked || unavailable,
      readOnly: locked,
      locked,
      error: this.fieldErrors[key] ?? this.liveProblem(page, item, value),
      showOverride: page.isAdmin,
      overridable: this.overridable[key] === true,
    };
  }

  /** What is wrong with a value as it stands: the server's checks, repeated. */
  private liveProblem(page: SettingsPage, item: SettingItem, value: string): string | null {
    if (item.key === 'subjectTemplate') {
      const unknown = unknownTokens(value);
      if (unknown.length > 0) return format(UNKNOWN_TOKENS, unknown.map((token) => `{{${token}}}`).join(', '));
    }
    if (TASK_TYPE_KEYS.includes(item.key) && value.trim() !== '' && !page.taskTypes.includes(value)) {
      return format(TASK_TYPE_MISSING, value);
    }
    return problemWith(item, value);
  }

  /** The values Save sends: changed and editable keys only (see the class comment). */
  private changedValues(): Record<string, string> {
    const page = this.loadedPage;
    const values: Record<string, string> = {};
    if (!page) return values;
    for (const key of API_TAB_KEYS) {
      const value = this.formValue(key);
      if (value !== this.baseline[key] && isEditable(page, key)) values[key] = value;
    }
    return values;
  }

  private changedOverridable(): boolean {
    return this.isAdmin && API_TAB_KEYS.some((key) => this.overridable[key] !== this.overridableBaseline[key]);
  }

  private checkValues(page: SettingsPage, values: Record<string, string>): Record<string, string> {
    const problems: Record<string, string> = {};
    for (const item of page.settings) {
      const value = values[item.key];
      const problem = value === undefined ? null : this.liveProblem(page, item, value);
      if (problem !== null) problems[item.key] = problem;
    }
    return problems;
  }

  /** The page's list of keys reps may override, with this tab's keys set by their checkboxes. */
  private nextRepOverridable(page: SettingsPage): string[] {
    const mine: readonly string[] = API_TAB_KEYS;
    const others = page.repOverridable.filter((key) => !mine.includes(key));
    return [...others, ...API_TAB_KEYS.filter((key) => this.overridable[key] === true)];
  }

  private showProblems(problems: Record<string, string>): void {
    const mine: readonly string[] = API_TAB_KEYS;
    const fieldErrors: Record<string, string> = {};
    const others: string[] = [];
    for (const [key, problem] of Object.entries(problems)) {
      if (mine.includes(key)) fieldErrors[key] = problem;
      else others.push(problem);
    }
    this.fieldErrors = fieldErrors;
    this.formError = others.length > 0 ? others.join(' ') : FIX_FIELDS;
    this.toast(SAVE_FAILED_TITLE, Object.values(problems).join(' ') || SAVE_FAILED, 'error');
  }

  private formValue(key: string): string {
    return this.form[key] ?? '';
  }

  private setValue(key: string, value: string): void {
    this.form = { ...this.form, [key]: value };
    if (key in this.fieldErrors) {
      const rest = { ...this.fieldErrors };
      delete rest[key];
      this.fieldErrors = rest;
    }
    this.afterEdit();
  }

  private afterEdit(): void {
    this.setGuard(this.isDirty);
  }

  /** Asks the browser to confirm leaving the page while the form holds unsaved changes. */
  private setGuard(on: boolean): void {
    this.guard.hold(on);
  }

  private toast(title: string, message: string, variant: 'success' | 'error'): void {
    this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
  }
}

function keyOf(event: Event): string {
  return (event.target as HTMLElement).dataset.key ?? '';
}

function isEditable(page: SettingsPage, key: string): boolean {
  const item = settingOf(page, key);
  return item !== undefined && (page.isAdmin || !item.locked);
}

function choiceOptions(item: SettingItem): Option[] {
  return item.choices.map((choice) => ({ label: CHOICE_LABELS[choice] ?? choice, value: choice }));
}

/** The org's Task Type values; a stored value missing from them is kept so the field shows it (with its error). */
function taskTypeOptions(page: SettingsPage, value: string): Option[] {
  const values = value.trim() === '' || page.taskTypes.includes(value) ? page.taskTypes : [...page.taskTypes, value];
  return values.map((type) => ({ label: type, value: type }));
}
