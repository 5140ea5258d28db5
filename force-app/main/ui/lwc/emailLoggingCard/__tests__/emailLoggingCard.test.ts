import { label } from 'test/lwcSupport';
import { createElement } from 'lwc';
import EmailLoggingCard from 'c/emailLoggingCard';
import type { SettingsPage } from 'c/settingsModel';
import activate from '@salesforce/apex/BccController.activate';
import pageFixture from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.json';
import activateFixture from '../../bccSettings/__tests__/data/BccController.activate.json';

jest.mock('@salesforce/apex/BccController.activate', () => ({ default: jest.fn() }), { virtual: true });

const mockActivate = activate as unknown as jest.Mock;

const adminPage = pageFixture as SettingsPage;

const ACTIVE_ADDRESS = 'emailtosalesforce@abc123xyz.n-1a2b3c.na123.le.salesforce.com';

type CardElement = HTMLElement & { page?: SettingsPage };
type ApiTab = HTMLElement & { page?: SettingsPage; bccActive: boolean };
type BccTab = HTMLElement & { page?: SettingsPage };

function render(page: SettingsPage | undefined): CardElement {
  const element = createElement('c-email-logging-card', { is: EmailLoggingCard }) as CardElement;
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

function apiTab(element: HTMLElement): ApiTab {
  return root(element).querySelector('[data-id="tab-api"] c-email-api-settings')!;
}

function bccTab(element: HTMLElement): BccTab {
  return root(element).querySelector('[data-id="tab-bcc"] c-bcc-settings')!;
}

/** The API tab's note that BCC is active, if shown. */
function bccActiveNote(element: HTMLElement): HTMLElement | null {
  return apiTab(element).shadowRoot!.querySelector('[data-id="bcc-active-note"]');
}

function inBcc(element: HTMLElement, id: string): (HTMLElement & { label?: string }) | null {
  return bccTab(element).shadowRoot!.querySelector(`[data-id="${id}"]`);
}

describe('c-email-logging-card', () => {
  afterEach(() => {
    document.body.replaceChildren();
    jest.clearAllMocks();
  });

  it('shows a spinner until the page arrives', async () => {
    const element = render(undefined);
    expect(root(element).querySelector('lightning-spinner')).not.toBeNull();
    expect(root(element).querySelector('lightning-tabset')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('renders both tabs, each with its child given the page', async () => {
    const element = render(adminPage);

    const tabs = [...root(element).querySelectorAll<HTMLElement & { label: string }>('lightning-tab')].map((tab) => tab.label);
    expect(tabs).toEqual([label('SiSync_Log_TabApi'), label('SiSync_Log_TabBcc')]);
    expect(root(element).querySelector('lightning-spinner')).toBeNull();
    // LWC hands children a read-only proxy of the page: equal, not the same object.
    expect(apiTab(element).page).toEqual(adminPage);
    expect(apiTab(element).bccActive).toBe(false);
    expect(bccTab(element).page).toEqual(adminPage);
    // The children render the page: the API tab's intro, the BCC tab's state.
    expect(apiTab(element).shadowRoot!.querySelector('[data-id="intro"]')?.textContent).toBe(label('SiSync_Log_AdminIntro'));
    expect(inBcc(element, 'bcc-state')?.label).toBe(label('SiSync_Log_BccInactive'));
    expect(bccActiveNote(element)).toBeNull();

    // A reloaded page reaches both tabs.
    const reloaded: SettingsPage = { ...adminPage, bcc: { active: true, address: ACTIVE_ADDRESS } };
    element.page = reloaded;
    await flush();
    expect(apiTab(element).page).toEqual(reloaded);
    expect(bccTab(element).page).toEqual(reloaded);
    await expect(element).toBeAccessible();
  });

  it('BCC active on the page: the API tab notes it', async () => {
    const element = render({ ...adminPage, bcc: { active: true, address: ACTIVE_ADDRESS } });

    expect(apiTab(element).bccActive).toBe(true);
    expect(bccActiveNote(element)).not.toBeNull();
    expect(inBcc(element, 'bcc-current')?.textContent).toBe(ACTIVE_ADDRESS);
    await expect(element).toBeAccessible();
  });

  it("a child's saved reaches the card's listeners", async () => {
    const element = render(adminPage);
    const saved = jest.fn();
    element.addEventListener('saved', saved);

    apiTab(element).dispatchEvent(new CustomEvent('saved'));
    expect(saved).toHaveBeenCalledTimes(1);

    bccTab(element).dispatchEvent(new CustomEvent('saved', { detail: { active: true, address: ACTIVE_ADDRESS } }));
    expect(saved).toHaveBeenCalledTimes(2);
    await flush();
    expect(apiTab(element).bccActive).toBe(true);

    bccTab(element).dispatchEvent(new CustomEvent('saved', { detail: { active: false, address: ACTIVE_ADDRESS } }));
    expect(saved).toHaveBeenCalledTimes(3);
    await flush();
    expect(apiTab(element).bccActive).toBe(false);
    await expect(element).toBeAccessible();
  });

  it('BCC activated in its tab: the card says "saved" and the API tab notes it before the page reloads', async () => {
    mockActivate.mockResolvedValue(activateFixture);
    const element = render(adminPage);
    const saved = jest.fn();
    element.addEventListener('saved', saved);

    inBcc(element, 'bcc-address')!.dispatchEvent(new CustomEvent('change', { detail: { value: ACTIVE_ADDRESS } }));
    await flush();
    inBcc(element, 'activate')!.click();
    await flush();

    expect(mockActivate).toHaveBeenCalledWith({ address: ACTIVE_ADDRESS });
    expect(saved).toHaveBeenCalledTimes(1);
    expect(inBcc(element, 'bcc-state')?.label).toBe(label('SiSync_Log_BccActive'));
    expect(bccActiveNote(element)?.textContent).toBe(label('SiSync_Log_BccActiveApiNote'));

    // The reloaded page has the last word.
    element.page = { ...adminPage, bcc: { active: false, address: null } };
    await flush();
    expect(bccActiveNote(element)).toBeNull();
    await expect(element).toBeAccessible();
  });
});
