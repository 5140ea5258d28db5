import { LightningElement, api } from 'lwc';
import type { BccState, SettingScope, SettingsPage } from 'c/settingsModel';
import BCC_IS_PERSONAL from '@salesforce/label/c.SiSync_Log_BccIsPersonal';
import LOADING from '@salesforce/label/c.SiSync_Log_Loading';
import TAB_API from '@salesforce/label/c.SiSync_Log_TabApi';
import TAB_BCC from '@salesforce/label/c.SiSync_Log_TabBcc';

/**
 * The "Log email activity in Salesforce" section of the settings page. In My Account
 * (`scope` `mine`, reps and admins alike) two tabs: `c-email-api-settings` (the user's API logging
 * preferences) and `c-bcc-settings` (their own Email to Salesforce activation and its guides).
 * For the org defaults (`scope` `org`) only the API form: BCC is each user's own address, so it is
 * not an org default; a note says where it is. Each form saves on its own and fires `saved`; the
 * section fires `saved` in turn, so the page reloads once.
 *
 * The one thing the tabs share is whether BCC is active (the API tab then notes that it logs only
 * calls): the card takes it from the page, and from the BCC tab's `saved` until the page reloads.
 */
export default class EmailLoggingCard extends LightningElement {
  /** Which values the section edits: the org defaults (admins) or the user's own. */
  @api scope: SettingScope = 'mine';

  readonly labels = {
    bccIsPersonal: BCC_IS_PERSONAL,
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

  get isOrgScope(): boolean {
    return this.scope === 'org';
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
