import SyncHealthCard from 'c/syncHealthCard';
import type { SettingsPage, SyncHealth } from 'c/settingsModel';
import retryFailed from '@salesforce/apex/SyncHealthController.retryFailed';
import resume from '@salesforce/apex/SyncHealthController.resume';
import { byId, click, flush, label, labelWith, listen, mount, shadow, textOf, unmountAll } from 'test/lwcSupport';
import adminData from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.json';
import repData from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.repWithLocks.json';
import notConnectedData from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.notConnected.json';
import retried from './data/SyncHealthController.retryFailed.json';
import resumed from './data/SyncHealthController.resume.json';

jest.mock('@salesforce/apex/SyncHealthController.retryFailed', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SyncHealthController.resume', () => ({ default: jest.fn() }), { virtual: true });

type CardElement = HTMLElement & { page: SettingsPage | undefined };
type Button = HTMLElement & { label: string; variant: string; disabled: boolean };

const retryMock = retryFailed as unknown as jest.Mock;
const resumeMock = resume as unknown as jest.Mock;
const adminPage = adminData as unknown as SettingsPage;
const repPage = repData as unknown as SettingsPage;
/** Sales Insight refused the credentials: 12 changes paused. */
const pausedPage = notConnectedData as unknown as SettingsPage;
const health = adminPage.health!;

/** The admin page with its health figures changed. */
function withHealth(changes: Partial<SyncHealth>): SettingsPage {
  return { ...adminPage, health: { ...health, ...changes } };
}

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

async function mountCard(page: SettingsPage | undefined): Promise<CardElement> {
  const element = mount<CardElement>('c-sync-health-card', SyncHealthCard, { page });
  await flush();
  return element;
}

function button(element: HTMLElement, id: 'retry' | 'resume'): Button {
  return byId<Button>(element, id)!;
}

/** Each tile as it reads: its words, icon, count and how it is coloured. */
function tiles(
  element: HTMLElement,
): { status: string | undefined; words: string | undefined; icon: string; count: string | undefined; theme: string[] }[] {
  return [...shadow(element).querySelectorAll<HTMLElement>('[data-status]')].map((tile) => ({
    status: tile.dataset.status,
    words: tile.querySelector('[data-id="tile-label"]')?.textContent ?? undefined,
    icon: tile.querySelector<HTMLElement & { iconName: string }>('lightning-icon')!.iconName,
    count: tile.querySelector('[data-id="count"]')?.textContent ?? undefined,
    theme: [...tile.classList].filter((name) => name.startsWith('slds-theme_')),
  }));
}

/** The undelivered-by-category rows: plain name, count, what to do. */
function categoryRows(element: HTMLElement): (string | null | undefined)[][] {
  return [...shadow(element).querySelectorAll<HTMLElement>('[data-category]')].map((row) => [
    row.querySelector('.label')?.textContent,
    row.querySelector('.count')?.textContent,
    row.querySelector('.action')?.textContent,
  ]);
}

/** The last failure as it reads. */
function lastFailure(element: HTMLElement): { category: string | undefined; detail: string | undefined; action: string | undefined } {
  return {
    category: textOf(element, 'last-failure-category'),
    detail: textOf(element, 'last-failure-detail'),
    action: textOf(element, 'last-failure-action'),
  };
}

describe('c-sync-health-card', () => {
  afterEach(() => {
    unmountAll();
    jest.clearAllMocks();
  });

  describe('who sees it', () => {
    it('renders nothing for a rep', async () => {
      const element = await mountCard(repPage);

      expect(shadow(element).childElementCount).toBe(0);
      await expect(element).toBeAccessible();
    });

    it('renders nothing before the page is loaded', async () => {
      const element = await mountCard(undefined);

      expect(shadow(element).childElementCount).toBe(0);
      await expect(element).toBeAccessible();
    });

    it('renders nothing for an admin whose load carries no figures', async () => {
      const element = await mountCard({ ...adminPage, health: null });

      expect(shadow(element).childElementCount).toBe(0);
      await expect(element).toBeAccessible();
    });

    it('has no card or title of its own: the accordion section is the heading', async () => {
      const element = await mountCard(adminPage);

      expect(shadow(element).querySelector('lightning-card')).toBeNull();
      expect(shadow(element).querySelector('h1, h2')).toBeNull();
      await expect(element).toBeAccessible();
    });
  });

  describe('the repairs', () => {
    it('puts Retry failed and Resume, neutral, in a right-aligned row at the top', async () => {
      const element = await mountCard(adminPage);

      const actions = byId(element, 'actions')!;
      expect(actions.classList.contains('slds-grid_align-end')).toBe(true);
      expect(shadow(element).querySelector('div')?.firstElementChild).toBe(actions);
      expect([...actions.querySelectorAll<Button>('lightning-button')].map((each) => [each.label, each.variant])).toEqual([
        [label('SiSync_Health_RetryButton'), 'neutral'],
        [label('SiSync_Health_ResumeButton'), 'neutral'],
      ]);
      await expect(element).toBeAccessible();
    });

    it('offers Retry failed while changes failed, and not Resume while nothing is paused', async () => {
      const element = await mountCard(adminPage);

      expect(button(element, 'retry').disabled).toBe(false);
      expect(button(element, 'resume').disabled).toBe(true);
      await expect(element).toBeAccessible();
    });

    it('offers Resume while delivery is paused', async () => {
      const element = await mountCard(pausedPage);

      expect(button(element, 'resume').disabled).toBe(false);
      expect(button(element, 'retry').disabled).toBe(true);
      await expect(element).toBeAccessible();
    });

    it('retries failed changes: spinner and both buttons disabled while it runs', async () => {
      retryMock.mockReturnValue(new Promise(() => undefined));
      const element = await mountCard(adminPage);

      click(element, 'retry');
      await flush();

      expect(shadow(element).querySelector('lightning-spinner')).not.toBeNull();
      expect(button(element, 'retry').disabled).toBe(true);
      expect(button(element, 'resume').disabled).toBe(true);
      await expect(element).toBeAccessible();
    });

    it('retries failed changes: then a toast with the count, the count in the live region, and saved', async () => {
      retryMock.mockResolvedValue(retried);
      const element = await mountCard(adminPage);
      const { toasts, saved } = listen(element);

      click(element, 'retry');
      await flush();

      const message = labelWith('SiSync_Health_QueuedMany', 3);
      expect(retryMock).toHaveBeenCalledTimes(1);
      expect(resumeMock).not.toHaveBeenCalled();
      expect(toasts).toEqual([{ title: label('SiSync_Health_RetryDone'), message, variant: 'success' }]);
      expect(saved).toHaveBeenCalledTimes(1);
      expect(textOf(element, 'status-message')).toBe(message);
      expect(byId(element, 'status')?.getAttribute('aria-live')).toBe('polite');
      expect(shadow(element).querySelector('lightning-spinner')).toBeNull();
      expect(button(element, 'retry').disabled).toBe(false);
      await expect(element).toBeAccessible();
    });

    it("shows the server's message when the retry fails, in a sticky toast, and does not reload", async () => {
      const message = 'Failed changes were not retried: You need the Sales Insight Sync Admin permission set.';
      retryMock.mockRejectedValue({ body: { message } });
      const element = await mountCard(adminPage);
      const { toasts, saved } = listen(element);

      click(element, 'retry');
      await flush();

      expect(toasts).toEqual([{ title: label('SiSync_Health_ErrorTitle'), message, variant: 'error', mode: 'sticky' }]);
      expect(byId(element, 'status-message')?.classList.contains('slds-text-color_error')).toBe(true);
      expect(textOf(element, 'status-message')).toBe(message);
      expect(saved).not.toHaveBeenCalled();
      expect(button(element, 'retry').disabled).toBe(false);
      await expect(element).toBeAccessible();
    });

    it('resumes a paused delivery: a toast with the count, then saved', async () => {
      resumeMock.mockResolvedValue(resumed);
      const element = await mountCard(pausedPage);
      const { toasts, saved } = listen(element);

      click(element, 'resume');
      await flush();

      expect(resumeMock).toHaveBeenCalledTimes(1);
      expect(toasts).toEqual([
        { title: label('SiSync_Health_ResumeDone'), message: labelWith('SiSync_Health_QueuedMany', 4), variant: 'success' },
      ]);
      expect(saved).toHaveBeenCalledTimes(1);
      await expect(element).toBeAccessible();
    });

    it('says "1 change" for a single one', async () => {
      resumeMock.mockResolvedValue(1);
      const element = await mountCard(pausedPage);
      const { toasts } = listen(element);

      click(element, 'resume');
      await flush();

      expect(toasts[0]?.message).toBe(label('SiSync_Health_QueuedOne'));
      expect(textOf(element, 'status-message')).toBe(label('SiSync_Health_QueuedOne'));
      await expect(element).toBeAccessible();
    });

    it('falls back to its own message when a failed resume says nothing', async () => {
      resumeMock.mockRejectedValue({});
      const element = await mountCard(pausedPage);
      const { toasts, saved } = listen(element);

      click(element, 'resume');
      await flush();

      expect(toasts[0]?.message).toBe(label('SiSync_Health_ResumeError'));
      expect(textOf(element, 'status-message')).toBe(label('SiSync_Health_ResumeError'));
      expect(saved).not.toHaveBeenCalled();
      await expect(element).toBeAccessible();
    });
  });

  describe('the count tiles', () => {
    it('colours each tile with changes in it by what it means, with an icon and its words', async () => {
      const element = await mountCard(adminPage);

      expect(tiles(element)).toEqual([
        { status: 'pending', words: label('SiSync_Health_Pending'), icon: 'utility:clock', count: '3', theme: ['slds-theme_info'] },
        { status: 'failed', words: label('SiSync_Health_Failed'), icon: 'utility:refresh', count: '1', theme: ['slds-theme_warning'] },
        { status: 'dead', words: label('SiSync_Health_Dead'), icon: 'utility:error', count: '2', theme: ['slds-theme_error'] },
        { status: 'paused', words: label('SiSync_Health_Paused'), icon: 'utility:pause', count: '0', theme: ['slds-theme_default'] },
      ]);
      await expect(element).toBeAccessible();
    });

    it('words the tiles as an admin would, never as "dead"', async () => {
      const element = await mountCard(adminPage);

      const words = tiles(element).map((tile) => tile.words ?? '');
      expect(words.filter((each) => /dead/i.test(each))).toEqual([]);
      expect(words[2]).toBe(label('SiSync_Health_Dead'));
      expect(label('SiSync_Health_Dead')).toBe('Failed — will not retry');
      await expect(element).toBeAccessible();
    });

    it('colours the paused tile as a warning while changes are paused', async () => {
      const element = await mountCard(pausedPage);

      expect(tiles(element).find((tile) => tile.status === 'paused')).toEqual({
        status: 'paused',
        words: label('SiSync_Health_Paused'),
        icon: 'utility:pause',
        count: '12',
        theme: ['slds-theme_warning'],
      });
      await expect(element).toBeAccessible();
    });

    it('keeps every tile whose count is 0 neutral', async () => {
      const element = await mountCard(quietPage);

      expect(tiles(element).map((tile) => [tile.status, tile.count, tile.theme])).toEqual([
        ['pending', '0', ['slds-theme_default']],
        ['failed', '0', ['slds-theme_default']],
        ['dead', '0', ['slds-theme_default']],
        ['paused', '0', ['slds-theme_default']],
      ]);
      await expect(element).toBeAccessible();
    });
  });

  describe('the delivery figures', () => {
    it('shows the oldest pending change, the last success and the delivery time', async () => {
      const element = await mountCard(adminPage);

      expect(textOf(element, 'oldest-pending')).toBe(labelWith('SiSync_Health_AgeMinutes', 1, 35));
      const lastSuccess = shadow(element).querySelector<HTMLElement & { value: string }>(
        '[data-id="last-success"] lightning-formatted-date-time',
      );
      expect(lastSuccess?.value).toBe('2026-11-29T10:58:00.000Z');
      expect(textOf(element, 'latency')).toBe(
        labelWith('SiSync_Health_LatencyValue', labelWith('SiSync_Health_AgeSeconds', 4), labelWith('SiSync_Health_AgeSeconds', 38), 1480),
      );
      await expect(element).toBeAccessible();
    });

    it('words long ages in hours and days', async () => {
      const element = await mountCard(
        withHealth({
          oldestPendingAgeSeconds: 2 * 86400 + 5 * 3600 + 59,
          latencyP50Seconds: 42,
          latencyP95Seconds: 2 * 3600 + 7 * 60 + 3,
          latencySample: 12,
        }),
      );

      expect(textOf(element, 'oldest-pending')).toBe(labelWith('SiSync_Health_AgeDays', 2, 5));
      expect(textOf(element, 'latency')).toBe(
        labelWith('SiSync_Health_LatencyValue', labelWith('SiSync_Health_AgeSeconds', 42), labelWith('SiSync_Health_AgeHours', 2, 7), 12),
      );
      await expect(element).toBeAccessible();
    });

    it('says what has not happened yet', async () => {
      const element = await mountCard(quietPage);

      expect(textOf(element, 'oldest-pending')).toBe(label('SiSync_Health_NothingPending'));
      expect(textOf(element, 'last-success')).toBe(label('SiSync_Health_Never'));
      expect(textOf(element, 'latency')).toBe(label('SiSync_Health_NoLatency'));
      expect(textOf(element, 'last-failure')).toBe(label('SiSync_Health_None'));
      await expect(element).toBeAccessible();
    });
  });

  describe('the last failure', () => {
    it('reads as the category in plain words, the detail, and what to do — never raw', async () => {
      const element = await mountCard(adminPage);

      expect(lastFailure(element)).toEqual({
        category: label('SiSync_Health_CategoryIntermittent'),
        detail: 'HTTP 503: busy',
        action: label('SiSync_Health_ActionIntermittent'),
      });
      expect(textOf(element, 'last-failure')).not.toContain('intermittent:');
      await expect(element).toBeAccessible();
    });

    it('says to authenticate the principal again and resume for refused credentials', async () => {
      const element = await mountCard(withHealth({ lastFailure: 'authentication: HTTP 401: token expired' }));

      expect(lastFailure(element)).toEqual({
        category: label('SiSync_Health_CategoryAuthentication'),
        detail: 'HTTP 401: token expired',
        action: label('SiSync_Health_ActionAuthentication'),
      });
      await expect(element).toBeAccessible();
    });

    it('names a relay that does not run as the integration user, and what to set up', async () => {
      const detail =
        'the relay runs as autoproc@00d.example, who lacks the Sales Insight Sync Integration permission set (CalloutException: x)';
      const element = await mountCard(withHealth({ lastFailure: `configuration: ${detail}` }));

      expect(lastFailure(element)).toEqual({
        category: label('SiSync_Health_CategoryConfiguration'),
        detail,
        action: label('SiSync_Health_ActionConfiguration'),
      });
      await expect(element).toBeAccessible();
    });

    it('shows a failure without a known category whole, as other', async () => {
      const element = await mountCard(withHealth({ lastFailure: 'HTTP 418: teapot' }));

      expect(lastFailure(element)).toEqual({
        category: label('SiSync_Health_CategoryOther'),
        detail: 'HTTP 418: teapot',
        action: label('SiSync_Health_ActionOther'),
      });
      await expect(element).toBeAccessible();
    });
  });

  describe('undelivered changes by error', () => {
    it('names each category plainly with its count and what to do, known ones first, unknown ones by their key', async () => {
      const element = await mountCard(
        withHealth({ undeliveredByCategory: { quota: 1, other: 4, intermittent: 1, authentication: 0, access: 2, budget: 3 } }),
      );

      expect(categoryRows(element)).toEqual([
        [label('SiSync_Health_CategoryAccess'), '2', label('SiSync_Health_ActionAccess')],
        [label('SiSync_Health_CategoryIntermittent'), '1', label('SiSync_Health_ActionIntermittent')],
        [label('SiSync_Health_CategoryOther'), '4', label('SiSync_Health_ActionOther')],
        ['budget', '3', label('SiSync_Health_ActionOther')],
        ['quota', '1', label('SiSync_Health_ActionOther')],
      ]);
      expect(byId(element, 'no-errors')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('says for authentication errors to fix the credential and resume', async () => {
      const element = await mountCard(withHealth({ undeliveredByCategory: { authentication: 5 } }));

      expect(categoryRows(element)).toEqual([
        [label('SiSync_Health_CategoryAuthentication'), '5', label('SiSync_Health_ActionAuthentication')],
      ]);
      await expect(element).toBeAccessible();
    });

    it('links to the Outbox Messages list, where each failed change has its Last Error', async () => {
      const element = await mountCard(adminPage);

      const link = byId<HTMLAnchorElement>(element, 'outbox-link');
      expect(link?.getAttribute('href')).toBe('/lightning/o/OutboxMessage__c/list');
      expect(link?.textContent).toBe(label('SiSync_Health_OutboxLink'));
      await expect(element).toBeAccessible();
    });

    it('says there are none, without a link, when no undelivered change has an error', async () => {
      const element = await mountCard(quietPage);

      expect(textOf(element, 'no-errors')).toBe(label('SiSync_Health_NoErrors'));
      expect(byId(element, 'outbox-link')).toBeNull();
      await expect(element).toBeAccessible();
    });
  });

  describe('a pause', () => {
    it('shows the pause, its reason, since when and what to do, as a warning notification', async () => {
      const element = await mountCard(pausedPage);

      const paused = byId(element, 'paused')!;
      expect(paused.classList.contains('slds-scoped-notification')).toBe(true);
      expect(paused.classList.contains('slds-theme_warning')).toBe(true);
      expect(textOf(element, 'pause-reason')).toBe(labelWith('SiSync_Health_PausedReason', 'HTTP 401: invalid_token'));
      const since = shadow(element).querySelector<HTMLElement & { value: string }>(
        '[data-id="paused-since"] lightning-formatted-date-time',
      );
      expect(since?.value).toBe('2026-11-29T10:40:00.000Z');
      expect(paused.textContent).toContain(label('SiSync_Health_ResumeHint'));
      await expect(element).toBeAccessible();
    });

    it('shows paused rows left after the pause was cleared, without a reason', async () => {
      const element = await mountCard(
        withHealth({ countByStatus: { ...health.countByStatus, paused: 2 }, pausedAt: null, pauseReason: null }),
      );

      expect(textOf(element, 'pause-reason')).toBe(label('SiSync_Health_PausedNoReason'));
      expect(byId(element, 'paused-since')).toBeNull();
      expect(button(element, 'resume').disabled).toBe(false);
      await expect(element).toBeAccessible();
    });

    it('shows no pause while nothing is paused', async () => {
      const element = await mountCard(adminPage);

      expect(byId(element, 'paused')).toBeNull();
      await expect(element).toBeAccessible();
    });
  });

  describe('reconciliation and unresolved activities', () => {
    it('shows the last reconciliation, what it repaired and that nothing failed', async () => {
      const element = await mountCard(adminPage);

      const reconciled = shadow(element).querySelector<HTMLElement & { value: string }>(
        '[data-id="last-reconciled"] lightning-formatted-date-time',
      );
      expect(reconciled?.value).toBe('2026-11-29T10:00:00.000Z');
      expect(textOf(element, 'repaired')).toBe(labelWith('SiSync_Health_RepairedValue', 2));
      expect(textOf(element, 'reconcile-failures')).toBe(label('SiSync_Health_None'));
      await expect(element).toBeAccessible();
    });

    it('shows what the reconciliation could not prepare', async () => {
      const element = await mountCard(withHealth({ lastReconcileFailures: '00T000000000001: FIELD_CUSTOM_VALIDATION_EXCEPTION' }));

      expect(textOf(element, 'reconcile-failures')).toBe('00T000000000001: FIELD_CUSTOM_VALIDATION_EXCEPTION');
      await expect(element).toBeAccessible();
    });

    it('says when the reconciliation never ran', async () => {
      const element = await mountCard(quietPage);

      expect(textOf(element, 'last-reconciled')).toBe(label('SiSync_Health_NotReconciled'));
      expect(textOf(element, 'repaired')).toBe(label('SiSync_Health_None'));
      await expect(element).toBeAccessible();
    });

    it('counts the unresolved email activities and links to their list', async () => {
      const element = await mountCard(adminPage);

      expect(textOf(element, 'unresolved')).toBe(labelWith('SiSync_Health_UnresolvedCount', 5));
      const link = byId<HTMLAnchorElement>(element, 'unresolved-link');
      expect(link?.getAttribute('href')).toBe('/lightning/o/UnresolvedEmailActivity__c/list');
      expect(link?.textContent).toBe(label('SiSync_Health_UnresolvedLink'));
      await expect(element).toBeAccessible();
    });

    it('says when there are no unresolved email activities', async () => {
      const element = await mountCard(quietPage);

      expect(textOf(element, 'unresolved')).toBe(label('SiSync_Health_UnresolvedNone'));
      await expect(element).toBeAccessible();
    });

    it('leaves the unresolved section out when the load has no count', async () => {
      const element = await mountCard({ ...adminPage, unresolvedOpen: null });

      expect(byId(element, 'unresolved')).toBeNull();
      expect(byId(element, 'unresolved-link')).toBeNull();
      await expect(element).toBeAccessible();
    });
  });
});
