import SigningCard from 'c/signingCard';
import generateKey from '@salesforce/apex/SigningController.generateKey';
import revokeKey from '@salesforce/apex/SigningController.revokeKey';
import acceptUnsignedCalls from '@salesforce/apex/SigningController.acceptUnsignedCalls';
import setGrace from '@salesforce/apex/SigningController.setGrace';
import type { SettingsPage, SigningState } from 'c/settingsModel';
import { byId, click, fire, flush, label, labelWith, listen, mount, shadow, textOf, unmountAll } from 'test/lwcSupport';
import signedData from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.json';
import freshData from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.setupFresh.json';
import acceptedData from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.setupHalf.json';
import repData from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.repWithLocks.json';
import generated from './data/SigningController.generateKey.json';

jest.mock('@salesforce/apex/SigningController.generateKey', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SigningController.revokeKey', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SigningController.acceptUnsignedCalls', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SigningController.setGrace', () => ({ default: jest.fn() }), { virtual: true });

const generateMock = generateKey as unknown as jest.Mock;
const revokeMock = revokeKey as unknown as jest.Mock;
const acceptMock = acceptUnsignedCalls as unknown as jest.Mock;
const graceMock = setGrace as unknown as jest.Mock;
const signed = signedData as unknown as SettingsPage;
const fresh = freshData as unknown as SettingsPage;
const accepted = acceptedData as unknown as SettingsPage;
const rep = repData as unknown as SettingsPage;

function withSigning(page: SettingsPage, change: (signing: SigningState) => void): SettingsPage {
  const copy = JSON.parse(JSON.stringify(page)) as SettingsPage;
  change(copy.signing!);
  return copy;
}

async function mountCard(page: SettingsPage | undefined): Promise<HTMLElement> {
  const element = mount('c-signing-card', SigningCard, { page });
  await flush();
  return element;
}

function buttons(element: HTMLElement): string[] {
  return [...shadow(element).querySelectorAll<HTMLElement>('[data-id="signing-actions"] lightning-button')].map(
    (button) => button.dataset.id ?? '',
  );
}

describe('c-signing-card', () => {
  afterEach(() => {
    unmountAll();
    jest.clearAllMocks();
  });

  it('is hidden from reps and before the page loads', async () => {
    expect(shadow(await mountCard(undefined)).childElementCount).toBe(0);
    const element = await mountCard(rep);
    expect(shadow(element).childElementCount).toBe(0);
    await expect(element).toBeAccessible();
  });

  it('no key: says calls are refused, offers a first key or accepting unsigned calls', async () => {
    const element = await mountCard(fresh);

    expect(textOf(element, 'signing-title')).toBe(label('SiSync_Sign_Title'));
    expect(byId(element, 'signing-status')?.dataset.status).toBe('refused');
    expect(textOf(element, 'signing-status')).toBe(label('SiSync_Sign_StatusRefused'));
    expect(buttons(element)).toEqual(['generate', 'accept']);
    expect(byId(element, 'keys')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('a first key is shown once with its fingerprint, then forgotten, and the page reloads', async () => {
    generateMock.mockResolvedValue(generated);
    const element = await mountCard(fresh);
    const fired = listen(element);

    click(element, 'generate');
    await flush();

    expect(generateMock).toHaveBeenCalledWith({ overlapHours: null });
    expect(textOf(element, 'new-key-secret')).toBe(generated.secret);
    expect(textOf(element, 'new-key-fingerprint')).toContain(generated.fingerprint);
    expect(byId(element, 'rotated')).toBeNull();
    expect(buttons(element)).toEqual([]);
    expect(fired.saved).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();

    click(element, 'key-copied');
    await flush();
    expect(byId(element, 'new-key')).toBeNull();
    expect(shadow(element).textContent).not.toContain(generated.secret);
    expect(fired.saved).toHaveBeenCalledTimes(1);
  });

  it('unsigned calls accepted by choice: who and when, and the way back', async () => {
    acceptMock.mockResolvedValue(null);
    const element = await mountCard(accepted);
    const fired = listen(element);

    expect(byId(element, 'signing-status')?.dataset.status).toBe('accepted');
    expect(textOf(element, 'signing-status')).toContain(labelWith('SiSync_Sign_StatusAccepted', 'Ada Admin'));
    expect(buttons(element)).toEqual(['generate', 'refuse']);
    click(element, 'refuse');
    await flush();
    expect(acceptMock).toHaveBeenCalledWith({ accept: false });
    expect(fired.saved).toHaveBeenCalledTimes(1);
    await expect(element).toBeAccessible();
  });

  it('accepting unsigned calls is recorded, then the page reloads', async () => {
    acceptMock.mockResolvedValue(null);
    const element = await mountCard(fresh);
    const fired = listen(element);

    click(element, 'accept');
    await flush();

    expect(acceptMock).toHaveBeenCalledWith({ accept: true });
    expect(fired.saved).toHaveBeenCalledTimes(1);
    expect(fired.toasts.map((toast) => toast.variant)).toEqual(['success']);
  });

  it('a key: the table without its secret, rotation with the chosen overlap, the grace switch', async () => {
    generateMock.mockResolvedValue({ ...generated, previousRetireAt: '2026-12-03T12:00:00.000Z' });
    const element = await mountCard(signed);

    expect(byId(element, 'signing-status')?.dataset.status).toBe('signed');
    const rows = shadow(element).querySelectorAll('[data-key-row]');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.textContent).toContain('3f9a1c2e7b40');
    expect(rows[0]?.querySelector('[data-cell="status"]')?.textContent?.trim()).toBe(label('SiSync_Sign_Current'));
    expect(buttons(element)).toEqual(['rotate', 'set-grace']);
    await expect(element).toBeAccessible();

    fire(byId(element, 'overlap')!, { value: '6' });
    click(element, 'rotate');
    await flush();
    expect(generateMock).toHaveBeenCalledWith({ overlapHours: 6 });
    expect(textOf(element, 'rotated')).toContain(label('SiSync_Sign_RotatedHint').split('{0}')[0]!.trim());
  });

  it('the grace switch: set for the chosen days, and ended', async () => {
    graceMock.mockResolvedValue(null);
    const element = await mountCard(signed);
    fire(byId(element, 'grace-days')!, { value: '3' });
    click(element, 'set-grace');
    await flush();
    expect(graceMock).toHaveBeenCalledWith({ days: 3 });

    const inGrace = await mountCard(
      withSigning(signed, (signing) => {
        signing.graceUntil = '2026-12-05T12:00:00.000Z';
        signing.graceSetByName = 'Ada Admin';
      }),
    );
    expect(byId(inGrace, 'signing-status')?.dataset.status).toBe('grace');
    expect(buttons(inGrace)).toEqual(['rotate', 'end-grace']);
    click(inGrace, 'end-grace');
    await flush();
    expect(graceMock).toHaveBeenLastCalledWith({ days: 0 });
    await expect(inGrace).toBeAccessible();
  });

  it('revoking asks once more, then revokes that key', async () => {
    revokeMock.mockResolvedValue(null);
    const element = await mountCard(signed);
    const fired = listen(element);

    click(element, 'revoke');
    await flush();
    expect(byId(element, 'confirm-revoke')).not.toBeNull();
    click(element, 'cancel-revoke');
    await flush();
    expect(byId(element, 'confirm-revoke')).toBeNull();
    expect(revokeMock).not.toHaveBeenCalled();

    click(element, 'revoke');
    await flush();
    click(element, 'confirm-revoke');
    await flush();
    expect(revokeMock).toHaveBeenCalledWith({ keyId: 'key-20261120-090000-3f9a' });
    expect(fired.saved).toHaveBeenCalledTimes(1);
  });

  it("the server's refusal is said on the card, and nothing reloads", async () => {
    generateMock.mockRejectedValue({
      body: { message: 'A rotation is in progress: the previous key verifies calls until 2026-12-03 12:00 GMT.' },
    });
    const element = await mountCard(signed);
    const fired = listen(element);

    click(element, 'rotate');
    await flush();

    expect(textOf(element, 'signing-error')).toBe('A rotation is in progress: the previous key verifies calls until 2026-12-03 12:00 GMT.');
    expect(byId(element, 'new-key')).toBeNull();
    expect(fired.saved).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
  });
});
