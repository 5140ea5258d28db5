import EmailApiSettings from 'c/emailApiSettings';
import type { ProfileSettings, SaveResult, SettingItem, SettingScope, SettingsPage } from 'c/settingsModel';
import saveOrgSettings from '@salesforce/apex/SyncSettingsController.saveOrgSettings';
import saveMySettings from '@salesforce/apex/SyncSettingsController.saveMySettings';
import { byId, click, flush, label, labelWith, listen, mount, shadow, textOf, unmountAll } from 'test/lwcSupport';
import pageFixture from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.json';
import repFixture from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.repWithLocks.json';
import unavailableFixture from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.apiUnavailable.json';
import profileFixture from '../../profileSettings/__tests__/data/ProfileSettingsController.getProfileSettings.json';
import followsOrgFixture from '../../profileSettings/__tests__/data/ProfileSettingsController.getProfileSettings.followsOrg.json';
import refusedFixture from './data/SyncSettingsController.saveOrgSettings.fieldProblems.json';
import saveOrgFixture from './data/SyncSettingsController.saveOrgSettings.json';
import saveMyFixture from './data/SyncSettingsController.saveMySettings.json';

jest.mock('@salesforce/apex/SyncSettingsController.saveOrgSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SyncSettingsController.saveMySettings', () => ({ default: jest.fn() }), { virtual: true });

const mockSaveOrg = saveOrgSettings as unknown as jest.Mock;
const mockSaveMy = saveMySettings as unknown as jest.Mock;
const mockSaveProfile = jest.fn();

const adminPage = pageFixture as SettingsPage;
const repPage = repFixture as SettingsPage;

type FormElement = HTMLElement & {
  page?: SettingsPage;
  scope?: SettingScope;
  profile?: ProfileSettings;
  bccActive?: boolean;
  saveProfile?: jest.Mock;
};
type FieldElement = HTMLElement & {
  settingKey: string;
  value: string;
  error: string | null;
  locked: boolean;
  repsMayChange: boolean;
  showRepsControl: boolean;
  unavailable: boolean;
  options: { value: string }[];
};
type ButtonElement = HTMLElement & { disabled: boolean };

function withSetting(page: SettingsPage, key: string, patch: Partial<SettingItem>): SettingsPage {
  return { ...page, settings: page.settings.map((item) => (item.key === key ? { ...item, ...patch } : item)) };
}

function render(scope: SettingScope, page: SettingsPage | undefined, extra: Partial<FormElement> = {}): FormElement {
  return mount<FormElement>('c-email-api-settings', EmailApiSettings, { scope, ...(page ? { page } : {}), ...extra });
}

function fields(element: Element): FieldElement[] {
  return [...shadow(element).querySelectorAll<FieldElement>('c-setting-field')];
}

function field(element: Element, key: string): FieldElement {
  const found = fields(element).find((candidate) => candidate.settingKey === key);
  if (!found) throw new Error(`no field ${key}`);
  return found;
}

function button(element: Element, id: 'save' | 'cancel'): ButtonElement {
  return byId<ButtonElement>(element, id)!;
}

/** What c-setting-field fires when the user changes a value. */
function edit(element: Element, key: string, value: string): void {
  field(element, key).dispatchEvent(new CustomEvent('valuechange', { detail: { key, value } }));
}

function toggleReps(element: Element, key: string, repsMayChange: boolean): void {
  field(element, key).dispatchEvent(new CustomEvent('repschange', { detail: { key, repsMayChange } }));
}

describe('c-email-api-settings', () => {
  afterEach(() => {
    unmountAll();
    jest.clearAllMocks();
  });

  it('renders nothing until the page arrives', async () => {
    const element = render('org', undefined);
    await flush();

    expect(fields(element)).toHaveLength(0);
    expect(byId(element, 'save')).toBeNull();
  });

  it('org defaults: every setting shows its org value or the default, with a "reps may change" toggle from the org list', async () => {
    const element = render('org', adminPage);
    await flush();

    expect(fields(element).map((item) => item.settingKey)).toEqual([
      'apiLoggingEnabled',
      'logToLeads',
      'logToContacts',
      'logToOpportunities',
      'multipleMatchRule',
      'noMatchRule',
      'logReplies',
      'subjectTemplate',
      'taskTypeEmail',
      'taskTypeCall',
      'taskTypeReply',
    ]);
    expect(field(element, 'multipleMatchRule').value).toBe('oldest');
    expect(field(element, 'noMatchRule').value).toBe('doNotLog');
    expect(fields(element).every((item) => item.showRepsControl && !item.locked)).toBe(true);
    expect(
      fields(element)
        .filter((item) => item.repsMayChange)
        .map((item) => item.settingKey),
    ).toEqual(['apiLoggingEnabled', 'logReplies']);
    expect(textOf(element, 'intro')).toBe(label('SiSync_Log_AdminIntro'));
    await expect(element).toBeAccessible();
  });

  it('takes the values of the scope the template sets after the page (attribute order)', async () => {
    const element = mount<FormElement>('c-email-api-settings', EmailApiSettings, { page: adminPage, scope: 'org' });
    await flush();

    expect(
      fields(element)
        .filter((item) => item.repsMayChange)
        .map((item) => item.settingKey),
    ).toEqual(['apiLoggingEnabled', 'logReplies']);
    expect(fields(element).every((item) => item.showRepsControl)).toBe(true);
  });

  it('org defaults: groups have one legend each, inside the form element, and the reps column is headed once per group', async () => {
    const element = render('org', adminPage);
    await flush();

    const groups = [...shadow(element).querySelectorAll('fieldset')];
    expect(groups.map((group) => group.querySelector('legend')?.textContent ?? null)).toEqual([
      null,
      label('SiSync_Log_LogTo'),
      label('SiSync_Log_Matching'),
      label('SiSync_Log_RepliesAndSubjects'),
      label('SiSync_Log_TaskTypes'),
    ]);
    expect(groups.every((group) => group.querySelector(':scope > .slds-form-element__control c-setting-field') !== null)).toBe(true);
  });

  it('saves changed org values only, with the whole list of what reps may change, then toasts and says "saved"', async () => {
    mockSaveOrg.mockResolvedValue(saveOrgFixture as SaveResult);
    const element = render('org', adminPage);
    const fired = listen(element);
    await flush();

    edit(element, 'logToOpportunities', 'true');
    toggleReps(element, 'logToLeads', true);
    toggleReps(element, 'logReplies', false);
    await flush();
    click(element, 'save');
    await flush();

    expect(mockSaveOrg).toHaveBeenCalledWith({
      values: { logToOpportunities: 'true' },
      repOverridable: ['taskSyncMode', 'apiLoggingEnabled', 'logToLeads'],
    });
    expect(fired.toasts).toEqual([expect.objectContaining({ title: label('SiSync_Log_SavedTitle'), variant: 'success' })]);
    expect(fired.saved).toHaveBeenCalledTimes(1);
  });

  it("My Account: the user's own values; what the admin locked is locked, with one explanation, and never sent", async () => {
    mockSaveMy.mockResolvedValue(saveMyFixture as SaveResult);
    const element = render('mine', repPage);
    await flush();

    const locked = fields(element)
      .filter((item) => item.locked)
      .map((item) => item.settingKey);
    expect(locked).toEqual(repPage.settings.filter((item) => !item.repOverridable && item.key !== 'taskSyncMode').map((item) => item.key));
    expect(fields(element).some((item) => item.showRepsControl)).toBe(false);
    expect(textOf(element, 'locked-explain')).toBe(label('SiSync_Field_LockedExplain'));

    edit(element, 'logReplies', 'false');
    await flush();
    click(element, 'save');
    await flush();
    expect(mockSaveMy).toHaveBeenCalledWith({ values: { logReplies: 'false' } });
    await expect(element).toBeAccessible();
  });

  it('My Account of an admin: locks follow what reps may change, admins included', async () => {
    const element = render('mine', withSetting(adminPage, 'logToLeads', { repOverridable: false }));
    await flush();

    expect(field(element, 'logToLeads').locked).toBe(true);
    expect(field(element, 'apiLoggingEnabled').locked).toBe(false);
    expect(field(element, 'logToLeads').showRepsControl).toBe(false);
  });

  it('My Account with nothing locked: no lock explanation', async () => {
    const open = { ...repPage, settings: repPage.settings.map((item) => ({ ...item, repOverridable: true, locked: false })) };
    const element = render('mine', open);
    await flush();

    expect(byId(element, 'locked-explain')).toBeNull();
  });

  it("a profile: starts from its own values, else the org's, and its own list", async () => {
    const element = render('profile', adminPage, { profile: profileFixture as ProfileSettings, saveProfile: mockSaveProfile });
    await flush();

    expect(textOf(element, 'intro')).toBe(labelWith('SiSync_Log_ProfileIntro', 'Sales Rep (Field)'));
    expect(field(element, 'logToOpportunities').value).toBe('true');
    expect(field(element, 'noMatchRule').value).toBe('createLead');
    expect(field(element, 'multipleMatchRule').value).toBe('oldest');
    expect(
      fields(element)
        .filter((item) => item.repsMayChange)
        .map((item) => item.settingKey),
    ).toEqual(['apiLoggingEnabled', 'logReplies', 'subjectTemplate']);
    await expect(element).toBeAccessible();
  });

  it('a profile: saves its changed values and its own whole list', async () => {
    mockSaveProfile.mockResolvedValue({ saved: true, problems: {} });
    const element = render('profile', adminPage, { profile: profileFixture as ProfileSettings, saveProfile: mockSaveProfile });
    await flush();

    edit(element, 'logToLeads', 'false');
    toggleReps(element, 'subjectTemplate', false);
    await flush();
    click(element, 'save');
    await flush();

    expect(mockSaveProfile).toHaveBeenCalledWith({
      profileId: '00eHo000001SalesAA',
      values: { logToLeads: 'false' },
      repOverridable: ['taskSyncMode', 'apiLoggingEnabled', 'logReplies'],
    });
  });

  it('a profile that follows the org list keeps following it when only values change', async () => {
    mockSaveProfile.mockResolvedValue({ saved: true, problems: {} });
    const element = render('profile', adminPage, { profile: followsOrgFixture as ProfileSettings, saveProfile: mockSaveProfile });
    await flush();

    expect(
      fields(element)
        .filter((item) => item.repsMayChange)
        .map((item) => item.settingKey),
    ).toEqual(['apiLoggingEnabled', 'logReplies']);
    edit(element, 'noMatchRule', 'unresolved');
    await flush();
    click(element, 'save');
    await flush();

    expect(mockSaveProfile).toHaveBeenCalledWith({
      profileId: '00eHo000001StandAA',
      values: { noMatchRule: 'unresolved' },
      repOverridable: null,
    });
  });

  it('another profile chosen: its values replace unsaved edits of the last one', async () => {
    const element = render('profile', adminPage, { profile: profileFixture as ProfileSettings, saveProfile: mockSaveProfile });
    await flush();
    edit(element, 'logToLeads', 'false');
    await flush();

    element.profile = followsOrgFixture as ProfileSettings;
    await flush();

    expect(field(element, 'logToLeads').value).toBe('true');
    expect(button(element, 'save').disabled).toBe(true);
  });

  it('API not available: the reason up front, the switch unavailable, the other fields still editable', async () => {
    const element = render('org', unavailableFixture as SettingsPage);
    await flush();

    expect(textOf(element, 'api-unavailable')).toBe((unavailableFixture as SettingsPage).apiLogging.reason);
    expect(field(element, 'apiLoggingEnabled').unavailable).toBe(true);
    expect(field(element, 'logToLeads').unavailable).toBe(false);
    await expect(element).toBeAccessible();
  });

  it('API not available without a reason: the form says so in its own words', async () => {
    const element = render('org', { ...adminPage, apiLogging: { available: false, edition: 'Professional Edition', reason: null } });
    await flush();

    expect(textOf(element, 'api-unavailable')).toBe(label('SiSync_Log_ApiUnavailable'));
  });

  it('an unknown subject-template token marks the field and disables Save', async () => {
    const element = render('org', adminPage);
    await flush();

    edit(element, 'subjectTemplate', '{{activity_type}} {{ activity_subject }} {{campaign}}');
    await flush();

    expect(field(element, 'subjectTemplate').error).toBe(labelWith('SiSync_Log_UnknownTokens', '{{ activity_subject }}, {{campaign}}'));
    expect(button(element, 'save').disabled).toBe(true);
    click(element, 'save');
    await flush();
    expect(mockSaveOrg).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
  });

  it('fixing the field enables Save again', async () => {
    const element = render('org', adminPage);
    await flush();
    edit(element, 'subjectTemplate', '{{campaign}}');
    await flush();

    edit(element, 'subjectTemplate', '{{activity_subject}}');
    await flush();

    expect(field(element, 'subjectTemplate').error).toBeNull();
    expect(button(element, 'save').disabled).toBe(false);
  });

  it("marks a Task Type missing from the org's picklist, keeping the stored value visible", async () => {
    const element = render('org', withSetting(adminPage, 'taskTypeReply', { orgValue: 'Reply', value: 'Reply', source: 'ORG' }));
    await flush();

    expect(field(element, 'taskTypeReply').error).toBe(labelWith('SiSync_Log_TaskTypeMissing', 'Reply'));
    expect(field(element, 'taskTypeReply').options.map((option) => option.value)).toEqual(['Call', 'Email', 'Meeting', 'Other', 'Reply']);
    expect(field(element, 'taskTypeEmail').error).toBeNull();
  });

  it('a locked field is never marked, whatever it holds', async () => {
    const element = render('mine', withSetting(repPage, 'taskTypeReply', { value: 'Reply', repOverridable: false, locked: true }));
    await flush();

    expect(field(element, 'taskTypeReply').error).toBeNull();
    expect(button(element, 'save').disabled).toBe(true);
  });

  it("shows the server's refusals on their fields, says to fix them, and saves nothing", async () => {
    mockSaveOrg.mockResolvedValue(refusedFixture as SaveResult);
    const element = render('org', adminPage);
    const fired = listen(element);
    await flush();

    edit(element, 'taskTypeCall', 'Meeting');
    await flush();
    click(element, 'save');
    await flush();

    expect(field(element, 'taskTypeCall').error).toBe(refusedFixture.problems.taskTypeCall);
    expect(textOf(element, 'form-error')).toBe(label('SiSync_Log_FixFields'));
    expect(fired.saved).not.toHaveBeenCalled();
    expect(fired.toasts).toEqual([expect.objectContaining({ variant: 'error', message: refusedFixture.problems.taskTypeCall })]);
    await expect(element).toBeAccessible();
  });

  it('a problem not tied to a field of the form is said above the buttons', async () => {
    mockSaveOrg.mockResolvedValue({ saved: false, problems: { repOverridable: 'repOverridable: unknown settings x.' } });
    const element = render('org', adminPage);
    await flush();

    edit(element, 'logToLeads', 'false');
    await flush();
    click(element, 'save');
    await flush();

    expect(textOf(element, 'form-error')).toBe('repOverridable: unknown settings x.');
  });

  it('editing a refused field takes its refusal away', async () => {
    mockSaveOrg.mockResolvedValue(refusedFixture as SaveResult);
    const element = render('org', adminPage);
    await flush();
    edit(element, 'taskTypeCall', 'Meeting');
    await flush();
    click(element, 'save');
    await flush();

    edit(element, 'taskTypeCall', 'Call');
    await flush();

    expect(field(element, 'taskTypeCall').error).toBeNull();
  });

  it("says the server's message when the save is rejected, and its own when there is none", async () => {
    mockSaveOrg.mockRejectedValueOnce({ body: { message: 'Org settings need the Sales Insight Sync Admin permission set.' } });
    mockSaveOrg.mockRejectedValueOnce({});
    const element = render('org', adminPage);
    const fired = listen(element);
    await flush();
    edit(element, 'logToLeads', 'false');
    await flush();

    click(element, 'save');
    await flush();
    expect(textOf(element, 'form-error')).toBe('Org settings need the Sales Insight Sync Admin permission set.');
    click(element, 'save');
    await flush();
    expect(textOf(element, 'form-error')).toBe(label('SiSync_Log_SaveFailed'));
    expect(fired.toasts.map((toast) => toast.variant)).toEqual(['error', 'error']);
  });

  it('keeps unsaved edits when another section reloads the page', async () => {
    const element = render('org', adminPage);
    await flush();
    edit(element, 'logToContacts', 'false');
    await flush();

    element.page = withSetting(adminPage, 'logReplies', { orgValue: 'false' });
    await flush();

    expect(field(element, 'logToContacts').value).toBe('false');
    expect(field(element, 'logReplies').value).toBe('false');
    expect(button(element, 'save').disabled).toBe(false);
  });

  it('Cancel (before Save) restores what the form started from', async () => {
    const element = render('org', adminPage);
    await flush();
    edit(element, 'logToLeads', 'false');
    toggleReps(element, 'logToLeads', true);
    await flush();

    const buttons = [...shadow(element).querySelectorAll<HTMLElement>('lightning-button')].map((item) => item.dataset.id);
    expect(buttons).toEqual(['cancel', 'save']);
    click(element, 'cancel');
    await flush();

    expect(field(element, 'logToLeads').value).toBe('true');
    expect(field(element, 'logToLeads').repsMayChange).toBe(false);
    expect(button(element, 'save').disabled).toBe(true);
  });

  it('leaves out a setting the server does not send, and never sends it', async () => {
    mockSaveOrg.mockResolvedValue(saveOrgFixture as SaveResult);
    const element = render('org', { ...adminPage, settings: adminPage.settings.filter((item) => item.key !== 'logToOpportunities') });
    await flush();

    expect(fields(element).some((item) => item.settingKey === 'logToOpportunities')).toBe(false);
    edit(element, 'logToLeads', 'false');
    await flush();
    click(element, 'save');
    await flush();
    expect(mockSaveOrg.mock.calls[0]?.[0]).toEqual(expect.objectContaining({ values: { logToLeads: 'false' } }));
  });

  it('guards unsaved changes when the page is left', async () => {
    const add = jest.spyOn(window, 'addEventListener');
    const element = render('org', adminPage);
    await flush();

    edit(element, 'logToLeads', 'false');
    await flush();

    expect(add).toHaveBeenCalledWith('beforeunload', expect.any(Function));
    add.mockRestore();
  });

  it('My Account with BCC active: notes in a scoped notification that the API then logs only calls', async () => {
    const element = render('mine', repPage, { bccActive: true });
    await flush();

    const note = byId(element, 'bcc-active-note');
    expect(note?.textContent?.trim()).toBe(label('SiSync_Log_BccActiveApiNote'));
    expect(note?.classList.contains('slds-scoped-notification')).toBe(true);
    await expect(element).toBeAccessible();
  });

  it("the org defaults never show the BCC note: BCC is each user's own", async () => {
    const element = render('org', adminPage, { bccActive: true });
    await flush();

    expect(byId(element, 'bcc-active-note')).toBeNull();
  });
});
