/**
 * What a new user sees without an org, through the real entry point (`tsx scripts/scratch/run.ts`,
 * what `npm run org:*` runs) with the fake sf answering as sf does with no login: every command
 * exits non-zero within seconds, in at most three lines that say what to do; `--help` works on
 * each; a wrong flag is refused the same way.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COMMANDS } from '../commands/registry.ts';
import { fakeSf, runCommandLine as run } from './support/fake-sf.ts';

/** What each command needs on its command line before it asks sf anything. */
const required: Readonly<Record<string, readonly string[]>> = {
  'org:relay-user': ['--on-behalf-of', 'sia@acme.com'],
  'org:email-to-salesforce': ['--target-org', 'acme-prod'],
};

const noLogin = {
  'org display': 'org-display-no-default.json',
  'org display --target-org': 'org-display-named-not-found.json',
  'config get': 'config-get-target-dev-hub-unset.json',
  'org list auth': 'org-list-auth-empty.json',
};

test('no org › every command exits 1 within seconds, in at most three lines naming the command that fixes it', async () => {
  const fake = fakeSf(noLogin);
  try {
    const runs = await Promise.all(COMMANDS.map(({ help }) => run([help.name, ...(required[help.name] ?? [])], fake.env)));
    COMMANDS.forEach(({ help }, index) => {
      const result = runs[index];
      assert.ok(result, help.name);
      assert.equal(result.code, 1, `${help.name}: ${result.output.join(' | ')}`);
      assert.ok(result.output.length >= 1 && result.output.length <= 3, `${help.name}: ${result.output.length} lines`);
      assert.match(result.output.join('\n'), /`(npx sf [^`]+|npm run org:create[^`]*)`/, help.name);
      assert.ok(result.ms < 15_000, `${help.name} took ${result.ms} ms`);
    });
    assert.ok(
      !fake.commands().some((command) => !['org display', 'config get target-dev-hub', 'org list auth'].includes(command)),
      'only the preflight asked sf',
    );
  } finally {
    fake.cleanup();
  }
});

test('no org › --help works on each command, without asking sf', async () => {
  const fake = fakeSf({});
  try {
    const runs = await Promise.all(COMMANDS.map(({ help }) => run([help.name, '--help'], fake.env)));
    COMMANDS.forEach(({ help }, index) => {
      const result = runs[index];
      assert.equal(result?.code, 0, help.name);
      assert.equal(result?.output[0], `npm run ${help.name} -- [flags]`);
      assert.ok(
        result?.output.some((line) => line.includes('--help')),
        help.name,
      );
    });
    assert.deepEqual(fake.calls(), []);
  } finally {
    fake.cleanup();
  }
});

test('no org › a wrong flag or an unknown command is refused in at most three lines', async () => {
  const fake = fakeSf({});
  try {
    const wrong = await run(['org:deploy', '--alias', 'ci'], fake.env);
    assert.equal(wrong.code, 1);
    assert.deepEqual(wrong.output, [
      'org:deploy has no flag --alias: use --target-org.',
      'Usage: npm run org:deploy -- [--target-org <alias>] [--wait <minutes>] (more: npm run org:deploy -- --help)',
    ]);
    const unknown = await run(['org:seed-everything'], fake.env);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.output.length, 1);
    assert.match(unknown.output[0] ?? '', /^Unknown command "org:seed-everything": use one of org:create, org:deploy/);
  } finally {
    fake.cleanup();
  }
});
