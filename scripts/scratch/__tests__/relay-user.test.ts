import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUsername, packageXml, relayConfigFiles, subscriberConfigXml } from '../relay-user.ts';

test('a username looks like an e-mail address', () => {
  assert.ok(isUsername('sia-integration@acme.com'));
  assert.ok(isUsername('sisync-integration@example.com.00dws00000abcdemav'));
  for (const bad of ['not a username', 'sia@acme', '@acme.com', 'a b@acme.com']) assert.ok(!isUsername(bad), bad);
});

test('the subscriber config names the namespaced trigger and the user, escaped', () => {
  const xml = subscriberConfigXml({ user: 'sia+x&y@acme.com', namespace: 'sisync' });
  assert.match(xml, /<platformEventConsumer>sisync__OutboxReadyTrigger<\/platformEventConsumer>/);
  assert.match(xml, /<user>sia\+x&amp;y@acme\.com<\/user>/);
  assert.match(
    subscriberConfigXml({ user: 'u@a.co', namespace: '' }),
    /<platformEventConsumer>OutboxReadyTrigger<\/platformEventConsumer>/,
  );
});

test('the metadata directory deploys the config under its package.xml', () => {
  assert.match(packageXml('66.0'), /<name>PlatformEventSubscriberConfig<\/name>[\s\S]*<version>66\.0<\/version>/);
  const files = relayConfigFiles({ user: 'u@a.co', namespace: 'sisync' }, '66.0');
  assert.deepEqual(Object.keys(files).sort(), [
    'package.xml',
    'platformEventSubscriberConfigs/SalesInsightSyncRelay.platformEventSubscriberConfig',
  ]);
});
