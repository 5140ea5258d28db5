/**
 * SIA-originated task changes as the package's Apex REST resource takes them
 * (`POST /services/apexrest[/<namespace>]/v1/task-changes`, schema `SiaTaskChangeBatch`): built
 * from the SIA tasks the emulator holds, validated against the contract before anything leaves,
 * and signed as the contract says (`X-SIA-Timestamp`, `X-SIA-Signature`) when a key is configured.
 */
import { signBody } from '../../contract/signature.ts';
import type { SiaNativeTask } from '../sia-tasks.ts';

/** One `SiaTaskChange` (the contract's schema is the authority; this is the shape the builder emits). */
export interface SiaTaskChange {
  readonly eventId: string;
  readonly siaTaskId: string;
  readonly salesforceTaskId?: string;
  readonly sequence: number;
  readonly operation: 'create' | 'update' | 'complete' | 'delete';
  readonly ownerEmail: string;
  readonly createdAt: string;
  readonly changedAt: string;
  readonly fields?: Readonly<Record<string, string>>;
}

/** The package's inbound operations, as their `/v1/` paths end. */
export type InboundPath = 'task-changes' | 'email-activities' | 'setup/heartbeat';

/** The Apex REST path of an inbound operation; `namespace` null in a `--no-namespace` scratch org. */
export function apexRestPath(namespace: string | null, operation: InboundPath): string {
  if (namespace !== null && !/^[A-Za-z][A-Za-z0-9_]{0,14}$/.test(namespace)) {
    throw new Error(`namespace must be a Salesforce namespace prefix (letters, digits, _; at most 15), got ${JSON.stringify(namespace)}`);
  }
  return `/services/apexrest${namespace === null ? '' : `/${namespace}`}/v1/${operation}`;
}

/**
 * The change that brings Salesforce to the SIA task's current state. Its event id is the task and
 * its sequence, so every resend of the same state carries the same id (the package is idempotent
 * on it). A task Salesforce has not received yet goes as `create` with every field, whatever SIA's
 * sequence; a deleted one as `delete`; a completed one as `complete`.
 * @param delivered whether an earlier change of this task was applied in Salesforce
 */
export function changeOf(task: SiaNativeTask, delivered: boolean): SiaTaskChange {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(task.fields)) if (typeof value === 'string') fields[name] = value;
  const operation: SiaTaskChange['operation'] = task.deleted
    ? 'delete'
    : !delivered
      ? 'create'
      : task.fields.status === 'complete'
        ? 'complete'
        : 'update';
  return {
    eventId: `${task.siaTaskId}:${task.sequence}`,
    siaTaskId: task.siaTaskId,
    ...(task.salesforceTaskId ? { salesforceTaskId: task.salesforceTaskId } : {}),
    sequence: task.sequence,
    operation,
    ownerEmail: task.ownerEmail,
    createdAt: task.createdAt,
    changedAt: task.updatedAt,
    ...(operation === 'delete' ? {} : { fields }),
  };
}

/** A body the contract refuses: nothing is sent; `problems` say where. */
export class InboundRequestError extends Error {
  constructor(
    readonly schema: string,
    readonly problems: readonly string[],
  ) {
    super(`The request does not keep to the contract (${schema}): ${problems.join('; ')}`);
  }
}

/**
 * The headers of a request carrying `body`: JSON, the bearer token, and — with a signing key —
 * the contract's timestamp and signature over exactly these bytes (signed anew on every attempt,
 * so a retry is never refused as expired).
 */
export function requestHeaders(body: string, accessToken: string, signingKey: string | null, nowSeconds: number): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` };
  if (signingKey !== null) {
    const timestamp = String(Math.floor(nowSeconds));
    headers['x-sia-timestamp'] = timestamp;
    headers['x-sia-signature'] = signBody(signingKey, timestamp, body);
  }
  return headers;
}
