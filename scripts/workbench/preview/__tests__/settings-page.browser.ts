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
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { findChromium, HEADLESS_FLAGS } from '../../../verify/lib/chromium.ts';
import { BROWSER_TEST_NOW, watchedPage } from '../../__tests__/browser-support.ts';
import { parseConfig } from '../../config.ts';
import { startWorkbench, type RunningWorkbench } from '../../server.ts';
import { SCENARIOS } from '../scenarios.ts';
import { recordTaken, RESULTS_DIR, scenarioShot, SHOTS } from '../screenshots.ts';
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
  // "3 days ago" and the like stay the same from one day's pictures to the next; timers still run.
  await page.clock.setFixedTime(BROWSER_TEST_NOW);
  await page.goto(`${workbench.url}/preview/?scenario=${scenario}`);
  // The page's title (h1) shows the product name until the load answers, then whose settings these are.
  await page
    .locator('#preview-root c-sync-settings-page [data-id="intro"], #preview-root c-sync-settings-page [data-id="error"]')
    .first()
    .waitFor();
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
  // The page has rendered (open() waited for it); a tab without sections (Profile overrides) has none.
  const headers = page.locator('#preview-root lightning-accordion-section .slds-accordion__summary-action');
  const count = await headers.count();
  for (let index = 0; index < count; index++) {
    const header = headers.nth(index);
    if ((await header.getAttribute('aria-expanded')) === 'true') continue;
    await header.click();
    await page.waitForFunction((element) => element?.getAttribute('aria-expanded') === 'true', await header.elementHandle());
  }
}

/** The pictures this run took (only after their test's checks passed). */
const taken = new Set<string>();

async function screenshot(page: Page, file: string): Promise<void> {
  // A click on the preview's own bar drops the focus ring of the last section opened.
  await page.locator('header.preview-bar').click({ position: { x: 2, y: 2 } });
  await page.screenshot({ path: join(shots, file), fullPage: true, animations: 'disabled' });
  if (SHOTS.some((shot) => shot.file === file)) taken.add(file);
}

/** The page's root inside the preview. */
function pageRoot(page: Page): Locator {
  return page.locator('#preview-root');
}

/** Chooses a profile in Profile overrides and waits for its values. */
async function chooseProfile(page: Page, name: string): Promise<void> {
  const root = pageRoot(page);
  await root.getByRole('combobox', { name: 'Profile' }).click();
  await root.getByRole('option', { name: new RegExp(name.replace(/[()]/g, '\\$&')) }).click();
  await root.locator('c-profile-settings c-email-api-settings c-setting-field').first().waitFor();
}

/** Types a subject template with an unknown token and a pasted address that is not an Email to Salesforce address. */
async function enterInvalidValues(page: Page): Promise<void> {
  const root = pageRoot(page);
  const template = root.getByRole('textbox', { name: 'Subject template' });
  await template.fill('{{activity_type}}: {{campaign}}');
  await template.blur();
  await root.getByRole('tab', { name: 'Email to Salesforce (BCC)' }).click();
  const address = root.getByRole('textbox', { name: 'Your Email to Salesforce address' });
  await address.fill('rep@example.com');
  await address.blur();
  await root.getByRole('tab', { name: 'Salesforce API' }).click();
}

/** What a scenario's picture shows beyond its arrival: the interaction it is about. */
const PREPARE: Readonly<Record<string, (page: Page) => Promise<void>>> = {
  'admin-profile': (page) => chooseProfile(page, 'Sales Rep (Field)'),
  'field-errors': enterInvalidValues,
  'not-connected': async (page) => {
    await pageRoot(page).getByRole('button', { name: 'Test connection' }).click();
    await waitForCalls(page, 'ConnectionController.testConnection', 1);
    await pageRoot(page).locator('c-connection-test .slds-scoped-notification').waitFor();
  },
};

describe('the settings page preview', () => {
  test('every scenario renders with no page error, console error or failed request; each picture is taken with every section open', async () => {
    for (const scenario of SCENARIOS) {
      const { page, problems } = await open(scenario.id);
      if (scenario.id !== 'minimum-access') await openEverySection(page);
      await PREPARE[scenario.id]?.(page);
      await page.waitForTimeout(400);
      assert.deepEqual(problems, [], `scenario ${scenario.id}`);
      assert.equal(await page.locator('[data-id="preview-badge"]').textContent(), 'Preview · fixture data, not an org');
      await screenshot(page, scenarioShot(scenario.id));
      await page.close();
    }
  });

  test('admin, org defaults: one title, each section named once, no card repeating it', async () => {
    const { page, problems } = await open('admin');
    await openEverySection(page);
    const root = pageRoot(page);
    assert.equal(await root.getByRole('heading', { name: 'Sync settings', exact: true }).count(), 1);
    for (const section of [
      'Log email activity in Salesforce',
      'Sync Sales Insight Actions tasks/reminders with Salesforce tasks',
      'Connection',
      'Sync health',
    ]) {
      assert.equal(await root.getByText(section, { exact: true }).count(), 1, `"${section}" is written once`);
    }
    assert.equal(await root.locator('article.slds-card').count(), 0, 'no lightning-card inside the sections');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('admin, org defaults: each setting has a "Reps may change" switch of its own, not one more checkbox', async () => {
    const { page } = await open('admin');
    const root = pageRoot(page);
    const switches = root.getByRole('switch', { name: /^Reps may change “/ });
    await switches.first().waitFor();
    assert.equal(await switches.count(), 11, 'one per email-logging setting');
    assert.equal(await root.getByRole('checkbox', { name: /Reps may change/ }).count(), 0);
    assert.equal(await root.getByRole('switch', { name: 'Reps may change “Leads”' }).isChecked(), false);
    assert.equal(await root.getByRole('switch', { name: 'Reps may change “Log email activity via the Salesforce API”' }).isChecked(), true);
    await page.close();
  });

  test('admin, org defaults: group legends sit above their fields, not beside them', async () => {
    const { page } = await open('admin');
    const root = pageRoot(page);
    for (const [legend, firstField] of [
      ['Matching', root.locator('c-setting-field lightning-radio-group').first()],
      ['Task Type of logged activities', root.getByRole('combobox', { name: 'Task Type for e-mails' })],
    ] as const) {
      const legendBox = await root.locator('legend', { hasText: legend }).boundingBox();
      const fieldBox = await firstField.boundingBox();
      assert.ok(legendBox && fieldBox && legendBox.y + legendBox.height <= fieldBox.y + 1, `"${legend}" is above its first field`);
    }
    await page.close();
  });

  test('admin, org defaults: Cancel then Save, right-aligned', async () => {
    const { page } = await open('admin');
    const form = pageRoot(page).locator('c-email-api-settings').first();
    const cancel = await form.getByRole('button', { name: 'Cancel' }).boundingBox();
    const save = await form.getByRole('button', { name: 'Save' }).boundingBox();
    const whole = await form.boundingBox();
    assert.ok(cancel && save && whole, 'both buttons are drawn');
    assert.ok(cancel.x < save.x, 'Cancel comes before Save');
    assert.ok(whole.x + whole.width - (save.x + save.width) < 40, 'Save sits at the right edge');
    await page.close();
  });

  test('admin, org defaults: a changed setting is saved, toasted, and the page reloads what the server holds', async () => {
    const { page, problems } = await open('admin');
    const root = pageRoot(page);
    // SLDS draws the checkbox over a visually hidden input: a person clicks its label.
    await root.getByText('Log replies (subject “Reply: <subject>”, same matching rules)', { exact: true }).click();
    await root.locator('c-email-api-settings').first().getByRole('button', { name: 'Save' }).click();
    const [save] = await waitForCalls(page, 'SyncSettingsController.saveOrgSettings', 1);
    assert.deepEqual((save?.params as { values: Record<string, string> }).values, { logReplies: 'false' });
    await page.locator('#preview-toasts [data-variant="success"]').waitFor();
    await waitForCalls(page, 'SettingsPageController.load', 2);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('admin, org defaults: task sync cannot be a default that turns sync on; the server says why', async () => {
    const { page } = await open('admin');
    const root = pageRoot(page);
    await root.getByRole('button', { name: /Sync Sales Insight Actions tasks/ }).click();
    const card = root.locator('c-task-sync-card');
    await card.getByText(/a default for everyone can only be "none"/).waitFor();
    assert.equal(await card.getByRole('radio', { name: 'Two-way sync' }).count(), 0);
    assert.equal(await card.getByRole('switch', { name: /Reps may change/ }).count(), 1);
    await page.close();
  });

  test("admin, profile overrides: a profile's values are edited and saved as that profile's", async () => {
    const { page, problems } = await open('admin-profile');
    await chooseProfile(page, 'Sales Rep (Field)');
    const root = pageRoot(page);
    const panel = root.locator('c-profile-settings');
    assert.equal(
      await panel.getByRole('checkbox', { name: 'Open Opportunities where the contact has a contact role' }).isChecked(),
      true,
      "the profile's own value",
    );
    await panel.getByText('Leads', { exact: true }).click();
    await panel.getByRole('button', { name: 'Save' }).click();
    const [save] = await waitForCalls(page, 'ProfileSettingsController.saveProfileSettings', 1);
    assert.deepEqual(save?.params, {
      profileId: '00eHo000001SalesAA',
      values: { logToLeads: 'false' },
      repOverridable: ['taskSyncMode', 'apiLoggingEnabled', 'logReplies', 'subjectTemplate'],
    });
    await panel.getByText(/a default for everyone can only be "none"/).waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('admin, My Account: the admin\'s own values and own BCC, no "Reps may change" switches', async () => {
    const { page } = await open('admin');
    const root = pageRoot(page);
    await root.getByRole('tab', { name: 'My Account' }).click();
    await root.getByRole('tab', { name: 'Email to Salesforce (BCC)' }).waitFor();
    assert.equal(await root.getByRole('switch', { name: /^Reps may change/ }).count(), 0);
    await page.close();
  });

  test('rep with locks: locked settings show a lock, explained once, and cannot be changed; what the admin opened can', async () => {
    // Arrive as the admin and switch scenarios with the picker, as a person would.
    const { page, problems } = await open('admin');
    await page.getByRole('navigation', { name: 'Preview scenarios' }).getByRole('link', { name: 'Rep with locks' }).click();
    const root = pageRoot(page);
    await root.getByRole('heading', { name: 'My Account', exact: true }).waitFor();
    assert.match(page.url(), /scenario=rep-with-locks$/);
    await root.getByText('Settings with a lock are set by your admin for everyone.', { exact: false }).first().waitFor();
    assert.equal(
      await root.locator('c-email-api-settings').getByText('Settings with a lock are set by your admin', { exact: false }).count(),
      1,
    );
    const locks = await root.locator('c-setting-field lightning-icon[title="Set by your admin"]').count();
    assert.ok(locks >= 5, `the locked settings show a lock (saw ${locks})`);
    assert.equal(await root.getByRole('checkbox', { name: 'Leads' }).isDisabled(), true);
    assert.equal(await root.getByRole('checkbox', { name: /Log replies/ }).isDisabled(), false);
    assert.equal(await root.getByRole('switch', { name: /^Reps may change/ }).count(), 0, "a rep never sees the admins' switches");
    assert.equal(await root.getByRole('button', { name: 'Insert a token' }).count(), 0, 'a locked template offers no token menu');
    await openEverySection(page);
    assert.equal(await root.getByRole('button', { name: 'Test connection' }).count(), 0, 'reps cannot run the connection test');
    assert.equal(await root.locator('lightning-accordion-section').count(), 3, 'no sync health for reps');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('rep with nothing locked: no lock and no explanation', async () => {
    const { page } = await open('rep-nothing-locked');
    const root = pageRoot(page);
    await root.getByRole('checkbox', { name: 'Leads' }).waitFor();
    assert.equal(await root.locator('c-setting-field lightning-icon[title="Set by your admin"]').count(), 0);
    assert.equal(await root.getByText('Settings with a lock are set by your admin', { exact: false }).count(), 0);
    assert.equal(await root.getByRole('checkbox', { name: 'Leads' }).isDisabled(), false);
    await page.close();
  });

  test('errors: an unknown token and a wrong BCC address mark their fields; Save and Activate stay off; no Apex is called', async () => {
    const { page } = await open('field-errors');
    const root = pageRoot(page);
    await enterInvalidValues(page);
    const template = root.getByRole('textbox', { name: 'Subject template' });
    assert.equal(await template.getAttribute('aria-invalid'), 'true');
    await root
      .getByText(/Unknown token/)
      .first()
      .waitFor();
    assert.equal(await root.locator('c-email-api-settings').getByRole('button', { name: 'Save' }).isDisabled(), true);
    await root.getByRole('tab', { name: 'Email to Salesforce (BCC)' }).click();
    const address = root.getByRole('textbox', { name: 'Your Email to Salesforce address' });
    assert.equal(await address.getAttribute('aria-invalid'), 'true');
    await root
      .getByText(/is not an Email to Salesforce address/)
      .first()
      .waitFor();
    assert.equal(await root.getByRole('button', { name: 'Activate' }).isDisabled(), true);
    assert.deepEqual(await callsTo(page, 'BccController.activate'), []);
    assert.deepEqual(await callsTo(page, 'SyncSettingsController.saveMySettings'), []);
    await page.close();
  });

  test('BCC off: no "while BCC is active" note; BCC active: the note, and the API tab says it logs only calls', async () => {
    const off = await open('rep-nothing-locked');
    await pageRoot(off.page).getByRole('tab', { name: 'Email to Salesforce (BCC)' }).click();
    assert.equal(await pageRoot(off.page).getByText('While BCC is active', { exact: false }).count(), 0);
    await off.page.close();
    const on = await open('bcc-active');
    const root = pageRoot(on.page);
    await root
      .locator('c-email-api-settings .slds-scoped-notification')
      .getByText(/Email to Salesforce \(BCC\) is active for you/)
      .waitFor();
    await root.getByRole('tab', { name: 'Email to Salesforce (BCC)' }).click();
    await root.getByText('While BCC is active', { exact: false }).waitFor();
    await on.page.close();
  });

  test('rep: two-way sync is turned on only through the confirmation', async () => {
    const { page, problems } = await open('rep-nothing-locked');
    const root = pageRoot(page);
    await root.getByRole('button', { name: /Sync Sales Insight Actions tasks/ }).click();
    await root.getByText('Two-way sync', { exact: true }).click();
    const taskCard = root.locator('c-task-sync-card');
    await taskCard.getByRole('button', { name: 'Save' }).click();
    const yes = taskCard.locator('[data-id="confirm-yes"]');
    await yes.waitFor();
    assert.deepEqual(await callsTo(page, 'TaskSyncController.setMode'), [], 'nothing is saved before the confirmation');
    await yes.click();
    const [saved] = await waitForCalls(page, 'TaskSyncController.setMode', 1);
    await page.waitForTimeout(400);
    assert.equal((await callsTo(page, 'TaskSyncController.setMode')).length, 1, 'one save after the confirmation');
    assert.deepEqual(saved?.params, { mode: 'twoWay' });
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('save refused: the server’s problem shows on its field and the form keeps the change', async () => {
    const { page } = await open('save-failure');
    const root = pageRoot(page);
    const callType = root.getByRole('combobox', { name: 'Task Type for calls' });
    await callType.click();
    await root.getByRole('option', { name: 'Meeting' }).click();
    await root.locator('c-email-api-settings').first().getByRole('button', { name: 'Save' }).click();
    await waitForCalls(page, 'SyncSettingsController.saveOrgSettings', 1);
    await root.getByText('"Meeting" is not an active value of the Task Type picklist', { exact: false }).first().waitFor();
    assert.equal(await callType.getAttribute('aria-invalid'), 'true', 'the field itself is marked');
    assert.match((await callType.textContent()) ?? '', /Meeting/, 'the refused value stays in the field to correct');
    assert.equal((await callsTo(page, 'SettingsPageController.load')).length, 1, 'a refused save reloads nothing');
    await page.close();
  });

  test('first sync: the progress shows running, then the next poll shows it done', async () => {
    const { page, problems } = await open('first-sync-running');
    const state = page.locator('#preview-root c-first-sync-progress [data-id="state"]');
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
    assert.equal(await pageRoot(page).getByRole('checkbox').count(), 0);
    assert.equal(await pageRoot(page).getByRole('button').count(), 0);
    await page.close();
  });

  test('not connected: a badge says so, and Test connection says what Sales Insight refused and where to fix it', async () => {
    const { page } = await open('not-connected');
    const root = pageRoot(page);
    await root.locator('c-connection-card lightning-badge').getByText('Paused').waitFor();
    await root.getByRole('button', { name: 'Test connection' }).click();
    await waitForCalls(page, 'ConnectionController.testConnection', 1);
    await root
      .getByText(/Named Credentials/)
      .first()
      .waitFor();
    await page.close();
  });

  test('setup, fresh install: the Setup tab opens first, seven steps none done, each linking to its Setup page', async () => {
    const { page } = await open('setup-fresh');
    const assistant = pageRoot(page).locator('c-setup-assistant');
    await assistant.getByText('0 of 7 steps done').waitFor();
    assert.equal(await assistant.locator('li.slds-setup-assistant__item').count(), 7);
    assert.equal(await assistant.locator('[data-state="done"]').count(), 0);
    const credentials = assistant.getByRole('link', { name: 'Open Named Credentials' });
    assert.equal(await credentials.getAttribute('href'), '/lightning/setup/NamedCredential/home');
    assert.equal(await credentials.getAttribute('target'), '_blank');
    assert.equal(await assistant.locator('table[data-id="jobs"] tbody tr').count(), 3);
    await page.close();
  });

  test('setup, half configured: what is missing is said in words, beside what is set', async () => {
    const { page } = await open('setup-half');
    const assistant = pageRoot(page).locator('c-setup-assistant');
    await assistant.getByText('1 of 7 steps done').waitFor();
    await assistant.getByText(/Live delivery runs as Automated Process, not the integration user/).waitFor();
    await assistant.getByText(/lacks: edit access to Lead Email/).waitFor();
    await assistant.getByText(/not the integration user: the next heartbeat moves it/).waitFor();
    await page.close();
  });

  test('inbound signing: a first key is shown once, then gone from the page, which reloads', async () => {
    const { page } = await open('setup-fresh');
    const card = pageRoot(page).locator('c-signing-card');
    await card.getByText(/calls from Sales Insight Actions are refused \(401 SIGNING_NOT_CONFIGURED\)/).waitFor();
    await card.getByRole('button', { name: 'Generate a signing key' }).click();
    await waitForCalls(page, 'SigningController.generateKey', 1);
    const secret = card.locator('[data-id="new-key-secret"]');
    assert.match((await secret.textContent()) ?? '', /^[0-9a-f]{64}$/);
    await card.getByRole('button', { name: 'I have copied the key' }).click();
    await waitForCalls(page, 'SettingsPageController.load', 2);
    assert.equal(await card.locator('[data-id="new-key-secret"]').count(), 0);
    await page.close();
  });

  test('assign yourself the Admin set: one click, then the page reloads as an admin', async () => {
    const { page } = await open('assign-admin-set');
    const root = pageRoot(page);
    await root.getByRole('button', { name: 'Assign me the Admin permission set' }).click();
    await waitForCalls(page, 'SetupAssistantController.assignAdminSetToMe', 1);
    await waitForCalls(page, 'SettingsPageController.load', 2);
    await root.getByRole('tab', { name: 'Setup' }).waitFor();
    await page.close();
  });

  test('an unknown scenario is an error naming the known ones', async () => {
    const response = await fetch(`${workbench.url}/preview/?scenario=nope`);
    assert.equal(response.status, 404);
    assert.match(await response.text(), /use one of admin, admin-profile/);
  });
});

after(() => {
  // What these pictures show, so `npm run screenshots` copies only pictures of the current sources.
  recordTaken(root, taken);
});
