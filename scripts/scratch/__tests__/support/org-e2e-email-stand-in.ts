/**
 * The org's e-mail logging, played for org:e2e's offline tests (plugged into the org stand-in):
 * the org settings the Org tab saves, BCC activation (and its settings change to SIA), the Contacts
 * and Leads `sf data` creates (LastActivityDate from a closed Task on them), and
 * `POST /v1/email-activities` answered as the package does — the sender's BCC first, then each
 * recipient through the contract's shared matching rule (`decideMatch`, the same rule the Apex
 * vectors run), Contacts sharing one Task (Shared Activities: TaskRelation rows), a Task per Lead,
 * Unresolved Email Activities — and the queries the steps check with.
 */
import { decideMatch, type MatchCandidate, type MatchSettings } from '../../../contract/matching.ts';
import type { SfAnswer } from '../../sf/sf.ts';

/** How the played org misbehaves, for the failing tests. */
export interface EmailOrgOptions {
  /** Logs on every match whatever multipleMatchRule says. */
  readonly ignoreMultipleMatchRule?: boolean;
  /** Logs a BCC-active sender's e-mails through the API too. */
  readonly ignoreBcc?: boolean;
}

interface Row {
  readonly Id: string;
  readonly type: 'Lead' | 'Contact';
  readonly Email: string;
  readonly createdAt: string;
  lastActivityDate: string | null;
}

interface LoggedTask {
  readonly Id: string;
  readonly WhoId: string;
  readonly TaskSubtype: string;
  readonly siaMessageId: string;
  readonly relations: readonly string[];
}

export interface EmailOrg {
  readonly settings: Record<string, string>;
  bccActive: boolean;
  /** An anonymous Apex script of the e-mail steps, or undefined for another. */
  apex(source: string): Promise<unknown>;
  /** A query the e-mail steps make, answered; undefined for another. */
  query(soql: string): SfAnswer | undefined;
  /** Watches `sf data create record` (Contacts; closed Tasks on them). */
  created(sobject: string, id: string, values: Readonly<Record<string, string>>): void;
  /** `POST …/v1/email-activities`: the body of the 200. */
  logActivities(body: string): unknown;
}

/** Not a script of this module (`apex` answers it so). */
export const NOT_MINE = Symbol('not an e-mail script');

function records(type: string, rows: readonly Record<string, unknown>[]): SfAnswer {
  const list = rows.map((row) => ({
    attributes: { type, url: `/services/data/v66.0/sobjects/${type}/${String(row['Id'] ?? '')}` },
    ...row,
  }));
  return { status: 0, result: { records: list, totalSize: list.length, done: true }, warnings: [] };
}

/**
 * The e-mail logging of the played org.
 * @param adminEmail the one sender the org knows
 * @param sendSettings sends a user-settings change (the outbox's) with the given members
 */
export function emailOrg(
  adminEmail: string,
  sendSettings: (members: Record<string, unknown>) => Promise<void>,
  options: EmailOrgOptions = {},
): EmailOrg {
  const people: Row[] = [];
  const tasks: LoggedTask[] = [];
  const unresolved: { Id: string; siaMessageId: string }[] = [];
  const receipts = new Map<string, string[]>();
  let next = 1;
  const id = (prefix: string): string => `${prefix}${String(next++).padStart(3, '0')}EAV`;
  const second = (): string => new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();

  const org: EmailOrg = {
    settings: {},
    bccActive: false,
    async apex(source) {
      if (source.includes('SyncSettingsSaveService.saveOrg')) {
        const values = Object.fromEntries([...source.matchAll(/'(\w+)' => '([^']*)'/g)].map((match) => [match[1] ?? '', match[2] ?? '']));
        Object.assign(org.settings, values);
        return { saved: true, problems: {}, effective: values };
      }
      const activate = /BccController\.activate\('([^']+)'\)/.exec(source);
      if (activate !== null) {
        org.bccActive = true;
        await sendSettings({ bcc: { active: true, emailToSalesforceAddress: activate[1] } });
        return { saved: true, problems: {} };
      }
      if (source.includes('BccController.deactivate()')) {
        org.bccActive = false;
        await sendSettings({ bcc: { active: false, emailToSalesforceAddress: null } });
        return { saved: true, problems: {} };
      }
      return NOT_MINE;
    },
    query(soql) {
      const message = /SiaMessageId__c = '([^']+)'/.exec(soql)?.[1];
      if (/FROM Task WHERE \w*SiaMessageId__c/.test(soql)) {
        return records(
          'Task',
          tasks.filter((task) => task.siaMessageId === message).map(({ Id, WhoId, TaskSubtype }) => ({ Id, WhoId, TaskSubtype })),
        );
      }
      if (soql.includes('FROM TaskRelation')) {
        const ids = [...soql.matchAll(/'([^']+)'/g)].map((match) => match[1]);
        return records(
          'TaskRelation',
          tasks
            .filter((task) => ids.includes(task.Id))
            .flatMap((task) => task.relations.map((RelationId) => ({ TaskId: task.Id, RelationId }))),
        );
      }
      if (soql.includes('FROM Lead WHERE Email')) {
        const email = /Email = '([^']+)'/.exec(soql)?.[1];
        return records(
          'Lead',
          people.filter((row) => row.type === 'Lead' && row.Email === email).map((row) => ({ Id: row.Id, OwnerId: '005Ws00000AbCdEIAV' })),
        );
      }
      if (soql.includes('UnresolvedEmailActivity__c')) {
        return records(
          'UnresolvedEmailActivity__c',
          unresolved.filter((row) => row.siaMessageId === message).map((row) => ({ Id: row.Id })),
        );
      }
      return undefined;
    },
    created(sobject, recordId, values) {
      if (sobject === 'Contact') {
        people.push({
          Id: recordId,
          type: 'Contact',
          Email: (values['Email'] ?? '').toLowerCase(),
          createdAt: second(),
          lastActivityDate: null,
        });
      }
      const who = people.find((row) => row.Id === values['WhoId']);
      if (sobject === 'Task' && who !== undefined && values['Status'] === 'Completed')
        who.lastActivityDate = values['ActivityDate'] ?? null;
    },
    logActivities(body) {
      const { activities } = JSON.parse(body) as { activities: Record<string, unknown>[] };
      return { results: activities.map(logOne) };
    },
  };

  const logOne = (activity: Record<string, unknown>): Record<string, unknown> => {
    const siaMessageId = String(activity['siaMessageId']);
    const answer = (status: string, taskIds: readonly string[], reason?: string): Record<string, unknown> => ({
      siaMessageId,
      status,
      taskIds,
      ...(reason === undefined ? {} : { reason }),
    });
    const seen = receipts.get(siaMessageId);
    if (seen !== undefined) return answer('duplicate', seen, 'ALREADY_LOGGED: this message was logged before.');
    if (String(activity['senderEmail']).toLowerCase() !== adminEmail) return answer('rejected', [], 'SENDER_NOT_FOUND: no active user');
    if (org.settings['apiLoggingEnabled'] !== 'true') return answer('rejected', [], 'LOGGING_OFF: the sender does not log through the API');
    const kind = String(activity['kind']);
    if (org.bccActive && kind !== 'call' && options.ignoreBcc !== true) {
      return answer('duplicate', [], 'LOGGED_BY_BCC: the sender logs e-mails through Email to Salesforce.');
    }
    const settings: MatchSettings = {
      logToLeads: org.settings['logToLeads'] !== 'false',
      logToContacts: org.settings['logToContacts'] !== 'false',
      multipleMatchRule:
        options.ignoreMultipleMatchRule === true ? 'all' : (org.settings['multipleMatchRule'] as MatchSettings['multipleMatchRule']),
      noMatchRule: org.settings['noMatchRule'] as MatchSettings['noMatchRule'],
    };
    const addresses = [
      ...new Set([...(activity['to'] as string[]), ...((activity['cc'] as string[] | undefined) ?? [])].map((a) => a.toLowerCase())),
    ];
    const contacts: string[] = [];
    const leads: string[] = [];
    const kept: string[] = [];
    for (const address of addresses) {
      const candidates: MatchCandidate[] = people
        .filter((row) => row.Email === address)
        .map((row) => ({ id: row.Id, type: row.type, createdAt: row.createdAt, lastActivityDate: row.lastActivityDate }));
      const decision = decideMatch(settings, candidates);
      if (decision.action === 'log') {
        for (const matched of decision.matchedIds) (matched.startsWith('00Q') ? leads : contacts).push(matched);
      } else if (decision.action === 'createLead') {
        const lead: Row = { Id: id('00QWs00000Ld'), type: 'Lead', Email: address, createdAt: second(), lastActivityDate: null };
        people.push(lead);
        leads.push(lead.Id);
      } else if (decision.action === 'unresolved') kept.push(address);
    }
    if (contacts.length + leads.length + kept.length === 0)
      return answer('rejected', [], `NO_MATCH: no Lead or Contact to log on for ${addresses.join(', ')}`);
    const subtype = kind === 'call' ? 'Call' : 'Email';
    const written: LoggedTask[] = [];
    if (contacts.length > 0)
      written.push({ Id: id('00TWs00000Em'), WhoId: contacts[0] ?? '', TaskSubtype: subtype, siaMessageId, relations: contacts });
    for (const lead of leads) written.push({ Id: id('00TWs00000Em'), WhoId: lead, TaskSubtype: subtype, siaMessageId, relations: [lead] });
    tasks.push(...written);
    kept.forEach(() => unresolved.push({ Id: id('a05Ws00000Ue'), siaMessageId }));
    const taskIds = written.map((task) => task.Id);
    receipts.set(siaMessageId, taskIds);
    const reason =
      kept.length === 0 ? undefined : `NO_MATCH: no Lead or Contact with ${kept.join(', ')}; kept as Unresolved Email Activity for review.`;
    return answer(taskIds.length === 0 ? 'unresolved' : 'applied', taskIds, reason);
  };
  return org;
}
