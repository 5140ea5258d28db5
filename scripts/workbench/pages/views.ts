/**
 * The workbench's pages: what SIA holds, as a person reads it. Each handler reads the store the
 * way the JSON API does and renders server-side HTML; every change a page offers goes through the
 * JSON API (`html.ts` sends the forms), so a page never has a rule of its own.
 */
import type { Handler, WorkbenchContext } from '../context.ts';
import { commandCenter, type CommandCenterTask } from '../command-center.ts';
import { FAULT_KINDS } from '../faults.ts';
import { sendText } from '../http-io.ts';
import { decidingSettings, toSalesforce } from '../sia-tasks.ts';
import type { Receipt, SiaDeliveryRow, SiaUserRow } from '../store.ts';
import { outgoingOf } from '../to-salesforce/deliverer.ts';
import type { HeartbeatJob, HeartbeatState } from '../to-salesforce/heartbeat.ts';
import { apiForm, badge, card, escapeHtml, input, layout, select, table, VIEWS, type ViewId } from './html.ts';

const HTML = 'text/html; charset=utf-8';

function send(res: Parameters<Handler>[1]['res'], page: string): void {
  sendText(res, 200, HTML, page);
}

function link(path: string, text: string): string {
  return `<a href="${escapeHtml(path)}">${escapeHtml(text)}</a>`;
}

function userPath(view: ViewId, email: string): string {
  return `/pages/${view}?user=${encodeURIComponent(email)}`;
}

/** The user a page is about: `?user=`, else the first one; undefined when SIA has no user yet. */
function chosenUser(ctx: WorkbenchContext, url: URL): { users: SiaUserRow[]; user: SiaUserRow | undefined } {
  const users = ctx.store.listSiaUsers();
  const wanted = url.searchParams.get('user');
  return { users, user: users.find((candidate) => candidate.email === wanted) ?? (wanted === null ? users[0] : undefined) };
}

/** A picker of users that reloads the page for the chosen one. */
function userPicker(view: ViewId, users: readonly SiaUserRow[], current: string | undefined): string {
  if (users.length === 0) return '';
  const options = users
    .map(
      (user) => `<option value="${escapeHtml(user.email)}"${user.email === current ? ' selected' : ''}>${escapeHtml(user.email)}</option>`,
    )
    .join('');
  return `<form method="get" action="/pages/${view}" class="slds-grid slds-grid_vertical-align-end slds-m-bottom_medium"><div class="slds-form-element slds-m-right_small"><label class="slds-form-element__label" for="user-picker">User</label><div class="slds-form-element__control"><div class="slds-select_container"><select class="slds-select" id="user-picker" name="user">${options}</select></div></div></div><button class="slds-button slds-button_neutral" type="submit">Show</button></form>`;
}

const NO_USERS = 'SIA has no user yet: a user appears when a task or settings change names them, or when you add one on the Users page.';

/** `GET /`: what is running, every view, and the JSON API. */
export function homeBody(ctx: WorkbenchContext): string {
  const views = VIEWS.filter((view) => view.id !== 'home')
    .map((view) => `<li class="slds-item">${link(view.path, view.label)}</li>`)
    .join('');
  const auth = ctx.config.auth
    ? `on — tokens from <code>POST /oauth/token</code> with client id <code>${escapeHtml(ctx.config.clientId)}</code>`
    : '<strong>off</strong> (<code>--no-auth</code>): requests need no token';
  const facts = [
    `Emulator: <code>${escapeHtml(ctx.baseUrl)}/v1/salesforce/</code> — point the package's <em>SalesInsight</em> Named Credential here.`,
    `Authentication: ${auth}.`,
    `Data: <code>${escapeHtml(ctx.config.dataDirectory)}</code> (SQLite).`,
    `Org reported as linked: <code>${escapeHtml(ctx.config.orgId)}</code>.`,
    `Users: ${ctx.config.strictUsers ? 'strict — only users added on the Users page (or PUT /_workbench/users/{email}) exist' : 'created by the changes that name them'}.`,
  ]
    .map((fact) => `<li class="slds-item">${fact}</li>`)
    .join('');
  return `${card('Views', `<ul class="slds-list_dotted">${views}</ul>`, 'views')}${card('Running', `<ul class="slds-list_dotted">${facts}</ul>`)}`;
}

/** `GET /pages/users`: every SIA user, their time zone (editable) and task-sync settings. */
export const usersPage: Handler = (ctx, { res }) => {
  const rows = ctx.store.listSiaUsers().map((user) => {
    const deciding = decidingSettings(ctx.store.userSettingsOf(user.email));
    const zoneForm = apiForm({
      path: `/_workbench/users/${encodeURIComponent(user.email)}`,
      method: 'PUT',
      label: `Time zone of ${user.email}`,
      fields: input({ name: 'timeZone', label: 'Time zone', value: user.timeZone }),
      button: 'Save time zone',
      variant: 'neutral',
    });
    return [
      `${escapeHtml(user.email)}<br>${link(userPath('command-center', user.email), 'Command Center')} · ${link(userPath('reminders', user.email), 'Reminders')}`,
      zoneForm,
      deciding ? escapeHtml(deciding.taskSyncMode) : '<span class="slds-text-color_weak">no settings received</span>',
      deciding?.syncCutoffAt ? escapeHtml(deciding.syncCutoffAt) : '—',
    ];
  });
  const add = apiForm({
    path: '/_workbench/users/{email}',
    method: 'PUT',
    label: 'Add a user',
    fields: `${input({ name: 'email', label: 'Email', type: 'email', required: true })}${input({ name: 'timeZone', label: 'Time zone', value: 'UTC' })}`,
    button: 'Add user',
  });
  const body =
    card(
      'Users',
      table(
        'SIA users',
        ['User', 'Time zone', 'Task sync', 'Sync cut-off (SIA tasks created from then on go to Salesforce)'],
        rows,
        NO_USERS,
      ),
      'users',
    ) + card('Add a user', add);
  send(
    res,
    layout({
      title: 'Users',
      active: 'users',
      intro: 'Each user’s time zone decides what is “today” and “tomorrow” on their Command Center.',
      body,
    }),
  );
};

function taskRows(tasks: readonly CommandCenterTask[]): string[][] {
  return tasks.map((task) => [
    task.source === 'sia' ? badge('SIA') : badge('Salesforce', 'success'),
    escapeHtml(task.subject ?? '(no subject)'),
    escapeHtml(task.status ?? ''),
    escapeHtml(task.priority ?? ''),
    escapeHtml(task.activityDate),
    task.isClosed ? badge('closed') : '',
  ]);
}

/** `GET /pages/command-center?user=`: the user's tasks due today and tomorrow, in their time zone. */
export const commandCenterPage: Handler = (ctx, { res, url }) => {
  const { users, user } = chosenUser(ctx, url);
  let body = userPicker('command-center', users, user?.email);
  if (!user) {
    body += card(
      'Command Center',
      `<p>${escapeHtml(url.searchParams.has('user') ? `No SIA user ${url.searchParams.get('user') ?? ''}.` : NO_USERS)}</p>`,
    );
  } else {
    const center = commandCenter(
      user.email,
      user.timeZone,
      ctx.store.tasksOwnedBy(user.email),
      ctx.nowMs(),
      ctx.store.siaNativeTasksOf(user.email),
    );
    const headers = ['From', 'Subject', 'Status', 'Priority', 'Due', ''];
    body +=
      `<p class="slds-m-bottom_small" data-id="time-zone">${escapeHtml(user.email)} — time zone <strong>${escapeHtml(center.timeZone)}</strong> (${link('/pages/users', 'change')}); computed at ${escapeHtml(center.at)}.</p>` +
      card(`Today — ${center.today.date}`, table('Due today', headers, taskRows(center.today.tasks), 'Nothing due today.'), 'today') +
      card(
        `Tomorrow — ${center.tomorrow.date}`,
        table('Due tomorrow', headers, taskRows(center.tomorrow.tasks), 'Nothing due tomorrow.'),
        'tomorrow',
      );
  }
  send(
    res,
    layout({
      title: 'Command Center',
      active: 'command-center',
      intro: 'The tasks due today and tomorrow in the user’s time zone: synced from Salesforce, or created in SIA.',
      body,
    }),
  );
};

/** One receipt as the change log shows it: the task it names and what the emulator answered. */
function receiptRow(receipt: Receipt): { taskId: string; cells: string[] } {
  const item = JSON.parse(receipt.payload) as Record<string, unknown>;
  const taskId = typeof item['taskId'] === 'string' ? item['taskId'] : typeof item['userId'] === 'string' ? item['userId'] : '';
  const operation = typeof item['operation'] === 'string' ? item['operation'] : receipt.kind === 'userSettings' ? 'settings' : '';
  return {
    taskId,
    cells: [
      escapeHtml(receipt.receivedAt),
      escapeHtml(receipt.kind === 'taskChange' ? 'task change' : 'user settings'),
      escapeHtml(taskId),
      escapeHtml(operation),
      receipt.status === 'applied' ? badge('applied', 'success') : badge('stale', 'warning'),
      escapeHtml(receipt.reason ?? ''),
      `<code>${escapeHtml(receipt.idempotencyKey)}</code>`,
      escapeHtml(receipt.batchId),
    ],
  };
}

/** `GET /pages/changes?task=&status=`: every change received, newest first, with its result. */
export const changeLogPage: Handler = (ctx, { res, url }) => {
  const task = url.searchParams.get('task')?.trim() ?? '';
  const status = url.searchParams.get('status') ?? '';
  const all = ctx.store.listReceipts().map((receipt) => ({ receipt, ...receiptRow(receipt) }));
  const shown = all
    .filter((entry) => (task === '' || entry.taskId.includes(task)) && (status === '' || entry.receipt.status === status))
    .reverse()
    .slice(0, 500);
  const filter = `<form method="get" action="/pages/changes" class="slds-grid slds-wrap slds-grid_vertical-align-end slds-m-bottom_small" aria-label="Filter the change log">${input({ name: 'task', label: 'Task (Salesforce id or part of it)', value: task })}${select('status', 'Result', [['', 'any result'], 'applied', 'stale'], status)}<button class="slds-button slds-button_neutral slds-m-bottom_x-small" type="submit">Filter</button></form>`;
  const counted = `<p class="slds-m-bottom_small" data-id="count">${shown.length} of ${all.length} change(s)${shown.length === 500 ? ' (the newest 500)' : ''}.</p>`;
  const rows = table(
    'Change log',
    ['Received', 'Kind', 'Task / user', 'Operation', 'Result', 'Why', 'Idempotency key', 'Batch'],
    shown.map((entry) => entry.cells),
    'No change matches.',
  );
  send(
    res,
    layout({
      title: 'Change log',
      active: 'changes',
      intro:
        'Every change Salesforce sent, once per idempotency key, with what the emulator did: applied, or stale (an older change than the one SIA holds) and why.',
      body: filter + counted + card('Changes', rows, 'changes'),
    }),
  );
};

/** `GET /pages/reminders?user=`: the user's SIA tasks, to create, edit, complete and delete. */
export const remindersPage: Handler = (ctx, { res, url }) => {
  const { users, user } = chosenUser(ctx, url);
  let body = userPicker('reminders', users, user?.email);
  if (!user) {
    body += card('Reminders', `<p>${escapeHtml(NO_USERS)}</p>`);
    send(res, layout({ title: 'SIA reminders', active: 'reminders', body }));
    return;
  }
  const tasks = ctx.store.siaNativeTasksOf(user.email);
  const outgoing = toSalesforce(user.email, ctx.store.userSettingsOf(user.email), tasks);
  const eligible = new Set(outgoing.eligible.map((task) => task.siaTaskId));
  const rows = tasks.map((task) => {
    const path = `/_workbench/sia-tasks/${encodeURIComponent(task.siaTaskId)}`;
    const sync = task.deleted
      ? badge('deleted', 'warning')
      : eligible.has(task.siaTaskId)
        ? badge('queued for Salesforce', 'success')
        : outgoing.reason === 'SYNC_OFF'
          ? badge('not sent: task sync off')
          : badge('not sent: created before the cut-off');
    const actions = task.deleted
      ? ''
      : apiForm({
          path,
          method: 'PATCH',
          label: `Edit ${task.siaTaskId}`,
          fields: `${input({ name: 'name', label: 'Name', value: task.fields.name ?? '' })}${input({ name: 'dueDate', label: 'Due', type: 'date', value: task.fields.dueDate ?? '' })}`,
          button: 'Save',
          variant: 'neutral',
        }) +
        `<div class="slds-grid">${task.fields.status === 'complete' ? '' : apiForm({ path, method: 'PATCH', body: { status: 'complete' }, label: `Complete ${task.siaTaskId}`, button: 'Complete', variant: 'neutral' })}${apiForm({ path, method: 'DELETE', label: `Delete ${task.siaTaskId}`, button: 'Delete', variant: 'destructive' })}</div>`;
    return [
      `<code>${escapeHtml(task.siaTaskId)}</code>`,
      escapeHtml(task.fields.name ?? ''),
      escapeHtml(task.fields.status ?? 'open'),
      escapeHtml(task.fields.dueDate ?? '—'),
      escapeHtml(task.createdAt),
      sync,
      actions,
    ];
  });
  const create = apiForm({
    path: `/_workbench/users/${encodeURIComponent(user.email)}/sia-tasks`,
    label: 'Create a reminder',
    fields: `${input({ name: 'name', label: 'Name', required: true })}${input({ name: 'dueDate', label: 'Due', type: 'date' })}${select('priority', 'Priority', ['normal', 'high'])}${input({ name: 'details', label: 'Details' })}`,
    button: 'Create reminder',
  });
  const cutoff =
    outgoing.reason === 'SYNC_OFF'
      ? 'Task sync is off for this user: nothing goes to Salesforce.'
      : `Reminders created from ${outgoing.cutoffAt ?? ''} on go to Salesforce (task sync ${outgoing.taskSyncMode}).`;
  const log = apiForm({
    path: `/_workbench/users/${encodeURIComponent(user.email)}/email-activities`,
    label: 'Log an email or call',
    fields: `${select('kind', 'Kind', [['sentEmail', 'sent email'], 'reply', 'call'])}${input({ name: 'to', label: 'To (comma-separated)', required: true })}${input({ name: 'subject', label: 'Subject', required: true })}${input({ name: 'callOutcome', label: 'Call outcome (calls)' })}`,
    button: 'Log it',
    variant: 'neutral',
  });
  body +=
    `<p class="slds-m-bottom_small" data-id="cutoff">${escapeHtml(cutoff)}</p>` +
    card('Create a reminder', create) +
    card('Log a sales email or call (to Salesforce through the API)', log) +
    card(
      `Reminders of ${user.email}`,
      table('Reminders', ['Id', 'Name', 'Status', 'Due', 'Created', 'To Salesforce', ''], rows, 'No reminder yet.'),
      'reminders',
    );
  send(
    res,
    layout({
      title: 'SIA reminders',
      active: 'reminders',
      intro: 'Tasks created in Sales Insight Actions. Only those created after the user’s cut-off go to Salesforce (the first-time rule).',
      body,
    }),
  );
};

/** The delivery state of one outgoing change, as a badge and a line. */
function deliveryCell(delivery: SiaDeliveryRow | null, org: boolean, paused: string | null): string {
  if (!org) return badge('waiting for an org', 'warning');
  if (delivery === null) return paused ? badge('paused', 'error') : badge('queued');
  if (delivery.state === 'done')
    return `${badge(`delivered (${delivery.detail ?? ''})`, 'success')} ${escapeHtml(delivery.salesforceTaskId ?? '')}`;
  if (delivery.state === 'rejected') return `${badge('rejected', 'error')} ${escapeHtml(delivery.detail ?? '')}`;
  return `${badge(`will retry: ${delivery.category ?? ''}`, 'warning')} ${escapeHtml(delivery.detail ?? '')}`;
}

const ACTION_TONES: Readonly<Record<HeartbeatJob['action'], Parameters<typeof badge>[1]>> = {
  kept: 'default',
  scheduled: 'success',
  rescheduled: 'warning',
  blocked: 'error',
};

/** The setup heartbeat: how often, the last call (time, status), a row per job, the relay; the error when it failed. */
function heartbeatCard(heartbeat: HeartbeatState): string {
  const every =
    heartbeat.everyMinutes === null
      ? 'Off (--heartbeat-minutes 0): called only by “Call now”.'
      : `Called at start and every ${heartbeat.everyMinutes} minute(s).`;
  const last = heartbeat.last;
  let body = '<p class="slds-text-color_weak" data-empty="true">Not called yet.</p>';
  if (last !== null) {
    const status = badge(last.status === 0 ? 'no answer' : `HTTP ${last.status}`, last.result === 'ok' ? 'success' : 'error');
    const relay = last.result === 'ok' ? ` Relay started: ${last.relayStarted ? 'yes' : 'no'}.` : '';
    body = `<p class="slds-m-bottom_x-small">Last call ${escapeHtml(last.at)}: ${status}${relay}</p>`;
    body +=
      last.result === 'ok'
        ? table(
            'Setup heartbeat jobs',
            ['Job', 'Action', 'Next run', 'Message'],
            last.jobs.map((job) => [
              escapeHtml(job.job),
              badge(job.action, ACTION_TONES[job.action]),
              escapeHtml(job.nextRunAt ?? '—'),
              escapeHtml(job.message ?? ''),
            ]),
            '',
          )
        : `<div class="slds-text-color_error" role="alert" data-id="heartbeat-error">${last.result === 'violation' ? 'Contract violation' : 'Failed'} — ${escapeHtml(last.code)}: ${escapeHtml(last.message)}</div>${last.fix === undefined ? '' : `<p class="slds-m-top_x-small" data-id="heartbeat-fix">Fix: ${escapeHtml(last.fix)}.</p>`}`;
  }
  const now = apiForm({
    path: '/_workbench/to-salesforce/heartbeat',
    label: 'Call the setup heartbeat now',
    button: 'Call now',
    body: {},
    variant: 'neutral',
  });
  return card('Setup heartbeat', `<p class="slds-m-bottom_x-small">${escapeHtml(every)}</p>${body}${now}`, 'heartbeat');
}

/** `GET /pages/to-salesforce`: what goes to Salesforce, per user, and what became of it. */
export const toSalesforcePage: Handler = (ctx, { res }) => {
  const state = ctx.deliverer.state();
  const sections = ctx.store.listSiaUsers().map((user) => {
    const outgoing = outgoingOf(ctx.store, user.email);
    const rows = outgoing.tasks.map(({ task, current: delivery }) => [
      `<code>${escapeHtml(task.siaTaskId)}</code>`,
      escapeHtml(task.fields.name ?? ''),
      escapeHtml(task.deleted ? `delete (sequence ${task.sequence})` : `sequence ${task.sequence}`),
      deliveryCell(delivery, state.org !== null, state.paused),
      escapeHtml(String(delivery?.attempts ?? 0)),
    ]);
    const reason =
      outgoing.reason === 'SYNC_OFF'
        ? 'Task sync is off: nothing goes to Salesforce.'
        : `${outgoing.excluded.length} reminder(s) created before the cut-off stay in SIA.`;
    return card(
      user.email,
      `<p class="slds-m-bottom_x-small">${escapeHtml(reason)}</p>${table(`To Salesforce for ${user.email}`, ['SIA task', 'Name', 'Change', 'Delivery', 'Attempts'], rows, 'Nothing to send.')}`,
    );
  });
  let banner: string;
  if (state.org === null) {
    banner = `<div class="slds-notify slds-notify_alert slds-alert_warning slds-m-bottom_medium" role="status">No org: start the workbench with <code>--org &lt;alias of the integration user&gt;</code> to deliver. Until then every change waits for an org.</div>`;
  } else {
    // Whether calls are signed and the key's fingerprint (as the org's signing card shows it): never the key.
    const signing =
      state.org.signingKeyFingerprint === null
        ? 'unsigned: no signing key given (--signing-key-file or WORKBENCH_SIGNING_KEY); the org accepts unsigned calls only if an admin recorded “accept unsigned calls” there, or during a grace period'
        : `signed with the key of fingerprint <code data-id="signing-fingerprint">${escapeHtml(state.org.signingKeyFingerprint)}</code>`;
    const org = `Delivering to ${escapeHtml(state.org.instanceUrl)} as ${escapeHtml(state.org.username ?? 'the integration user')} (namespace ${escapeHtml(state.org.namespace ?? 'none')}; ${signing}).`;
    const last = state.lastRound
      ? ` Last round ${escapeHtml(state.lastRound.at)}: ${state.lastRound.sent} sent, ${state.lastRound.done} done, ${state.lastRound.rejected} rejected, ${state.lastRound.pending} to retry.`
      : '';
    const pause = state.paused
      ? `<div class="slds-notify slds-notify_alert slds-alert_error slds-m-bottom_small" role="alert" data-id="paused"${state.pausedCode === null ? '' : ` data-code="${escapeHtml(state.pausedCode)}"`}>Paused — ${escapeHtml(state.paused)}</div>${apiForm({ path: '/_workbench/to-salesforce/resume', label: 'Resume delivery', button: 'Resume', body: {} })}`
      : apiForm({ path: '/_workbench/to-salesforce/round', label: 'Deliver now', button: 'Deliver now', body: {}, variant: 'neutral' });
    const hold = state.holdUntil ? ` The org asked to wait (Retry-After): nothing is sent before ${escapeHtml(state.holdUntil)}.` : '';
    banner = `<p class="slds-m-bottom_small" data-id="org">${org}${last}${hold}</p>${pause}${heartbeatCard(ctx.heartbeat.state())}`;
  }
  const activityRows = ctx.store
    .listEmailActivities()
    .map((row) => [
      `<code>${escapeHtml(row.siaMessageId)}</code>`,
      escapeHtml(`${String(row.activity['kind'])} from ${row.senderEmail}`),
      escapeHtml(String(row.activity['subject'] ?? '')),
      state.org === null
        ? badge('waiting for an org', 'warning')
        : row.state === null
          ? badge(state.paused ? 'paused' : 'queued', state.paused ? 'error' : 'default')
          : row.state === 'done'
            ? `${badge(`logged (${row.detail ?? ''})`, 'success')} ${escapeHtml(row.taskIds.join(', '))}`
            : `${badge(row.state === 'rejected' ? 'rejected' : `will retry: ${row.category ?? ''}`, row.state === 'rejected' ? 'error' : 'warning')} ${escapeHtml(row.detail ?? '')}`,
      escapeHtml(String(row.attempts)),
    ]);
  const activities = card(
    'Emails and calls',
    table(
      'Emails and calls to Salesforce',
      ['SIA message', 'Kind', 'Subject', 'Delivery', 'Attempts'],
      activityRows,
      'No email or call logged.',
    ),
    'activities',
  );
  const body = banner + (sections.join('') || card('To Salesforce', `<p>${escapeHtml(NO_USERS)}</p>`)) + activities;
  send(
    res,
    layout({
      title: 'To Salesforce',
      active: 'to-salesforce',
      intro: 'SIA-originated changes for the package’s Apex REST resources, per user, and what became of each.',
      body,
    }),
  );
};

/** `GET /pages/faults`: the active fault rules with their counters; set one, or clear them. */
export const faultsPage: Handler = (ctx, { res }) => {
  const rules = ctx.faults.list();
  const rows = rules.map((rule) => [
    escapeHtml(rule.kind),
    escapeHtml(String(rule.fraction)),
    escapeHtml(rule.limit === null ? 'no limit' : String(rule.limit)),
    escapeHtml(`${rule.retryAfterSeconds} s`),
    escapeHtml(String(rule.seen)),
    escapeHtml(String(rule.affected)),
  ]);
  const set = apiForm({
    path: '/_workbench/faults',
    wrap: 'rules',
    label: 'Switch a fault on',
    fields: `${select('kind', 'Fault', FAULT_KINDS)}${input({ name: 'fraction', label: 'Share of requests (0–1]', value: '1', json: 'number' })}${input({ name: 'limit', label: 'At most (requests)', json: 'number' })}${input({ name: 'retryAfterSeconds', label: 'Retry-After (s)', json: 'number' })}`,
    button: 'Switch on (replaces the rules)',
  });
  const clear = apiForm({
    path: '/_workbench/faults',
    method: 'DELETE',
    label: 'Clear the faults',
    button: 'Clear every fault',
    variant: 'neutral',
  });
  const body =
    card(
      'Active faults',
      table(
        'Active faults',
        ['Fault', 'Share', 'Limit', 'Retry-After', 'Requests seen', 'Affected'],
        rows,
        'No fault: the emulator answers as the contract says.',
      ),
      'faults',
    ) + card('Switch a fault on', set + clear);
  send(
    res,
    layout({
      title: 'Faults',
      active: 'faults',
      intro: 'Make the emulator answer 429, 503 or 401, answer slowly, or drop connections — to watch the relay retry, hold and pause.',
      body,
    }),
  );
};
