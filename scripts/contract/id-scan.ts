/**
 * Finds 18-character Salesforce ids (by key prefix) anywhere in a
 * JSON value, including inside strings such as idempotency keys, and reports
 * those whose checksum suffix is wrong.
 */
import { isValidId18 } from './salesforce-id.ts';

/** Key prefixes used in the contract: org, task, user, contact, lead, account, opportunity. */
const ID_18 = /(?<![A-Za-z0-9])(?:00D|00T|005|003|00Q|001|006)[A-Za-z0-9]{15}(?![A-Za-z0-9])/g;

/** Every string inside a JSON value (object keys excluded). */
function* strings(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const v of value) yield* strings(v);
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) yield* strings(v);
}

/** The distinct 18-character ids in `value` whose suffix does not match. */
export function invalidIds(value: unknown): string[] {
  const bad = new Set<string>();
  for (const s of strings(value)) {
    for (const [id] of s.matchAll(ID_18)) if (!isValidId18(id)) bad.add(id);
  }
  return [...bad];
}
