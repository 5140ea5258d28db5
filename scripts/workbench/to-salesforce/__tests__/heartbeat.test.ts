/**
 * The setup heartbeat of the running workbench against a capture server standing in for the org:
 * `{}` POSTed to the package's Apex REST path, signed as the contract says when a key is set and
 * unsigned without one; the last outcome — a 200's jobs, a refusal's code, a 200 that breaks the
 * contract — kept and shown on the API and the To Salesforce page, a SIGNING_NOT_CONFIGURED refusal
 * with its fix; no timer with `--heartbeat-minutes 0`; a timer that repeats and stops.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { verifySignature } from '../../../contract/signature.ts';
import type { WorkbenchConfig } from '../../config.ts';
import { loadContract } from '../../contract.ts';
import { startTestWorkbench, type TestWorkbench } from '../../__tests__/support.ts';
import { heartbeatAnswerOf, SetupHeartbeat, type HeartbeatAnswer, type HeartbeatOutcome, type HeartbeatState } from '../heartbeat.ts';
import { errorOf, type OrgTarget } from '../org-client.ts';
import { SIGNING_NOT_CONFIGURED_FIX } from '../signing.ts';
import { SIGNING_NOT_CONFIGURED_ANSWER, startCaptureServer, type CaptureServer, type Scripted } from './capture-server.ts';

const NOW = Date.parse('2026-12-03T10:00:00Z');
const KEY = 'the-org-signing-key-0123456789abcdefghij';
const contract = loadContract();
let capture: CaptureServer;

/** The contract's example answer: one job kept, one scheduled, one taken over from an admin. */
const ANSWER: HeartbeatAnswer = {
  jobs: [
    { job: 'watchdog', action: 'kept', nextRunAt: '2026-12-03T10:15:00.000Z' },
    { job: 'sweep', action: 'scheduled', nextRunAt: '2026-12-03T11:05:00.000Z' },
    {
      job: 'purge',
      action: 'rescheduled',
      nextRunAt: '2026-12-04T03:15:00.000Z',
      message: 'was owned by <b>Ada Admin</b>; now runs as the caller',
    },
  ],
  relayStarted: false,
};
const OK: Scripted = { status: 200, body: ANSWER };

before(async () => {
  capture = await startCaptureServer();
});
after(async () => {
  await capture.close();
});
beforeEach(() => {
  capture.requests.length = 0;
  capture.answer(OK);
});

function target(signingKey: string | null = KEY, namespace: string | null = 'sisync'): OrgTarget {
  return { instanceUrl: capture.url, accessToken: 'token', namespace, signingKey };
}

/** A workbench with `--org` (a capture server) and the given heartbeat period; the start call has been answered. */
async function start(heartbeatMinutes: number, org: OrgTarget | null = target()): Promise<TestWorkbench> {
  const config: Partial<WorkbenchConfig> = { auth: false, heartbeatMinutes };
  const workbench = await startTestWorkbench(
    config,
    org === null
      ? { nowMs: () => NOW }
      : { nowMs: () => NOW, delivery: { target: org, intervalMs: 0, options: { nowSeconds: () => NOW / 1000 } } },
  );
  // Joins the call made at start (a call in flight is never doubled).
  if (heartbeatMinutes > 0) await workbench.context.heartbeat.beat();
  return workbench;
}

async function json(url: string, method = 'GET'): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, method === 'GET' ? {} : { method, headers: { 'content-type': 'application/json' }, body: '{}' });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function lastOf(workbench: TestWorkbench): HeartbeatOutcome {
  const last = workbench.context.heartbeat.state().last;
  assert.ok(last, 'an outcome was recorded');
  return last;
}

test('at start the heartbeat POSTs {} to the Apex REST path, signed with the key; its 200 is on the API and the page', async () => {
  const workbench = await start(60);
  try {
    assert.equal(capture.requests.length, 1, 'one call at start');
    const [request] = capture.requests;
    assert.ok(request);
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/services/apexrest/sisync/v1/setup/heartbeat');
    assert.equal(request.body, '{}');
    assert.equal(request.headers['authorization'], 'Bearer token');
    assert.equal(request.headers['content-type'], 'application/json');
    assert.deepEqual(
      verifySignature({
        keys: [KEY],
        now: NOW / 1000,
        timestampHeader: String(request.headers['x-sia-timestamp']),
        signatureHeader: String(request.headers['x-sia-signature']),
        body: request.body,
      }),
      { valid: true, reason: 'valid' },
    );

    const expected: HeartbeatState = {
      everyMinutes: 60,
      last: { at: new Date(NOW).toISOString(), status: 200, result: 'ok', jobs: ANSWER.jobs, relayStarted: false },
    };
    assert.deepEqual((await json(`${workbench.url}/_workbench/to-salesforce/heartbeat`)).body, expected);
    assert.deepEqual((await json(`${workbench.url}/_workbench/to-salesforce`)).body['heartbeat'], expected);

    const page = await (await fetch(`${workbench.url}/pages/to-salesforce`)).text();
    assert.match(page, /Setup heartbeat/);
    assert.match(page, /Called at start and every 60 minute\(s\)\./);
    assert.match(
      page,
      /Last call 2026-12-03T10:00:00\.000Z: <span class="slds-badge slds-theme_success">HTTP 200<\/span> Relay started: no\./,
    );
    assert.match(
      page,
      /<td class="wb-wrap">purge<\/td><td class="wb-wrap"><span class="slds-badge slds-theme_warning">rescheduled<\/span><\/td><td class="wb-wrap">2026-12-04T03:15:00\.000Z<\/td>/,
    );
    assert.ok(page.includes('was owned by &lt;b&gt;Ada Admin&lt;/b&gt;') && !page.includes('<b>Ada Admin</b>'), 'the message is escaped');
    assert.doesNotMatch(page, /data-id="heartbeat-error"/);

    const again = await json(`${workbench.url}/_workbench/to-salesforce/heartbeat`, 'POST');
    assert.equal(again.status, 200);
    assert.equal(capture.requests.length, 2, 'POST …/heartbeat calls it now');
  } finally {
    await workbench.dispose();
  }
});

test('without a signing key the heartbeat goes unsigned; without a namespace to /services/apexrest/v1/setup/heartbeat', async () => {
  const workbench = await start(60, target(null, null));
  try {
    const [request] = capture.requests;
    assert.equal(request?.path, '/services/apexrest/v1/setup/heartbeat');
    assert.equal(request?.body, '{}');
    assert.equal(request?.headers['x-sia-timestamp'], undefined);
    assert.equal(request?.headers['x-sia-signature'], undefined);
    assert.equal(lastOf(workbench).result, 'ok');
  } finally {
    await workbench.dispose();
  }
});

test('a 403 is recorded with its code and message, and the page shows the error line', async () => {
  capture.answer({
    status: 403,
    body: { error: { code: 'INSUFFICIENT_ACCESS', message: 'The caller needs the Sales Insight Sync Integration permission set.' } },
  });
  const workbench = await start(60);
  try {
    assert.deepEqual(lastOf(workbench), {
      at: new Date(NOW).toISOString(),
      status: 403,
      result: 'error',
      code: 'INSUFFICIENT_ACCESS',
      message: 'The caller needs the Sales Insight Sync Integration permission set.',
    });
    const page = await (await fetch(`${workbench.url}/pages/to-salesforce`)).text();
    assert.match(page, /HTTP 403/);
    assert.doesNotMatch(page, /data-id="heartbeat-fix"/, 'no fix line for a code the workbench has no fix for');
    assert.match(
      page,
      /data-id="heartbeat-error">Failed — INSUFFICIENT_ACCESS: The caller needs the Sales Insight Sync Integration permission set\.</,
    );
  } finally {
    await workbench.dispose();
  }
});

test('a 401 SIGNING_NOT_CONFIGURED to an unsigned heartbeat is recorded with its code and the fix, on the API and the page', async () => {
  capture.answer(SIGNING_NOT_CONFIGURED_ANSWER);
  const workbench = await start(60, target(null));
  try {
    const [request] = capture.requests;
    assert.equal(request?.headers['x-sia-signature'], undefined, 'sent unsigned');
    const expected: HeartbeatOutcome = {
      at: new Date(NOW).toISOString(),
      status: 401,
      result: 'error',
      code: 'SIGNING_NOT_CONFIGURED',
      message:
        'This org has no inbound signing key and does not accept unsigned calls: an admin generates a key on the Sales Insight Sync signing card (settings page, Setup tab) and enters it in Sales Insight, or records "accept unsigned calls" there.',
      fix: SIGNING_NOT_CONFIGURED_FIX,
    };
    assert.deepEqual(lastOf(workbench), expected);
    assert.deepEqual((await json(`${workbench.url}/_workbench/to-salesforce/heartbeat`)).body['last'], expected);
    const page = await (await fetch(`${workbench.url}/pages/to-salesforce`)).text();
    assert.match(page, /data-id="heartbeat-error">Failed — SIGNING_NOT_CONFIGURED: This org has no inbound signing key/);
    assert.ok(
      page.includes(
        `<p class="slds-m-top_x-small" data-id="heartbeat-fix">Fix: the org refuses unsigned calls: generate a key on the signing card and restart with --signing-key-file &lt;file&gt; (or WORKBENCH_SIGNING_KEY), or record 'accept unsigned calls' there.</p>`,
      ),
    );
  } finally {
    await workbench.dispose();
  }
});

test('a 200 that breaks the contract (an unknown action) is recorded as a violation, not a crash', async () => {
  capture.answer({ status: 200, body: { ...ANSWER, jobs: [{ ...ANSWER.jobs[0], action: 'paused' }, ANSWER.jobs[1], ANSWER.jobs[2]] } });
  const workbench = await start(60);
  try {
    const last = lastOf(workbench);
    assert.equal(last.status, 200);
    assert.equal(last.result, 'violation');
    assert.ok(last.result === 'violation' && last.code === 'CONTRACT_VIOLATION');
    assert.match(last.message, /does not keep to SetupHeartbeatResponse/);
    const page = await (await fetch(`${workbench.url}/pages/to-salesforce`)).text();
    assert.match(page, /data-id="heartbeat-error">Contract violation — CONTRACT_VIOLATION: /);
  } finally {
    await workbench.dispose();
  }
});

test('--heartbeat-minutes 0: no call at start and no timer; POST …/heartbeat still calls it', async () => {
  const workbench = await start(0);
  try {
    assert.equal(capture.requests.length, 0);
    assert.deepEqual(workbench.context.heartbeat.state(), { everyMinutes: null, last: null });
    assert.match(await (await fetch(`${workbench.url}/pages/to-salesforce`)).text(), /Off \(--heartbeat-minutes 0\)[^]*Not called yet\./);
    assert.equal((await json(`${workbench.url}/_workbench/to-salesforce/heartbeat`, 'POST')).status, 200);
    assert.equal(capture.requests.length, 1);
  } finally {
    await workbench.dispose();
  }
});

test('without an org there is no heartbeat: POST …/heartbeat is 409 NO_ORG, nothing is sent', async () => {
  const workbench = await start(60, null);
  try {
    const answer = await json(`${workbench.url}/_workbench/to-salesforce/heartbeat`, 'POST');
    assert.equal(answer.status, 409);
    assert.equal((answer.body['error'] as { code: string }).code, 'NO_ORG');
    assert.equal(capture.requests.length, 0);
    assert.deepEqual((await json(`${workbench.url}/_workbench/to-salesforce`)).body['heartbeat'], { everyMinutes: null, last: null });
  } finally {
    await workbench.dispose();
  }
});

test('the timer calls again every period, never two calls at once, and stop clears it', async () => {
  const heartbeat = new SetupHeartbeat(target(), contract, { nowMs: () => NOW, nowSeconds: () => NOW / 1000 });
  heartbeat.start(1, 25);
  const deadline = Date.now() + 5000;
  while (capture.requests.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  await heartbeat.stop();
  const calls = capture.requests.length;
  assert.ok(calls >= 3, `called ${calls} time(s)`);
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(capture.requests.length, calls, 'no call after stop');
  assert.equal(heartbeat.state().everyMinutes, 1);
});

test('the answer check: the three jobs in order, known actions, a blocked job with its message; errors read from either error shape', () => {
  assert.deepEqual(heartbeatAnswerOf(contract, JSON.stringify(ANSWER)), ANSWER);
  assert.equal(heartbeatAnswerOf(contract, 'not json'), 'the 200 answer is not JSON');
  const swapped = { ...ANSWER, jobs: [ANSWER.jobs[1], ANSWER.jobs[0], ANSWER.jobs[2]] };
  assert.match(
    String(heartbeatAnswerOf(contract, JSON.stringify(swapped))),
    /must list the jobs watchdog, sweep, purge in this order, got sweep, watchdog, purge/,
  );
  const blocked = { ...ANSWER, jobs: [{ job: 'watchdog', action: 'blocked', nextRunAt: null }, ANSWER.jobs[1], ANSWER.jobs[2]] };
  assert.match(String(heartbeatAnswerOf(contract, JSON.stringify(blocked))), /SetupHeartbeatResponse/);
  assert.match(String(heartbeatAnswerOf(contract, JSON.stringify({ jobs: ANSWER.jobs }))), /relayStarted/);

  assert.deepEqual(errorOf(401, JSON.stringify([{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }])), {
    code: 'INVALID_SESSION_ID',
    message: 'Session expired or invalid',
  });
  assert.deepEqual(errorOf(401, JSON.stringify({ error: { code: 'INVALID_SIGNATURE', message: 'stale' } })), {
    code: 'INVALID_SIGNATURE',
    message: 'stale',
  });
  assert.deepEqual(errorOf(502, '<html>Bad gateway</html>'), { code: 'HTTP_502', message: '<html>Bad gateway</html>' });
  assert.deepEqual(errorOf(0, 'fetch failed'), { code: 'NO_ANSWER', message: 'fetch failed' });
});

test('a dropped connection is recorded as no answer (status 0)', async () => {
  capture.answer('drop');
  const heartbeat = new SetupHeartbeat(target(), contract, { nowMs: () => NOW, timeoutMs: 2000 });
  const outcome = await heartbeat.beat();
  assert.equal(outcome?.status, 0);
  assert.equal(outcome?.result === 'error' ? outcome.code : null, 'NO_ANSWER');
  assert.deepEqual(heartbeat.state().last, outcome);
});
