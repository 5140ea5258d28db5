/**
 * Ordering helpers shared by the rules. Apex compares strings with
 * `String.compareTo`, which orders by UTF-16 code unit and is case-sensitive;
 * these helpers do the same so both sides pick the same record on ties
 * (never `localeCompare`, never Apex `==`, which ignores case).
 */

/** Compares two strings by UTF-16 code units: negative, zero or positive. */
export function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Parses an ISO-8601 instant to epoch milliseconds, failing loudly on bad input. */
export function epochMillis(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not an ISO-8601 instant: ${iso}`);
  return ms;
}
