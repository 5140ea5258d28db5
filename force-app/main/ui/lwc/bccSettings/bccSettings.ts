import { LightningElement, api } from 'lwc';
import activateBcc from '@salesforce/apex/BccController.activate';
import deactivateBcc from '@salesforce/apex/BccController.deactivate';
import {
  bccAddressProblem,
  format,
  messageOf,
  showToast,
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

/** One step of a guide, as the template draws it. */
interface GuideRow {
  key: string;
  text: string;
  url: string | null;
}

/** One guide: an accordion section of ordered steps. */
interface Guide {
  /** Its accordion section's name. */
  section: string;
  label: string;
  /** Its list's `data-id`. */
  id: string;
  steps: GuideRow[];
}

/** How the status badge looks in each state. */
interface BadgeLook {
  label: string;
  icon: string;
  badgeClass: string;
}

const ACTIVE_BADGE: BadgeLook = { label: BCC_ACTIVE, icon: 'utility:success', badgeClass: 'slds-theme_success' };
const INACTIVE_BADGE: BadgeLook = { label: BCC_INACTIVE, icon: 'utility:clear', badgeClass: '' };

/** A change event of `lightning-input`. */
type BaseChangeEvent = CustomEvent<{ value?: string }>;

/** The validity API of the base inputs. */
type ValidityTarget = HTMLElement & { setCustomValidity(message: string): void; reportValidity(): boolean };

/**
 * The "Email to Salesforce (BCC)" tab of the email-logging card: the running user's own BCC
 * (shown in My Account, to admins and reps alike) with its status badge, the address to activate
 * and Activate / Deactivate, and the two guides for when the address or My Email to Salesforce is
 * missing (the server words the second one for what the user may do: Setup steps for admins, what
 * to ask the admin for otherwise).
 *
 * - The address is checked as it is typed (`bccAddressProblem`); what is wrong with it, or what the
 *   server said about it (`problems.bccAddress`), goes on the field through the base component's
 *   validity API. Activate stays disabled while the address is blank or invalid, or a call runs.
 * - A refusal that is not about the address (or a failed call) shows as an error notification
 *   above the buttons, besides the toast.
 * - The note that API logging then logs calls only shows while BCC is active: it is not true
 *   while BCC is off.
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
    failedTitle: BCC_FAILED_TITLE,
    guides: GUIDES,
    newTab: NEW_TAB,
  };

  private loadedPage: SettingsPage | undefined;

  /** The user's BCC state as last loaded or changed here. */
  bcc: BccState = { active: false, address: null };
  /** The address in the field, and the one the page loaded (the difference is unsaved). */
  address = '';
  baseline = '';
  /** What the server said about the address in the field (cleared when the field changes). */
  serverProblem: string | null = null;
  /** A refusal or failure that is not about the address. */
  failure: string | null = null;
  busy = false;

  private readonly guard = new UnsavedChangesGuard();
  /** The message last set on the field, and the field it was set on (a new one starts valid). */
  private reported = '';
  private reportedOn: ValidityTarget | null = null;

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

  override renderedCallback(): void {
    this.applyValidity();
  }

  get isDirty(): boolean {
    return this.address.trim() !== this.baseline;
  }

  get badge(): BadgeLook {
    return this.bcc.active ? ACTIVE_BADGE : INACTIVE_BADGE;
  }

  /** Activate when BCC is off, or to switch to a different address. */
  get showActivate(): boolean {
    return !this.bcc.active || this.address.trim().toLowerCase() !== (this.bcc.address ?? '').toLowerCase();
  }

  /** Nothing to send while the address is blank or invalid, or a call runs. */
  get activateDisabled(): boolean {
    return this.busy || bccAddressProblem(this.address) !== null || this.serverProblem !== null;
  }

  /** What the field shows: nothing while it is blank, else the check's problem or the server's. */
  get fieldProblem(): string | null {
    if (this.address.trim() === '') return null;
    return bccAddressProblem(this.address) ?? this.serverProblem;
  }

  /** The two guides, as the server wrote them for the running user. */
  get guides(): Guide[] {
    const guides = this.loadedPage?.bccGuides;
    return [
      {
        section: 'addressNotReceived',
        label: GUIDE_ADDRESS_NOT_RECEIVED,
        id: 'guide-address-not-received',
        steps: guideRows('received', guides?.addressNotReceived),
      },
      {
        section: 'emailToSalesforceMissing',
        label: GUIDE_EMAIL_TO_SALESFORCE_MISSING,
        id: 'guide-email-to-salesforce-missing',
        steps: guideRows('missing', guides?.emailToSalesforceMissing),
      },
    ];
  }

  handleAddressChange(event: BaseChangeEvent): void {
    this.address = event.detail.value ?? '';
    this.serverProblem = null;
    this.failure = null;
    this.applyValidity();
    this.setGuard(this.isDirty);
  }

  async handleActivate(): Promise<void> {
    if (this.activateDisabled) return;
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
    this.failure = null;
    try {
      const result = (await call()) as SaveResult;
      if (result.saved) {
        this.bcc = next;
        this.address = next.address ?? '';
        this.baseline = this.address;
        this.serverProblem = null;
        showToast(this, title, message, 'success');
        this.dispatchEvent(new CustomEvent<BccState>('saved', { detail: { ...next } }));
      } else {
        this.refused(result.problems);
      }
    } catch (error) {
      this.failed(messageOf(error as ServerError, BCC_FAILED));
    } finally {
      this.busy = false;
      this.applyValidity();
      this.setGuard(this.isDirty);
    }
  }

  /** The server's refusal: about the address on the field, anything else above the buttons. */
  private refused(problems: Record<string, string>): void {
    const aboutAddress = problems.bccAddress;
    if (aboutAddress) {
      this.serverProblem = aboutAddress;
      showToast(this, BCC_FAILED_TITLE, aboutAddress, 'error');
      return;
    }
    this.failed(Object.values(problems).join(' ') || BCC_FAILED);
  }

  private failed(problem: string): void {
    this.failure = problem;
    showToast(this, BCC_FAILED_TITLE, problem, 'error');
  }

  /** Marks the field through the validity API (draws the red border and the message), or clears it. */
  private applyValidity(): void {
    const input = this.template?.querySelector<ValidityTarget>('[data-id="bcc-address"]') ?? null;
    if (!input) return;
    const message = this.fieldProblem ?? '';
    // A field drawn anew starts valid.
    const shown = input === this.reportedOn ? this.reported : '';
    if (message === shown) return;
    this.reported = message;
    this.reportedOn = input;
    input.setCustomValidity(message);
    input.reportValidity();
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
}

function guideRows(prefix: string, steps: GuideStep[] | undefined): GuideRow[] {
  return [...(steps ?? [])]
    .sort((a, b) => a.position - b.position)
    .map((step) => ({ key: `${prefix}-${step.position}`, text: step.text, url: step.url }));
}
