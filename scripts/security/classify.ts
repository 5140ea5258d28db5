/**
 * The security report's verdict, pure (unit-tested on plain data): each finding of the scan is
 * suppressed (a reviewed entry of `config/code-analyzer-suppressions.json`, whose reason the report
 * prints), explained (an entry of `docs/security/false-positives.md`) or unexplained. Beside that,
 * what the document owes the reviewer whatever this run found: an explanation of every Graph Engine
 * timeout or crash suppression (what was checked by hand instead), and no explanation of a finding
 * that is gone.
 */
import type { Finding } from '../verify/lib/gate.ts';
import type { AnalyzerViolation } from '../verify/gates/code-analyzer/engines.ts';
import { isUnanalysedRule, matches, SUPPRESSIONS_FILE, type Suppression } from '../verify/gates/code-analyzer/suppressions.ts';
import { FALSE_POSITIVES_FILE, type Explanation } from './false-positives.ts';

/** What became of a finding. */
export type FindingStatus = 'suppressed' | 'explained' | 'unexplained';

/** A finding and what accounts for it. */
export interface ClassifiedFinding extends AnalyzerViolation {
  readonly status: FindingStatus;
  /** The suppression's reason, or the explanation's text. */
  readonly reason?: string;
  /** Where the reason is written: `config/code-analyzer-suppressions.json:12`, `docs/security/false-positives.md:40`. */
  readonly source?: string;
}

/** The report's verdict. */
export interface Classification {
  readonly findings: readonly ClassifiedFinding[];
  /** Findings neither suppressed nor explained: the report fails while there is one. */
  readonly unexplained: readonly ClassifiedFinding[];
  /** What the document or the suppressions owe: a missing timeout explanation, a stale explanation. */
  readonly problems: readonly Finding[];
  readonly notes: readonly string[];
}

const at = (file: string, line: number | undefined): string => (line === undefined ? file : `${file}:${line}`);

/** Whether an explanation covers a suppression: the same rule (engine prefix optional), file, and line when the explanation names one. */
export function explains(explanation: Explanation, suppression: Suppression): boolean {
  const bare = (rule: string): string => rule.toLowerCase().replace(/^[a-z-]+:/, '');
  const engine = (rule: string): string | undefined => /^([a-z-]+):/.exec(rule.toLowerCase())?.[1];
  const engines = [engine(explanation.rule), engine(suppression.rule)].filter((name) => name !== undefined);
  return (
    bare(explanation.rule) === bare(suppression.rule) &&
    new Set(engines).size <= 1 &&
    explanation.file === suppression.file &&
    (explanation.line === undefined || explanation.line === suppression.line)
  );
}

/**
 * Classifies the scan's findings.
 * @param violations what the engines reported, Graph Engine's unanalysed entry points included
 * @param suppressions the valid entries of the suppression file
 * @param explanations the entries of the false-positives document
 * @param inScope whether a repository-relative file was scanned (entries about other files are neither owed nor stale)
 */
export function classify(
  violations: readonly AnalyzerViolation[],
  suppressions: readonly Suppression[],
  explanations: readonly Explanation[],
  inScope: (file: string) => boolean,
): Classification {
  const findings: ClassifiedFinding[] = violations.map((violation) => {
    const suppression = suppressions.find((entry) => matches(entry, violation));
    if (suppression !== undefined) {
      return { ...violation, status: 'suppressed', reason: suppression.reason, source: at(SUPPRESSIONS_FILE, suppression.at) };
    }
    const explanation = explanations.find((entry) => matches(entry, violation));
    if (explanation !== undefined) {
      return { ...violation, status: 'explained', reason: explanation.reason, source: at(FALSE_POSITIVES_FILE, explanation.at) };
    }
    return { ...violation, status: 'unexplained' };
  });
  const problems: Finding[] = [];
  // A timeout or crash suppression stands for a check the engine did not make: the reviewer is owed
  // what was checked by hand, whether or not the engine gave up on this run.
  for (const suppression of suppressions.filter((entry) => isUnanalysedRule(entry.rule) && inScope(entry.file))) {
    if (explanations.some((explanation) => explains(explanation, suppression))) continue;
    problems.push({
      file: FALSE_POSITIVES_FILE,
      message: `no entry explains the ${suppression.rule} suppression of ${at(suppression.file, suppression.line)} (${at(SUPPRESSIONS_FILE, suppression.at)}): add ### \`${suppression.rule}\` in \`${at(suppression.file, suppression.line)}\` saying what was checked by hand instead`,
    });
  }
  // An explanation of a finding that is gone misleads the reviewer, unless the finding may only be
  // hidden: a timeout comes and goes with the machine's load, and a Graph Engine finding sits behind
  // an entry point the engine did not analyse this time.
  const unanalysed = violations.some((violation) => isUnanalysedRule(violation.rule));
  for (const explanation of explanations.filter((entry) => inScope(entry.file))) {
    if (violations.some((violation) => matches(explanation, violation))) continue;
    if (isUnanalysedRule(explanation.rule)) continue;
    if (unanalysed && /^sfge:/i.test(explanation.rule)) continue;
    if (suppressions.some((suppression) => explains(explanation, suppression) && !isUnanalysedRule(suppression.rule))) {
      // Explained and suppressed alike: the gate reports the stale suppression; say it here too.
      problems.push({
        file: FALSE_POSITIVES_FILE,
        line: explanation.at,
        message: `stale: no ${explanation.rule} in ${at(explanation.file, explanation.line)} any more; remove this entry and its suppression`,
      });
      continue;
    }
    problems.push({
      file: FALSE_POSITIVES_FILE,
      line: explanation.at,
      message: `stale: no ${explanation.rule} in ${at(explanation.file, explanation.line)} any more; remove this entry`,
    });
  }
  const count = (status: FindingStatus): number => findings.filter((finding) => finding.status === status).length;
  const notes = [
    `${findings.length} finding(s): ${count('suppressed')} suppressed with a reviewed reason (${SUPPRESSIONS_FILE}), ${count('explained')} explained (${FALSE_POSITIVES_FILE}), ${count('unexplained')} unexplained`,
  ];
  return { findings, unexplained: findings.filter((finding) => finding.status === 'unexplained'), problems, notes };
}

/** One finding as a line: `file:line:col engine:Rule (sev N) message`. */
export function findingLine(finding: AnalyzerViolation): string {
  const where = [finding.file, finding.line, finding.column].filter((part) => part !== undefined).join(':');
  return `${where} ${finding.engine}:${finding.rule} (sev ${finding.severity}) ${finding.message.replace(/\s+/g, ' ').trim()}`;
}

/** Counts by rule, most frequent first: `ApexDoc×3, ApexCRUDViolation×1`. */
export function countsByRule(findings: readonly AnalyzerViolation[]): string {
  const perRule = new Map<string, number>();
  for (const finding of findings)
    perRule.set(`${finding.engine}:${finding.rule}`, (perRule.get(`${finding.engine}:${finding.rule}`) ?? 0) + 1);
  return [...perRule]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([rule, count]) => `${rule}×${count}`)
    .join(', ');
}
