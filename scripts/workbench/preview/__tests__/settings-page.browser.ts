/**
 * The settings page in a real browser: the preview served by the workbench, driven by
 * playwright-core through Debian's Chromium. Run by the `browser` gate (`npm test -- browser`),
 * which finds Chromium first; every run leaves its pictures in results/screenshots/.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findChromium, HEADLESS_FLAGS } from '../../../verify/lib/chromium.ts';
import { watchedPage } from '../../__tests__/browser-support.ts';
import { parseConfig } from '../../config.ts';
import { startWorkbench, type RunningWorkbench } from '../../server.ts';
import { SCENARIOS } from '../scenarios.ts';
import { recordTaken, RESULTS_DIR, SHOTS } from '../screenshots.ts';
import { PreviewService } from '../service.ts';

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const shots = join(root, RESULTS_DIR);

interface PreviewCall {
  readonly method: string;
  readonly params: unknown;
}

/** One opened scenario, with what went wrong in the page while it ran. */
interface Opened {
  readonly page: Page;
  readonly problems: string[];
}

let workbench: RunningWorkbench;
let browser: Browser;
let dataDirectory: string;

before(async () => {
  const chrome = findChromium();
  if (!chrome.ok) throw new Error(chrome.message);
  const preview = new PreviewService(root);
  await preview.start();
  const state = preview.state();
  if (state.status === 'failed') throw new Error(`The preview did not build: ${state.message}`);
  dataDirectory = mkdtempSync(join(tmpdir(), 'sisync-browser-'));
  const config = parseConfig(['--no-auth'], { PORT: '0', WORKBENCH_DATA: dataDirectory }, root);
  assert.ok(config);
  workbench = await startWorkbench(config, { preview });
  browser = await chromium.launch({ executablePath: chrome.path, args: [...HEADLESS_FLAGS] });
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await workbench?.close();
  if (dataDirectory) rmSync(dataDirectory, { recursive: true, force: true });
});

/** Opens a scenario and waits for the page's heading; page errors, console errors and failed requests are collected. */
async function open(scenario: string): Promise<Opened> {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${workbench.url}/preview/?scenario=${scenario}`);
  await page.locator('#preview-root').getByRole('heading', { level: 2 }).first().waitFor();
  return { page, problems };
}

/** What the components sent to Apex so far. */
function calls(page: Page): Promise<PreviewCall[]> {
  return page.evaluate(() => (globalThis as unknown as { siPreview: { calls: PreviewCall[] } }).siPreview.calls);
}

async function callsTo(page: Page, method: string): Promise<PreviewCall[]> {
  return (await calls(page)).filter((call) => call.method === method);
}

/** Waits until `method` was called `count` times (the answers take a moment). */
async function waitForCalls(page: Page, method: string, count: number, timeout = 10_000): Promise<PreviewCall[]> {
  await page.waitForFunction(
    ([name, expected]) =>
      (globalThis as unknown as { siPreview: { calls: { method: string }[] } }).siPreview.calls.filter((call) => call.method === name)
        .length >= expected,
    [method, count] as const,
    { timeout },
  );
  return callsTo(page, method);
}

/** Opens every closed accordion section of the page, one at a time, each confirmed open before the next. */
async function openEverySection(page: Page): Promise<void> {
  const headers = page.locator('#preview-root lightning-accordion-section .slds-accordion__summary-action');
  await headers.first().waitFor();
  const count = await headers.count();
  for (let index = 0; index < count; index++) {
    const header = headers.nth(index);
    if ((await header.getAttribute('aria-expanded')) === 'true') continue;
    await header.click();
    await page.waitForFunction((element) => element?.getAttribute('aria-expanded') === 'true', await header.elementHandle());
  }
}

/** The README pictures this run took (only after their test's checks passed). */
const taken = new Set<string>();

async function screenshot(page: Page, file: string): Promise<void> {
  // A click on the preview's own bar drops the focus ring of the last section opened.
  await page.locator('header.preview-bar').click({ position: { x: 2, y: 2 } });
  await page.screenshot({ path: join(shots, file), fullPage: true, animations: 'disabled' });
  if (SHOTS.some((shot) => shot.file === file)) taken.add(file);
}

describe('the settings page preview', () => {
  test('every scenario renders with no page error, console error or failed request', async () => {
    for (const scenario of SCENARIOS) {
      const { page, problems } = await open(scenario.id);
      await page.waitForTimeout(400);
      await screenshot(page, `scenario-${scenario.id}.png`);
      assert.deepEqual(problems, [], `scenario ${scenario.id}`);
      assert.equal(await page.locator('[data-id="preview-badge"]').textContent(), 'Preview · fixture data, not an org');
      await page.close();
    }
  });

  test('admin: every section opens, sync health included; the README picture is taken', async () => {
    const { page, problems } = await open('admin');
    await openEverySection(page);
    const root = page.locator('#preview-root');
    await root.getByRole('button', { name: 'Test connection' }).waitFor();
    assert.equal(await root.getByRole('heading', { name: 'Sales Insight Sync — Admin settings' }).count(), 1);
    assert.ok((await root.locator('lightning-accordion-section').count()) === 4, 'email, task sync, connection, health');
    assert.ok(await root.getByText('Reps may change this').first().isVisible());
    assert.deepEqual(problems, []);
    await screenshot(page, 'settings-admin.png');
    await page.close();
  });

  test('rep with locks: locked settings say so and cannot be changed; what the admin opened can', async () => {
    // Arrive as the admin and switch scenarios with the picker, as a person would.
    const { page, problems } = await open('admin');
    await page.getByRole('navigation', { name: 'Preview scenarios' }).getByRole('link', { name: 'Rep with locks' }).click();
    const root = page.locator('#preview-root');
    await root.getByRole('heading', { name: 'Sales Insight Sync — My Account' }).waitFor();
    assert.match(page.url(), /scenario=rep-with-locks$/);
    await root.getByText('Set by your admin for everyone.').first().waitFor();
    const lockNotes = await root.getByText('Set by your admin for everyone.').count();
    assert.ok(lockNotes >= 5, `the locked settings say so (saw ${lockNotes})`);
    assert.equal(await root.getByRole('checkbox', { name: 'Leads' }).isDisabled(), true);
    assert.equal(await root.getByRole('checkbox', { name: /Log replies/ }).isDisabled(), false);
    assert.equal(await root.getByText('Reps may change this').count(), 0, 'a rep never sees the admin-only column');
    await openEverySection(page);
    await root.getByRole('button', { name: 'Test connection' }).waitFor();
    assert.equal(await root.locator('lightning-accordion-section').count(), 3, 'no sync health for reps');
    assert.deepEqual(problems, []);
    await screenshot(page, 'settings-rep.png');
    await page.close();
  });

  test('rep with nothing locked: no setting says it is locked', async () => {
    const { page } = await open('rep-nothing-locked');
    const root = page.locator('#preview-root');
    await root.getByRole('checkbox', { name: 'Leads' }).waitFor();
    assert.equal(await root.getByText('Set by your admin for everyone.').count(), 0);
    assert.equal(await root.getByRole('checkbox', { name: 'Leads' }).isDisabled(), false);
    await page.close();
  });

  test('admin: a changed setting is saved, toasted, and the page reloads what the server holds', async () => {
    const { page, problems } = await open('admin');
    const root = page.locator('#preview-root');
    await root.getByText('Log replies (subject “Reply: <subject>”, same matching rules)').click();
    await root.getByRole('button', { name: 'Save' }).first().click();
    const [save] = await waitForCalls(page, 'SyncSettingsController.saveOrgSettings', 1);
    assert.deepEqual((save?.params as { values: Record<string, string> }).values, { logReplies: 'false' });
    await page.locator('#preview-toasts [data-variant="success"]').waitFor();
    await waitForCalls(page, 'SettingsPageController.load', 2);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('rep: an invalid BCC address is refused on the field, without calling Apex', async () => {
    const { page } = await open('rep-with-locks');
    const root = page.locator('#preview-root');
    await root.getByRole('tab', { name: 'Email to Salesforce (BCC)' }).click();
    const address = root.getByRole('textbox', { name: 'Your Email to Salesforce address' });
    await address.fill('not-an-address');
    await root.getByRole('button', { name: 'Activate' }).click();
    await page.waitForTimeout(300);
    // The message sits right under the field it is about (issue 14 marks the field itself invalid too).
    const error = root.locator('c-bcc-settings [data-error="bccAddress"]');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /\S/, 'the field says what is wrong');
    const field = await address.boundingBox();
    const message = await error.boundingBox();
    assert.ok(
      field && message && message.y >= field.y + field.height && message.y - (field.y + field.height) < 40,
      'the message is directly below the field',
    );
    assert.deepEqual(await callsTo(page, 'BccController.activate'), []);
    await page.close();
  });

  test('admin: two-way sync is turned on only through the confirmation', async () => {
    const { page, problems } = await open('admin');
    const root = page.locator('#preview-root');
    await root.getByRole('button', { name: /Sync Sales Insight Actions tasks/ }).click();
    await root.getByText('Two-way sync', { exact: true }).click();
    const taskCard = root.locator('c-task-sync-card');
    await taskCard.getByRole('button', { name: 'Save' }).click();
    const yes = taskCard.locator('[data-id="confirm-yes"]');
    await yes.waitFor();
    assert.deepEqual(await callsTo(page, 'TaskSyncController.setMode'), [], 'nothing is saved before the confirmation');
    assert.deepEqual(await callsTo(page, 'SyncSettingsController.saveOrgSettings'), []);
    await yes.click();
    const saved = [
      ...(await callsTo(page, 'TaskSyncController.setMode')),
      ...(await callsTo(page, 'SyncSettingsController.saveOrgSettings')),
    ];
    await page.waitForTimeout(400);
    const after = [
      ...(await callsTo(page, 'TaskSyncController.setMode')),
      ...(await callsTo(page, 'SyncSettingsController.saveOrgSettings')),
    ];
    assert.equal(after.length, 1, `one save after the confirmation (saw ${JSON.stringify(saved)})`);
    assert.match(JSON.stringify(after[0]?.params), /twoWay/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('save failure: the server’s problem shows on its field and the form keeps the change', async () => {
    const { page } = await open('save-failure');
    const root = page.locator('#preview-root');
    const callType = root.getByRole('combobox', { name: 'Task Type for calls' });
    await callType.click();
    await root.getByRole('option', { name: 'Meeting' }).click();
    await root.getByRole('button', { name: 'Save' }).first().click();
    await waitForCalls(page, 'SyncSettingsController.saveOrgSettings', 1);
    await root.getByText('"Meeting" is not an active value of the Task Type picklist', { exact: false }).first().waitFor();
    assert.match((await callType.textContent()) ?? '', /Meeting/, 'the refused value stays in the field to correct');
    assert.equal((await callsTo(page, 'SettingsPageController.load')).length, 1, 'a refused save reloads nothing');
    await page.close();
  });

  test('first sync: the progress shows running, then the next poll shows it done', async () => {
    const { page, problems } = await open('first-sync-running');
    const state = page.locator('#preview-root c-task-sync-card [data-id="state"]');
    await state.waitFor();
    assert.match((await state.textContent()) ?? '', /Running/);
    // The card polls every 5 s (POLL_INTERVAL_MS): the second answer, "done", comes at about 10 s.
    await waitForCalls(page, 'TaskSyncController.getProgress', 2, 20_000);
    await page.waitForFunction((element) => /Done/.test(element?.textContent ?? ''), await state.elementHandle(), { timeout: 15_000 });
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('minimum-access user: the page says access is missing instead of showing settings', async () => {
    const page = await browser.newPage();
    await page.goto(`${workbench.url}/preview/?scenario=minimum-access`);
    await page.getByText("You do not have access to the Apex class named 'SettingsPageController'.").waitFor();
    assert.equal(await page.locator('#preview-root').getByRole('checkbox').count(), 0);
    await page.close();
  });

  test('not connected: Test connection says what Sales Insight refused and where to fix it', async () => {
    const { page } = await open('not-connected');
    const root = page.locator('#preview-root');
    await root.getByRole('button', { name: 'Test connection' }).click();
    await waitForCalls(page, 'ConnectionController.testConnection', 1);
    await root
      .getByText(/Named Credentials/)
      .first()
      .waitFor();
    await page.close();
  });

  test('an unknown scenario is an error naming the known ones', async () => {
    const response = await fetch(`${workbench.url}/preview/?scenario=nope`);
    assert.equal(response.status, 404);
    assert.match(await response.text(), /use one of admin, rep-with-locks/);
  });
});

after(() => {
  // What these pictures show, so `npm run screenshots` copies only pictures of the current sources.
  recordTaken(root, taken);
});
