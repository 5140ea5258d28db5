import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apexTestCommand,
  assignPermissionSetsCommand,
  createScratchCommand,
  deleteScratchCommand,
  deployCommand,
  metadataDeployCommand,
  packageVersionCommand,
} from '../sf-commands.ts';

const scratch = { alias: 'a', durationDays: 2, noNamespace: false, devHub: 'hub', waitMinutes: 20 };

test('the create command uses the project definition, the Dev Hub, and adds --no-namespace only when asked', () => {
  const namespaced = createScratchCommand(scratch);
  assert.deepEqual(namespaced.slice(0, 5), ['org', 'create', 'scratch', '--definition-file', 'config/project-scratch-def.json']);
  assert.ok(!namespaced.includes('--no-namespace'));
  assert.ok(createScratchCommand({ ...scratch, noNamespace: true }).includes('--no-namespace'));
  const at = (flag: string): string | undefined => namespaced[namespaced.indexOf(flag) + 1];
  assert.deepEqual([at('--duration-days'), at('--target-dev-hub'), at('--wait'), at('--alias')], ['2', 'hub', '20', 'a']);
  assert.ok(namespaced.includes('--set-default'));
});

test('deploy, permission sets, tests, package version and delete target the right org', () => {
  assert.deepEqual(deployCommand('a', 30), ['project', 'deploy', 'start', '--target-org', 'a', '--wait', '30']);
  assert.deepEqual(metadataDeployCommand('a', '/tmp/x'), [
    'project',
    'deploy',
    'start',
    '--metadata-dir',
    '/tmp/x',
    '--target-org',
    'a',
    '--wait',
    '10',
  ]);
  assert.deepEqual(assignPermissionSetsCommand('a', ['X', 'Y']), [
    'org',
    'assign',
    'permset',
    '--target-org',
    'a',
    '--name',
    'X',
    '--name',
    'Y',
  ]);
  assert.deepEqual(assignPermissionSetsCommand('a', ['X'], 'u@a.co').slice(-2), ['--on-behalf-of', 'u@a.co']);
  const tests = apexTestCommand('a', '/out', 60);
  assert.ok(tests.includes('RunLocalTests') && tests.includes('--code-coverage'));
  assert.deepEqual(tests.slice(tests.indexOf('--result-format'), tests.indexOf('--result-format') + 4), [
    '--result-format',
    'json',
    '--output-dir',
    '/out',
  ]);
  const version = packageVersionCommand('hub', 60);
  assert.deepEqual(version.slice(version.indexOf('--package'), version.indexOf('--package') + 2), ['--package', 'Sales Insight Sync']);
  assert.deepEqual(version.slice(version.indexOf('--target-dev-hub'), version.indexOf('--target-dev-hub') + 2), [
    '--target-dev-hub',
    'hub',
  ]);
  assert.deepEqual(deleteScratchCommand('a'), ['org', 'delete', 'scratch', '--target-org', 'a', '--no-prompt']);
});
