import SyncSettingsPage from 'c/syncSettingsPage';
import load from '@salesforce/apex/SettingsPageController.load';
import { refreshApex } from '@salesforce/apex';
import type { TestWireAdapter } from '@salesforce/sfdx-lwc-jest';
import type { SettingScope, SettingsPage } from 'c/settingsModel';
import { flush, label, mount, shadow, textOf, unmountAll } from 'test/lwcSupport';
import adminPage from './data/SettingsPageController.load.json';
import repPage from './data/SettingsPageController.load.repWithLocks.json';
import setupFreshPage from './data/SettingsPageController.load.setupFresh.json';
import offerPage from './data/SettingsPageController.load.canAssignAdminSet.json';

jest.mock(
  '@salesforce/apex/SettingsPageController.load',
  () => {
    const { createApexTestWireAdapter: create } = jest.requireActual('@salesforce/sfdx-lwc-jest');
    return { default: create(jest.fn()) };
  },
  { virtual: true },
);
jest.mock(
  '@salesforce/apex/ProfileSettingsController.listProfiles',
  () => {
    const { createApexTestWireAdapter: create } = jest.requireActual('@salesforce/sfdx-lwc-jest');
    return { default: create(jest.fn()) };
  },
  { virtual: true },
);
jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), { virtual: true });

const adapter = load as unknown as TestWireAdapter;
const admin = adminPage as unknown as SettingsPage;
// The preview's "rep with locks" scenario answers with the same file (scripts/workbench/preview/scenarios.ts).
const rep = repPage as unknown as SettingsPage;

type PageElement = HTMLElement & { openSection?: string; openTab?: string };
type Tabset = HTMLElement & { activeTabValue: string };
type Section = HTMLElement & { page: SettingsPage; scope?: SettingScope };

function render(openSection?: string, openTab?: string): PageElement {
  return mount<PageElement>('c-sync-settings-page', SyncSettingsPage, {
    ...(openSection ? { openSection } : {}),
    ...(openTab ? { openTab } : {}),
  });
}

function activeTab(element: Element): string | undefined {
  return shadow(element).querySelector<Tabset>('lightning-tabset')?.activeTabValue;
}

/** The accordion sections of a tab (or of the page, for reps), by name. */
function sectionNames(root: ParentNode): string[] {
  return [...root.querySelectorAll<HTMLElement & Record<'name', string>>('lightning-accordion-section')].map((section) => section.name);
}

function tab(element: Element, id: 'tab-setup' | 'tab-org' | 'tab-profile' | 'tab-mine'): HTMLElement & { label: string } {
  return shadow(element).querySelector<HTMLElement & { label: string }>(`[data-id="${id}"]`)!;
}

describe('c-sync-settings-page', () => {
  afterEach(() => {
    unmountAll();
    jest.clearAllMocks();
  });

  it('shows the product name and a spinner until the page arrives', async () => {
    const element = render();
    await flush();

    expect(textOf(element, 'heading')).toBe(label('SiSync_Page_Product'));
    expect(shadow(element).querySelector('lightning-spinner')).not.toBeNull();
    expect(shadow(element).querySelector('lightning-tabset')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('gives admins "Sync settings" in four tabs: setup, org defaults, profile overrides, My Account', async () => {
    const element = render();
    adapter.emit(admin);
    await flush();

    expect(textOf(element, 'heading')).toBe(label('SiSync_Page_AdminTitle'));
    expect(textOf(element, 'intro')).toBe(label('SiSync_Page_AdminIntro'));
    expect([...shadow(element).querySelectorAll<HTMLElement & { label: string }>('lightning-tab')].map((each) => each.label)).toEqual([
      label('SiSync_Page_SetupTab'),
      label('SiSync_Page_OrgTab'),
      label('SiSync_Page_ProfileTab'),
      label('SiSync_Page_MineTab'),
    ]);
    expect(tab(element, 'tab-setup').querySelector<Section>('c-setup-assistant')?.page).toEqual(admin);
    await expect(element).toBeAccessible();
  });

  it('opens Setup while a step is not done, Org defaults once all are, and the tab the page builder chose', async () => {
    const fresh = render();
    adapter.emit(setupFreshPage as unknown as SettingsPage);
    await flush();
    expect(activeTab(fresh)).toBe('setup');
    unmountAll();

    const done = render();
    adapter.emit(admin);
    await flush();
    expect(activeTab(done)).toBe('org');
    unmountAll();

    const chosen = render(undefined, 'setup');
    adapter.emit(admin);
    await flush();
    expect(activeTab(chosen)).toBe('setup');
    unmountAll();

    const unknown = render(undefined, 'nowhere');
    adapter.emit(setupFreshPage as unknown as SettingsPage);
    await flush();
    expect(activeTab(unknown)).toBe('setup');
  });

  it('offers a rep who may assign permission sets the Admin set, above their own settings', async () => {
    const element = render();
    adapter.emit(offerPage as unknown as SettingsPage);
    await flush();

    expect(shadow(element).querySelector('lightning-tabset')).toBeNull();
    expect(shadow(element).querySelector<Section>('c-admin-set-offer')?.page).toEqual(offerPage);
    unmountAll();
    const plain = render();
    adapter.emit(rep);
    await flush();
    expect(shadow(plain).querySelector('c-admin-set-offer')).toBeNull();
  });

  it('org defaults: email logging and task sync for everyone, the connection and sync health', async () => {
    const element = render();
    adapter.emit(admin);
    await flush();

    const org = tab(element, 'tab-org');
    expect(sectionNames(org)).toEqual(['emailLogging', 'taskSync', 'connection', 'health']);
    expect(org.querySelector<Section>('c-email-logging-card')?.scope).toBe('org');
    expect(org.querySelector<Section>('c-task-sync-card')?.scope).toBe('org');
    for (const tag of ['c-email-logging-card', 'c-task-sync-card', 'c-connection-card', 'c-sync-health-card']) {
      expect(org.querySelector<Section>(tag)?.page).toEqual(admin);
    }
  });

  it('the section labels are the only headings: each names its concern once', async () => {
    const element = render();
    adapter.emit(admin);
    await flush();

    const labels = [...tab(element, 'tab-org').querySelectorAll<HTMLElement & { label: string }>('lightning-accordion-section')].map(
      (section) => section.label,
    );
    expect(labels).toEqual([
      label('SiSync_Page_EmailSection'),
      label('SiSync_Page_TaskSection'),
      label('SiSync_Page_ConnectionSection'),
      label('SiSync_Page_HealthSection'),
    ]);
    expect(shadow(element).querySelector('lightning-card')).toBeNull();
  });

  it('profile overrides: the profile panel with the page', async () => {
    const element = render();
    adapter.emit(admin);
    await flush();

    expect(tab(element, 'tab-profile').querySelector<Section>('c-profile-settings')?.page).toEqual(admin);
  });

  it("an admin's My Account: their own email logging (API and BCC) and task sync, nothing org-wide", async () => {
    const element = render();
    adapter.emit(admin);
    await flush();

    const mine = tab(element, 'tab-mine');
    expect(sectionNames(mine)).toEqual(['emailLogging', 'taskSync']);
    expect(mine.querySelector<Section>('c-email-logging-card')?.scope).toBe('mine');
    expect(mine.querySelector<Section>('c-task-sync-card')?.scope).toBe('mine');
  });

  it('gives reps "My Account" with no tabs, no profile panel and no sync health', async () => {
    const element = render();
    adapter.emit(rep);
    await flush();

    expect(textOf(element, 'heading')).toBe(label('SiSync_Page_RepTitle'));
    expect(textOf(element, 'intro')).toBe(label('SiSync_Page_RepIntro'));
    expect(shadow(element).querySelector('lightning-tabset')).toBeNull();
    expect(sectionNames(shadow(element))).toEqual(['emailLogging', 'taskSync', 'connection']);
    expect(shadow(element).querySelector<Section>('c-email-logging-card')?.scope).toBe('mine');
    expect(shadow(element).querySelector('c-sync-health-card')).toBeNull();
    expect(shadow(element).querySelector('c-profile-settings')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('lists stored values the server ignored', async () => {
    const element = render();
    adapter.emit({ ...admin, problems: ['ORG value ignored. noMatchRule: "guess" is not one of doNotLog, createLead, unresolved.'] });
    await flush();

    expect(textOf(element, 'problems')).toContain('noMatchRule: "guess"');
    await expect(element).toBeAccessible();
  });

  it("shows the server's message when the load fails", async () => {
    const element = render();
    adapter.error({ message: 'Sales Insight Sync could not load its settings: boom' });
    await flush();

    expect(textOf(element, 'error')).toBe('Sales Insight Sync could not load its settings: boom');
    expect(textOf(element, 'heading')).toBe(label('SiSync_Page_Product'));
    expect(shadow(element).querySelector('lightning-accordion')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('says the load failed in its own words when the error has no message', async () => {
    const element = render();
    adapter.error({});
    await flush();

    expect(textOf(element, 'error')).toBe(label('SiSync_Page_LoadError'));
  });

  it('refreshes its one load when a section saved', async () => {
    const element = render();
    adapter.emit(admin);
    await flush();

    tab(element, 'tab-org').querySelector('c-task-sync-card')!.dispatchEvent(new CustomEvent('saved'));
    await flush();

    expect(refreshApex).toHaveBeenCalledTimes(1);
  });

  it('says so when the refresh fails', async () => {
    (refreshApex as jest.Mock).mockImplementationOnce(() => Promise.reject({ body: { message: 'session expired' } }));
    const element = render();
    adapter.emit(admin);
    await flush();

    tab(element, 'tab-mine').querySelector('c-email-logging-card')!.dispatchEvent(new CustomEvent('saved'));
    await flush();

    expect(textOf(element, 'error')).toBe('session expired');
  });

  it('opens the section the page builder chose, and the first one for an unknown name', async () => {
    const chosen = render('connection');
    adapter.emit(rep);
    await flush();
    expect(shadow(chosen).querySelector<HTMLElement & { activeSectionName: string[] }>('lightning-accordion')?.activeSectionName).toEqual([
      'connection',
    ]);
    unmountAll();

    const unknown = render('nowhere');
    adapter.emit(rep);
    await flush();
    expect(shadow(unknown).querySelector<HTMLElement & { activeSectionName: string[] }>('lightning-accordion')?.activeSectionName).toEqual([
      'emailLogging',
    ]);
  });
});
