import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import activateBcc from '@salesforce/apex/BccController.activate';
import deactivateBcc from '@salesforce/apex/BccController.deactivate';
import {
  bccAddressProblem,
  messageOf,
  type BccState,
  type GuideStep,
  type SaveResult,
  type ServerError,
  type SettingsPage,
  UnsavedChangesGuard,
} from 'c/settingsModel';
import SAVING from '@salesforce/label/c.SiSync_Log_Saving';
import BCC_INTRO from '@salesforce/label/c.SiSync_Log_BccIntro';
import BCC_STATUS from '@salesforce/label/c.SiSync_Log_BccStatus';
import BCC_ACTIVE from '@salesforce/label/c.SiSync_Log_BccActive';
import BCC_INACTIVE from '@salesforce/label/c.SiSync_Log_BccInactive';
import BCC_CURRENT_ADDRESS from '@salesforce/label/c.SiSync_Log_BccCurrentAddress';
import BCC_ADDRESS from '@salesforce/label/c.SiSync_Log_BccAddress';
import BCC_NO_DOUBLE from '@salesforce/label/c.SiSync_Log_BccNoDouble';
import ACTIVATE from '@salesforce/label/c.SiSync_Log_Activate';
import DEACTIVATE from '@salesforce/label/c.SiSync_Log_Deactivate';
import BCC_ACTIVATED_TITLE from '@salesforce/label/c.SiSync_Log_BccActivatedTitle';
import BCC_ACTIVATED_MESSAGE from '@salesforce/label/c.SiSync_Log_BccActivatedMessage';
import BCC_DEACTIVATED_TITLE from '@salesforce/label/c.SiSync_Log_BccDeactivatedTitle';
import BCC_DEACTIVATED_MESSAGE from '@salesforce/label/c.SiSync_Log_BccDeactivatedMessage';
import BCC_FAILED_TITLE from '@salesforce/label/c.SiSync_Log_BccFailedTitle';
import BCC_FAILED from '@salesforce/label/c.SiSync_Log_BccFailed';
import GUIDES from '@salesforce/label/c.SiSync_Log_Guides';
import GUIDE_ADDRESS_NOT_RECEIVED from '@salesforce/label/c.SiSync_Log_GuideAddressNotReceived';
import GUIDE_EMAIL_TO_SALESFORCE_MISSING from '@salesforce/label/c.SiSync_Log_GuideEmailToSalesforceMissing';
import NEW_TAB from '@salesforce/label/c.SiSync_Log_NewTab';

/** A label with `{0}`, `{1}`… placeholders, filled in. */
function format(label: string, ...values: string[]): string {
  return label.replace(/\{(\d+)\}/g, (whole, index: string) => values[Number(index)] ?? whole);
}

interface GuideRow {
  key: string;
  text: string;
  url: string | null;
}

/** A change event of `lightning-input`. */
type BaseChangeEvent = CustomEvent<{ value?: string }>;

/**
 * The "Email to Salesforce (BCC)" tab of the email-logging card (F2): the user's BCC state, the
 * address to activate (checked with `bccAddressProblem` before Apex is called), Activate and
 * Deactivate, and the two guides for when the address or Email to Salesforce is missing.
 *
 * After a successful change it fires `saved` with the new state as its detail (`BccState`), so
 * the card can tell the API tab before the page reloads.
 */
export default class BccSettings extends LightningElement {
  readonly labels = {
    saving: SAVING,
    bccIntro: BCC_INTRO,
    bccStatus: BCC_STATUS,
    bccCurrentAddress: BCC_CURRENT_ADDRESS,
    bccAddress: BCC_ADDRESS,
    bccNoDouble: BCC_NO_DOUBLE,
    activate: ACTIVATE,
    deactivate: DEACTIVATE,
    guides: GUIDES,
    guideAddressNotReceived: GUIDE_ADDRESS_NOT_RECEIVED,
    guideEmailToSalesforceMissing: GUIDE_EMAIL_TO_SALESFORCE_MISSING,
    newTab: NEW_TAB,
  };

  private loadedPage: SettingsPage | undefined;

  /** The user's BCC state as last loaded or changed here. */
  bcc: BccState = { active: false, address: null };
  /** The address in the field, and the one the page loaded (the difference is unsaved). */
  address = '';
  baseline = '';
  /** The address check's or the server's problem, or a rejected call's message. */
  error: string | null = null;
  busy = false;

  private readonly guard = new UnsavedChangesGuard();

  /** The loaded settings page; the tab takes its BCC state, keeping an address typed but not activated. */
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

  get isDirty(): boolean {
    return this.address.trim() !== this.baseline;
  }

  get stateLabel(): string {
    return this.bcc.active ? BCC_ACTIVE : BCC_INACTIVE;
  }

  get badgeClass(): string {
    return this.bcc.active ? 'slds-theme_success' : '';
  }

  /** Activate when BCC is off, or to switch to a different address. */
  get showActivate(): boolean {
    return !this.bcc.active || this.address.trim().toLowerCase() !== (this.bcc.address ?? '').toLowerCase();
  }

  get addressNotReceivedSteps(): GuideRow[] {
    return guideRows('received', this.loadedPage?.bccGuides.addressNotReceived);
  }

  get emailToSalesforceMissingSteps(): GuideRow[] {
    return guideRows('missing', this.loadedPage?.bccGuides.emailToSalesforceMissing);
  }

  handleAddressChange(event: BaseChangeEvent): void {
    this.address = event.detail.value ?? '';
    this.error = null;
    this.setGuard(this.isDirty);
  }

  async handleActivate(): Promise<void> {
    const problem = bccAddressProblem(this.address);
    if (problem !== null) {
      this.error = problem;
      return;
    }
    const address = this.address.trim().toLowerCase();
    await this.change(
      () => activateBcc({ address }),
      { active: true, address },
      BCC_ACTIVATED_TITLE,
      format(BCC_ACTIVATED_MESSAGE, address),
    );
  }

  async handleDeactivate(): Promise<void> {
    await this.change(() => deactivateBcc(), { active: false, address: this.bcc.address }, BCC_DEACTIVATED_TITLE, BCC_DEACTIVATED_MESSAGE);
  }

  private async change(call: () => Promise<unknown>, next: BccState, title: string, message: string): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      const result = (await call()) as SaveResult;
      if (result.saved) {
        this.bcc = next;
        this.address = next.address ?? '';
        this.baseline = this.address;
        this.toast(title, message, 'success');
        this.dispatchEvent(new CustomEvent<BccState>('saved', { detail: { ...next } }));
      } else {
        const problem = result.problems.bccAddress ?? (Object.values(result.problems).join(' ') || BCC_FAILED);
        this.error = problem;
        this.toast(BCC_FAILED_TITLE, problem, 'error');
      }
    } catch (error) {
      const problem = messageOf(error as ServerError, BCC_FAILED);
      this.error = problem;
      this.toast(BCC_FAILED_TITLE, problem, 'error');
    } finally {
      this.busy = false;
      this.setGuard(this.isDirty);
    }
  }

  /** Takes a (re)loaded page's BCC state; an address typed but not activated stays in the field. */
  private takeValues(page: SettingsPage): void {
    const typed = this.isDirty ? this.address : null;
    this.bcc = { ...page.bcc };
    this.baseline = page.bcc.address ?? '';
    this.address = typed ?? this.baseline;
    this.setGuard(this.isDirty);
  }

  /** Asks the browser to confirm leaving the page while the field holds an address not activated. */
  private setGuard(on: boolean): void {
    this.guard.hold(on);
  }

  private toast(title: string, message: string, variant: 'success' | 'error'): void {
    this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
  }
}

function guideRows(prefix: string, steps: GuideStep[] | undefined): GuideRow[] {
  return [...(steps ?? [])]
    .sort((a, b) => a.position - b.position)
    .map((step) => ({ key: `${prefix}-${step.position}`, text: step.text, url: step.url }));
}
