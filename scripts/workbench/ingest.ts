/**
 * The receiving side of the two outbound batch operations. A batch is checked
 * with the contract's `checkBatch` (size, JSON, count, envelope, each item);
 * then, in one transaction and in request order, each valid item is answered:
 *
 * 1. `duplicate` when its key was seen with the same canonical payload (the
 *    stored result's `siaTaskId`), `rejected` / `IDEMPOTENCY_KEY_REUSED` when
 *    seen with another (rule keyReuse; checked first);
 * 2. in strict-users mode, `rejected` with `OWNER_NOT_CONNECTED` /
 *    `USER_NOT_CONNECTED` when the change names no SIA user (no receipt: it is
 *    processed again once the user exists);
 * 3. `stale` when the record already has a change of this or a higher sequence;
 * 4. otherwise `applied`: the task is folded (`task-fold.ts`) or the user's
 *    settings are updated.
 */
import { canonicalPayload, IDEMPOTENCY_KEY_REUSED } from '../contract/canonical-json.ts';
import { checkBatch, type BatchKind, type InvalidItem } from '../contract/item-validation.ts';
import type { ContractValidator } from '../contract/openapi-validator.ts';
import type { Receipt, TaskRow, UserSettingsRow, WorkbenchStore } from './store.ts';
import { foldTaskChange, type TaskChangeItem } from './task-fold.ts';

/** The default time zone of an emulated SIA user. */
export const DEFAULT_TIME_ZONE = 'UTC';

/** One entry of `results` (`TaskChangeResult` / `UserSettingsResult`). */
export interface ItemResult {
  readonly idempotencyKey: string | null;
  readonly status: 'applied' | 'duplicate' | 'stale' | 'rejected';
  readonly siaTaskId?: string;
  readonly reason?: string;
  readonly field?: string;
}

/** An HTTP answer: status and JSON body. */
export interface IngestAnswer {
  readonly httpStatus: number;
  readonly body: unknown;
}

/** A user-settings change as `UserSettingsChange` defines it (already validated). */
interface UserSettingsItem {
  readonly idempotencyKey: string;
  readonly sequence: number;
  readonly userId: string;
  readonly userEmail: string;
  readonly changedAt: string;
  readonly bcc?: { readonly active: boolean; readonly emailToSalesforceAddress: string | null };
  readonly taskSyncMode?: UserSettingsRow['taskSyncMode'];
}

/** What a batch needs besides its items. */
interface BatchContext {
  readonly store: WorkbenchStore;
  readonly orgId: string;
  readonly batchId: string;
  readonly now: string;
  readonly strictUsers: boolean;
}

/** How a batch is ingested beyond the contract. */
export interface IngestOptions {
  /** Strict-users mode: a change naming an unknown SIA user is rejected instead of creating the user. */
  readonly strictUsers?: boolean;
}

/**
 * Strict-users mode: the rejection of a change whose user SIA does not have,
 * or undefined. Outside strict mode every named user is created on apply.
 */
function notConnected(ctx: BatchContext, key: string, email: string, code: string): ItemResult | undefined {
  if (!ctx.strictUsers || ctx.store.siaUserExists(siaUserKey(email))) return undefined;
  return { idempotencyKey: key, status: 'rejected', reason: `${code}: ${email} has no Sales Insight Actions user` };
}

/** Lower-case email: the identity of an emulated SIA user. */
export function siaUserKey(email: string): string {
  return email.toLowerCase();
}

function rejectedInvalid(item: InvalidItem): ItemResult {
  return { idempotencyKey: item.idempotencyKey, status: 'rejected', reason: item.reason, field: item.field };
}

/**
 * The key must be `<orgId>:<recordId>:<sequence>` of the item itself (envelope
 * `orgId`); the schema checks its shape only. A key naming another record or
 * sequence would let two changes share a key, so it is an invalid field.
 */
function keyMismatch(index: number, key: string, expected: string): ItemResult | undefined {
  if (key === expected) return undefined;
  const field = `changes[${index}].idempotencyKey`;
  return {
    idempotencyKey: key,
    status: 'rejected',
    field,
    reason: `INVALID_FIELD: ${field} must be ${expected} (orgId:recordId:sequence)`,
  };
}

/**
 * keyReuse: the answer for a key already seen, or undefined for a new key. The
 * same bytes are the same payload; otherwise the canonical forms decide.
 */
function seenBefore(receipt: Receipt | undefined, payload: string, item: object, kind: BatchKind): ItemResult | undefined {
  if (receipt === undefined) return undefined;
  const same =
    receipt.payload === payload || canonicalPayload(JSON.parse(receipt.payload) as object, kind) === canonicalPayload(item, kind);
  if (!same) {
    return {
      idempotencyKey: receipt.idempotencyKey,
      status: 'rejected',
      reason: `${IDEMPOTENCY_KEY_REUSED}: key seen before with another payload`,
    };
  }
  return {
    idempotencyKey: receipt.idempotencyKey,
    status: 'duplicate',
    ...(receipt.siaTaskId === null ? {} : { siaTaskId: receipt.siaTaskId }),
  };
}

function remember(ctx: BatchContext, kind: BatchKind, payload: string, result: ItemResult): void {
  ctx.store.insertReceipt({
    kind,
    idempotencyKey: result.idempotencyKey ?? '',
    payload,
    status: result.status === 'stale' ? 'stale' : 'applied',
    siaTaskId: result.siaTaskId ?? null,
    reason: result.reason ?? null,
    batchId: ctx.batchId,
    receivedAt: ctx.now,
  });
}

/** The SIA task id of a task being (re)created: the sender's when free, else a fresh one. */
function siaTaskIdFor(ctx: BatchContext, existing: TaskRow | undefined, change: TaskChangeItem): string | null {
  if (existing?.siaTaskId != null) return existing.siaTaskId;
  if (change.siaTaskId !== null && !ctx.store.siaTaskIdInUse(change.siaTaskId)) return change.siaTaskId;
  return change.operation === 'delete' ? null : ctx.store.nextSiaTaskId();
}

function applyTaskChange(ctx: BatchContext, index: number, change: TaskChangeItem): ItemResult {
  const mismatch = keyMismatch(index, change.idempotencyKey, `${ctx.orgId}:${change.taskId}:${change.sequence}`);
  if (mismatch) return mismatch;
  const payload = JSON.stringify(change);
  const again = seenBefore(ctx.store.findReceipt('taskChange', change.idempotencyKey), payload, change, 'taskChange');
  if (again) return again;
  const unknownOwner = notConnected(ctx, change.idempotencyKey, change.ownerEmail, 'OWNER_NOT_CONNECTED');
  if (unknownOwner) return unknownOwner;

  const existing = ctx.store.findTask(ctx.orgId, change.taskId);
  // Equal can only come with the same key (caught above); `<=` keeps a change
  // from ever being applied twice even so.
  if (existing !== undefined && change.sequence <= existing.lastSequence) {
    const stale: ItemResult = {
      idempotencyKey: change.idempotencyKey,
      status: 'stale',
      ...(existing.siaTaskId === null ? {} : { siaTaskId: existing.siaTaskId }),
      reason: `SEQUENCE_OLDER: sequence ${existing.lastSequence} already applied`,
    };
    remember(ctx, 'taskChange', payload, stale);
    return stale;
  }

  const siaTaskId = siaTaskIdFor(ctx, existing, change);
  const state = foldTaskChange(existing === undefined || existing.deleted ? null : existing.fields, change);
  const deleted = state === null;
  ctx.store.saveTask(
    {
      orgId: ctx.orgId,
      taskId: change.taskId,
      siaTaskId,
      ownerId: change.ownerId,
      ownerEmail: siaUserKey(change.ownerEmail),
      lastSequence: change.sequence,
      deleted,
      fields: state ?? {},
      origin: change.origin,
      changedAt: change.changedAt,
      deletedAt: deleted ? change.changedAt : null,
      updatedAt: ctx.now,
    },
    existing,
  );
  if (!ctx.strictUsers) ctx.store.ensureSiaUser(siaUserKey(change.ownerEmail), DEFAULT_TIME_ZONE);
  const applied: ItemResult = { idempotencyKey: change.idempotencyKey, status: 'applied', ...(siaTaskId === null ? {} : { siaTaskId }) };
  remember(ctx, 'taskChange', payload, applied);
  return applied;
}

/** The cut-off after a change: set when sync goes from off to on, cleared when it goes off. */
function cutoffAfter(previous: UserSettingsRow | undefined, change: UserSettingsItem): string | null {
  const before = previous?.taskSyncMode ?? 'none';
  const after = change.taskSyncMode ?? before;
  if (after === 'none') return null;
  return before === 'none' ? change.changedAt : (previous?.syncCutoffAt ?? change.changedAt);
}

function applyUserSettingsChange(ctx: BatchContext, index: number, change: UserSettingsItem): ItemResult {
  const mismatch = keyMismatch(index, change.idempotencyKey, `${ctx.orgId}:${change.userId}:${change.sequence}`);
  if (mismatch) return mismatch;
  const payload = JSON.stringify(change);
  const again = seenBefore(ctx.store.findReceipt('userSettings', change.idempotencyKey), payload, change, 'userSettings');
  if (again) return again;
  const unknownUser = notConnected(ctx, change.idempotencyKey, change.userEmail, 'USER_NOT_CONNECTED');
  if (unknownUser) return unknownUser;

  const previous = ctx.store.findUserSettings(ctx.orgId, change.userId);
  if (previous !== undefined && change.sequence <= previous.lastSequence) {
    const stale: ItemResult = {
      idempotencyKey: change.idempotencyKey,
      status: 'stale',
      reason: `SEQUENCE_OLDER: sequence ${previous.lastSequence} already applied`,
    };
    remember(ctx, 'userSettings', payload, stale);
    return stale;
  }

  ctx.store.saveUserSettings({
    orgId: ctx.orgId,
    userId: change.userId,
    userEmail: change.userEmail,
    lastSequence: change.sequence,
    taskSyncMode: change.taskSyncMode ?? previous?.taskSyncMode ?? 'none',
    bccActive: change.bcc?.active ?? previous?.bccActive ?? false,
    bccAddress: change.bcc === undefined ? (previous?.bccAddress ?? null) : change.bcc.emailToSalesforceAddress,
    syncCutoffAt: cutoffAfter(previous, change),
    changedAt: change.changedAt,
    updatedAt: ctx.now,
  });
  if (!ctx.strictUsers) ctx.store.ensureSiaUser(siaUserKey(change.userEmail), DEFAULT_TIME_ZONE);
  const applied: ItemResult = { idempotencyKey: change.idempotencyKey, status: 'applied' };
  remember(ctx, 'userSettings', payload, applied);
  return applied;
}

/**
 * Answers one raw batch body: a 413 or 400 `ErrorResponse` for the whole
 * request, or a 200 with one result per item, in request order. Every item is
 * processed in one transaction: a batch is applied whole or not at all.
 *
 * @param now the receipt time (ISO 8601), injected for tests.
 * @param options strict-users mode (off by default).
 */
export function ingestBatch(
  store: WorkbenchStore,
  validator: ContractValidator,
  kind: BatchKind,
  rawBody: string,
  now: string,
  options: IngestOptions = {},
): IngestAnswer {
  const check = checkBatch(rawBody, kind, validator);
  if (check.kind === 'error') return { httpStatus: check.httpStatus, body: { error: check.error } };

  // checkBatch parsed and validated the envelope: orgId, batchId and changes are as the schema says.
  const body = JSON.parse(rawBody) as { orgId: string; batchId: string; changes: unknown[] };
  const ctx: BatchContext = { store, orgId: body.orgId, batchId: body.batchId, now, strictUsers: options.strictUsers === true };
  const results = store.transaction(() =>
    check.items.map((verdict): ItemResult => {
      if (!verdict.valid) return rejectedInvalid(verdict);
      const item = body.changes[verdict.index];
      return kind === 'taskChange'
        ? applyTaskChange(ctx, verdict.index, item as TaskChangeItem)
        : applyUserSettingsChange(ctx, verdict.index, item as UserSettingsItem);
    }),
  );
  return { httpStatus: 200, body: { results } };
}
