import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deployConfigCommand, packageXml, parseRelayUserOptions, subscriberConfigXml } from '../relay-user.ts';

test('options need an integration username and default to the sisync namespace', () => {
  assert.deepEqual(parseRelayUserOptions(['--user', 'sia@acme.com']), { alias: 'sisync-dev', user: 'sia@acme.com', namespace: 'sisync' });
  assert.deepEqual(parseRelayUserOptions(['--alias', 'prod', '--user', 'sia@acme.com', '--namespace', '']), {
    alias: 'prod',
    user: 'sia@acme.com',
    namespace: '',
  });
});

test('bad options are refused with the fix', () => {
  assert.throws(() => parseRelayUserOptions([]), /--user must be the integration user's username/);
  assert.throws(() => parseRelayUserOptions(['--user', 'not a username']), /--user must be/);
  assert.throws(() => parseRelayUserOptions(['--user', 'a@b.co', '--namespace', 'has space']), /--namespace must be a namespace prefix/);
  assert.throws(() => parseRelayUserOptions(['--user']), /--user needs a value/);
  assert.throws(() => parseRelayUserOptions(['--org', 'x']), /Unknown option "--org"/);
});

test('the subscriber config names the namespaced trigger and the user, escaped', () => {
  const xml = subscriberConfigXml({ alias: 'a', user: 'sia+x&y@acme.com', namespace: 'sisync' });
  assert.match(xml, /<platformEventConsumer>sisync__OutboxReadyTrigger<\/platformEventConsumer>/);
  assert.match(xml, /<user>sia\+x&amp;y@acme\.com<\/user>/);
  assert.match(
    subscriberConfigXml({ alias: 'a', user: 'u@a.co', namespace: '' }),
    /<platformEventConsumer>OutboxReadyTrigger<\/platformEventConsumer>/,
  );
});

test('the package and deploy command target the config', () => {
  assert.match(packageXml('66.0'), /<name>PlatformEventSubscriberConfig<\/name>[\s\S]*<version>66\.0<\/version>/);
  assert.deepEqual(deployConfigCommand('prod', '/tmp/x').slice(0, 6), [
    'project',
    'deploy',
    'start',
    '--metadata-dir',
    '/tmp/x',
    '--target-org',
  ]);
});
