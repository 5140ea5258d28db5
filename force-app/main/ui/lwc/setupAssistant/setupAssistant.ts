import { LightningElement, api } from 'lwc';
import ASSIGN_ADMINS from '@salesforce/label/c.SiSync_Setup_AssignAdmins';
import ASSIGN_INTEGRATION from '@salesforce/label/c.SiSync_Setup_AssignIntegration';
import ASSIGN_USERS from '@salesforce/label/c.SiSync_Setup_AssignUsers';
import CONNECTION_NEVER from '@salesforce/label/c.SiSync_Setup_ConnectionNever';
import CONNECTION_OK from '@salesforce/label/c.SiSync_Setup_ConnectionOk';
import CONNECTION_PAUSED from '@salesforce/label/c.SiSync_Setup_ConnectionPaused';
import CONNECTION_TITLE from '@salesforce/label/c.SiSync_Setup_ConnectionTitle';
import CREDENTIALS_TITLE from '@salesforce/label/c.SiSync_Setup_CredentialsTitle';
import CREDENTIALS_UNREADABLE from '@salesforce/label/c.SiSync_Setup_CredentialsUnreadable';
import ENDPOINT_MISSING from '@salesforce/label/c.SiSync_Setup_EndpointMissing';
import ENDPOINT_SET from '@salesforce/label/c.SiSync_Setup_EndpointSet';
import GRANT_ACCOUNT_READ from '@salesforce/label/c.SiSync_Setup_GrantAccountRead';
import GRANT_APEX_REST_SERVICES from '@salesforce/label/c.SiSync_Setup_GrantApexRestServices';
import GRANT_API_ENABLED from '@salesforce/label/c.SiSync_Setup_GrantApiEnabled';
import GRANT_CONTACT_ACCESS from '@salesforce/label/c.SiSync_Setup_GrantContactAccess';
import GRANT_CONTACT_EMAIL from '@salesforce/label/c.SiSync_Setup_GrantContactEmail';
import GRANT_EDIT_TASK from '@salesforce/label/c.SiSync_Setup_GrantEditTask';
import GRANT_LEAD_ACCESS from '@salesforce/label/c.SiSync_Setup_GrantLeadAccess';
import GRANT_LEAD_EMAIL from '@salesforce/label/c.SiSync_Setup_GrantLeadEmail';
import HEARTBEAT_NEVER from '@salesforce/label/c.SiSync_Setup_HeartbeatNever';
import HEARTBEAT_NOT_INTEGRATION from '@salesforce/label/c.SiSync_Setup_HeartbeatNotIntegration';
import HEARTBEAT_RAN from '@salesforce/label/c.SiSync_Setup_HeartbeatRan';
import INTEGRATION_EXCESS from '@salesforce/label/c.SiSync_Setup_IntegrationExcess';
import INTEGRATION_HOLDER from '@salesforce/label/c.SiSync_Setup_IntegrationHolder';
import INTEGRATION_INACTIVE from '@salesforce/label/c.SiSync_Setup_IntegrationInactive';
import INTEGRATION_MISSING from '@salesforce/label/c.SiSync_Setup_IntegrationMissing';
import INTEGRATION_NONE from '@salesforce/label/c.SiSync_Setup_IntegrationNone';
import INTEGRATION_READY from '@salesforce/label/c.SiSync_Setup_IntegrationReady';
import INTEGRATION_TITLE from '@salesforce/label/c.SiSync_Setup_IntegrationTitle';
import INTRO from '@salesforce/label/c.SiSync_Setup_Intro';
import JOB_COLUMN_JOB from '@salesforce/label/c.SiSync_Setup_JobColumnJob';
import JOB_COLUMN_LAST from '@salesforce/label/c.SiSync_Setup_JobColumnLast';
import JOB_COLUMN_NEXT from '@salesforce/label/c.SiSync_Setup_JobColumnNext';
import JOB_COLUMN_OWNER from '@salesforce/label/c.SiSync_Setup_JobColumnOwner';
import JOB_COLUMN_SCHEDULED from '@salesforce/label/c.SiSync_Setup_JobColumnScheduled';
import JOB_NEVER from '@salesforce/label/c.SiSync_Setup_JobNever';
import JOB_NOT_INTEGRATION from '@salesforce/label/c.SiSync_Setup_JobNotIntegration';
import JOB_PURGE from '@salesforce/label/c.SiSync_Setup_JobPurge';
import JOB_RAN_AS from '@salesforce/label/c.SiSync_Setup_JobRanAs';
import JOB_SCHEDULED_COUNT from '@salesforce/label/c.SiSync_Setup_JobScheduledCount';
import JOB_SWEEP from '@salesforce/label/c.SiSync_Setup_JobSweep';
import JOB_WATCHDOG from '@salesforce/label/c.SiSync_Setup_JobWatchdog';
import JOBS_HINT from '@salesforce/label/c.SiSync_Setup_JobsHint';
import JOBS_TITLE from '@salesforce/label/c.SiSync_Setup_JobsTitle';
import OPEN_CREDENTIALS from '@salesforce/label/c.SiSync_Setup_OpenCredentials';
import OPEN_SCHEDULED_JOBS from '@salesforce/label/c.SiSync_Setup_OpenScheduledJobs';
import OPEN_USER from '@salesforce/label/c.SiSync_Setup_OpenUser';
import OPEN_USERS from '@salesforce/label/c.SiSync_Setup_OpenUsers';
import PERM_SETS_COUNTS from '@salesforce/label/c.SiSync_Setup_PermSetsCounts';
import PERM_SETS_MANY_INTEGRATION from '@salesforce/label/c.SiSync_Setup_PermSetsManyIntegration';
import PERM_SETS_NO_INTEGRATION from '@salesforce/label/c.SiSync_Setup_PermSetsNoIntegration';
import PERM_SETS_NO_REP from '@salesforce/label/c.SiSync_Setup_PermSetsNoRep';
import PERM_SETS_TITLE from '@salesforce/label/c.SiSync_Setup_PermSetsTitle';
import POWER_MODIFY_ALL_DATA from '@salesforce/label/c.SiSync_Setup_PowerModifyAllData';
import POWER_SYSTEM_ADMINISTRATOR from '@salesforce/label/c.SiSync_Setup_PowerSystemAdministrator';
import POWER_VIEW_ALL_DATA from '@salesforce/label/c.SiSync_Setup_PowerViewAllData';
import PRINCIPAL_MISSING from '@salesforce/label/c.SiSync_Setup_PrincipalMissing';
import PRINCIPAL_SET from '@salesforce/label/c.SiSync_Setup_PrincipalSet';
import PROGRESS from '@salesforce/label/c.SiSync_Setup_Progress';
import RUNS_TITLE from '@salesforce/label/c.SiSync_Setup_RunsTitle';
import SIGNING_CARD_HINT from '@salesforce/label/c.SiSync_Setup_SigningCardHint';
import SIGNING_NEWEST from '@salesforce/label/c.SiSync_Setup_SigningNewest';
import SIGNING_OFF from '@salesforce/label/c.SiSync_Setup_SigningOff';
import SIGNING_REFUSED from '@salesforce/label/c.SiSync_Setup_SigningRefused';
import SIGNING_GRACE from '@salesforce/label/c.SiSync_Setup_SigningGrace';
import SIGNING_ON from '@salesforce/label/c.SiSync_Setup_SigningOn';
import SIGNING_ROTATE from '@salesforce/label/c.SiSync_Setup_SigningRotate';
import SIGNING_TITLE from '@salesforce/label/c.SiSync_Setup_SigningTitle';
import STATE_DONE from '@salesforce/label/c.SiSync_Setup_StateDone';
import STATE_TODO from '@salesforce/label/c.SiSync_Setup_StateTodo';
import STATE_UNKNOWN from '@salesforce/label/c.SiSync_Setup_StateUnknown';
import STATE_WARNING from '@salesforce/label/c.SiSync_Setup_StateWarning';
import TOKEN_URL_MISSING from '@salesforce/label/c.SiSync_Setup_TokenUrlMissing';
import TOKEN_URL_SET from '@salesforce/label/c.SiSync_Setup_TokenUrlSet';
import TRIGGER_INTEGRATION from '@salesforce/label/c.SiSync_Setup_TriggerIntegration';
import TRIGGER_NEVER from '@salesforce/label/c.SiSync_Setup_TriggerNever';
import TRIGGER_OTHER from '@salesforce/label/c.SiSync_Setup_TriggerOther';
import {
  format,
  messageOf,
  SETUP_STEP_COUNT,
  showToast,
  type ServerError,
  type SettingsPage,
  type SetupAssistantState,
  type SetupHolder,
  type SetupJob,
  type SetupRun,
  type SetupState,
} from 'c/settingsModel';

/** Days after which the newest signing key should be rotated (`SigningStep.ROTATION_DAYS`). */
const ROTATION_DAYS = 90;

/** The Setup pages each step links to (Lightning Experience addresses). */
export const SETUP_LINKS = {
  namedCredentials: '/lightning/setup/NamedCredential/home',
  scheduledJobs: '/lightning/setup/ScheduledJobs/home',
  users: '/lightning/setup/ManageUsers/home',
  permissionSet: (id: string): string => `/lightning/setup/PermSets/page?address=${encodeURIComponent(`/${id}`)}`,
  user: (id: string): string => `/lightning/setup/ManageUsers/page?address=${encodeURIComponent(`/${id}?noredirect=1`)}`,
} as const;

/** How each state reads and looks. */
const STATE_VIEW: Record<SetupState, { label: string; icon: string; variant: string }> = {
  done: { label: STATE_DONE, icon: 'utility:success', variant: 'success' },
  todo: { label: STATE_TODO, icon: 'utility:record', variant: '' },
  warning: { label: STATE_WARNING, icon: 'utility:warning', variant: 'warning' },
  unknown: { label: STATE_UNKNOWN, icon: 'utility:help', variant: '' },
};

const GRANTS: Record<string, string> = {
  ApiEnabled: GRANT_API_ENABLED,
  ApexRestServices: GRANT_APEX_REST_SERVICES,
  EditTask: GRANT_EDIT_TASK,
  LeadAccess: GRANT_LEAD_ACCESS,
  ContactAccess: GRANT_CONTACT_ACCESS,
  AccountRead: GRANT_ACCOUNT_READ,
  LeadEmail: GRANT_LEAD_EMAIL,
  ContactEmail: GRANT_CONTACT_EMAIL,
};

const POWERS: Record<string, string> = {
  SystemAdministrator: POWER_SYSTEM_ADMINISTRATOR,
  ModifyAllData: POWER_MODIFY_ALL_DATA,
  ViewAllData: POWER_VIEW_ALL_DATA,
};

const JOB_NAMES: Record<SetupJob['job'], string> = { watchdog: JOB_WATCHDOG, sweep: JOB_SWEEP, purge: JOB_PURGE };

/** How a line reads: something set (a check), something missing (a warning), or a plain fact. */
export type LineTone = 'ok' | 'warning' | 'info';

/** One line of a step's detail: words, optionally a time after them, and its tone. */
export interface StepLine {
  key: string;
  text: string;
  at: string | null;
  warning: boolean;
  tone: LineTone;
  icon: string | null;
  iconVariant: string;
  iconText: string;
}

const LINE_ICONS: Record<LineTone, { icon: string | null; variant: string; text: string }> = {
  ok: { icon: 'utility:check', variant: 'success', text: STATE_DONE },
  warning: { icon: 'utility:warning', variant: 'warning', text: STATE_WARNING },
  info: { icon: null, variant: '', text: '' },
};

/** A link to a Setup page. */
export interface StepLink {
  key: string;
  label: string;
  href: string;
}

/** One row of the jobs table. */
export interface JobRow {
  key: string;
  jobName: string;
  scheduled: string;
  nextRunAt: string | null;
  owner: string;
  ownerWarning: boolean;
  lastRunAt: string | null;
  lastResult: string;
  /** Who the last run ran as ("as Ada Admin"), recorded by the job itself; empty before it ran. */
  lastRanAs: string;
  /** Red when the last run was not as the integration user. */
  lastRanAsClass: string;
}

/** A step as the template draws it. */
export interface StepView {
  key: string;
  /** "1. Connect to Sales Insight Actions": the step's place and name. */
  title: string;
  state: SetupState;
  stateLabel: string;
  icon: string;
  iconVariant: string;
  lines: StepLine[];
  links: StepLink[];
  isJobs: boolean;
  isConnection: boolean;
}

function line(key: string, text: string, options: { at?: string | null; warning?: boolean; ok?: boolean } = {}): StepLine {
  const tone: LineTone = options.warning ? 'warning' : options.ok ? 'ok' : 'info';
  const look = LINE_ICONS[tone];
  return {
    key,
    text,
    at: options.at ?? null,
    warning: tone === 'warning',
    tone,
    icon: look.icon,
    iconVariant: look.variant,
    iconText: look.text,
  };
}

function listOf(codes: readonly string[], words: Record<string, string>): string {
  return codes.map((code) => words[code] ?? code).join(', ');
}

function view(key: string, title: string, state: SetupState, lines: StepLine[], links: StepLink[] = []): StepView {
  const look = STATE_VIEW[state] ?? STATE_VIEW.unknown;
  return {
    key,
    title,
    state,
    stateLabel: look.label,
    icon: look.icon,
    iconVariant: look.variant,
    lines,
    links,
    isJobs: key === 'jobs',
    isConnection: key === 'connection',
  };
}

/**
 * The setup assistant: the seven steps that bring an installed package to a working, safe state,
 * each with its state as the page's one load read it (`SettingsPage.setup`, admins only) and the
 * Setup page where it is done: credentials, permission sets, the integration user and its
 * baseline, the relay and the jobs running as that user (the setup heartbeat Sales Insight calls),
 * the scheduled jobs, inbound signing (done on `c-signing-card`, right below), and the connection
 * test. It writes nothing. The offer of the Admin set to non-admins is `c-admin-set-offer`.
 */
export default class SetupAssistant extends LightningElement {
  @api page: SettingsPage | undefined;

  readonly labels = {
    intro: INTRO,
    jobColumnJob: JOB_COLUMN_JOB,
    jobColumnScheduled: JOB_COLUMN_SCHEDULED,
    jobColumnNext: JOB_COLUMN_NEXT,
    jobColumnOwner: JOB_COLUMN_OWNER,
    jobColumnLast: JOB_COLUMN_LAST,
  };

  get setup(): SetupAssistantState | null {
    return this.page?.isAdmin === true ? (this.page.setup ?? null) : null;
  }

  get showAssistant(): boolean {
    return this.setup !== null;
  }

  get progressText(): string {
    return format(PROGRESS, this.doneCount, SETUP_STEP_COUNT);
  }

  /** The server's count (`SetupAssistant.doneCount`), the one the page also opens its tab by. */
  get doneCount(): number {
    return this.setup?.doneCount ?? 0;
  }

  /** Percent of the steps done, for the progress bar. */
  get progressValue(): number {
    return Math.round((this.doneCount / SETUP_STEP_COUNT) * 100);
  }

  get steps(): StepView[] {
    const setup = this.setup;
    if (!setup) return [];
    const steps = [
      this.credentialsStep(setup),
      this.permissionSetsStep(setup),
      this.integrationUserStep(setup),
      this.runsStep(setup),
      view(
        'jobs',
        JOBS_TITLE,
        setup.jobs.state,
        [line('hint', JOBS_HINT)],
        [{ key: 'jobs', label: OPEN_SCHEDULED_JOBS, href: SETUP_LINKS.scheduledJobs }],
      ),
      this.signingStep(setup),
      this.connectionStep(setup),
    ];
    return steps.map((step, index) => ({ ...step, title: `${index + 1}. ${step.title}` }));
  }

  get jobRows(): JobRow[] {
    return (this.setup?.jobs.jobs ?? []).map((job) => ({
      key: job.job,
      jobName: JOB_NAMES[job.job] ?? job.job,
      scheduled: format(JOB_SCHEDULED_COUNT, job.scheduled, job.expected),
      nextRunAt: job.nextRunAt,
      owner: job.scheduled === 0 ? '—' : (job.ownerName ?? '—'),
      ownerWarning: job.scheduled > 0 && !job.ownedByIntegrationUser,
      lastRunAt: job.lastRun?.ranAt ?? null,
      lastResult: job.lastRun ? (job.lastRun.result ?? '') : JOB_NEVER,
      lastRanAs: job.lastRun ? format(JOB_RAN_AS, this.nameOf(job.lastRun)) : '',
      lastRanAsClass:
        job.lastRun !== null && !job.lastRun.asIntegrationUser
          ? 'slds-text-color_error slds-text-body_small'
          : 'slds-text-color_weak slds-text-body_small',
    }));
  }

  get ownerWarningText(): string {
    return JOB_NOT_INTEGRATION;
  }

  private credentialsStep(setup: SetupAssistantState): StepView {
    const credentials = setup.credentials;
    const lines: StepLine[] = [];
    if (!credentials.readable) {
      lines.push(line('unreadable', format(CREDENTIALS_UNREADABLE, credentials.problem ?? ''), { warning: true }));
    } else {
      lines.push(
        line('principal', credentials.principalConfigured ? PRINCIPAL_SET : PRINCIPAL_MISSING, {
          warning: !credentials.principalConfigured,
          ok: true,
        }),
      );
      lines.push(
        line('tokenUrl', credentials.tokenUrlSet ? TOKEN_URL_SET : TOKEN_URL_MISSING, { warning: !credentials.tokenUrlSet, ok: true }),
      );
      lines.push(
        line('endpoint', credentials.endpointUrlSet ? format(ENDPOINT_SET, credentials.endpointUrl ?? '') : ENDPOINT_MISSING, {
          warning: !credentials.endpointUrlSet,
          ok: true,
        }),
      );
    }
    return view('credentials', CREDENTIALS_TITLE, credentials.state, lines, [
      { key: 'credentials', label: OPEN_CREDENTIALS, href: SETUP_LINKS.namedCredentials },
    ]);
  }

  private permissionSetsStep(setup: SetupAssistantState): StepView {
    const sets = setup.permissionSets;
    const lines = [line('counts', format(PERM_SETS_COUNTS, sets.admins, sets.users, sets.integration))];
    if (sets.users === 0) lines.push(line('noRep', PERM_SETS_NO_REP, { warning: true }));
    if (sets.integration === 0) lines.push(line('noIntegration', PERM_SETS_NO_INTEGRATION, { warning: true }));
    if (sets.integration > 1) lines.push(line('manyIntegration', format(PERM_SETS_MANY_INTEGRATION, sets.integration), { warning: true }));
    const links: StepLink[] = [];
    const add = (key: string, label: string, id: string | null): void => {
      if (id) links.push({ key, label, href: SETUP_LINKS.permissionSet(id) });
    };
    add('admin', ASSIGN_ADMINS, sets.adminSetId);
    add('user', ASSIGN_USERS, sets.userSetId);
    add('integration', ASSIGN_INTEGRATION, sets.integrationSetId);
    return view('permissionSets', PERM_SETS_TITLE, sets.state, lines, links);
  }

  private integrationUserStep(setup: SetupAssistantState): StepView {
    const holders = setup.integrationUser.holders;
    if (holders.length === 0) {
      return view(
        'integrationUser',
        INTEGRATION_TITLE,
        setup.integrationUser.state,
        [line('none', INTEGRATION_NONE, { warning: true })],
        [{ key: 'users', label: OPEN_USERS, href: SETUP_LINKS.users }],
      );
    }
    const lines = holders.map((holder) => line(holder.userId, this.holderText(holder), { warning: !this.holderReady(holder), ok: true }));
    const links = holders.slice(0, 1).map((holder) => ({ key: holder.userId, label: OPEN_USER, href: SETUP_LINKS.user(holder.userId) }));
    return view('integrationUser', INTEGRATION_TITLE, setup.integrationUser.state, lines, links);
  }

  private holderReady(holder: SetupHolder): boolean {
    return holder.active && holder.missing.length === 0 && holder.excess.length === 0;
  }

  private holderText(holder: SetupHolder): string {
    const who = format(INTEGRATION_HOLDER, holder.name, holder.username);
    const notes: string[] = [];
    if (!holder.active) notes.push(INTEGRATION_INACTIVE);
    if (holder.missing.length > 0) notes.push(format(INTEGRATION_MISSING, listOf(holder.missing, GRANTS)));
    if (holder.excess.length > 0) notes.push(format(INTEGRATION_EXCESS, listOf(holder.excess, POWERS)));
    if (notes.length === 0) notes.push(INTEGRATION_READY);
    return `${who}: ${notes.join('; ')}`;
  }

  private runsStep(setup: SetupAssistantState): StepView {
    const { heartbeat, relayTrigger } = setup.runs;
    const lines: StepLine[] = [];
    if (!heartbeat) {
      lines.push(line('heartbeat', HEARTBEAT_NEVER, { warning: true }));
    } else if (!heartbeat.asIntegrationUser) {
      lines.push(line('heartbeat', format(HEARTBEAT_NOT_INTEGRATION, this.nameOf(heartbeat)), { warning: true }));
    } else {
      lines.push(
        line('heartbeat', format(HEARTBEAT_RAN, this.nameOf(heartbeat), heartbeat.result ?? ''), { at: heartbeat.ranAt, ok: true }),
      );
    }
    if (!relayTrigger) {
      lines.push(line('trigger', TRIGGER_NEVER));
    } else if (relayTrigger.asIntegrationUser) {
      lines.push(line('trigger', format(TRIGGER_INTEGRATION, this.nameOf(relayTrigger)), { at: relayTrigger.ranAt, ok: true }));
    } else {
      lines.push(line('trigger', format(TRIGGER_OTHER, this.nameOf(relayTrigger)), { warning: true }));
    }
    return view('runs', RUNS_TITLE, setup.runs.state, lines);
  }

  private nameOf(run: SetupRun): string {
    return run.ranAsName ?? run.ranAsId ?? '—';
  }

  private signingStep(setup: SetupAssistantState): StepView {
    const signing = setup.signing;
    const lines: StepLine[] = [];
    if (signing.activeKeys === 0) {
      lines.push(
        signing.unsignedRefused ? line('refused', SIGNING_REFUSED, { warning: true }) : line('off', SIGNING_OFF, { warning: true }),
      );
    } else {
      lines.push(line('on', format(SIGNING_ON, signing.activeKeys), { ok: true }));
      if (signing.newestKeyFrom) lines.push(line('newest', SIGNING_NEWEST, { at: signing.newestKeyFrom }));
      if (signing.graceUntil) lines.push(line('grace', SIGNING_GRACE, { at: signing.graceUntil, warning: true }));
      if (signing.rotationDue) lines.push(line('rotate', format(SIGNING_ROTATE, ROTATION_DAYS), { warning: true }));
    }
    lines.push(line('card', SIGNING_CARD_HINT));
    return view('signing', SIGNING_TITLE, signing.state, lines);
  }

  private connectionStep(setup: SetupAssistantState): StepView {
    const connection = setup.connection;
    let detail: StepLine;
    if (connection.paused) detail = line('paused', CONNECTION_PAUSED, { warning: true });
    else if (connection.lastSuccessAt) detail = line('ok', CONNECTION_OK, { at: connection.lastSuccessAt, ok: true });
    else detail = line('never', CONNECTION_NEVER);
    return view('connection', CONNECTION_TITLE, connection.state, [detail]);
  }
}
