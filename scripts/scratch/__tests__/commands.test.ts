/**
 * org:create, org:delete, org:relay-user and org:email-to-salesforce against the fake sf: the sf
 * command lines they run with the unified flags, and that nothing ships the project's source before
 * the LWC build (a clean clone has no component JavaScript). package:version has its own file,
 * package-version.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../cli/args.ts';
import { PreflightError } from '../commands/errors.ts';
import { orgCreate } from '../commands/org-create.ts';
import { orgDelete } from '../commands/org-delete.ts';
import { orgEmailToSalesforce } from '../commands/org-email-to-salesforce.ts';
import { orgRelayUser } from '../commands/org-relay-user.ts';
import { fakeSf } from './support/fake-sf.ts';

const devHubSet = { 'config get': 'config-get-target-dev-hub-set.json', 'org display --target-org devhub': 'org-display-devhub.json' };

test('org:create › the project definition, the defaults, the Dev Hub sf has, after the namespace check', async () => {
  const fake = fakeSf({
    ...devHubSet,
    'data query': 'data-query-namespace-registry-linked.json',
    'org create scratch': 'org-create-scratch.json',
  });
  try {
    await orgCreate.run({}, fake.context());
    assert.deepEqual(fake.commands(), ['config get target-dev-hub', 'org display', 'data query', 'org create scratch']);
    assert.deepEqual(fake.calls()[3]?.argv, [
      ...['org', 'create', 'scratch', '--definition-file', 'config/project-scratch-def.json', '--alias', 'sisync-dev'],
      ...['--duration-days', '7', '--target-dev-hub', 'devhub', '--set-default', '--wait', '20'],
    ]);
  } finally {
    fake.cleanup();
  }
});

test('org:create › --no-namespace skips the namespace check and reaches sf; an unlinked namespace stops before sf', async () => {
  const fake = fakeSf({ 'org display': 'org-display-devhub.json', 'org create scratch': 'org-create-scratch.json' });
  try {
    await orgCreate.run({ 'target-dev-hub': 'devhub', 'no-namespace': true, alias: 'ci-1', 'duration-days': '1' }, fake.context());
    assert.deepEqual(fake.commands(), ['org display', 'org create scratch']);
    const argv = fake.calls()[1]?.argv.join(' ') ?? '';
    assert.match(argv, /--alias ci-1 --duration-days 1 --target-dev-hub devhub .*--no-namespace$/);
  } finally {
    fake.cleanup();
  }
  const unlinked = fakeSf({ ...devHubSet, 'data query': 'data-query-namespace-registry-empty.json' });
  try {
    await assert.rejects(orgCreate.run({}, unlinked.context()), PreflightError);
    assert.ok(!unlinked.commands().includes('org create scratch'));
  } finally {
    unlinked.cleanup();
  }
});

test('org:delete › deletes the named scratch org without a prompt; another org is refused', async () => {
  const fake = fakeSf({ 'org display': 'org-display-scratch.json', 'org delete scratch': 'org-delete-scratch.json' });
  try {
    await orgDelete.run({ 'target-org': 'sisync-dev' }, fake.context());
    assert.deepEqual(fake.calls()[1]?.argv, ['org', 'delete', 'scratch', '--target-org', 'sisync-dev', '--no-prompt']);
  } finally {
    fake.cleanup();
  }
  const prod = fakeSf({ 'org display': 'org-display-non-scratch.json' });
  try {
    await assert.rejects(orgDelete.run({ 'target-org': 'acme-prod' }, prod.context()), /acme-prod is not a scratch org/);
    assert.deepEqual(prod.commands(), ['org display']);
  } finally {
    prod.cleanup();
  }
});

test('org:relay-user › needs a username; deploys the subscriber config for it, namespaced unless --no-namespace', async () => {
  const empty = fakeSf({});
  try {
    await assert.rejects(orgRelayUser.run({ 'on-behalf-of': 'not a username' }, empty.context()), UsageError);
    assert.deepEqual(empty.calls(), [], 'refused before sf is asked');
  } finally {
    empty.cleanup();
  }
  const fake = fakeSf({ 'org display': 'org-display-non-scratch.json', 'project deploy start': 'project-deploy-start.json' });
  try {
    await orgRelayUser.run({ 'target-org': 'acme-prod', 'on-behalf-of': 'sia@acme.com' }, fake.context());
    await orgRelayUser.run({ 'target-org': 'acme-prod', 'on-behalf-of': 'sia@acme.com', 'no-namespace': true }, fake.context());
    const [namespaced, plain] = fake.calls().filter((call) => call.argv.includes('--metadata-dir'));
    const config = 'platformEventSubscriberConfigs/SalesInsightSyncRelay.platformEventSubscriberConfig';
    assert.match(namespaced?.files[config] ?? '', /sisync__OutboxReadyTrigger[\s\S]*<user>sia@acme\.com<\/user>/);
    assert.match(plain?.files[config] ?? '', /<platformEventConsumer>OutboxReadyTrigger</);
  } finally {
    fake.cleanup();
  }
});

test('org:email-to-salesforce › --target-org is required; the settings deploy to that org', async () => {
  const empty = fakeSf({});
  try {
    await assert.rejects(orgEmailToSalesforce.run({}, empty.context()), /Name the org: --target-org/);
    assert.deepEqual(empty.calls(), [], 'refused before sf is asked');
  } finally {
    empty.cleanup();
  }
  const fake = fakeSf({ 'org display': 'org-display-non-scratch.json', 'project deploy start': 'project-deploy-start.json' });
  try {
    await orgEmailToSalesforce.run({ 'target-org': 'acme-prod' }, fake.context());
    const deploy = fake.calls()[1];
    assert.equal(deploy?.argv[deploy.argv.indexOf('--target-org') + 1], 'acme-prod');
    assert.match(deploy?.files['settings/EmailAdministration.settings'] ?? '', /<enableEmailToSalesforce>true</);
  } finally {
    fake.cleanup();
  }
});
