/**
 * org:deploy against the fake sf: the sequence the issue asks for, what each step sends, that a
 * second run on the same org changes nothing it should keep, and where it stops when a step fails.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orgDeploy } from '../commands/org-deploy.ts';
import { CommandError, PreflightError } from '../commands/errors.ts';
import { BUILD_MARK, fakeSf, type FakeCall } from './support/fake-sf.ts';

const INT_USER = 'sisync-integration@example.com.00dws00000abcdemav';

/** A scratch org on which org:deploy has never run. */
const freshOrg: Record<string, unknown> = {
  'org display': 'org-display-scratch.json',
  'org list auth': 'org-list-auth-devhub.json',
  'project deploy start': 'project-deploy-start.json',
  'org assign permset': 'org-assign-permset-developer.json',
  'org assign permset --on-behalf-of': 'org-assign-permset-integration.json',
  'data query ~Organization': 'data-query-organization.json',
  'data query ~SyncSettings__c': 'data-query-empty.json',
  'data query ~Profile': 'data-query-profile-minimum-access.json',
  'api request rest ~sobjects/sisync__SyncSettings__c': 'api-request-rest-org-defaults.json',
  'api request rest ~/setup/heartbeat': 'api-request-rest-heartbeat.json',
  'sobject describe --sobject Lead': 'sobject-describe-lead.json',
  'sobject describe --sobject Contact': 'sobject-describe-contact.json',
  'sobject describe --sobject Opportunity': 'sobject-describe-opportunity.json',
  'sobject describe --sobject OpportunityContactRole': 'sobject-describe-opportunitycontactrole.json',
  'sobject describe --sobject Task': 'sobject-describe-task.json',
  'org create user': 'org-create-user.json',
  'data update record': 'data-update-record-user.json',
};

function find(calls: readonly FakeCall[], words: string, ...including: string[]): FakeCall[] {
  return calls.filter((call) => call.argv.join(' ').startsWith(words) && including.every((text) => call.argv.join(' ').includes(text)));
}

function after(argv: readonly string[], flag: string): string | undefined {
  return argv[argv.indexOf(flag) + 1];
}

test('org:deploy › build, deploy, permission sets, org defaults, integration user, relay, heartbeat — in that order', async () => {
  const fake = fakeSf(freshOrg);
  try {
    await orgDeploy.run({}, fake.context());
    assert.deepEqual(fake.commands(), [
      'org display',
      BUILD_MARK,
      'project deploy start',
      'org assign permset',
      'data query',
      'data query',
      'api request rest /services/data/v66.0/sobjects/sisync__SyncSettings__c',
      ...['Contact', 'Lead', 'Opportunity', 'OpportunityContactRole', 'Task'].map(() => 'sobject describe'),
      'project deploy start',
      'org list auth',
      'org create user',
      'org assign permset',
      'data query',
      'data update record',
      'project deploy start',
      'api request rest /services/apexrest/sisync/v1/setup/heartbeat',
    ]);
    const calls = fake.calls();
    const [sourceDeploy] = find(calls, 'project deploy start');
    assert.ok(sourceDeploy && !sourceDeploy.argv.includes('--metadata-dir'), 'the first deploy ships the source');
    assert.deepEqual(
      find(calls, 'org assign permset')[0]?.argv.filter((arg, at, all) => all[at - 1] === '--name'),
      ['SalesInsightSyncAdmin', 'SalesInsightSyncUser'],
    );
  } finally {
    fake.cleanup();
  }
});

test('org:deploy › the org defaults hold the catalogue defaults as strings, under the namespace', async () => {
  const fake = fakeSf(freshOrg);
  try {
    await orgDeploy.run({ 'target-org': 'sisync-dev' }, fake.context());
    const [create] = find(fake.calls(), 'api request rest', 'SyncSettings__c');
    const body = JSON.parse(after(create?.argv ?? [], '--body') ?? '{}') as Record<string, unknown>;
    assert.equal(body['SetupOwnerId'], '00DWs00000AbCdEMAV');
    assert.equal(body['sisync__ApiLoggingEnabled__c'], 'false', 'a string: the field is Text');
    assert.equal(body['sisync__TaskSyncMode__c'], 'none');
    assert.equal(after(create?.argv ?? [], '--method'), 'POST');
  } finally {
    fake.cleanup();
  }
});

test('org:deploy › the integration user: Standard User at creation, both sets, then Minimum Access; the heartbeat goes as that user', async () => {
  const fake = fakeSf(freshOrg);
  try {
    await orgDeploy.run({}, fake.context());
    const calls = fake.calls();
    const [create] = find(calls, 'org create user');
    assert.ok(create?.argv.includes('--set-unique-username'));
    assert.equal(after(create?.argv ?? [], '--set-alias'), 'sisync-dev-integration');
    const definition = JSON.parse(Object.values(create?.files ?? {})[0] ?? '{}') as Record<string, string>;
    assert.equal(definition['profileName'], 'Standard User');
    assert.equal(definition['Username'], 'sisync-integration@example.com');
    const [assign] = find(calls, 'org assign permset', '--on-behalf-of');
    assert.equal(after(assign?.argv ?? [], '--on-behalf-of'), INT_USER);
    assert.deepEqual(
      assign?.argv.filter((arg, at, all) => all[at - 1] === '--name'),
      ['SalesInsightSyncIntegration', 'SalesInsightSyncIntegrationBaseline'],
    );
    assert.ok(find(calls, 'data query', "Name = 'Minimum Access - Salesforce'").length === 1);
    const [update] = find(calls, 'data update record');
    assert.equal(after(update?.argv ?? [], '--where'), `Username='${INT_USER}'`);
    assert.equal(after(update?.argv ?? [], '--values'), 'ProfileId=00e5g000001MinAcAAC');
    const [heartbeat] = find(calls, 'api request rest', 'heartbeat');
    assert.equal(after(heartbeat?.argv ?? [], '--target-org'), 'sisync-dev-integration');
    assert.equal(after(heartbeat?.argv ?? [], '--body'), '{}');
    assert.ok(fake.lines.some((line) => /watchdog\s+scheduled\s+next run 2026-12-03T10:15:00.000Z/.test(line)));
  } finally {
    fake.cleanup();
  }
});

test('org:deploy › the generated metadata: the baseline from the describes, the relay as the integration user', async () => {
  const fake = fakeSf(freshOrg);
  try {
    await orgDeploy.run({}, fake.context());
    const generated = find(fake.calls(), 'project deploy start', '--metadata-dir');
    assert.equal(generated.length, 2);
    const baseline = generated[0]?.files['permissionsets/SalesInsightSyncIntegrationBaseline.permissionset'] ?? '';
    assert.match(baseline, /<field>Task.CallDisposition<\/field>/);
    assert.doesNotMatch(baseline, /Lead.IsConverted/, 'not permissionable in the describe');
    assert.match(baseline, /<name>ApiEnabled<\/name>/);
    const relay = generated[1]?.files['platformEventSubscriberConfigs/SalesInsightSyncRelay.platformEventSubscriberConfig'] ?? '';
    assert.match(relay, new RegExp(`<user>${INT_USER.replace(/\./g, '\\.')}</user>`));
    assert.match(relay, /<platformEventConsumer>sisync__OutboxReadyTrigger<\/platformEventConsumer>/);
  } finally {
    fake.cleanup();
  }
});

test('org:deploy › a second run keeps the integration user, the org defaults and the assignments', async () => {
  const fake = fakeSf({
    ...freshOrg,
    'org list auth': 'org-list-auth-integration-user.json',
    'data query ~SyncSettings__c': 'data-query-org-defaults-exist.json',
    'org assign permset': 'org-assign-permset-duplicate.json',
    'org assign permset --on-behalf-of': 'org-assign-permset-duplicate.json',
  });
  try {
    await orgDeploy.run({}, fake.context());
    const commands = fake.commands();
    assert.ok(!commands.includes('org create user'), 'no second integration user');
    assert.ok(!commands.some((command) => command.includes('SyncSettings__c')), 'org defaults left as they are');
    assert.ok(commands.includes('api request rest /services/apexrest/sisync/v1/setup/heartbeat'));
    assert.ok(fake.lines.some((line) => /kept\), logged in to sf as sisync-dev-integration/.test(line)));
  } finally {
    fake.cleanup();
  }
});

test('org:deploy › an integration alias left from an older org of the same name does not count: a new user is made', async () => {
  const fake = fakeSf({ ...freshOrg, 'org list auth': 'org-list-auth-stale-integration-alias.json' });
  try {
    await orgDeploy.run({}, fake.context());
    assert.ok(fake.commands().includes('org create user'));
  } finally {
    fake.cleanup();
  }
});

test('org:deploy › in a --no-namespace org the paths, the object and the trigger have no prefix', async () => {
  const fake = fakeSf({
    ...freshOrg,
    'data query ~Organization': 'data-query-organization-no-namespace.json',
    'api request rest ~sobjects/SyncSettings__c': 'api-request-rest-org-defaults.json',
  });
  try {
    await orgDeploy.run({}, fake.context());
    const commands = fake.commands();
    assert.ok(commands.includes('api request rest /services/data/v66.0/sobjects/SyncSettings__c'));
    assert.ok(commands.includes('api request rest /services/apexrest/v1/setup/heartbeat'));
    const relay = find(fake.calls(), 'project deploy start', '--metadata-dir')[1]?.files ?? {};
    assert.match(Object.values(relay).join(''), /<platformEventConsumer>OutboxReadyTrigger<\/platformEventConsumer>/);
  } finally {
    fake.cleanup();
  }
});

test('org:deploy › a refused heartbeat stops with its reason and the exact command to send it again', async () => {
  const fake = fakeSf({ ...freshOrg, 'api request rest ~/setup/heartbeat': 'api-request-rest-heartbeat-403.json' });
  try {
    await assert.rejects(orgDeploy.run({}, fake.context()), (error: unknown) => {
      assert.ok(error instanceof CommandError);
      assert.match(error.message, /INSUFFICIENT_ACCESS/);
      assert.match(
        error.message,
        /`npx sf api request rest \/services\/apexrest\/sisync\/v1\/setup\/heartbeat --method POST --body '\{\}' --target-org sisync-dev-integration`/,
      );
      return true;
    });
  } finally {
    fake.cleanup();
  }
});

test('org:deploy › a job the heartbeat could not take over fails the command, naming it', async () => {
  const fake = fakeSf({ ...freshOrg, 'api request rest ~/setup/heartbeat': 'api-request-rest-heartbeat-blocked.json' });
  try {
    await assert.rejects(
      orgDeploy.run({}, fake.context()),
      /^CommandError: sweep could not be scheduled as the integration user: delete it in Setup → Scheduled Jobs/,
    );
  } finally {
    fake.cleanup();
  }
});

test('org:deploy › a failed deploy stops before anything else is changed', async () => {
  const fake = fakeSf({ ...freshOrg, 'project deploy start': 'project-deploy-start-failed.json' });
  try {
    await assert.rejects(orgDeploy.run({}, fake.context()), /sf project deploy start failed \(exit 1\)/);
    assert.deepEqual(fake.commands(), ['org display', BUILD_MARK, 'project deploy start']);
    assert.ok(
      fake.lines.some((line) => line.includes('Variable does not exist: foo')),
      "sf's own message is shown",
    );
  } finally {
    fake.cleanup();
  }
});

test('org:deploy › a refused assignment or user creation stops with sf’s reason', async () => {
  const missingSet = fakeSf({ ...freshOrg, 'org assign permset': 'org-assign-permset-not-found.json' });
  try {
    await assert.rejects(
      orgDeploy.run({}, missingSet.context()),
      /Assigning SalesInsightSyncAdmin, SalesInsightSyncUser failed: Permission set "SalesInsightSyncAdmin" not found/,
    );
  } finally {
    missingSet.cleanup();
  }
  const noApi = fakeSf({ ...freshOrg, 'org create user': 'org-create-user-api-disabled.json' });
  try {
    await assert.rejects(
      orgDeploy.run({}, noApi.context()),
      /^CommandError: Creating the integration user failed: API is disabled for this User$/,
    );
    assert.ok(!noApi.commands().includes('api request rest /services/apexrest/sisync/v1/setup/heartbeat'));
  } finally {
    noApi.cleanup();
  }
});

test('org:deploy › an org that is not a scratch org is refused before the build', async () => {
  const fake = fakeSf({ 'org display': 'org-display-non-scratch.json' });
  try {
    await assert.rejects(orgDeploy.run({ 'target-org': 'acme-prod' }, fake.context()), PreflightError);
    assert.deepEqual(fake.commands(), ['org display']);
  } finally {
    fake.cleanup();
  }
});
