import {
  UnsavedChangesGuard,
  bccAddressProblem,
  format,
  isEditableIn,
  messageOf,
  nextRepOverridable,
  savedValueOf,
  showToast,
  problemWith,
  settingOf,
  type SettingItem,
  type SettingsPage,
} from 'c/settingsModel';
import page from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.json';

const loaded = page as unknown as SettingsPage;

function item(key: string): SettingItem {
  const found = settingOf(loaded, key);
  if (!found) throw new Error(`no ${key} in the fixture`);
  return found;
}

describe('c/settingsModel', () => {
  it('finds settings by key', () => {
    expect(item('multipleMatchRule').value).toBe('oldest');
    expect(settingOf(loaded, 'nope')).toBeUndefined();
  });

  it('checks values as the server does', () => {
    expect(problemWith(item('logToLeads'), '')).toBeNull();
    expect(problemWith(item('logToLeads'), 'true')).toBeNull();
    expect(problemWith(item('logToLeads'), 'yes')).toBe('logToLeads: "yes" is not a flag; use true or false.');
    expect(problemWith(item('noMatchRule'), 'guess')).toBe('noMatchRule: "guess" is not one of doNotLog, createLead, unresolved.');
    expect(problemWith(item('taskTypeEmail'), 'x'.repeat(41))).toBe('taskTypeEmail: the value is longer than 40 characters; shorten it.');
    expect(problemWith(item('subjectTemplate'), '{{activity_subject}}')).toBeNull();
  });

  it('accepts only Email-to-Salesforce addresses', () => {
    expect(bccAddressProblem(' emailtosalesforce@3hw8xk2p9q0z7cd4.5g-4abcdeaa.na139.le.salesforce.com ')).toBeNull();
    expect(bccAddressProblem('EmailToSalesforce@abc.le.salesforce.com')).toBeNull();
    expect(bccAddressProblem('')).toContain('Paste your Email to Salesforce address');
    expect(bccAddressProblem(null)).toContain('Paste your Email to Salesforce address');
    expect(bccAddressProblem('rep@example.com')).toContain('is not an Email to Salesforce address');
    expect(bccAddressProblem('emailtosalesforce@evil.example.com')).toContain('is not an Email to Salesforce address');
  });

  it("prefers the server's message, then the page error, then the fallback", () => {
    expect(messageOf({ body: { message: 'locked' } }, 'fallback')).toBe('locked');
    expect(messageOf({ body: { pageErrors: [{ message: 'page' }] } }, 'fallback')).toBe('page');
    expect(messageOf({ body: null, message: 'network' }, 'fallback')).toBe('network');
    expect(messageOf(undefined, 'fallback')).toBe('fallback');
  });

  it('guards unsaved changes with one listener, and lets go', () => {
    const add = jest.spyOn(window, 'addEventListener');
    const remove = jest.spyOn(window, 'removeEventListener');
    const guard = new UnsavedChangesGuard();
    guard.hold(true);
    guard.hold(true);
    expect(guard.isHolding).toBe(true);
    expect(add.mock.calls.filter(([type]) => type === 'beforeunload')).toHaveLength(1);
    const leaving = new CustomEvent('beforeunload', { cancelable: true });
    window.dispatchEvent(leaving);
    expect(leaving.defaultPrevented).toBe(true);
    guard.hold(false);
    guard.hold(false);
    expect(guard.isHolding).toBe(false);
    expect(remove.mock.calls.filter(([type]) => type === 'beforeunload')).toHaveLength(1);
    const later = new CustomEvent('beforeunload', { cancelable: true });
    window.dispatchEvent(later);
    expect(later.defaultPrevented).toBe(false);
    add.mockRestore();
    remove.mockRestore();
  });

  it("fills a label's placeholders by position and leaves one without a value", () => {
    expect(format('{0} of {1}, then {2}', 3, 'ten')).toBe('3 of ten, then {2}');
  });

  it('starts each scope from its own saved value', () => {
    const template = { ...item('subjectTemplate'), value: 'mine', orgValue: 'org' };
    expect(savedValueOf(template, 'org')).toBe('org');
    expect(savedValueOf({ ...template, orgValue: null }, 'org')).toBe(template.defaultValue);
    expect(savedValueOf(template, 'profile', 'profile')).toBe('profile');
    expect(savedValueOf(template, 'profile', null)).toBe('org');
    expect(savedValueOf(template, 'mine')).toBe('mine');
  });

  it('lets My Account change only what reps may change, admins included', () => {
    const locked = { ...item('logToLeads'), repOverridable: false };
    expect(isEditableIn(locked, 'mine')).toBe(false);
    expect(isEditableIn(locked, 'org')).toBe(true);
    expect(isEditableIn(locked, 'profile')).toBe(true);
    expect(isEditableIn({ ...locked, repOverridable: true }, 'mine')).toBe(true);
  });

  it("rebuilds the list of what reps may change from a form's own keys, keeping the others", () => {
    const next = nextRepOverridable(['taskSyncMode', 'logReplies'], ['logReplies', 'logToLeads'], (key) => key === 'logToLeads');
    expect(next).toEqual(['taskSyncMode', 'logToLeads']);
  });

  it('asks the platform for a toast from the component', () => {
    const host = document.createElement('div');
    const toasts: unknown[] = [];
    host.addEventListener('lightning__showtoast', (event) => toasts.push((event as CustomEvent).detail));
    showToast(host, 'Saved', 'Done.', 'success');
    showToast(host, 'Failed', 'Read me.', 'error', 'sticky');
    expect(toasts).toEqual([
      expect.objectContaining({ title: 'Saved', message: 'Done.', variant: 'success' }),
      expect.objectContaining({ title: 'Failed', message: 'Read me.', variant: 'error', mode: 'sticky' }),
    ]);
  });
});
