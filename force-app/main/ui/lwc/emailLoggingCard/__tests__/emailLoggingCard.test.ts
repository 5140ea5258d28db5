import EmailLoggingCard from 'c/emailLoggingCard';
import type { SettingScope, SettingsPage } from 'c/settingsModel';
import { flush, label, listen, mount, shadow, textOf, unmountAll } from 'test/lwcSupport';
import pageFixture from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.json';
import bccActiveFixture from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.bccActive.json';

const adminPage = pageFixture as SettingsPage;

type CardElement = HTMLElement & { page?: SettingsPage; scope?: SettingScope };
type FormElement = HTMLElement & { page?: SettingsPage; scope: SettingScope; bccActive: boolean };

function render(scope: SettingScope, page?: SettingsPage): CardElement {
  return mount<CardElement>('c-email-logging-card', EmailLoggingCard, { scope, ...(page ? { page } : {}) });
}

function apiForm(element: Element): FormElement | null {
  return shadow(element).querySelector<FormElement>('c-email-api-settings');
}

function bccTab(element: Element): HTMLElement | null {
  return shadow(element).querySelector('[data-id="tab-bcc"] c-bcc-settings');
}

describe('c-email-logging-card', () => {
  afterEach(unmountAll);

  it('shows a spinner until the page arrives', async () => {
    const element = render('mine');
    await flush();

    expect(shadow(element).querySelector('lightning-spinner')).not.toBeNull();
    expect(apiForm(element)).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("My Account: two tabs, the API form of the user's own values and their BCC", async () => {
    const element = render('mine', adminPage);
    await flush();

    const tabs = [...shadow(element).querySelectorAll<HTMLElement & { label: string }>('lightning-tab')].map((tab) => tab.label);
    expect(tabs).toEqual([label('SiSync_Log_TabApi'), label('SiSync_Log_TabBcc')]);
    expect(apiForm(element)?.scope).toBe('mine');
    expect(apiForm(element)?.page).toEqual(adminPage);
    expect(bccTab(element)).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it("org defaults: the API form only, and a note that BCC is each user's own, no personal BCC", async () => {
    const element = render('org', adminPage);
    await flush();

    expect(shadow(element).querySelector('lightning-tabset')).toBeNull();
    expect(bccTab(element)).toBeNull();
    expect(shadow(element).querySelector('c-bcc-settings')).toBeNull();
    expect(apiForm(element)?.scope).toBe('org');
    expect(textOf(element, 'bcc-is-personal')).toBe(label('SiSync_Log_BccIsPersonal'));
    await expect(element).toBeAccessible();
  });

  it('BCC active on the page: the API form is told', async () => {
    const element = render('mine', bccActiveFixture as SettingsPage);
    await flush();

    expect(apiForm(element)?.bccActive).toBe(true);
  });

  it("the API form's saved reaches the card's listeners", async () => {
    const element = render('mine', adminPage);
    const fired = listen(element);
    await flush();

    apiForm(element)!.dispatchEvent(new CustomEvent('saved'));

    expect(fired.saved).toHaveBeenCalledTimes(1);
  });

  it('BCC turned on in its tab: the card says "saved" and the API form follows before the page reloads', async () => {
    const element = render('mine', adminPage);
    const fired = listen(element);
    await flush();

    bccTab(element)!.dispatchEvent(
      new CustomEvent('saved', { detail: { active: true, address: 'emailtosalesforce@abc.le.salesforce.com' } }),
    );
    await flush();

    expect(fired.saved).toHaveBeenCalledTimes(1);
    expect(apiForm(element)?.bccActive).toBe(true);
  });
});
