/**
 * The OpenAPI document: every example validates against its schema (ajv, JSON
 * Schema 2020-12), every operation is illustrated, and the examples keep the
 * contract's cross-field rules that a schema cannot express.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { idempotencyKey } from '../idempotency-key.ts';
import { loadOpenApi } from '../load.ts';
import { listMediaExamples, listOperations, operationExamples } from '../openapi-walk.ts';
import { ContractValidator } from '../openapi-validator.ts';
import { invalidIds } from '../id-scan.ts';

const doc = loadOpenApi();
const validator = new ContractValidator(doc);
const examples = listMediaExamples(doc);

test('openapi › document is OpenAPI 3.1', () => {
  assert.match(doc.openapi, /^3\.1\.\d+$/);
});

test('openapi › every component schema compiles', () => {
  for (const name of Object.keys(doc.components.schemas)) {
    assert.doesNotThrow(() => validator.validatorAt(`/components/schemas/${name}`), name);
  }
});

for (const ex of examples) {
  test(`openapi example › ${ex.operation.label} › ${ex.where} › ${ex.exampleName}`, () => {
    assert.deepEqual(validator.errorsAt(ex.schemaPointer, ex.value), []);
  });
}

for (const op of listOperations(doc)) {
  test(`openapi › ${op.label} has request-body and 200 examples`, () => {
    const own = operationExamples(doc, op);
    if (op.operation.requestBody) {
      assert.ok(
        own.some((e) => e.where === 'request'),
        'no request-body example',
      );
    }
    assert.ok(
      own.some((e) => e.where === '200'),
      'no 200 example',
    );
    for (const [status, response] of Object.entries(op.operation.responses ?? {})) {
      if (status === '200' || response.$ref !== undefined || response.content !== undefined) {
        assert.ok(
          own.some((e) => e.where === status),
          `no example for response ${status}`,
        );
      }
    }
  });
}

/** Batch request examples and their same-named 200 examples: one result per item, same order. */
const ITEM_KEYS = [
  ['changes', 'idempotencyKey'],
  ['changes', 'eventId'],
  ['activities', 'siaMessageId'],
] as const;

/** Operations whose body is no batch (the setup heartbeat carries no data): no results to match. */
const NOT_BATCHES: ReadonlySet<string> = new Set(['setupHeartbeat']);

for (const op of listOperations(doc).filter((candidate) => !NOT_BATCHES.has(candidate.operation.operationId ?? ''))) {
  const own = operationExamples(doc, op);
  for (const request of own.filter((e) => e.where === 'request')) {
    test(`openapi › ${op.label} › ${request.exampleName}: one result per item, in order`, () => {
      const response = own.find((e) => e.where === '200' && e.exampleName === request.exampleName);
      assert.ok(response, `no 200 example named ${request.exampleName}`);
      const body = request.value as Record<string, { [k: string]: unknown }[] | undefined>;
      const results = (response.value as { results: { [k: string]: unknown }[] }).results;
      const [arrayName, key] = ITEM_KEYS.find(([a, k]) => body[a]?.[0]?.[k] !== undefined) ?? [];
      assert.ok(arrayName !== undefined && key !== undefined, 'no batch items found');
      const items = body[arrayName] ?? [];
      assert.deepEqual(
        results.map((r) => r[key]),
        items.map((i) => i[key]),
      );
    });
  }
}

test('openapi › outbound idempotency keys are <orgId>:<recordId>:<sequence>', () => {
  let checked = 0;
  for (const ex of examples.filter((e) => e.where === 'request' && e.operation.path.startsWith('/v1/salesforce/'))) {
    const batch = ex.value as { orgId: string; changes: { idempotencyKey: string; sequence: number; taskId?: string; userId?: string }[] };
    for (const change of batch.changes) {
      const recordId = change.taskId ?? change.userId ?? '';
      assert.equal(change.idempotencyKey, idempotencyKey(batch.orgId, recordId, change.sequence), ex.exampleName);
      checked++;
    }
  }
  assert.ok(checked > 0);
});

test('openapi › 18-character Salesforce ids in examples carry a correct checksum suffix', () => {
  assert.deepEqual(invalidIds(examples.map((e) => e.value)), []);
});

test('openapi › the setup heartbeat: {} or any object in, the three jobs in order out, an unknown action refused', () => {
  assert.deepEqual(validator.errorsForComponent('SetupHeartbeatRequest', {}), []);
  assert.deepEqual(validator.errorsForComponent('SetupHeartbeatRequest', { ignored: true }), []);
  assert.notDeepEqual(validator.errorsForComponent('SetupHeartbeatRequest', []), []);
  const answers = examples.filter((e) => e.operation.operation.operationId === 'setupHeartbeat' && e.where === '200');
  assert.ok(answers.length > 0);
  for (const answer of answers) {
    const { jobs } = answer.value as { jobs: { job: string }[] };
    assert.deepEqual(
      jobs.map((job) => job.job),
      ['watchdog', 'sweep', 'purge'],
      answer.exampleName,
    );
  }
  const [first] = answers;
  assert.ok(first);
  const unknown = structuredClone(first.value) as { jobs: Record<string, unknown>[] };
  (unknown.jobs[0] as Record<string, unknown>)['action'] = 'paused';
  assert.notDeepEqual(validator.errorsForComponent('SetupHeartbeatResponse', unknown), []);
  const blockedSilently = structuredClone(first.value) as { jobs: Record<string, unknown>[] };
  blockedSilently.jobs[1] = { job: 'sweep', action: 'blocked', nextRunAt: null };
  assert.notDeepEqual(validator.errorsForComponent('SetupHeartbeatResponse', blockedSilently), []);
});

/** The error codes of an operation's examples for one response status. */
function errorCodesOf(operationId: string, status: string): string[] {
  const codes = examples
    .filter((e) => e.operation.operation.operationId === operationId && e.where === status)
    .flatMap((e) => {
      const code = (e.value as { error?: { code?: unknown } }).error?.code;
      return typeof code === 'string' ? [code] : [];
    });
  return [...new Set(codes)].sort();
}

test('openapi › inbound 401s: the batch operations show SIGNING_NOT_CONFIGURED beside INVALID_SIGNATURE; the heartbeat never SIGNING_NOT_CONFIGURED', () => {
  for (const operationId of ['receiveTaskChanges', 'receiveEmailActivities']) {
    assert.deepEqual(errorCodesOf(operationId, '401'), ['INVALID_SIGNATURE', 'SIGNING_NOT_CONFIGURED'], operationId);
  }
  assert.deepEqual(errorCodesOf('setupHeartbeat', '401'), ['INVALID_SIGNATURE'], 'the heartbeat is never refused for lack of a key');
});

test('openapi › the error-code list names every code of the inbound examples, SIGNING_NOT_CONFIGURED included', () => {
  const schemas = doc.components.schemas as Record<
    string,
    { properties?: Record<string, { properties?: Record<string, { description?: string }> }> }
  >;
  const described = schemas['ErrorResponse']?.properties?.['error']?.properties?.['code']?.description ?? '';
  const named = new Set(described.match(/\b[A-Z][A-Z0-9_]+\b/g) ?? []);
  const inbound = listOperations(doc).filter((op) => !op.path.startsWith('/v1/salesforce/'));
  const used = new Set(
    inbound.flatMap((op) => ['400', '401', '403', '413', '503'].flatMap((status) => errorCodesOf(op.operation.operationId ?? '', status))),
  );
  assert.ok(used.has('SIGNING_NOT_CONFIGURED'));
  assert.deepEqual(
    [...used].filter((code) => !named.has(code)),
    [],
  );
});

test('openapi › the SIGNING_NOT_CONFIGURED example is the body the README states, word for word', () => {
  const readme = readFileSync(new URL('../../../docs/contract/README.md', import.meta.url), 'utf8');
  const blocks = [...readme.matchAll(/```json\n([^`]*?)```/g)]
    .map((match) => match[1] ?? '')
    .filter((block) => block.includes('SIGNING_NOT_CONFIGURED'));
  assert.equal(blocks.length, 1, 'one JSON block of the README holds the SIGNING_NOT_CONFIGURED body');
  const stated = JSON.parse(blocks[0] ?? '') as unknown;
  const shown = examples.filter(
    (e) => e.where === '401' && (e.value as { error?: { code?: string } }).error?.code === 'SIGNING_NOT_CONFIGURED',
  );
  assert.ok(shown.length > 0);
  for (const example of shown) assert.deepEqual(example.value, stated, example.operation.label);
});
