import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apexTestCommand,
  assignPermissionSetsCommand,
  createScratchCommand,
  deployCommand,
  packageVersionCommand,
  parseScratchOptions,
} from '../sf-commands.ts';

test('scratch options default to a 7-day namespaced org called sisync-dev', () => {
  assert.deepEqual(parseScratchOptions([]), { alias: 'sisync-dev', durationDays: 7, noNamespace: false });
});

test('scratch options parse alias, days and --no-namespace', () => {
  assert.deepEqual(parseScratchOptions(['--alias', 'ci', '--days', '1', '--no-namespace']), {
    alias: 'ci',
    durationDays: 1,
    noNamespace: true,
  });
});

test('bad scratch options are rejected with the fix', () => {
  assert.throws(() => parseScratchOptions(['--days', '31']), /--days must be a whole number from 1 to 30/);
  assert.throws(() => parseScratchOptions(['--alias']), /--alias needs a value/);
  assert.throws(
    () => parseScratchOptions(['--colour']),
    /Unknown option "--colour". Accepted: --alias <name>, --days <1-30>, --no-namespace/,
  );
});

test('the create command uses the project definition and adds --no-namespace only when asked', () => {
  const namespaced = createScratchCommand({ alias: 'a', durationDays: 2, noNamespace: false });
  assert.deepEqual(namespaced.slice(0, 5), ['org', 'create', 'scratch', '--definition-file', 'config/project-scratch-def.json']);
  assert.ok(!namespaced.includes('--no-namespace'));
  assert.ok(createScratchCommand({ alias: 'a', durationDays: 2, noNamespace: true }).includes('--no-namespace'));
  assert.deepEqual(namespaced.slice(namespaced.indexOf('--duration-days'), namespaced.indexOf('--duration-days') + 2), [
    '--duration-days',
    '2',
  ]);
});

test('deploy, permission sets, tests and package version target the right org', () => {
  assert.deepEqual(deployCommand('a'), ['project', 'deploy', 'start', '--target-org', 'a', '--wait', '30']);
  assert.deepEqual(assignPermissionSetsCommand('a'), [
    'org',
    'assign',
    'permset',
    '--target-org',
    'a',
    '--name',
    'SalesInsightSyncAdmin',
    '--name',
    'SalesInsightSyncUser',
  ]);
  const tests = apexTestCommand('a', '/out');
  assert.ok(tests.includes('RunLocalTests') && tests.includes('--code-coverage'));
  const version = packageVersionCommand('hub');
  assert.deepEqual(version.slice(version.indexOf('--package'), version.indexOf('--package') + 2), ['--package', 'Sales Insight Sync']);
  assert.ok(version.includes('--code-coverage'));
});
