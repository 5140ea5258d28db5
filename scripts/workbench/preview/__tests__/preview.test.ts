/**
 * The preview without a browser: labels, fixture resolution, scenarios, the background build
 * and the routes that serve it (with a stand-in bundler, so no test here waits for rollup).
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { removeDirectory, startTestWorkbench, tempDirectory } from '../../__tests__/support.ts';
import { hashFiles, previewSources, type PreviewBuild } from '../build.ts';
import { readLabels } from '../labels.ts';
import { previewPage } from '../page.ts';
import {
  answeredMethods,
  fixtureIndex,
  readFixture,
  resolveAllScenarios,
  resolveScenario,
  SCENARIOS,
  type Scenario,
} from '../scenarios.ts';
import { PreviewService } from '../service.ts';

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const DATA = 'force-app/main/ui/lwc/syncSettingsPage/__tests__/data';

/** A throwaway root holding only the page's fixtures (and any extra files a test adds). */
function fixtureRoot(): string {
  const directory = tempDirectory('preview');
  cpSync(join(root, DATA), join(directory, DATA), { recursive: true });
  return directory;
}

function writeJson(directory: string, path: string, value: unknown): void {
  mkdirSync(join(directory, path, '..'), { recursive: true });
  writeFileSync(join(directory, path), JSON.stringify(value));
}

/** A bundler stand-in that finishes when told to. */
function controlledBuild(): { build: (root: string) => Promise<PreviewBuild>; finish: () => void; fail: (message: string) => void } {
  let finish = (): void => {};
  let fail: (message: string) => void = () => {};
  const build = (): Promise<PreviewBuild> =>
    new Promise((resolve, reject) => {
      // The sources' real hash: a different one would (rightly) start a rebuild on the next request.
      finish = () =>
        resolve({ hash: hashFiles(root, previewSources(root)), bundlePath: join(root, 'package.json'), cached: false, seconds: 1 });
      fail = (message) => reject(new Error(message));
    });
  return { build, finish: () => finish(), fail: (message) => fail(message) };
}

test('labels: the package XML gives every label its value; a label defined twice is an error', () => {
  const labels = readLabels(root);
  assert.equal(labels.get('SiSync_Page_AdminTitle'), 'Sync settings');
  const directory = tempDirectory('labels');
  try {
    const label = '<labels><fullName>Twice</fullName><value>x</value></labels>';
    mkdirSync(join(directory, 'labels'));
    writeFileSync(join(directory, 'labels/A.labels-meta.xml'), `<CustomLabels>${label}${label}</CustomLabels>`);
    assert.throws(() => readLabels(directory, 'labels'), /label Twice is defined twice/);
  } finally {
    removeDirectory(directory);
  }
});

test('fixtures: a missing variant names the file to add; copies that differ name both paths', () => {
  const directory = fixtureRoot();
  try {
    const index = fixtureIndex(directory);
    assert.throws(
      () => readFixture(directory, index, 'SettingsPageController.load', 'nope'),
      /SettingsPageController\.load\.nope\.json is missing/,
    );
    writeJson(directory, 'force-app/a/lwc/one/__tests__/data/X.m.json', { saved: true });
    writeJson(directory, 'force-app/a/lwc/two/__tests__/data/X.m.json', { saved: false });
    assert.throws(() => readFixture(directory, fixtureIndex(directory), 'X.m', ''), /X\.m\.json has copies that differ: .*one.*two/);
    writeJson(directory, 'force-app/a/lwc/two/__tests__/data/X.m.json', { saved: true });
    assert.deepEqual(readFixture(directory, fixtureIndex(directory), 'X.m', '').value, { saved: true });
  } finally {
    removeDirectory(directory);
  }
});

test('scenarios: every one resolves from the real fixtures, each Apex method answered', () => {
  const resolved = resolveAllScenarios(root);
  const methods = answeredMethods(fixtureIndex(root));
  assert.ok(methods.includes('SettingsPageController.load') && methods.includes('BccController.activate'));
  assert.equal(resolved.size, SCENARIOS.length);
  for (const [id, data] of resolved) {
    for (const method of methods) assert.ok((data.answers[method]?.length ?? 0) > 0, `${id} answers ${method}`);
  }
  const rep = resolved.get('rep-with-locks')?.answers['SettingsPageController.load']?.[0];
  assert.ok(rep && 'value' in rep && (rep.value as { isAdmin: boolean }).isAdmin === false);
  const noAccess = resolved.get('minimum-access')?.answers['SettingsPageController.load']?.[0];
  assert.ok(noAccess && 'error' in noAccess, 'reject: answers with the fixture as the thrown error');
  assert.equal(resolved.get('not-connected')?.scenario.openSection, 'connection');
  assert.equal(resolved.get('admin-profile')?.scenario.openTab, 'profile');
  assert.equal(resolved.get('admin')?.scenario.openTab, undefined);
  assert.deepEqual(resolved.get('admin')?.files.includes(`${DATA}/SettingsPageController.load.json`), true);
});

test('scenarios: one naming a missing fixture stops the preview, naming scenario and file; an id used twice too', () => {
  const broken: Scenario = {
    id: 'broken',
    title: 'Broken',
    description: '',
    answers: { 'SettingsPageController.load': ['missingVariant'] },
  };
  assert.throws(
    () => resolveAllScenarios(root, [...SCENARIOS, broken]),
    /scenario broken: Preview fixture SettingsPageController\.load\.missingVariant\.json is missing/,
  );
  assert.throws(() => new PreviewService(root, controlledBuild().build, [broken]), /cannot start/);
  const first = SCENARIOS[0];
  assert.ok(first);
  assert.throws(() => resolveAllScenarios(root, [first, first]), /scenario admin is defined twice/);
});

test('scenarios: answers are sequences (save → refreshed load), and the page embeds them unbroken', () => {
  const admin = resolveScenario(root, SCENARIOS[0] as Scenario);
  assert.equal(admin.answers['SettingsPageController.load']?.length, 2);
  const hostile = { ...admin, answers: { 'X.m': [{ value: '</script><script>alert(1)</script>' }] } };
  const html = previewPage(SCENARIOS, hostile, 'abc');
  assert.ok(!html.includes('</script><script>alert(1)'), 'fixture text cannot close the data element');
  assert.match(html, /Preview · fixture data, not an org/);
  for (const scenario of SCENARIOS)
    assert.ok(html.includes(`href="/preview/?scenario=${scenario.id}"`), `the picker offers ${scenario.id}`);
});

test('routes: /healthz answers while the preview builds; the page says building, then serves the scenario', async () => {
  const control = controlledBuild();
  const preview = new PreviewService(root, control.build);
  void preview.start();
  const workbench = await startTestWorkbench({ auth: false }, { preview });
  try {
    assert.equal((await fetch(`${workbench.url}/healthz`)).status, 200);
    const building = await fetch(`${workbench.url}/preview/`);
    assert.equal(building.status, 503);
    assert.match(await building.text(), /Preview building…/);
    assert.equal((await fetch(`${workbench.url}/preview/bundle.js`)).status, 503);
    control.finish();
    await preview.start();
    const page = await fetch(`${workbench.url}/preview/?scenario=rep-with-locks`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /aria-current="page" data-scenario="rep-with-locks"/);
    assert.match(html, new RegExp(`bundle\\.js\\?v=${hashFiles(root, previewSources(root))}`));
    const unknown = await fetch(`${workbench.url}/preview/?scenario=nope`);
    assert.equal(unknown.status, 404);
    assert.match(await unknown.text(), /use one of admin, admin-profile/);
  } finally {
    await workbench.dispose();
  }
});

test('routes: a failed build says why; SLDS assets are served, nothing outside them', async () => {
  const control = controlledBuild();
  const preview = new PreviewService(root, control.build);
  const started = preview.start();
  control.fail('Custom Label SiSync_Nope is imported but defined in no labels file.');
  await started;
  const workbench = await startTestWorkbench({ auth: false }, { preview });
  try {
    const failed = await fetch(`${workbench.url}/preview/`);
    assert.equal(failed.status, 500);
    assert.match(await failed.text(), /SiSync_Nope/);
    const css = await fetch(`${workbench.url}/assets/slds/styles/salesforce-lightning-design-system.min.css`);
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /text\/css/);
    await css.arrayBuffer();
    for (const path of ['/assets/slds/..%2F..%2F..%2Fpackage.json', '/assets/slds/%2E%2E/%2E%2E/package.json', '/assets/slds/styles']) {
      assert.equal((await fetch(`${workbench.url}${path}`)).status, 404, path);
    }
  } finally {
    await workbench.dispose();
  }
});

test('routes: a workbench started without the preview says so', async () => {
  const workbench = await startTestWorkbench({ auth: false });
  try {
    const answer = await fetch(`${workbench.url}/preview/`);
    assert.equal(answer.status, 404);
    assert.match(await answer.text(), /started without the preview/);
  } finally {
    await workbench.dispose();
  }
});
