import { label } from 'test/lwcSupport';
import { createElement } from 'lwc';
import SyncSettingsSummary from 'c/syncSettingsSummary';
import getMySettings from '@salesforce/apex/SyncSettingsController.getMySettings';
import type { TestWireAdapter } from '@salesforce/sfdx-lwc-jest';
import mySettings from './data/SyncSettingsController.getMySettings.json';

jest.mock(
  '@salesforce/apex/SyncSettingsController.getMySettings',
  () => {
    const { createApexTestWireAdapter: create } = jest.requireActual('@salesforce/sfdx-lwc-jest');
    return { default: create(jest.fn()) };
  },
  { virtual: true },
);

const adapter = getMySettings as unknown as TestWireAdapter;

function render(): HTMLElement {
  const element = createElement('c-sync-settings-summary', { is: SyncSettingsSummary });
  document.body.appendChild(element);
  return element;
}

function flush(): Promise<void> {
  return Promise.resolve();
}

describe('c-sync-settings-summary', () => {
  afterEach(() => {
    document.body.replaceChildren();
    jest.clearAllMocks();
  });

  it('shows a spinner until the settings arrive', async () => {
    const element = render();
    expect(element.shadowRoot?.querySelector('lightning-spinner')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('names each setting, words its value, says where it comes from and marks locks', async () => {
    const element = render();
    adapter.emit(mySettings);
    await flush();

    const root = element.shadowRoot!;
    expect(root.querySelector('lightning-spinner')).toBeNull();
    const labels = [...root.querySelectorAll('dt')].map((dt) => dt.textContent);
    expect(labels).toEqual([
      'Log email activity via the Salesforce API',
      'When several records match',
      'Subject template',
      'Task sync',
      'futureSetting',
    ]);
    const valueOf = (key: string) => root.querySelector(`dd[data-key="${key}"] .value`)?.textContent;
    expect(valueOf('apiLoggingEnabled')).toBe('On');
    expect(valueOf('multipleMatchRule')).toBe('Log to the oldest record');
    expect(valueOf('subjectTemplate')).toBe('{{activity_type}}: {{activity_subject}}');
    expect(valueOf('taskSyncMode')).toBe('Two-way sync');
    expect(valueOf('futureSetting')).toBe('x');

    const badgeOf = (key: string) => root.querySelector<HTMLElement & { label: string }>(`dd[data-key="${key}"] lightning-badge`)?.label;
    expect(badgeOf('multipleMatchRule')).toBe('Your profile');
    expect(badgeOf('taskSyncMode')).toBe('Your choice');
    expect(badgeOf('subjectTemplate')).toBe('Default');

    const locked = [...root.querySelectorAll('dd')].filter((dd) => dd.querySelector('lightning-icon') !== null).map((dd) => dd.dataset.key);
    expect(locked).toEqual(['multipleMatchRule', 'subjectTemplate']);
    expect(root.querySelector('[data-id="problems"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('lists stored values the server ignored', async () => {
    const element = render();
    adapter.emit({ ...mySettings, problems: ['ORG value ignored. noMatchRule: "guess" is not one of doNotLog, createLead, unresolved.'] });
    await flush();

    const problems = element.shadowRoot!.querySelector('[data-id="problems"]');
    expect(problems?.textContent).toContain('noMatchRule: "guess"');
    await expect(element).toBeAccessible();
  });

  it("shows the server's message when loading fails", async () => {
    const element = render();
    adapter.error({ message: 'Sales Insight Sync could not read your settings: boom' });
    await flush();

    const error = element.shadowRoot!.querySelector('[data-id="error"]');
    expect(error?.textContent).toBe('Sales Insight Sync could not read your settings: boom');
    expect(element.shadowRoot!.querySelector('dl')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('falls back to its own message when the error has none', async () => {
    const element = render();
    adapter.error({});
    await flush();

    expect(element.shadowRoot!.querySelector('[data-id="error"]')?.textContent).toBe(label('SiSync_SummaryLoadError'));
  });
});
