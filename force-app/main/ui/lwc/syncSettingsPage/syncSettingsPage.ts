import { LightningElement, api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import load from '@salesforce/apex/SettingsPageController.load';
import ADMIN_TITLE from '@salesforce/label/c.SiSync_Page_AdminTitle';
import ADMIN_INTRO from '@salesforce/label/c.SiSync_Page_AdminIntro';
import REP_TITLE from '@salesforce/label/c.SiSync_Page_RepTitle';
import REP_INTRO from '@salesforce/label/c.SiSync_Page_RepIntro';
import TAB from '@salesforce/label/c.SiSync_Page_Tab';
import EMAIL_SECTION from '@salesforce/label/c.SiSync_Page_EmailSection';
import TASK_SECTION from '@salesforce/label/c.SiSync_Page_TaskSection';
import CONNECTION_SECTION from '@salesforce/label/c.SiSync_Page_ConnectionSection';
import HEALTH_SECTION from '@salesforce/label/c.SiSync_Page_HealthSection';
import LOADING from '@salesforce/label/c.SiSync_Page_Loading';
import LOAD_ERROR from '@salesforce/label/c.SiSync_Page_LoadError';
import PROBLEMS from '@salesforce/label/c.SiSync_Page_Problems';
import { messageOf, type ServerError, type SettingsPage } from 'c/settingsModel';

/** The sections of the page, by name. */
export const SECTIONS = ['emailLogging', 'taskSync', 'connection', 'health'] as const;
type SectionName = (typeof SECTIONS)[number];

/** What the wire hands over: the page, or the server's error. */
interface WiredPage {
  data?: SettingsPage;
  error?: ServerError;
}

/**
 * The Sales Insight Sync settings page: one cacheable load (`SettingsPageController.load`) feeds
 * every card; a card that saved fires `saved` and the page refreshes that load, so every card shows
 * what the server now holds. Admins (ManageOrgSettings) get "Admin settings" — org defaults, what
 * reps may change, sync health; everyone else gets "My Account".
 */
export default class SyncSettingsPage extends LightningElement {
  /** The section open when the page appears (App Builder property); the others stay closed. */
  @api openSection: SectionName = 'emailLogging';

  readonly labels = {
    tab: TAB,
    emailSection: EMAIL_SECTION,
    taskSection: TASK_SECTION,
    connectionSection: CONNECTION_SECTION,
    healthSection: HEALTH_SECTION,
    loading: LOADING,
    problems: PROBLEMS,
  };

  page: SettingsPage | undefined;
  errorMessage: string | undefined;
  private wired: unknown;

  @wire(load)
  receive(result: WiredPage): void {
    this.wired = result;
    if (result.data) {
      this.page = result.data;
      this.errorMessage = undefined;
    } else if (result.error) {
      this.errorMessage = messageOf(result.error, LOAD_ERROR);
    }
  }

  /** A card saved: reload the page once, so every card reflects the server. */
  async handleSaved(): Promise<void> {
    try {
      await refreshApex(this.wired);
    } catch (error: unknown) {
      this.errorMessage = messageOf(error as ServerError, LOAD_ERROR);
    }
  }

  get isLoading(): boolean {
    return this.page === undefined && this.errorMessage === undefined;
  }

  get heading(): string {
    return this.page?.isAdmin ? ADMIN_TITLE : REP_TITLE;
  }

  get intro(): string {
    return this.page?.isAdmin ? ADMIN_INTRO : REP_INTRO;
  }

  get showHealth(): boolean {
    return this.page?.isAdmin === true && this.page.health !== null;
  }

  get hasProblems(): boolean {
    return (this.page?.problems.length ?? 0) > 0;
  }

  get activeSections(): string[] {
    return SECTIONS.includes(this.openSection) ? [this.openSection] : [SECTIONS[0]];
  }
}
