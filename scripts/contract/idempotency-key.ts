/**
 * Idempotency keys of outbound changes: `<orgId>:<recordId>:<sequence>`. The
 * receiver answers "duplicate" for a key it has seen, so a retried batch is safe.
 */

/** Builds the key for a change (task changes use the Task id, user-settings changes the User id). */
export function idempotencyKey(orgId: string, recordId: string, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new Error(`sequence must be a positive integer, got ${sequence}`);
  }
  return `${orgId}:${recordId}:${sequence}`;
}
