/**
 * The echo hash: a fingerprint of a Task's synced fields. Salesforce stores it
 * when it applies a change from SIA, and skips sending a Task change whose hash
 * equals the stored one — so a change never bounces back to where it came from.
 */
import { createHash } from 'node:crypto';

/** The synced Task fields, in the order the canonical string lists them. */
export interface EchoHashInput {
  readonly subject: string | null;
  readonly status: string | null;
  readonly priority: string | null;
  /** "YYYY-MM-DD" or null. */
  readonly activityDate: string | null;
  readonly description: string | null;
  readonly whoId: string | null;
  readonly whatId: string | null;
  readonly ownerId: string | null;
  readonly isClosed: boolean;
}

/** The field order of the canonical string; changing it changes every hash. */
export const ECHO_HASH_FIELDS = [
  'subject',
  'status',
  'priority',
  'activityDate',
  'description',
  'whoId',
  'whatId',
  'ownerId',
  'isClosed',
] as const satisfies readonly (keyof EchoHashInput)[];

/**
 * The canonical string: each field as `<length>:<value>` joined with "|".
 * The length prefix (UTF-16 code units) keeps "|" or ":" inside a value from
 * making two different tasks look alike; null and "" are deliberately equal.
 */
export function echoCanonical(task: EchoHashInput): string {
  return ECHO_HASH_FIELDS.map((field) => {
    const raw = task[field];
    const value = raw === null ? '' : typeof raw === 'boolean' ? String(raw) : raw;
    return `${value.length}:${value}`;
  }).join('|');
}

/** Lowercase hex SHA-256 of the UTF-8 bytes of the canonical string. */
export function echoHash(task: EchoHashInput): string {
  return createHash('sha256').update(echoCanonical(task), 'utf8').digest('hex');
}
