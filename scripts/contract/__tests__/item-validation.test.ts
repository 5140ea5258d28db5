/**
 * Rule itemValidation: the receiver's checks of an outbound batch, on the
 * OpenAPI request examples and mutations of them. The verdicts, turned into
 * results and error bodies, must themselves satisfy the OpenAPI document.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkBatch, MAX_BODY_BYTES, type BatchCheck, type BatchKind, type InvalidItem } from '../item-validation.ts';
import { loadOpenApi } from '../load.ts';
import { ContractValidator } from '../openapi-validator.ts';
import { listMediaExamples } from '../openapi-walk.ts';

const doc = loadOpenApi();
const validator = new ContractValidator(doc);
const examples = listMediaExamples(doc);

type Item = Record<string, unknown>;
type Body = Record<string, unknown> & { changes: Item[] };

/** A deep copy of a request example, by operationId and example name. */
function requestExample(operationId: string, name: string): Body {
  const ex = examples.find((e) => e.where === 'request' && e.operation.operation.operationId === operationId && e.exampleName === name);
  assert.ok(ex, `${operationId}/${name}`);
  return structuredClone(ex.value) as Body;
}

/** A response example's value, by operationId, status and example name. */
function responseExample(operationId: string, status: string, name: string): unknown {
  const ex = examples.find((e) => e.where === status && e.operation.operation.operationId === operationId && e.exampleName === name);
  assert.ok(ex, `${operationId} ${status} ${name}`);
  return ex.value;
}

const taskBatch = (): Body => requestExample('sendTaskChanges', 'liveChanges');
const settingsBatch = (): Body => requestExample('sendUserSettings', 'activateBccAndTwoWay');

function item(body: Body, index: number): Item {
  const found = body.changes[index];
  assert.ok(found, `changes[${index}]`);
  return found;
}

function check(body: unknown, kind: BatchKind = 'taskChange'): BatchCheck {
  return checkBatch(typeof body === 'string' ? body : JSON.stringify(body), kind, validator);
}

function verdicts(body: unknown, kind: BatchKind = 'taskChange') {
  const result = check(body, kind);
  assert.equal(result.kind, 'items', JSON.stringify(result));
  return result.items;
}

function invalid(body: unknown, index: number, kind: BatchKind = 'taskChange'): InvalidItem {
  const verdict = verdicts(body, kind)[index];
  assert.ok(verdict && !verdict.valid, `changes[${index}] should be invalid: ${JSON.stringify(verdict)}`);
  return verdict;
}

function refused(body: unknown, kind: BatchKind = 'taskChange') {
  const result = check(body, kind);
  assert.equal(result.kind, 'error', JSON.stringify(result));
  // Every error this rule answers is a valid ErrorResponse of the document.
  assert.deepEqual(validator.errorsForComponent('ErrorResponse', { error: result.error }), []);
  return result;
}

/** The 200 a receiver would answer: applied for valid items, rejected with field and reason for the others. */
function resultsOf(body: unknown, kind: BatchKind): unknown {
  return {
    results: verdicts(body, kind).map((v) =>
      v.valid
        ? { idempotencyKey: v.idempotencyKey, status: 'applied' }
        : { idempotencyKey: v.idempotencyKey, status: 'rejected', reason: v.reason, field: v.field },
    ),
  };
}

test('itemValidation › every unmodified request example is valid item by item, with its keys', () => {
  for (const [operationId, kind] of [
    ['sendTaskChanges', 'taskChange'],
    ['sendUserSettings', 'userSettings'],
  ] as const) {
    const requests = examples.filter((e) => e.where === 'request' && e.operation.operation.operationId === operationId);
    assert.ok(requests.length > 0, operationId);
    for (const ex of requests) {
      const body = ex.value as Body;
      assert.deepEqual(
        verdicts(body, kind),
        body.changes.map((c, index) => ({ index, idempotencyKey: c['idempotencyKey'], valid: true })),
        `${operationId}/${ex.exampleName}`,
      );
    }
  }
});

test('itemValidation › a sequence of 0 rejects that item alone, named changes[1].sequence', () => {
  const body = taskBatch();
  item(body, 1)['sequence'] = 0;
  const [before, bad, after] = verdicts(body);
  assert.deepEqual(before, { index: 0, idempotencyKey: item(body, 0)['idempotencyKey'], valid: true });
  assert.deepEqual(bad, {
    index: 1,
    idempotencyKey: item(body, 1)['idempotencyKey'],
    valid: false,
    field: 'changes[1].sequence',
    reason: 'INVALID_FIELD: changes[1].sequence must be >= 1',
  });
  assert.deepEqual(after, { index: 2, idempotencyKey: item(body, 2)['idempotencyKey'], valid: true });
});

test('itemValidation › an unknown member is named by that member', () => {
  const body = taskBatch();
  item(body, 0)['lastModifiedById'] = '0055g00000XyZabAAF';
  const bad = invalid(body, 0);
  assert.equal(bad.field, 'changes[0].lastModifiedById');
  assert.equal(bad.reason, 'INVALID_FIELD: changes[0].lastModifiedById is not allowed');
  assert.equal(bad.idempotencyKey, item(body, 0)['idempotencyKey']);

  const nested = taskBatch();
  (item(nested, 0)['fields'] as Item)['ownerName'] = 'Rep';
  assert.equal(invalid(nested, 0).field, 'changes[0].fields.ownerName');
});

test('itemValidation › member names with / and ~ are written as they are (pointer escapes undone)', () => {
  const body = taskBatch();
  (item(body, 0)['fields'] as Item)['a/b~c'] = 1;
  assert.equal(invalid(body, 0).field, 'changes[0].fields.a/b~c');
});

test('itemValidation › an item without a usable key is answered with idempotencyKey null', () => {
  const missing = taskBatch();
  delete item(missing, 2)['idempotencyKey'];
  assert.deepEqual(invalid(missing, 2), {
    index: 2,
    idempotencyKey: null,
    valid: false,
    field: 'changes[2].idempotencyKey',
    reason: 'INVALID_FIELD: changes[2].idempotencyKey is required',
  });

  for (const garbage of ['garbage', 42, null, '00D5g000004ABCDEA4:0055g00000XyZabAAF:3', '00D5g000004ABCDEA4:00T5g00000AbCdEEAV:0']) {
    const body = taskBatch();
    item(body, 0)['idempotencyKey'] = garbage;
    const bad = invalid(body, 0);
    assert.equal(bad.idempotencyKey, null, JSON.stringify(garbage));
    assert.equal(bad.field, 'changes[0].idempotencyKey', JSON.stringify(garbage));
  }
});

test('itemValidation › an invalid item with a usable key keeps its key', () => {
  const body = taskBatch();
  item(body, 0)['origin'] = 'manual';
  const bad = invalid(body, 0);
  assert.equal(bad.idempotencyKey, '00D5g000004ABCDEA4:00T5g00000AbCdEEAV:3');
  assert.equal(bad.field, 'changes[0].origin');
  assert.equal(bad.reason, 'INVALID_FIELD: changes[0].origin must be one of live, initial, reconcile');
});

test('itemValidation › an upsert without fields is named changes[0].fields', () => {
  const body = taskBatch();
  delete item(body, 0)['fields'];
  const bad = invalid(body, 0);
  assert.equal(bad.field, 'changes[0].fields');
  assert.equal(bad.reason, 'INVALID_FIELD: changes[0].fields is required');
});

test('itemValidation › the deepest offending member is named', () => {
  const body = taskBatch();
  item(body, 0)['sequence'] = 0;
  (item(body, 0)['fields'] as Item)['status'] = 'In Progress';
  const bad = invalid(body, 0);
  assert.equal(bad.field, 'changes[0].fields.status');
  assert.equal(bad.reason, 'INVALID_FIELD: changes[0].fields.status must be one of Not Started, Completed');
});

test('itemValidation › a delete carrying fields names the item (the schema says so with `not`)', () => {
  const body = taskBatch();
  assert.equal(item(body, 2)['operation'], 'delete');
  item(body, 2)['fields'] = { subject: 'x' };
  assert.equal(invalid(body, 2).field, 'changes[2]');
});

test('itemValidation › reasons stay on one line and within 1000 code units', () => {
  const body = taskBatch();
  item(body, 0)['x\ny'.repeat(600)] = 1;
  const bad = invalid(body, 0);
  assert.ok(bad.reason.length <= 1000, String(bad.reason.length));
  assert.doesNotMatch(bad.reason, /\n/);
  assert.match(bad.field, /\n/, 'the field itself is the member name as is');
});

test('itemValidation › the verdicts answer as the OpenAPI results examples do', () => {
  const tasks = requestExample('sendTaskChanges', 'liveChanges');
  (item(tasks, 1)['fields'] as Item)['status'] = 'In Progress';
  delete item(tasks, 2)['idempotencyKey'];
  const expected = responseExample('sendTaskChanges', '200', 'rejectedItems') as { results: Item[] };
  const [, statusResult, keyResult] = (resultsOf(tasks, 'taskChange') as { results: Item[] }).results;
  assert.deepEqual(statusResult, expected.results[1]);
  assert.deepEqual(keyResult, expected.results[2]);

  const settings = settingsBatch();
  item(settings, 0)['taskSyncMode'] = 'oneWay';
  const settingsExpected = responseExample('sendUserSettings', '200', 'invalidItem') as { results: Item[] };
  const first = (resultsOf(settings, 'userSettings') as { results: Item[] }).results[0];
  assert.equal(first?.['reason'], settingsExpected.results[0]?.['reason']);
  assert.equal(first?.['field'], settingsExpected.results[0]?.['field']);
});

test('itemValidation › results built from the verdicts satisfy the results schemas', () => {
  const tasks = taskBatch();
  item(tasks, 0)['sequence'] = 0;
  delete item(tasks, 1)['idempotencyKey'];
  assert.deepEqual(validator.errorsForComponent('TaskChangeResults', resultsOf(tasks, 'taskChange')), []);
  const settings = settingsBatch();
  delete item(settings, 1)['taskSyncMode'];
  assert.deepEqual(validator.errorsForComponent('UserSettingsResults', resultsOf(settings, 'userSettings')), []);
});

test('itemValidation › 201 changes are 413 changes, before the envelope schema', () => {
  const body = taskBatch();
  body.changes = Array.from({ length: 201 }, () => structuredClone(item(body, 0)));
  assert.deepEqual(refused(body), {
    kind: 'error',
    httpStatus: 413,
    error: { code: 'PAYLOAD_TOO_LARGE', message: 'changes has 201 items, more than 200', field: 'changes' },
  });
  delete body['orgId'];
  assert.equal(refused(body).httpStatus, 413, 'count comes before the envelope');

  const full = taskBatch();
  full.changes = Array.from({ length: 200 }, () => structuredClone(item(full, 0)));
  assert.equal(check(full).kind, 'items', '200 changes are accepted');
});

test('itemValidation › a body of 1 MiB + 1 byte is 413 without field; 1 MiB exactly goes on', () => {
  const text = JSON.stringify(taskBatch());
  const padTo = (bytes: number) => text + ' '.repeat(bytes - Buffer.byteLength(text));
  assert.deepEqual(refused(padTo(MAX_BODY_BYTES + 1)), {
    kind: 'error',
    httpStatus: 413,
    error: { code: 'PAYLOAD_TOO_LARGE', message: 'body is 1048577 bytes, more than 1048576' },
  });
  assert.equal(check(padTo(MAX_BODY_BYTES)).kind, 'items');
  // UTF-8 bytes, not UTF-16 units: 'é' is 2 bytes, '🚀' 4.
  const wide = 'é'.repeat(MAX_BODY_BYTES / 2 - 1) + '🚀';
  assert.equal(Buffer.byteLength(wide), MAX_BODY_BYTES + 2);
  assert.ok(wide.length < MAX_BODY_BYTES);
  assert.equal(refused(wide).httpStatus, 413);
  const huge = taskBatch();
  huge.changes = Array.from({ length: 201 }, () => ({ ...item(huge, 0), pad: 'x'.repeat(6000) }));
  assert.equal(refused(huge).error.field, undefined, 'size comes before count');
});

test('itemValidation › invalid JSON and JSON that is not an object are 400 without field', () => {
  for (const raw of ['{"orgId":', '', '\uFEFF{}', 'null', '[]', '"changes"', '42']) {
    const result = refused(raw);
    assert.equal(result.httpStatus, 400, JSON.stringify(raw));
    assert.equal(result.error.code, 'INVALID_REQUEST');
    assert.equal(result.error.field, undefined);
  }
});

test('itemValidation › a missing orgId is 400 orgId, as the BadRequest example says', () => {
  const body = taskBatch();
  delete body['orgId'];
  const result = refused(body);
  assert.equal(result.httpStatus, 400);
  const example = examples.find((e) => e.where === '400' && e.operation.operation.operationId === 'sendTaskChanges');
  assert.ok(example);
  assert.deepEqual({ error: result.error }, example.value);
});

test('itemValidation › envelope violations name the member', () => {
  const cases: [string, (body: Body) => void][] = [
    ['changes[0]', (b) => ((b.changes as unknown[])[0] = 'not an object')],
    ['changes[2]', (b) => ((b.changes as unknown[])[2] = null)],
    ['changes', (b) => (b.changes = [])],
    ['changes', (b) => ((b as Item)['changes'] = { 0: item(b, 0) })],
    ['changes', (b) => delete (b as Item)['changes']],
    ['batchId', (b) => (b['batchId'] = 'has spaces')],
    ['orgId', (b) => (b['orgId'] = '00D5g000004ABCD')],
    ['relayVersion', (b) => (b['relayVersion'] = '1.0')],
  ];
  for (const [field, mutate] of cases) {
    const body = taskBatch();
    mutate(body);
    const result = refused(body);
    assert.equal(result.httpStatus, 400, field);
    assert.equal(result.error.code, 'INVALID_REQUEST', field);
    assert.equal(result.error.field, field, JSON.stringify(result.error));
    assert.ok(result.error.message.startsWith(`${field} `), result.error.message);
  }
});

test('itemValidation › a user-settings batch: item errors, keys, envelope, size and count', () => {
  const mode = settingsBatch();
  item(mode, 1)['taskSyncMode'] = 'oneWay';
  const [ok, bad] = verdicts(mode, 'userSettings');
  assert.equal(ok?.valid, true);
  assert.deepEqual(bad, {
    index: 1,
    idempotencyKey: '00D5g000004ABCDEA4:0055g00000XyZacAAF:5',
    valid: false,
    field: 'changes[1].taskSyncMode',
    reason: 'INVALID_FIELD: changes[1].taskSyncMode must be one of none, siaToSalesforce, twoWay',
  });

  const address = settingsBatch();
  (item(address, 0)['bcc'] as Item)['emailToSalesforceAddress'] = null;
  assert.equal(invalid(address, 0, 'userSettings').field, 'changes[0].bcc.emailToSalesforceAddress');

  const taskKey = settingsBatch();
  item(taskKey, 0)['idempotencyKey'] = '00D5g000004ABCDEA4:00T5g00000AbCdEEAV:1';
  assert.equal(invalid(taskKey, 0, 'userSettings').idempotencyKey, null, 'a task key is not a user-settings key');

  const neither = settingsBatch();
  delete item(neither, 1)['taskSyncMode'];
  assert.equal(invalid(neither, 1, 'userSettings').field, 'changes[1].bcc');

  const unknown = settingsBatch();
  item(unknown, 0)['ownerEmail'] = 'rep@example.com';
  assert.equal(invalid(unknown, 0, 'userSettings').field, 'changes[0].ownerEmail');

  const envelope = settingsBatch();
  delete envelope['orgId'];
  assert.equal(refused(envelope, 'userSettings').error.field, 'orgId');
  const notObject = settingsBatch();
  (notObject.changes as unknown[])[1] = 7;
  assert.equal(refused(notObject, 'userSettings').error.field, 'changes[1]');

  const many = settingsBatch();
  many.changes = Array.from({ length: 201 }, () => structuredClone(item(many, 0)));
  assert.equal(refused(many, 'userSettings').httpStatus, 413);
  assert.equal(refused('x'.repeat(MAX_BODY_BYTES + 1), 'userSettings').httpStatus, 413);
  assert.equal(refused('{', 'userSettings').httpStatus, 400);
});

test('itemValidation › a task change in a user-settings batch is invalid, not a 400', () => {
  const body = { ...settingsBatch(), changes: taskBatch().changes };
  const items = verdicts(body, 'userSettings');
  assert.ok(items.every((v) => !v.valid && v.idempotencyKey === null));
});
