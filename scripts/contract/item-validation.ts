/**
 * Rule itemValidation (docs/contract/README.md): what the receiver of an
 * outbound batch (`POST /v1/salesforce/task-changes`, `/user-settings`) checks
 * before it applies anything, in the README's order — size, JSON, count,
 * envelope, then each item on its own. The workbench emulator answers the relay
 * with it: an error status for the whole request, or one verdict per item.
 *
 * Only the envelope can fail a request. An item that violates its schema is
 * answered `rejected` / `INVALID_FIELD` with the offending member in the
 * contract's notation (`changes[4].sequence`), and its neighbours go on.
 */
import { Buffer } from 'node:buffer';
import type { ErrorObject } from 'ajv/dist/2020.js';
import { fromPointer } from './json-pointer.ts';
import type { ContractValidator } from './openapi-validator.ts';

/** Which batch the body is: selects the envelope, item schema and key pattern. */
export type BatchKind = 'taskChange' | 'userSettings';

/** Largest body accepted, in UTF-8 bytes (1 MiB). */
export const MAX_BODY_BYTES = 1_048_576;
/** Most items accepted in one batch. */
export const MAX_BATCH_ITEMS = 200;
/** Longest `reason` the OpenAPI `Reason` schema allows, in UTF-16 code units. */
export const MAX_REASON_LENGTH = 1000;

/** The schemas and key pattern of each kind of batch. */
const KINDS = {
  taskChange: {
    envelope: 'TaskChangeEnvelope',
    item: 'TaskChange',
    key: /^00D[a-zA-Z0-9]{15}:00T[a-zA-Z0-9]{15}:[1-9][0-9]*$/,
  },
  userSettings: {
    envelope: 'UserSettingsEnvelope',
    item: 'UserSettingsChange',
    key: /^00D[a-zA-Z0-9]{15}:005[a-zA-Z0-9]{15}:[1-9][0-9]*$/,
  },
} as const satisfies Record<BatchKind, { envelope: string; item: string; key: RegExp }>;

/** The body of a 400 or 413 (`ErrorResponse.error` of the OpenAPI document). */
export interface BatchErrorBody {
  readonly code: 'PAYLOAD_TOO_LARGE' | 'INVALID_REQUEST';
  readonly message: string;
  /** The offending member (`orgId`, `changes`, `changes[3]`); absent for the size and JSON checks. */
  readonly field?: string;
}

/** The whole request is refused. */
export interface BatchErrorAnswer {
  readonly kind: 'error';
  readonly httpStatus: 413 | 400;
  readonly error: BatchErrorBody;
}

/** An item that passed its schema: it goes on to the key check (keyReuse). */
export interface ValidItem {
  readonly index: number;
  /** The item's key when usable (a string matching the key pattern), else null. */
  readonly idempotencyKey: string | null;
  readonly valid: true;
}

/** An item that violates its schema: answered `rejected` with this `field` and `reason`. */
export interface InvalidItem {
  readonly index: number;
  /** The item's key when usable, else null: the sender then matches the result by position. */
  readonly idempotencyKey: string | null;
  readonly valid: false;
  /** The first offending member, e.g. `changes[4].sequence` (see {@link firstOffence}). */
  readonly field: string;
  /** `INVALID_FIELD: <field> <what is wrong>`, at most 1000 code units on one line. */
  readonly reason: string;
}

/** One verdict per item, in request order. */
export interface BatchItemsAnswer {
  readonly kind: 'items';
  readonly items: readonly (ValidItem | InvalidItem)[];
}

/** What {@link checkBatch} answers. */
export type BatchCheck = BatchErrorAnswer | BatchItemsAnswer;

/** One schema violation in the contract's notation. */
export interface Offence {
  /** e.g. `changes[0].fields.status`, `orgId`; `prefix` alone for the value itself. */
  readonly field: string;
  /** e.g. `is required`, `must be >= 1`. */
  readonly problem: string;
}

/**
 * Keywords whose error only sums up errors reported beside it (`must match
 * "else" schema`, `must match a schema in anyOf`). `not` is absent on purpose:
 * it reports nothing else, so its own error is the only one there is.
 */
const SUMMARY_KEYWORDS = new Set(['if', 'anyOf', 'oneOf']);

function appendMember(field: string, name: string): string {
  return field === '' ? name : `${field}.${name}`;
}

/** The member a keyword names beside its path: the missing or the unexpected one. */
function namedMember(error: ErrorObject): string | undefined {
  const params = error.params as Record<string, unknown>;
  for (const key of ['missingProperty', 'additionalProperty', 'unevaluatedProperty', 'propertyName']) {
    const value = params[key];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/** What is wrong, in words a sender can act on. */
function problemOf(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
    case 'dependentRequired':
      return 'is required';
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return 'is not allowed';
    case 'enum': {
      const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues ?? [];
      return `must be one of ${allowed.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}`;
    }
    default:
      return error.message ?? `violates ${error.keyword}`;
  }
}

/** An offence and how deep its member sits below the checked value (segments). */
interface Located {
  readonly offence: Offence;
  readonly depth: number;
}

function locate(error: ErrorObject, data: unknown, prefix: string): Located {
  let field = prefix;
  let node: unknown = data;
  // ajv's instancePath is a JSON Pointer (`~0`, `~1` escaped).
  const segments = fromPointer(error.instancePath);
  for (const segment of segments) {
    if (Array.isArray(node)) {
      field = `${field}[${segment}]`;
      node = node[Number(segment)];
    } else {
      field = appendMember(field, segment);
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[segment] : undefined;
    }
  }
  const member = namedMember(error);
  if (member !== undefined) field = appendMember(field, member);
  return { offence: { field, problem: problemOf(error) }, depth: segments.length + (member === undefined ? 0 : 1) };
}

/**
 * One ajv error in the contract's notation. The instance path is walked in
 * `data` so that an array element becomes `[i]` and an object member `.name`
 * (a member named `0` stays `.0`); a missing or unexpected member is appended
 * by name, since ajv reports it at its parent. Member names are written as
 * they are, without quoting.
 *
 * @param prefix the field of `data` itself: `changes[4]` for an item, `''` for the envelope.
 */
export function offenceOf(error: ErrorObject, data: unknown, prefix: string): Offence {
  return locate(error, data, prefix).offence;
}

/**
 * The offence a verdict names, chosen deterministically: summary errors
 * (`if`, `anyOf`, `oneOf`) are skipped when anything else is reported; of the
 * rest the **deepest** member wins (the most specific: `fields.status` over
 * `sequence`, a missing `fields` over the item itself), and among equally deep
 * ones the first in ajv's order. ajv's order alone is not used because it
 * follows its keyword evaluation (conditionals before `properties`), not the item.
 *
 * @returns undefined when there is no error.
 */
export function firstOffence(errors: readonly ErrorObject[], data: unknown, prefix: string): Offence | undefined {
  const specific = errors.filter((e) => !SUMMARY_KEYWORDS.has(e.keyword));
  let best: Located | undefined;
  for (const error of specific.length > 0 ? specific : errors) {
    const located = locate(error, data, prefix);
    if (best === undefined || located.depth > best.depth) best = located;
  }
  return best?.offence;
}

/** The item's idempotency key when it is a string matching the kind's key pattern, else null. */
export function usableIdempotencyKey(item: unknown, kind: BatchKind): string | null {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return null;
  const key = (item as Record<string, unknown>)['idempotencyKey'];
  return typeof key === 'string' && KINDS[kind].key.test(key) ? key : null;
}

/**
 * `INVALID_FIELD: <field> <problem>` kept within the OpenAPI `Reason` schema:
 * one line (its pattern's `.` matches no line break, and a member name may hold
 * one) and at most 1000 code units, cut before a split surrogate pair.
 */
function invalidFieldReason(offence: Offence): string {
  const reason = `INVALID_FIELD: ${offence.field} ${offence.problem}`.replace(/[\n\r\u2028\u2029]/g, ' ');
  if (reason.length <= MAX_REASON_LENGTH) return reason;
  const cut = reason.slice(0, MAX_REASON_LENGTH);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

function refuse(httpStatus: 413 | 400, code: BatchErrorBody['code'], message: string, field?: string): BatchErrorAnswer {
  // exactOptionalPropertyTypes: leave `field` out rather than set it undefined
  // (the ErrorResponse schema has no null field, and an empty one is invalid).
  const error: BatchErrorBody = field === undefined || field === '' ? { code, message } : { code, message, field };
  return { kind: 'error', httpStatus, error };
}

/**
 * Checks a raw outbound batch body as the receiver does, in the README's order:
 *
 * 1. more than 1,048,576 UTF-8 bytes → 413 `PAYLOAD_TOO_LARGE`, no field;
 * 2. not JSON, or JSON but not an object → 400 `INVALID_REQUEST`, no field;
 * 3. `changes` an array of more than 200 elements → 413 `PAYLOAD_TOO_LARGE`,
 *    field `changes` (before the schema, so that the sender splits);
 * 4. the body against `TaskChangeEnvelope` / `UserSettingsEnvelope` → 400
 *    `INVALID_REQUEST` with the field (`orgId`, `changes`, `changes[3]`);
 * 5. each item against `TaskChange` / `UserSettingsChange`: a verdict per item,
 *    in order, with its usable key or null.
 *
 * Key reuse (rule keyReuse) is not checked here: valid items go on to it.
 *
 * @param validator a validator of the OpenAPI document that holds the schemas.
 */
export function checkBatch(rawBody: string, kind: BatchKind, validator: ContractValidator): BatchCheck {
  const bytes = Buffer.byteLength(rawBody, 'utf8');
  if (bytes > MAX_BODY_BYTES) {
    return refuse(413, 'PAYLOAD_TOO_LARGE', `body is ${bytes} bytes, more than ${MAX_BODY_BYTES}`);
  }

  let body: unknown;
  try {
    body = JSON.parse(rawBody) as unknown;
  } catch (error: unknown) {
    return refuse(400, 'INVALID_REQUEST', `body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return refuse(400, 'INVALID_REQUEST', 'body must be a JSON object');
  }

  const changes = (body as Record<string, unknown>)['changes'];
  if (Array.isArray(changes) && changes.length > MAX_BATCH_ITEMS) {
    return refuse(413, 'PAYLOAD_TOO_LARGE', `changes has ${changes.length} items, more than ${MAX_BATCH_ITEMS}`, 'changes');
  }

  const schemas = KINDS[kind];
  const validateEnvelope = validator.validatorAt(`/components/schemas/${schemas.envelope}`);
  if (!validateEnvelope(body)) {
    const offence = firstOffence(validateEnvelope.errors ?? [], body, '');
    const message = offence === undefined ? 'body violates the envelope schema' : `${offence.field} ${offence.problem}`.trimStart();
    return refuse(400, 'INVALID_REQUEST', message, offence?.field);
  }

  // The envelope schema made `changes` an array of 1–200 objects.
  const validateItem = validator.validatorAt(`/components/schemas/${schemas.item}`);
  const items = (changes as unknown[]).map((item, index): ValidItem | InvalidItem => {
    const idempotencyKey = usableIdempotencyKey(item, kind);
    if (validateItem(item)) return { index, idempotencyKey, valid: true };
    const prefix = `changes[${index}]`;
    const offence = firstOffence(validateItem.errors ?? [], item, prefix) ?? { field: prefix, problem: 'is invalid' };
    return { index, idempotencyKey, valid: false, field: offence.field, reason: invalidFieldReason(offence) };
  });
  return { kind: 'items', items };
}
