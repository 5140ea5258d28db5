/**
 * The contract every offline gate fulfils, so `npm test` can run them all,
 * print what each found as `file:line:col message`, and count them.
 */

/** One problem a gate found, located as precisely as the tool allows. */
export interface Finding {
  /** Path relative to the repository root. */
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** What is wrong and, where the tool says, which rule found it. */
  readonly message: string;
}

/** What a gate reports once it has run. */
export interface GateResult {
  /** True when the gate passed; a gate with findings must not pass. */
  readonly ok: boolean;
  readonly findings: readonly Finding[];
  /** Short facts worth printing even on success (counts, versions, skipped tools). */
  readonly notes?: readonly string[];
}

/** An offline check run by `npm test`. */
export interface Gate {
  /** Stable identifier used by `npm run gate -- <id>`. */
  readonly id: string;
  /** One line saying what the gate proves. */
  readonly title: string;
  run(context: GateContext): Promise<GateResult>;
}

/** What every gate receives: where the repository is and, optionally, which files to check. */
export interface GateContext {
  /** Absolute path of the repository root. */
  readonly root: string;
  /**
   * Repository-relative paths (with `/`). When set, a gate that can narrow its work checks only
   * these files of its normal targets — a named file the full run would not check is not checked
   * either — and a gate that cannot narrow ignores it and checks everything. `npm test` never sets
   * it; `npm run prove-gates` sets it to the files a seeded defect edits.
   */
  readonly onlyFiles?: readonly string[];
  /**
   * Set by `npm run prove-gates` for a gate whose targets are tests that cannot be chosen by file
   * (the browser gate: the seeded file is a component, its targets are test files): only the tests
   * whose names match run. `npm test` never sets it.
   */
  readonly testNamePattern?: string;
}

/**
 * The normal targets that are among `onlyFiles` (all of them when it is undefined), in the
 * targets' order: scoping can only narrow a gate's work, never add a file to it.
 */
export function scopedTargets(targets: readonly string[], onlyFiles: readonly string[] | undefined): string[] {
  if (onlyFiles === undefined) return [...targets];
  const wanted = new Set(onlyFiles.map((file) => file.replace(/^\.\//, '')));
  return targets.filter((file) => wanted.has(file));
}

/** Formats a finding as `file:line:col message`, omitting what is unknown. */
export function formatFinding(finding: Finding): string {
  const position = [finding.file, finding.line, finding.column].filter((part) => part !== undefined).join(':');
  return `${position} ${finding.message}`;
}

/** Builds a result from findings: it passes only when there are none. */
export function resultFrom(findings: readonly Finding[], notes: readonly string[] = []): GateResult {
  return { ok: findings.length === 0, findings, notes };
}
