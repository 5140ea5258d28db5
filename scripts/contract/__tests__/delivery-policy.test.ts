/**
 * Rule deliveryPolicy: edge cases of the helpers that the shared vectors do not
 * pin down (leading zeros, values of any length, huge attempt counts, jitter
 * extremes, input validation). The vectors themselves run in vectors-rules.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  backoffRange,
  backoffSeconds,
  DEFAULT_RETRY_AFTER_SECONDS,
  decideDelivery,
  INTERMITTENT_CALLOUT_MESSAGES,
  isIntermittentCalloutMessage,
  itemIndexOfField,
  MAX_BACKOFF_SECONDS,
  MAX_PERMANENT_ATTEMPTS,
  MAX_RECORDED_ATTEMPTS,
  MAX_RETRY_AFTER_SECONDS,
  planDelivery,
  retryAfterSeconds,
  waitRange,
  type DeliveryAnswer,
  type DeliveryInput,
} from '../delivery-policy.ts';

/** The largest double below 1: the highest jitter Math.random can return. */
const HIGHEST_JITTER = 1 - 2 ** -53;

const input = (answer: DeliveryAnswer, attempts = 0, batchSize = 10, runningAsIntegrationUser = true): DeliveryInput => ({
  answer,
  batchSize,
  attempts,
  runningAsIntegrationUser,
});
const http = (httpStatus: number, retryAfter: string | null = null, errorField: string | null = null): DeliveryAnswer => ({
  httpStatus,
  retryAfter,
  errorField,
});

test('deliveryPolicy › the constants are the README values', () => {
  assert.deepEqual(
    [MAX_PERMANENT_ATTEMPTS, MAX_RECORDED_ATTEMPTS, MAX_RETRY_AFTER_SECONDS, DEFAULT_RETRY_AFTER_SECONDS, MAX_BACKOFF_SECONDS],
    [5, 9999, 3600, 60, 3600],
  );
});

test('deliveryPolicy › Retry-After: digits with leading zeros, clamping, spaces and tabs only', () => {
  const cases: [string | null, number][] = [
    ['00030', 30],
    ['0', 1],
    ['0000', 1],
    ['1', 1],
    ['3600', 3600],
    ['3601', 3600],
    ['0000000000003599', 3599],
    ['10000', 3600],
    [' \t 45\t ', 45],
    [null, 60],
    ['', 60],
    [' \t ', 60],
    ['\n30', 60],
    ['30\r\n', 60],
    ['\u00a030', 60],
    ['+30', 60],
    ['-0', 60],
    ['30.0', 60],
    ['1e3', 60],
    ['0x10', 60],
    ['30 s', 60],
    ['3 0', 60],
    ['\u0663\u0660', 60],
    ['\uff13\uff10', 60],
    ['Wed, 21 Oct 2026 07:28:00 GMT', 60],
  ];
  for (const [header, seconds] of cases) assert.equal(retryAfterSeconds(header), seconds, JSON.stringify(header));
});

test('deliveryPolicy › Retry-After of 400 digits is 3600, and 400 digits of leading zeros are read', () => {
  assert.equal(retryAfterSeconds('9'.repeat(400)), 3600);
  assert.equal(retryAfterSeconds('1' + '0'.repeat(399)), 3600);
  assert.equal(retryAfterSeconds('0'.repeat(399) + '7'), 7);
  assert.equal(retryAfterSeconds('0'.repeat(400)), 1);
  // Number('9'.repeat(400)) is Infinity: the rule must never reach it.
  assert.equal(retryAfterSeconds('9'.repeat(100_000)), 3600);
});

test('deliveryPolicy › back-off ranges double from [15, 30] and stop at [1800, 3600]', () => {
  const expected: [number, [number, number]][] = [
    [1, [15, 30]],
    [2, [30, 60]],
    [3, [60, 120]],
    [4, [120, 240]],
    [5, [240, 480]],
    [6, [480, 960]],
    [7, [960, 1920]],
    [8, [1800, 3600]],
    [9, [1800, 3600]],
  ];
  for (const [n, range] of expected) assert.deepEqual(backoffRange(n), range, `n = ${n}`);
});

test('deliveryPolicy › huge attempt counts give a finite back-off', () => {
  for (const n of [1024, 1025, 9999, 10_000, 2 ** 31, Number.MAX_SAFE_INTEGER]) {
    const range = backoffRange(n);
    assert.deepEqual(range, [1800, 3600], `n = ${n}`);
    assert.ok(range.every(Number.isSafeInteger));
    assert.ok(Number.isSafeInteger(backoffSeconds(n, HIGHEST_JITTER)));
  }
});

test('deliveryPolicy › backoffRange refuses what no charged attempt can be', () => {
  for (const n of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
    assert.throws(() => backoffRange(n), RangeError, `n = ${n}`);
  }
});

test('deliveryPolicy › jitter extremes stay inside the range; 0 gives its minimum', () => {
  for (let n = 1; n <= 12; n++) {
    const [min, max] = backoffRange(n);
    assert.equal(backoffSeconds(n, 0), min, `n = ${n}, j = 0`);
    for (const j of [Number.MIN_VALUE, 0.5, 0.999999, HIGHEST_JITTER]) {
      const wait = backoffSeconds(n, j);
      assert.ok(Number.isInteger(wait) && wait >= min && wait <= max, `n = ${n}, j = ${j}: ${wait} not in [${min}, ${max}]`);
    }
  }
});

test('deliveryPolicy › a jitter outside [0, 1) is refused, not turned into a wait', () => {
  for (const j of [1, -0.000001, 2, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.throws(() => backoffSeconds(1, j), RangeError, `j = ${j}`);
    assert.throws(() => decideDelivery(input(http(500)), () => j), RangeError, `decideDelivery, j = ${j}`);
  }
});

test('deliveryPolicy › the jitter is drawn only for a back-off', () => {
  let calls = 0;
  const counting = () => {
    calls++;
    return 0.5;
  };
  for (const answer of [
    http(429, '30'),
    http(503),
    http(401),
    http(413),
    { httpStatus: 200, itemStatus: 'applied', itemReason: null } as const,
  ]) {
    decideDelivery(input(answer), counting);
  }
  assert.equal(calls, 0);
  assert.equal(decideDelivery(input(http(502)), counting).waitSeconds, 22);
  assert.equal(calls, 1);
});

test('deliveryPolicy › Math.random by default: waits inside the vector range', () => {
  const [min, max] = backoffRange(3);
  for (let i = 0; i < 1000; i++) {
    const wait = decideDelivery(input(http(500), 2)).waitSeconds;
    assert.ok(wait !== null && wait >= min && wait <= max, String(wait));
  }
});

test('deliveryPolicy › intermittent callout messages, case-insensitive', () => {
  for (const needle of INTERMITTENT_CALLOUT_MESSAGES) {
    assert.ok(isIntermittentCalloutMessage(needle), needle);
    assert.ok(isIntermittentCalloutMessage(`System.CalloutException: ${needle.toUpperCase()} (x)`), needle);
  }
  for (const message of ['', 'Read timeout', 'Unauthorized endpoint', 'invalid_client', 'Connection closed']) {
    assert.equal(isIntermittentCalloutMessage(message), false, message);
  }
});

test('deliveryPolicy › item index of error.field', () => {
  const cases: [string | null, number, number | null][] = [
    ['changes[0]', 1, 0],
    ['changes[1]', 1, null],
    ['changes[199]', 200, 199],
    ['changes[200]', 200, null],
    ['changes[3].sequence', 10, 3],
    ['changes[3][0]', 10, 3],
    ['changes[3].fields.status', 10, 3],
    ['changes[03]', 10, 3],
    ['changes[3]x', 10, null],
    ['changes[3]]', 10, null],
    ['changes[]', 10, null],
    ['changes[-1]', 10, null],
    ['changes[1.0]', 10, null],
    ['changes[ 1]', 10, null],
    ['changes.1', 10, null],
    ['changes', 10, null],
    ['Changes[1]', 10, null],
    [' changes[1]', 10, null],
    ['changesets[1]', 10, null],
    ['body.changes[1]', 10, null],
    ['orgId', 10, null],
    ['', 10, null],
    [null, 10, null],
    [`changes[${'9'.repeat(40)}]`, 200, null],
    [`changes[${'0'.repeat(40)}5]`, 10, 5],
  ];
  for (const [field, batchSize, index] of cases) {
    assert.equal(itemIndexOfField(field, batchSize), index, `${JSON.stringify(field)} in ${batchSize}`);
  }
  assert.throws(() => itemIndexOfField('changes[0]', 0), RangeError);
});

test('deliveryPolicy › every HTTP status decides, with the README effect', () => {
  const effects = new Map<number, string>();
  for (let status = 100; status <= 599; status++) {
    const answer = status === 200 ? ({ httpStatus: 200, itemStatus: 'applied', itemReason: null } as const) : http(status);
    effects.set(status, decideDelivery(input(answer), () => 0).effect);
  }
  const expect = (status: number): string => {
    if (status === 200) return 'continue';
    if (status === 401 || status === 403) return 'pause';
    if (status === 413) return 'split';
    if (status === 429 || status === 503) return 'hold';
    if (status === 408 || status >= 500) return 'stop';
    return 'continue';
  };
  for (const [status, effect] of effects) assert.equal(effect, expect(status), String(status));
  for (const status of [102, 206, 304, 418, 451]) {
    const decision = decideDelivery(input(http(status)), () => 0);
    assert.equal(decision.category, 'other', String(status));
    assert.equal(decision.rowStatus, 'failed', String(status));
  }
});

test('deliveryPolicy › a permanent error at 9999 attempts stays dead at 9999', () => {
  const decision = decideDelivery(input(http(404), 9999));
  assert.deepEqual([decision.rowStatus, decision.attemptsAfter, decision.waitSeconds], ['dead', 9999, null]);
});

test('deliveryPolicy › a 400 naming a row of the batch describes that row, the others are resent', () => {
  const decision = decideDelivery(input(http(400, null, 'changes[7].fields.subject'), 2, 8));
  assert.deepEqual(decision, {
    effect: 'resendOthers',
    itemIndex: 7,
    category: 'access',
    rowStatus: 'dead',
    charged: true,
    attemptsAfter: 3,
    waitSeconds: null,
    endpointHoldSeconds: null,
  });
});

test('deliveryPolicy › the plan gives the wait the vectors state', () => {
  assert.deepEqual(waitRange(planDelivery(input(http(500), 2))), [60, 120]);
  assert.deepEqual(waitRange(planDelivery(input(http(429, ' 45 ')))), [45, 45]);
  assert.equal(waitRange(planDelivery(input(http(401)))), null);
  assert.deepEqual(planDelivery(input(http(503, '120'))).wait, { kind: 'retryAfter', seconds: 120 });
});

test('deliveryPolicy › a 200 answer read by presence: no result members means no result', () => {
  const bare = { httpStatus: 200, retryAfter: null, errorField: null };
  assert.equal(decideDelivery(input(bare), () => 0).category, 'other');
  assert.equal(decideDelivery(input(bare), () => 0).rowStatus, 'failed');
});

test('deliveryPolicy › inputs outside the contract are refused', () => {
  const bad: DeliveryInput[] = [
    input(http(500), -1),
    input(http(500), 10_000),
    input(http(500), 1.5),
    input(http(500), 0, 0),
    input(http(500), 0, 2.5),
    input(http(500), Number.NaN),
  ];
  for (const i of bad) assert.throws(() => decideDelivery(i), RangeError, JSON.stringify(i));
});
