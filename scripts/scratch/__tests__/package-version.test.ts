/**
 * package:version against the fake sf with recorded answers (`sf package list|create|version create
 * --json`, shapes from plugin-packaging 2.146's source): the package is adopted or created only when
 * sfdx-project.json has no alias, its real id is written back, the version is built after the LWC
 * build, and its ids and install URL are printed and written to results/package-version.json.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { helpText } from '../cli/args.ts';
import { PreflightError } from '../commands/errors.ts';
import { packageVersion } from '../commands/package-version.ts';
import { BUILD_MARK, fakeSf, fixture, REPO_ROOT, type FakeSf } from './support/fake-sf.ts';

const devHub = { 'org display': 'org-display-devhub.json', 'data query': 'data-query-namespace-registry-linked.json' };
const PROJECT = readFileSync(join(REPO_ROOT, 'sfdx-project.json'), 'utf8');
const ALIASED = PROJECT.replace(/\n}\s*$/, ',\n  "packageAliases": {\n    "Sales Insight Sync": "0Ho5g000000CDkGCAW"\n  }\n}\n');

/** A fake sf whose project root holds the given sfdx-project.json. */
function withProject(scenario: Record<string, unknown>, projectText = PROJECT): FakeSf {
  const fake = fakeSf(scenario);
  mkdirSync(fake.root, { recursive: true });
  writeFileSync(join(fake.root, 'sfdx-project.json'), projectText);
  return fake;
}

const projectOf = (fake: FakeSf): string => readFileSync(join(fake.root, 'sfdx-project.json'), 'utf8');
const resultOf = (fake: FakeSf): Record<string, unknown> =>
  JSON.parse(readFileSync(join(fake.root, 'results', 'package-version.json'), 'utf8')) as Record<string, unknown>;

test('package:version › without an alias it creates the managed package, writes its id into the text as it was, then builds the version', async () => {
  // The repository's file has no packageAliases: the case of a first version.
  assert.ok(!PROJECT.includes('packageAliases'));
  const fake = withProject({
    ...devHub,
    'package list': 'package-list-empty.json',
    'package create': 'package-create.json',
    'package version create': 'package-version-create.json',
  });
  try {
    await packageVersion.run({ 'target-dev-hub': 'devhub' }, fake.context());
    assert.deepEqual(fake.commands(), [
      'org display',
      'data query',
      'package list',
      'package create',
      BUILD_MARK,
      'package version create',
    ]);
    assert.deepEqual(fake.calls()[3]?.argv, [
      ...['package', 'create', '--name', 'Sales Insight Sync', '--package-type', 'Managed', '--path', 'force-app'],
      ...['--target-dev-hub', 'devhub', '--json'],
    ]);
    // Every line of the developers' file is kept; only the alias block is added, with the file's indent.
    assert.equal(projectOf(fake), ALIASED);
    const project = JSON.parse(projectOf(fake)) as { packageAliases: Record<string, string>; packageDirectories: { package?: string }[] };
    assert.equal(project.packageDirectories[0]?.package, 'Sales Insight Sync');
    assert.deepEqual(project.packageAliases, { 'Sales Insight Sync': '0Ho5g000000CDkGCAW' });
    const version = fake.calls()[5]?.argv ?? [];
    assert.equal(version[version.indexOf('--package') + 1], 'Sales Insight Sync');
    assert.ok(version.includes('--code-coverage') && version.includes('--installation-key-bypass') && version.includes('--json'));
  } finally {
    fake.cleanup();
  }
});

test('package:version › prints the install URL and writes the version to results/package-version.json', async () => {
  const named = withProject({ ...devHub, 'package version create': 'package-version-create.json' }, ALIASED);
  try {
    await packageVersion.run({ 'target-dev-hub': 'devhub' }, named.context());
    assert.deepEqual(named.commands(), ['org display', 'data query', BUILD_MARK, 'package version create']);
    const url = 'https://login.salesforce.com/packaging/installPackage.apexp?p0=04t5g000000Ia9XAAS';
    assert.ok(named.lines.includes(`Install URL: ${url}`), named.lines.join('\n'));
    assert.ok(named.lines.some((line) => line.startsWith('Package version 0.1.0.1 (beta): 04t5g000000Ia9XAAS')));
    assert.ok(named.lines.some((line) => line.includes('package version promote --package 04t5g000000Ia9XAAS --target-dev-hub devhub')));
    assert.deepEqual(resultOf(named), {
      outcome: 'created',
      package: 'Sales Insight Sync',
      packageId: '0Ho5g000000CDkGCAW',
      versionNumber: '0.1.0.1',
      subscriberPackageVersionId: '04t5g000000Ia9XAAS',
      packageVersionId: '05i5g000000KzLwAAK',
      createRequestId: '08c5g000000L2QpAAK',
      installUrl: url,
      sandboxInstallUrl: 'https://test.salesforce.com/packaging/installPackage.apexp?p0=04t5g000000Ia9XAAS',
      codeCoverage: 91,
      hasPassedCodeCoverageCheck: true,
      released: false,
      createdDate: '2026-12-03 10:42',
      devHub: 'devhub',
    });
    // An existing alias is used as it is: the project file is not touched.
    assert.equal(projectOf(named), ALIASED);
  } finally {
    named.cleanup();
  }
});

test('package:version › a package the Dev Hub already has is adopted, not created twice', async () => {
  const fake = withProject({
    ...devHub,
    'package list': 'package-list-sales-insight-sync.json',
    'package version create': 'package-version-create.json',
  });
  try {
    await packageVersion.run({ 'target-dev-hub': 'devhub' }, fake.context());
    assert.ok(!fake.commands().includes('package create'));
    assert.equal(projectOf(fake), ALIASED);
    assert.ok(fake.lines.some((line) => line.includes('already has the package "Sales Insight Sync" (0Ho5g000000CDkGCAW)')));
  } finally {
    fake.cleanup();
  }
});

test('package:version › a refused or id-less package create writes nothing and builds nothing', async () => {
  const refused = withProject({
    ...devHub,
    'package list': 'package-list-empty.json',
    'package create': {
      name: 'NOT_AUTHORIZED',
      message:
        'You do not have permission to create packages. Ask your administrator for the Create and Update Second-Generation Packages permission.',
      status: 1,
      exitCode: 1,
      warnings: [],
    },
  });
  try {
    await assert.rejects(
      packageVersion.run({ 'target-dev-hub': 'devhub' }, refused.context()),
      /sf package create refused to create "Sales Insight Sync" \(You do not have permission/,
    );
    assert.equal(projectOf(refused), PROJECT);
    assert.ok(!refused.commands().includes(BUILD_MARK));
  } finally {
    refused.cleanup();
  }
  const placeholder = withProject({
    ...devHub,
    'package list': 'package-list-empty.json',
    'package create': { status: 0, result: { Id: '0Ho000000000000AAA' }, warnings: [] },
  });
  try {
    await assert.rejects(
      packageVersion.run({ 'target-dev-hub': 'devhub' }, placeholder.context()),
      /answered no package id \(got "0Ho000000000000AAA"\)/,
    );
    assert.equal(projectOf(placeholder), PROJECT);
  } finally {
    placeholder.cleanup();
  }
});

test('package:version › an alias that is no package id is refused before any sf packaging call', async () => {
  const fake = withProject(
    devHub,
    PROJECT.replace(/\n}\s*$/, ',\n  "packageAliases": { "Sales Insight Sync": "0HoXXXXXXXXXXXXXXX" }\n}\n'),
  );
  try {
    await assert.rejects(
      packageVersion.run({ 'target-dev-hub': 'devhub' }, fake.context()),
      /packageAliases\["Sales Insight Sync"\] = "0HoXXXXXXXXXXXXXXX", which is no package id/,
    );
    assert.deepEqual(fake.commands(), ['org display', 'data query']);
  } finally {
    fake.cleanup();
  }
});

test("package:version › a failed build lists sf's errors, and results/package-version.json keeps them", async () => {
  const fake = withProject({ ...devHub, 'package version create': 'package-version-create-failed.json' }, ALIASED);
  try {
    await assert.rejects(packageVersion.run({ 'target-dev-hub': 'devhub' }, fake.context()), (error: Error) => {
      const lines = error.message.split('\n');
      assert.match(lines[0] ?? '', /^The package version was not created/);
      assert.match(lines[1] ?? '', /^ {2}Apex Test Failure: Class\.SyncSettingsService_Tests/);
      assert.equal(lines[2], '  SyncSettingsController: Variable does not exist: lockedKeys');
      return true;
    });
    const result = resultOf(fake);
    assert.equal(result['outcome'], 'failed');
    assert.equal((result['errors'] as string[]).length, 2);
  } finally {
    fake.cleanup();
  }
});

test('package:version › when --wait runs out it names the request and the command that reports on it', async () => {
  const fake = withProject({ ...devHub, 'package version create': 'package-version-create-timeout.json' }, ALIASED);
  try {
    await assert.rejects(
      packageVersion.run({ 'target-dev-hub': 'devhub', wait: '5' }, fake.context()),
      /still building when --wait ran out .*`npx sf package version create report --package-create-request-id 08c5g000000L2QpAAK --target-dev-hub devhub`/,
    );
    assert.equal(resultOf(fake)['outcome'], 'pending');
    assert.equal(resultOf(fake)['createRequestId'], '08c5g000000L2QpAAK');
  } finally {
    fake.cleanup();
  }
});

test('package:version › a version under 75 % coverage is built but said to be unpromotable', async () => {
  const recorded = fixture('package-version-create.json') as { result: Record<string, unknown> };
  const low = { ...recorded, result: { ...recorded.result, CodeCoverage: 62, HasPassedCodeCoverageCheck: false } };
  const fake = withProject({ ...devHub, 'package version create': low }, ALIASED);
  try {
    await packageVersion.run({ 'target-dev-hub': 'devhub' }, fake.context());
    assert.ok(fake.lines.includes('Apex coverage 62 %: under the 75 % a released version needs, so this beta cannot be promoted.'));
    assert.ok(!fake.lines.some((line) => line.includes('package version promote')));
  } finally {
    fake.cleanup();
  }
});

test('package:version › --target-dev-hub x reaches sf once as --target-dev-hub x, after the build', async () => {
  const fake = withProject({ ...devHub, 'package version create': 'package-version-create.json' }, ALIASED);
  try {
    await packageVersion.run({ 'target-dev-hub': 'devhub', wait: '90' }, fake.context());
    const argv = fake.calls()[3]?.argv ?? [];
    assert.equal(argv.filter((arg) => arg === '--target-dev-hub').length, 1);
    assert.equal(argv[argv.indexOf('--target-dev-hub') + 1], 'devhub');
    assert.equal(argv[argv.indexOf('--wait') + 1], '90');
  } finally {
    fake.cleanup();
  }
});

test('package:version › no Dev Hub, or an unlinked namespace, stops with one sentence before anything is built or written', async () => {
  const none = withProject({ 'config get': 'config-get-target-dev-hub-unset.json', 'org list auth': 'org-list-auth-devhub.json' });
  try {
    await assert.rejects(packageVersion.run({}, none.context()), (error: unknown) => {
      assert.ok(error instanceof PreflightError);
      assert.equal(
        error.message,
        'No Dev Hub is set: run `npx sf org login web --set-default-dev-hub --alias devhub` (or pass --target-dev-hub <alias>).',
      );
      return true;
    });
    assert.ok(!none.commands().includes(BUILD_MARK));
  } finally {
    none.cleanup();
  }
  const unlinked = withProject({ 'org display': 'org-display-devhub.json', 'data query': 'data-query-namespace-registry-empty.json' });
  try {
    await assert.rejects(
      packageVersion.run({ 'target-dev-hub': 'devhub' }, unlinked.context()),
      /The namespace sisync is not linked to the Dev Hub devhub, so no version can be built/,
    );
    assert.ok(!unlinked.commands().includes(BUILD_MARK) && !unlinked.commands().includes('package list'));
    assert.equal(projectOf(unlinked), PROJECT);
    assert.ok(!existsSync(join(unlinked.root, 'results')));
  } finally {
    unlinked.cleanup();
  }
});

test('package:version › --help says what it writes, the alias it may add and the daily limit', () => {
  const text = helpText(packageVersion.help);
  assert.match(text, /results\/package-version\.json/);
  assert.match(text, /packageAliases/);
  assert.match(text, /daily limit/);
});
