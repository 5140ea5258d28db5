import { LightningElement, api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import load from '@salesforce/apex/SettingsPageController.load';
import ADMIN_TITLE from '@salesforce/label/c.SiSync_Page_AdminTitle';
import ADMIN_INTRO from '@salesforce/label/c.SiSync_Page_AdminIntro';
import REP_TITLE from '@salesforce/label/c.SiSync_Page_RepTitle';
import REP_INTRO from '@salesforce/label/c.SiSync_Page_RepIntro';
import PRODUCT from '@salesforce/label/c.SiSync_Page_Product';
import SETUP_TAB from '@salesforce/label/c.SiSync_Page_SetupTab';
import ORG_TAB from '@salesforce/label/c.SiSync_Page_OrgTab';
import PROFILE_TAB from '@salesforce/label/c.SiSync_Page_ProfileTab';
import MINE_TAB from '@salesforce/label/c.SiSync_Page_MineTab';
import EMAIL_SECTION from '@salesforce/label/c.SiSync_Page_EmailSection';
import TASK_SECTION from '@salesforce/label/c.SiSync_Page_TaskSection';
import CONNECTION_SECTION from '@salesforce/label/c.SiSync_Page_ConnectionSection';
import HEALTH_SECTION from '@salesforce/label/c.SiSync_Page_HealthSection';
import LOADING from '@salesforce/label/c.SiSync_Page_Loading';
import LOAD_ERROR from '@salesforce/label/c.SiSync_Page_LoadError';
import PROBLEMS from '@salesforce/label/c.SiSync_Page_Problems';
import { messageOf, SETUP_STEP_COUNT, type ServerError, type SettingsPage } from 'c/settingsModel';

/** The sections of the page, by name. */
export const SECTIONS = ['emailLogging', 'taskSync', 'connection', 'health'] as const;
type SectionName = (typeof SECTIONS)[number];

/** The admins' tabs, by value. */
export const TABS = ['setup', 'org', 'profile', 'mine'] as const;
type TabName = (typeof TABS)[number];

/** What the wire hands over: the page, or the server's error. */
interface WiredPage {
  data?: SettingsPage;
  error?: ServerError;
}

/**
 * The Sales Insight Sync settings page: one cacheable load (`SettingsPageController.load`) feeds
 * every section; a section that saved fires `saved` and the page refreshes that load, so every
 * section shows what the server now holds.
 *
 * Admins (ManageOrgSettings) get "Sync settings" in four tabs: **Setup** (the setup assistant:
 * the seven steps from install to a working integration, `c-setup-assistant`), **Org defaults** (email logging
 * and task sync for everyone with what reps may change, the connection and its test, sync
 * health), **Profile overrides** (one profile's values) and **My Account** (their own values:
 * admins are reps too). Everyone else gets My Account: their email logging, their task sync, and
 * the connection as the last load knew it — and, when they may assign permission sets, the offer to
 * assign themselves the Admin set. Nothing is shown that the user's permission sets
 * cannot run (a Jest test checks every rendered component's Apex against the permission sets).
 */
export default class SyncSettingsPage extends LightningElement {
  /** The section open when the page appears (App Builder property); the others stay closed. */
  @api openSection: SectionName = 'emailLogging';

  /**
   * Admins: the tab shown when the page appears (App Builder property); reps have no tabs. `auto`
   * (the default): Setup while a setup step is not done, Org defaults once all are.
   */
  @api openTab: TabName | 'auto' = 'auto';

  readonly labels = {
    product: PRODUCT,
    setupTab: SETUP_TAB,
    orgTab: ORG_TAB,
    profileTab: PROFILE_TAB,
    mineTab: MINE_TAB,
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

  /** Until the page loads (or when it cannot), the product's name; then whose settings these are. */
  get heading(): string {
    if (!this.page) return PRODUCT;
    return this.page.isAdmin ? ADMIN_TITLE : REP_TITLE;
  }

  get intro(): string {
    return this.page?.isAdmin ? ADMIN_INTRO : REP_INTRO;
  }

  get isAdmin(): boolean {
    return this.page?.isAdmin === true;
  }

  get showHealth(): boolean {
    return this.isAdmin && this.page?.health !== null;
  }

  get hasProblems(): boolean {
    return (this.page?.problems.length ?? 0) > 0;
  }

  /** Admins get the Setup tab whenever the load carries the assistant (it always does from the org). */
  get hasSetup(): boolean {
    return this.isAdmin && (this.page?.setup ?? null) !== null;
  }

  get canAssignAdminSet(): boolean {
    return !this.isAdmin && this.page?.canAssignAdminSet === true;
  }

  get activeTab(): TabName {
    const asked = this.openTab;
    if (asked !== 'auto' && TABS.includes(asked) && (asked !== 'setup' || this.hasSetup)) return asked;
    const setup = this.page?.setup;
    return setup && setup.doneCount < SETUP_STEP_COUNT ? 'setup' : 'org';
  }

  get activeSections(): string[] {
    return SECTIONS.includes(this.openSection) ? [this.openSection] : [SECTIONS[0]];
  }
}
