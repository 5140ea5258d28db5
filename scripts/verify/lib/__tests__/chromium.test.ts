import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHROMIUM_INSTALL, findChromium } from '../chromium.ts';

const candidates = ['/opt/a/chromium', '/opt/b/chromium'];

test('CHROME_PATH wins when it is executable', () => {
  assert.deepEqual(
    findChromium({ CHROME_PATH: '/x/chrome' }, candidates, (path) => path === '/x/chrome' || path === '/opt/a/chromium'),
    {
      ok: true,
      path: '/x/chrome',
    },
  );
});

test('a CHROME_PATH that is not executable is an error, never a silent fallback', () => {
  const found = findChromium({ CHROME_PATH: '/x/missing' }, candidates, (path) => path === '/opt/a/chromium');
  assert.equal(found.ok, false);
  assert.match(found.ok ? '' : found.message, /CHROME_PATH=\/x\/missing is not an executable/);
});

test('the first executable usual path is used when CHROME_PATH is unset', () => {
  assert.deepEqual(
    findChromium({}, candidates, (path) => path === '/opt/b/chromium'),
    { ok: true, path: '/opt/b/chromium' },
  );
});

test('none found: one line naming where it looked and the install command', () => {
  const found = findChromium({}, candidates, () => false);
  assert.equal(found.ok, false);
  const message = found.ok ? '' : found.message;
  assert.ok(!message.includes('\n'));
  assert.ok(message.includes('/opt/a/chromium, /opt/b/chromium'));
  assert.ok(message.includes(CHROMIUM_INSTALL));
});
