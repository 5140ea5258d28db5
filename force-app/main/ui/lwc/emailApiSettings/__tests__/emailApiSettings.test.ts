import { label, labelWith } from 'test/lwcSupport';
import { createElement } from 'lwc';
import EmailApiSettings from 'c/emailApiSettings';
import type { SaveResult, SettingItem, SettingsPage } from 'c/settingsModel';
import saveOrgSettings from '@salesforce/apex/SyncSettingsController.saveOrgSettings';
import saveMySettings from '@salesforce/apex/SyncSettingsController.saveMySettings';
import pageFixture from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.json';
import refusedFixture from './data/SyncSettingsController.saveOrgSettings.fieldProblems.json';
import repFixture from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.repWithLocks.json';
import saveOrgFixture from './data/SyncSettingsController.saveOrgSettings.json';
import saveMyFixture from './data/SyncSettingsController.saveMySettings.json';

jest.mock('@salesforce/apex/SyncSettingsController.saveOrgSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SyncSettingsController.saveMySettings', () => ({ default: jest.fn() }), { virtual: true });

const mockSaveOrg = saveOrgSettings as unknown as jest.Mock;
const mockSaveMy = saveMySettings as unknown as jest.Mock;

const adminPage = pageFixture as SettingsPage;

/** A rep: only what the admin lets reps override is unlocked; no org values (the preview's "rep with locks"). */
const repPage = repFixture as SettingsPage;

type TabElement = HTMLElement & { page?: SettingsPage; bccActive?: boolean };
type Input = HTMLElement & {
  label: string;
  value: string;
  checked: boolean;
  disabled: boolean;
  readOnly: boolean;
  options: { label: string; value: string }[];
};

function withSetting(page: SettingsPage, key: string, patch: Partial<SettingItem>): SettingsPage {
  return { ...page, settings: page.settings.map((item) => (item.key === key ? { ...item, ...patch } : item)) };
}

function render(page: SettingsPage | undefined): TabElement {
  const element = createElement('c-email-api-settings', { is: EmailApiSettings }) as TabElement;
  if (page) element.page = page;
  document.body.appendChild(element);
  return element;
}

function flush(): Promise<void> {
  return new Promise((resolve) => process.nextTick(resolve));
}

function root(element: HTMLElement): ShadowRoot {
  return element.shadowRoot!;
}

/** The field of a setting (not its "Reps may change this" checkbox). */
function field(element: HTMLElement, key: string): Input {
  return root(element).querySelector(`[data-key="${key}"]:not([data-override])`)!;
}

function override(element: HTMLElement, key: string): Input {
  return root(element).querySelector(`[data-override="${key}"]`)!;
}

function byId(element: HTMLElement, id: string): (HTMLElement & Partial<Input>) | null {
  return root(element).querySelector(`[data-id="${id}"]`);
}

function errorOf(element: HTMLElement, key: string): string | null | undefined {
  return root(element).querySelector(`[data-error="${key}"]`)?.textContent;
}

function change(target: HTMLElement, detail: { value?: string; checked?: boolean }): void {
  target.dispatchEvent(new CustomEvent('change', { detail }));
}

function collect(element: HTMLElement): { toasts: { title: string; message: string; variant: string }[]; saved: jest.Mock } {
  const toasts: { title: string; message: string; variant: string }[] = [];
  const saved = jest.fn();
  element.addEventListener('lightning__showtoast', (event) => toasts.push((event as CustomEvent).detail));
  element.addEventListener('saved', saved);
  return { toasts, saved };
}

function unloadPrevented(): boolean {
  const event = new CustomEvent('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('c-email-api-settings', () => {
  afterEach(() => {
    document.body.replaceChildren();
    jest.clearAllMocks();
  });

  it('renders nothing until the page arrives', async () => {
    const element = render(undefined);
    expect(root(element).childElementCount).toBe(0);
    expect(unloadPrevented()).toBe(false);
    await expect(element).toBeAccessible();
  });

  it('admin: shows the org values, with a "Reps may change this" checkbox per setting', async () => {
    const element = render(adminPage);

    expect(byId(element, 'intro')?.textContent).toBe(label('SiSync_Log_AdminIntro'));
    expect(field(element, 'apiLoggingEnabled').checked).toBe(true);
    expect(field(element, 'apiLoggingEnabled').disabled).toBe(false);
    expect(field(element, 'apiLoggingEnabled').label).toBe(label('SiSync_Log_ApiLoggingEnabled'));
    // No org value: the default shows.
    expect(field(element, 'logToLeads').checked).toBe(true);
    expect(field(element, 'logToContacts').label).toBe(label('SiSync_Log_LogToContacts'));
    expect(field(element, 'logToOpportunities').checked).toBe(false);
    expect(field(element, 'logReplies').checked).toBe(true);
    expect(field(element, 'multipleMatchRule').value).toBe('oldest');
    expect(field(element, 'multipleMatchRule').options).toEqual([
      { label: label('SiSync_Log_MatchAll'), value: 'all' },
      { label: label('SiSync_Log_MatchOldest'), value: 'oldest' },
      { label: label('SiSync_Log_MatchMostRecent'), value: 'mostRecentActivity' },
    ]);
    expect(field(element, 'noMatchRule').value).toBe('doNotLog');
    expect(field(element, 'noMatchRule').options.map((option) => option.label)).toEqual([
      label('SiSync_Log_NoMatchDoNotLog'),
      label('SiSync_Log_NoMatchCreateLead'),
      label('SiSync_Log_NoMatchUnresolved'),
    ]);
    expect(field(element, 'subjectTemplate').value).toBe('{{activity_type}}: {{activity_subject}}');
    expect(field(element, 'taskTypeEmail').value).toBe('Email');
    expect(field(element, 'taskTypeCall').options.map((option) => option.value)).toEqual(['Call', 'Email', 'Meeting', 'Other']);
    expect(field(element, 'taskTypeReply').value).toBe('Email');

    const overrides = [...root(element).querySelectorAll<Input>('[data-override]')];
    expect(overrides).toHaveLength(11);
    expect(overrides.every((checkbox) => checkbox.label === label('SiSync_Log_RepsMayChange'))).toBe(true);
    expect(overrides.filter((checkbox) => checkbox.checked).map((checkbox) => checkbox.dataset.override)).toEqual([
      'apiLoggingEnabled',
      'logReplies',
    ]);
    expect(root(element).querySelector('[data-locked]')).toBeNull();
    expect(byId(element, 'api-unavailable')).toBeNull();
    expect(byId(element, 'bcc-active-note')).toBeNull();
    expect(root(element).querySelector('[data-error]')).toBeNull();
    expect(byId(element, 'save')?.disabled).toBe(true);
    expect(byId(element, 'cancel')?.disabled).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('rep: locked settings are read-only with the reason, and Save sends only unlocked keys', async () => {
    mockSaveMy.mockResolvedValue(saveMyFixture);
    const element = render(repPage);
    const { toasts, saved } = collect(element);

    expect(byId(element, 'intro')?.textContent).toBe(label('SiSync_Log_RepIntro'));
    expect(root(element).querySelector('[data-override]')).toBeNull();
    const locked = [...root(element).querySelectorAll<HTMLElement>('[data-locked]')].map((p) => p.dataset.locked);
    expect(locked).toEqual([
      'logToLeads',
      'logToContacts',
      'logToOpportunities',
      'multipleMatchRule',
      'noMatchRule',
      'subjectTemplate',
      'taskTypeEmail',
      'taskTypeCall',
      'taskTypeReply',
    ]);
    expect(root(element).querySelector('[data-locked="logToLeads"]')?.textContent).toBe(label('SiSync_Log_Locked'));
    expect(field(element, 'logToLeads').disabled).toBe(true);
    expect(field(element, 'multipleMatchRule').disabled).toBe(true);
    expect(field(element, 'subjectTemplate').readOnly).toBe(true);
    expect(byId(element, 'token-menu')?.disabled).toBe(true);
    expect(field(element, 'taskTypeCall').readOnly).toBe(true);
    expect(field(element, 'apiLoggingEnabled').disabled).toBe(false);
    expect(field(element, 'logReplies').disabled).toBe(false);

    // A locked field that somehow fires a change is never sent.
    change(field(element, 'logToLeads'), { checked: false });
    change(field(element, 'logReplies'), { checked: false });
    await flush();
    byId(element, 'save')!.click();
    await flush();

    expect(mockSaveMy).toHaveBeenCalledWith({ values: { logReplies: 'false' } });
    expect(mockSaveOrg).not.toHaveBeenCalled();
    expect(toasts).toEqual([{ title: label('SiSync_Log_SavedTitle'), message: label('SiSync_Log_SavedMessage'), variant: 'success' }]);
    expect(saved).toHaveBeenCalledTimes(1);
    await expect(element).toBeAccessible();
  });

  it('API not available: the reason up front, the toggle disabled, the other fields still editable', async () => {
    const reason = 'This org (Professional Edition) has no API access: add the Web Services API, or log through Email to Salesforce (BCC).';
    const element = render({ ...adminPage, apiLogging: { available: false, edition: 'Professional Edition', reason } });

    expect(byId(element, 'api-unavailable')?.textContent).toBe(reason);
    expect(field(element, 'apiLoggingEnabled').disabled).toBe(true);
    expect(field(element, 'logToLeads').disabled).toBe(false);
    expect(field(element, 'subjectTemplate').readOnly).toBe(false);
    expect(override(element, 'apiLoggingEnabled')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('API not available without a reason: the tab says so in its own words', async () => {
    const element = render({ ...adminPage, apiLogging: { available: false, edition: 'Group Edition', reason: null } });
    expect(byId(element, 'api-unavailable')?.textContent).toBe(label('SiSync_Log_ApiUnavailable'));
    await expect(element).toBeAccessible();
  });

  it('previews the subject live, inserts tokens, and an unknown token blocks Save without calling Apex', async () => {
    const element = render(adminPage);
    expect(byId(element, 'preview')?.textContent).toBe('Email: Pricing for the 2027 renewal');

    change(field(element, 'subjectTemplate'), {
      value: '{{sales_campaign_name}}\nday {{sales_campaign_day}}, step {{sales_campaign_step}}:',
    });
    await flush();
    expect(byId(element, 'preview')?.textContent).toBe('Q4 Renewal Outreach day 3, step 2:');

    const menu = byId(element, 'token-menu')!;
    const items = [...root(element).querySelectorAll<Input>('lightning-menu-item')].map((item) => item.label);
    expect(items).toEqual([
      '{{activity_type}}',
      '{{activity_subject}}',
      '{{sales_campaign_name}}',
      '{{sales_campaign_day}}',
      '{{sales_campaign_step}}',
      '{{call_outcome}}',
      '{{call_reason}}',
    ]);
    menu.dispatchEvent(new CustomEvent('select', { detail: { value: 'call_outcome' } }));
    await flush();
    expect(field(element, 'subjectTemplate').value).toBe(
      '{{sales_campaign_name}}\nday {{sales_campaign_day}}, step {{sales_campaign_step}}:{{call_outcome}}',
    );
    expect(byId(element, 'preview')?.textContent).toBe('Q4 Renewal Outreach day 3, step 2:Connected');

    change(field(element, 'subjectTemplate'), { value: '' });
    await flush();
    expect(byId(element, 'preview')?.textContent).toBe(label('SiSync_Log_PreviewBlank'));

    change(field(element, 'subjectTemplate'), { value: '{{activity_type}} {{ activity_subject }} {{campaign}}' });
    await flush();
    expect(errorOf(element, 'subjectTemplate')).toBe(labelWith('SiSync_Log_UnknownTokens', '{{ activity_subject }}, {{campaign}}'));
    expect(byId(element, 'preview')).toBeNull();

    byId(element, 'save')!.click();
    await flush();
    expect(mockSaveOrg).not.toHaveBeenCalled();
    expect(byId(element, 'form-error')?.textContent).toBe(label('SiSync_Log_FixFields'));
    await expect(element).toBeAccessible();
  });

  it("says when a Task Type is not in the org's picklist", async () => {
    const element = render(withSetting(adminPage, 'taskTypeReply', { orgValue: 'Reply', value: 'Reply', source: 'ORG' }));

    expect(errorOf(element, 'taskTypeReply')).toBe(labelWith('SiSync_Log_TaskTypeMissing', 'Reply'));
    expect(field(element, 'taskTypeReply').value).toBe('Reply');
    expect(field(element, 'taskTypeReply').options.map((option) => option.value)).toEqual(['Call', 'Email', 'Meeting', 'Other', 'Reply']);
    expect(errorOf(element, 'taskTypeEmail')).toBeUndefined();

    change(field(element, 'taskTypeReply'), { value: 'Email' });
    await flush();
    expect(errorOf(element, 'taskTypeReply')).toBeUndefined();
    await expect(element).toBeAccessible();
  });

  it('saves changed org values and the whole override list, then toasts, says "saved" and takes the reloaded page', async () => {
    mockSaveOrg.mockResolvedValue(saveOrgFixture);
    const element = render(adminPage);
    const { toasts, saved } = collect(element);

    change(field(element, 'logToOpportunities'), { checked: true });
    change(field(element, 'noMatchRule'), { value: 'createLead' });
    change(override(element, 'logReplies'), { checked: false });
    change(override(element, 'multipleMatchRule'), { checked: true });
    await flush();
    expect(byId(element, 'save')?.disabled).toBe(false);
    byId(element, 'save')!.click();
    // A second click while saving sends nothing more.
    byId(element, 'save')!.click();
    await flush();
    expect(mockSaveOrg).toHaveBeenCalledTimes(1);

    expect(mockSaveOrg).toHaveBeenCalledWith({
      values: { logToOpportunities: 'true', noMatchRule: 'createLead' },
      repOverridable: ['taskSyncMode', 'apiLoggingEnabled', 'multipleMatchRule'],
    });
    expect(mockSaveMy).not.toHaveBeenCalled();
    expect(toasts).toEqual([{ title: label('SiSync_Log_SavedTitle'), message: label('SiSync_Log_SavedMessage'), variant: 'success' }]);
    expect(saved).toHaveBeenCalledTimes(1);
    expect(byId(element, 'save')?.disabled).toBe(true);
    expect(unloadPrevented()).toBe(false);

    // The shell reloads the page: the form takes its values.
    const reloaded = withSetting(withSetting(adminPage, 'logToOpportunities', { orgValue: 'true' }), 'noMatchRule', {
      orgValue: 'createLead',
    });
    element.page = { ...reloaded, repOverridable: ['taskSyncMode', 'apiLoggingEnabled', 'multipleMatchRule'] };
    await flush();
    expect(field(element, 'logToOpportunities').checked).toBe(true);
    expect(field(element, 'noMatchRule').value).toBe('createLead');
    expect(override(element, 'multipleMatchRule').checked).toBe(true);
    expect(override(element, 'logReplies').checked).toBe(false);
    expect(byId(element, 'save')?.disabled).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('keeps unsaved edits when another card reloads the page', async () => {
    const element = render(adminPage);
    change(field(element, 'logToContacts'), { checked: false });
    change(override(element, 'noMatchRule'), { checked: true });
    await flush();

    element.page = withSetting(adminPage, 'logToLeads', { orgValue: 'false' });
    await flush();
    expect(field(element, 'logToLeads').checked).toBe(false);
    expect(field(element, 'logToContacts').checked).toBe(false);
    expect(override(element, 'noMatchRule').checked).toBe(true);
    expect(byId(element, 'save')?.disabled).toBe(false);
    expect(unloadPrevented()).toBe(true);
    await expect(element).toBeAccessible();
  });

  it("shows the server's message when the save is rejected", async () => {
    mockSaveOrg.mockRejectedValue({ body: { message: 'Sales Insight Sync could not save: UNABLE_TO_LOCK_ROW' } });
    const element = render(adminPage);
    const { toasts, saved } = collect(element);

    change(field(element, 'apiLoggingEnabled'), { checked: false });
    await flush();
    byId(element, 'save')!.click();
    await flush();

    expect(mockSaveOrg).toHaveBeenCalledWith({
      values: { apiLoggingEnabled: 'false' },
      repOverridable: ['taskSyncMode', 'apiLoggingEnabled', 'logReplies'],
    });
    expect(toasts).toEqual([
      { title: label('SiSync_Log_SaveFailedTitle'), message: 'Sales Insight Sync could not save: UNABLE_TO_LOCK_ROW', variant: 'error' },
    ]);
    expect(byId(element, 'form-error')?.textContent).toBe('Sales Insight Sync could not save: UNABLE_TO_LOCK_ROW');
    expect(saved).not.toHaveBeenCalled();
    expect(byId(element, 'save')?.disabled).toBe(false);
    expect(unloadPrevented()).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('falls back to its own message when the rejection has none', async () => {
    mockSaveOrg.mockRejectedValue({});
    const element = render(adminPage);
    const { toasts } = collect(element);
    change(field(element, 'logReplies'), { checked: false });
    await flush();
    byId(element, 'save')!.click();
    await flush();
    expect(toasts[0]?.message).toBe(label('SiSync_Log_SaveFailed'));
    await expect(element).toBeAccessible();
  });

  it("shows the server's problems on the fields", async () => {
    const refused: SaveResult = {
      saved: false,
      problems: {
        taskTypeCall: 'taskTypeCall: "Meeting" is not active in the Task Type picklist.',
        taskSyncMode: 'repOverridable: taskSyncMode cannot be locked while reps sync.',
      },
    };
    mockSaveOrg.mockResolvedValue(refused);
    const element = render(adminPage);
    const { toasts, saved } = collect(element);

    change(field(element, 'taskTypeCall'), { value: 'Meeting' });
    await flush();
    byId(element, 'save')!.click();
    await flush();

    expect(errorOf(element, 'taskTypeCall')).toBe('taskTypeCall: "Meeting" is not active in the Task Type picklist.');
    expect(byId(element, 'form-error')?.textContent).toBe('repOverridable: taskSyncMode cannot be locked while reps sync.');
    expect(toasts).toEqual([
      {
        title: label('SiSync_Log_SaveFailedTitle'),
        message:
          'taskTypeCall: "Meeting" is not active in the Task Type picklist. repOverridable: taskSyncMode cannot be locked while reps sync.',
        variant: 'error',
      },
    ]);
    expect(saved).not.toHaveBeenCalled();

    // Editing the field clears the server's problem.
    change(field(element, 'taskTypeCall'), { value: 'Other' });
    await flush();
    expect(errorOf(element, 'taskTypeCall')).toBeUndefined();
    await expect(element).toBeAccessible();
  });

  it("shows the preview's refused save (save-failure scenario) on its field", async () => {
    mockSaveOrg.mockResolvedValue(refusedFixture);
    const element = render(adminPage);
    change(field(element, 'taskTypeCall'), { value: 'Meeting' });
    await flush();
    byId(element, 'save')!.click();
    await flush();
    expect(errorOf(element, 'taskTypeCall')).toBe(refusedFixture.problems.taskTypeCall);
    await expect(element).toBeAccessible();
  });

  it('asks the user to fix the fields when every problem is on a field', async () => {
    mockSaveOrg.mockResolvedValue({ saved: false, problems: { logToLeads: 'logToLeads: nope.' } });
    const element = render(adminPage);
    change(field(element, 'logToLeads'), { checked: false });
    await flush();
    byId(element, 'save')!.click();
    await flush();
    expect(errorOf(element, 'logToLeads')).toBe('logToLeads: nope.');
    expect(byId(element, 'form-error')?.textContent).toBe(label('SiSync_Log_FixFields'));
    await expect(element).toBeAccessible();
  });

  it('says the save failed in its own words when the server gives no problem', async () => {
    mockSaveOrg.mockResolvedValue({ saved: false, problems: {} });
    const element = render(adminPage);
    const { toasts } = collect(element);
    change(field(element, 'logToLeads'), { checked: false });
    await flush();
    byId(element, 'save')!.click();
    await flush();
    expect(toasts).toEqual([{ title: label('SiSync_Log_SaveFailedTitle'), message: label('SiSync_Log_SaveFailed'), variant: 'error' }]);
    expect(byId(element, 'form-error')?.textContent).toBe(label('SiSync_Log_FixFields'));
    await expect(element).toBeAccessible();
  });

  it('leaves out a setting the server does not send, and never sends it', async () => {
    mockSaveOrg.mockResolvedValue(saveOrgFixture);
    const element = render({
      ...adminPage,
      settings: adminPage.settings.filter(
        (item) => !['logToOpportunities', 'taskTypeEmail', 'taskTypeCall', 'taskTypeReply'].includes(item.key),
      ),
    });

    expect(field(element, 'logToOpportunities')).toBeNull();
    expect(root(element).querySelector('[data-group="taskTypes"]')).toBeNull();
    expect(root(element).querySelectorAll('[data-override]')).toHaveLength(7);
    change(field(element, 'logToLeads'), { checked: false });
    await flush();
    byId(element, 'save')!.click();
    await flush();
    expect(mockSaveOrg).toHaveBeenCalledWith({
      values: { logToLeads: 'false' },
      repOverridable: ['taskSyncMode', 'apiLoggingEnabled', 'logReplies'],
    });
    await expect(element).toBeAccessible();
  });

  it("Cancel restores the page's values", async () => {
    const element = render(adminPage);

    change(field(element, 'apiLoggingEnabled'), { checked: false });
    change(field(element, 'multipleMatchRule'), { value: 'mostRecentActivity' });
    change(field(element, 'subjectTemplate'), { value: '{{nope}}' });
    change(override(element, 'apiLoggingEnabled'), { checked: false });
    await flush();
    byId(element, 'save')!.click();
    await flush();
    expect(byId(element, 'form-error')).not.toBeNull();

    byId(element, 'cancel')!.click();
    await flush();
    expect(field(element, 'apiLoggingEnabled').checked).toBe(true);
    expect(field(element, 'multipleMatchRule').value).toBe('oldest');
    expect(field(element, 'subjectTemplate').value).toBe('{{activity_type}}: {{activity_subject}}');
    expect(override(element, 'apiLoggingEnabled').checked).toBe(true);
    expect(root(element).querySelector('[data-error]')).toBeNull();
    expect(byId(element, 'form-error')).toBeNull();
    expect(byId(element, 'save')?.disabled).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('guards unsaved changes when the page is left', async () => {
    const element = render(adminPage);
    expect(unloadPrevented()).toBe(false);

    change(field(element, 'logToContacts'), { checked: false });
    await flush();
    expect(unloadPrevented()).toBe(true);

    // Back to the loaded value: nothing to lose.
    change(field(element, 'logToContacts'), { checked: true });
    await flush();
    expect(unloadPrevented()).toBe(false);

    change(override(element, 'logToContacts'), { checked: true });
    await flush();
    expect(unloadPrevented()).toBe(true);

    element.remove();
    expect(unloadPrevented()).toBe(false);
    document.body.appendChild(element);
    expect(unloadPrevented()).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('notes that BCC is active when the card says so', async () => {
    const element = render(adminPage);
    expect(byId(element, 'bcc-active-note')).toBeNull();

    element.bccActive = true;
    await flush();
    expect(byId(element, 'bcc-active-note')?.textContent).toBe(label('SiSync_Log_BccActiveApiNote'));
    expect(byId(element, 'bcc-active-note')?.getAttribute('role')).toBe('status');
    await expect(element).toBeAccessible();

    element.bccActive = false;
    await flush();
    expect(byId(element, 'bcc-active-note')).toBeNull();
    await expect(element).toBeAccessible();
  });
});
