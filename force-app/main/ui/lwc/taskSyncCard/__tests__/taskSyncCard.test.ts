import { label } from 'test/lwcSupport';
import { createElement } from 'lwc';
import TaskSyncCard, { format, turnsSyncOn, POLL_INTERVAL_MS } from 'c/taskSyncCard';
import type { InitialSyncProgress, SettingItem, SettingsPage } from 'c/settingsModel';
import setMode from '@salesforce/apex/TaskSyncController.setMode';
import getProgress from '@salesforce/apex/TaskSyncController.getProgress';
import saveOrgSettings from '@salesforce/apex/SyncSettingsController.saveOrgSettings';
import loadedPage from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.json';
import setModeAnswer from './data/TaskSyncController.setMode.json';
import progressAnswer from './data/TaskSyncController.getProgress.json';
import saveOrgSettingsAnswer from './data/SyncSettingsController.saveOrgSettings.json';

jest.mock('@salesforce/apex/TaskSyncController.setMode', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/TaskSyncController.getProgress', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SyncSettingsController.saveOrgSettings', () => ({ default: jest.fn() }), { virtual: true });

const setModeMock = setMode as unknown as jest.Mock;
const getProgressMock = getProgress as unknown as jest.Mock;
const saveOrgSettingsMock = saveOrgSettings as unknown as jest.Mock;

const ADMIN_PAGE = loadedPage as unknown as SettingsPage;

type RadioGroup = HTMLElement & {
  value: string;
  label: string;
  disabled: boolean;
  options: { label: string; value: string }[];
  setCustomValidity(message: string): void;
  reportValidity(): boolean;
};
type Button = HTMLElement & { label: string; disabled: boolean };
type Checkbox = HTMLElement & { checked: boolean; label: string; disabled: boolean };
type Valued = HTMLElement & { value: number };
interface Toast {
  title: string;
  message: string;
  variant: string;
}

/** The page with the task-sync setting changed. */
function withMode(page: SettingsPage, change: Partial<SettingItem>): SettingsPage {
  return { ...page, settings: page.settings.map((item) => (item.key === 'taskSyncMode' ? { ...item, ...change } : item)) };
}

/** A rep's page: no admin data, the mode's lock and value as given. */
function repPage(change: Partial<SettingItem> = {}, extra: Partial<SettingsPage> = {}): SettingsPage {
  return withMode({ ...ADMIN_PAGE, isAdmin: false, health: null, unresolvedOpen: null, ...extra }, { orgValue: null, ...change });
}

function progressOf(change: Partial<InitialSyncProgress>): InitialSyncProgress {
  return { ...(progressAnswer as InitialSyncProgress), ...change };
}

interface Rendered {
  element: HTMLElement & { page: SettingsPage | undefined };
  toasts: Toast[];
  saved: jest.Mock;
}

function render(page: SettingsPage | undefined): Rendered {
  const element = createElement('c-task-sync-card', { is: TaskSyncCard }) as Rendered['element'];
  element.page = page;
  const toasts: Toast[] = [];
  const saved = jest.fn();
  element.addEventListener('lightning__showtoast', (event) => toasts.push((event as CustomEvent<Toast>).detail));
  element.addEventListener('saved', saved);
  document.body.appendChild(element);
  return { element, toasts, saved };
}

/** Lets pending promises (Apex answers, re-renders) settle; works under fake timers too. */
function flush(): Promise<void> {
  return [1, 2, 3, 4, 5].reduce<Promise<void>>((chain) => chain.then(() => undefined), Promise.resolve());
}

function $<T extends HTMLElement = HTMLElement>(element: HTMLElement, selector: string): T | null {
  return element.shadowRoot!.querySelector<T>(selector);
}

function radio(element: HTMLElement): RadioGroup {
  return $<RadioGroup>(element, 'lightning-radio-group')!;
}

async function choose(element: HTMLElement, value: string): Promise<void> {
  radio(element).dispatchEvent(new CustomEvent('change', { detail: { value } }));
  await flush();
}

async function click(element: HTMLElement, dataId: string): Promise<void> {
  $(element, `[data-id="${dataId}"]`)!.click();
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
    document.body.replaceChildren();
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it('shows a spinner until the page arrives', async () => {
    const { element } = render(undefined);
    expect($(element, 'lightning-spinner')).not.toBeNull();
    expect($(element, 'lightning-radio-group')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('preselects "Do not sync with Salesforce tasks" by default and explains the first sync', async () => {
    const { element } = render(repPage());

    const group = radio(element);
    expect(group.value).toBe('none');
    expect(group.label).toBe(label('SiSync_Task_ModeLabel'));
    expect(group.options).toEqual([
      { label: 'Do not sync with Salesforce tasks', value: 'none' },
      { label: 'Sync Sales Insight Actions tasks to Salesforce', value: 'siaToSalesforce' },
      { label: 'Two-way sync', value: 'twoWay' },
    ]);
    expect($<Button>(element, '[data-id="save"]')!.disabled).toBe(true);
    expect($<Button>(element, '[data-id="cancel"]')!.disabled).toBe(true);
    const explained = [...element.shadowRoot!.querySelectorAll('[data-id="explain"] li')].map((li) => li.textContent);
    expect(explained).toEqual([
      label('SiSync_Task_ExplainImport'),
      label('SiSync_Task_ExplainNoBackfill'),
      label('SiSync_Task_ExplainDueDates'),
      label('SiSync_Task_ExplainDeletes'),
    ]);
    expect($(element, '[data-id="rep-overridable"]')).toBeNull();
    expect($(element, '[data-id="locked"]')).toBeNull();
    expect($(element, '[data-id="progress"]')).toBeNull();
    expect(leavingIsGuarded()).toBe(false);
    await expect(element).toBeAccessible();
  });

  it('shows a locked mode read-only with the reason', async () => {
    const { element } = render(repPage({ value: 'twoWay', source: 'ORG', repOverridable: false, locked: true }));

    expect($(element, 'lightning-radio-group')).toBeNull();
    expect($(element, '[data-id="save"]')).toBeNull();
    expect($(element, '[data-id="locked-value"]')!.textContent).toBe('Two-way sync');
    expect($(element, '[data-id="locked-reason"]')!.textContent).toBe(label('SiSync_Task_Locked'));
    expect($(element, '[data-id="explain"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('lets an admin set the org default and whether reps may change it', async () => {
    saveOrgSettingsMock.mockResolvedValue(saveOrgSettingsAnswer);
    const { element, toasts, saved } = render(ADMIN_PAGE);

    expect(radio(element).label).toBe(label('SiSync_Task_ModeLabelAdmin'));
    expect(radio(element).value).toBe('none');
    expect($(element, '[data-id="admin-help"]')!.textContent).toBe(label('SiSync_Task_AdminHelp'));
    const checkbox = $<Checkbox>(element, '[data-id="rep-overridable"]')!;
    expect(checkbox.label).toBe(label('SiSync_Task_RepOverridable'));
    expect(checkbox.checked).toBe(true);

    checkbox.checked = false;
    checkbox.dispatchEvent(new CustomEvent('change'));
    await flush();
    expect($<Button>(element, '[data-id="save"]')!.disabled).toBe(false);
    expect(leavingIsGuarded()).toBe(true);

    await click(element, 'save');

    expect($(element, '[data-id="confirm"]')).toBeNull();
    expect(saveOrgSettingsMock).toHaveBeenCalledWith({
      values: { taskSyncMode: 'none' },
      repOverridable: ['apiLoggingEnabled', 'logReplies'],
    });
    expect(setModeMock).not.toHaveBeenCalled();
    expect(toasts).toEqual([{ title: label('SiSync_Task_SavedTitle'), message: label('SiSync_Task_SavedOrgMessage'), variant: 'success' }]);
    expect(saved).toHaveBeenCalledTimes(1);
    await expect(element).toBeAccessible();
  });

  it('asks an admin to confirm turning the org default on, then keeps the lock list', async () => {
    saveOrgSettingsMock.mockResolvedValue(saveOrgSettingsAnswer);
    const page = { ...ADMIN_PAGE, repOverridable: ['apiLoggingEnabled'] };
    const { element, saved } = render(page);
    expect($<Checkbox>(element, '[data-id="rep-overridable"]')!.checked).toBe(false);

    await choose(element, 'siaToSalesforce');
    await click(element, 'save');

    expect($(element, '[data-id="confirm-text"]')!.textContent).toBe(label('SiSync_Task_ConfirmAdmin'));
    expect(saveOrgSettingsMock).not.toHaveBeenCalled();
    await click(element, 'confirm-yes');

    expect(saveOrgSettingsMock).toHaveBeenCalledWith({
      values: { taskSyncMode: 'siaToSalesforce' },
      repOverridable: ['apiLoggingEnabled'],
    });
    expect(saved).toHaveBeenCalledTimes(1);

    // The page reloads with the saved org value: the form takes it and is clean again.
    element.page = withMode(page, { orgValue: 'siaToSalesforce', value: 'siaToSalesforce', source: 'ORG' });
    await flush();
    expect(radio(element).value).toBe('siaToSalesforce');
    expect($<Button>(element, '[data-id="save"]')!.disabled).toBe(true);
    expect(leavingIsGuarded()).toBe(false);
    await expect(element).toBeAccessible();
  });

  it('asks to confirm turning two-way sync on and calls no Apex until confirmed', async () => {
    const { element, toasts } = render(repPage());
    const focus = jest.spyOn(HTMLElement.prototype, 'focus');

    await choose(element, 'twoWay');
    expect(leavingIsGuarded()).toBe(true);
    await click(element, 'save');

    const panel = $(element, '[data-id="confirm"]');
    expect(panel).not.toBeNull();
    expect($(element, '[data-id="confirm-text"]')!.textContent).toBe(label('SiSync_Task_ConfirmTwoWay'));
    expect($<Button>(element, '[data-id="confirm-yes"]')!.label).toBe(label('SiSync_Task_Confirm'));
    expect($<Button>(element, '[data-id="confirm-no"]')!.label).toBe(label('SiSync_Task_ConfirmCancel'));
    // Focus moves to Confirm, so keyboard and screen-reader users land in the panel.
    expect(focus.mock.contexts).toEqual([$(element, '[data-id="confirm-yes"]')]);
    focus.mockRestore();
    expect(radio(element).disabled).toBe(true);
    expect($(element, '[data-id="save"]')).toBeNull();
    expect(setModeMock).not.toHaveBeenCalled();
    expect(toasts).toEqual([]);
    await expect(element).toBeAccessible();
  });

  it('saves the mode once confirmed: success toast and a saved event', async () => {
    setModeMock.mockResolvedValue(setModeAnswer);
    const { element, toasts, saved } = render(repPage());

    await choose(element, 'twoWay');
    await click(element, 'save');
    await click(element, 'confirm-yes');

    expect(setModeMock).toHaveBeenCalledTimes(1);
    expect(setModeMock).toHaveBeenCalledWith({ mode: 'twoWay' });
    expect(saveOrgSettingsMock).not.toHaveBeenCalled();
    expect(toasts).toEqual([{ title: label('SiSync_Task_SavedTitle'), message: label('SiSync_Task_SavedMessage'), variant: 'success' }]);
    expect(saved).toHaveBeenCalledTimes(1);
    expect($(element, '[data-id="confirm"]')).toBeNull();
    expect($(element, 'lightning-spinner')).toBeNull();

    element.page = repPage({ value: 'twoWay', source: 'USER' }, { initialSync: progressOf({ state: 'queued' }) });
    await flush();
    expect(radio(element).value).toBe('twoWay');
    expect($(element, '[data-id="state"]')!.textContent).toBe('Status: Queued');
    await expect(element).toBeAccessible();
  });

  it('restores the selection and calls nothing when the confirmation is cancelled', async () => {
    const { element, toasts, saved } = render(repPage());

    await choose(element, 'siaToSalesforce');
    await click(element, 'save');
    expect($(element, '[data-id="confirm-text"]')!.textContent).toBe(label('SiSync_Task_ConfirmSiaToSalesforce'));
    await click(element, 'confirm-no');

    expect($(element, '[data-id="confirm"]')).toBeNull();
    expect(radio(element).value).toBe('none');
    expect(radio(element).disabled).toBe(false);
    expect($<Button>(element, '[data-id="save"]')!.disabled).toBe(true);
    expect(setModeMock).not.toHaveBeenCalled();
    expect(saveOrgSettingsMock).not.toHaveBeenCalled();
    expect(toasts).toEqual([]);
    expect(saved).not.toHaveBeenCalled();
    expect(leavingIsGuarded()).toBe(false);
    await expect(element).toBeAccessible();
  });

  it('turns sync off without a confirmation', async () => {
    setModeMock.mockResolvedValue(setModeAnswer);
    const { element, toasts, saved } = render(repPage({ value: 'twoWay', source: 'USER' }));
    expect(radio(element).value).toBe('twoWay');

    await choose(element, 'none');
    await click(element, 'save');

    expect($(element, '[data-id="confirm"]')).toBeNull();
    expect(setModeMock).toHaveBeenCalledWith({ mode: 'none' });
    expect(toasts.map((toast) => toast.variant)).toEqual(['success']);
    expect(saved).toHaveBeenCalledTimes(1);
    await expect(element).toBeAccessible();
  });

  it("shows the server's message when the save fails, in a toast and in the card", async () => {
    setModeMock.mockRejectedValue({ body: { message: 'Sales Insight Sync could not change task sync: UNABLE_TO_LOCK_ROW' } });
    const { element, toasts, saved } = render(repPage({ value: 'twoWay', source: 'USER' }));

    await choose(element, 'siaToSalesforce');
    await click(element, 'save');

    expect(setModeMock).toHaveBeenCalledWith({ mode: 'siaToSalesforce' });
    expect(toasts).toEqual([
      {
        title: label('SiSync_Task_SaveFailedTitle'),
        message: 'Sales Insight Sync could not change task sync: UNABLE_TO_LOCK_ROW',
        variant: 'error',
      },
    ]);
    expect($(element, '[data-id="problems"]')!.textContent).toBe('Sales Insight Sync could not change task sync: UNABLE_TO_LOCK_ROW');
    expect(saved).not.toHaveBeenCalled();
    expect(radio(element).value).toBe('siaToSalesforce');
    expect(leavingIsGuarded()).toBe(true);

    // Cancel restores the page's value and clears the message.
    await click(element, 'cancel');
    expect(radio(element).value).toBe('twoWay');
    expect($(element, '[data-id="problems"]')).toBeNull();
    expect(leavingIsGuarded()).toBe(false);
    await expect(element).toBeAccessible();
  });

  it('falls back to its own message when the failure has none', async () => {
    setModeMock.mockRejectedValue({});
    const { element, toasts } = render(repPage({ value: 'twoWay', source: 'USER' }));

    await choose(element, 'none');
    await click(element, 'save');

    expect(toasts[0]?.message).toBe(label('SiSync_Task_SaveFailed'));
    expect($(element, '[data-id="problems"]')!.textContent).toBe(label('SiSync_Task_SaveFailed'));
  });

  it('shows SaveResult.problems on the radio group and lists the others', async () => {
    setModeMock.mockResolvedValue({
      saved: false,
      problems: { taskSyncMode: 'taskSyncMode: turn on API logging first.', bccAddress: 'Deactivate BCC first.' },
    });
    const { element, toasts, saved } = render(repPage({ value: 'twoWay', source: 'USER' }));
    const group = radio(element);
    const setCustomValidity = jest.spyOn(group, 'setCustomValidity');
    const reportValidity = jest.spyOn(group, 'reportValidity');

    await choose(element, 'siaToSalesforce');
    await click(element, 'save');

    expect(setCustomValidity).toHaveBeenLastCalledWith('taskSyncMode: turn on API logging first.');
    expect(reportValidity).toHaveBeenCalled();
    expect($(element, '[data-id="problems"]')!.textContent).toBe('Deactivate BCC first.');
    expect(toasts).toEqual([
      {
        title: label('SiSync_Task_SaveFailedTitle'),
        message: 'taskSyncMode: turn on API logging first. Deactivate BCC first.',
        variant: 'error',
      },
    ]);
    expect(saved).not.toHaveBeenCalled();

    // Choosing again clears the radio group's message.
    await choose(element, 'none');
    expect(setCustomValidity).toHaveBeenLastCalledWith('');
    await expect(element).toBeAccessible();
  });

  it('toasts its own message when a refused save names no problem', async () => {
    setModeMock.mockResolvedValue({ saved: false, problems: {} });
    const { element, toasts } = render(repPage({ value: 'twoWay', source: 'USER' }));

    await choose(element, 'none');
    await click(element, 'save');

    expect(toasts).toEqual([{ title: label('SiSync_Task_SaveFailedTitle'), message: label('SiSync_Task_SaveFailed'), variant: 'error' }]);
    expect($(element, '[data-id="problems"]')).toBeNull();
  });

  it('checks the mode against the setting before calling Apex', async () => {
    const { element } = render(repPage({ value: 'twoWay', source: 'USER', choices: ['none', 'twoWay'] }));
    const setCustomValidity = jest.spyOn(radio(element), 'setCustomValidity');

    await choose(element, 'siaToSalesforce');
    await click(element, 'save');

    expect(setCustomValidity).toHaveBeenLastCalledWith('taskSyncMode: "siaToSalesforce" is not one of none, twoWay.');
    expect($(element, '[data-id="confirm"]')).toBeNull();
    expect(setModeMock).not.toHaveBeenCalled();
  });

  it('shows a running first sync with a progress bar and polls until it is done', async () => {
    jest.useFakeTimers();
    getProgressMock
      .mockResolvedValueOnce(
        progressOf({ state: 'running', queued: 30, alreadySynced: 2, failed: 0, chunksProcessed: 3, finishedAt: null }),
      )
      .mockResolvedValueOnce(progressAnswer);
    const running = progressOf({
      state: 'running',
      queued: 12,
      alreadySynced: 1,
      failed: 0,
      chunksProcessed: 1,
      finishedAt: null,
      replaysDeletes: false,
    });
    const { element, saved } = render(repPage({ value: 'twoWay', source: 'USER' }, { initialSync: running }));

    const count = (id: string) => $<Valued>(element, `[data-id="count-${id}"]`)!.value;
    expect($(element, '[data-id="state"]')!.textContent).toBe('Status: Running');
    expect($<Valued>(element, 'lightning-progress-bar')!.value).toBe(25);
    expect($(element, '[data-id="chunks"]')!.textContent).toBe('1 of 4 parts processed');
    expect([count('queued'), count('already-synced'), count('failed')]).toEqual([12, 1, 0]);
    expect($(element, '[data-id="deletes"]')!.textContent).toBe(label('SiSync_Task_NoDeleteReplay'));
    expect($(element, '[data-id="last-error"]')).toBeNull();

    jest.advanceTimersByTime(POLL_INTERVAL_MS - 1);
    expect(getProgressMock).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    await flush();
    expect(getProgressMock).toHaveBeenCalledTimes(1);
    expect($<Valued>(element, 'lightning-progress-bar')!.value).toBe(75);
    expect($(element, '[data-id="chunks"]')!.textContent).toBe('3 of 4 parts processed');
    expect(count('queued')).toBe(30);
    expect(saved).not.toHaveBeenCalled();

    jest.advanceTimersByTime(POLL_INTERVAL_MS);
    await flush();
    expect(getProgressMock).toHaveBeenCalledTimes(2);
    expect($(element, '[data-id="state"]')!.textContent).toBe('Status: Done');
    expect($(element, 'lightning-progress-bar')).toBeNull();
    expect([count('queued'), count('already-synced'), count('failed')]).toEqual([42, 3, 1]);
    expect($(element, '[data-id="deletes"]')!.textContent).toBe(label('SiSync_Task_ReplaysDeletes'));
    expect(saved).toHaveBeenCalledTimes(1);

    jest.advanceTimersByTime(POLL_INTERVAL_MS * 3);
    await flush();
    expect(getProgressMock).toHaveBeenCalledTimes(2);

    jest.useRealTimers();
    await expect(element).toBeAccessible();
  });

  it('shows why a first sync failed and does not poll it', async () => {
    jest.useFakeTimers();
    const failed = progressOf({
      state: 'failed',
      queued: 200,
      failed: 3,
      lastError: 'FIELD_CUSTOM_VALIDATION_EXCEPTION: Due date required',
    });
    const { element } = render(repPage({ value: 'twoWay', source: 'USER' }, { initialSync: failed }));

    expect($(element, '[data-id="state"]')!.textContent).toBe('Status: Failed');
    expect($(element, '[data-id="last-error"]')!.textContent).toBe('Last error: FIELD_CUSTOM_VALIDATION_EXCEPTION: Due date required');
    expect($(element, 'lightning-progress-bar')).toBeNull();

    jest.advanceTimersByTime(POLL_INTERVAL_MS * 2);
    await flush();
    expect(getProgressMock).not.toHaveBeenCalled();

    jest.useRealTimers();
    await expect(element).toBeAccessible();
  });

  it('words a first sync stopped because sync was turned off, with unknown counts as zero', async () => {
    const stopped = {
      ...progressOf({ queued: null, alreadySynced: null, failed: null, lastError: 'not shown unless failed' }),
      state: 'stopped',
    } as unknown as InitialSyncProgress;
    const { element } = render(repPage({}, { initialSync: stopped }));

    expect($(element, '[data-id="state"]')!.textContent).toBe('Status: Stopped: sync was turned off');
    const counts = ['queued', 'already-synced', 'failed'].map((id) => $<Valued>(element, `[data-id="count-${id}"]`)!.value);
    expect(counts).toEqual([0, 0, 0]);
    expect($(element, '[data-id="last-error"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('stops polling when the card is removed', async () => {
    jest.useFakeTimers();
    const { element } = render(repPage({ value: 'twoWay' }, { initialSync: progressOf({ state: 'queued', chunksTotal: null }) }));
    expect($(element, '[data-id="state"]')!.textContent).toBe('Status: Queued');

    element.remove();
    jest.advanceTimersByTime(POLL_INTERVAL_MS * 2);
    await flush();

    expect(getProgressMock).not.toHaveBeenCalled();
  });

  it('says so when the progress cannot be read, and stops polling', async () => {
    jest.useFakeTimers();
    getProgressMock.mockRejectedValue({ body: { message: 'Sales Insight Sync could not read the progress: boom' } });
    const { element, saved } = render(repPage({ value: 'twoWay' }, { initialSync: progressOf({ state: 'running' }) }));

    jest.advanceTimersByTime(POLL_INTERVAL_MS);
    await flush();
    expect($(element, '[data-id="progress-error"]')!.textContent).toBe('Sales Insight Sync could not read the progress: boom');
    jest.advanceTimersByTime(POLL_INTERVAL_MS * 2);
    await flush();
    expect(getProgressMock).toHaveBeenCalledTimes(1);
    expect(saved).not.toHaveBeenCalled();

    jest.useRealTimers();
    await expect(element).toBeAccessible();
  });

  it('refreshes the page when the run is gone, and ignores answers of a superseded poll', async () => {
    jest.useFakeTimers();
    let answer: (value: unknown) => void = () => undefined;
    getProgressMock.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve))).mockResolvedValueOnce(null);
    const page = repPage({ value: 'twoWay' }, { initialSync: progressOf({ state: 'running' }) });
    const { element, saved } = render(page);

    jest.advanceTimersByTime(POLL_INTERVAL_MS);
    // A new page arrives (another card saved) while that read is in flight: polling restarts.
    element.page = { ...page, initialSync: progressOf({ state: 'running', chunksProcessed: 2 }) };
    answer(progressOf({ state: 'done' }));
    await flush();
    expect($(element, '[data-id="state"]')!.textContent).toBe('Status: Running');
    expect(saved).not.toHaveBeenCalled();

    jest.advanceTimersByTime(POLL_INTERVAL_MS);
    await flush();
    expect(getProgressMock).toHaveBeenCalledTimes(2);
    expect($(element, '[data-id="progress"]')).toBeNull();
    expect(saved).toHaveBeenCalledTimes(1);
  });

  it('keeps unsaved edits when the page reloads for another card', async () => {
    const { element } = render(repPage());
    await choose(element, 'twoWay');

    element.page = repPage({}, { problems: ['something else changed'] });
    await flush();

    expect(radio(element).value).toBe('twoWay');
    expect(leavingIsGuarded()).toBe(true);
    element.remove();
    expect(leavingIsGuarded()).toBe(false);
  });

  it('treats a page without the setting as "do not sync"', () => {
    const { element } = render({ ...repPage(), settings: [] });
    expect(radio(element).value).toBe('none');
  });
});

describe('c/taskSyncCard helpers', () => {
  it('asks for confirmation only when sync is turned on', () => {
    expect(turnsSyncOn('none', 'siaToSalesforce')).toBe(true);
    expect(turnsSyncOn('none', 'twoWay')).toBe(true);
    expect(turnsSyncOn('siaToSalesforce', 'twoWay')).toBe(true);
    expect(turnsSyncOn('twoWay', 'siaToSalesforce')).toBe(false);
    expect(turnsSyncOn('twoWay', 'none')).toBe(false);
    expect(turnsSyncOn('twoWay', 'twoWay')).toBe(false);
  });

  it('fills placeholders by position and leaves unknown ones', () => {
    expect(format('{0} of {1} parts processed', [3, 4])).toBe('3 of 4 parts processed');
    expect(format('{1} and {2}', ['a', 'b'])).toBe('b and {2}');
  });
});
