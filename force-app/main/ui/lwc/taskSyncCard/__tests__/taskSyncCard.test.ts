import TaskSyncCard, { turnsSyncOn, type TaskSyncScope } from 'c/taskSyncCard';
import type { InitialSyncProgress, SettingItem, SettingsPage } from 'c/settingsModel';
import setMode from '@salesforce/apex/TaskSyncController.setMode';
import saveOrgSettings from '@salesforce/apex/SyncSettingsController.saveOrgSettings';
import { byId, click, fire, flush, label, labelWith, listen, mount, shadow, spyValidity, textOf, unmountAll } from 'test/lwcSupport';
import adminFixture from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.json';
import repFixture from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.repWithLocks.json';
import runningFixture from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.firstSyncRunning.json';
import setModeAnswer from './data/TaskSyncController.setMode.json';
import saveOrgSettingsAnswer from './data/SyncSettingsController.saveOrgSettings.json';

jest.mock('@salesforce/apex/TaskSyncController.setMode', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SyncSettingsController.saveOrgSettings', () => ({ default: jest.fn() }), { virtual: true });
// Read by c-first-sync-progress, which the card renders in My Account.
jest.mock('@salesforce/apex/TaskSyncController.getProgress', () => ({ default: jest.fn() }), { virtual: true });

const mockSetMode = setMode as unknown as jest.Mock;
const mockSaveOrg = saveOrgSettings as unknown as jest.Mock;

/** The admin page as loaded: the server refuses org defaults that turn sync on. */
const ADMIN_REFUSED = adminFixture as unknown as SettingsPage;
/** The admin page of a server that lets an org default turn sync on. */
const ADMIN = { ...ADMIN_REFUSED, defaultModeRefusal: null };
const REP = repFixture as unknown as SettingsPage;
const REP_RUNNING = runningFixture as unknown as SettingsPage;

type CardElement = HTMLElement & { page?: SettingsPage; scope?: TaskSyncScope };
type RadioGroup = HTMLElement & { value: string; label: string; disabled: boolean; options: { label: string; value: string }[] };
type Button = HTMLElement & { label: string; disabled: boolean; variant?: string };
type Toggle = HTMLElement & {
  type: string;
  variant: string;
  label: string;
  checked: boolean;
  messageToggleActive: string;
  messageToggleInactive: string;
};
type Icon = HTMLElement & { iconName: string; size: string; alternativeText: string };
type Progress = HTMLElement & { progress: InitialSyncProgress | null };

/** The page with the task-sync setting changed. */
function withMode(page: SettingsPage, change: Partial<SettingItem>): SettingsPage {
  return { ...page, settings: page.settings.map((item) => (item.key === 'taskSyncMode' ? { ...item, ...change } : item)) };
}

function render(scope: TaskSyncScope, page: SettingsPage | undefined): CardElement {
  return mount<CardElement>('c-task-sync-card', TaskSyncCard, { scope, ...(page ? { page } : {}) });
}

function radio(element: Element): RadioGroup | null {
  return shadow(element).querySelector<RadioGroup>('lightning-radio-group');
}

function button(element: Element, id: string): Button {
  return byId<Button>(element, id)!;
}

function toggle(element: Element): Toggle {
  return byId<Toggle>(element, 'rep-overridable')!;
}

async function choose(element: Element, value: string): Promise<void> {
  fire(radio(element)!, { value });
  await flush();
}

async function press(element: Element, id: string): Promise<void> {
  click(element, id);
  await flush();
}

/** Whether leaving the page now would be held back (the beforeunload guard). */
function leavingIsGuarded(): boolean {
  const event = new CustomEvent('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('c-task-sync-card', () => {
  afterEach(() => {
    unmountAll();
    jest.clearAllMocks();
  });

  it('shows a spinner until the page arrives', async () => {
    const element = render('mine', undefined);
    await flush();

    expect(shadow(element).querySelector('lightning-spinner')).not.toBeNull();
    expect(radio(element)).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('edits the running user’s own values unless told otherwise', async () => {
    const element = mount<CardElement>('c-task-sync-card', TaskSyncCard, { page: REP });
    await flush();

    expect(element.scope).toBe('mine');
    expect(radio(element)!.label).toBe(label('SiSync_Task_ModeLabel'));
  });

  it('has no card and no title of its own: the accordion section heads it', async () => {
    const element = render('mine', REP);
    await flush();

    expect(shadow(element).querySelector('lightning-card')).toBeNull();
    expect(shadow(element).querySelector('h2')).toBeNull();
  });

  describe('My Account', () => {
    it('offers the three modes with the saved one selected', async () => {
      const element = render('mine', REP);
      await flush();

      expect(radio(element)!.label).toBe(label('SiSync_Task_ModeLabel'));
      expect(radio(element)!.value).toBe('none');
      expect(radio(element)!.options).toEqual([
        { label: label('SiSync_Task_OptionNone'), value: 'none' },
        { label: label('SiSync_Task_OptionSiaToSalesforce'), value: 'siaToSalesforce' },
        { label: label('SiSync_Task_OptionTwoWay'), value: 'twoWay' },
      ]);
      await expect(element).toBeAccessible();
    });

    it('shows the running user’s effective mode, not the org default', async () => {
      const element = render('mine', withMode(ADMIN, { value: 'twoWay', source: 'USER', orgValue: 'none' }));
      await flush();

      expect(radio(element)!.value).toBe('twoWay');
    });

    it('explains what happens when task sync is turned on', async () => {
      const element = render('mine', REP);
      await flush();

      const explained = [...shadow(element).querySelectorAll('[data-id="explain"] li')].map((item) => item.textContent);
      expect(explained).toEqual([
        label('SiSync_Task_ExplainImport'),
        label('SiSync_Task_ExplainNoBackfill'),
        label('SiSync_Task_ExplainDueDates'),
        label('SiSync_Task_ExplainDeletes'),
      ]);
    });

    it('offers no admin controls', async () => {
      const element = render('mine', ADMIN_REFUSED);
      await flush();

      expect(byId(element, 'rep-overridable')).toBeNull();
      expect(byId(element, 'admin-help')).toBeNull();
      expect(byId(element, 'refusal')).toBeNull();
    });

    it('puts neutral Cancel before brand Save, right-aligned', async () => {
      const element = render('mine', REP);
      await flush();

      const row = byId(element, 'buttons')!;
      expect([...row.classList]).toEqual(expect.arrayContaining(['slds-grid', 'slds-grid_align-end']));
      const buttons = [...row.querySelectorAll<Button>('lightning-button')].map((item) => [item.label, item.variant]);
      expect(buttons).toEqual([
        [label('SiSync_Task_Cancel'), undefined],
        [label('SiSync_Task_Save'), 'brand'],
      ]);
    });

    it('keeps Save and Cancel disabled while nothing changed', async () => {
      const element = render('mine', REP);
      await flush();

      expect([button(element, 'cancel').disabled, button(element, 'save').disabled]).toEqual([true, true]);
      expect(leavingIsGuarded()).toBe(false);
    });

    it('shows a rep’s locked mode read-only with a lock icon and the one explanation', async () => {
      const element = render('mine', withMode(REP, { value: 'twoWay', source: 'ORG', repOverridable: false, locked: true }));
      await flush();

      expect(radio(element)).toBeNull();
      expect(textOf(element, 'read-only-value')).toBe(label('SiSync_Task_OptionTwoWay'));
      const lock = byId<Icon>(element, 'lock')!;
      expect([lock.iconName, lock.size, lock.alternativeText]).toEqual(['utility:lock', 'x-small', label('SiSync_Field_LockedIcon')]);
      expect(textOf(element, 'locked-explain')).toBe(label('SiSync_Field_LockedExplain'));
      expect(byId(element, 'save')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('locks an admin’s own mode when task sync is not rep-overridable', async () => {
      const element = render('mine', withMode(ADMIN, { value: 'none', repOverridable: false, locked: false }));
      await flush();

      expect(radio(element)).toBeNull();
      expect(textOf(element, 'read-only-value')).toBe(label('SiSync_Task_OptionNone'));
      expect(byId<Icon>(element, 'lock')!.alternativeText).toBe(label('SiSync_Field_LockedIcon'));
      expect(textOf(element, 'locked-explain')).toBe(label('SiSync_Field_LockedExplain'));
      expect(byId(element, 'save')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('asks to confirm turning two-way sync on and calls no Apex until confirmed', async () => {
      const element = render('mine', REP);
      await flush();

      await choose(element, 'twoWay');
      await press(element, 'save');

      expect(textOf(element, 'confirm-text')).toBe(label('SiSync_Task_ConfirmTwoWay'));
      expect(radio(element)!.disabled).toBe(true);
      expect(byId(element, 'save')).toBeNull();
      expect(mockSetMode).not.toHaveBeenCalled();
      await expect(element).toBeAccessible();
    });

    it('moves focus to Confirm when the confirmation opens', async () => {
      const element = render('mine', REP);
      await flush();
      const focus = jest.spyOn(HTMLElement.prototype, 'focus');

      await choose(element, 'twoWay');
      await press(element, 'save');

      expect(focus.mock.contexts).toEqual([byId(element, 'confirm-yes')]);
      focus.mockRestore();
    });

    it('puts the confirmation’s Cancel before its brand Confirm', async () => {
      const element = render('mine', REP);
      await flush();
      await choose(element, 'siaToSalesforce');
      await press(element, 'save');

      const buttons = [...byId(element, 'confirm')!.querySelectorAll<Button>('lightning-button')].map((item) => [item.label, item.variant]);
      expect(buttons).toEqual([
        [label('SiSync_Task_ConfirmCancel'), undefined],
        [label('SiSync_Task_Confirm'), 'brand'],
      ]);
      expect(textOf(element, 'confirm-text')).toBe(label('SiSync_Task_ConfirmSiaToSalesforce'));
    });

    it('saves the mode with setMode once confirmed: a success toast and a saved event', async () => {
      mockSetMode.mockResolvedValue(setModeAnswer);
      const element = render('mine', REP);
      const fired = listen(element);
      await flush();

      await choose(element, 'twoWay');
      await press(element, 'save');
      await press(element, 'confirm-yes');

      expect(mockSetMode).toHaveBeenCalledWith({ mode: 'twoWay' });
      expect(mockSaveOrg).not.toHaveBeenCalled();
      expect(fired.toasts).toEqual([
        { title: label('SiSync_Task_SavedTitle'), message: label('SiSync_Task_SavedMessage'), variant: 'success' },
      ]);
      expect(fired.saved).toHaveBeenCalledTimes(1);
      await expect(element).toBeAccessible();
    });

    it('takes the saved mode from the reloaded page and is clean again', async () => {
      mockSetMode.mockResolvedValue(setModeAnswer);
      const element = render('mine', REP);
      await flush();
      await choose(element, 'twoWay');
      await press(element, 'save');
      await press(element, 'confirm-yes');

      element.page = withMode(REP, { value: 'twoWay', source: 'USER' });
      await flush();

      expect(radio(element)!.value).toBe('twoWay');
      expect(button(element, 'save').disabled).toBe(true);
      expect(leavingIsGuarded()).toBe(false);
    });

    it('restores the selection and calls nothing when the confirmation is cancelled', async () => {
      const element = render('mine', REP);
      const fired = listen(element);
      await flush();

      await choose(element, 'siaToSalesforce');
      await press(element, 'save');
      await press(element, 'confirm-no');

      expect(byId(element, 'confirm')).toBeNull();
      expect(radio(element)!.value).toBe('none');
      expect(button(element, 'save').disabled).toBe(true);
      expect(mockSetMode).not.toHaveBeenCalled();
      expect(fired.toasts).toEqual([]);
      expect(leavingIsGuarded()).toBe(false);
    });

    it('shows a spinner and holds the form while it saves', async () => {
      mockSetMode.mockReturnValue(new Promise(() => undefined));
      const element = render('mine', withMode(REP, { value: 'twoWay', source: 'USER' }));
      await flush();

      await choose(element, 'none');
      await press(element, 'save');

      expect(shadow(element).querySelector('lightning-spinner')).not.toBeNull();
      expect([radio(element)!.disabled, button(element, 'save').disabled, button(element, 'cancel').disabled]).toEqual([true, true, true]);
      await expect(element).toBeAccessible();
    });

    it('turns sync off without a confirmation', async () => {
      mockSetMode.mockResolvedValue(setModeAnswer);
      const element = render('mine', withMode(REP, { value: 'twoWay', source: 'USER' }));
      await flush();

      await choose(element, 'none');
      await press(element, 'save');

      expect(byId(element, 'confirm')).toBeNull();
      expect(mockSetMode).toHaveBeenCalledWith({ mode: 'none' });
    });

    it('guards against leaving with an unsaved change, and Cancel restores the saved mode', async () => {
      const element = render('mine', REP);
      await flush();
      await choose(element, 'twoWay');
      expect(leavingIsGuarded()).toBe(true);

      await press(element, 'cancel');

      expect(radio(element)!.value).toBe('none');
      expect(leavingIsGuarded()).toBe(false);
    });

    it('marks an invalid mode on the radio group and disables Save', async () => {
      const element = render('mine', withMode(REP, { value: 'twoWay', source: 'USER', choices: ['none', 'twoWay'] }));
      await flush();
      const validity = spyValidity([radio(element)!]);

      await choose(element, 'siaToSalesforce');

      expect(validity.get(radio(element)!)).toEqual([
        labelWith('SiSync_Model_NotAChoice', 'taskSyncMode', 'siaToSalesforce', 'none, twoWay'),
      ]);
      expect(button(element, 'save').disabled).toBe(true);
      await expect(element).toBeAccessible();
    });

    it('clears the mark when a valid mode is chosen again', async () => {
      const element = render('mine', withMode(REP, { value: 'twoWay', source: 'USER', choices: ['none', 'twoWay'] }));
      await flush();
      const validity = spyValidity([radio(element)!]);

      await choose(element, 'siaToSalesforce');
      await choose(element, 'none');

      expect(validity.get(radio(element)!)?.at(-1)).toBe('');
      expect(button(element, 'save').disabled).toBe(false);
    });

    it('shows the server’s problem with the mode on the radio group and lists the others', async () => {
      mockSetMode.mockResolvedValue({
        saved: false,
        problems: { taskSyncMode: 'taskSyncMode: turn on API logging first.', bccAddress: 'Deactivate BCC first.' },
      });
      const element = render('mine', withMode(REP, { value: 'twoWay', source: 'USER' }));
      await flush();
      const validity = spyValidity([radio(element)!]);

      await choose(element, 'siaToSalesforce');
      await press(element, 'save');

      expect(validity.get(radio(element)!)?.at(-1)).toBe('taskSyncMode: turn on API logging first.');
      expect(textOf(element, 'problems')).toBe('Deactivate BCC first.');
      expect(button(element, 'save').disabled).toBe(true);
      await expect(element).toBeAccessible();
    });

    it('toasts every problem of a refused save', async () => {
      mockSetMode.mockResolvedValue({
        saved: false,
        problems: { taskSyncMode: 'taskSyncMode: turn on API logging first.', bccAddress: 'Deactivate BCC first.' },
      });
      const element = render('mine', withMode(REP, { value: 'twoWay', source: 'USER' }));
      const fired = listen(element);
      await flush();

      await choose(element, 'none');
      await press(element, 'save');

      expect(fired.toasts).toEqual([
        {
          title: label('SiSync_Task_SaveFailedTitle'),
          message: 'taskSyncMode: turn on API logging first. Deactivate BCC first.',
          variant: 'error',
        },
      ]);
      expect(fired.saved).not.toHaveBeenCalled();
    });

    it('toasts its own message when a refused save names no problem', async () => {
      mockSetMode.mockResolvedValue({ saved: false, problems: {} });
      const element = render('mine', withMode(REP, { value: 'twoWay', source: 'USER' }));
      const fired = listen(element);
      await flush();

      await choose(element, 'none');
      await press(element, 'save');

      expect(fired.toasts).toEqual([
        { title: label('SiSync_Task_SaveFailedTitle'), message: label('SiSync_Task_SaveFailed'), variant: 'error' },
      ]);
      expect(byId(element, 'problems')).toBeNull();
    });

    it('shows the server’s message when the save fails, in a toast and in the card', async () => {
      mockSetMode.mockRejectedValue({ body: { message: 'Sales Insight Sync could not change task sync: UNABLE_TO_LOCK_ROW' } });
      const element = render('mine', withMode(REP, { value: 'twoWay', source: 'USER' }));
      const fired = listen(element);
      await flush();

      await choose(element, 'siaToSalesforce');
      await press(element, 'save');

      expect(fired.toasts.map((toast) => [toast.title, toast.message, toast.variant])).toEqual([
        [label('SiSync_Task_SaveFailedTitle'), 'Sales Insight Sync could not change task sync: UNABLE_TO_LOCK_ROW', 'error'],
      ]);
      expect(textOf(element, 'problems')).toBe('Sales Insight Sync could not change task sync: UNABLE_TO_LOCK_ROW');
      expect(radio(element)!.value).toBe('siaToSalesforce');
      await expect(element).toBeAccessible();
    });

    it('falls back to its own message when the failure has none, and Cancel clears it', async () => {
      mockSetMode.mockRejectedValue({});
      const element = render('mine', withMode(REP, { value: 'twoWay', source: 'USER' }));
      await flush();
      await choose(element, 'none');
      await press(element, 'save');
      expect(textOf(element, 'problems')).toBe(label('SiSync_Task_SaveFailed'));

      await press(element, 'cancel');

      expect(byId(element, 'problems')).toBeNull();
    });

    it('keeps an unsaved change when the page reloads for another card', async () => {
      const element = render('mine', REP);
      await flush();
      await choose(element, 'twoWay');

      element.page = { ...REP, problems: ['something else changed'] };
      await flush();

      expect(radio(element)!.value).toBe('twoWay');
      expect(leavingIsGuarded()).toBe(true);
    });

    it('lets the browser leave again once the card is removed', async () => {
      const element = render('mine', REP);
      await flush();
      await choose(element, 'twoWay');

      element.remove();

      expect(leavingIsGuarded()).toBe(false);
    });

    it('treats a page without the setting as "do not sync"', async () => {
      const element = render('mine', { ...REP, settings: [] });
      await flush();

      expect(radio(element)!.value).toBe('none');
    });

    it('hands the first sync of the page to c-first-sync-progress', async () => {
      const element = render('mine', REP_RUNNING);
      await flush();

      const progress = shadow(element).querySelector<Progress>('c-first-sync-progress')!;
      expect(progress.progress).toEqual(REP_RUNNING.initialSync);
      await expect(element).toBeAccessible();
    });

    it('shows no first sync when the user never started one', async () => {
      const element = render('mine', REP);
      await flush();

      expect(shadow(element).querySelector('c-first-sync-progress')).toBeNull();
    });

    it('fires saved when the first sync finishes, so the page reloads', async () => {
      const element = render('mine', REP_RUNNING);
      const fired = listen(element);
      await flush();

      shadow(element).querySelector('c-first-sync-progress')!.dispatchEvent(new CustomEvent('finished'));

      expect(fired.saved).toHaveBeenCalledTimes(1);
    });
  });

  describe('Org defaults', () => {
    it('offers no modes while the server refuses defaults that turn sync on', async () => {
      const element = render('org', ADMIN_REFUSED);
      await flush();

      expect(radio(element)).toBeNull();
      expect(shadow(element).querySelector('lightning-radio-group, input[type="radio"]')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('shows the current org default read-only, without a lock, and the server’s refusal in a notification', async () => {
      const element = render('org', ADMIN_REFUSED);
      await flush();

      expect(textOf(element, 'read-only-value')).toBe(label('SiSync_Task_OptionNone'));
      expect(byId(element, 'lock')).toBeNull();
      expect([...byId(element, 'refusal')!.classList]).toEqual(expect.arrayContaining(['slds-scoped-notification']));
      expect(byId(element, 'refusal')!.querySelector<Icon>('lightning-icon')!.iconName).toBe('utility:info');
      expect(textOf(element, 'refusal-text')).toBe(ADMIN_REFUSED.defaultModeRefusal);
    });

    it('still offers the "reps may change" toggle while defaults are refused', async () => {
      const element = render('org', ADMIN_REFUSED);
      await flush();

      expect(toggle(element).checked).toBe(true);
      expect(button(element, 'save').disabled).toBe(true);
    });

    it('saves only the list of what reps may change while defaults are refused', async () => {
      mockSaveOrg.mockResolvedValue(saveOrgSettingsAnswer);
      const element = render('org', withMode(ADMIN_REFUSED, { orgValue: 'twoWay' }));
      await flush();

      fire(toggle(element), { checked: false });
      await flush();
      await press(element, 'save');

      expect(byId(element, 'confirm')).toBeNull();
      expect(mockSaveOrg).toHaveBeenCalledWith({ values: {}, repOverridable: ['apiLoggingEnabled', 'logReplies'] });
    });

    it('lists a refusal of the mode when no radio group shows it', async () => {
      mockSaveOrg.mockResolvedValue({ saved: false, problems: { taskSyncMode: 'taskSyncMode: refused.' } });
      const element = render('org', ADMIN_REFUSED);
      await flush();

      fire(toggle(element), { checked: false });
      await flush();
      await press(element, 'save');

      expect(textOf(element, 'problems')).toBe('taskSyncMode: refused.');
      await expect(element).toBeAccessible();
    });

    it('offers the three modes, starting from the default, when defaults may turn sync on', async () => {
      const element = render('org', ADMIN);
      await flush();

      expect(radio(element)!.label).toBe(label('SiSync_Task_ModeLabelAdmin'));
      expect(radio(element)!.options.map((option) => option.value)).toEqual(['none', 'siaToSalesforce', 'twoWay']);
      expect(radio(element)!.value).toBe('none');
      expect(byId(element, 'refusal')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('starts from the org value rather than the admin’s own', async () => {
      const element = render('org', withMode(ADMIN, { orgValue: 'siaToSalesforce', value: 'twoWay', source: 'USER' }));
      await flush();

      expect(radio(element)!.value).toBe('siaToSalesforce');
    });

    it('draws "reps may change" as a toggle worded for the lock, not as a setting checkbox', async () => {
      const element = render('org', ADMIN);
      await flush();

      const reps = toggle(element);
      expect([reps.type, reps.variant]).toEqual(['toggle', 'label-hidden']);
      expect(reps.label).toBe(labelWith('SiSync_Field_RepsMayChangeLabel', label('SiSync_Task_ModeLabel')));
      expect([reps.messageToggleActive, reps.messageToggleInactive]).toEqual([
        label('SiSync_Field_RepsMayChange'),
        label('SiSync_Field_RepsLocked'),
      ]);
      expect(reps.checked).toBe(true);
    });

    it('keeps the admin help and leaves out the rep’s explanation and first sync', async () => {
      const element = render('org', { ...ADMIN, initialSync: REP_RUNNING.initialSync });
      await flush();

      expect(textOf(element, 'admin-help')).toBe(label('SiSync_Task_AdminHelp'));
      expect(byId(element, 'explain')).toBeNull();
      expect(shadow(element).querySelector('c-first-sync-progress')).toBeNull();
    });

    it('puts neutral Cancel before brand Save, right-aligned', async () => {
      const element = render('org', ADMIN_REFUSED);
      await flush();

      const row = byId(element, 'buttons')!;
      expect([...row.classList]).toEqual(expect.arrayContaining(['slds-grid', 'slds-grid_align-end']));
      expect([...row.querySelectorAll<Button>('lightning-button')].map((item) => item.getAttribute('data-id'))).toEqual(['cancel', 'save']);
    });

    it('saves whether reps may change the mode with the whole list and no mode', async () => {
      mockSaveOrg.mockResolvedValue(saveOrgSettingsAnswer);
      const element = render('org', ADMIN);
      const fired = listen(element);
      await flush();

      fire(toggle(element), { checked: false });
      await flush();
      expect(leavingIsGuarded()).toBe(true);
      await press(element, 'save');

      expect(mockSaveOrg).toHaveBeenCalledWith({ values: {}, repOverridable: ['apiLoggingEnabled', 'logReplies'] });
      expect(mockSetMode).not.toHaveBeenCalled();
      expect(fired.toasts).toEqual([
        { title: label('SiSync_Task_SavedTitle'), message: label('SiSync_Task_SavedOrgMessage'), variant: 'success' },
      ]);
      expect(fired.saved).toHaveBeenCalledTimes(1);
    });

    it('asks an admin to confirm a default that turns sync on', async () => {
      const element = render('org', ADMIN);
      await flush();

      await choose(element, 'siaToSalesforce');
      await press(element, 'save');

      expect(textOf(element, 'confirm-text')).toBe(label('SiSync_Task_ConfirmAdmin'));
      expect(mockSaveOrg).not.toHaveBeenCalled();
      await expect(element).toBeAccessible();
    });

    it('saves a confirmed default with the list kept as it was', async () => {
      mockSaveOrg.mockResolvedValue(saveOrgSettingsAnswer);
      const element = render('org', { ...ADMIN, repOverridable: ['apiLoggingEnabled'] });
      await flush();
      expect(toggle(element).checked).toBe(false);

      await choose(element, 'siaToSalesforce');
      await press(element, 'save');
      await press(element, 'confirm-yes');

      expect(mockSaveOrg).toHaveBeenCalledWith({ values: { taskSyncMode: 'siaToSalesforce' }, repOverridable: ['apiLoggingEnabled'] });
    });

    it('shows the server’s problem with the default on the radio group', async () => {
      mockSaveOrg.mockResolvedValue({ saved: false, problems: { taskSyncMode: 'taskSyncMode: refused.' } });
      const element = render('org', withMode(ADMIN, { orgValue: 'twoWay' }));
      await flush();
      const validity = spyValidity([radio(element)!]);

      await choose(element, 'none');
      await press(element, 'save');

      expect(validity.get(radio(element)!)?.at(-1)).toBe('taskSyncMode: refused.');
      expect(byId(element, 'problems')).toBeNull();
      expect(button(element, 'save').disabled).toBe(true);
    });
  });
});

describe('turnsSyncOn', () => {
  it('asks for confirmation only when sync is turned on', () => {
    const moves: [string, string][] = [
      ['none', 'siaToSalesforce'],
      ['none', 'twoWay'],
      ['siaToSalesforce', 'twoWay'],
      ['twoWay', 'siaToSalesforce'],
      ['twoWay', 'none'],
      ['twoWay', 'twoWay'],
    ];
    expect(moves.map(([from, to]) => turnsSyncOn(from, to))).toEqual([true, true, true, false, false, false]);
  });
});
