/**
 * The workbench's pages in a real browser (the `browser` gate): a batch posted through the API
 * shows on the Command Center and in the change log, a reminder created in the page is queued for
 * Salesforce, a fault switched on changes the answers, a time-zone change moves the Command
 * Center's days. The clock is fixed at 2026-12-02T12:00:00Z, so "today" is known.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findChromium, HEADLESS_FLAGS } from '../../../verify/lib/chromium.ts';
import { BROWSER_TEST_NOW, watchedPage } from '../../__tests__/browser-support.ts';
import {
  callContract,
  resultsOf,
  startTestWorkbench,
  syncModeBatch,
  taskBatch,
  taskChange,
  type TestWorkbench,
} from '../../__tests__/support.ts';
import { recordTaken, RESULTS_DIR, SHOTS } from '../../preview/screenshots.ts';
import { verifySignature } from '../../../contract/signature.ts';
import { appliedAll, loggedAll, startCaptureServer } from '../../to-salesforce/__tests__/capture-server.ts';
import { VIEWS } from '../html.ts';

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const shots = join(root, RESULTS_DIR);
const NOW = BROWSER_TEST_NOW;
const REP = 'rep@example.com';

let workbench: TestWorkbench;
let browser: Browser;

before(async () => {
  const chrome = findChromium();
  if (!chrome.ok) throw new Error(chrome.message);
  workbench = await startTestWorkbench({ auth: false }, { nowMs: () => NOW });
  browser = await chromium.launch({ executablePath: chrome.path, args: [...HEADLESS_FLAGS] });
  mkdirSync(shots, { recursive: true });
});

/** The README pictures this run took (only after their test's checks passed). */
const taken = new Set<string>();

after(async () => {
  await browser?.close();
  await workbench?.dispose();
  recordTaken(root, taken);
});

/** Opens a page of the workbench, expecting 200; what goes wrong in it is collected. */
async function open(path: string): Promise<{ page: Page; problems: string[] }> {
  const { page, problems } = await watchedPage(browser);
  const response = await page.goto(`${workbench.url}${path}`);
  assert.equal(response?.status(), 200, path);
  return { page, problems };
}

/** Takes a README picture (the pages' pictures are in SHOTS too, so the manifest covers them). */
async function screenshot(page: Page, file: string): Promise<void> {
  assert.ok(
    SHOTS.some((shot) => shot.file === file),
    `${file} is a README picture`,
  );
  await page.screenshot({ path: join(shots, file), fullPage: true, animations: 'disabled' });
  taken.add(file);
}

async function postChanges(changes: readonly unknown[], batchId: string): Promise<Record<string, unknown>[]> {
  return resultsOf(await callContract(workbench.url, 'POST', '/v1/salesforce/task-changes', { body: taskBatch(changes, batchId) }));
}

describe('the workbench pages', () => {
  test('every view is reachable from / and renders without errors', async () => {
    const { page, problems } = await open('/');
    for (const view of VIEWS.filter((candidate) => candidate.id !== 'home' && candidate.id !== 'preview')) {
      await page.getByRole('navigation', { name: 'Workbench views' }).getByRole('link', { name: view.label, exact: true }).click();
      await page.getByRole('heading', { level: 1 }).waitFor();
      assert.equal(new URL(page.url()).pathname, view.path);
      assert.equal(await page.locator('[aria-current="page"]').textContent(), view.label);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a batch posted through the API shows on the Command Center, today and tomorrow', async () => {
    const results = await postChanges(
      [
        taskChange(1, 2, {
          fields: { subject: 'Call Dana about the renewal', activityDate: '2026-12-02', status: 'Not Started', priority: 'High' },
        }),
        taskChange(2, 1, {
          fields: { subject: 'Send the pricing deck', activityDate: '2026-12-03', status: 'Not Started', priority: 'Normal' },
        }),
        taskChange(3, 1, {
          fields: { subject: 'Next week: quarterly review', activityDate: '2026-12-09', status: 'Not Started', priority: 'Normal' },
        }),
      ],
      'page-batch-1',
    );
    assert.deepEqual(
      results.map((result) => result['status']),
      ['applied', 'applied', 'applied'],
    );
    const { page, problems } = await open(`/pages/command-center?user=${encodeURIComponent(REP)}`);
    const today = page.locator('[data-id="today"]');
    const tomorrow = page.locator('[data-id="tomorrow"]');
    await today.getByText('Call Dana about the renewal').waitFor();
    assert.match((await today.getByRole('heading').textContent()) ?? '', /Today — 2026-12-02/);
    assert.equal(await tomorrow.getByText('Send the pricing deck').count(), 1);
    assert.equal(await page.getByText('Next week: quarterly review').count(), 0, 'only today and tomorrow');
    assert.deepEqual(problems, []);
    await screenshot(page, 'workbench-command-center.png');
    await page.close();
  });

  test('the change log shows each item’s result and filters by task and by status', async () => {
    // An older change of task 1 arrives late: stale.
    const [late] = await postChanges([taskChange(1, 1, { fields: { subject: 'An older subject' } })], 'page-batch-late');
    assert.equal(late?.['status'], 'stale', JSON.stringify(late));
    const { page, problems } = await open('/pages/changes');
    const log = page.getByRole('table', { name: 'Change log' });
    await log.waitFor();
    assert.equal(await log.locator('tbody tr').count(), 4);
    assert.equal(await log.getByText('stale', { exact: true }).count(), 1);
    await screenshot(page, 'workbench-change-log.png');
    await page.getByLabel('Result').selectOption('stale');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/status=stale/);
    assert.equal(await log.locator('tbody tr').count(), 1);
    await page.getByLabel('Result').selectOption('');
    await page.getByLabel('Task (Salesforce id or part of it)').fill(taskChange(2, 1).taskId);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/task=/);
    assert.equal(await log.locator('tbody tr').count(), 1);
    assert.match((await page.locator('[data-id="count"]').textContent()) ?? '', /^1 of 4 change/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a time-zone change on the Users page moves the Command Center’s days', async () => {
    const { page, problems } = await open('/pages/users');
    const form = page.getByRole('form', { name: `Time zone of ${REP}` });
    await form.getByLabel('Time zone').fill('Mars/Olympus');
    await form.getByRole('button', { name: 'Save time zone' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /^timeZone: timeZone must be an IANA time zone/);
    assert.equal(await form.getByLabel('Time zone').getAttribute('aria-invalid'), 'true');
    // 12:00 UTC is already 02:00 tomorrow on Kiritimati (UTC+14).
    await form.getByLabel('Time zone').fill('Pacific/Kiritimati');
    await Promise.all([page.waitForEvent('load'), form.getByRole('button', { name: 'Save time zone' }).click()]);
    await page.getByRole('link', { name: 'Command Center' }).first().click();
    const today = page.locator('[data-id="today"]');
    await today.getByText('Send the pricing deck').waitFor();
    assert.match((await today.getByRole('heading').textContent()) ?? '', /Today — 2026-12-03/);
    assert.match((await page.locator('[data-id="time-zone"]').textContent()) ?? '', /Pacific\/Kiritimati/);
    assert.deepEqual(
      problems.filter((problem) => !problem.includes('HTTP 400') && !problem.includes('status of 400')),
      [],
      'only the refused time zone answered 400',
    );
    await page.close();
  });

  test('a reminder created in the page is queued for Salesforce (two-way sync, created after the cut-off)', async () => {
    const settings = syncModeBatch(REP, 'twoWay', '2026-12-02T11:00:00Z', 'page-settings');
    assert.equal(
      resultsOf(await callContract(workbench.url, 'POST', '/v1/salesforce/user-settings', { body: settings }))[0]?.['status'],
      'applied',
    );
    const { page, problems } = await open(`/pages/reminders?user=${encodeURIComponent(REP)}`);
    const create = page.getByRole('form', { name: 'Create a reminder' });
    await create.getByLabel('Name').fill('Follow up with Dana');
    await create.getByLabel('Due').fill('2026-12-03');
    await Promise.all([page.waitForEvent('load'), create.getByRole('button', { name: 'Create reminder' }).click()]);
    const row = page.getByRole('table', { name: 'Reminders' }).locator('tr', { hasText: 'Follow up with Dana' });
    await row.getByText('queued for Salesforce').waitFor();
    await page.getByRole('link', { name: 'To Salesforce', exact: true }).click();
    const outgoing = page.getByRole('table', { name: `To Salesforce for ${REP}` }).locator('tr', { hasText: 'Follow up with Dana' });
    await outgoing.getByText('waiting for an org').waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a reminder is completed and deleted from the page; the delete stays for Salesforce', async () => {
    const { page } = await open(`/pages/reminders?user=${encodeURIComponent(REP)}`);
    const row = page.getByRole('table', { name: 'Reminders' }).locator('tr', { hasText: 'Follow up with Dana' });
    await Promise.all([page.waitForEvent('load'), row.getByRole('button', { name: 'Complete' }).click()]);
    assert.equal(await row.locator('td').nth(2).textContent(), 'complete');
    await Promise.all([page.waitForEvent('load'), row.getByRole('button', { name: 'Delete' }).click()]);
    await row.getByText('deleted').waitFor();
    assert.equal(await row.getByRole('button').count(), 0, 'a deleted reminder offers nothing more');
    await page.close();
  });

  test('a fault switched on in the page changes the emulator’s answers; clearing it restores them', async () => {
    const { page, problems } = await open('/pages/faults');
    const set = page.getByRole('form', { name: 'Switch a fault on' });
    await set.getByLabel('Fault').selectOption('unavailable');
    await set.getByLabel('Retry-After (s)').fill('7');
    await Promise.all([page.waitForEvent('load'), set.getByRole('button', { name: /Switch on/ }).click()]);
    await page.getByRole('table', { name: 'Active faults' }).getByText('unavailable').waitFor();
    const refused = await callContract(workbench.url, 'POST', '/v1/salesforce/task-changes', {
      body: taskBatch([taskChange(4, 1)], 'page-batch-fault'),
    });
    assert.equal(refused.status, 503);
    assert.equal(refused.headers.get('retry-after'), '7');
    await page.reload();
    const counters = page.getByRole('table', { name: 'Active faults' }).locator('tbody tr td');
    assert.equal(await counters.nth(4).textContent(), '1', 'requests seen');
    assert.equal(await counters.nth(5).textContent(), '1', 'affected');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Clear every fault' }).click()]);
    await page.getByText('No fault: the emulator answers as the contract says.').waitFor();
    assert.equal(
      (
        await callContract(workbench.url, 'POST', '/v1/salesforce/task-changes', {
          body: taskBatch([taskChange(4, 1)], 'page-batch-fault'),
        })
      ).status,
      200,
    );
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('with an org, a reminder created in the page reaches the endpoint signed, and the page shows it delivered', async () => {
    const capture = await startCaptureServer();
    capture.answer((body) => ('activities' in (JSON.parse(body) as object) ? loggedAll(body) : appliedAll(body)));
    const key = 'the-org-signing-key-0123456789abcdefghij';
    const target = {
      instanceUrl: capture.url,
      accessToken: 'token',
      namespace: null,
      signingKey: key,
      username: 'integration@example.com',
    };
    const withOrg = await startTestWorkbench(
      { auth: false },
      { nowMs: () => NOW, delivery: { target, intervalMs: 0, options: { nowSeconds: () => NOW / 1000 } } },
    );
    try {
      const settings = syncModeBatch(REP, 'siaToSalesforce', '2026-12-02T11:00:00Z', 'org-settings');
      resultsOf(await callContract(withOrg.url, 'POST', '/v1/salesforce/user-settings', { body: settings }));
      const { page } = await watchedPage(browser);
      await page.goto(`${withOrg.url}/pages/reminders?user=${encodeURIComponent(REP)}`);
      const create = page.getByRole('form', { name: 'Create a reminder' });
      await create.getByLabel('Name').fill('Send the signed contract');
      await Promise.all([page.waitForEvent('load'), create.getByRole('button', { name: 'Create reminder' }).click()]);
      const log = page.getByRole('form', { name: 'Log an email or call' });
      await log.getByLabel('To (comma-separated)').fill('dana@customer.example');
      await log.getByLabel('Subject').fill('Contract attached');
      await Promise.all([page.waitForEvent('load'), log.getByRole('button', { name: 'Log it' }).click()]);
      await page.getByRole('link', { name: 'To Salesforce', exact: true }).click();
      await page.getByText('Delivering to').waitFor();
      await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Deliver now' }).click()]);
      const row = page.getByRole('table', { name: `To Salesforce for ${REP}` }).locator('tr', { hasText: 'Send the signed contract' });
      await row.getByText('delivered (applied)').waitFor();
      const activity = page.getByRole('table', { name: 'Emails and calls to Salesforce' }).locator('tr', { hasText: 'Contract attached' });
      await activity.getByText('logged (applied)').waitFor();
      assert.deepEqual(
        capture.requests.map((captured) => captured.path),
        ['/services/apexrest/v1/task-changes', '/services/apexrest/v1/email-activities'],
      );
      const [request] = capture.requests;
      assert.equal(request?.path, '/services/apexrest/v1/task-changes');
      const verdict = verifySignature({
        keys: [key],
        now: NOW / 1000,
        timestampHeader: String(request?.headers['x-sia-timestamp']),
        signatureHeader: String(request?.headers['x-sia-signature']),
        body: request?.body ?? '',
      });
      assert.equal(verdict.valid, true);
      await page.close();
    } finally {
      await withOrg.dispose();
      await capture.close();
    }
  });
});
