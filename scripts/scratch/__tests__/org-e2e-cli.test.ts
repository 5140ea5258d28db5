/**
 * org:e2e's command line and its runner, without a workbench: --help, no org (fast, a few lines,
 * the fixing command), the URL and signing flags refused by name, --alias as the issue spells it,
 * and the runner's rows — a failed step fails, a step after it is skipped naming it, secrets are
 * redacted from every detail and from results/e2e.json.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { UsageError } from '../cli/args.ts';
import { createOrgE2e } from '../commands/org-e2e.ts';
import { PreflightError } from '../commands/errors.ts';
import { Redactor, REDACTED } from '../e2e/redact.ts';
import { failed, passed, resultsTable, runPassed, runSteps, writeResults, type Step } from '../e2e/runner.ts';
import { fakeSf, runCommandLine, type CommandLineRun } from './support/fake-sf.ts';

function run(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CommandLineRun> {
  return runCommandLine(['org:e2e', ...args], env);
}

const noLogin = {
  'org display': 'org-display-no-default.json',
  'org display --target-org': 'org-display-named-not-found.json',
  'org list auth': 'org-list-auth-empty.json',
};

test('org:e2e › --help prints the flags, sf’s names and the issue’s --alias, and asks sf nothing', async () => {
  const fake = fakeSf({});
  try {
    const result = await run(['--help'], fake.env);
    assert.equal(result.code, 0);
    assert.equal(result.output[0], 'npm run org:e2e -- [flags]');
    for (const flag of ['--target-org', '--alias', '--workbench-url', '--signing-key-file', '--accept-unsigned', '--help']) {
      assert.ok(
        result.output.some((line) => line.includes(flag)),
        flag,
      );
    }
    assert.deepEqual(fake.calls(), []);
  } finally {
    fake.cleanup();
  }
});

test('org:e2e › without an org it exits 1 within seconds in a few lines naming the fix, having asked only the preflight', async () => {
  const fake = fakeSf(noLogin);
  try {
    for (const args of [[], ['--alias', 'sisync-dev', '--workbench-url', 'https://abc.trycloudflare.com', '--accept-unsigned']]) {
      const result = await run(args, fake.env);
      assert.equal(result.code, 1, result.output.join(' | '));
      assert.ok(result.output.length >= 1 && result.output.length <= 3, result.output.join(' | '));
      assert.match(result.output.join('\n'), /`npx sf org login web[^`]*`/);
      assert.match(result.output.join('\n'), /npm run org:deploy/);
      assert.ok(result.ms < 15_000, `${result.ms} ms`);
    }
    assert.ok(
      fake.commands().every((command) => ['org display', 'org list auth'].includes(command)),
      fake.commands().join(', '),
    );
  } finally {
    fake.cleanup();
  }
});

test('org:e2e › --workbench-url must be an https origin Salesforce can reach; refused before sf is asked', async () => {
  const fake = fakeSf({});
  try {
    const cases: [string, RegExp][] = [
      ['http://abc.trycloudflare.com', /--workbench-url must be https: Salesforce calls the Named Credential's URL over https only/],
      ['https://localhost:4321', /is this machine, which Salesforce cannot reach/],
      ['https://127.0.0.1', /is this machine/],
      ['https://abc.trycloudflare.com/v1', /must be the tunnel's origin alone, e\.g\. https:\/\/abc\.trycloudflare\.com/],
      ['not a url', /--workbench-url must be a URL such as https:/],
    ];
    for (const [url, message] of cases) {
      await assert.rejects(createOrgE2e().run({ 'workbench-url': url, 'accept-unsigned': true }, fake.context()), (error: unknown) => {
        assert.ok(error instanceof UsageError, url);
        assert.match(error.message, message, url);
        return true;
      });
    }
    assert.deepEqual(fake.calls(), []);
  } finally {
    fake.cleanup();
  }
});

test('org:e2e › signing: a short key file is refused without printing it; both choices or none are refused by name', async () => {
  const fake = fakeSf({ 'org display': 'org-display-scratch.json' });
  const directory = mkdtempSync(join(tmpdir(), 'e2e-key-'));
  try {
    const short = join(directory, 'short');
    writeFileSync(short, 'tooshortsecret\n');
    const url = 'https://abc.trycloudflare.com';
    await assert.rejects(createOrgE2e().run({ 'workbench-url': url, 'signing-key-file': short }, fake.context()), (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.match(error.message, /holds 14 characters, not a signing key/);
      assert.doesNotMatch(error.message, /tooshortsecret/);
      return true;
    });
    await assert.rejects(
      createOrgE2e().run({ 'workbench-url': url, 'signing-key-file': short, 'accept-unsigned': true }, fake.context()),
      /Use one of --signing-key-file and --accept-unsigned, not both/,
    );
    await assert.rejects(
      createOrgE2e().run({ 'workbench-url': url }, fake.context()),
      /Choose how the run signs: --signing-key-file <file>/,
    );
    await assert.rejects(createOrgE2e().run({ 'accept-unsigned': true }, fake.context()), /--workbench-url is required/);
  } finally {
    fake.cleanup();
    rmSync(directory, { recursive: true, force: true });
  }
});

test('org:e2e › --alias works as the issue writes it (the org it names is the one checked); a clash with --target-org is refused', async () => {
  const fake = fakeSf({ 'org display --target-org sisync-dev': 'org-display-non-scratch.json' });
  try {
    await assert.rejects(
      createOrgE2e().run(
        { alias: 'sisync-dev', 'workbench-url': 'https://abc.trycloudflare.com', 'accept-unsigned': true },
        fake.context(),
      ),
      (error: unknown) => error instanceof PreflightError && /not a scratch org/.test(error.message),
    );
    assert.deepEqual(fake.calls()[0]?.argv.slice(0, 4), ['org', 'display', '--target-org', 'sisync-dev']);
    await assert.rejects(createOrgE2e().run({ alias: 'a', 'target-org': 'b' }, fake.context()), /--alias is another name for --target-org/);
  } finally {
    fake.cleanup();
  }
});

test('runner › a failing step fails the run, the steps needing it are skipped naming it, secrets are redacted everywhere', async () => {
  const secret = 'c0ffee'.repeat(8);
  const redactor = new Redactor();
  redactor.add(secret);
  const ran: string[] = [];
  const steps: Step<null>[] = [
    { name: 'first', proves: 'a', run: () => (ran.push('first'), Promise.resolve(passed(`token ${secret} used`))) },
    { name: 'second', proves: 'b', needs: ['first'], run: () => Promise.reject(new Error(`refused with ${secret}\nsecond line`)) },
    { name: 'third', proves: 'c', needs: ['second'], run: () => (ran.push('third'), Promise.resolve(passed('never'))) },
    { name: 'fourth', proves: 'd', needs: ['first'], run: () => Promise.resolve(failed('seen nothing')) },
  ];
  let clock = 0;
  const rows = await runSteps(steps, null, { redactor, nowMs: () => (clock += 500) });
  assert.deepEqual(ran, ['first']);
  assert.deepEqual(
    rows.map((row) => [row.step, row.outcome, row.detail]),
    [
      ['first', 'passed', `token ${REDACTED} used`],
      ['second', 'failed', `refused with ${REDACTED}`],
      ['third', 'skipped', 'not run: second did not pass'],
      ['fourth', 'failed', 'seen nothing'],
    ],
  );
  assert.equal(runPassed(rows), false);
  assert.equal(runPassed(rows.slice(0, 1)), true);
  const table = resultsTable(rows);
  assert.match(table.at(-1) ?? '', /^1 passed, 2 failed, 1 skipped$/);
  assert.ok(!table.join('\n').includes(secret));
  const directory = mkdtempSync(join(tmpdir(), 'e2e-results-'));
  try {
    const file = join(directory, 'results', 'e2e.json');
    writeResults(
      file,
      { org: 'o', workbenchUrl: `https://x.example/${secret}`, signing: 's', startedAt: 't', passed: false, totals: '', steps: rows },
      redactor,
    );
    const text = readFileSync(file, 'utf8');
    assert.ok(!text.includes(secret));
    assert.equal((JSON.parse(text) as { steps: unknown[] }).steps.length, 4);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
