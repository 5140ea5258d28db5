import { LightningElement, api } from 'lwc';
import type { BccState, SettingsPage } from 'c/settingsModel';
import TITLE from '@salesforce/label/c.SiSync_Log_Title';
import LOADING from '@salesforce/label/c.SiSync_Log_Loading';
import TAB_API from '@salesforce/label/c.SiSync_Log_TabApi';
import TAB_BCC from '@salesforce/label/c.SiSync_Log_TabBcc';

/**
 * The "Log email activity to Salesforce" section of the settings page (F1 and F2): a card with
 * two tabs, `c-email-api-settings` (every API logging preference) and `c-bcc-settings` (Email to
 * Salesforce activation and its guides). Each tab saves on its own and fires `saved`; the card
 * fires `saved` in turn, so the page reloads once.
 *
 * The one thing the tabs share is whether BCC is active (the API tab then notes that it logs only
 * calls): the card takes it from the page, and from the BCC tab's `saved` until the page reloads.
 */
export default class EmailLoggingCard extends LightningElement {
  readonly labels = {
    title: TITLE,
    loading: LOADING,
    tabApi: TAB_API,
    tabBcc: TAB_BCC,
  };

  private loadedPage: SettingsPage | undefined;

  /** Email to Salesforce (BCC) is active for the user, as the API tab shows it. */
  bccActive = false;

  /** The loaded settings page, passed to both tabs. */
  @api
  get page(): SettingsPage | undefined {
    return this.loadedPage;
  }
  set page(value: SettingsPage | undefined) {
    this.loadedPage = value;
    if (value) this.bccActive = value.bcc.active;
  }

  get isLoading(): boolean {
    return this.loadedPage === undefined;
  }

  /** The API tab saved. */
  handleSaved(): void {
    this.dispatchEvent(new CustomEvent('saved'));
  }

  /** The BCC tab activated or deactivated: the API tab follows at once. */
  handleBccSaved(event: CustomEvent<BccState>): void {
    this.bccActive = event.detail.active;
    this.handleSaved();
  }
}
