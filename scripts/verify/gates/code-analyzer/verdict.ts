/**
 * The code-analyzer gate's verdict and summary, pure (unit-tested without running the engines):
 * which violations fail, which the reviewed suppressions accept, which entries are stale, and the
 * notes and advisory report lines the gate prints and writes.
 */
import type { Finding, GateResult } from '../../lib/gate.ts';
import { PATH_CRASH_RULE, type AnalyzerViolation } from './engines.ts';
import { isTimeoutRule, isUnanalysedRule, matches, parseSuppressions, SUPPRESSIONS_FILE, type Suppression } from './suppressions.ts';

/**
 * Rules that fail the gate whatever their severity. AvoidDebugStatements is among them because all
 * package logging goes through `SyncLog`, whose one `System.debug` is a reviewed suppression: a
 * `System.debug` anywhere else could write a customer's data to a debug log.
 */
export const ALWAYS_FAILING_RULES = [
  'AvoidDebugStatements',
  'OperationWithLimitsInLoop',
  'ApexSharingViolations',
  'ApexCRUDViolation',
  'ApexSOQLInjection',
  'ApexFlsViolation',
] as const;
/** Prefixes of rule names that fail the gate whatever their severity. */
export const ALWAYS_FAILING_RULE_PREFIXES = ['AvoidHardcodedCredentials'] as const;
/** Where the gate writes every advisory violation, one per line (git-ignored): the output prints counts by rule. */
export const ADVISORY_REPORT = 'results/code-analyzer-advisory.txt';

/** The gate's result with the advisory violations as report lines (`file:line:col rule (sev) message`). */
export interface JudgedResult extends GateResult {
  readonly advisoryLines: readonly string[];
}

/** Whether a rule fails the gate at any severity (the security and limits rules). */
export function failsWhateverSeverity(rule: string): boolean {
  return (
    (ALWAYS_FAILING_RULES as readonly string[]).includes(rule) || ALWAYS_FAILING_RULE_PREFIXES.some((prefix) => rule.startsWith(prefix))
  );
}

/** Whether a violation fails the gate unless suppressed: severity 1–2, or a rule of {@link failsWhateverSeverity}. */
export function isFailing(violation: AnalyzerViolation): boolean {
  return violation.severity <= 2 || failsWhateverSeverity(violation.rule);
}

function describe(violation: AnalyzerViolation): string {
  return `${violation.engine}:${violation.rule} (sev ${violation.severity}) ${violation.message.replace(/\s+/g, ' ').trim()}`;
}

function toFinding(violation: AnalyzerViolation): Finding {
  return {
    file: violation.file,
    ...(violation.line !== undefined ? { line: violation.line } : {}),
    ...(violation.column !== undefined ? { column: violation.column } : {}),
    message: describe(violation),
  };
}

const where = (entry: Suppression): string => `${entry.file}${entry.line !== undefined ? `:${entry.line}` : ''}`;

/** Notes for the unused entries of the two "not analysed" outcomes, which are lenient when unused. */
function unusedUnanalysedNotes(entries: readonly Suppression[], violations: readonly AnalyzerViolation[]): string[] {
  return entries.map((entry) => {
    if (!isTimeoutRule(entry.rule)) {
      return `Graph Engine did not crash on ${where(entry)} this time; its crash suppression stays (the engine's outcome there varies from run to run)`;
    }
    // Not timing out is not finishing: an entry point the engine crashed on is a finding of its own.
    const crashed = violations.some(
      (violation) =>
        violation.rule === PATH_CRASH_RULE && violation.file === entry.file && (entry.line === undefined || violation.line === entry.line),
    );
    return crashed
      ? `Graph Engine did not time out on ${where(entry)} this time but crashed on it (see its ${PATH_CRASH_RULE} finding); its timeout suppression stays for slower runs`
      : `Graph Engine finished ${where(entry)} this time; its timeout suppression stays for slower runs`;
  });
}

/**
 * Turns violations and the suppression file's text into the gate's result. `analysedFiles`, given
 * for a scoped run only, limits the suppression entries considered to those files. An entry that
 * matches no violation is stale and fails, except an unused timeout or crash entry, and an unused
 * Graph Engine finding entry on a run that left some entry point unanalysed (notes).
 */
export function judge(
  violations: readonly AnalyzerViolation[],
  suppressionText: string | undefined,
  extraFindings: readonly Finding[] = [],
  extraNotes: readonly string[] = [],
  analysedFiles?: ReadonlySet<string>,
): JudgedResult {
  const parsed = parseSuppressions(suppressionText);
  // A scoped run analysed only some files: an entry about another file can be neither used nor stale.
  const entries = analysedFiles ? parsed.entries.filter((entry) => analysedFiles.has(entry.file)) : parsed.entries;
  const used = new Set<Suppression>();
  const failing: Finding[] = [];
  const advisory: AnalyzerViolation[] = [];
  let suppressed = 0;

  for (const violation of violations) {
    const suppression = entries.find((entry) => matches(entry, violation));
    if (suppression) {
      used.add(suppression);
      suppressed++;
    } else if (isFailing(violation)) failing.push(toFinding(violation));
    else advisory.push(violation);
  }
  // Whether Graph Engine finishes an entry point within its budget depends on the machine's load:
  // an unused timeout entry is noted, not stale, so the verdict does not flip with CPU contention.
  // The same holds for a crash: on one entry point Graph Engine 0.25 crashed in one run and timed out
  // in the next, on the same tree. Only the two "not analysed" outcomes are lenient when unused.
  const unused = entries.filter((entry) => !used.has(entry));
  // A Graph Engine finding (its FLS rule) is reported only when the engine finishes an entry point
  // that reaches it: on a run where some entry point was not analysed, an unused sfge finding entry
  // may sit behind it, and is noted, not stale. On a run that analysed every entry point it is stale.
  const unanalysed = violations.filter((violation) => isUnanalysedRule(violation.rule));
  const behindUnanalysed = (entry: Suppression): boolean =>
    unanalysed.length > 0 && /^sfge:/i.test(entry.rule) && !isUnanalysedRule(entry.rule);
  const stale: Finding[] = unused
    .filter((entry) => !isUnanalysedRule(entry.rule) && !behindUnanalysed(entry))
    .map((entry) => ({
      file: SUPPRESSIONS_FILE,
      ...(entry.at !== undefined ? { line: entry.at } : {}),
      message: `stale suppression: no ${entry.rule} violation in ${entry.file}${entry.line !== undefined ? ` at line ${entry.line}` : ''}; remove the entry`,
    }));
  // Timeouts first, then crashes, as the gate has always printed them.
  const lenient = unused.filter((entry) => isUnanalysedRule(entry.rule));
  const ordered = [...lenient.filter((entry) => isTimeoutRule(entry.rule)), ...lenient.filter((entry) => !isTimeoutRule(entry.rule))];

  const findings = [...failing, ...parsed.findings, ...stale, ...extraFindings];
  const notes: string[] = [...extraNotes, ...unusedUnanalysedNotes(ordered, violations)];
  for (const entry of unused.filter(behindUnanalysed)) {
    notes.push(
      `no ${entry.rule} at ${where(entry)} this time, while Graph Engine left ${unanalysed.length} entry point(s) unanalysed: the finding may sit behind one of them, so its suppression stays`,
    );
  }
  notes.push(
    `${violations.length} violation(s): ${failing.length} failing, ${suppressed} suppressed by ${SUPPRESSIONS_FILE} (${used.size} of ${entries.length} entries used), ${advisory.length} advisory (severity 3-5, not failing)`,
  );
  if (advisory.length > 0) {
    const perRule = new Map<string, number>();
    for (const violation of advisory) perRule.set(violation.rule, (perRule.get(violation.rule) ?? 0) + 1);
    notes.push(
      `advisory by rule: ${[...perRule]
        .sort((a, b) => b[1] - a[1])
        .map(([rule, count]) => `${rule}×${count}`)
        .join(', ')}`,
    );
    notes.push(`every advisory violation: ${ADVISORY_REPORT}`);
  }
  const advisoryLines = advisory.map(
    (violation) =>
      `${[violation.file, violation.line, violation.column].filter((part) => part !== undefined).join(':')} ${describe(violation)}`,
  );
  return { ok: findings.length === 0, findings, notes, advisoryLines };
}
