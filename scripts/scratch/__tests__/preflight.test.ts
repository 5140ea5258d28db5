/**
 * Each case a command cannot start in, with sf's recorded answer for it, gives its one sentence
 * and the command that fixes it; a usable org or Dev Hub passes with what sf said about it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PreflightError } from '../commands/errors.ts';
import { checkDevHub, checkNamespaceLinked, checkOrg, type OrgKind } from '../preflight/preflight.ts';
import * as say from '../preflight/sentences.ts';
import { createSf } from '../sf/sf.ts';
import { fakeSf } from './support/fake-sf.ts';

const today = '2026-12-03';

async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error: unknown) {
    assert.ok(error instanceof PreflightError, `a PreflightError, not ${String(error)}`);
    return error.message;
  }
  assert.fail('the check passed');
}

async function orgCase(scenario: Record<string, unknown>, targetOrg: string | undefined, kind: OrgKind = 'scratch'): Promise<string> {
  const fake = fakeSf(scenario);
  try {
    return await refusal(() => checkOrg(fake.sf, { targetOrg, kind, command: 'org:deploy', today }));
  } finally {
    fake.cleanup();
  }
}

test('preflight › no login at all: log in to a Dev Hub', async () => {
  const scenario = { 'org display': 'org-display-no-default.json', 'org list auth': 'org-list-auth-empty.json' };
  assert.equal(await orgCase(scenario, undefined), say.noAuthAtAll());
  assert.match(say.noAuthAtAll(), /`npx sf org login web --set-default-dev-hub --alias devhub`\.$/);
});

test('preflight › logged in but no default org: create one, or name one', async () => {
  const scenario = { 'org display': 'org-display-no-default.json', 'org list auth': 'org-list-auth-devhub.json' };
  assert.equal(await orgCase(scenario, undefined), say.noDefaultOrg(true));
  assert.match(say.noDefaultOrg(true), /`npm run org:create`/);
});

test('preflight › an alias sf does not know: create the scratch org, or (any org) log in to it', async () => {
  const scenario = { 'org display': 'org-display-named-not-found.json', 'org list auth': 'org-list-auth-devhub.json' };
  assert.equal(
    await orgCase(scenario, 'sisync-dev'),
    'No org is known to the sf CLI as sisync-dev: create it with `npm run org:create -- --alias sisync-dev`.',
  );
  assert.equal(await orgCase(scenario, 'acme-prod', 'any'), say.unknownOrg('acme-prod', false));
  assert.match(say.unknownOrg('acme-prod', false), /`npx sf org login web --alias acme-prod`/);
});

test('preflight › an expired scratch org: by its status, by its date, or by a refused refresh token', async () => {
  const expected = 'The scratch org sisync-dev has expired: create a new one with `npm run org:create -- --alias sisync-dev`.';
  assert.equal(await orgCase({ 'org display': 'org-display-scratch-expired.json' }, 'sisync-dev'), expected);
  assert.equal(await orgCase({ 'org display': 'org-display-refresh-token-expired.json' }, 'sisync-dev'), expected);
  assert.equal(await orgCase({ 'org display': 'org-display-invalid-session.json' }, 'sisync-dev'), expected);
  const pastDate = {
    status: 0,
    result: { id: '00D', devHubId: 'hub', username: 'u@x.com', status: 'Active', expirationDate: '2026-12-02' },
  };
  assert.equal(await orgCase({ 'org display': pastDate }, 'sisync-dev'), expected);
});

test('preflight › another org whose login no longer works: log in again', async () => {
  assert.equal(
    await orgCase({ 'org display': 'org-display-non-scratch-refresh-failed.json' }, 'acme-prod', 'any'),
    say.expiredSession('acme-prod'),
  );
  assert.equal(
    await orgCase({ 'org display': 'org-display-refresh-token-expired.json' }, 'acme-prod', 'any'),
    say.expiredSession('acme-prod'),
  );
});

test('preflight › a scratch-only command refuses an org that is not a scratch org', async () => {
  assert.equal(
    await orgCase({ 'org display': 'org-display-non-scratch.json' }, 'acme-prod', 'scratch-only'),
    say.notAScratchOrg('acme-prod', 'org:deploy'),
  );
});

test('preflight › a live scratch org passes with its alias, username and id', async () => {
  const fake = fakeSf({ 'org display': 'org-display-scratch.json' });
  try {
    const org = await checkOrg(fake.sf, { targetOrg: undefined, kind: 'scratch-only', command: 'org:deploy', today });
    assert.deepEqual(org, {
      label: 'sisync-dev',
      username: 'test-k2x9qzj1abcd@example.com',
      orgId: '00DWs00000AbCdEMAV',
      instanceUrl: 'https://dream-fun-1234-dev-ed.scratch.my.salesforce.com',
      isScratch: true,
    });
    assert.deepEqual(fake.commands(), ['org display'], 'one quick call');
  } finally {
    fake.cleanup();
  }
});

test('preflight › Dev Hub: none set, none at all, unknown, expired, and the default one', async () => {
  const cases: [Record<string, unknown>, string | undefined, string | undefined][] = [
    [{ 'config get': 'config-get-target-dev-hub-unset.json', 'org list auth': 'org-list-auth-empty.json' }, undefined, say.noAuthAtAll()],
    [{ 'config get': 'config-get-target-dev-hub-unset.json', 'org list auth': 'org-list-auth-devhub.json' }, undefined, say.noDevHub()],
    [
      { 'org display': 'org-display-named-not-found.json', 'org list auth': 'org-list-auth-devhub.json' },
      'hub2',
      say.unknownDevHub('hub2'),
    ],
    [{ 'org display': 'org-display-refresh-token-expired.json' }, 'devhub', say.expiredSession('devhub')],
    [
      { 'config get': 'config-get-target-dev-hub-set.json', 'org display --target-org devhub': 'org-display-devhub.json' },
      undefined,
      undefined,
    ],
  ];
  for (const [scenario, named, sentence] of cases) {
    const fake = fakeSf(scenario);
    try {
      if (sentence === undefined) assert.equal(await checkDevHub(fake.sf, named), 'devhub');
      else assert.equal(await refusal(() => checkDevHub(fake.sf, named)), sentence);
    } finally {
      fake.cleanup();
    }
  }
  assert.match(say.noDevHub(), /^No Dev Hub is set: run `npx sf org login web --set-default-dev-hub --alias devhub`/);
});

test('preflight › a namespace the Dev Hub has not linked; a linked one, or a registry it cannot read, lets the command go on', async () => {
  const unlinked = fakeSf({ 'data query ~NamespaceRegistry': 'data-query-namespace-registry-empty.json' });
  try {
    const creating = await refusal(() => checkNamespaceLinked(unlinked.sf, 'devhub', 'sisync', true));
    assert.equal(creating, say.namespaceNotLinked('sisync', 'devhub', true));
    assert.match(creating, /`npm run org:create -- --no-namespace`/);
    const building = await refusal(() => checkNamespaceLinked(unlinked.sf, 'devhub', 'sisync', false));
    assert.doesNotMatch(building, /--no-namespace/);
    assert.match(building, /`npx sf org open --target-org devhub --path lightning\/o\/NamespaceRegistry\/list`/);
    assert.ok(unlinked.calls()[0]?.argv.includes("SELECT NamespacePrefix FROM NamespaceRegistry WHERE NamespacePrefix = 'sisync'"));
  } finally {
    unlinked.cleanup();
  }
  for (const answer of ['data-query-namespace-registry-linked.json', 'data-query-namespace-registry-refused.json']) {
    const fake = fakeSf({ 'data query': answer });
    try {
      await checkNamespaceLinked(fake.sf, 'devhub', 'sisync', true);
    } finally {
      fake.cleanup();
    }
  }
});

test('preflight › an sf that does not start is one sentence naming npm ci', async () => {
  const sf = createSf({ root: '/tmp', env: { ...process.env, SISYNC_SF_BIN: '/nonexistent/sf' } });
  const message = await refusal(() => checkOrg(sf, { targetOrg: undefined, kind: 'scratch', command: 'org:test', today }));
  assert.match(message, /^The sf CLI could not be asked \(the sf CLI did not start .*ENOENT.*\): run `npm ci`/);
});

test('preflight › every sentence is one line, one full stop, and names the command that fixes it', () => {
  const sentences = [
    say.noAuthAtAll(),
    say.noDevHub(),
    say.unknownDevHub('hub'),
    say.noDefaultOrg(true),
    say.noDefaultOrg(false),
    say.unknownOrg('o', true),
    say.unknownOrg('o', false),
    say.expiredScratchOrg('o'),
    say.notAScratchOrg('o', 'org:deploy'),
    say.expiredSession('o'),
    say.namespaceNotLinked('sisync', 'hub', true),
    say.namespaceNotLinked('sisync', 'hub', false),
    say.sfUnavailable('x'),
    say.orgRefused('o', 'boom\nsecond line'),
  ];
  for (const sentence of sentences) {
    assert.ok(!sentence.includes('\n'), sentence);
    assert.match(sentence, /`(npx sf|npm run|npm ci)[^`]*`/, sentence);
    assert.match(sentence, /[^.]\.$/, sentence);
    assert.doesNotMatch(sentence, /(^|[^x] )sf org/, `no bare sf: ${sentence}`);
  }
});
