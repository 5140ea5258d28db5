import { LightningElement, api } from 'lwc';
import assignAdminSetToMe from '@salesforce/apex/SetupAssistantController.assignAdminSetToMe';
import OFFER_BUTTON from '@salesforce/label/c.SiSync_Setup_OfferButton';
import OFFER_DONE from '@salesforce/label/c.SiSync_Setup_OfferDone';
import OFFER_FAILED from '@salesforce/label/c.SiSync_Setup_OfferFailed';
import OFFER_TEXT from '@salesforce/label/c.SiSync_Setup_OfferText';
import { messageOf, showToast, type ServerError, type SettingsPage } from 'c/settingsModel';

/**
 * For a user who may assign permission sets but is not an admin of the package yet
 * (`SettingsPage.canAssignAdminSet`, a System Administrator right after the install): "Assign me
 * the Admin permission set". After it the page reloads (`saved`) and shows the setup assistant. A
 * component of its own so that a rep's page imports no admin-only Apex.
 */
export default class AdminSetOffer extends LightningElement {
  @api page: SettingsPage | undefined;

  readonly labels = { offerText: OFFER_TEXT, offerButton: OFFER_BUTTON };

  assigning = false;
  offerError: string | null = null;

  get showOffer(): boolean {
    return this.page?.isAdmin === false && this.page.canAssignAdminSet === true;
  }

  /** The one write: assign the packaged Admin set to the running user, then reload the page. */
  async handleAssign(): Promise<void> {
    this.assigning = true;
    this.offerError = null;
    try {
      await assignAdminSetToMe();
      showToast(this, OFFER_DONE, OFFER_DONE, 'success');
      this.dispatchEvent(new CustomEvent('saved'));
    } catch (error) {
      this.offerError = messageOf(error as ServerError, OFFER_FAILED);
    } finally {
      this.assigning = false;
    }
  }
}
