/**
 * Rule keyReuse (docs/contract/README.md): the canonical payload a receiver
 * stores per idempotency key, and its answer when a key comes again. Equal
 * canonical strings mean the same change (`duplicate`); different ones mean
 * the sender reused a key for another change (`rejected`,
 * `IDEMPOTENCY_KEY_REUSED`).
 *
 * The vectors' canonical strings were written by Python's
 * `json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False)`;
 * this module must give the same strings for the same JSON.
 */

/** Which batch an item comes from: only a Task change drops `ownerEmail`. */
export type PayloadKind = 'taskChange' | 'userSettings';

/** The reason code of a reused key (the wire reason is `IDEMPOTENCY_KEY_REUSED: <detail>`). */
export const IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED';

/** The receiver's answer to the second item under one key. */
export interface KeyReuseAnswer {
  readonly canonicalFirst: string;
  readonly canonicalSecond: string;
  readonly status: 'duplicate' | 'rejected';
  readonly reason: typeof IDEMPOTENCY_KEY_REUSED | null;
}

/** Where a value sits, for error messages (`$.fields.subject`). */
function describe(path: string): string {
  return path === '' ? '$' : `$${path}`;
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Members of `object` sorted by key in UTF-16 code-unit order, `skip` left out. */
function writeObject(object: Readonly<Record<string, unknown>>, path: string, skip?: string): string {
  // Plain `<` compares UTF-16 code units, as the README requires; never
  // localeCompare. (Python's sort_keys orders by code point: the two differ only
  // for keys with characters above U+FFFF against U+E000–U+FFFF.)
  const keys = Object.keys(object)
    .filter((key) => key !== skip)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const members = keys.map((key) => `${JSON.stringify(key)}:${write(object[key], `${path}.${key}`)}`);
  return `{${members.join(',')}}`;
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      // JSON.stringify escapes exactly as the README lists (\" \\ \b \f \n \r \t,
      // other controls as lowercase \u00xx, everything else literal).
      return JSON.stringify(value);
    case 'number':
      // The contract defines integers only. Fractions and exponents are written
      // differently by JavaScript, Python and Apex (1e-7 / 1e-07 / 1.0E-7), and an
      // integer beyond 2^53 has already lost digits when parsed, so two different
      // payloads could compare equal: refuse rather than guess.
      if (!Number.isFinite(value)) throw new Error(`canonical JSON: ${describe(path)} is ${value}, not a JSON number`);
      if (!Number.isSafeInteger(value)) throw new Error(`canonical JSON: ${describe(path)} is ${value}, not a safe integer`);
      // String(-0) is "0", as JSON.stringify and Python write it.
      return String(value);
    case 'object': {
      if (Array.isArray(value)) {
        const items: string[] = [];
        // Index loop, not map: map skips holes, which are not JSON.
        for (let i = 0; i < value.length; i++) items.push(write(value[i], `${path}[${i}]`));
        return `[${items.join(',')}]`;
      }
      if (!isPlainObject(value)) {
        throw new Error(`canonical JSON: ${describe(path)} is ${Object.prototype.toString.call(value)}, not a plain JSON object`);
      }
      return writeObject(value as Record<string, unknown>, path);
    }
    default:
      // undefined, bigint, symbol, function: JSON.stringify would drop or throw.
      throw new Error(`canonical JSON: ${describe(path)} is ${typeof value}, not a JSON value`);
  }
}

/**
 * Canonical JSON of a JSON value: no whitespace, members of every object sorted
 * by key (UTF-16 code units), arrays in order, strings escaped as
 * `JSON.stringify` does, integers in decimal, `true`, `false`, `null`.
 *
 * @throws Error naming the offending place (`$.fields.x`) for a value that is
 *   not JSON (undefined, a function, a class instance, an array hole) or a
 *   number that is not a safe integer (NaN, Infinity, a fraction, beyond 2^53).
 */
export function canonicalJson(value: unknown): string {
  return write(value, '');
}

/**
 * The canonical payload of a `changes[]` item: a Task change without its
 * top-level `ownerEmail` (the relay adds it at send time from the owner's
 * current address, which may change between a lost acknowledgement and its
 * retry); a user-settings change whole (`userEmail` is queued with the change).
 * The item is not modified.
 *
 * @throws Error as {@link canonicalJson}.
 */
export function canonicalPayload(item: unknown, kind: PayloadKind): string {
  const dropsOwnerEmail = kind === 'taskChange' && typeof item === 'object' && item !== null && !Array.isArray(item);
  // Skip the member while writing instead of copying the item: no mutation, and
  // no copy through `obj[key] = …`, which would turn an own `__proto__` member
  // (JSON.parse creates one) into a prototype.
  if (dropsOwnerEmail && isPlainObject(item)) return writeObject(item as Record<string, unknown>, '', 'ownerEmail');
  return canonicalJson(item);
}

/**
 * The receiver's answer to `second`, an item whose idempotency key it already
 * saw with `first`: `duplicate` when their canonical payloads are equal,
 * otherwise `rejected` with `IDEMPOTENCY_KEY_REUSED` (nothing applied, the
 * stored payload kept). The keys themselves are not compared: the caller
 * looked `first` up by `second`'s key.
 *
 * @throws Error as {@link canonicalJson}.
 */
export function keyReuseAnswer(first: unknown, second: unknown, kind: PayloadKind): KeyReuseAnswer {
  const canonicalFirst = canonicalPayload(first, kind);
  const canonicalSecond = canonicalPayload(second, kind);
  const same = canonicalFirst === canonicalSecond;
  return {
    canonicalFirst,
    canonicalSecond,
    status: same ? 'duplicate' : 'rejected',
    reason: same ? null : IDEMPOTENCY_KEY_REUSED,
  };
}
