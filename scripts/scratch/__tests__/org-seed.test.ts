/**
 * org:seed against the fake sf: --help and no org through the real entry point; the sf calls of a
 * first run and what they carry (reps in their zones, the queue, the audit-field permission set,
 * the tree plan, the deletions, the bulk CSV); a second run replacing the first; the cap refusals;
 * an org without Set Audit Fields; and sf's failure answers.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { orgSeedCommand } from '../commands/org-seed.ts';
import { CommandError } from '../commands/errors.ts';
import { planSampleData, type SamplePlan, type TaskOwner } from '../seed/sample-plan.ts';
import { fakeSf, runCommandLine, type FakeCall } from './support/fake-sf.ts';

// 17:30 UTC on the fake context's today: Dec 3 in Los Angeles and Berlin, Dec 4 in Tokyo.
const NOW = new Date('2026-12-03T17:30:00Z');
const seed = orgSeedCommand(() => NOW);
const QUEUE_ID = '00G5g000004SeedQEAS';
const OWNERS: readonly TaskOwner[] = [
  { id: '0055g00000AdminAAA', name: 'User User', timeZone: 'America/Los_Angeles' },
  { id: '0055g00000BeckrAAA', name: 'Lukas Becker', timeZone: 'Europe/Berlin' },
  { id: '0055g00000TanakAAA', name: 'Mei Tanaka', timeZone: 'Asia/Tokyo' },
];

const KEY_PREFIX: Readonly<Record<string, string>> = {
  Account: '001',
  Contact: '003',
  Lead: '00Q',
  Opportunity: '006',
  OpportunityContactRole: '00K',
  Task: '00T',
};

/** What `sf data import tree --json` answers for a plan: one {refId, type, id} per inserted record. */
function treeAnswer(plan: SamplePlan): unknown {
  return {
    status: 0,
    result: plan.records.map((record, index) => ({
      refId: record.ref,
      type: record.sobject,
      id: `${KEY_PREFIX[record.sobject] ?? '000'}5g0000Seed${String(index).padStart(3, '0')}AA`,
    })),
    warnings: [],
  };
}

const fullPlan = planSampleData({ now: NOW, owners: OWNERS, queueId: QUEUE_ID, auditFields: true });

/** A scratch org after org:deploy, never seeded, whose describe allows audit fields once the permission set is assigned. */
const freshScratch: Record<string, unknown> = {
  'org display': 'org-display-scratch.json',
  'data query': 'data-query-empty.json',
  'data query ~TimeZoneSidKey': 'data-query-seed-owners-new-org.json',
  'data query ~Profile': 'data-query-profile-standard-user.json',
  'data query ~DeveloperName': ['data-query-empty.json', 'data-query-group-seed-queue.json'],
  'data create record --sobject User': ['data-create-record-user-becker.json', 'data-create-record-user-tanaka.json'],
  'org assign permset': 'org-assign-permset-seed-audit-fields.json',
  'org assign permset --on-behalf-of': ['org-assign-permset-seed-rep-becker.json', 'org-assign-permset-seed-rep-tanaka.json'],
  'project deploy start': 'project-deploy-start.json',
  'sobject describe --sobject Task': ['sobject-describe-task-audit-fields-off.json', 'sobject-describe-task-audit-fields-on.json'],
  'data export bulk': 'data-export-bulk-none.json',
  'data import tree': treeAnswer(fullPlan),
  'data delete record': 'data-delete-record.json',
  'data import bulk': 'data-import-bulk.json',
  'data delete bulk': 'data-delete-bulk.json',
};

function find(calls: readonly FakeCall[], words: string, ...including: string[]): FakeCall[] {
  return calls.filter((call) => call.argv.join(' ').startsWith(words) && including.every((text) => call.argv.join(' ').includes(text)));
}

function after(argv: readonly string[] | undefined, flag: string): string | undefined {
  return argv?.[argv.indexOf(flag) + 1];
}

function seedFile(root: string, name: string): string {
  return readFileSync(join(root, 'results', 'seed', name), 'utf8');
}

test('org:seed › --help names the flags and the cap, without asking sf', async () => {
  const fake = fakeSf({});
  try {
    const result = await runCommandLine(['org:seed', '--help'], fake.env);
    assert.equal(result.code, 0);
    assert.equal(result.output[0], 'npm run org:seed -- [flags]');
    for (const flag of ['--target-org <alias>', '--tasks <count>', '--wait <minutes>', '--help']) {
      assert.ok(
        result.output.some((line) => line.includes(flag)),
        flag,
      );
    }
    assert.ok(result.output.some((line) => /40,000/.test(line) && /Developer Pro/.test(line)));
    assert.deepEqual(fake.calls(), []);
  } finally {
    fake.cleanup();
  }
});

test('org:seed › without an org it exits 1 within seconds, in at most three lines naming the fix', async () => {
  const fake = fakeSf({
    'org display': 'org-display-no-default.json',
    'org list auth': 'org-list-auth-empty.json',
  });
  try {
    const result = await runCommandLine(['org:seed', '--tasks', '1000'], fake.env);
    assert.equal(result.code, 1);
    assert.ok(result.output.length >= 1 && result.output.length <= 3, result.output.join(' | '));
    assert.match(result.output.join('\n'), /`npx sf org login web --set-default-dev-hub --alias devhub`|`npm run org:create`/);
    assert.ok(result.ms < 15_000, `${result.ms} ms`);
    assert.deepEqual(fake.commands(), ['org display', 'org list auth']);
  } finally {
    fake.cleanup();
  }
});

test('org:seed › a wrong --tasks is refused by name before sf is asked', async () => {
  const fake = fakeSf(freshScratch);
  try {
    await assert.rejects(seed.run({ tasks: '1e5' }, fake.context()), /--tasks must be a whole number from 1 to 1000000 \(got "1e5"\)/);
    await assert.rejects(seed.run({ tasks: '0' }, fake.context()), /--tasks must be a whole number/);
    assert.deepEqual(fake.calls(), []);
  } finally {
    fake.cleanup();
  }
});

test('org:seed › a first run: reps, queue, audit-field permission set, removal check, tree import, deletions — in that order', async () => {
  const fake = fakeSf(freshScratch);
  try {
    await seed.run({}, fake.context());
    assert.deepEqual(fake.commands(), [
      'org display',
      'data query',
      'data query',
      'data create record',
      'org assign permset',
      'data create record',
      'org assign permset',
      'data query',
      'project deploy start',
      'data query',
      'sobject describe',
      'project deploy start',
      'org assign permset',
      'sobject describe',
      'data export bulk',
      'data query',
      'data query',
      'data query',
      'data query',
      'data import tree',
      'data delete record',
      'data delete record',
      'data delete record',
    ]);
    const calls = fake.calls();
    const created = find(calls, 'data create record').map((call) => after(call.argv, '--values') ?? '');
    assert.match(
      created[0] ?? '',
      /^Username=sisync-seed-lukas\.becker@example\.com\.00dws00000abcdemav .*TimeZoneSidKey=Europe\/Berlin .*ProfileId=00e5g000001StdUsAAC$/,
    );
    assert.match(created[1] ?? '', /TimeZoneSidKey=Asia\/Tokyo/);
    assert.deepEqual(
      find(calls, 'org assign permset', '--on-behalf-of').map((call) => [after(call.argv, '--name'), after(call.argv, '--on-behalf-of')]),
      [
        ['SalesInsightSyncUser', 'sisync-seed-lukas.becker@example.com.00dws00000abcdemav'],
        ['SalesInsightSyncUser', 'sisync-seed-mei.tanaka@example.com.00dws00000abcdemav'],
      ],
    );
    const [queueDeploy, permissionSetDeploy] = find(calls, 'project deploy start', '--metadata-dir');
    assert.match(queueDeploy?.files['queues/SisyncSeedTasks.queue'] ?? '', /<sobjectType>Task<\/sobjectType>/);
    assert.match(permissionSetDeploy?.files['permissionsets/SisyncSeedAuditFields.permissionset'] ?? '', /<name>CreateAuditFields<\/name>/);
    const selfAssign = find(calls, 'org assign permset').find((call) => !call.argv.includes('--on-behalf-of'));
    assert.equal(after(selfAssign?.argv, '--name'), 'SisyncSeedAuditFields');
    assert.equal(after(find(calls, 'data export bulk')[0]?.argv, '--query'), "SELECT Id FROM Task WHERE Subject LIKE '[seed]%'");
    assert.equal(find(calls, 'data delete bulk').length, 0, 'nothing earlier to remove');
    const [tree] = find(calls, 'data import tree');
    assert.equal(after(tree?.argv, '--target-org'), 'sisync-dev');
    assert.equal(after(tree?.argv, '--plan'), join(fake.root, 'results', 'seed', 'plan.json'));
    const deletedIds = find(calls, 'data delete record').map((call) => after(call.argv, '--record-id'));
    const answered = treeAnswer(fullPlan) as { result: { refId: string; id: string }[] };
    assert.deepEqual(
      deletedIds,
      fullPlan.toDelete.map((ref) => answered.result.find((entry) => entry.refId === ref)?.id),
    );
    assert.ok(
      fake.lines.includes(
        "  Task: 29 — 21 due around today in their owner's zone (3 owners), 1 logged e-mail, 1 queue-owned, 3 created more than 24 h ago, 3 deleted (in the Recycle Bin)",
      ),
    );
    assert.ok(fake.lines.includes('  OpportunityContactRole: 4'));
    assert.ok(
      fake.lines.some((line) =>
        line.startsWith('  Task owners: you, User User (America/Los_Angeles); Lukas Becker (Europe/Berlin), created as'),
      ),
    );
    assert.ok(!fake.lines.some((line) => /not allowed/.test(line)));
  } finally {
    fake.cleanup();
  }
});

test('org:seed › the tree files hold each owner Tasks due in the owner zone and the backdated ones', async () => {
  const fake = fakeSf(freshScratch);
  try {
    await seed.run({}, fake.context());
    const plan = JSON.parse(seedFile(fake.root, 'plan.json')) as { sobject: string; files: string[] }[];
    assert.deepEqual(
      plan.map((part) => part.sobject),
      ['Account', 'Contact', 'Lead', 'Opportunity', 'OpportunityContactRole', 'Task'],
    );
    const tasks = (JSON.parse(seedFile(fake.root, 'Task.json')) as { records: Record<string, unknown>[] }).records;
    const due = (owner: string): unknown =>
      tasks.find((task) => task['OwnerId'] === owner && task['Subject'] === '[seed] Send the updated quote')?.['ActivityDate'];
    assert.equal(due('0055g00000AdminAAA'), '2026-12-03');
    assert.equal(due('0055g00000TanakAAA'), '2026-12-04');
    assert.equal(tasks.filter((task) => task['OwnerId'] === QUEUE_ID).length, 1);
    assert.equal(tasks.filter((task) => typeof task['CreatedDate'] === 'string').length, 3);
  } finally {
    fake.cleanup();
  }
});

test('org:seed › --tasks loads a CSV through the Bulk API after the small set, and states the scratch-org cap', async () => {
  const fake = fakeSf(freshScratch);
  try {
    await seed.run({ tasks: '1200', wait: '45' }, fake.context());
    assert.equal(fake.commands().at(-1), 'data import bulk');
    const [bulk] = find(fake.calls(), 'data import bulk');
    assert.equal(after(bulk?.argv, '--sobject'), 'Task');
    assert.equal(after(bulk?.argv, '--line-ending'), 'LF');
    assert.equal(after(bulk?.argv, '--wait'), '45');
    assert.equal(after(bulk?.argv, '--file'), join(fake.root, 'results', 'seed', 'tasks-bulk.csv'));
    const rows = seedFile(fake.root, 'tasks-bulk.csv').trimEnd().split('\n');
    assert.equal(rows.length, 1201);
    assert.deepEqual(new Set(rows.slice(1).map((row) => row.split(',')[4])), new Set(OWNERS.map((owner) => owner.id)));
    const whoIds = new Set(rows.slice(1).map((row) => row.split(',')[5]));
    assert.ok(
      [...whoIds].every((id) => /^00[3Q]5g0000Seed\d{3}AA$/.test(id ?? '')),
      'related to the seeded Contacts and Leads',
    );
    assert.ok(fake.lines.some((line) => /about 40,000 seeded Tasks/.test(line) && /Developer Pro sandbox/.test(line)));
    assert.ok(fake.lines.includes('  Task (Bulk API, job 7505g00000BlkJobAAA): 1200'));
  } finally {
    fake.cleanup();
  }
});

test('org:seed › above 40,000 Tasks a scratch org is refused before anything changes', async () => {
  const fake = fakeSf(freshScratch);
  try {
    await assert.rejects(
      seed.run({ tasks: '100000' }, fake.context()),
      (error: unknown) =>
        error instanceof CommandError &&
        /more than a scratch org holds/.test(error.message) &&
        /about 40,000/.test(error.message) &&
        /at least 1 GB of data storage, such as a Developer Pro sandbox/.test(error.message),
    );
    assert.deepEqual(fake.commands(), ['org display']);
  } finally {
    fake.cleanup();
  }
});

const sandbox: Record<string, unknown> = {
  ...freshScratch,
  'org display': 'org-display-non-scratch.json',
  'data query ~IsSandbox': 'data-query-organization-sandbox.json',
  'data query ~TimeZoneSidKey': {
    status: 0,
    result: {
      records: [
        {
          attributes: { type: 'User', url: '/services/data/v66.0/sobjects/User/0057z00000SbxAdAAA' },
          Id: '0057z00000SbxAdAAA',
          Name: 'Acme Admin',
          Username: 'admin@acme.com',
          TimeZoneSidKey: 'America/New_York',
        },
      ],
      totalSize: 1,
      done: true,
    },
  },
  'org list limits': 'org-list-limits-sandbox.json',
  'sobject describe --sobject Task': 'sobject-describe-task-audit-fields-off.json',
};

test('org:seed › a sandbox: its remaining data storage bounds --tasks; a production org is refused', async () => {
  const fake = fakeSf(sandbox);
  try {
    await assert.rejects(seed.run({ tasks: '300000' }, fake.context()), /--tasks 300000 needs about 1172 MB .* acme-prod has 930 MB left/);
    assert.deepEqual(fake.commands(), ['org display', 'data query', 'org list limits']);
  } finally {
    fake.cleanup();
  }
  const production = fakeSf({ ...sandbox, 'data query ~IsSandbox': 'data-query-organization-production.json' });
  try {
    await assert.rejects(
      seed.run({}, production.context()),
      /acme-prod is a production org, and org:seed writes sample data into scratch orgs and sandboxes only/,
    );
    assert.deepEqual(production.commands(), ['org display', 'data query']);
  } finally {
    production.cleanup();
  }
});

test('org:seed › without Set Audit Fields upon Record Creation: no Tasks older than 24 h, and it says so', async () => {
  const fake = fakeSf(sandbox);
  try {
    await seed.run({}, fake.context());
    assert.equal(find(fake.calls(), 'project deploy start', 'permissionset').length, 0, 'no permission set outside scratch orgs');
    assert.equal(find(fake.calls(), 'sobject describe').length, 1);
    const tasks = (JSON.parse(seedFile(fake.root, 'Task.json')) as { records: Record<string, unknown>[] }).records;
    assert.ok(tasks.every((task) => task['CreatedDate'] === undefined && task['LastModifiedDate'] === undefined));
    assert.ok(
      fake.lines.includes(
        'Set Audit Fields upon Record Creation is not allowed in acme-prod; Tasks older than 24 h were not created. To have them: Setup → User Interface → enable "Set Audit Fields upon Record Creation" and "Update Records with Inactive Owners", give yourself the "Set Audit Fields upon Record Creation" permission, and run npm run org:seed again.',
      ),
    );
    assert.ok(fake.lines.some((line) => /0 created more than 24 h ago/.test(line)));
  } finally {
    fake.cleanup();
  }
});

test('org:seed › a scratch org where the permission set does not take: it describes again and says so', async () => {
  const fake = fakeSf({ ...freshScratch, 'sobject describe --sobject Task': 'sobject-describe-task-audit-fields-off.json' });
  try {
    await seed.run({}, fake.context());
    assert.equal(find(fake.calls(), 'sobject describe').length, 2);
    assert.ok(fake.lines.some((line) => line.startsWith('Set Audit Fields upon Record Creation is not allowed in sisync-dev;')));
  } finally {
    fake.cleanup();
  }
});

test('org:seed › a second run keeps the reps and the queue and replaces the earlier records', async () => {
  const fake = fakeSf({
    ...freshScratch,
    'data query ~TimeZoneSidKey': 'data-query-seed-owners-with-reps.json',
    'data query ~DeveloperName': 'data-query-group-seed-queue.json',
    'sobject describe --sobject Task': 'sobject-describe-task-audit-fields-on.json',
    'data export bulk': 'data-export-bulk-seeded-tasks.json',
    // The Opportunities' query (through Account.AccountNumber) comes first, then the Accounts'.
    'data query ~AccountNumber': ['data-query-empty.json', 'data-query-seeded-accounts.json'],
  });
  try {
    await seed.run({}, fake.context());
    const commands = fake.commands();
    assert.ok(!commands.includes('data create record'), 'no second set of reps');
    assert.equal(find(fake.calls(), 'project deploy start').length, 0, 'queue kept, audit fields already allowed');
    assert.deepEqual(
      find(fake.calls(), 'data delete bulk').map((call) => after(call.argv, '--sobject')),
      ['Task', 'Account'],
    );
    const [accounts] = find(fake.calls(), 'data delete bulk', 'Account');
    assert.equal(after(accounts?.argv, '--wait'), '30');
    assert.equal(seedFile(fake.root, 'previous-Account.csv'), 'Id\n0015g00000SeedAAAA\n0015g00000SeedBAAA\n0015g00000SeedCAAA\n');
    assert.ok(commands.indexOf('data import tree') > commands.lastIndexOf('data delete bulk'), 'removed before inserting');
    assert.ok(fake.lines.includes("  Removed first (the earlier run's records): 1226 Task, 3 Account"));
    assert.ok(fake.lines.some((line) => line.includes('Lukas Becker (Europe/Berlin), kept')));
  } finally {
    fake.cleanup();
  }
});

test('org:seed › no licence left for a rep: it says so and seeds with the owners it has', async () => {
  const fake = fakeSf({ ...freshScratch, 'data create record --sobject User': 'data-create-record-user-license-limit.json' });
  try {
    await seed.run({}, fake.context());
    assert.equal(find(fake.calls(), 'org assign permset', '--on-behalf-of').length, 0);
    const tasks = (JSON.parse(seedFile(fake.root, 'Task.json')) as { records: Record<string, unknown>[] }).records;
    assert.deepEqual(new Set(tasks.map((task) => task['OwnerId'])), new Set(['0055g00000AdminAAA', QUEUE_ID]));
    assert.ok(
      fake.lines.some((line) =>
        line.includes('Lukas Becker not created: sisync-dev has no Salesforce licence left (LICENSE_LIMIT_EXCEEDED)'),
      ),
    );
  } finally {
    fake.cleanup();
  }
});

test('org:seed › sf refusing the tree import stops the run with its first error and how to retry; nothing is deleted', async () => {
  const fake = fakeSf({ ...freshScratch, 'data import tree': 'data-import-tree-failed.json' });
  try {
    await assert.rejects(
      seed.run({ tasks: '1200' }, fake.context()),
      (error: unknown) =>
        error instanceof CommandError &&
        error.message.includes(
          'Importing the sample records failed: Data Import failed (OpportunityRef1 FIELD_CUSTOM_VALIDATION_EXCEPTION Close Date must be in this quarter).',
        ) &&
        error.message.includes('`npm run org:seed -- --target-org sisync-dev` again'),
    );
    assert.ok(!fake.commands().includes('data delete record'));
    assert.ok(!fake.commands().includes('data import bulk'));
  } finally {
    fake.cleanup();
  }
});

test('org:seed › a bulk job with failed rows names the job and the command that shows them', async () => {
  const fake = fakeSf({ ...freshScratch, 'data import bulk': 'data-import-bulk-failed-records.json' });
  try {
    await assert.rejects(
      seed.run({ tasks: '1200' }, fake.context()),
      (error: unknown) =>
        error instanceof CommandError &&
        error.message ===
          'The bulk load of Tasks failed (job 7505g00000BlkJobAAA): Job finished being processed but failed to process 3 records. see the failed rows with `npx sf data bulk results --job-id 7505g00000BlkJobAAA --target-org sisync-dev`.',
    );
  } finally {
    fake.cleanup();
  }
});

test('org:seed › the reps permission set missing (package not deployed) points at org:deploy', async () => {
  const fake = fakeSf({ ...freshScratch, 'org assign permset --on-behalf-of': 'org-assign-permset-not-deployed.json' });
  try {
    await assert.rejects(
      seed.run({}, fake.context()),
      /not found in target org.* — deploy the package first: `npm run org:deploy -- --target-org sisync-dev`\./,
    );
    assert.ok(!fake.commands().includes('data import tree'));
  } finally {
    fake.cleanup();
  }
});
