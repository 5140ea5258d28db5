/**
 * The steps of the scratch-org and packaging commands: whatever ships the project's source to an
 * org or a package version builds the LWC JavaScript first (a clean clone has none: it is emitted
 * from the TypeScript and git-ignored).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planFor, shipsSource, type Step } from '../plan.ts';

const context = { root: '/repo', apiVersion: '66.0' };
const commands: readonly [string, readonly string[]][] = [
  ['create', ['--alias', 'a']],
  ['deploy', ['--alias', 'a']],
  ['test', ['--alias', 'a']],
  ['relay-user', ['--alias', 'a', '--user', 'integration@example.com']],
  ['email-to-salesforce', ['--target-org', 'a']],
  ['package-version', ['devhub']],
];

const kinds = (steps: readonly Step[]): string[] =>
  steps.map((step) => (step.kind === 'sf' ? `sf ${step.args.slice(0, 3).join(' ')}` : step.kind));

test('plan › org:deploy builds, deploys, then assigns the permission sets', () => {
  assert.deepEqual(kinds(planFor('deploy', ['--alias', 'a'], context)), ['buildLwc', 'sf project deploy start', 'sf org assign permset']);
});

test('plan › package:version builds before it creates the version', () => {
  assert.deepEqual(kinds(planFor('package-version', ['devhub'], context)), ['buildLwc', 'sf package version create']);
});

test('plan › no command ships the source before the LWC build', () => {
  let shipping = 0;
  for (const [command, args] of commands) {
    const steps = planFor(command, args, context);
    const firstShip = steps.findIndex(shipsSource);
    if (firstShip === -1) continue;
    shipping++;
    const build = steps.findIndex((step) => step.kind === 'buildLwc');
    assert.ok(build !== -1 && build < firstShip, `${command}: the build must come before ${kinds(steps)[firstShip] ?? ''}`);
  }
  assert.equal(shipping, 2, 'deploy and package-version ship the source');
});

test('plan › the metadata-only commands deploy what they generate, not the source', () => {
  for (const command of ['relay-user', 'email-to-salesforce']) {
    const args = commands.find(([name]) => name === command)?.[1] ?? [];
    const steps = planFor(command, args, context);
    assert.ok(!steps.some(shipsSource), command);
    assert.ok(
      steps.some((step) => step.kind === 'deployMetadata'),
      command,
    );
  }
});

test('plan › an unknown command names the ones that exist', () => {
  assert.throws(() => planFor('deploy-everything', [], context), /Unknown command "deploy-everything". Use create, deploy, test/);
});
