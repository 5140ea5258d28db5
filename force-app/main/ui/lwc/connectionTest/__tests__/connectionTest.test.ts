import ConnectionTest from 'c/connectionTest';
import testConnection from '@salesforce/apex/ConnectionController.testConnection';
import { byId, click, flush, label, labelWith, mount, textOf, unmountAll } from 'test/lwcSupport';
import connected from './data/ConnectionController.testConnection.json';
import notAuthorized from './data/ConnectionController.testConnection.notAuthorized.json';
import notLinked from './data/ConnectionController.testConnection.notLinked.json';
import unreachable from './data/ConnectionController.testConnection.unreachable.json';
import failed from './data/ConnectionController.testConnection.failed.json';

jest.mock('@salesforce/apex/ConnectionController.testConnection', () => ({ default: jest.fn() }), { virtual: true });

const testConnectionMock = testConnection as unknown as jest.Mock;

type Button = HTMLElement & { label: string; variant: string; disabled: boolean };
type Icon = HTMLElement & { iconName: string; alternativeText: string };

function mountTest(): HTMLElement {
  return mount('c-connection-test', ConnectionTest);
}

/** Clicks Test connection and lets the answer render. */
async function runTest(element: HTMLElement): Promise<void> {
  click(element, 'test');
  await flush();
}

/** The outcome's tone (success, warning, error) as its scoped notification shows it. */
function toneOf(element: HTMLElement): { tone: string | undefined; themed: boolean; icon: string | undefined } {
  const outcome = byId(element, 'outcome');
  const tone = outcome?.dataset.tone;
  return {
    tone,
    themed: !!outcome?.classList.contains('slds-scoped-notification') && !!outcome.classList.contains(`slds-theme_${tone}`),
    icon: byId<Icon>(element, 'outcome-icon')?.iconName,
  };
}

describe('c-connection-test', () => {
  afterEach(() => {
    unmountAll();
    jest.clearAllMocks();
  });

  it('offers a neutral Test connection button and says what it does, without calling out', async () => {
    const element = mountTest();
    await flush();

    const button = byId<Button>(element, 'test')!;
    expect(button.label).toBe(label('SiSync_Conn_TestButton'));
    expect(button.variant).toBe('neutral');
    expect(button.disabled).toBe(false);
    expect(textOf(element, 'test-hint')).toBe(label('SiSync_Conn_TestHint'));
    expect(textOf(element, 'result')).toBe('');
    expect(testConnectionMock).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
  });

  it('shows a spinner and disables the button while the test runs', async () => {
    testConnectionMock.mockReturnValue(new Promise(() => undefined));
    const element = mountTest();

    await runTest(element);

    expect(element.shadowRoot!.querySelector('lightning-spinner')).not.toBeNull();
    expect(byId<Button>(element, 'test')!.disabled).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('hides the spinner and enables the button again once the answer is in', async () => {
    testConnectionMock.mockResolvedValue(connected);
    const element = mountTest();

    await runTest(element);

    expect(element.shadowRoot!.querySelector('lightning-spinner')).toBeNull();
    expect(byId<Button>(element, 'test')!.disabled).toBe(false);
    await expect(element).toBeAccessible();
  });

  it('announces the account it is connected to in a success notification', async () => {
    testConnectionMock.mockResolvedValue(connected);
    const element = mountTest();

    await runTest(element);

    expect(testConnectionMock).toHaveBeenCalledTimes(1);
    expect(textOf(element, 'message')).toBe(labelWith('SiSync_Conn_Connected', 'Acme Corp'));
    expect(textOf(element, 'hint')).toBeUndefined();
    expect(toneOf(element)).toEqual({ tone: 'success', themed: true, icon: 'utility:success' });
    expect(byId<Icon>(element, 'outcome-icon')!.alternativeText).toBe(label('SiSync_Conn_OutcomeSuccess'));
    expect(byId(element, 'result')?.getAttribute('aria-live')).toBe('polite');
    await expect(element).toBeAccessible();
  });

  it('says connected without an account name when Sales Insight gave none', async () => {
    testConnectionMock.mockResolvedValue({ ...connected, accountName: null });
    const element = mountTest();

    await runTest(element);

    expect(textOf(element, 'message')).toBe(label('SiSync_Conn_ConnectedNoName'));
    await expect(element).toBeAccessible();
  });

  it("shows the server's reason and how to link the org, as a warning, when the org is not linked", async () => {
    testConnectionMock.mockResolvedValue(notLinked);
    const element = mountTest();

    await runTest(element);

    expect(textOf(element, 'message')).toBe(notLinked.message);
    expect(textOf(element, 'hint')).toBe(label('SiSync_Conn_NotLinkedHint'));
    expect(toneOf(element)).toEqual({ tone: 'warning', themed: true, icon: 'utility:warning' });
    await expect(element).toBeAccessible();
  });

  it('says how to link the org when it is not linked and the server gave no reason', async () => {
    testConnectionMock.mockResolvedValue({ ...notLinked, message: null });
    const element = mountTest();

    await runTest(element);

    expect(textOf(element, 'message')).toBe(label('SiSync_Conn_NotLinkedHint'));
    expect(textOf(element, 'hint')).toBeUndefined();
    await expect(element).toBeAccessible();
  });

  it('says where to authenticate the principal, as an error, when the credentials are refused', async () => {
    testConnectionMock.mockResolvedValue(notAuthorized);
    const element = mountTest();

    await runTest(element);

    expect(textOf(element, 'message')).toBe(label('SiSync_Conn_NotAuthorized'));
    expect(toneOf(element)).toEqual({ tone: 'error', themed: true, icon: 'utility:error' });
    expect(byId<Icon>(element, 'outcome-icon')!.alternativeText).toBe(label('SiSync_Conn_OutcomeError'));
    await expect(element).toBeAccessible();
  });

  it('says to try again and where to check the URL when Sales Insight is unreachable', async () => {
    testConnectionMock.mockResolvedValue(unreachable);
    const element = mountTest();

    await runTest(element);

    expect(textOf(element, 'message')).toBe(label('SiSync_Conn_Unreachable'));
    expect(toneOf(element).tone).toBe('error');
    await expect(element).toBeAccessible();
  });

  it("shows the server's message, as an error, for any other failure", async () => {
    testConnectionMock.mockResolvedValue(failed);
    const element = mountTest();

    await runTest(element);

    expect(textOf(element, 'message')).toBe(failed.message);
    expect(toneOf(element).tone).toBe('error');
    await expect(element).toBeAccessible();
  });

  it('falls back to its own message for a failure without one', async () => {
    testConnectionMock.mockResolvedValue({ ...failed, message: '' });
    const element = mountTest();

    await runTest(element);

    expect(textOf(element, 'message')).toBe(label('SiSync_Conn_TestError'));
    await expect(element).toBeAccessible();
  });

  it("shows the server's error when the test call is rejected", async () => {
    testConnectionMock.mockRejectedValue({ body: { message: 'The connection could not be tested: Unauthorized endpoint' } });
    const element = mountTest();

    await runTest(element);

    expect(textOf(element, 'message')).toBe('The connection could not be tested: Unauthorized endpoint');
    expect(toneOf(element).tone).toBe('error');
    expect(element.shadowRoot!.querySelector('lightning-spinner')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('falls back to its own message when the rejected call says nothing', async () => {
    testConnectionMock.mockRejectedValue({});
    const element = mountTest();

    await runTest(element);

    expect(textOf(element, 'message')).toBe(label('SiSync_Conn_TestError'));
    await expect(element).toBeAccessible();
  });
});
