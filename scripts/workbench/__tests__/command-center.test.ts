/**
 * Command Center date edges: users in UTC−12, UTC, UTC+5:45 and UTC+14, one
 * minute either side of their midnight, and across daylight-saving changes;
 * then the route with stored tasks and a user's time zone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays, commandCenter, validTimeZone, dueDays } from '../command-center.ts';
import { call, callContract, resultsOf, startTestWorkbench, taskBatch, taskChange, type TestWorkbench } from './support.ts';

const MINUTE = 60_000;

/** Each zone's local midnight starting 2026-11-30, as a UTC instant. */
const MIDNIGHTS = [
  { zone: 'Etc/GMT+12', label: 'UTC−12', midnight: '2026-11-30T12:00:00Z' },
  { zone: 'UTC', label: 'UTC', midnight: '2026-11-30T00:00:00Z' },
  { zone: 'Asia/Kathmandu', label: 'UTC+5:45', midnight: '2026-11-29T18:15:00Z' },
  { zone: 'Pacific/Kiritimati', label: 'UTC+14', midnight: '2026-11-29T10:00:00Z' },
] as const;

describe('today and tomorrow a minute either side of local midnight', () => {
  for (const { zone, label, midnight } of MIDNIGHTS) {
    test(`${label} (${zone}): 23:59 is 2026-11-29, 00:01 is 2026-11-30`, () => {
      const at = Date.parse(midnight);
      assert.deepEqual(dueDays(at - MINUTE, zone), { today: '2026-11-29', tomorrow: '2026-11-30' });
      assert.deepEqual(dueDays(at + MINUTE, zone), { today: '2026-11-30', tomorrow: '2026-12-01' });
    });
  }
});

describe('daylight-saving changes (America/New_York)', () => {
  test('spring forward: the midnight after the 23-hour day is at 04:00Z, not 05:00Z', () => {
    assert.deepEqual(dueDays(Date.parse('2026-03-09T03:59:00Z'), 'America/New_York'), { today: '2026-03-08', tomorrow: '2026-03-09' });
    assert.deepEqual(dueDays(Date.parse('2026-03-09T04:01:00Z'), 'America/New_York'), { today: '2026-03-09', tomorrow: '2026-03-10' });
  });

  test('fall back: the midnight after the 25-hour day is at 05:00Z, not 04:00Z', () => {
    assert.deepEqual(dueDays(Date.parse('2026-11-02T04:59:00Z'), 'America/New_York'), { today: '2026-11-01', tomorrow: '2026-11-02' });
    assert.deepEqual(dueDays(Date.parse('2026-11-02T05:01:00Z'), 'America/New_York'), { today: '2026-11-02', tomorrow: '2026-11-03' });
  });

  test('on the DST day itself tomorrow is the next calendar date', () => {
    assert.deepEqual(dueDays(Date.parse('2026-03-08T12:00:00Z'), 'America/New_York'), { today: '2026-03-08', tomorrow: '2026-03-09' });
  });
});

test('calendar arithmetic crosses month, year and leap-day ends', () => {
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(addDays('2028-02-28', 1), '2028-02-29');
  assert.equal(addDays('2027-02-28', 1), '2027-03-01');
});

test('known time zones are kept as written and unknown ones refused', () => {
  assert.equal(validTimeZone('Asia/Kathmandu'), 'Asia/Kathmandu');
  assert.equal(validTimeZone('Etc/GMT+12'), 'Etc/GMT+12');
  assert.equal(validTimeZone('Mars/Olympus'), undefined);
  assert.equal(validTimeZone(''), undefined);
});

describe('GET /_workbench/users/{email}/command-center', () => {
  let wb: TestWorkbench;
  before(async () => {
    wb = await startTestWorkbench({ auth: false });
    const due = (task: number, activityDate: string | null) =>
      taskChange(task, 1, { ownerEmail: 'Kathmandu.Rep@example.com', fields: { subject: `due ${activityDate}`, activityDate } });
    resultsOf(
      await callContract(wb.url, 'POST', '/v1/salesforce/task-changes', {
        body: taskBatch([
          due(1, '2026-11-29'),
          due(2, '2026-11-30'),
          due(3, '2026-12-01'),
          due(4, null),
          due(5, '2026-11-30'),
          taskChange(6, 1, { fields: { activityDate: '2026-11-30' } }),
        ]),
      }),
    );
    resultsOf(
      await callContract(wb.url, 'POST', '/v1/salesforce/task-changes', { body: taskBatch([taskChange(5, 2, { operation: 'delete' })]) }),
    );
  });
  after(async () => {
    await wb.dispose();
  });

  const center = async (at: string) => {
    const answer = await call(wb.url, 'GET', `/_workbench/users/kathmandu.rep%40example.com/command-center?at=${encodeURIComponent(at)}`);
    assert.equal(answer.status, 200, answer.text);
    const body = answer.body as {
      timeZone: string;
      today: { date: string; tasks: { subject: string }[] };
      tomorrow: { date: string; tasks: { subject: string }[] };
    };
    return {
      timeZone: body.timeZone,
      today: [body.today.date, ...body.today.tasks.map((t) => t.subject)],
      tomorrow: [body.tomorrow.date, ...body.tomorrow.tasks.map((t) => t.subject)],
    };
  };

  test("a new user's time zone is UTC; only their own live tasks due today and tomorrow are shown", async () => {
    assert.deepEqual(await center('2026-11-29T18:16:00Z'), {
      timeZone: 'UTC',
      today: ['2026-11-29', 'due 2026-11-29'],
      tomorrow: ['2026-11-30', 'due 2026-11-30'],
    });
  });

  test('after PUT timeZone Asia/Kathmandu the same instant is already the next day', async () => {
    const put = await call(wb.url, 'PUT', '/_workbench/users/kathmandu.rep@example.com', { body: { timeZone: 'Asia/Kathmandu' } });
    assert.equal(put.status, 200, put.text);
    assert.deepEqual(await center('2026-11-29T18:16:00Z'), {
      timeZone: 'Asia/Kathmandu',
      today: ['2026-11-30', 'due 2026-11-30'],
      tomorrow: ['2026-12-01', 'due 2026-12-01'],
    });
  });

  test('bad input gets a 400 naming the field; an unknown user a 404', async () => {
    const zone = await call(wb.url, 'PUT', '/_workbench/users/kathmandu.rep@example.com', { body: { timeZone: 'Nowhere/Else' } });
    assert.deepEqual([zone.status, (zone.body as { error: { field: string } }).error.field], [400, 'timeZone']);
    const extra = await call(wb.url, 'PUT', '/_workbench/users/kathmandu.rep@example.com', { body: { timezone: 'UTC' } });
    assert.deepEqual([extra.status, (extra.body as { error: { field: string } }).error.field], [400, 'timezone']);
    const at = await call(wb.url, 'GET', '/_workbench/users/kathmandu.rep@example.com/command-center?at=tomorrow');
    assert.deepEqual([at.status, (at.body as { error: { field: string } }).error.field], [400, 'at']);
    const unknown = await call(wb.url, 'GET', '/_workbench/users/nobody@example.com/command-center');
    assert.equal(unknown.status, 404);
  });
});

describe('the Command Center after a first-time sync', () => {
  let wb: TestWorkbench;
  before(async () => {
    wb = await startTestWorkbench({ auth: false });
  });
  after(async () => {
    await wb.dispose();
  });

  test('two tasks imported due today, then an origin: initial delete of one (a deletion of the last 15 days): one task shows', async () => {
    const owner = 'initial.rep@example.com';
    const initial = (task: number, sequence: number, operation?: 'delete') => ({
      ...taskChange(task, sequence, {
        ownerEmail: owner,
        ...(operation ? { operation } : { fields: { subject: `Imported ${task}`, activityDate: '2026-11-30' } }),
      }),
      origin: 'initial',
    });
    const imported = resultsOf(
      await callContract(wb.url, 'POST', '/v1/salesforce/task-changes', { body: taskBatch([initial(1, 1), initial(2, 1)]) }),
    );
    assert.deepEqual(
      imported.map((result) => result['status']),
      ['applied', 'applied'],
    );
    const center = async () => {
      const answer = await call(wb.url, 'GET', `/_workbench/users/${owner}/command-center?at=2026-11-30T12:00:00Z`);
      assert.equal(answer.status, 200, answer.text);
      return (answer.body as { today: { tasks: { subject: string; source: string }[] } }).today.tasks.map((t) => [t.subject, t.source]);
    };
    assert.deepEqual(await center(), [
      ['Imported 1', 'salesforce'],
      ['Imported 2', 'salesforce'],
    ]);
    const deleted = resultsOf(
      await callContract(wb.url, 'POST', '/v1/salesforce/task-changes', { body: taskBatch([initial(2, 2, 'delete')]) }),
    );
    assert.equal(deleted[0]?.['status'], 'applied');
    assert.deepEqual(await center(), [['Imported 1', 'salesforce']]);
  });
});

test('a SIA task that came back from Salesforce is shown once, as the side that changed last', () => {
  const at = Date.parse('2026-12-02T12:00:00Z');
  const native = {
    siaTaskId: 'sia-task-7',
    ownerEmail: 'rep@example.com',
    createdAt: '2026-12-02T11:00:00Z',
    updatedAt: '2026-12-02T11:30:00Z',
    deleted: false,
    sequence: 2,
    fields: { name: 'Call Dana (SIA)', dueDate: '2026-12-02' },
    salesforceTaskId: '00T5g00000AbCdEEAV',
  };
  const synced = {
    orgId: '00D5g000004ABCDEA4',
    taskId: '00T5g00000AbCdEEAV',
    siaTaskId: 'sia-task-7',
    ownerId: '0055g0000000000001',
    ownerEmail: 'rep@example.com',
    lastSequence: 3,
    deleted: false,
    fields: { subject: 'Call Dana (Salesforce)', activityDate: '2026-12-02' },
    origin: 'live',
    changedAt: '2026-12-02T11:45:00Z',
    deletedAt: null,
    updatedAt: '2026-12-02T11:45:00Z',
  };
  const subjects = (center: ReturnType<typeof commandCenter>): (string | null)[] => center.today.tasks.map((task) => task.subject);
  assert.deepEqual(subjects(commandCenter('rep@example.com', 'UTC', [synced], at, [native])), ['Call Dana (Salesforce)']);
  assert.deepEqual(subjects(commandCenter('rep@example.com', 'UTC', [{ ...synced, changedAt: '2026-12-02T11:00:00Z' }], at, [native])), [
    'Call Dana (SIA)',
  ]);
  assert.deepEqual(
    subjects(commandCenter('rep@example.com', 'UTC', [{ ...synced, siaTaskId: null }], at, [native])).length,
    2,
    'unrelated tasks both show',
  );
});
