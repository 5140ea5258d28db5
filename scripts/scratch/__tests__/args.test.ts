/**
 * One parser for every command: sf's flag names, `--flag value` = `--flag=value` = `-f value`, and a
 * refusal that names the flag and shows the usage. Every command has a help that lists its flags
 * and examples that its own parser accepts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { helpText, integerFlag, parseCommandArgs, UsageError, usageLine, type CommandHelp } from '../cli/args.ts';
import { COMMANDS, commandNamed } from '../commands/registry.ts';

function command(name: string): CommandHelp {
  const found = commandNamed(name);
  assert.ok(found, name);
  return found.help;
}

function refusal(help: CommandHelp, args: readonly string[]): UsageError {
  try {
    parseCommandArgs(help, args);
  } catch (error: unknown) {
    assert.ok(error instanceof UsageError, String(error));
    return error;
  }
  assert.fail(`${args.join(' ')} was accepted`);
}

test('args › --flag value, --flag=value and the short letter mean the same', () => {
  const deploy = command('org:deploy');
  for (const args of [['--target-org', 'ci'], ['--target-org=ci'], ['-o', 'ci'], ['-oci']]) {
    assert.equal(parseCommandArgs(deploy, args)['target-org'], 'ci', args.join(' '));
  }
  assert.deepEqual(
    { ...parseCommandArgs(command('org:create'), ['-a', 'x', '-y', '3', '--no-namespace', '-v', 'hub', '-w', '5']) },
    {
      alias: 'x',
      'duration-days': '3',
      'no-namespace': true,
      'target-dev-hub': 'hub',
      wait: '5',
    },
  );
  assert.equal(parseCommandArgs(deploy, ['-h'])['help'], true);
});

test('args › an unknown flag is named, with the flags there are, or the one it was renamed to', () => {
  const deploy = command('org:deploy');
  assert.equal(refusal(deploy, ['--colour']).message, 'org:deploy has no flag --colour; its flags are --target-org, --wait, --help.');
  assert.equal(refusal(deploy, ['--alias', 'x']).message, 'org:deploy has no flag --alias: use --target-org.');
  assert.equal(refusal(command('org:create'), ['--days', '3']).message, 'org:create has no flag --days: use --duration-days.');
  assert.equal(refusal(command('org:relay-user'), ['--user', 'a@b.co']).message, 'org:relay-user has no flag --user: use --on-behalf-of.');
  assert.equal(
    refusal(command('org:relay-user'), ['--namespace', '']).message,
    'org:relay-user has no flag --namespace: use --no-namespace.',
  );
});

test('args › a missing value names the flag that lacks it, not the next one', () => {
  const deploy = command('org:deploy');
  assert.equal(refusal(deploy, ['--target-org']).message, '--target-org needs a value: --target-org <alias>.');
  assert.equal(refusal(deploy, ['--target-org', '--wait', '3']).message, '--target-org needs a value: --target-org <alias>.');
  assert.equal(refusal(deploy, ['-w']).message, '--wait needs a value: --wait <minutes>.');
  assert.equal(refusal(command('org:create'), ['--no-namespace=yes']).message, '--no-namespace takes no value.');
});

test('args › a bare word is refused with the flag it probably meant (package:version devhub was read as the Dev Hub)', () => {
  const error = refusal(command('package:version'), ['devhub']);
  assert.equal(error.message, 'package:version takes flags only, not "devhub": name what it is, e.g. --target-dev-hub devhub.');
  assert.equal(
    error.usage,
    'Usage: npm run package:version -- [--target-dev-hub <alias>] [--wait <minutes>] (more: npm run package:version -- --help)',
  );
});

test('args › whole numbers within bounds, or the default', () => {
  const create = command('org:create');
  const bounds = { min: 1, max: 30, fallback: 7 };
  assert.equal(integerFlag({}, create, 'duration-days', bounds), 7);
  assert.equal(integerFlag({ 'duration-days': '30' }, create, 'duration-days', bounds), 30);
  for (const bad of ['0', '31', '2.5', 'seven', '']) {
    assert.throws(
      () => integerFlag({ 'duration-days': bad }, create, 'duration-days', bounds),
      /--duration-days must be a whole number from 1 to 30/,
      bad,
    );
  }
});

test('args › every command: sf’s flag names and letters, a help with its flags, examples its parser accepts', () => {
  const sfNames: Record<string, string | undefined> = {
    'target-org': 'o',
    'target-dev-hub': 'v',
    alias: 'a',
    'duration-days': 'y',
    'no-namespace': undefined,
    wait: 'w',
    'on-behalf-of': 'b',
    // org:seed's own, as the issue names it: no sf command loads sample Tasks, so no letter.
    tasks: undefined,
    // org:e2e's own, for what sf has no flag for (the tunnel, the workbench, signing): no letters.
    'workbench-url': undefined,
    'workbench-port': undefined,
    'signing-key-file': undefined,
    'accept-unsigned': undefined,
    'integration-org': undefined,
  };
  assert.deepEqual(
    COMMANDS.map((known) => known.help.name),
    [
      'org:create',
      'org:deploy',
      'org:seed',
      'org:test',
      'org:e2e',
      'org:delete',
      'org:relay-user',
      'org:email-to-salesforce',
      'package:version',
    ],
  );
  for (const { help } of COMMANDS) {
    const text = helpText(help);
    assert.ok(text.startsWith(`npm run ${help.name} -- [flags]\n\n${help.summary}\n`), help.name);
    for (const flag of help.flags) {
      assert.ok(flag.name in sfNames, `${help.name} --${flag.name} is one of sf's names`);
      assert.equal(flag.short, sfNames[flag.name], `${help.name} --${flag.name}'s letter is sf's`);
      assert.match(
        text,
        new RegExp(`--${flag.name}\\b.*${flag.summary.slice(0, 20).replace(/[()]/g, '.')}`),
        `${help.name} --${flag.name}`,
      );
    }
    assert.match(text, /-h, --help\s+Show this help and exit\./);
    assert.ok(help.examples.length > 0, `${help.name} has an example`);
    for (const example of help.examples) {
      const [prefix, rest = ''] = example.split(' -- ');
      assert.equal(prefix, `npm run ${help.name}`, example);
      parseCommandArgs(help, rest === '' ? [] : rest.split(' '));
    }
    assert.ok(usageLine(help).startsWith(`Usage: npm run ${help.name} --`));
  }
});
