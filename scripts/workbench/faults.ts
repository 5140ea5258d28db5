/**
 * Fault injection for the contract's routes (`/v1/salesforce/...`), set at run
 * time through `POST /_workbench/faults`. A rule affects a `fraction` of the
 * requests it sees, spread evenly and deterministically (fraction 0.5: the 2nd,
 * 4th, 6th … request), optionally at most `limit` times. The first rule that
 * fires decides; the others still count the request.
 */

/** What a rule does to a request it affects. */
export type FaultKind = 'rateLimit' | 'unavailable' | 'unauthorized' | 'slow' | 'drop';

/** The kinds, for validation and the docs. */
export const FAULT_KINDS: readonly FaultKind[] = ['rateLimit', 'unavailable', 'unauthorized', 'slow', 'drop'];

/** One rule as posted. */
export interface FaultRule {
  readonly kind: FaultKind;
  /** Share of requests affected, in (0, 1]; default 1. */
  readonly fraction: number;
  /** `Retry-After` of rateLimit (429) and unavailable (503), 0–86400 s; default 1. */
  readonly retryAfterSeconds: number;
  /** Delay of slow answers, 1–60000 ms; default 2000. */
  readonly delayMs: number;
  /** drop: `before` closes the connection unanswered, `after` applies the batch first (a lost acknowledgement). */
  readonly when: 'before' | 'after';
  /** Most requests affected; null for no bound. */
  readonly limit: number | null;
}

/** What the server does with one request. */
export type FaultAction =
  | { readonly kind: 'status'; readonly status: 429 | 503 | 401; readonly retryAfterSeconds: number | null }
  | { readonly kind: 'slow'; readonly delayMs: number }
  | { readonly kind: 'drop'; readonly when: 'before' | 'after' };

/** A rule with its counters, as `GET /_workbench/faults` shows it. */
export interface FaultRuleState extends FaultRule {
  readonly seen: number;
  readonly affected: number;
}

/** A request body that is not a valid rule set: the member and what is wrong. */
export class FaultRulesError extends Error {
  readonly field: string;
  constructor(field: string, problem: string) {
    super(`${field} ${problem}`);
    this.field = field;
  }
}

const RULE_MEMBERS = new Set(['kind', 'fraction', 'retryAfterSeconds', 'delayMs', 'when', 'limit']);

function integerIn(value: unknown, field: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new FaultRulesError(field, `must be an integer from ${min} to ${max}`);
  }
  return value;
}

function parseRule(value: unknown, field: string): FaultRule {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FaultRulesError(field, 'must be an object');
  const rule = value as Record<string, unknown>;
  const unknown = Object.keys(rule).find((key) => !RULE_MEMBERS.has(key));
  if (unknown !== undefined) throw new FaultRulesError(`${field}.${unknown}`, 'is not allowed');
  const kind = rule['kind'];
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    throw new FaultRulesError(`${field}.kind`, `must be one of ${FAULT_KINDS.join(', ')}`);
  }
  const fraction = rule['fraction'] ?? 1;
  if (typeof fraction !== 'number' || !(fraction > 0 && fraction <= 1))
    throw new FaultRulesError(`${field}.fraction`, 'must be a number in (0, 1]');
  const when = rule['when'] ?? 'before';
  if (when !== 'before' && when !== 'after') throw new FaultRulesError(`${field}.when`, 'must be one of before, after');
  const limit = rule['limit'] === undefined || rule['limit'] === null ? null : integerIn(rule['limit'], `${field}.limit`, 1, 1_000_000, 1);
  return {
    kind: kind as FaultKind,
    fraction,
    retryAfterSeconds: integerIn(rule['retryAfterSeconds'], `${field}.retryAfterSeconds`, 0, 86_400, 1),
    delayMs: integerIn(rule['delayMs'], `${field}.delayMs`, 1, 60_000, 2000),
    when,
    limit,
  };
}

/**
 * Parses `{ "rules": [ … ] }`.
 *
 * @throws FaultRulesError naming the first bad member (`rules[1].fraction`).
 */
export function parseFaultRules(body: unknown): FaultRule[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new FaultRulesError('rules', 'body must be {"rules": [...]}');
  const unknown = Object.keys(body).find((key) => key !== 'rules');
  if (unknown !== undefined) throw new FaultRulesError(unknown, 'is not allowed');
  const rules = (body as Record<string, unknown>)['rules'];
  if (!Array.isArray(rules)) throw new FaultRulesError('rules', 'must be an array');
  if (rules.length > 20) throw new FaultRulesError('rules', 'must have at most 20 rules');
  return rules.map((rule, index) => parseRule(rule, `rules[${index}]`));
}

function actionOf(rule: FaultRule): FaultAction {
  switch (rule.kind) {
    case 'rateLimit':
      return { kind: 'status', status: 429, retryAfterSeconds: rule.retryAfterSeconds };
    case 'unavailable':
      return { kind: 'status', status: 503, retryAfterSeconds: rule.retryAfterSeconds };
    case 'unauthorized':
      return { kind: 'status', status: 401, retryAfterSeconds: null };
    case 'slow':
      return { kind: 'slow', delayMs: rule.delayMs };
    case 'drop':
      return { kind: 'drop', when: rule.when };
  }
}

/** The active rules and their counters. */
export class FaultInjector {
  #rules: { rule: FaultRule; seen: number; affected: number }[] = [];

  /** Replaces the active rules (counters start at zero). */
  set(rules: readonly FaultRule[]): void {
    this.#rules = rules.map((rule) => ({ rule, seen: 0, affected: 0 }));
  }

  /** Removes every rule. */
  clear(): void {
    this.#rules = [];
  }

  /** The rules with their counters. */
  list(): FaultRuleState[] {
    return this.#rules.map(({ rule, seen, affected }) => ({ ...rule, seen, affected }));
  }

  /** Counts one request and answers what to do with it (undefined: nothing). */
  next(): FaultAction | undefined {
    let action: FaultAction | undefined;
    for (const entry of this.#rules) {
      const before = entry.seen;
      entry.seen++;
      const exhausted = entry.rule.limit !== null && entry.affected >= entry.rule.limit;
      const fires = Math.floor(entry.seen * entry.rule.fraction) > Math.floor(before * entry.rule.fraction);
      if (action === undefined && fires && !exhausted) {
        entry.affected++;
        action = actionOf(entry.rule);
      }
    }
    return action;
  }
}
