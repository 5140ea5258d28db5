import BccSettings from 'c/bccSettings';
import type { SettingsPage } from 'c/settingsModel';
import activate from '@salesforce/apex/BccController.activate';
import deactivate from '@salesforce/apex/BccController.deactivate';
import {
  byId,
  click,
  fire,
  flush,
  label,
  labelWith,
  listen,
  mount,
  shadow,
  spyValidity,
  textOf,
  unmountAll,
  type BaseInput,
} from 'test/lwcSupport';
import adminFixture from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.json';
import repFixture from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.repWithLocks.json';
import bccActiveFixture from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.bccActive.json';
import activateFixture from './data/BccController.activate.json';
import deactivateFixture from './data/BccController.deactivate.json';

jest.mock('@salesforce/apex/BccController.activate', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/BccController.deactivate', () => ({ default: jest.fn() }), { virtual: true });

const mockActivate = activate as unknown as jest.Mock;
const mockDeactivate = deactivate as unknown as jest.Mock;

/** An admin in My Account, BCC off (the page's "admin org defaults" load). */
const adminPage = adminFixture as SettingsPage;
/** A rep with locks, BCC off. */
const repPage = repFixture as SettingsPage;
/** A rep whose BCC is active. */
const activePage = bccActiveFixture as SettingsPage;
const ACTIVE_ADDRESS = activePage.bcc.address!;
const NEW_ADDRESS = 'emailtosalesforce@abc123xyz.n-1a2b3c.na123.le.salesforce.com';

const MY_EMAIL_TO_SALESFORCE = '/lightning/settings/personal/EmailToSalesforceUserSetup/home';
const SETUP_EMAIL_TO_SALESFORCE = '/lightning/setup/EmailToSalesforce/home';

type TabElement = HTMLElement & { page?: SettingsPage };
type Badge = HTMLElement & { label: string; iconName: string };
type Button = HTMLElement & { label: string; variant?: string; disabled: boolean };

async function render(page: SettingsPage | undefined): Promise<TabElement> {
  const element = mount<TabElement>('c-bcc-settings', BccSettings, page ? { page } : {});
  await flush();
  return element;
}

function field(element: Element): BaseInput {
  return byId<BaseInput>(element, 'bcc-address')!;
}

function badge(element: Element): Badge {
  return byId<Badge>(element, 'bcc-state')!;
}

function button(element: Element, id: 'activate' | 'deactivate'): Button | null {
  return byId<Button>(element, id);
}

/** Types an address into the field, as the base input reports it. */
async function type(element: Element, value: string): Promise<void> {
  fire(field(element), { value });
  await flush();
}

/** Watches the field's validity API: the messages set on it, and its reportValidity calls. */
function watchField(element: Element): { messages: string[]; reported: jest.SpyInstance } {
  const input = field(element);
  const messages = spyValidity([input]).get(input)!;
  return { messages, reported: jest.spyOn(input, 'reportValidity') };
}

/** The steps of a guide, as text and link. */
function stepsOf(element: Element, id: string): { text: string; href: string | null }[] {
  return [...byId(element, id)!.querySelectorAll('li')].map((step) => {
    const link = step.querySelector('a');
    return {
      text: (link?.firstChild?.textContent ?? step.textContent ?? '').trim(),
      href: link?.getAttribute('href') ?? null,
    };
  });
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
    unmountAll();
    jest.clearAllMocks();
  });

  describe('before the page arrives', () => {
    it('renders nothing and guards nothing', async () => {
      const element = await render(undefined);

      expect(shadow(element).childElementCount).toBe(0);
      expect(unloadPrevented()).toBe(false);
      await expect(element).toBeAccessible();
    });
  });

  describe('status', () => {
    it('puts the badge right beside its label', async () => {
      const element = await render(repPage);

      const statusLabel = byId(element, 'bcc-status-label')!;
      expect(statusLabel.textContent).toBe(label('SiSync_Log_BccStatus'));
      expect(statusLabel.nextElementSibling).toBe(badge(element));
      expect(statusLabel.parentElement?.classList).toContain('slds-grid');
      await expect(element).toBeAccessible();
    });

    it('shows "Not active" on a plain badge with an icon while BCC is off', async () => {
      const element = await render(repPage);

      expect(badge(element).label).toBe(label('SiSync_Log_BccInactive'));
      expect(badge(element).iconName).toBe('utility:clear');
      expect(badge(element).classList).not.toContain('slds-theme_success');
      expect(byId(element, 'bcc-current-row')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('shows "Active" on a success badge, and the address BCC uses, while BCC is active', async () => {
      const element = await render(activePage);

      expect(badge(element).label).toBe(label('SiSync_Log_BccActive'));
      expect(badge(element).iconName).toBe('utility:success');
      expect(badge(element).classList).toContain('slds-theme_success');
      expect(byId(element, 'bcc-current-row')?.textContent).toBe(`${label('SiSync_Log_BccCurrentAddress')}${ACTIVE_ADDRESS}`);
      await expect(element).toBeAccessible();
    });
  });

  describe('the note on API logging', () => {
    it('is not shown while BCC is off', async () => {
      const element = await render(repPage);

      expect(byId(element, 'bcc-no-double')).toBeNull();
      expect(shadow(element).textContent).not.toContain(label('SiSync_Log_BccNoDouble'));
      await expect(element).toBeAccessible();
    });

    it('is shown as a scoped notification while BCC is active', async () => {
      const element = await render(activePage);

      const note = byId(element, 'bcc-no-double')!;
      expect(note.textContent).toBe(label('SiSync_Log_BccNoDouble'));
      expect(note.classList).toContain('slds-scoped-notification');
      expect(note.getAttribute('role')).toBe('status');
      await expect(element).toBeAccessible();
    });
  });

  describe('the address field', () => {
    it('is blank while BCC was never activated, and Activate is disabled', async () => {
      const element = await render(repPage);

      expect(field(element).label).toBe(label('SiSync_Log_BccAddress'));
      expect(field(element).value).toBe('');
      expect(button(element, 'activate')?.disabled).toBe(true);
      await expect(element).toBeAccessible();
    });

    it('marks an address that is not an Email to Salesforce address as invalid, with why', async () => {
      const element = await render(repPage);
      const { messages, reported } = watchField(element);

      await type(element, 'me@example.com');

      expect(messages).toEqual([labelWith('SiSync_Model_BccAddressShape', 'me@example.com')]);
      expect(reported).toHaveBeenCalledTimes(1);
      await expect(element).toBeAccessible();
    });

    it('disables Activate while the address is invalid', async () => {
      const element = await render(repPage);

      await type(element, 'me@example.com');

      expect(button(element, 'activate')?.disabled).toBe(true);
      await expect(element).toBeAccessible();
    });

    it('clears the mark and enables Activate once the address is fixed', async () => {
      const element = await render(repPage);
      await type(element, 'me@example.com');
      const { messages, reported } = watchField(element);

      await type(element, NEW_ADDRESS);

      expect(messages).toEqual(['']);
      expect(reported).toHaveBeenCalledTimes(1);
      expect(button(element, 'activate')?.disabled).toBe(false);
      await expect(element).toBeAccessible();
    });

    it('does not mark a field emptied again, but keeps Activate disabled', async () => {
      const element = await render(repPage);
      await type(element, 'me@example.com');
      const { messages } = watchField(element);

      await type(element, '   ');

      expect(messages).toEqual(['']);
      expect(button(element, 'activate')?.disabled).toBe(true);
      await expect(element).toBeAccessible();
    });

    it('does not mark a valid address', async () => {
      const element = await render(repPage);
      const { messages } = watchField(element);

      await type(element, NEW_ADDRESS);

      expect(messages).toEqual([]);
      expect(mockActivate).not.toHaveBeenCalled();
      await expect(element).toBeAccessible();
    });
  });

  describe('buttons', () => {
    it('puts the neutral Deactivate before the brand Activate, right-aligned', async () => {
      const element = await render(activePage);
      await type(element, NEW_ADDRESS);

      const buttons = [...shadow(element).querySelectorAll<Button>('lightning-button')];
      expect(buttons.map((each) => each.label)).toEqual([label('SiSync_Log_Deactivate'), label('SiSync_Log_Activate')]);
      expect(buttons.map((each) => each.variant ?? 'neutral')).toEqual(['neutral', 'brand']);
      expect([...byId(element, 'actions')!.classList]).toEqual(expect.arrayContaining(['slds-grid', 'slds-grid_align-end']));
      await expect(element).toBeAccessible();
    });

    it('offers only Deactivate while the field holds the active address', async () => {
      const element = await render(activePage);

      expect(field(element).value).toBe(ACTIVE_ADDRESS);
      expect(button(element, 'activate')).toBeNull();
      expect(button(element, 'deactivate')).not.toBeNull();
      await expect(element).toBeAccessible();
    });

    it('offers Activate again for a different address while BCC is active', async () => {
      const element = await render(activePage);

      await type(element, NEW_ADDRESS);

      expect(button(element, 'activate')?.disabled).toBe(false);
      await expect(element).toBeAccessible();
    });

    it('offers no Deactivate while BCC is off', async () => {
      const element = await render(repPage);

      expect(button(element, 'deactivate')).toBeNull();
      await expect(element).toBeAccessible();
    });
  });

  describe('activation', () => {
    it('sends the pasted address trimmed and in lower case', async () => {
      mockActivate.mockResolvedValue(activateFixture);
      const element = await render(repPage);

      await type(element, `  ${NEW_ADDRESS.toUpperCase()} `);
      click(element, 'activate');
      await flush();

      expect(mockActivate).toHaveBeenCalledWith({ address: NEW_ADDRESS });
      await expect(element).toBeAccessible();
    });

    it('toasts success and fires saved with the new state', async () => {
      mockActivate.mockResolvedValue(activateFixture);
      const element = await render(repPage);
      const { toasts, saved } = listen(element);

      await type(element, NEW_ADDRESS);
      click(element, 'activate');
      await flush();

      expect(toasts).toEqual([
        {
          title: label('SiSync_Log_BccActivatedTitle'),
          message: labelWith('SiSync_Log_BccActivatedMessage', NEW_ADDRESS),
          variant: 'success',
        },
      ]);
      expect(saved).toHaveBeenCalledTimes(1);
      expect(savedDetail(saved)).toEqual({ active: true, address: NEW_ADDRESS });
      await expect(element).toBeAccessible();
    });

    it('then shows BCC active with its address and note, offers Deactivate and guards nothing', async () => {
      mockActivate.mockResolvedValue(activateFixture);
      const element = await render(repPage);

      await type(element, NEW_ADDRESS);
      click(element, 'activate');
      await flush();

      expect(badge(element).label).toBe(label('SiSync_Log_BccActive'));
      expect(textOf(element, 'bcc-current')).toBe(NEW_ADDRESS);
      expect(byId(element, 'bcc-no-double')).not.toBeNull();
      expect(button(element, 'activate')).toBeNull();
      expect(button(element, 'deactivate')).not.toBeNull();
      expect(unloadPrevented()).toBe(false);
      await expect(element).toBeAccessible();
    });

    it('sends one activation however often Activate is clicked while it runs', async () => {
      let answer: (result: unknown) => void = () => undefined;
      mockActivate.mockReturnValue(new Promise((resolve) => (answer = resolve)));
      const element = await render(repPage);
      const { saved } = listen(element);

      await type(element, NEW_ADDRESS);
      click(element, 'activate');
      await flush();
      click(element, 'activate');
      await flush();
      answer(activateFixture);
      await flush();

      expect(mockActivate).toHaveBeenCalledTimes(1);
      expect(saved).toHaveBeenCalledTimes(1);
      await expect(element).toBeAccessible();
    });

    it('disables Activate and shows a spinner while the call runs', async () => {
      mockActivate.mockReturnValue(new Promise(() => undefined));
      const element = await render(repPage);

      await type(element, NEW_ADDRESS);
      click(element, 'activate');
      await flush();

      expect(button(element, 'activate')?.disabled).toBe(true);
      expect(shadow(element).querySelector('lightning-spinner')).not.toBeNull();
      await expect(element).toBeAccessible();
    });

    it('marks the field with the server’s problem with the address and keeps Activate disabled', async () => {
      mockActivate.mockResolvedValue({ saved: false, problems: { bccAddress: 'bccAddress: not this org’s address.' } });
      const element = await render(repPage);
      const { saved } = listen(element);
      await type(element, NEW_ADDRESS);
      const { messages, reported } = watchField(element);

      click(element, 'activate');
      await flush();

      expect(messages).toEqual(['bccAddress: not this org’s address.']);
      expect(reported).toHaveBeenCalled();
      expect(button(element, 'activate')?.disabled).toBe(true);
      expect(byId(element, 'bcc-failure')).toBeNull();
      expect(saved).not.toHaveBeenCalled();
      await expect(element).toBeAccessible();
    });

    it('toasts the server’s problem with the address', async () => {
      mockActivate.mockResolvedValue({ saved: false, problems: { bccAddress: 'bccAddress: not this org’s address.' } });
      const element = await render(repPage);
      const { toasts } = listen(element);
      await type(element, NEW_ADDRESS);

      click(element, 'activate');
      await flush();

      expect(toasts).toEqual([
        { title: label('SiSync_Log_BccFailedTitle'), message: 'bccAddress: not this org’s address.', variant: 'error' },
      ]);
      expect(badge(element).label).toBe(label('SiSync_Log_BccInactive'));
      await expect(element).toBeAccessible();
    });

    it('lets the address be activated again once it is changed after the server’s problem', async () => {
      mockActivate.mockResolvedValue({ saved: false, problems: { bccAddress: 'bccAddress: not this org’s address.' } });
      const element = await render(repPage);
      await type(element, NEW_ADDRESS);
      click(element, 'activate');
      await flush();
      const { messages } = watchField(element);

      await type(element, 'emailtosalesforce@other.salesforce.com');

      expect(messages).toEqual(['']);
      expect(button(element, 'activate')?.disabled).toBe(false);
      await expect(element).toBeAccessible();
    });

    it('shows a refusal with no words of its own as the fallback message, not on the field', async () => {
      mockActivate.mockResolvedValue({ saved: false, problems: {} });
      const element = await render(repPage);
      const { toasts } = listen(element);
      await type(element, NEW_ADDRESS);
      const { messages } = watchField(element);

      click(element, 'activate');
      await flush();

      expect(textOf(element, 'bcc-failure')).toBe(label('SiSync_Log_BccFailed'));
      expect(toasts.map((toast) => toast.message)).toEqual([label('SiSync_Log_BccFailed')]);
      expect(messages).toEqual([]);
      await expect(element).toBeAccessible();
    });
  });

  describe('deactivation', () => {
    it('toasts, fires saved with the new state and shows BCC off', async () => {
      mockDeactivate.mockResolvedValue(deactivateFixture);
      const element = await render(activePage);
      const { toasts, saved } = listen(element);

      click(element, 'deactivate');
      await flush();

      expect(mockDeactivate).toHaveBeenCalledTimes(1);
      expect(toasts).toEqual([
        { title: label('SiSync_Log_BccDeactivatedTitle'), message: label('SiSync_Log_BccDeactivatedMessage'), variant: 'success' },
      ]);
      expect(savedDetail(saved)).toEqual({ active: false, address: ACTIVE_ADDRESS });
      expect(badge(element).label).toBe(label('SiSync_Log_BccInactive'));
      expect(byId(element, 'bcc-no-double')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('keeps the address, so activating again needs no paste', async () => {
      mockDeactivate.mockResolvedValue(deactivateFixture);
      const element = await render(activePage);

      click(element, 'deactivate');
      await flush();

      expect(field(element).value).toBe(ACTIVE_ADDRESS);
      expect(button(element, 'activate')?.disabled).toBe(false);
      expect(button(element, 'deactivate')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('shows a rejected call’s message above the buttons and stays active', async () => {
      mockDeactivate.mockRejectedValue({ body: { message: 'Sales Insight Sync could not queue the change.' } });
      const element = await render(activePage);
      const { toasts } = listen(element);

      click(element, 'deactivate');
      await flush();

      const failure = byId(element, 'bcc-failure')!;
      expect(failure.textContent).toBe('Sales Insight Sync could not queue the change.');
      expect(failure.getAttribute('role')).toBe('alert');
      expect(toasts).toEqual([
        { title: label('SiSync_Log_BccFailedTitle'), message: 'Sales Insight Sync could not queue the change.', variant: 'error' },
      ]);
      expect(badge(element).label).toBe(label('SiSync_Log_BccActive'));
      await expect(element).toBeAccessible();
    });

    it('shows a refusal that is not about the address as the server words it, leaving the field valid', async () => {
      mockDeactivate.mockResolvedValue({ saved: false, problems: { bcc: 'bcc: Email to Salesforce is turned off in this org.' } });
      const element = await render(activePage);
      const { saved } = listen(element);
      const { messages } = watchField(element);

      click(element, 'deactivate');
      await flush();

      expect(textOf(element, 'bcc-failure')).toBe('bcc: Email to Salesforce is turned off in this org.');
      expect(messages).toEqual([]);
      expect(saved).not.toHaveBeenCalled();
      await expect(element).toBeAccessible();
    });

    it('takes the failure notice away once the address is edited', async () => {
      mockDeactivate.mockRejectedValue({ body: { message: 'Sales Insight Sync could not queue the change.' } });
      const element = await render(activePage);
      click(element, 'deactivate');
      await flush();

      await type(element, NEW_ADDRESS);

      expect(byId(element, 'bcc-failure')).toBeNull();
      await expect(element).toBeAccessible();
    });
  });

  describe('unsaved address', () => {
    it('guards an address typed but not activated when the page is left', async () => {
      const element = await render(repPage);

      await type(element, NEW_ADDRESS);

      expect(unloadPrevented()).toBe(true);
      await expect(element).toBeAccessible();
    });

    it('releases the guard when the tab is removed, and holds it again when it comes back', async () => {
      const element = await render(repPage);
      await type(element, NEW_ADDRESS);

      element.remove();
      const whileRemoved = unloadPrevented();
      document.body.appendChild(element);

      expect(whileRemoved).toBe(false);
      expect(unloadPrevented()).toBe(true);
      await expect(element).toBeAccessible();
    });

    it('guards nothing once the field is blank again, as loaded', async () => {
      const element = await render(repPage);
      await type(element, NEW_ADDRESS);

      await type(element, '  ');

      expect(unloadPrevented()).toBe(false);
      await expect(element).toBeAccessible();
    });

    it('keeps a typed address when another card reloads the page', async () => {
      const element = await render(repPage);
      await type(element, NEW_ADDRESS);

      element.page = { ...repPage, bcc: { active: true, address: ACTIVE_ADDRESS } };
      await flush();

      expect(field(element).value).toBe(NEW_ADDRESS);
      expect(badge(element).label).toBe(label('SiSync_Log_BccActive'));
      expect(textOf(element, 'bcc-current')).toBe(ACTIVE_ADDRESS);
      expect(unloadPrevented()).toBe(true);
      await expect(element).toBeAccessible();
    });
  });

  describe('guides', () => {
    it('offers both guides in an accordion that opens several at once', async () => {
      const element = await render(repPage);

      const sections = [...shadow(element).querySelectorAll<HTMLElement & { label: string }>('lightning-accordion-section')];
      expect(sections.map((section) => section.label)).toEqual([
        label('SiSync_Log_GuideAddressNotReceived'),
        label('SiSync_Log_GuideEmailToSalesforceMissing'),
      ]);
      expect(
        (shadow(element).querySelector('lightning-accordion') as HTMLElement & { allowMultipleSectionsOpen: boolean })
          .allowMultipleSectionsOpen,
      ).toBe(true);
      await expect(element).toBeAccessible();
    });

    it('lists the steps for an address not received in order, linking My Email to Salesforce in a new tab', async () => {
      const element = await render(repPage);

      expect(byId(element, 'guide-address-not-received')?.tagName).toBe('OL');
      expect(stepsOf(element, 'guide-address-not-received')).toEqual([
        { text: label('SiSync_BccUserStep1'), href: MY_EMAIL_TO_SALESFORCE },
        { text: label('SiSync_BccUserStep2'), href: null },
        { text: label('SiSync_BccUserStep3'), href: MY_EMAIL_TO_SALESFORCE },
        { text: label('SiSync_BccUserStep4'), href: null },
      ]);
      const link = byId(element, 'guide-address-not-received')!.querySelector('a')!;
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.textContent).toBe(`${label('SiSync_BccUserStep1')}${label('SiSync_Log_NewTab')}`);
      await expect(element).toBeAccessible();
    });

    it('tells a rep to ask their admin for Email to Salesforce, with no link to Setup', async () => {
      const element = await render(repPage);

      expect(stepsOf(element, 'guide-email-to-salesforce-missing')).toEqual([
        { text: label('SiSync_BccRepStep1'), href: null },
        { text: label('SiSync_BccRepStep2'), href: null },
        { text: label('SiSync_BccRepStep3'), href: MY_EMAIL_TO_SALESFORCE },
      ]);
      await expect(element).toBeAccessible();
    });

    it('gives an admin the Setup steps, linking to Email to Salesforce in Setup', async () => {
      const element = await render(adminPage);

      expect(stepsOf(element, 'guide-email-to-salesforce-missing')).toEqual([
        { text: label('SiSync_BccAdminStep1'), href: SETUP_EMAIL_TO_SALESFORCE },
        { text: label('SiSync_BccAdminStep2'), href: SETUP_EMAIL_TO_SALESFORCE },
        { text: label('SiSync_BccAdminStep3'), href: null },
      ]);
      await expect(element).toBeAccessible();
    });

    it('draws the steps in their order, whatever order they arrive in', async () => {
      const guides = repPage.bccGuides;
      const element = await render({
        ...repPage,
        bccGuides: { ...guides, emailToSalesforceMissing: [...guides.emailToSalesforceMissing].reverse() },
      });

      expect(stepsOf(element, 'guide-email-to-salesforce-missing').map((step) => step.text)).toEqual([
        label('SiSync_BccRepStep1'),
        label('SiSync_BccRepStep2'),
        label('SiSync_BccRepStep3'),
      ]);
      await expect(element).toBeAccessible();
    });
  });
});
