/**
 * E-mails logged through the API (docs/email-logging.md): the workbench, as Sales Insight, sends
 * `POST /v1/email-activities` to the org for an e-mail the admin sent, and Salesforce must hold
 * the Tasks on the records the matching rule names. For each rule the org settings are saved as
 * the settings page's Org tab saves them (SyncSettingsSaveService.saveOrg, as the admin), and each
 * rule gets its own address, so one rule's Tasks never change another's candidates:
 *
 * - several matches: three Contacts A, B, C with the address, created in that order, B with a
 *   closed Task (its LastActivityDate): `all` → A, B and C; `oldest` → A; `mostRecentActivity` →
 *   B (neither the oldest nor the newest, so neither tie-break could pass for it);
 * - no match: `doNotLog` → rejected `NO_MATCH`, no Task; `createLead` → a Lead with the address,
 *   logged on; `unresolved` → no Task, one Unresolved Email Activity.
 */
import { packaged, workbenchOf, type E2eContext } from '../context.ts';
import { pollUntil } from '../poll.ts';
import { failed, passed, type Step, type StepResult } from '../runner.ts';
import { apexPrint } from '../salesforce.ts';
import type { EmailActivityRow } from '../workbench-client.ts';
import { adminOf, soqlString } from './setup.ts';

/** The settings every e-mail step starts from, with its rules on top. */
const BASE_SETTINGS = { apiLoggingEnabled: 'true', logToLeads: 'true', logToContacts: 'true', logToOpportunities: 'false' };

/**
 * Saves org settings as the Org tab does, as the admin, and checks that the admin's effective
 * values are those (the admin's own My Account values would win over the org's).
 */
export async function saveOrgSettings(context: E2eContext, values: Readonly<Record<string, string>>): Promise<void> {
  const entries = Object.entries(values)
    .map(([key, value]) => `'${key}' => '${value}'`)
    .join(', ');
  const answer = await context.salesforce.apex(
    [
      `Map<String, String> values = new Map<String, String>{ ${entries} };`,
      'SaveResult result = SyncSettingsSaveService.saveOrg(values, null);',
      'EffectiveSyncSettings effective = SyncSettingsService.forUser(UserInfo.getUserId());',
      'Map<String, String> now = new Map<String, String>();',
      'for (String key : values.keySet()) { now.put(key, effective.value(key)); }',
      apexPrint("new Map<String, Object>{ 'saved' => result.saved, 'problems' => result.problems, 'effective' => now }"),
    ].join('\n'),
  );
  const record = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>) : {};
  if (record['saved'] !== true) throw new Error(`the org settings were not saved: ${JSON.stringify(record['problems'] ?? record)}`);
  const effective = (record['effective'] ?? {}) as Record<string, unknown>;
  const differs = Object.entries(values).filter(([key, value]) => effective[key] !== value);
  if (differs.length > 0) {
    const [key, value] = differs[0] ?? ['', ''];
    throw new Error(
      `${key} is ${String(effective[key])} for the admin, not the org's ${value}: clear your own value in My Account (settings page) and run again`,
    );
  }
}

/** Logs an activity in SIA as the admin and waits for the org's answer to it. */
export async function logAndAwait(context: E2eContext, fields: Readonly<Record<string, unknown>>): Promise<EmailActivityRow> {
  const { email } = await adminOf(context);
  const workbench = workbenchOf(context);
  await workbench.putUser(email);
  const id = await workbench.logEmailActivity(email, fields);
  let last = 'not delivered yet';
  return pollUntil(
    context.waiting,
    `the org to answer the activity ${id}`,
    async () => {
      const row = await workbench.emailActivity(id);
      last = row === undefined ? 'not in the workbench' : `${row.state ?? 'not sent'}: ${row.detail ?? ''}`;
      return row === undefined || row.state === null || row.state === 'pending' ? undefined : row;
    },
    () => last,
  );
}

/** The Tasks Salesforce holds for a SIA message, and the Leads/Contacts they log on (WhoId and Shared Activities' relations). */
export async function loggedOn(context: E2eContext, siaMessageId: string): Promise<{ tasks: string[]; records: string[] }> {
  const tasks = await context.salesforce.query(
    `SELECT Id, WhoId, TaskSubtype FROM Task WHERE ${packaged(context, 'SiaMessageId__c')} = ${soqlString(siaMessageId)}`,
  );
  const ids = tasks.map((task) => String(task['Id']));
  const records = new Set(tasks.map((task) => task['WhoId']).filter((who): who is string => typeof who === 'string'));
  if (ids.length > 0) {
    // Shared Activities: one Task for several Contacts, the others in TaskRelation.
    const relations = await context.salesforce.query(
      `SELECT TaskId, RelationId FROM TaskRelation WHERE TaskId IN (${ids.map(soqlString).join(', ')}) AND IsWhat = false`,
    );
    for (const relation of relations) if (typeof relation['RelationId'] === 'string') records.add(relation['RelationId']);
  }
  return { tasks: ids, records: [...records].sort() };
}

/** The address of one step's recipients: its own, so no other step's records match it. */
export function addressOf(context: E2eContext, label: string): string {
  return `sisync-${context.runId}-${label}@example.com`.toLowerCase();
}

/** Creates a Contact with the address. */
export async function createContact(context: E2eContext, name: string, address: string): Promise<string> {
  return context.salesforce.create('Contact', { FirstName: 'Sisync', LastName: `${context.runId} ${name}`, Email: address });
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().every((id, index) => id === [...b].sort()[index]);
}

function sentEmail(context: E2eContext, rule: string, address: string): Record<string, unknown> {
  return { kind: 'sentEmail', to: address, subject: `sisync ${context.runId} ${rule}` };
}

function multipleMatch(rule: 'all' | 'oldest' | 'mostRecentActivity', label: string, pick: (abc: string[]) => string[]): Step<E2eContext> {
  return {
    name: `email-${label}`,
    proves: `an e-mail to three matching Contacts under multipleMatchRule ${rule} is logged on ${label === 'all' ? 'all three' : `the ${label} one`}`,
    needs: ['heartbeat'],
    async run(context) {
      await saveOrgSettings(context, { ...BASE_SETTINGS, multipleMatchRule: rule, noMatchRule: 'doNotLog' });
      const address = addressOf(context, label);
      const abc = [await createContact(context, 'A', address), await createContact(context, 'B', address)];
      abc.push(await createContact(context, 'C', address));
      // B's last activity: a closed Task dated today.
      await context.salesforce.create('Task', {
        Subject: `sisync ${context.runId} activity of B`,
        Status: 'Completed',
        ActivityDate: new Date().toISOString().slice(0, 10),
        WhoId: abc[1] ?? '',
        OwnerId: (await adminOf(context)).id,
      });
      const row = await logAndAwait(context, sentEmail(context, rule, address));
      if (row.state !== 'done' || row.detail !== 'applied') return failed(`answered ${row.state ?? ''} ${row.detail ?? ''}, not applied`);
      const expected = pick(abc);
      const { tasks, records } = await loggedOn(context, row.siaMessageId);
      const names = (ids: readonly string[]): string => ids.map((id) => 'ABC'[abc.indexOf(id)] ?? id).join(', ') || 'none';
      return same(records, expected)
        ? passed(`logged on ${names(expected)} (${tasks.length} Task${tasks.length === 1 ? '' : 's'})`)
        : failed(`logged on ${names(records)}, expected ${names(expected)}`);
    },
  };
}

function noMatch(rule: 'doNotLog' | 'createLead' | 'unresolved', label: string, check: NoMatchCheck): Step<E2eContext> {
  return {
    name: `email-${label}`,
    proves: `an e-mail to an address no Lead or Contact has, under noMatchRule ${rule}, ${check.proves}`,
    needs: ['heartbeat'],
    async run(context) {
      await saveOrgSettings(context, { ...BASE_SETTINGS, multipleMatchRule: 'all', noMatchRule: rule });
      const address = addressOf(context, label);
      const row = await logAndAwait(context, sentEmail(context, rule, address));
      return check.run(context, row, address, await loggedOn(context, row.siaMessageId));
    },
  };
}

interface NoMatchCheck {
  readonly proves: string;
  run(context: E2eContext, row: EmailActivityRow, address: string, logged: { tasks: string[]; records: string[] }): Promise<StepResult>;
}

const doNotLog: NoMatchCheck = {
  proves: 'is not logged (NO_MATCH)',
  async run(_context, row, _address, logged) {
    if (row.state !== 'rejected' || !(row.detail ?? '').startsWith('NO_MATCH')) return failed(`answered ${row.state} ${row.detail ?? ''}`);
    return logged.tasks.length === 0
      ? passed(`rejected: ${row.detail ?? ''}`)
      : failed(`rejected, yet Tasks ${logged.tasks.join(', ')} exist`);
  },
};

const createLead: NoMatchCheck = {
  proves: 'creates a Lead with the address and logs on it',
  async run(context, row, address, logged) {
    if (row.state !== 'done' || row.detail !== 'applied') return failed(`answered ${row.state ?? ''} ${row.detail ?? ''}, not applied`);
    const leads = await context.salesforce.query(`SELECT Id, OwnerId FROM Lead WHERE Email = ${soqlString(address)}`);
    if (leads.length !== 1) return failed(`${leads.length} Leads with ${address}, not one`);
    const lead = String(leads[0]?.['Id']);
    return same(logged.records, [lead])
      ? passed(`Lead ${lead} created and logged on`)
      : failed(`logged on ${logged.records.join(', ') || 'nothing'}, not the new Lead ${lead}`);
  },
};

const unresolved: NoMatchCheck = {
  proves: 'is kept as an Unresolved Email Activity, no Task',
  async run(context, row, _address, logged) {
    if (row.state !== 'done' || row.detail !== 'unresolved')
      return failed(`answered ${row.state ?? ''} ${row.detail ?? ''}, not unresolved`);
    if (logged.tasks.length > 0) return failed(`unresolved, yet Tasks ${logged.tasks.join(', ')} exist`);
    const kept = await context.salesforce.query(
      `SELECT Id FROM ${packaged(context, 'UnresolvedEmailActivity__c')} WHERE ${packaged(context, 'SiaMessageId__c')} = ${soqlString(row.siaMessageId)}`,
    );
    return kept.length > 0
      ? passed(`kept as Unresolved Email Activity ${String(kept[0]?.['Id'])}`)
      : failed('answered unresolved, but no Unresolved Email Activity holds it');
  },
};

/** The six rules, each its own step. */
export const EMAIL_STEPS: readonly Step<E2eContext>[] = [
  multipleMatch('all', 'all', (abc) => abc),
  multipleMatch('oldest', 'oldest', (abc) => abc.slice(0, 1)),
  multipleMatch('mostRecentActivity', 'most-recent', (abc) => abc.slice(1, 2)),
  noMatch('doNotLog', 'do-not-log', doNotLog),
  noMatch('createLead', 'create-lead', createLead),
  noMatch('unresolved', 'unresolved', unresolved),
];
