/**
 * The reviewed suppression file of the code-analyzer gate, `config/code-analyzer-suppressions.json`:
 * reading it, validating it against its JSON Schema (`config/code-analyzer-suppressions.schema.json`,
 * draft 2020-12, with ajv) and matching its entries to violations. Whether an entry matches any
 * violation at all (a stale entry) is the verdict's business: see `verdict.ts`.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import type { Finding } from '../../lib/gate.ts';
import { PATH_CRASH_RULE, PATH_TIMEOUT_RULE, type AnalyzerViolation } from './engines.ts';

/** The suppression file, relative to the repository root. */
export const SUPPRESSIONS_FILE = 'config/code-analyzer-suppressions.json';
/** Its JSON Schema, relative to the repository root; read from the repository of this script. */
export const SUPPRESSIONS_SCHEMA_FILE = 'config/code-analyzer-suppressions.schema.json';
/** Shortest reason the schema accepts, surrounding whitespace not counted. */
export const MINIMUM_REASON_LENGTH = 40;

/** One reviewed entry of the suppression file, trimmed, its file normalised. */
export interface Suppression {
  readonly rule: string;
  readonly file: string;
  /** The violation's start line; absent: any line of the file. */
  readonly line?: number;
  readonly reason: string;
  /** Line of the entry in the suppression file, when it could be located. */
  readonly at?: number;
}

interface SchemaNode {
  readonly description?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly $defs?: Readonly<Record<string, SchemaNode>>;
}

const SCHEMA = JSON.parse(readFileSync(new URL(`../../../../${SUPPRESSIONS_SCHEMA_FILE}`, import.meta.url), 'utf8')) as SchemaNode;
const ENTRY = SCHEMA.$defs?.['suppression'] ?? {};
const ENTRY_KEYS = Object.keys(ENTRY.properties ?? {});
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(SCHEMA);

/** The fix for a field, from its description in the schema. */
function fixFor(node: SchemaNode | undefined, field: string): string {
  return node?.properties?.[field]?.description ?? 'is not valid';
}

/**
 * One ajv error as the gate's message: `suppressions[i]: "field" <fix>` inside an entry, the
 * top-level problem otherwise. The fix is the field's description in the schema.
 */
function describeError(error: ErrorObject): { index?: number; message: string } {
  const [top, index, field] = error.instancePath.split('/').slice(1);
  const params = error.params as { additionalProperty?: string; missingProperty?: string };
  if (top === undefined) {
    if (error.keyword === 'additionalProperties') return { message: `unknown top-level key "${params.additionalProperty}"` };
    if (error.keyword === 'required') return { message: `"${params.missingProperty}" ${fixFor(SCHEMA, 'suppressions')}` };
    return { message: 'must be an object {"suppressions": [...]}' };
  }
  if (index === undefined) return { message: `"${top}" ${fixFor(SCHEMA, top)}` };
  const label = `suppressions[${index}]`;
  const at = Number(index);
  if (field !== undefined) return { index: at, message: `${label}: "${field}" ${fixFor(ENTRY, field)}` };
  if (error.keyword === 'additionalProperties') {
    return { index: at, message: `${label}: unknown key "${params.additionalProperty}" (allowed: ${ENTRY_KEYS.join(', ')})` };
  }
  if (error.keyword === 'required' && params.missingProperty !== undefined) {
    return { index: at, message: `${label}: "${params.missingProperty}" ${fixFor(ENTRY, params.missingProperty)}` };
  }
  return { index: at, message: `${label} ${ENTRY.description ?? 'must be an object'}` };
}

/**
 * Parses the suppression file's text and validates it against the schema (undefined: no file, no
 * suppressions). Each problem is a finding naming the entry and field and saying the fix, at the
 * entry's line; an entry with a problem suppresses nothing, the valid ones still apply.
 */
export function parseSuppressions(text: string | undefined): { entries: Suppression[]; findings: Finding[] } {
  const entries: Suppression[] = [];
  const findings: Finding[] = [];
  if (text === undefined) return { entries, findings };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error: unknown) {
    const message = `not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
    return { entries, findings: [{ file: SUPPRESSIONS_FILE, message }] };
  }
  const list = (parsed as { suppressions?: unknown } | null)?.suppressions;
  // Locate entry i at the line of the i-th `"rule"` key (entries are objects with one rule each).
  const ruleLines = [...text.matchAll(/"rule"\s*:/g)].map((match) => text.slice(0, match.index).split('\n').length);
  const lineOf = (index: number): number | undefined =>
    Array.isArray(list) && ruleLines.length === list.length ? ruleLines[index] : undefined;
  const invalid = new Set<number>();
  const messages = new Set<string>();
  for (const error of validate(parsed) ? [] : (validate.errors ?? [])) {
    const { index, message } = describeError(error);
    if (index !== undefined) invalid.add(index);
    if (messages.has(message)) continue;
    messages.add(message);
    const line = index !== undefined ? lineOf(index) : undefined;
    findings.push({ file: SUPPRESSIONS_FILE, ...(line !== undefined ? { line } : {}), message });
  }
  if (!Array.isArray(list)) return { entries, findings };
  list.forEach((raw: unknown, index) => {
    if (invalid.has(index)) return;
    const { rule, file, line, reason } = raw as { rule: string; file: string; line?: number; reason: string };
    const at = lineOf(index);
    entries.push({
      rule: rule.trim(),
      file: path.posix.normalize(file.trim()),
      ...(line !== undefined ? { line } : {}),
      reason: reason.trim(),
      ...(at !== undefined ? { at } : {}),
    });
  });
  return { entries, findings };
}

/** The suppression file's text under `root`, or undefined when there is none. */
export async function readSuppressionFile(root: string): Promise<string | undefined> {
  try {
    return await readFile(path.join(root, SUPPRESSIONS_FILE), 'utf8');
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Whether an entry covers a violation: same rule (with or without the engine, any case), same file, and its line if it gives one. */
export function matches(suppression: Suppression, violation: AnalyzerViolation): boolean {
  const rule = suppression.rule.toLowerCase();
  const ruleMatches = rule === violation.rule.toLowerCase() || rule === `${violation.engine}:${violation.rule}`.toLowerCase();
  return ruleMatches && suppression.file === violation.file && (suppression.line === undefined || suppression.line === violation.line);
}

/** Whether a suppression rule names the Graph Engine timeout outcome (`PathEvaluationTimeout`, with or without `sfge:`). */
export function isTimeoutRule(rule: string): boolean {
  const name = rule.toLowerCase();
  return name === PATH_TIMEOUT_RULE.toLowerCase() || name === `sfge:${PATH_TIMEOUT_RULE}`.toLowerCase();
}

/**
 * Whether a suppression rule names an entry point Graph Engine did not analyse — it timed out or
 * crashed — an outcome that comes and goes with the machine's load, so an unused entry is a note.
 */
export function isUnanalysedRule(rule: string): boolean {
  const name = rule.toLowerCase();
  return isTimeoutRule(rule) || name === PATH_CRASH_RULE.toLowerCase() || name === `sfge:${PATH_CRASH_RULE}`.toLowerCase();
}
