import ProfileSettingsPanel from 'c/profileSettings';
import type { ProfileSettings, SettingsPage } from 'c/settingsModel';
import listProfiles from '@salesforce/apex/ProfileSettingsController.listProfiles';
import getProfileSettings from '@salesforce/apex/ProfileSettingsController.getProfileSettings';
import clearProfileSettings from '@salesforce/apex/ProfileSettingsController.clearProfileSettings';
import saveProfileSettings from '@salesforce/apex/ProfileSettingsController.saveProfileSettings';
import { refreshApex } from '@salesforce/apex';
import { byId, click, fire, flush, label, labelWith, listen, mount, shadow, textOf, unmountAll } from 'test/lwcSupport';
import pageFixture from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.json';
import profilesFixture from './data/ProfileSettingsController.listProfiles.json';
import profileFixture from './data/ProfileSettingsController.getProfileSettings.json';
import followsOrgFixture from './data/ProfileSettingsController.getProfileSettings.followsOrg.json';
import clearFixture from './data/ProfileSettingsController.clearProfileSettings.json';

jest.mock(
  '@salesforce/apex/ProfileSettingsController.listProfiles',
  () => {
    const { createApexTestWireAdapter: create } = jest.requireActual('@salesforce/sfdx-lwc-jest');
    return { default: create(jest.fn()) };
  },
  { virtual: true },
);
jest.mock('@salesforce/apex/ProfileSettingsController.getProfileSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ProfileSettingsController.clearProfileSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ProfileSettingsController.saveProfileSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), { virtual: true });

const profilesWire = listProfiles as unknown as { emit(value: unknown): void; error(body?: unknown): void };
const mockGet = getProfileSettings as unknown as jest.Mock;
const mockClear = clearProfileSettings as unknown as jest.Mock;
const mockSave = saveProfileSettings as unknown as jest.Mock;
const mockRefresh = refreshApex as unknown as jest.Mock;
const adminPage = pageFixture as SettingsPage;

type PanelElement = HTMLElement & { page?: SettingsPage };
type FormElement = HTMLElement & {
  scope: string;
  profile: ProfileSettings;
  page: SettingsPage;
  saveProfile: (request: unknown) => Promise<unknown>;
};

function render(page: SettingsPage = adminPage): PanelElement {
  return mount<PanelElement>('c-profile-settings', ProfileSettingsPanel, { page });
}

async function choose(element: Element, profileId: string): Promise<void> {
  fire(byId(element, 'profile-picker')!, { value: profileId });
  await flush();
}

function form(element: Element): FormElement | null {
  return shadow(element).querySelector<FormElement>('c-email-api-settings');
}

describe('c-profile-settings', () => {
  afterEach(() => {
    unmountAll();
    jest.clearAllMocks();
  });

  it("offers the org's profiles, marking those with values of their own", async () => {
    const element = render();
    profilesWire.emit(profilesFixture);
    await flush();

    const picker = byId<HTMLElement & { options: { label: string; value: string }[] }>(element, 'profile-picker')!;
    expect(picker.options).toEqual([
      { label: 'Contract Manager', value: '00eHo000001ContrAA' },
      { label: 'Marketing User', value: '00eHo000001MarkeAA' },
      { label: labelWith('SiSync_Profile_HasOverrides', 'Sales Rep (Field)'), value: '00eHo000001SalesAA' },
      { label: 'Standard User', value: '00eHo000001StandAA' },
    ]);
    expect(form(element)).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('a profile chosen: its values in the email form (scope profile) and the task-sync refusal', async () => {
    mockGet.mockResolvedValue(profileFixture);
    const element = render();
    profilesWire.emit(profilesFixture);
    await flush();

    await choose(element, '00eHo000001SalesAA');

    expect(mockGet).toHaveBeenCalledWith({ profileId: '00eHo000001SalesAA' });
    expect(form(element)?.scope).toBe('profile');
    expect(form(element)?.profile).toEqual(profileFixture);
    expect(textOf(element, 'task-sync-refusal')).toBe(adminPage.defaultModeRefusal);
    await expect(element).toBeAccessible();
  });

  it('no refusal from the server: no task-sync note', async () => {
    mockGet.mockResolvedValue(profileFixture);
    const element = render({ ...adminPage, defaultModeRefusal: null });
    profilesWire.emit(profilesFixture);
    await flush();

    await choose(element, '00eHo000001SalesAA');

    expect(byId(element, 'task-sync-refusal')).toBeNull();
  });

  it("offers to remove a profile's own values only when it has some", async () => {
    mockGet.mockResolvedValueOnce(followsOrgFixture).mockResolvedValueOnce(profileFixture);
    const element = render();
    profilesWire.emit(profilesFixture);
    await flush();

    await choose(element, '00eHo000001StandAA');
    expect(byId(element, 'clear')).toBeNull();
    await choose(element, '00eHo000001SalesAA');
    expect(byId(element, 'clear')).not.toBeNull();
  });

  it('removing asks first; Keep leaves everything as it is', async () => {
    mockGet.mockResolvedValue(profileFixture);
    const element = render();
    profilesWire.emit(profilesFixture);
    await flush();
    await choose(element, '00eHo000001SalesAA');

    click(element, 'clear');
    await flush();
    expect(textOf(element, 'clear-confirm-text')).toBe(labelWith('SiSync_Profile_ClearConfirm', 'Sales Rep (Field)'));
    await expect(element).toBeAccessible();
    click(element, 'clear-no');
    await flush();

    expect(byId(element, 'clear-confirm')).toBeNull();
    expect(mockClear).not.toHaveBeenCalled();
  });

  it('removing confirmed: clears the profile, toasts, reads the profile and the list again', async () => {
    mockGet
      .mockResolvedValueOnce(profileFixture)
      .mockResolvedValueOnce({ ...followsOrgFixture, profileId: '00eHo000001SalesAA', profileName: 'Sales Rep (Field)' });
    mockClear.mockResolvedValue(clearFixture);
    const element = render();
    const fired = listen(element);
    profilesWire.emit(profilesFixture);
    await flush();
    await choose(element, '00eHo000001SalesAA');

    click(element, 'clear');
    await flush();
    click(element, 'clear-yes');
    await flush();

    expect(mockClear).toHaveBeenCalledWith({ profileId: '00eHo000001SalesAA' });
    expect(fired.toasts).toEqual([
      expect.objectContaining({
        title: label('SiSync_Profile_ClearedTitle'),
        message: labelWith('SiSync_Profile_ClearedMessage', 'Sales Rep (Field)'),
        variant: 'success',
      }),
    ]);
    expect(mockGet).toHaveBeenCalledTimes(2);
    expect(mockRefresh).toHaveBeenCalledTimes(1);
    expect(byId(element, 'clear')).toBeNull();
  });

  it('a removal answered "not saved" is toasted with the problem, and nothing is read again', async () => {
    mockGet.mockResolvedValue(profileFixture);
    mockClear.mockResolvedValue({
      saved: false,
      problems: { profileId: 'profileId: not a profile of this org; pick a profile from the list.' },
    });
    const element = render();
    const fired = listen(element);
    profilesWire.emit(profilesFixture);
    await flush();
    await choose(element, '00eHo000001SalesAA');

    click(element, 'clear');
    await flush();
    click(element, 'clear-yes');
    await flush();

    expect(fired.toasts).toEqual([
      expect.objectContaining({ variant: 'error', message: 'profileId: not a profile of this org; pick a profile from the list.' }),
    ]);
    expect(mockGet).toHaveBeenCalledTimes(1);
    expect(mockRefresh).not.toHaveBeenCalled();
  });

  it('a removal the server refuses is toasted with its message', async () => {
    mockGet.mockResolvedValue(profileFixture);
    mockClear.mockRejectedValue({ body: { message: 'Profile settings need the Sales Insight Sync Admin permission set.' } });
    const element = render();
    const fired = listen(element);
    profilesWire.emit(profilesFixture);
    await flush();
    await choose(element, '00eHo000001SalesAA');

    click(element, 'clear');
    await flush();
    click(element, 'clear-yes');
    await flush();

    expect(fired.toasts).toEqual([
      expect.objectContaining({ variant: 'error', message: 'Profile settings need the Sales Insight Sync Admin permission set.' }),
    ]);
  });

  it("gives the email form the profile save: the controller with the form's request", async () => {
    mockGet.mockResolvedValue(profileFixture);
    mockSave.mockResolvedValue({ saved: true, problems: {} });
    const element = render();
    profilesWire.emit(profilesFixture);
    await flush();
    await choose(element, '00eHo000001SalesAA');

    const request = { profileId: '00eHo000001SalesAA', values: { logToLeads: 'false' }, repOverridable: null };
    await expect(form(element)!.saveProfile(request)).resolves.toEqual({ saved: true, problems: {} });

    expect(mockSave).toHaveBeenCalledWith(request);
  });

  it('the email form saved: the profile and the list are read again', async () => {
    mockGet.mockResolvedValue(profileFixture);
    const element = render();
    profilesWire.emit(profilesFixture);
    await flush();
    await choose(element, '00eHo000001SalesAA');

    form(element)!.dispatchEvent(new CustomEvent('saved'));
    await flush();

    expect(mockGet).toHaveBeenCalledTimes(2);
    expect(mockRefresh).toHaveBeenCalledTimes(1);
  });

  it('says so when a profile cannot be read, and shows no form', async () => {
    mockGet.mockRejectedValue({});
    const element = render();
    profilesWire.emit(profilesFixture);
    await flush();

    await choose(element, '00eHo000001SalesAA');

    expect(textOf(element, 'error')).toBe(label('SiSync_Profile_LoadError'));
    expect(form(element)).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('says so when the profiles cannot be listed', async () => {
    const element = render();
    profilesWire.error({ message: 'Insufficient privileges' });
    await flush();

    expect(textOf(element, 'error')).toBe('Insufficient privileges');
  });

  it('an org without profiles to give values to says so', async () => {
    const element = render();
    profilesWire.emit([]);
    await flush();

    expect(textOf(element, 'no-profiles')).toBe(label('SiSync_Profile_NoProfiles'));
    expect(byId(element, 'profile-picker')).toBeNull();
  });

  it('drops the answer for a profile chosen earlier when another was chosen since', async () => {
    let answerFirst: (value: unknown) => void = () => undefined;
    mockGet.mockReturnValueOnce(new Promise((resolve) => (answerFirst = resolve))).mockResolvedValueOnce(followsOrgFixture);
    const element = render();
    profilesWire.emit(profilesFixture);
    await flush();

    fire(byId(element, 'profile-picker')!, { value: '00eHo000001SalesAA' });
    await choose(element, '00eHo000001StandAA');
    answerFirst(profileFixture);
    await flush();

    expect(form(element)?.profile.profileId).toBe('00eHo000001StandAA');
  });
});
