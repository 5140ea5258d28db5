import SetupAssistant from 'c/setupAssistant';
import type { SettingsPage, SetupAssistantState } from 'c/settingsModel';
import { byId, click, flush, label, labelWith, listen, mount, shadow, textOf, unmountAll } from 'test/lwcSupport';
import doneData from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.json';
import freshData from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.setupFresh.json';
import halfData from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.setupHalf.json';
import repData from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.repWithLocks.json';
import offerData from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.canAssignAdminSet.json';

jest.mock('@salesforce/apex/ConnectionController.testConnection', () => ({ default: jest.fn() }), { virtual: true });

const done = doneData as unknown as SettingsPage;
const fresh = freshData as unknown as SettingsPage;
const half = halfData as unknown as SettingsPage;
const rep = repData as unknown as SettingsPage;

type Icon = HTMLElement & { iconName: string; variant: string; alternativeText: string };
type Button = HTMLElement & { label: string; disabled: boolean };

/** A page whose setup differs from a fixture's by a few facts. */
function withSetup(page: SettingsPage, change: (setup: SetupAssistantState) => void): SettingsPage {
  const copy = JSON.parse(JSON.stringify(page)) as SettingsPage;
  change(copy.setup!);
  return copy;
}

async function mountAssistant(page: SettingsPage | undefined): Promise<HTMLElement> {
  const element = mount('c-setup-assistant', SetupAssistant, { page });
  await flush();
  return element;
}

function stepOf(element: HTMLElement, key: string): HTMLElement {
  const step = shadow(element).querySelector<HTMLElement>(`[data-step="${key}"]`);
  if (!step) throw new Error(`no step ${key}`);
  return step;
}

/** Each step's state, in order. */
function states(element: HTMLElement): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const step of shadow(element).querySelectorAll<HTMLElement>('[data-step]')) result[step.dataset.step ?? ''] = step.dataset.state;
  return result;
}

function linesOf(element: HTMLElement, key: string): string[] {
  return [...stepOf(element, key).querySelectorAll<HTMLElement>('[data-line]')].map((line) => line.textContent?.trim() ?? '');
}

function warningLines(element: HTMLElement, key: string): string[] {
  return [...stepOf(element, key).querySelectorAll<HTMLElement>('[data-line][data-warning="true"]')].map((line) => line.dataset.line ?? '');
}

function linksOf(element: HTMLElement, key: string): { label: string; href: string; target: string }[] {
  return [...stepOf(element, key).querySelectorAll<HTMLAnchorElement>('a[data-link]')].map((link) => ({
    label: link.textContent?.trim() ?? '',
    href: link.getAttribute('href') ?? '',
    target: link.getAttribute('target') ?? '',
  }));
}

describe('c-setup-assistant', () => {
  afterEach(() => {
    unmountAll();
    jest.clearAllMocks();
  });

  it('renders nothing for a rep, nor for one who may assign permission sets, nor before the page loads', async () => {
    expect(shadow(await mountAssistant(undefined)).childElementCount).toBe(0);
    expect(shadow(await mountAssistant(offerData as unknown as SettingsPage)).childElementCount).toBe(0);
    const element = await mountAssistant(rep);
    expect(shadow(element).childElementCount).toBe(0);
    await expect(element).toBeAccessible();
  });

  it('a fresh install: seven steps, none done, each saying what to do and where', async () => {
    const element = await mountAssistant(fresh);

    expect(textOf(element, 'progress-text')).toBe(labelWith('SiSync_Setup_Progress', 0, 7));
    expect(states(element)).toEqual({
      credentials: 'todo',
      permissionSets: 'todo',
      integrationUser: 'todo',
      runs: 'todo',
      jobs: 'todo',
      signing: 'todo',
      connection: 'todo',
    });
    expect([...shadow(element).querySelectorAll('[data-id="step-title"]')].map((title) => title.textContent)).toEqual(
      [
        'SiSync_Setup_CredentialsTitle',
        'SiSync_Setup_PermSetsTitle',
        'SiSync_Setup_IntegrationTitle',
        'SiSync_Setup_RunsTitle',
        'SiSync_Setup_JobsTitle',
        'SiSync_Setup_SigningTitle',
        'SiSync_Setup_ConnectionTitle',
      ].map((name, index) => `${index + 1}. ${label(name)}`),
    );
    expect(linesOf(element, 'credentials')).toEqual([
      label('SiSync_Setup_PrincipalMissing'),
      label('SiSync_Setup_TokenUrlMissing'),
      label('SiSync_Setup_EndpointMissing'),
    ]);
    expect(linksOf(element, 'credentials')).toEqual([
      { label: label('SiSync_Setup_OpenCredentials'), href: '/lightning/setup/NamedCredential/home', target: '_blank' },
    ]);
    expect(warningLines(element, 'permissionSets')).toEqual(['noRep', 'noIntegration']);
    expect(linesOf(element, 'integrationUser')).toEqual([label('SiSync_Setup_IntegrationNone')]);
    expect(linksOf(element, 'integrationUser')[0]?.href).toBe('/lightning/setup/ManageUsers/home');
    expect(linesOf(element, 'runs')).toEqual([label('SiSync_Setup_HeartbeatNever'), label('SiSync_Setup_TriggerNever')]);
    expect(linesOf(element, 'signing')).toEqual([label('SiSync_Setup_SigningRefused'), label('SiSync_Setup_SigningCardHint')]);
    expect(linesOf(element, 'connection')).toEqual([label('SiSync_Setup_ConnectionNever')]);
    expect(stepOf(element, 'connection').querySelector('c-connection-test')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('each line says by its icon whether it is set or missing; plain facts have none', async () => {
    const element = await mountAssistant(half);

    const tones = [...stepOf(element, 'credentials').querySelectorAll<HTMLElement>('[data-line]')].map((line) => ({
      tone: line.dataset.tone,
      icon: line.querySelector<Icon>('lightning-icon')?.iconName,
      words: line.querySelector<Icon>('lightning-icon')?.alternativeText,
    }));
    expect(tones).toEqual([
      { tone: 'ok', icon: 'utility:check', words: label('SiSync_Setup_StateDone') },
      { tone: 'ok', icon: 'utility:check', words: label('SiSync_Setup_StateDone') },
      { tone: 'warning', icon: 'utility:warning', words: label('SiSync_Setup_StateWarning') },
    ]);
    expect(stepOf(element, 'jobs').querySelector('[data-line="hint"] lightning-icon')).toBeNull();
  });

  it('each state has its icon and words, so the state is never told by colour alone', async () => {
    const element = await mountAssistant(half);

    const look = (key: string) => {
      const icon = stepOf(element, key).querySelector<Icon>('lightning-icon')!;
      return {
        icon: icon.iconName,
        variant: icon.variant,
        words: icon.alternativeText,
        said: stepOf(element, key).querySelector('[data-id="step-state"]')?.textContent,
      };
    };
    expect(look('permissionSets')).toEqual({
      icon: 'utility:success',
      variant: 'success',
      words: label('SiSync_Setup_StateDone'),
      said: label('SiSync_Setup_StateDone'),
    });
    expect(look('credentials')).toEqual({
      icon: 'utility:record',
      variant: '',
      words: label('SiSync_Setup_StateTodo'),
      said: label('SiSync_Setup_StateTodo'),
    });
    expect(look('runs')).toEqual({
      icon: 'utility:warning',
      variant: 'warning',
      words: label('SiSync_Setup_StateWarning'),
      said: label('SiSync_Setup_StateWarning'),
    });
    await expect(element).toBeAccessible();
  });

  it('half configured: what is set is said, what is missing is marked', async () => {
    const element = await mountAssistant(half);

    expect(textOf(element, 'progress-text')).toBe(labelWith('SiSync_Setup_Progress', 1, 7));
    expect(linesOf(element, 'credentials')).toEqual([
      label('SiSync_Setup_PrincipalSet'),
      label('SiSync_Setup_TokenUrlSet'),
      label('SiSync_Setup_EndpointMissing'),
    ]);
    expect(warningLines(element, 'credentials')).toEqual(['endpoint']);
    expect(linesOf(element, 'permissionSets')).toEqual([labelWith('SiSync_Setup_PermSetsCounts', 2, 48, 1)]);
    expect(linksOf(element, 'permissionSets').map((link) => link.href)).toEqual([
      '/lightning/setup/PermSets/page?address=%2F0PS000000000ADMAAA',
      '/lightning/setup/PermSets/page?address=%2F0PS000000000USRAAA',
      '/lightning/setup/PermSets/page?address=%2F0PS000000000INTAAA',
    ]);
    expect(linesOf(element, 'integrationUser')).toEqual([
      `${labelWith('SiSync_Setup_IntegrationHolder', 'Sales Insight Integration', 'sia.integration@acme.example')}: ${labelWith(
        'SiSync_Setup_IntegrationMissing',
        label('SiSync_Setup_GrantLeadEmail'),
      )}; ${labelWith('SiSync_Setup_IntegrationExcess', label('SiSync_Setup_PowerViewAllData'))}`,
    ]);
    expect(linksOf(element, 'integrationUser')[0]?.href).toBe(
      '/lightning/setup/ManageUsers/page?address=%2F005000000000INTAAA%3Fnoredirect%3D1',
    );
    expect(linesOf(element, 'runs')[1]).toBe(labelWith('SiSync_Setup_TriggerOther', 'Automated Process'));
    expect(warningLines(element, 'runs')).toEqual(['trigger']);
    expect(linesOf(element, 'signing')[0]).toBe(label('SiSync_Setup_SigningOff'));
    await expect(element).toBeAccessible();
  });

  it('the jobs table: schedules, next run, who they run as, and the last run', async () => {
    const element = await mountAssistant(half);

    const rows = [...stepOf(element, 'jobs').querySelectorAll<HTMLElement>('tr[data-job]')];
    expect(rows.map((row) => row.dataset.job)).toEqual(['watchdog', 'sweep', 'purge']);
    const cell = (row: HTMLElement, name: string) => row.querySelector(`[data-cell="${name}"]`)?.textContent?.trim();
    expect(rows[0]?.querySelector('th')?.textContent).toBe(label('SiSync_Setup_JobWatchdog'));
    expect(cell(rows[0]!, 'scheduled')).toBe(labelWith('SiSync_Setup_JobScheduledCount', 4, 4));
    expect(rows[0]?.querySelector<HTMLElement & { value: string }>('[data-cell="next"] lightning-formatted-date-time')?.value).toBe(
      '2026-12-02T12:15:00.000Z',
    );
    expect(cell(rows[1]!, 'last')).toBe(label('SiSync_Setup_JobNever'));
    expect(cell(rows[2]!, 'owner')).toBe(`Ada Admin${label('SiSync_Setup_JobNotIntegration')}`);
    // Who each job last ran as, recorded by the job itself: the purge ran as the admin
    const ranAs = (row: HTMLElement) => row.querySelector<HTMLElement>('[data-id="last-ran-as"]');
    expect(ranAs(rows[0]!)?.textContent).toBe(labelWith('SiSync_Setup_JobRanAs', 'Sales Insight Integration'));
    expect(ranAs(rows[0]!)?.classList.contains('slds-text-color_error')).toBe(false);
    expect(ranAs(rows[2]!)?.textContent).toBe(labelWith('SiSync_Setup_JobRanAs', 'Ada Admin'));
    expect(ranAs(rows[2]!)?.classList.contains('slds-text-color_error')).toBe(true);
    expect(ranAs(rows[1]!)).toBeNull();
    expect(linksOf(element, 'jobs')).toEqual([
      { label: label('SiSync_Setup_OpenScheduledJobs'), href: '/lightning/setup/ScheduledJobs/home', target: '_blank' },
    ]);
    await expect(element).toBeAccessible();
  });

  it('a fresh install shows the three jobs unscheduled', async () => {
    const element = await mountAssistant(fresh);

    const cells = [...stepOf(element, 'jobs').querySelectorAll('[data-cell="scheduled"]')].map((cell) => cell.textContent?.trim());
    expect(cells).toEqual([
      labelWith('SiSync_Setup_JobScheduledCount', 0, 4),
      labelWith('SiSync_Setup_JobScheduledCount', 0, 1),
      labelWith('SiSync_Setup_JobScheduledCount', 0, 1),
    ]);
    expect(stepOf(element, 'jobs').querySelectorAll('[data-cell="next"] lightning-formatted-date-time')).toHaveLength(0);
  });

  it('all done: seven of seven, the heartbeat and the trigger as the integration user, signing on', async () => {
    const element = await mountAssistant(done);

    expect(textOf(element, 'progress-text')).toBe(labelWith('SiSync_Setup_Progress', 7, 7));
    expect(Object.values(states(element))).toEqual(Array(7).fill('done'));
    expect(linesOf(element, 'runs')[0]).toContain(
      labelWith('SiSync_Setup_HeartbeatRan', 'Sales Insight Integration', 'watchdog kept, sweep kept, purge kept'),
    );
    expect(linesOf(element, 'runs')[1]).toContain(labelWith('SiSync_Setup_TriggerIntegration', 'Sales Insight Integration'));
    expect(linesOf(element, 'integrationUser')[0]).toContain(label('SiSync_Setup_IntegrationReady'));
    expect(linesOf(element, 'signing').slice(0, 2)).toEqual([labelWith('SiSync_Setup_SigningOn', 1), label('SiSync_Setup_SigningNewest')]);
    expect(linesOf(element, 'connection')).toEqual([label('SiSync_Setup_ConnectionOk')]);
    expect(shadow(element).querySelectorAll('[data-warning="true"]')).toHaveLength(0);
    await expect(element).toBeAccessible();
  });

  it('credentials that could not be read: unknown, with the platform reason and what to do', async () => {
    const element = await mountAssistant(
      withSetup(fresh, (setup) => {
        setup.credentials = {
          ...setup.credentials,
          state: 'unknown',
          readable: false,
          problem: 'ConnectApi.ConnectApiException: insufficient access',
        };
      }),
    );

    expect(states(element).credentials).toBe('unknown');
    expect(stepOf(element, 'credentials').querySelector<Icon>('lightning-icon')?.iconName).toBe('utility:help');
    expect(linesOf(element, 'credentials')).toEqual([
      labelWith('SiSync_Setup_CredentialsUnreadable', 'ConnectApi.ConnectApiException: insufficient access'),
    ]);
    await expect(element).toBeAccessible();
  });

  it('the integration user: too powerful, inactive, or one of several', async () => {
    const element = await mountAssistant(
      withSetup(done, (setup) => {
        setup.integrationUser = {
          state: 'warning',
          holders: [
            {
              userId: '005A',
              name: 'Root',
              username: 'root@acme.example',
              active: true,
              missing: [],
              excess: ['SystemAdministrator', 'ModifyAllData'],
            },
            { userId: '005B', name: 'Old', username: 'old@acme.example', active: false, missing: [], excess: [] },
          ],
        };
        setup.permissionSets = { ...setup.permissionSets, state: 'warning', integration: 2 };
      }),
    );

    expect(linesOf(element, 'integrationUser')).toEqual([
      `${labelWith('SiSync_Setup_IntegrationHolder', 'Root', 'root@acme.example')}: ${labelWith(
        'SiSync_Setup_IntegrationExcess',
        `${label('SiSync_Setup_PowerSystemAdministrator')}, ${label('SiSync_Setup_PowerModifyAllData')}`,
      )}`,
      `${labelWith('SiSync_Setup_IntegrationHolder', 'Old', 'old@acme.example')}: ${label('SiSync_Setup_IntegrationInactive')}`,
    ]);
    expect(warningLines(element, 'integrationUser')).toEqual(['005A', '005B']);
    expect(linesOf(element, 'permissionSets')).toContain(labelWith('SiSync_Setup_PermSetsManyIntegration', 2));
    await expect(element).toBeAccessible();
  });

  it('the heartbeat ran as someone else: the step says Sales Insight must call it as the integration user', async () => {
    const element = await mountAssistant(
      withSetup(done, (setup) => {
        setup.runs = {
          state: 'todo',
          heartbeat: { ...setup.runs.heartbeat!, ranAsName: 'Ada Admin', asIntegrationUser: false },
          relayTrigger: null,
        };
      }),
    );

    expect(linesOf(element, 'runs')).toEqual([
      labelWith('SiSync_Setup_HeartbeatNotIntegration', 'Ada Admin'),
      label('SiSync_Setup_TriggerNever'),
    ]);
  });

  it('signing: rotation due, and a paused connection', async () => {
    const element = await mountAssistant(
      withSetup(done, (setup) => {
        setup.signing = { ...setup.signing, state: 'warning', rotationDue: true, graceUntil: '2026-12-05T12:00:00.000Z' };
        setup.connection = { state: 'warning', paused: true, lastSuccessAt: '2026-11-29T10:58:00.000Z' };
      }),
    );

    expect(linesOf(element, 'signing')).toContain(labelWith('SiSync_Setup_SigningRotate', 90));
    expect(warningLines(element, 'signing')).toEqual(['grace', 'rotate']);
    expect(linesOf(element, 'connection')).toEqual([label('SiSync_Setup_ConnectionPaused')]);
    await expect(element).toBeAccessible();
  });
});
