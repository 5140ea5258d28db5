import { LightningElement, api } from 'lwc';
import { renderSubject, type SubjectValues } from 'c/subjectTemplate';
import type { FieldKind } from 'c/settingsLayout';
import { format } from 'c/settingsModel';
import ON from '@salesforce/label/c.SiSync_Log_On';
import OFF from '@salesforce/label/c.SiSync_Log_Off';
import INSERT_TOKEN from '@salesforce/label/c.SiSync_Log_InsertToken';
import PREVIEW from '@salesforce/label/c.SiSync_Log_Preview';
import PREVIEW_BLANK from '@salesforce/label/c.SiSync_Log_PreviewBlank';
import PREVIEW_INVALID from '@salesforce/label/c.SiSync_Log_PreviewInvalid';
import SAMPLE_SUBJECT from '@salesforce/label/c.SiSync_Log_SampleSubject';
import SAMPLE_CAMPAIGN from '@salesforce/label/c.SiSync_Log_SampleCampaign';
import SAMPLE_CALL_OUTCOME from '@salesforce/label/c.SiSync_Log_SampleCallOutcome';
import SAMPLE_CALL_REASON from '@salesforce/label/c.SiSync_Log_SampleCallReason';
import REPS_MAY_CHANGE from '@salesforce/label/c.SiSync_Field_RepsMayChange';
import REPS_LOCKED from '@salesforce/label/c.SiSync_Field_RepsLocked';
import REPS_MAY_CHANGE_LABEL from '@salesforce/label/c.SiSync_Field_RepsMayChangeLabel';
import LOCKED_ICON from '@salesforce/label/c.SiSync_Field_LockedIcon';

/** A choice of a radio group or picklist, or a token of the template menu. */
export interface FieldOption {
  label: string;
  value: string;
}

/** What the field fires when its value changes. */
export interface ValueChange {
  key: string;
  value: string;
}

/** What the field fires when an admin changes whether reps may change it. */
export interface RepsChange {
  key: string;
  repsMayChange: boolean;
}

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

/** The validity API every base input shares. */
type ValidityTarget = HTMLElement & { setCustomValidity(message: string): void; reportValidity(): boolean };

/** A change event of a base component (`lightning-input`, `-combobox`, `-radio-group`, `-button-menu`). */
type BaseChangeEvent = CustomEvent<{ value?: string; checked?: boolean }>;

/**
 * One setting of the settings page, drawn by its kind: a switch, a checkbox, radio buttons, the
 * subject template (with a token menu and a live preview of a sample e-mail) or a picklist.
 *
 * - **Errors** go on the field itself through the base components' validity API
 *   (`setCustomValidity` + `reportValidity`), which draws the red border and the message under it.
 * - **Locked** (My Account, a setting the admin sets for everyone): the value is shown disabled or
 *   read-only with a lock icon; nothing to click. The form says once what the lock means.
 * - **Reps may change** (admins, org and profile values): a toggle in its own column, worded
 *   "Reps may change" / "Locked for reps", so it never reads as one more setting.
 *
 * It holds no state of its own: it fires `valuechange` (`{ key, value }`) and `repschange`
 * (`{ key, repsMayChange }`) and the form passes the new values back.
 */
export default class SettingField extends LightningElement {
  /** The setting's key (what the events carry). */
  @api settingKey = '';
  @api kind: FieldKind = 'checkbox';
  @api label = '';
  /** The value on screen: `true`/`false` for switches and checkboxes. */
  @api value = '';
  /** The choices of a radio group or picklist. */
  @api options: FieldOption[] = [];
  /** The tokens the template menu offers. */
  @api tokens: FieldOption[] = [];
  /** What is wrong with the value, shown on the field; null when nothing is. */
  @api
  get error(): string | null {
    return this.currentError;
  }
  set error(value: string | null) {
    this.currentError = value;
    // The template does not read the error (the input draws it), so no re-render follows: mark it now.
    this.applyValidity();
  }
  /** The setting cannot be used here at all (e.g. API logging in an edition without API access). */
  @api unavailable = false;
  /** Set by the admin for everyone: shown, not changeable. */
  @api locked = false;
  /** Admins: show the "reps may change" toggle. */
  @api showRepsControl = false;
  @api repsMayChange = false;

  readonly labels = {
    on: ON,
    off: OFF,
    insertToken: INSERT_TOKEN,
    preview: PREVIEW,
    repsMayChange: REPS_MAY_CHANGE,
    repsLocked: REPS_LOCKED,
    lockedIcon: LOCKED_ICON,
  };

  private currentError: string | null = null;
  /** The message last set on the input, so an unchanged error is not reported again on every render. */
  private reported = '';
  /** The input the message was set on (a new kind draws a new one, which starts valid). */
  private reportedOn: ValidityTarget | null = null;

  override renderedCallback(): void {
    this.applyValidity();
  }

  /** Sets the error on the input through the validity API, which draws the border and the message. */
  private applyValidity(): void {
    const message = this.currentError ?? '';
    const input = this.template?.querySelector<ValidityTarget>('[data-input]') ?? null;
    if (!input || (message === this.reported && input === this.reportedOn)) return;
    this.reported = message;
    this.reportedOn = input;
    input.setCustomValidity(message);
    input.reportValidity();
  }

  get isToggle(): boolean {
    return this.kind === 'toggle';
  }

  get isCheckbox(): boolean {
    return this.kind === 'checkbox';
  }

  get isRadio(): boolean {
    return this.kind === 'radio';
  }

  get isTemplate(): boolean {
    return this.kind === 'template';
  }

  get isCombobox(): boolean {
    return this.kind === 'combobox';
  }

  get checked(): boolean {
    return this.value === 'true';
  }

  /** Switches, checkboxes and radio buttons cannot be read-only: they are disabled instead. */
  get inputDisabled(): boolean {
    return this.locked || this.unavailable;
  }

  get showTokenMenu(): boolean {
    return !this.locked;
  }

  get repsLabel(): string {
    return format(REPS_MAY_CHANGE_LABEL, this.label);
  }

  /** The subject of the sample e-mail under the template as typed. */
  get preview(): string {
    if (this.value.trim() === '') return PREVIEW_BLANK;
    const result = renderSubject(this.value, SAMPLE_VALUES);
    return result.valid ? result.subject : PREVIEW_INVALID;
  }

  get previewClass(): string {
    return this.currentError ? 'slds-text-body_regular slds-text-color_weak' : 'slds-text-body_regular';
  }

  handleFlagChange(event: BaseChangeEvent): void {
    this.fireValue(event.detail.checked === true ? 'true' : 'false');
  }

  handleValueChange(event: BaseChangeEvent): void {
    this.fireValue(event.detail.value ?? '');
  }

  /** Adds the chosen token at the end of the template. */
  handleTokenSelect(event: BaseChangeEvent): void {
    this.fireValue(`${this.value}{{${event.detail.value ?? ''}}}`);
  }

  handleRepsChange(event: BaseChangeEvent): void {
    this.dispatchEvent(
      new CustomEvent<RepsChange>('repschange', { detail: { key: this.settingKey, repsMayChange: event.detail.checked === true } }),
    );
  }

  private fireValue(value: string): void {
    this.dispatchEvent(new CustomEvent<ValueChange>('valuechange', { detail: { key: this.settingKey, value } }));
  }
}
