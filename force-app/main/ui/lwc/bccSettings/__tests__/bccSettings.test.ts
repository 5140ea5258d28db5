import { label } from 'test/lwcSupport';
import { createElement } from 'lwc';
import BccSettings from 'c/bccSettings';
import type { SettingsPage } from 'c/settingsModel';
import activate from '@salesforce/apex/BccController.activate';
import deactivate from '@salesforce/apex/BccController.deactivate';
import pageFixture from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.json';
import repFixture from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.repWithLocks.json';
import activateFixture from './data/BccController.activate.json';
import deactivateFixture from './data/BccController.deactivate.json';

jest.mock('@salesforce/apex/BccController.activate', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/BccController.deactivate', () => ({ default: jest.fn() }), { virtual: true });

const mockActivate = activate as unknown as jest.Mock;
const mockDeactivate = deactivate as unknown as jest.Mock;

const adminPage = pageFixture as SettingsPage;

/** A rep: only what the admin lets reps override is unlocked; no org values (the preview's "rep with locks"). */
const repPage = repFixture as SettingsPage;

const ACTIVE_ADDRESS = 'emailtosalesforce@abc123xyz.n-1a2b3c.na123.le.salesforce.com';

type TabElement = HTMLElement & { page?: SettingsPage };
type Input = HTMLElement & { label: string; value: string; disabled: boolean };

function render(page: SettingsPage | undefined): TabElement {
  const element = createElement('c-bcc-settings', { is: BccSettings }) as TabElement;
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

function byId(element: HTMLElement, id: string): (HTMLElement & Partial<Input>) | null {
  return root(element).querySelector(`[data-id="${id}"]`);
}

function errorOf(element: HTMLElement, key: string): string | null | undefined {
  return root(element).querySelector(`[data-error="${key}"]`)?.textContent;
}

function change(target: HTMLElement, detail: { value?: string }): void {
  target.dispatchEvent(new CustomEvent('change', { detail }));
}

function collect(element: HTMLElement): { toasts: { title: string; message: string; variant: string }[]; saved: jest.Mock } {
  const toasts: { title: string; message: string; variant: string }[] = [];
  const saved = jest.fn();
  element.addEventListener('lightning__showtoast', (event) => toasts.push((event as CustomEvent).detail));
  element.addEventListener('saved', saved);
  return { toasts, saved };
}

/** The detail of the n-th `saved` event the tab fired: the new BCC state. */
function savedDetail(saved: jest.Mock, n = 0): unknown {
  return (saved.mock.calls[n]?.[0] as CustomEvent | undefined)?.detail;
}

function unloadPrevented(): boolean {
  const event = new CustomEvent('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('c-bcc-settings', () => {
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

  it('BCC inactive: an invalid address is refused without calling Apex', async () => {
    const element = render(adminPage);

    expect(byId(element, 'bcc-state')?.label).toBe(label('SiSync_Log_BccInactive'));
    expect(byId(element, 'bcc-current')).toBeNull();
    expect(byId(element, 'deactivate')).toBeNull();
    expect(byId(element, 'bcc-address')?.value).toBe('');

    byId(element, 'activate')!.click();
    await flush();
    expect(errorOf(element, 'bccAddress')).toBe('Paste your Email to Salesforce address from Settings → Email → My Email to Salesforce.');

    change(byId(element, 'bcc-address')!, { value: 'me@example.com' });
    await flush();
    expect(errorOf(element, 'bccAddress')).toBeUndefined();
    byId(element, 'activate')!.click();
    await flush();

    expect(errorOf(element, 'bccAddress')).toBe(
      '"me@example.com" is not an Email to Salesforce address: it starts with emailtosalesforce@ and ends with .salesforce.com.',
    );
    expect(mockActivate).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
  });

  it('BCC: activates a pasted address, toasts and says "saved"', async () => {
    mockActivate.mockResolvedValue(activateFixture);
    const element = render(adminPage);
    const { toasts, saved } = collect(element);

    change(byId(element, 'bcc-address')!, { value: `  ${ACTIVE_ADDRESS.toUpperCase()} ` });
    await flush();
    byId(element, 'activate')!.click();
    await flush();

    expect(mockActivate).toHaveBeenCalledWith({ address: ACTIVE_ADDRESS });
    expect(toasts).toEqual([
      {
        title: label('SiSync_Log_BccActivatedTitle'),
        message: `Sales Insight Actions now BCCs ${ACTIVE_ADDRESS} on your e-mails.`,
        variant: 'success',
      },
    ]);
    expect(saved).toHaveBeenCalledTimes(1);
    expect(savedDetail(saved)).toEqual({ active: true, address: ACTIVE_ADDRESS });
    expect(byId(element, 'bcc-state')?.label).toBe(label('SiSync_Log_BccActive'));
    expect(byId(element, 'bcc-current')?.textContent).toBe(ACTIVE_ADDRESS);
    expect(byId(element, 'activate')).toBeNull();
    expect(byId(element, 'deactivate')).not.toBeNull();
    expect(unloadPrevented()).toBe(false);
    await expect(element).toBeAccessible();
  });

  it("BCC: shows the server's problem on the address", async () => {
    mockActivate.mockResolvedValueOnce({ saved: false, problems: { bccAddress: 'bccAddress: not this org’s address.' } });
    const element = render(adminPage);
    const { toasts, saved } = collect(element);

    change(byId(element, 'bcc-address')!, { value: ACTIVE_ADDRESS });
    await flush();
    byId(element, 'activate')!.click();
    await flush();

    expect(errorOf(element, 'bccAddress')).toBe('bccAddress: not this org’s address.');
    expect(toasts).toEqual([
      { title: label('SiSync_Log_BccFailedTitle'), message: 'bccAddress: not this org’s address.', variant: 'error' },
    ]);
    expect(saved).not.toHaveBeenCalled();
    expect(byId(element, 'bcc-state')?.label).toBe(label('SiSync_Log_BccInactive'));

    mockActivate.mockResolvedValueOnce({ saved: false, problems: {} });
    byId(element, 'activate')!.click();
    await flush();
    expect(errorOf(element, 'bccAddress')).toBe(label('SiSync_Log_BccFailed'));
    await expect(element).toBeAccessible();
  });

  it('BCC active: shows the address and deactivates', async () => {
    mockDeactivate.mockResolvedValue(deactivateFixture);
    const element = render({ ...adminPage, bcc: { active: true, address: ACTIVE_ADDRESS } });
    const { toasts, saved } = collect(element);

    expect(byId(element, 'bcc-state')?.label).toBe(label('SiSync_Log_BccActive'));
    expect(byId(element, 'bcc-current')?.textContent).toBe(ACTIVE_ADDRESS);
    expect(byId(element, 'bcc-address')?.value).toBe(ACTIVE_ADDRESS);
    expect(byId(element, 'activate')).toBeNull();

    // A different address may be activated instead.
    change(byId(element, 'bcc-address')!, { value: 'emailtosalesforce@other.salesforce.com' });
    await flush();
    expect(byId(element, 'activate')).not.toBeNull();
    change(byId(element, 'bcc-address')!, { value: ACTIVE_ADDRESS });
    await flush();
    expect(byId(element, 'activate')).toBeNull();

    byId(element, 'deactivate')!.click();
    await flush();

    expect(mockDeactivate).toHaveBeenCalledTimes(1);
    expect(mockActivate).not.toHaveBeenCalled();
    expect(toasts).toEqual([
      { title: label('SiSync_Log_BccDeactivatedTitle'), message: label('SiSync_Log_BccDeactivatedMessage'), variant: 'success' },
    ]);
    expect(saved).toHaveBeenCalledTimes(1);
    expect(savedDetail(saved)).toEqual({ active: false, address: ACTIVE_ADDRESS });
    expect(byId(element, 'bcc-state')?.label).toBe(label('SiSync_Log_BccInactive'));
    expect(byId(element, 'deactivate')).toBeNull();
    expect(byId(element, 'activate')).not.toBeNull();
    // The address stays, so activating again needs no paste.
    expect(byId(element, 'bcc-address')?.value).toBe(ACTIVE_ADDRESS);
    await expect(element).toBeAccessible();
  });

  it("BCC: a rejected deactivation shows the server's message", async () => {
    mockDeactivate.mockRejectedValue({ body: { message: 'Sales Insight Sync could not queue the change.' } });
    const element = render({ ...repPage, bcc: { active: true, address: ACTIVE_ADDRESS } });
    const { toasts } = collect(element);

    byId(element, 'deactivate')!.click();
    await flush();

    expect(toasts).toEqual([
      { title: label('SiSync_Log_BccFailedTitle'), message: 'Sales Insight Sync could not queue the change.', variant: 'error' },
    ]);
    expect(errorOf(element, 'bccAddress')).toBe('Sales Insight Sync could not queue the change.');
    expect(byId(element, 'bcc-state')?.label).toBe(label('SiSync_Log_BccActive'));
    await expect(element).toBeAccessible();
  });

  it('renders both guides as ordered steps, linking the Salesforce pages', async () => {
    const element = render(adminPage);

    const sections = [...root(element).querySelectorAll<Input>('lightning-accordion-section')].map((section) => section.label);
    expect(sections).toEqual([label('SiSync_Log_GuideAddressNotReceived'), label('SiSync_Log_GuideEmailToSalesforceMissing')]);
    expect(
      (root(element).querySelector('lightning-accordion') as HTMLElement & { allowMultipleSectionsOpen: boolean })
        .allowMultipleSectionsOpen,
    ).toBe(true);

    const received = byId(element, 'guide-address-not-received')!;
    expect(received.tagName).toBe('OL');
    const steps = [...received.querySelectorAll('li')];
    expect(steps).toHaveLength(4);
    expect(steps[1]?.querySelector('a')).toBeNull();
    expect(steps[1]?.textContent).toBe('Copy the address shown as “Your Email to Salesforce address”.');
    const link = steps[0]?.querySelector('a');
    expect(link?.getAttribute('href')).toBe('/lightning/settings/personal/EmailToSalesforceUserSetup/home');
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(link?.textContent).toBe(
      `In Salesforce, open your personal Settings → Email → My Email to Salesforce.${label('SiSync_Log_NewTab')}`,
    );

    const missing = [...byId(element, 'guide-email-to-salesforce-missing')!.querySelectorAll('li')];
    expect(missing.map((step) => step.querySelector('a')?.getAttribute('href') ?? null)).toEqual([
      '/lightning/setup/EmailToSalesforce/home',
      '/lightning/setup/EmailToSalesforce/home',
      null,
    ]);
    expect(byId(element, 'bcc-no-double')?.textContent).toBe(label('SiSync_Log_BccNoDouble'));
    await expect(element).toBeAccessible();
  });

  it('guards an address typed but not activated when the page is left', async () => {
    const element = render(adminPage);
    expect(unloadPrevented()).toBe(false);

    change(byId(element, 'bcc-address')!, { value: 'emailtosalesforce@abc.salesforce.com' });
    await flush();
    expect(unloadPrevented()).toBe(true);

    element.remove();
    expect(unloadPrevented()).toBe(false);
    document.body.appendChild(element);
    expect(unloadPrevented()).toBe(true);

    // Blank again, as loaded: nothing to lose.
    change(byId(element, 'bcc-address')!, { value: '  ' });
    await flush();
    expect(unloadPrevented()).toBe(false);
    await expect(element).toBeAccessible();
  });

  it('keeps a typed address when another card reloads the page', async () => {
    const element = render(adminPage);
    change(byId(element, 'bcc-address')!, { value: 'emailtosalesforce@abc.salesforce.com' });
    await flush();

    element.page = { ...adminPage, bcc: { active: true, address: ACTIVE_ADDRESS } };
    await flush();
    expect(byId(element, 'bcc-address')?.value).toBe('emailtosalesforce@abc.salesforce.com');
    expect(byId(element, 'bcc-state')?.label).toBe(label('SiSync_Log_BccActive'));
    expect(byId(element, 'bcc-current')?.textContent).toBe(ACTIVE_ADDRESS);
    expect(unloadPrevented()).toBe(true);
    await expect(element).toBeAccessible();
  });
  it('sends one activation however often Activate is clicked while it runs', async () => {
    let answer: (result: unknown) => void = () => undefined;
    mockActivate.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    const element = render(adminPage);
    const { saved } = collect(element);

    change(byId(element, 'bcc-address')!, { value: ACTIVE_ADDRESS });
    await flush();
    byId(element, 'activate')!.click();
    await flush();
    expect(byId(element, 'activate')?.disabled).toBe(true);
    expect(root(element).querySelector('lightning-spinner')).not.toBeNull();
    byId(element, 'activate')!.click();
    await flush();
    expect(mockActivate).toHaveBeenCalledTimes(1);

    answer(activateFixture);
    await flush();
    expect(saved).toHaveBeenCalledTimes(1);
    expect(root(element).querySelector('lightning-spinner')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows a refusal that is not about the address as the server words it', async () => {
    mockDeactivate.mockResolvedValue({ saved: false, problems: { bcc: 'bcc: Email to Salesforce is turned off in this org.' } });
    const element = render({ ...adminPage, bcc: { active: true, address: ACTIVE_ADDRESS } });
    const { toasts, saved } = collect(element);

    byId(element, 'deactivate')!.click();
    await flush();

    expect(errorOf(element, 'bccAddress')).toBe('bcc: Email to Salesforce is turned off in this org.');
    expect(toasts).toEqual([
      { title: label('SiSync_Log_BccFailedTitle'), message: 'bcc: Email to Salesforce is turned off in this org.', variant: 'error' },
    ]);
    expect(saved).not.toHaveBeenCalled();
    expect(byId(element, 'bcc-state')?.label).toBe(label('SiSync_Log_BccActive'));
    await expect(element).toBeAccessible();
  });
});
