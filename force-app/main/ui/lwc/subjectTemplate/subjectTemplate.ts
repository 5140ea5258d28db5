/**
 * Subject templates for logged email activity, e.g.
 * "{{activity_type}}: {{activity_subject}}". Rendered subjects are single-line
 * and fit Task.Subject (255 characters).
 *
 * One implementation for the settings cards (token picker, live preview, the check
 * before save) and for the contract's TypeScript reference (`scripts/contract`
 * re-exports it), so the shared vectors prove what the cards run. Apex has its own
 * (`SubjectTemplate`), proven by the same vectors.
 */

/** The tokens a template may use, exactly as written (case-sensitive). */
export const SUBJECT_TOKENS = [
  'activity_type',
  'activity_subject',
  'sales_campaign_name',
  'sales_campaign_day',
  'sales_campaign_step',
  'call_outcome',
  'call_reason',
] as const;

/** A known token name. */
export type SubjectToken = (typeof SUBJECT_TOKENS)[number];

/** Token values; missing or null values render as "". */
export type SubjectValues = Partial<Record<SubjectToken, string | null>>;

/** The outcome of rendering: a subject, or the unknown tokens that make the template invalid. */
export type SubjectResult =
  | { readonly valid: true; readonly subject: string }
  | { readonly valid: false; readonly unknownTokens: readonly string[] };

/** Task.Subject's length limit, in UTF-16 code units. */
export const SUBJECT_MAX_LENGTH = 255;

/**
 * `{{` + one or more characters other than braces + `}}`. Same pattern in Apex
 * (`Pattern.compile('\\{\\{([^{}]+)\\}\\}')`), scanned left to right.
 */
const TOKEN = /\{\{([^{}]+)\}\}/g;

/**
 * Only these six characters are whitespace — the set Apex/Java regex `\s`
 * matches — so that both sides agree (JavaScript's `\s` and `trim()` would also
 * take U+00A0 and other Unicode spaces).
 */
const WHITESPACE_RUN = /[ \t\n\v\f\r]+/g;
const LINE_BREAK = /\r\n|\r|\n/g;

function isKnownToken(name: string): name is SubjectToken {
  return (SUBJECT_TOKENS as readonly string[]).includes(name);
}

/** The distinct unknown token names of a template, in order of first appearance. */
export function unknownTokens(template: string): string[] {
  const unknown: string[] = [];
  for (const match of template.matchAll(TOKEN)) {
    const name = match[1] ?? '';
    if (!isKnownToken(name) && !unknown.includes(name)) unknown.push(name);
  }
  return unknown;
}

/**
 * Cuts to at most `max` UTF-16 code units; when the cut would leave the high
 * half of a surrogate pair at the end, that half is dropped too.
 */
export function cutCodeUnits(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/**
 * Renders a template: tokens replaced in one pass (values are not re-scanned),
 * line breaks → one space, whitespace runs → one space, leading/trailing space
 * removed, then cut to 255 code units (no re-trim after the cut).
 */
export function renderSubject(template: string, values: SubjectValues): SubjectResult {
  const unknown = unknownTokens(template);
  if (unknown.length > 0) return { valid: false, unknownTokens: unknown };
  const replaced = template.replace(TOKEN, (_whole, name: string) => (isKnownToken(name) ? (values[name] ?? '') : ''));
  const singleLine = replaced.replace(LINE_BREAK, ' ').replace(WHITESPACE_RUN, ' ');
  const trimmed = singleLine.replace(/^ /, '').replace(/ $/, '');
  return { valid: true, subject: cutCodeUnits(trimmed, SUBJECT_MAX_LENGTH) };
}
