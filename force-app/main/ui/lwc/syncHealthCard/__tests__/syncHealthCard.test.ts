import { label } from 'test/lwcSupport';
import { createElement } from 'lwc';
import SyncHealthCard from 'c/syncHealthCard';
import type { SettingsPage, SyncHealth } from 'c/settingsModel';
import retryFailed from '@salesforce/apex/SyncHealthController.retryFailed';
import resume from '@salesforce/apex/SyncHealthController.resume';
import pageData from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.json';
import retried from './data/SyncHealthController.retryFailed.json';
import resumed from './data/SyncHealthController.resume.json';

jest.mock('@salesforce/apex/SyncHealthController.retryFailed', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SyncHealthController.resume', () => ({ default: jest.fn() }), { virtual: true });

type CardElement = HTMLElement & { page: SettingsPage | undefined };
type Toast = { title: string; message: string; variant: string };

const retryMock = retryFailed as unknown as jest.Mock;
const resumeMock = resume as unknown as jest.Mock;
const adminPage = pageData as unknown as SettingsPage;
const health = adminPage.health!;

/** The admin page with its health figures changed. */
function withHealth(changes: Partial<SyncHealth>): SettingsPage {
  return { ...adminPage, health: { ...health, ...changes } };
}

const pausedPage = withHealth({
  countByStatus: { ...health.countByStatus, paused: 7 },
  undeliveredByCategory: { authentication: 7 },
  pausedAt: '2026-11-29T09:00:00.000Z',
  pauseReason: 'authentication: HTTP 401: token expired',
});
const quietPage: SettingsPage = {
  ...withHealth({
    countByStatus: { pending: 0, failed: 0, dead: 0, paused: 0, sent: 0 },
    undeliveredByCategory: {},
    oldestPendingAgeSeconds: null,
    lastSuccessAt: null,
    lastFailure: null,
    latencyP50Seconds: null,
    latencyP95Seconds: null,
    latencySample: 0,
    lastReconciledAt: null,
    lastReconcileRepaired: null,
  }),
  unresolvedOpen: 0,
};

function render(page: SettingsPage | undefined): CardElement {
  const element = createElement('c-sync-health-card', { is: SyncHealthCard }) as CardElement;
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

function button(element: HTMLElement, id: 'retry' | 'resume'): HTMLElement & { disabled: boolean } {
  return element.shadowRoot!.querySelector<HTMLElement & { disabled: boolean }>(`lightning-button[data-id="${id}"]`)!;
}

/** Records the toasts and 'saved' events the card dispatches. */
function listen(element: HTMLElement): { toasts: Toast[]; saved: jest.Mock } {
  const toasts: Toast[] = [];
  const saved = jest.fn();
  element.addEventListener('lightning__showtoast', (event) => toasts.push((event as CustomEvent<Toast>).detail));
  element.addEventListener('saved', saved);
  return { toasts, saved };
}

describe('c-sync-health-card', () => {
  afterEach(() => {
    document.body.replaceChildren();
    jest.clearAllMocks();
  });

  it('renders nothing for a rep', async () => {
    const element = render({ ...adminPage, isAdmin: false, health: null, unresolvedOpen: null });
    expect(element.shadowRoot?.querySelector('lightning-card')).toBeNull();
    expect(element.shadowRoot?.childElementCount).toBe(0);
    await expect(element).toBeAccessible();
  });

  it('renders nothing before the page is loaded, or for an admin without figures', async () => {
    const element = render(undefined);
    expect(element.shadowRoot?.querySelector('lightning-card')).toBeNull();
    element.page = { ...adminPage, health: null };
    await flush();
    expect(element.shadowRoot?.querySelector('lightning-card')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows the full panel to an admin', async () => {
    const element = render(adminPage);
    const root = element.shadowRoot!;

    const counts = Object.fromEntries(
      [...root.querySelectorAll<HTMLElement>('[data-status]')].map((tile) => [
        tile.dataset.status,
        tile.querySelector('[data-id="count"]')?.textContent,
      ]),
    );
    expect(counts).toEqual({ pending: '3', failed: '1', dead: '2', paused: '0' });
    expect(root.querySelectorAll('lightning-layout-item')).toHaveLength(4);
    expect(text(element, 'oldest-pending')).toBe('1 min 35 s');
    const lastSuccess = root.querySelector<HTMLElement & { value: string }>('[data-id="last-success"] lightning-formatted-date-time');
    expect(lastSuccess?.value).toBe('2026-11-29T10:58:00.000Z');
    expect(text(element, 'latency')).toBe('median 4 s, 95th percentile 38 s, over 1480 deliveries');
    expect(text(element, 'last-failure')).toBe('intermittent: HTTP 503: busy');
    const reconciled = root.querySelector<HTMLElement & { value: string }>('[data-id="last-reconciled"] lightning-formatted-date-time');
    expect(reconciled?.value).toBe('2026-11-29T10:00:00.000Z');
    expect(text(element, 'repaired')).toBe('2 missed changes queued');
    expect(text(element, 'reconcile-failures')).toBe(label('SiSync_Health_None'));
    expect(text(element, 'unresolved')).toBe('5 unresolved email activities to review');
    const link = root.querySelector<HTMLAnchorElement>('[data-id="unresolved-link"]');
    expect(link?.getAttribute('href')).toBe('/lightning/o/UnresolvedEmailActivity__c/list');
    expect(link?.textContent).toBe(label('SiSync_Health_UnresolvedLink'));
    expect(root.querySelector('[data-id="paused"]')).toBeNull();
    expect(button(element, 'retry').disabled).toBe(false);
    expect(button(element, 'resume').disabled).toBe(true);
    expect(root.querySelector('[data-id="status"]')?.getAttribute('aria-live')).toBe('polite');
    await expect(element).toBeAccessible();
  });

  it('words the error categories plainly, known ones first, unknown ones by their key', async () => {
    const element = render(
      withHealth({ undeliveredByCategory: { quota: 1, other: 4, intermittent: 1, authentication: 0, access: 2, budget: 3 } }),
    );

    const rows = [...element.shadowRoot!.querySelectorAll<HTMLElement>('[data-category]')].map((row) => [
      row.querySelector('.label')?.textContent,
      row.querySelector('.count')?.textContent,
    ]);
    expect(rows).toEqual([
      ['Access or validation', '2'],
      ['Intermittent (retried automatically)', '1'],
      ['Other', '4'],
      ['budget', '3'],
      ['quota', '1'],
    ]);
    element.page = withHealth({ undeliveredByCategory: { authentication: 5 } });
    await flush();
    expect(element.shadowRoot!.querySelector('[data-category="authentication"] .label')?.textContent).toBe('Authentication');
    expect(text(element, 'no-errors')).toBeUndefined();
    await expect(element).toBeAccessible();
  });

  it('shows the pause, its reason and since when, and lets the admin resume', async () => {
    const element = render(pausedPage);

    expect(text(element, 'pause-reason')).toBe('Delivery is paused: authentication: HTTP 401: token expired');
    const since = element.shadowRoot!.querySelector<HTMLElement & { value: string }>(
      '[data-id="paused-since"] lightning-formatted-date-time',
    );
    expect(since?.value).toBe('2026-11-29T09:00:00.000Z');
    expect(element.shadowRoot!.querySelector('[data-status="paused"] [data-id="count"]')?.textContent).toBe('7');
    expect(button(element, 'resume').disabled).toBe(false);
    await expect(element).toBeAccessible();
  });

  it('shows paused rows left after the pause was cleared, without a reason', async () => {
    const element = render(withHealth({ countByStatus: { ...health.countByStatus, paused: 2 }, pausedAt: null, pauseReason: null }));

    expect(text(element, 'pause-reason')).toBe(label('SiSync_Health_PausedNoReason'));
    expect(text(element, 'paused-since')).toBeUndefined();
    expect(button(element, 'resume').disabled).toBe(false);
    await expect(element).toBeAccessible();
  });

  it('says what has not happened yet, and disables both buttons when there is nothing to do', async () => {
    const element = render(quietPage);

    expect(text(element, 'oldest-pending')).toBe(label('SiSync_Health_NothingPending'));
    expect(text(element, 'last-success')).toBe(label('SiSync_Health_Never'));
    expect(text(element, 'latency')).toBe(label('SiSync_Health_NoLatency'));
    expect(text(element, 'last-failure')).toBe(label('SiSync_Health_None'));
    expect(text(element, 'last-reconciled')).toBe(label('SiSync_Health_NotReconciled'));
    expect(text(element, 'repaired')).toBe(label('SiSync_Health_None'));
    expect(text(element, 'no-errors')).toBe(label('SiSync_Health_NoErrors'));
    expect(text(element, 'unresolved')).toBe(label('SiSync_Health_UnresolvedNone'));
    expect(button(element, 'retry').disabled).toBe(true);
    expect(button(element, 'resume').disabled).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('words long ages in hours and days, and shows what the reconciliation could not prepare', async () => {
    const element = render({
      ...withHealth({
        oldestPendingAgeSeconds: 2 * 86400 + 5 * 3600 + 59,
        latencyP50Seconds: 42,
        latencyP95Seconds: 2 * 3600 + 7 * 60 + 3,
        latencySample: 12,
        lastReconcileFailures: '00T000000000001: FIELD_CUSTOM_VALIDATION_EXCEPTION',
      }),
      unresolvedOpen: null,
    });

    expect(text(element, 'oldest-pending')).toBe('2 d 5 h');
    expect(text(element, 'latency')).toBe('median 42 s, 95th percentile 2 h 7 min, over 12 deliveries');
    expect(text(element, 'reconcile-failures')).toBe('00T000000000001: FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(text(element, 'unresolved')).toBeUndefined();
    expect(element.shadowRoot!.querySelector('[data-id="unresolved-link"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('retries failed changes: spinner while running, then a toast, the count and saved', async () => {
    let answer: (value: unknown) => void = () => undefined;
    retryMock.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    const element = render(adminPage);
    const { toasts, saved } = listen(element);

    button(element, 'retry').click();
    await flush();
    expect(element.shadowRoot!.querySelector('lightning-spinner')).not.toBeNull();
    expect(button(element, 'retry').disabled).toBe(true);
    expect(button(element, 'resume').disabled).toBe(true);

    answer(retried);
    await flush();
    expect(retryMock).toHaveBeenCalledTimes(1);
    expect(resumeMock).not.toHaveBeenCalled();
    expect(toasts).toEqual([{ title: label('SiSync_Health_RetryDone'), message: '3 changes queued again', variant: 'success' }]);
    expect(saved).toHaveBeenCalledTimes(1);
    expect(text(element, 'status-message')).toBe('3 changes queued again');
    expect(element.shadowRoot!.querySelector('lightning-spinner')).toBeNull();
    expect(button(element, 'retry').disabled).toBe(false);
    await expect(element).toBeAccessible();
  });

  it("shows the server's message when the retry fails, and does not reload", async () => {
    retryMock.mockRejectedValue({
      body: { message: 'Failed changes were not retried: You need the Sales Insight Sync Admin permission set.' },
    });
    const element = render(adminPage);
    const { toasts, saved } = listen(element);

    button(element, 'retry').click();
    await flush();

    const message = 'Failed changes were not retried: You need the Sales Insight Sync Admin permission set.';
    expect(toasts).toEqual([{ title: label('SiSync_Health_ErrorTitle'), message, variant: 'error', mode: 'sticky' }]);
    const status = element.shadowRoot!.querySelector('[data-id="status-message"]');
    expect(status?.textContent).toBe(message);
    expect(status?.classList.contains('slds-text-color_error')).toBe(true);
    expect(saved).not.toHaveBeenCalled();
    expect(button(element, 'retry').disabled).toBe(false);
    await expect(element).toBeAccessible();
  });

  it('resumes a paused delivery: a toast with the count, then saved', async () => {
    resumeMock.mockResolvedValue(resumed);
    const element = render(pausedPage);
    const { toasts, saved } = listen(element);

    button(element, 'resume').click();
    await flush();

    expect(resumeMock).toHaveBeenCalledTimes(1);
    expect(toasts).toEqual([{ title: label('SiSync_Health_ResumeDone'), message: '4 changes queued again', variant: 'success' }]);
    expect(saved).toHaveBeenCalledTimes(1);
    await expect(element).toBeAccessible();
  });

  it('says "1 change" for a single one', async () => {
    resumeMock.mockResolvedValue(1);
    const element = render(pausedPage);
    const { toasts } = listen(element);

    button(element, 'resume').click();
    await flush();

    expect(toasts[0]?.message).toBe('1 change queued again');
    expect(text(element, 'status-message')).toBe('1 change queued again');
    await expect(element).toBeAccessible();
  });

  it('falls back to its own message when a failed resume says nothing', async () => {
    resumeMock.mockRejectedValue({});
    const element = render(pausedPage);
    const { toasts, saved } = listen(element);

    button(element, 'resume').click();
    await flush();

    const fallback = 'Delivery was not resumed. Try again; if it persists, check the Sales Insight Sync Admin permission set.';
    expect(toasts[0]?.message).toBe(fallback);
    expect(text(element, 'status-message')).toBe(fallback);
    expect(saved).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
  });
});
