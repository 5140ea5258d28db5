/**
 * JSON Pointers (RFC 6901) into the contract documents, and resolution of local
 * `$ref`s such as `#/components/responses/BadRequest`.
 */

/** Builds a pointer from raw segments (escaping `~` and `/`). */
export function toPointer(segments: readonly string[]): string {
  return segments.map((s) => '/' + s.replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}

/** Splits a pointer into raw segments. */
export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`not a JSON pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The value at `pointer` in `root`, or undefined. */
export function getAt(root: unknown, pointer: string): unknown {
  let node: unknown = root;
  for (const segment of fromPointer(pointer)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** A node together with where it lives, after following local `$ref`s. */
export interface Located<T> {
  readonly node: T;
  readonly pointer: string;
}

/**
 * Follows `{ "$ref": "#/..." }` chains inside one document. Only local refs
 * occur in the contract; anything else is an error, not silently skipped.
 */
export function resolveLocal<T>(root: unknown, node: T, pointer: string): Located<T> {
  let current: unknown = node;
  let at = pointer;
  for (let hops = 0; hops < 20; hops++) {
    const ref = (current as { $ref?: unknown } | null)?.$ref;
    if (typeof ref !== 'string') return { node: current as T, pointer: at };
    if (!ref.startsWith('#')) throw new Error(`only local $ref is supported, got ${ref} at ${at}`);
    at = decodeURIComponent(ref.slice(1));
    current = getAt(root, at);
    if (current === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  throw new Error(`$ref chain too long at ${pointer}`);
}
