/**
 * org:seed's planners, without sf: the sample records (owners' due dates in their own time zones,
 * references the tree import can resolve, the marker on every record, audit fields only when
 * allowed), the bulk Task CSV, the storage cap, and the metadata it deploys.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, hoursBefore, localDate } from '../seed/calendar.ts';
import { bulkTasksCsv, capacityRefusal, csvCell, SCRATCH_TASK_CAP, storageNeededMb } from '../seed/bulk-tasks.ts';
import { SEED_ACCOUNT_NUMBER, SEED_EMAIL_DOMAIN, SEED_SUBJECT_PREFIX, seededQueries } from '../seed/marker.ts';
import { auditFieldsPermissionSetFiles, queueFiles } from '../seed/metadata.ts';
import { isLicenceLimit, ownersQuery, repUsername, repUserValues, SEED_REPS } from '../seed/owners.ts';
import { planCounts, planSampleData, TREE_ORDER, treeFiles, type PlannedRecord, type TaskOwner } from '../seed/sample-plan.ts';

// 17:30 UTC: 09:30 in Los Angeles and 18:30 in Berlin on Dec 3, already 02:30 on Dec 4 in Tokyo.
const NOW = new Date('2026-12-03T17:30:00Z');
const OWNERS: readonly TaskOwner[] = [
  { id: '0055g00000AdminAAA', name: 'User User', timeZone: 'America/Los_Angeles' },
  { id: '0055g00000BeckrAAA', name: 'Lukas Becker', timeZone: 'Europe/Berlin' },
  { id: '0055g00000TanakAAA', name: 'Mei Tanaka', timeZone: 'Asia/Tokyo' },
];
const QUEUE = '00G5g000004SeedQEAS';

function tasksOf(records: readonly PlannedRecord[], ownerId: string): PlannedRecord[] {
  return records.filter((record) => record.sobject === 'Task' && record.fields['OwnerId'] === ownerId);
}

test('calendar › an instant is a different date in different zones; days move across month and year ends', () => {
  assert.equal(localDate(NOW, 'America/Los_Angeles'), '2026-12-03');
  assert.equal(localDate(NOW, 'Asia/Tokyo'), '2026-12-04');
  assert.equal(localDate(new Date('2026-12-03T07:30:00Z'), 'America/Los_Angeles'), '2026-12-02');
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  assert.equal(hoursBefore(NOW, 25), '2026-12-02T16:30:00.000Z');
  assert.throws(() => localDate(NOW, 'Mars/Olympus_Mons'), RangeError);
});

test('sample plan › each owner has Tasks due yesterday, today, tomorrow and later in their own zone', () => {
  const plan = planSampleData({ now: NOW, owners: OWNERS, queueId: QUEUE, auditFields: true });
  const dueOf = (ownerId: string, subject: string): unknown =>
    tasksOf(plan.records, ownerId).find((record) => record.fields['Subject'] === `${SEED_SUBJECT_PREFIX}${subject}`)?.fields[
      'ActivityDate'
    ];
  assert.equal(dueOf('0055g00000AdminAAA', 'Send the updated quote'), '2026-12-03');
  assert.equal(dueOf('0055g00000BeckrAAA', 'Send the updated quote'), '2026-12-03');
  assert.equal(dueOf('0055g00000TanakAAA', 'Send the updated quote'), '2026-12-04', "Tokyo's today");
  assert.equal(dueOf('0055g00000TanakAAA', 'Call back about the renewal'), '2026-12-03', "overdue: Tokyo's yesterday");
  assert.equal(dueOf('0055g00000AdminAAA', 'Prepare the pilot review'), '2026-12-04');
  assert.equal(dueOf('0055g00000AdminAAA', 'Research the account'), undefined, 'a Task without a due date');
  for (const owner of OWNERS) {
    const mine = tasksOf(plan.records, owner.id).filter((record) => record.kind === 'user');
    assert.equal(mine.length, 7, owner.name);
    assert.deepEqual([...new Set(mine.map((record) => record.fields['Status']))].sort(), [
      'Completed',
      'Not Started',
      'Waiting on someone else',
    ]);
    assert.ok(
      mine.some((record) => record.fields['Priority'] === 'Low'),
      'a priority that does not sync',
    );
  }
});

test('sample plan › the same inputs give the same records', () => {
  const inputs = { now: NOW, owners: OWNERS, queueId: QUEUE, auditFields: true };
  assert.deepEqual(planSampleData(inputs), planSampleData(inputs));
  assert.deepEqual(treeFiles(planSampleData(inputs)), treeFiles(planSampleData(inputs)));
});

test('sample plan › every reference names a record inserted before it, in the form sf resolves', () => {
  const plan = planSampleData({ now: NOW, owners: OWNERS, queueId: QUEUE, auditFields: true });
  const order = (sobject: string): number => TREE_ORDER.indexOf(sobject as (typeof TREE_ORDER)[number]);
  const refs = new Map(plan.records.map((record) => [record.ref, record.sobject]));
  for (const record of plan.records) {
    assert.match(record.ref, /^\w+Ref\d+$/, "sf's tree import reads only @<Type>Ref<n> as a reference");
    assert.ok(record.ref.startsWith(record.sobject), record.ref);
    for (const value of Object.values(record.fields)) {
      if (typeof value !== 'string' || !value.startsWith('@')) continue;
      const target = refs.get(value.slice(1));
      assert.ok(target !== undefined, `${record.ref} names ${value}, which is not planned`);
      assert.ok(order(target) < order(record.sobject), `${record.ref} names ${value}, inserted after it`);
    }
  }
  assert.equal(new Set(plan.records.map((record) => record.ref)).size, plan.records.length, 'reference ids are unique');
  const leadTasks = plan.records.filter((record) => String(record.fields['WhoId'] ?? '').startsWith('@LeadRef'));
  assert.ok(leadTasks.length > 0);
  assert.ok(
    leadTasks.every((record) => record.fields['WhatId'] === undefined),
    'a Task about a Lead has no What',
  );
});

test('sample plan › every record carries the marker a second run finds it by', () => {
  const plan = planSampleData({ now: NOW, owners: OWNERS, queueId: QUEUE, auditFields: true });
  for (const record of plan.records) {
    if (record.sobject === 'Task') assert.ok(String(record.fields['Subject']).startsWith(SEED_SUBJECT_PREFIX), record.ref);
    if (record.sobject === 'Account') assert.equal(record.fields['AccountNumber'], SEED_ACCOUNT_NUMBER);
    if (record.sobject === 'Contact' || record.sobject === 'Lead') {
      assert.match(String(record.fields['Email']), new RegExp(`^[a-z.-]+@[a-z-]+\\.${SEED_EMAIL_DOMAIN.replace('.', '\\.')}$`), record.ref);
    }
  }
  const emails = plan.records
    .filter((record) => record.sobject === 'Contact' || record.sobject === 'Lead')
    .map((record) => record.fields['Email']);
  assert.ok(emails.includes('chloe.martin@blue-harbor-logistics.sisync-seed.example'), 'accents and & are dropped from addresses');
  assert.equal(
    emails.filter((email) => email === 'ana.souza@acme-analytics.sisync-seed.example').length,
    2,
    'a Lead shares a Contact address',
  );
  const queries = seededQueries().map((entry) => entry.soql);
  assert.ok(queries.some((soql) => soql.includes("Subject LIKE '[seed]%'")));
  assert.ok(queries.some((soql) => soql.includes(`'%.${SEED_EMAIL_DOMAIN}'`)));
  assert.deepEqual(
    seededQueries().map((entry) => entry.sobject),
    ['Task', 'Opportunity', 'Contact', 'Lead', 'Account'],
    'children before parents',
  );
});

test('sample plan › Tasks older than 24 h only when audit fields can be set, and then outside and across the window', () => {
  const without = planSampleData({ now: NOW, owners: OWNERS, queueId: QUEUE, auditFields: false });
  assert.ok(
    without.records.every((record) => record.fields['CreatedDate'] === undefined && record.fields['LastModifiedDate'] === undefined),
  );
  assert.equal(planCounts(without).tasks.older, 0);
  const withAudit = planSampleData({ now: NOW, owners: OWNERS, queueId: QUEUE, auditFields: true });
  const older = withAudit.records.filter((record) => record.kind === 'older');
  assert.equal(older.length, 3);
  const dayAgo = NOW.getTime() - 24 * 3_600_000;
  for (const record of older) {
    const created = Date.parse(String(record.fields['CreatedDate']));
    const modified = Date.parse(String(record.fields['LastModifiedDate']));
    assert.ok(created < dayAgo, `${record.ref} created before the window`);
    assert.ok(modified >= created && modified < NOW.getTime(), `${record.ref} modified after creation, not in the future`);
  }
  assert.equal(
    older.filter((record) => Date.parse(String(record.fields['LastModifiedDate'])) > dayAgo).length,
    1,
    'one edited within the window',
  );
  assert.deepEqual(new Set(older.map((record) => record.fields['OwnerId'])), new Set(OWNERS.map((owner) => owner.id)));
});

test('sample plan › a queue-owned Task only with a queue; one deleted Task per owner; counts add up', () => {
  const withQueue = planSampleData({ now: NOW, owners: OWNERS, queueId: QUEUE, auditFields: true });
  const queued = withQueue.records.filter((record) => record.kind === 'queue');
  assert.equal(queued.length, 1);
  assert.equal(queued[0]?.fields['OwnerId'], QUEUE);
  assert.equal(
    planSampleData({ now: NOW, owners: OWNERS, auditFields: true }).records.filter((record) => record.kind === 'queue').length,
    0,
  );
  assert.equal(withQueue.toDelete.length, OWNERS.length);
  const deleted = withQueue.records.filter((record) => withQueue.toDelete.includes(record.ref));
  assert.ok(deleted.every((record) => record.kind === 'deleted'));
  assert.deepEqual(new Set(deleted.map((record) => record.fields['OwnerId'])), new Set(OWNERS.map((owner) => owner.id)));
  const { objects, tasks } = planCounts(withQueue);
  assert.deepEqual(objects, { Account: 3, Contact: 6, Lead: 4, Opportunity: 4, OpportunityContactRole: 4, Task: 29 });
  assert.deepEqual(tasks, { user: 21, email: 1, queue: 1, older: 3, deleted: 3 });
  const email = withQueue.records.find((record) => record.kind === 'email');
  assert.equal(email?.fields['TaskSubtype'], 'Email');
  assert.equal(email?.fields['Status'], 'Completed');
  const closed = withQueue.records.filter((record) => record.sobject === 'Opportunity' && record.fields['StageName'] === 'Closed Won');
  assert.equal(closed.length, 1, 'a closed Opportunity beside the open ones');
  assert.throws(() => planSampleData({ now: NOW, owners: [], auditFields: false }), /at least one Task owner/);
});

test('sample plan › with one owner everything still has an owner', () => {
  const [first] = OWNERS;
  assert.ok(first);
  const plan = planSampleData({ now: NOW, owners: [first], auditFields: true });
  assert.ok(plan.records.filter((record) => record.sobject === 'Task').every((record) => record.fields['OwnerId'] === first.id));
  assert.equal(planCounts(plan).tasks.user, 7);
});

test('tree files › a plan in insertion order, one sObject tree file per object', () => {
  const files = treeFiles(planSampleData({ now: NOW, owners: OWNERS, queueId: QUEUE, auditFields: false }));
  const plan = JSON.parse(files['plan.json'] ?? '[]') as { sobject: string; files: string[] }[];
  assert.deepEqual(
    plan.map((part) => part.sobject),
    [...TREE_ORDER],
  );
  assert.ok(plan.every((part) => part.files.length === 1 && files[part.files[0] ?? ''] !== undefined));
  const contacts = JSON.parse(files['Contact.json'] ?? '{}') as { records: Record<string, unknown>[] };
  assert.deepEqual(contacts.records[0], {
    attributes: { type: 'Contact', referenceId: 'ContactRef1' },
    FirstName: 'Ana',
    LastName: 'Souza',
    Title: 'VP Operations',
    Email: 'ana.souza@acme-analytics.sisync-seed.example',
    AccountId: '@AccountRef1',
    Description: 'Sample data from npm run org:seed; a second run replaces it.',
  });
});

test('bulk CSV › a header and one row per Task, owners in turn, due dates around each owner today', () => {
  const csv = bulkTasksCsv(1000, { now: NOW, owners: OWNERS, whoIds: ['003A', '00QB'] });
  const lines = csv.trimEnd().split('\n');
  assert.equal(lines[0], 'Subject,Status,Priority,ActivityDate,OwnerId,WhoId,Description');
  assert.equal(lines.length, 1001);
  const rows = lines.slice(1).map((line) => line.split(','));
  assert.deepEqual(
    rows.slice(0, 3).map((row) => row[4]),
    OWNERS.map((owner) => owner.id),
  );
  assert.ok(rows.every((row) => row.length === 7 && row[0]?.startsWith('[seed] ')));
  const tokyo = rows.filter((row) => row[4] === '0055g00000TanakAAA').map((row) => row[3] ?? '');
  assert.equal(tokyo.slice().sort()[0], '2026-12-01', "3 days before Tokyo's today");
  assert.equal(tokyo.slice().sort().at(-1), '2026-12-14', "10 days after Tokyo's today");
  assert.equal(rows.filter((row) => row[1] === 'Completed').length, 100);
  assert.equal(rows.filter((row) => row[2] === 'High').length, 200);
  assert.deepEqual(new Set(rows.map((row) => row[5])), new Set(['003A', '00QB']));
  assert.equal(new Set(rows.map((row) => row[0])).size, 1000, 'every subject is its own');
  assert.match(
    bulkTasksCsv(2, { now: NOW, owners: OWNERS, whoIds: [] }),
    /\n\[seed\] Follow up on the proposal #1,Not Started,Normal,2026-11-30,0055g00000AdminAAA,,Sample/,
  );
  assert.throws(() => bulkTasksCsv(1, { now: NOW, owners: [], whoIds: [] }), /at least one Task owner/);
});

test('bulk CSV › cells with commas, quotes or line breaks are quoted (RFC 4180)', () => {
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell('a, b'), '"a, b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('two\nlines'), '"two\nlines"');
});

test('cap › a scratch org takes 40,000 Tasks, not one more; elsewhere the remaining data storage decides', () => {
  const scratch = { label: 'sisync-dev', isScratch: true };
  assert.equal(capacityRefusal(SCRATCH_TASK_CAP, scratch), undefined);
  const refusal = capacityRefusal(SCRATCH_TASK_CAP + 1, scratch) ?? '';
  assert.match(refusal, /about 40,000/);
  assert.match(refusal, /1 GB/);
  assert.match(refusal, /Developer Pro sandbox/);
  assert.match(refusal, /`npm run org:seed -- --target-org <sandbox alias> --tasks 40001`/);
  assert.equal(storageNeededMb(100_000), 391);
  assert.equal(capacityRefusal(100_000, { label: 'pro', isScratch: false, remainingMb: 930 }), undefined);
  assert.match(
    capacityRefusal(300_000, { label: 'pro', isScratch: false, remainingMb: 930 }) ?? '',
    /needs about 1172 MB .* pro has 930 MB left/,
  );
  assert.equal(capacityRefusal(300_000, { label: 'pro', isScratch: false }), undefined, 'no limit read: sf decides');
});

test('metadata › the queue supports Tasks; the permission set grants Set Audit Fields upon Record Creation', () => {
  const queue = queueFiles('66.0');
  assert.match(queue['queues/SisyncSeedTasks.queue'] ?? '', /<queueSobject>\s*<sobjectType>Task<\/sobjectType>\s*<\/queueSobject>/);
  assert.match(queue['package.xml'] ?? '', /<members>SisyncSeedTasks<\/members>\s*<name>Queue<\/name>/);
  const permissionSet = auditFieldsPermissionSetFiles('66.0');
  assert.match(
    permissionSet['permissionsets/SisyncSeedAuditFields.permissionset'] ?? '',
    /<userPermissions>\s*<enabled>true<\/enabled>\s*<name>CreateAuditFields<\/name>/,
  );
  assert.match(permissionSet['package.xml'] ?? '', /<version>66\.0<\/version>/);
});

test('owners › rep usernames are unique per org; their values hold no spaces; the licence refusal is recognised', () => {
  const [becker] = SEED_REPS;
  assert.ok(becker);
  assert.equal(repUsername(becker, '00DWs00000AbCdEMAV'), 'sisync-seed-lukas.becker@example.com.00dws00000abcdemav');
  const values = repUserValues(becker, '00DWs00000AbCdEMAV', '00e5g000001StdUsAAC').split(' ');
  assert.ok(values.every((pair) => /^\w+=\S+$/.test(pair)));
  assert.ok(values.includes('TimeZoneSidKey=Europe/Berlin'));
  assert.ok(values.includes('ProfileId=00e5g000001StdUsAAC'));
  assert.deepEqual(
    SEED_REPS.map((rep) => rep.timeZone),
    ['Europe/Berlin', 'Asia/Tokyo'],
  );
  assert.ok(SEED_REPS.every((rep) => rep.alias.length <= 8));
  assert.ok(isLicenceLimit('LICENSE_LIMIT_EXCEEDED License Limit Exceeded'));
  assert.ok(!isLicenceLimit('DUPLICATE_USERNAME'));
  assert.match(ownersQuery("o'brien@x.com"), /Username = 'o\\'brien@x\.com' OR \(Username LIKE 'sisync-seed-%' AND IsActive = true\)/);
});
