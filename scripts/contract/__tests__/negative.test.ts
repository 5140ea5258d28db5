/**
 * The checks can fail: mutated examples are rejected by the schemas, mutated
 * vectors are caught by the schema, the uniqueness check or the rule checks.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadOpenApi, loadVectors, readJson, CONTRACT_FILES } from '../load.ts';
import { listMediaExamples } from '../openapi-walk.ts';
import { ContractValidator } from '../openapi-validator.ts';
import {
  checkDeliveryPolicyCase,
  checkEchoHashCase,
  checkKeyReuseCase,
  checkMatchingCase,
  checkSubjectCase,
  checkWindowCase,
} from '../vector-checks.ts';
import type { DeliveryPolicyCase, KeyReuseCase } from '../vector-types.ts';
import { duplicateCaseNames, vectorsSchemaErrors } from '../vectors-validator.ts';
import { signBody, verifySignature } from '../signature.ts';

const doc = loadOpenApi();
const validator = new ContractValidator(doc);
const examples = listMediaExamples(doc);

/** A deep copy of a request example, by operationId and example name. */
function requestExample(operationId: string, name: string): Record<string, unknown> {
  const ex = examples.find((e) => e.where === 'request' && e.operation.operation.operationId === operationId && e.exampleName === name);
  assert.ok(ex, `${operationId}/${name}`);
  return structuredClone(ex.value) as Record<string, unknown>;
}

type Item = Record<string, unknown>;
const items = (body: Record<string, unknown>, key: string): Item[] => body[key] as Item[];
const first = (list: Item[]): Item => {
  const item = list[0];
  assert.ok(item);
  return item;
};

/** Asserts that the mutated body is rejected by the operation's request schema. */
function assertRejected(operationId: string, body: unknown, pointerSchema: string): void {
  const errors = validator.errorsForComponent(pointerSchema, body);
  assert.notDeepEqual(errors, [], `${operationId}: mutation was accepted`);
}

test('negative › the unmutated example is accepted (baseline)', () => {
  assert.deepEqual(validator.errorsForComponent('TaskChangeBatch', requestExample('sendTaskChanges', 'liveChanges')), []);
});

test('negative › 201 task changes are rejected', () => {
  const body = requestExample('sendTaskChanges', 'liveChanges');
  const one = first(items(body, 'changes'));
  body['changes'] = Array.from({ length: 201 }, () => structuredClone(one));
  assertRejected('sendTaskChanges', body, 'TaskChangeBatch');
});

test('negative › an unknown operation is rejected', () => {
  const body = requestExample('sendTaskChanges', 'liveChanges');
  first(items(body, 'changes'))['operation'] = 'merge';
  assertRejected('sendTaskChanges', body, 'TaskChangeBatch');
});

test('negative › a delete carrying fields is rejected', () => {
  const body = requestExample('sendTaskChanges', 'liveChanges');
  const del = items(body, 'changes').find((c) => c['operation'] === 'delete');
  assert.ok(del);
  del['fields'] = { subject: 'x' };
  assertRejected('sendTaskChanges', body, 'TaskChangeBatch');
});

test('negative › an upsert without fields is rejected', () => {
  const body = requestExample('sendTaskChanges', 'liveChanges');
  delete first(items(body, 'changes'))['fields'];
  assertRejected('sendTaskChanges', body, 'TaskChangeBatch');
});

test('negative › a status or priority SIA cannot hold is rejected on the wire', () => {
  for (const [field, value] of [
    ['status', 'In Progress'],
    ['priority', 'Low'],
  ] as const) {
    const body = requestExample('sendTaskChanges', 'liveChanges');
    (first(items(body, 'changes'))['fields'] as Item)[field] = value;
    assertRejected('sendTaskChanges', body, 'TaskChangeBatch');
  }
});

test('negative › an unknown member is rejected (closed objects)', () => {
  const body = requestExample('sendTaskChanges', 'liveChanges');
  first(items(body, 'changes'))['lastModifiedById'] = '0055g00000XyZabAAF';
  assertRejected('sendTaskChanges', body, 'TaskChangeBatch');
});

test('negative › a rejected result without reason is rejected', () => {
  assertRejected('sendTaskChanges', { results: [{ idempotencyKey: 'k', status: 'rejected' }] }, 'TaskChangeResults');
  assertRejected('receiveEmailActivities', { results: [{ siaMessageId: 'm', status: 'unresolved', taskIds: [] }] }, 'EmailActivityResults');
});

test('negative › BCC activation without an address is rejected', () => {
  const body = requestExample('sendUserSettings', 'activateBccAndTwoWay');
  (first(items(body, 'changes'))['bcc'] as Item)['emailToSalesforceAddress'] = null;
  assertRejected('sendUserSettings', body, 'UserSettingsBatch');
});

test('negative › an SIA create without a name is rejected', () => {
  const body = requestExample('receiveTaskChanges', 'createUpdateComplete');
  delete (first(items(body, 'changes'))['fields'] as Item)['name'];
  assertRejected('receiveTaskChanges', body, 'SiaTaskChangeBatch');
});

test('negative › an SIA change without an owner is rejected', () => {
  const body = requestExample('receiveTaskChanges', 'createUpdateComplete');
  delete first(items(body, 'changes'))['ownerEmail'];
  assertRejected('receiveTaskChanges', body, 'SiaTaskChangeBatch');
});

test('negative › an email without Message-ID and a call without call details are rejected', () => {
  const email = requestExample('receiveEmailActivities', 'emailsAndCall');
  first(items(email, 'activities'))['rfcMessageId'] = null;
  assertRejected('receiveEmailActivities', email, 'EmailActivityBatch');
  const call = requestExample('receiveEmailActivities', 'emailsAndCall');
  const callItem = items(call, 'activities').find((a) => a['kind'] === 'call');
  assert.ok(callItem);
  delete callItem['call'];
  assertRejected('receiveEmailActivities', call, 'EmailActivityBatch');
});

test('negative › a wrong echo hash is detected', () => {
  const c = loadVectors().echoHash[2];
  assert.ok(c);
  const flipped = c.expected.hash.slice(0, -1) + (c.expected.hash.endsWith('0') ? '1' : '0');
  const problems = checkEchoHashCase({ ...c, expected: { ...c.expected, hash: flipped } });
  assert.equal(problems.length, 1);
  assert.match(problems[0] ?? '', /^hash: /);
});

test('negative › a canonical string counted in code points instead of UTF-16 units is detected', () => {
  const c = loadVectors().echoHash.find((e) => /🚀/u.test(e.task.subject ?? ''));
  assert.ok(c);
  const subject = c.task.subject ?? '';
  const wrong = c.expected.canonical.replace(`${subject.length}:`, `${[...subject].length}:`);
  assert.notEqual(wrong, c.expected.canonical);
  assert.ok(checkEchoHashCase({ ...c, expected: { ...c.expected, canonical: wrong } }).some((p) => p.startsWith('canonical')));
});

test('negative › wrong expectations in other sections are detected', () => {
  const v = loadVectors();
  const window = v.windowEdges[0];
  const subject = v.subjectTemplate.find((c) => c.expected.valid);
  const matching = v.matchingRules[0];
  assert.ok(window && subject && matching);
  assert.notDeepEqual(checkWindowCase({ ...window, expected: { included: !window.expected.included } }), []);
  assert.notDeepEqual(checkSubjectCase({ ...subject, expected: { valid: true, subject: 'something else' } }), []);
  assert.notDeepEqual(
    checkMatchingCase({ ...matching, expected: { ...matching.expected, matchedIds: [...matching.expected.matchedIds].reverse() } }),
    [],
  );
});

/** A deliveryPolicy case by name, with its expectation replaced in part. */
function deliveryCase(name: string, expected: Partial<DeliveryPolicyCase['expected']> = {}): DeliveryPolicyCase {
  const c = loadVectors().deliveryPolicy.find((d) => d.name === name);
  assert.ok(c, name);
  return { ...c, expected: { ...c.expected, ...expected } };
}

const assertReported = (problems: string[], label: RegExp): void => {
  assert.ok(
    problems.some((p) => label.test(p)),
    `expected a problem matching ${label}, got ${JSON.stringify(problems)}`,
  );
};

test('negative › deliveryPolicy: the unmutated cases pass (baseline)', () => {
  assert.deepEqual(checkDeliveryPolicyCase(deliveryCase('500 on the third attempt backs off 60 to 120 s')), []);
  assert.deepEqual(checkDeliveryPolicyCase(deliveryCase('429 with Retry-After 30 holds the endpoint for 30 s')), []);
});

test('negative › deliveryPolicy: a changed effect, category, status or count is reported', () => {
  const backoff = '500 on the third attempt backs off 60 to 120 s';
  assertReported(checkDeliveryPolicyCase(deliveryCase(backoff, { effect: 'continue' })), /^decision: /);
  assertReported(checkDeliveryPolicyCase(deliveryCase(backoff, { category: 'other' })), /^decision: /);
  assertReported(checkDeliveryPolicyCase(deliveryCase(backoff, { rowStatus: 'failed' })), /^decision: /);
  assertReported(checkDeliveryPolicyCase(deliveryCase(backoff, { attemptsAfter: 4 })), /^decision: /);
  assertReported(checkDeliveryPolicyCase(deliveryCase(backoff, { charged: false })), /^decision: /);
  const hold = '429 with Retry-After 30 holds the endpoint for 30 s';
  assertReported(checkDeliveryPolicyCase(deliveryCase(hold, { endpointHoldSeconds: 60 })), /^decision: /);
  const resend = '400 naming changes[3]: that row is dead, the others are resent uncharged';
  assertReported(checkDeliveryPolicyCase(deliveryCase(resend, { itemIndex: 4 })), /^decision: /);
});

test('negative › deliveryPolicy: a changed wait range is reported, and a wait outside it too', () => {
  const backoff = '500 on the third attempt backs off 60 to 120 s';
  // A wider range still holds both waits: only the analytic range catches it.
  const wider = checkDeliveryPolicyCase(deliveryCase(backoff, { waitSeconds: [60, 121] }));
  assert.deepEqual(
    wider.map((p) => p.split(':')[0]),
    ['waitSeconds range'],
  );
  // A narrower one also leaves the lowest wait outside.
  const narrower = checkDeliveryPolicyCase(deliveryCase(backoff, { waitSeconds: [61, 120] }));
  assertReported(narrower, /^waitSeconds range: /);
  assertReported(narrower, /^waitSeconds \(jitter 0\): 60 is not within \[61,120\]/);
  const lower = checkDeliveryPolicyCase(deliveryCase(backoff, { waitSeconds: [60, 118] }));
  assertReported(lower, /^waitSeconds \(jitter 0\.999999\): 119 is not within \[60,118\]/);
  assertReported(checkDeliveryPolicyCase(deliveryCase(backoff, { waitSeconds: null })), /^waitSeconds \(jitter 0\): 60 is not within null/);
  const hold = '429 with Retry-After 30 holds the endpoint for 30 s';
  assertReported(checkDeliveryPolicyCase(deliveryCase(hold, { waitSeconds: [15, 30] })), /^waitSeconds range: /);
  const sent = '200 applied marks the row sent';
  assertReported(checkDeliveryPolicyCase(deliveryCase(sent, { waitSeconds: [15, 30] })), /^waitSeconds \(jitter 0\): null/);
});

test('negative › deliveryPolicy: a case outside the rule inputs is reported, not crashed on', () => {
  const c = deliveryCase('200 applied marks the row sent');
  assertReported(checkDeliveryPolicyCase({ ...c, attempts: -1 }), /^threw: attempts must be/);
});

/** A keyReuse case by name, with its expectation replaced in part. */
function keyCase(name: string, expected: Partial<KeyReuseCase['expected']> = {}): KeyReuseCase {
  const c = loadVectors().keyReuse.find((k) => k.name === name);
  assert.ok(c, name);
  return { ...c, expected: { ...c.expected, ...expected } };
}

test('negative › keyReuse: a wrong canonical string, status or reason is reported', () => {
  const dup = 'only ownerEmail differs: a duplicate';
  assert.deepEqual(checkKeyReuseCase(keyCase(dup)), []);
  const c = keyCase(dup);
  // What an implementation that kept ownerEmail, or added whitespace, would write.
  const withOwner = c.expected.canonicalFirst.replace('"origin"', '"ownerEmail":"rep@example.com","origin"');
  assertReported(checkKeyReuseCase(keyCase(dup, { canonicalFirst: withOwner })), /^canonicalFirst: /);
  assertReported(checkKeyReuseCase(keyCase(dup, { canonicalSecond: c.expected.canonicalSecond.replace(':', ': ') })), /^canonicalSecond: /);
  assertReported(checkKeyReuseCase(keyCase(dup, { status: 'rejected' })), /^status: /);
  assertReported(checkKeyReuseCase(keyCase(dup, { reason: 'IDEMPOTENCY_KEY_REUSED' })), /^reason: /);
  const rejected = keyCase('null is not the same as absent', { status: 'duplicate', reason: null });
  assert.deepEqual(
    checkKeyReuseCase(rejected).map((p) => p.split(':')[0]),
    ['status', 'reason'],
  );
});

test('negative › keyReuse: unsorted members are reported', () => {
  const c = keyCase('members in another order: a duplicate');
  assertReported(checkKeyReuseCase({ ...c, expected: { ...c.expected, canonicalSecond: JSON.stringify(c.second) } }), /^canonicalSecond: /);
});

test('negative › the vectors schema rejects malformed deliveryPolicy and keyReuse cases', () => {
  const raw = structuredClone(readJson(CONTRACT_FILES.vectors)) as { deliveryPolicy: { expected: Item }[]; keyReuse: { expected: Item }[] };
  const delivery = raw.deliveryPolicy[0];
  const key = raw.keyReuse[0];
  assert.ok(delivery && key);
  delivery.expected['effect'] = 'retry';
  key.expected['reason'] = 'IDEMPOTENCY_KEY_REUSED: detail';
  const errors = vectorsSchemaErrors(raw);
  assert.ok(
    errors.some((e) => e.startsWith('/deliveryPolicy/0/expected/effect')),
    errors.join('\n'),
  );
  assert.ok(
    errors.some((e) => e.startsWith('/keyReuse/0/expected/reason')),
    errors.join('\n'),
  );
});

test('negative › a tampered signature is refused', () => {
  const body = '{"changes":[]}';
  const header = signBody('sisync-test-key-current-0001', '1795946400', body);
  const check = { keys: ['sisync-test-key-current-0001'], now: 1795946400, timestampHeader: '1795946400', signatureHeader: header };
  assert.deepEqual(verifySignature({ ...check, body }), { valid: true, reason: 'valid' });
  assert.deepEqual(verifySignature({ ...check, body: body + ' ' }), { valid: false, reason: 'mismatch' });
});

test('negative › the vectors schema rejects a malformed case', () => {
  const raw = structuredClone(readJson(CONTRACT_FILES.vectors)) as { echoHash: { expected: { hash: string } }[]; windowEdges: Item[] };
  const echo = raw.echoHash[0];
  const window = raw.windowEdges[0];
  assert.ok(echo && window);
  echo.expected.hash = echo.expected.hash.toUpperCase();
  window['now'] = '2026-11-29T10:00:00Z';
  const errors = vectorsSchemaErrors(raw);
  assert.ok(
    errors.some((e) => e.startsWith('/echoHash/0/expected/hash')),
    errors.join('\n'),
  );
  assert.ok(
    errors.some((e) => e.startsWith('/windowEdges/0')),
    errors.join('\n'),
  );
});

test('negative › duplicate case names are detected', () => {
  const raw = structuredClone(readJson(CONTRACT_FILES.vectors)) as { matchingRules: Item[] };
  const c = raw.matchingRules[0];
  assert.ok(c);
  raw.matchingRules.push(structuredClone(c));
  assert.deepEqual(duplicateCaseNames(raw), [`matchingRules: ${String(c['name'])}`]);
});
