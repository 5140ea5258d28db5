import { label } from 'test/lwcSupport';
import { createElement } from 'lwc';
import ConnectionCard from 'c/connectionCard';
import type { SettingsPage } from 'c/settingsModel';
import testConnection from '@salesforce/apex/ConnectionController.testConnection';
import pageData from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.json';
import connected from './data/ConnectionController.testConnection.json';

jest.mock('@salesforce/apex/ConnectionController.testConnection', () => ({ default: jest.fn() }), { virtual: true });

const testConnectionMock = testConnection as unknown as jest.Mock;
const adminPage = pageData as unknown as SettingsPage;
const neverTested: SettingsPage = {
  ...adminPage,
  connection: { paused: false, pauseReason: null, lastSuccessAt: null, lastFailure: null },
};

function render(page: SettingsPage | undefined): HTMLElement & { page: SettingsPage | undefined } {
  const element = createElement('c-connection-card', { is: ConnectionCard }) as HTMLElement & { page: SettingsPage | undefined };
  element.page = page;
  document.body.appendChild(element);
  return element;
}

/** Lets the Apex promise settle and the template re-render. */
function flush(): Promise<void> {
  return new Promise((resolve) => process.nextTick(resolve));
}

function text(element: HTMLElement, id: string): string | undefined {
  return element.shadowRoot?.querySelector(`[data-id="${id}"]`)?.textContent?.trim();
}

/** Clicks Test connection and waits for the answer. */
async function test(element: HTMLElement): Promise<void> {
  element.shadowRoot!.querySelector<HTMLElement>('lightning-button[data-id="test"]')!.click();
  await flush();
}

describe('c-connection-card', () => {
  afterEach(() => {
    document.body.replaceChildren();
    jest.clearAllMocks();
  });

  it('renders nothing until the page is loaded', async () => {
    const element = render(undefined);
    expect(element.shadowRoot?.querySelector('lightning-card')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('says it was never tested when the relay knows nothing yet, without a callout', async () => {
    const element = render(neverTested);
    expect(text(element, 'state')).toBe('Not tested yet');
    expect(element.shadowRoot!.querySelector('lightning-relative-date-time')).toBeNull();
    expect(text(element, 'result')).toBe('');
    expect(testConnectionMock).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
  });

  it('shows the last successful delivery the relay knew', async () => {
    const element = render(adminPage);
    expect(text(element, 'state')).toContain('Last successful delivery');
    const when = element.shadowRoot!.querySelector<HTMLElement & { value: number }>('lightning-relative-date-time');
    expect(when?.value).toBe(Date.parse('2026-11-29T10:58:00.000Z'));
    await expect(element).toBeAccessible();
  });

  it('says delivery is paused, and why, in the error style', async () => {
    const element = render({
      ...adminPage,
      connection: { ...adminPage.connection, paused: true, pauseReason: 'authentication: HTTP 401: token expired' },
    });
    const state = element.shadowRoot!.querySelector('[data-id="state"]');
    expect(state?.textContent).toBe('Delivery is paused: authentication: HTTP 401: token expired');
    expect(state?.classList.contains('slds-text-color_error')).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('says delivery is paused when no reason was recorded', async () => {
    const element = render({ ...neverTested, connection: { ...neverTested.connection, paused: true } });
    expect(text(element, 'state')).toBe('Delivery is paused; no reason was recorded.');
    await expect(element).toBeAccessible();
  });

  it('shows a spinner and disables the button while the test runs', async () => {
    let answer: (value: unknown) => void = () => undefined;
    testConnectionMock.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    const element = render(neverTested);
    await test(element);

    const button = element.shadowRoot!.querySelector<HTMLElement & { disabled: boolean }>('lightning-button[data-id="test"]')!;
    expect(element.shadowRoot!.querySelector('lightning-spinner')).not.toBeNull();
    expect(button.disabled).toBe(true);
    await expect(element).toBeAccessible();

    answer(connected);
    await flush();
    expect(element.shadowRoot!.querySelector('lightning-spinner')).toBeNull();
    expect(button.disabled).toBe(false);
  });

  it('announces the account it is connected to', async () => {
    testConnectionMock.mockResolvedValue(connected);
    const element = render(neverTested);
    await test(element);

    expect(testConnectionMock).toHaveBeenCalledTimes(1);
    const message = element.shadowRoot!.querySelector('[data-id="result"] [data-id="message"]');
    expect(message?.textContent).toBe('Connected to Acme Corp');
    expect(message?.classList.contains('slds-text-color_success')).toBe(true);
    expect(element.shadowRoot!.querySelector('[data-id="result"]')?.getAttribute('aria-live')).toBe('polite');
    expect(text(element, 'hint')).toBeUndefined();
    await expect(element).toBeAccessible();
  });

  it('says connected without an account name when Sales Insight gave none', async () => {
    testConnectionMock.mockResolvedValue({ ...connected, accountName: null });
    const element = render(neverTested);
    await test(element);

    expect(text(element, 'message')).toBe(label('SiSync_Conn_ConnectedNoName'));
    await expect(element).toBeAccessible();
  });

  it("shows the server's message and how to link the org when it is not linked", async () => {
    testConnectionMock.mockResolvedValue({
      status: 'notLinked',
      accountName: null,
      message: 'The credentials work, but this org is not linked to a Sales Insight Actions account.',
    });
    const element = render(neverTested);
    await test(element);

    expect(text(element, 'message')).toBe('The credentials work, but this org is not linked to a Sales Insight Actions account.');
    expect(text(element, 'hint')).toBe('Link this org in Sales Insight Actions under Settings → Salesforce');
    await expect(element).toBeAccessible();
  });

  it('says how to link the org when not linked and the server gave no message', async () => {
    testConnectionMock.mockResolvedValue({ status: 'notLinked', accountName: null, message: null });
    const element = render(neverTested);
    await test(element);

    expect(text(element, 'message')).toBe('Link this org in Sales Insight Actions under Settings → Salesforce');
    expect(text(element, 'hint')).toBeUndefined();
    await expect(element).toBeAccessible();
  });

  it('says where to authenticate the principal when the credentials are refused', async () => {
    testConnectionMock.mockResolvedValue({ status: 'notAuthorized', accountName: null, message: 'HTTP 401' });
    const element = render(neverTested);
    await test(element);

    const message = element.shadowRoot!.querySelector('[data-id="message"]');
    expect(message?.textContent).toBe(
      'Sales Insight refused the credentials: in Setup → Named Credentials → External Credentials → SalesInsight, authenticate the principal for the integration user',
    );
    expect(message?.classList.contains('slds-text-color_error')).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('says to try again and where to check the URL when Sales Insight is unreachable', async () => {
    testConnectionMock.mockResolvedValue({ status: 'unreachable', accountName: null, message: 'Read timed out' });
    const element = render(neverTested);
    await test(element);

    expect(text(element, 'message')).toBe(
      'Sales Insight could not be reached; try again in a few minutes; if it persists check Setup → Named Credentials → SalesInsight (URL)',
    );
    await expect(element).toBeAccessible();
  });

  it("shows the server's message for any other failure", async () => {
    testConnectionMock.mockResolvedValue({
      status: 'failed',
      accountName: null,
      message: 'Sales Insight answered HTTP 404: no such route',
    });
    const element = render(neverTested);
    await test(element);

    const message = element.shadowRoot!.querySelector('[data-id="message"]');
    expect(message?.textContent).toBe('Sales Insight answered HTTP 404: no such route');
    expect(message?.classList.contains('slds-text-color_error')).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('falls back to its own message for a failure without one', async () => {
    testConnectionMock.mockResolvedValue({ status: 'failed', accountName: null, message: '' });
    const element = render(neverTested);
    await test(element);

    expect(text(element, 'message')).toBe('The connection could not be tested. Try again; if it persists, ask your admin.');
    await expect(element).toBeAccessible();
  });

  it("shows the server's error when the test call is rejected", async () => {
    testConnectionMock.mockRejectedValue({ body: { message: 'The connection could not be tested: Unauthorized endpoint' } });
    const element = render(neverTested);
    await test(element);

    expect(text(element, 'message')).toBe('The connection could not be tested: Unauthorized endpoint');
    expect(element.shadowRoot!.querySelector('lightning-spinner')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('falls back to its own message when the rejected call says nothing', async () => {
    testConnectionMock.mockRejectedValue({});
    const element = render(neverTested);
    await test(element);

    expect(text(element, 'message')).toBe('The connection could not be tested. Try again; if it persists, ask your admin.');
    await expect(element).toBeAccessible();
  });
});
