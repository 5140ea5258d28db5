/**
 * The fake sf the other tests rely on: it answers by the most specific matcher, in sequence for
 * repeated calls, records every call with the files it was pointed at, and refuses a command it
 * has no answer for (so an unexpected call fails a test instead of passing silently).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fakeSf } from './support/fake-sf.ts';

test('fake sf › the most specific matcher answers, flags and ~texts included', async () => {
  const fake = fakeSf({
    'org display': 'org-display-no-default.json',
    'org display --target-org sisync-dev-integration': 'org-display-scratch.json',
    'data query ~NamespaceRegistry': 'data-query-namespace-registry-linked.json',
    'data query': 'data-query-empty.json',
  });
  try {
    assert.equal((await fake.sf.json(['org', 'display'])).name, 'NoDefaultEnvError');
    const integration = await fake.sf.json(['org', 'display', '--target-org', 'sisync-dev-integration']);
    assert.equal(integration.status, 0);
    const registry = await fake.sf.json([
      'data',
      'query',
      '--query',
      "SELECT NamespacePrefix FROM NamespaceRegistry WHERE NamespacePrefix = 'sisync'",
    ]);
    assert.equal((registry.result as { totalSize: number }).totalSize, 1);
    assert.equal(
      ((await fake.sf.json(['data', 'query', '--query', 'SELECT Id FROM Profile'])).result as { totalSize: number }).totalSize,
      0,
    );
    assert.deepEqual(
      fake.calls().map((call) => call.matched),
      ['org display', 'org display --target-org sisync-dev-integration', 'data query ~NamespaceRegistry', 'data query'],
    );
  } finally {
    fake.cleanup();
  }
});

test('fake sf › a list answers calls in order and repeats its last answer', async () => {
  const fake = fakeSf({ 'org display': ['org-display-named-not-found.json', 'org-display-scratch.json'] });
  try {
    const statuses = [];
    for (let call = 0; call < 3; call++) statuses.push((await fake.sf.json(['org', 'display'])).status);
    assert.deepEqual(statuses, [2, 0, 0]);
  } finally {
    fake.cleanup();
  }
});

test('fake sf › a command without an answer is refused by name, with a non-zero exit', async () => {
  const fake = fakeSf({});
  try {
    const answer = await fake.sf.json(['org', 'list']);
    assert.equal(answer.name, 'FakeSfUnexpectedCommand');
    assert.match(answer.message ?? '', /no answer for: sf org list --json/);
    assert.equal(answer.status, 1);
  } finally {
    fake.cleanup();
  }
});

test('fake sf › text answers print as recorded and exit with their code; metadata dirs are recorded', async () => {
  const fake = fakeSf({
    'api request rest': 'api-request-rest-heartbeat-403.json',
    'project deploy start': { $stdout: 'Status: Succeeded' },
  });
  const directory = mkdtempSync(join(tmpdir(), 'sisync-md-'));
  try {
    const refused = await fake.sf.text(['api', 'request', 'rest', '/x', '--method', 'POST']);
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, /INSUFFICIENT_ACCESS/);
    writeFileSync(join(directory, 'package.xml'), '<Package/>');
    assert.equal(await fake.sf.show(['project', 'deploy', 'start', '--metadata-dir', directory]), 0);
    assert.deepEqual(fake.calls()[1]?.files, { 'package.xml': '<Package/>' });
    assert.deepEqual(fake.lines, ['Status: Succeeded']);
  } finally {
    rmSync(directory, { recursive: true, force: true });
    fake.cleanup();
  }
});
