/**
 * The small realistic data set of org:seed, planned without an org: Accounts, Contacts and Leads
 * (one Lead sharing a Contact's address, for the several-matches rule of e-mail logging), open and
 * closed Opportunities with contact roles, and Tasks of every owner due around today in that
 * owner's time zone — overdue, today, tomorrow, later, none; statuses and priorities that sync and
 * some that do not — plus a logged e-mail, a queue-owned Task, Tasks to delete, and Tasks created
 * before the first-time sync's 24-hour window (backdated audit fields) when the org allows it.
 * Deterministic: the same inputs give the same records, so it is tested record by record.
 */
import { addDays, hoursBefore, localDate } from './calendar.ts';
import { SEED_ACCOUNT_NUMBER, SEED_DESCRIPTION, SEED_EMAIL_DOMAIN, SEED_SUBJECT_PREFIX } from './marker.ts';

/** A user who owns seeded Tasks. */
export interface TaskOwner {
  readonly id: string;
  readonly name: string;
  /** User.TimeZoneSidKey: the zone the owner's "today" is read in. */
  readonly timeZone: string;
}

/** What the plan depends on. */
export interface SampleInputs {
  /** The moment of the run; each owner's today is its date in the owner's zone. */
  readonly now: Date;
  /** At least one: the running user first. */
  readonly owners: readonly TaskOwner[];
  /** The Task queue's Group id; without it no queue-owned Task is planned. */
  readonly queueId?: string;
  /** Whether CreatedDate/LastModifiedDate can be set (Set Audit Fields upon Record Creation). */
  readonly auditFields: boolean;
}

/** A field value in sObject tree format: a literal, or `@<Type>Ref<n>` naming an earlier record. */
export type FieldValue = string | number | boolean;

/** What a seeded Task stands for, for the summary. */
export type TaskKind = 'user' | 'email' | 'queue' | 'older' | 'deleted';

/** One record to insert. */
export interface PlannedRecord {
  readonly sobject: 'Account' | 'Contact' | 'Lead' | 'Opportunity' | 'OpportunityContactRole' | 'Task';
  /** The tree import's reference id: `ContactRef3`. */
  readonly ref: string;
  readonly fields: Readonly<Record<string, FieldValue>>;
  /** Tasks only. */
  readonly kind?: TaskKind;
}

/** The planned records, in insertion order (parents before the records naming them). */
export interface SamplePlan {
  readonly records: readonly PlannedRecord[];
  /** Reference ids of the Tasks to delete once inserted (they land in the Recycle Bin). */
  readonly toDelete: readonly string[];
}

/** The objects in the order the tree import inserts them. */
export const TREE_ORDER = ['Account', 'Contact', 'Lead', 'Opportunity', 'OpportunityContactRole', 'Task'] as const;

interface Person {
  readonly first: string;
  readonly last: string;
  readonly company: string;
  readonly title: string;
}

const ACCOUNTS = [
  { name: 'Acme Analytics', industry: 'Technology', city: 'Austin', country: 'USA' },
  { name: 'Blue Harbor Logistics', industry: 'Transportation', city: 'Rotterdam', country: 'Netherlands' },
  { name: 'Cedar & Pine Outfitters', industry: 'Retail', city: 'Portland', country: 'USA' },
] as const;

/** Contacts by account (index into ACCOUNTS). */
const CONTACTS: readonly (Person & { readonly account: number })[] = [
  { first: 'Ana', last: 'Souza', company: 'Acme Analytics', title: 'VP Operations', account: 0 },
  { first: 'Ben', last: 'Carter', company: 'Acme Analytics', title: 'IT Director', account: 0 },
  { first: 'Chloé', last: 'Martin', company: 'Blue Harbor Logistics', title: 'Procurement Lead', account: 1 },
  { first: 'Daniel', last: 'Kim', company: 'Blue Harbor Logistics', title: 'CFO', account: 1 },
  { first: 'Elena', last: 'Rossi', company: 'Cedar & Pine Outfitters', title: 'Store Operations Manager', account: 2 },
  { first: 'Farid', last: 'Haddad', company: 'Cedar & Pine Outfitters', title: 'Head of E-commerce', account: 2 },
];

const LEADS: readonly (Person & { readonly status?: string })[] = [
  { first: 'Grace', last: 'Liu', company: 'Northwind Foods', title: 'Supply Chain Director' },
  { first: 'Hiro', last: 'Sato', company: 'Kestrel Robotics', title: 'Founder' },
  // The same person and address as Contact 1: e-mail logging's "several records match" rule.
  { first: 'Ana', last: 'Souza', company: 'Acme Analytics', title: 'VP Operations' },
  { first: 'Ivan', last: 'Petrov', company: 'Lumen Energy', title: 'Operations Analyst', status: 'Working - Contacted' },
];

const OPPORTUNITIES = [
  { name: 'Acme Analytics — platform renewal', account: 0, stage: 'Negotiation/Review', closeIn: 20, amount: 48000 },
  { name: 'Blue Harbor — fleet tracking pilot', account: 1, stage: 'Proposal/Price Quote', closeIn: 35, amount: 22000 },
  { name: 'Cedar & Pine — store rollout', account: 2, stage: 'Prospecting', closeIn: 60, amount: 75000 },
  // Closed: logging to "open Opportunities where the contact has a role" skips it.
  { name: 'Acme Analytics — reporting add-on', account: 0, stage: 'Closed Won', closeIn: -10, amount: 12000 },
] as const;

/** Contact roles: [opportunity, contact, role, primary]. */
const CONTACT_ROLES: readonly (readonly [number, number, string, boolean])[] = [
  [0, 0, 'Decision Maker', true],
  [0, 1, 'Technical Buyer', false],
  [1, 3, 'Economic Buyer', true],
  [3, 0, 'Decision Maker', true],
];

/** Each user owner's Tasks: due-date offset from the owner's today (null: no due date). */
const OWNER_TASKS: readonly {
  readonly subject: string;
  readonly due: number | null;
  readonly status: string;
  readonly priority: string;
}[] = [
  { subject: 'Call back about the renewal', due: -1, status: 'Not Started', priority: 'High' },
  { subject: 'Send the updated quote', due: 0, status: 'Not Started', priority: 'Normal' },
  { subject: 'Prepare the pilot review', due: 1, status: 'Not Started', priority: 'Normal' },
  // Low priority does not sync to SIA.
  { subject: 'Check in after the demo', due: 2, status: 'Not Started', priority: 'Low' },
  { subject: 'Confirm the onboarding date', due: 0, status: 'Completed', priority: 'Normal' },
  { subject: 'Research the account', due: null, status: 'Not Started', priority: 'Normal' },
  // A status other than Not Started / Completed does not sync either.
  { subject: 'Follow up on the security questionnaire', due: 7, status: 'Waiting on someone else', priority: 'Normal' },
];

/** Whom the owners' Tasks are about, cycled: [who, what]; a Lead has no What. */
const RELATED: readonly (readonly [string, string | undefined])[] = [
  ['@ContactRef1', '@OpportunityRef1'],
  ['@ContactRef2', '@OpportunityRef1'],
  ['@ContactRef4', '@OpportunityRef2'],
  ['@LeadRef1', undefined],
  ['@ContactRef5', '@AccountRef3'],
  ['@LeadRef2', undefined],
  ['@ContactRef3', '@OpportunityRef2'],
  ['@LeadRef4', undefined],
  ['@ContactRef6', '@OpportunityRef3'],
];

/** Tasks created before the 24-hour window: [subject, hours since created, hours since modified, due offset]. */
const OLDER_TASKS: readonly (readonly [string, number, number, number])[] = [
  ['Quarterly business review notes', 72, 72, -3],
  // Created long ago, edited within the window: the first-time sync takes it.
  ['Renewal risk follow-up', 72, 23, 1],
  // Just outside the window.
  ['Intro call recap', 25, 25, 0],
];

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s&]+/g, '-');
}

/** The seeded address of a person: `ana.souza@acme-analytics.sisync-seed.example`. */
export function seedEmail(person: { readonly first: string; readonly last: string; readonly company: string }): string {
  return `${slug(person.first)}.${slug(person.last)}@${slug(person.company)}.${SEED_EMAIL_DOMAIN}`;
}

function related(index: number): Record<string, FieldValue> {
  const [who, what] = RELATED[index % RELATED.length] ?? ['@ContactRef1', undefined];
  return what === undefined ? { WhoId: who } : { WhoId: who, WhatId: what };
}

function task(ref: number, kind: TaskKind, fields: Record<string, FieldValue>): PlannedRecord {
  const subject = String(fields['Subject'] ?? '');
  return {
    sobject: 'Task',
    ref: `TaskRef${ref}`,
    kind,
    fields: { ...fields, Subject: `${SEED_SUBJECT_PREFIX}${subject}`, Description: SEED_DESCRIPTION },
  };
}

function companyRecords(today: string): PlannedRecord[] {
  const accounts = ACCOUNTS.map(
    (account, index): PlannedRecord => ({
      sobject: 'Account',
      ref: `AccountRef${index + 1}`,
      fields: {
        Name: account.name,
        AccountNumber: SEED_ACCOUNT_NUMBER,
        Industry: account.industry,
        BillingCity: account.city,
        BillingCountry: account.country,
        Description: SEED_DESCRIPTION,
      },
    }),
  );
  const contacts = CONTACTS.map(
    (person, index): PlannedRecord => ({
      sobject: 'Contact',
      ref: `ContactRef${index + 1}`,
      fields: {
        FirstName: person.first,
        LastName: person.last,
        Title: person.title,
        Email: seedEmail(person),
        AccountId: `@AccountRef${person.account + 1}`,
        Description: SEED_DESCRIPTION,
      },
    }),
  );
  const leads = LEADS.map(
    (person, index): PlannedRecord => ({
      sobject: 'Lead',
      ref: `LeadRef${index + 1}`,
      fields: {
        FirstName: person.first,
        LastName: person.last,
        Company: person.company,
        Title: person.title,
        Email: seedEmail(person),
        ...(person.status === undefined ? {} : { Status: person.status }),
        Description: SEED_DESCRIPTION,
      },
    }),
  );
  const opportunities = OPPORTUNITIES.map(
    (opportunity, index): PlannedRecord => ({
      sobject: 'Opportunity',
      ref: `OpportunityRef${index + 1}`,
      fields: {
        Name: opportunity.name,
        AccountId: `@AccountRef${opportunity.account + 1}`,
        StageName: opportunity.stage,
        CloseDate: addDays(today, opportunity.closeIn),
        Amount: opportunity.amount,
        Description: SEED_DESCRIPTION,
      },
    }),
  );
  const roles = CONTACT_ROLES.map(
    ([opportunity, contact, role, primary], index): PlannedRecord => ({
      sobject: 'OpportunityContactRole',
      ref: `OpportunityContactRoleRef${index + 1}`,
      fields: {
        OpportunityId: `@OpportunityRef${opportunity + 1}`,
        ContactId: `@ContactRef${contact + 1}`,
        Role: role,
        IsPrimary: primary,
      },
    }),
  );
  return [...accounts, ...contacts, ...leads, ...opportunities, ...roles];
}

/**
 * Plans the small data set.
 * @throws Error without an owner, or for an owner's time zone that Intl does not know
 */
export function planSampleData(inputs: SampleInputs): SamplePlan {
  const [first] = inputs.owners;
  if (first === undefined) throw new Error('planSampleData needs at least one Task owner.');
  const todayOf = new Map(inputs.owners.map((owner) => [owner.id, localDate(inputs.now, owner.timeZone)]));
  const today = (owner: TaskOwner): string => todayOf.get(owner.id) ?? localDate(inputs.now, owner.timeZone);
  const tasks: PlannedRecord[] = [];
  const next = (): number => tasks.length + 1;

  inputs.owners.forEach((owner, ownerIndex) => {
    OWNER_TASKS.forEach((template, index) => {
      tasks.push(
        task(next(), 'user', {
          Subject: template.subject,
          Status: template.status,
          Priority: template.priority,
          OwnerId: owner.id,
          ...(template.due === null ? {} : { ActivityDate: addDays(today(owner), template.due) }),
          ...related(ownerIndex * OWNER_TASKS.length + index),
        }),
      );
    });
  });

  const emailOwner = inputs.owners[1 % inputs.owners.length] ?? first;
  tasks.push(
    task(next(), 'email', {
      Subject: 'Email: Pricing for the renewal',
      TaskSubtype: 'Email',
      Type: 'Email',
      Status: 'Completed',
      Priority: 'Normal',
      OwnerId: emailOwner.id,
      ActivityDate: today(emailOwner),
      WhoId: '@ContactRef1',
      WhatId: '@OpportunityRef1',
    }),
  );

  if (inputs.queueId !== undefined) {
    tasks.push(
      task(next(), 'queue', {
        Subject: 'Unassigned: call the new inbound lead',
        Status: 'Not Started',
        Priority: 'High',
        OwnerId: inputs.queueId,
        ActivityDate: today(first),
        WhoId: '@LeadRef2',
      }),
    );
  }

  if (inputs.auditFields) {
    OLDER_TASKS.forEach(([subject, created, modified, due], index) => {
      const owner = inputs.owners[index % inputs.owners.length] ?? first;
      tasks.push(
        task(next(), 'older', {
          Subject: subject,
          Status: 'Not Started',
          Priority: 'Normal',
          OwnerId: owner.id,
          ActivityDate: addDays(today(owner), due),
          CreatedDate: hoursBefore(inputs.now, created),
          LastModifiedDate: hoursBefore(inputs.now, modified),
          ...related(index),
        }),
      );
    });
  }

  const toDelete: string[] = [];
  for (const owner of inputs.owners) {
    const planned = task(next(), 'deleted', {
      Subject: 'Cancelled: demo rehearsal',
      Status: 'Not Started',
      Priority: 'Normal',
      OwnerId: owner.id,
      ActivityDate: today(owner),
    });
    tasks.push(planned);
    toDelete.push(planned.ref);
  }

  return { records: [...companyRecords(today(first)), ...tasks], toDelete };
}

/**
 * The plan as `sf data import tree --plan` files: `plan.json` and one sObject tree file per object.
 * @returns file name → content
 */
export function treeFiles(plan: SamplePlan): Record<string, string> {
  const files: Record<string, string> = {};
  const parts: { sobject: string; files: string[] }[] = [];
  for (const sobject of TREE_ORDER) {
    const records = plan.records.filter((record) => record.sobject === sobject);
    if (records.length === 0) continue;
    const name = `${sobject}.json`;
    const tree = records.map((record) => ({ attributes: { type: record.sobject, referenceId: record.ref }, ...record.fields }));
    files[name] = `${JSON.stringify({ records: tree }, null, 2)}\n`;
    parts.push({ sobject, files: [name] });
  }
  files['plan.json'] = `${JSON.stringify(parts, null, 2)}\n`;
  return files;
}

/** How many records of each object a plan inserts, and of each kind of Task. */
export function planCounts(plan: SamplePlan): { readonly objects: Record<string, number>; readonly tasks: Record<TaskKind, number> } {
  const objects: Record<string, number> = {};
  const tasks: Record<TaskKind, number> = { user: 0, email: 0, queue: 0, older: 0, deleted: 0 };
  for (const record of plan.records) {
    objects[record.sobject] = (objects[record.sobject] ?? 0) + 1;
    if (record.kind !== undefined) tasks[record.kind] += 1;
  }
  return { objects, tasks };
}
