import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { browserGate, browserTestFiles } from '../browser.ts';
import { scriptTestFiles } from '../tests.ts';
import { CHROMIUM_INSTALL } from '../../lib/chromium.ts';

const root = fileURLToPath(new URL('../../../..', import.meta.url));

test('the browser tests are found, and only the browser gate runs them (the tests gate needs no Chromium)', () => {
  const browser = browserTestFiles(root);
  assert.ok(browser.includes('scripts/workbench/preview/__tests__/settings-page.browser.ts'));
  assert.deepEqual(
    scriptTestFiles(root).filter((file) => browser.includes(file)),
    [],
  );
});

test('a Chromium that is not there fails the gate with one line naming the install command', async () => {
  const saved = process.env['CHROME_PATH'];
  process.env['CHROME_PATH'] = '/nonexistent/chromium';
  try {
    const result = await browserGate.run({ root });
    assert.equal(result.ok, false);
    assert.equal(result.findings.length, 1);
    const message = result.findings[0]?.message ?? '';
    assert.ok(!message.includes('\n'));
    assert.ok(message.includes(CHROMIUM_INSTALL), message);
  } finally {
    if (saved === undefined) delete process.env['CHROME_PATH'];
    else process.env['CHROME_PATH'] = saved;
  }
});
