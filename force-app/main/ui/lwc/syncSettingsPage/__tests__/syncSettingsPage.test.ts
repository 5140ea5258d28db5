import { label } from 'test/lwcSupport';
import { createElement } from 'lwc';
import SyncSettingsPage from 'c/syncSettingsPage';
import load from '@salesforce/apex/SettingsPageController.load';
import { refreshApex } from '@salesforce/apex';
import saveMySettings from '@salesforce/apex/SyncSettingsController.saveMySettings';
import saveOrgSettings from '@salesforce/apex/SyncSettingsController.saveOrgSettings';
import activate from '@salesforce/apex/BccController.activate';
import deactivate from '@salesforce/apex/BccController.deactivate';
import setMode from '@salesforce/apex/TaskSyncController.setMode';
import getProgress from '@salesforce/apex/TaskSyncController.getProgress';
import testConnection from '@salesforce/apex/ConnectionController.testConnection';
import retryFailed from '@salesforce/apex/SyncHealthController.retryFailed';
import resume from '@salesforce/apex/SyncHealthController.resume';
import type { TestWireAdapter } from '@salesforce/sfdx-lwc-jest';
import type { SettingsPage } from 'c/settingsModel';
import adminPage from './data/SettingsPageController.load.json';
import repPage from './data/SettingsPageController.load.repWithLocks.json';

jest.mock(
  '@salesforce/apex/SettingsPageController.load',
  () => {
    const { createApexTestWireAdapter: create } = jest.requireActual('@salesforce/sfdx-lwc-jest');
    return { default: create(jest.fn()) };
  },
  { virtual: true },
);
jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), { virtual: true });
const IMPERATIVE = [
  '@salesforce/apex/SyncSettingsController.saveMySettings',
  '@salesforce/apex/SyncSettingsController.saveOrgSettings',
  '@salesforce/apex/BccController.activate',
  '@salesforce/apex/BccController.deactivate',
  '@salesforce/apex/TaskSyncController.setMode',
  '@salesforce/apex/TaskSyncController.getProgress',
  '@salesforce/apex/ConnectionController.testConnection',
  '@salesforce/apex/SyncHealthController.retryFailed',
  '@salesforce/apex/SyncHealthController.resume',
];
jest.mock('@salesforce/apex/SyncSettingsController.saveMySettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SyncSettingsController.saveOrgSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/BccController.activate', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/BccController.deactivate', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/TaskSyncController.setMode', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/TaskSyncController.getProgress', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ConnectionController.testConnection', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SyncHealthController.retryFailed', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SyncHealthController.resume', () => ({ default: jest.fn() }), { virtual: true });

const adapter = load as unknown as TestWireAdapter;
const admin = adminPage as unknown as SettingsPage;
// The preview's "rep with locks" scenario answers with the same file (scripts/workbench/preview/scenarios.ts).
const rep = repPage as unknown as SettingsPage;
const imperativeMocks = [saveMySettings, saveOrgSettings, activate, deactivate, setMode, getProgress, testConnection, retryFailed, resume];

function render(openSection?: string): HTMLElement & { openSection?: string } {
  const element = createElement('c-sync-settings-page', { is: SyncSettingsPage }) as HTMLElement & { openSection?: string };
  if (openSection) element.openSection = openSection;
  document.body.appendChild(element);
  return element;
}

async function flush(): Promise<void> {
  await Promise.resolve();
  await Promise.resolve();
  await Promise.resolve();
}

function sectionNames(element: HTMLElement): string[] {
  return [...element.shadowRoot!.querySelectorAll('lightning-accordion-section')].map(
    (section) => (section as unknown as Readonly<Record<'name', string>>).name,
  );
}

describe('c-sync-settings-page', () => {
  afterEach(() => {
    document.body.replaceChildren();
    jest.clearAllMocks();
  });

  it('loads with one Apex call: the cacheable page load, and nothing else', async () => {
    const connections = jest.spyOn((load as unknown as { adapter: { prototype: { connect: () => void } } }).adapter.prototype, 'connect');
    const element = render();
    adapter.emit(admin);
    await flush();
    expect(connections).toHaveBeenCalledTimes(1);
    for (const method of imperativeMocks) expect(method).not.toHaveBeenCalled();
    expect(IMPERATIVE).toHaveLength(imperativeMocks.length);
    expect(element.shadowRoot!.querySelector('c-email-logging-card')).not.toBeNull();
    connections.mockRestore();
  });

  it('shows a spinner until the page arrives', async () => {
    const element = render();
    expect(element.shadowRoot!.querySelector('lightning-spinner')).not.toBeNull();
    expect(element.shadowRoot!.querySelector('lightning-tabset')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('gives admins the admin settings, every card with the page, and sync health', async () => {
    const element = render();
    adapter.emit(admin);
    await flush();
    const root = element.shadowRoot!;
    expect(
      root.querySelector('lightning-card')?.getAttribute('title') ??
        (root.querySelector('lightning-card') as unknown as { title: string }).title,
    ).toBe(label('SiSync_Page_AdminTitle'));
    expect(root.querySelector('[data-id="intro"]')?.textContent).toBe(label('SiSync_Page_AdminIntro'));
    expect(
      root.querySelector('lightning-tab')?.getAttribute('label') ??
        (root.querySelector('lightning-tab') as unknown as { label: string }).label,
    ).toBe(label('SiSync_Page_Tab'));
    expect(sectionNames(element)).toEqual(['emailLogging', 'taskSync', 'connection', 'health']);
    for (const tag of ['c-email-logging-card', 'c-task-sync-card', 'c-connection-card', 'c-sync-health-card']) {
      expect((root.querySelector(tag) as unknown as { page: SettingsPage }).page).toEqual(admin);
    }
    expect(root.querySelector('[data-id="problems"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('gives reps "My Account" without sync health', async () => {
    const element = render();
    adapter.emit(rep);
    await flush();
    const root = element.shadowRoot!;
    expect((root.querySelector('lightning-card') as unknown as { title: string }).title).toBe(label('SiSync_Page_RepTitle'));
    expect(root.querySelector('[data-id="intro"]')?.textContent).toBe(label('SiSync_Page_RepIntro'));
    expect(sectionNames(element)).toEqual(['emailLogging', 'taskSync', 'connection']);
    expect(root.querySelector('c-sync-health-card')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('lists stored values the server ignored', async () => {
    const element = render();
    adapter.emit({ ...admin, problems: ['ORG value ignored. noMatchRule: "guess" is not one of doNotLog, createLead, unresolved.'] });
    await flush();
    expect(element.shadowRoot!.querySelector('[data-id="problems"]')?.textContent).toContain('noMatchRule: "guess"');
    await expect(element).toBeAccessible();
  });

  it("shows the server's message when the load fails, and its own when there is none", async () => {
    const element = render();
    adapter.error({ message: 'Sales Insight Sync could not load its settings: boom' });
    await flush();
    expect(element.shadowRoot!.querySelector('[data-id="error"]')?.textContent).toBe(
      'Sales Insight Sync could not load its settings: boom',
    );
    expect(element.shadowRoot!.querySelector('lightning-tabset')).toBeNull();
    await expect(element).toBeAccessible();

    adapter.error({});
    await flush();
    expect(element.shadowRoot!.querySelector('[data-id="error"]')?.textContent).toBe(label('SiSync_Page_LoadError'));
  });

  it('refreshes its one load when a card saved', async () => {
    const element = render();
    adapter.emit(admin);
    await flush();
    element.shadowRoot!.querySelector('c-task-sync-card')!.dispatchEvent(new CustomEvent('saved'));
    await flush();
    expect(refreshApex).toHaveBeenCalledTimes(1);
  });

  it('says so when the refresh fails', async () => {
    (refreshApex as jest.Mock).mockImplementationOnce(() => Promise.reject({ body: { message: 'session expired' } }));
    const element = render();
    adapter.emit(admin);
    await flush();
    element.shadowRoot!.querySelector('c-email-logging-card')!.dispatchEvent(new CustomEvent('saved'));
    await flush();
    expect(element.shadowRoot!.querySelector('[data-id="error"]')?.textContent).toBe('session expired');
  });

  it('opens the section the page builder chose, and the first one for an unknown name', async () => {
    const chosen = render('connection');
    adapter.emit(admin);
    await flush();
    expect(
      (chosen.shadowRoot!.querySelector('lightning-accordion') as unknown as { activeSectionName: string[] }).activeSectionName,
    ).toEqual(['connection']);
    document.body.replaceChildren();
    const unknown = render('nowhere');
    adapter.emit(admin);
    await flush();
    expect(
      (unknown.shadowRoot!.querySelector('lightning-accordion') as unknown as { activeSectionName: string[] }).activeSectionName,
    ).toEqual(['emailLogging']);
  });
});
