/**
 * Gate `code-analyzer`: Salesforce Code Analyzer's security and quality rules, run from Node.
 *
 * The Code Analyzer CLI plugin cannot be installed offline, so the gate drives its engines
 * directly: `@salesforce/code-analyzer-core` 0.52 with the PMD engine 0.46 (PMD 7) and the
 * Graph Engine 0.25 (`sfge`: path-based ApexFlsViolation from @AuraEnabled/REST/… entry points).
 * Both engines spawn Java themselves; the gate hands them the Java found by `lib/java.ts`
 * (≥ 21 preferred, any ≥ 11 accepted — PMD and sfge need only 11).
 *
 * Rules: the union of the Recommended, AppExchange and Security tags of the `pmd` and `sfge`
 * engines (`pmd:Recommended`, `pmd:AppExchange`, `pmd:Security`, `sfge:…`), on the package
 * directories of `sfdx-project.json` (force-app and unpackaged), PMD restricted to Apex,
 * Visualforce and metadata XML (LWC JavaScript/HTML is ESLint's job); CPD is off;
 * `node_modules` is ignored.
 *
 * Verdict:
 *   - fails on every violation of severity 1 (Critical) or 2 (High), and, whatever their severity,
 *     on OperationWithLimitsInLoop, ApexSharingViolations, ApexCRUDViolation, ApexSOQLInjection,
 *     AvoidHardcodedCredentials*, ApexFlsViolation — unless the violation is listed in the reviewed
 *     file `config/code-analyzer-suppressions.json`:
 *       { "suppressions": [ { "rule": "ApexCRUDViolation" (or "pmd:ApexCRUDViolation"),
 *                             "file": "force-app/…/X.cls", "line": 12 (optional: any line),
 *                             "reason": "≥ 40 characters a security reviewer would accept" } ] }
 *     An entry without such a reason, with unknown keys, or matching no violation (stale) fails —
 *     except a `PathEvaluationTimeout` entry, which is noted when unused: whether Graph Engine
 *     finishes an entry point in time varies with the machine's load.
 *   - other violations (severity 3–5) are printed as notes and counted, never failing;
 *   - engine failures surface as Critical `UninstantiableEngineError`/`UnexpectedEngineError`
 *     violations and fail;
 *   - inline suppressions would bypass the review: Code Analyzer's own `code-analyzer-suppress`
 *     markers are disabled, and PMD's `// NOPMD` and `@SuppressWarnings('PMD…')` (which PMD honours
 *     and cannot be told to ignore) are reported as findings.
 *
 * Scope (`GateContext.onlyFiles`, set by `npm run prove-gates`): the engines target only the named
 * files that a full run targets, while the workspace stays the whole package directories (Graph
 * Engine resolves types and paths across all of them); suppression entries for other files are
 * neither used nor stale. `npm test` sets no scope.
 */
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  CodeAnalyzer,
  CodeAnalyzerConfig,
  EventType,
  LogLevel,
  type EngineLogEvent,
  type LogEvent,
  type Violation,
} from '@salesforce/code-analyzer-core';
import * as pmdEngine from '@salesforce/code-analyzer-pmd-engine';
import * as sfgeEngine from '@salesforce/code-analyzer-sfge-engine';
import { findJava } from '../lib/java.ts';
import { readProject, toPosix, walk } from '../lib/apex-project.ts';
import { scopedTargets, type Finding, type Gate, type GateContext, type GateResult } from '../lib/gate.ts';

export const SUPPRESSIONS_FILE = 'config/code-analyzer-suppressions.json';
export const MINIMUM_REASON_LENGTH = 40;
export const RULE_SELECTORS = [
  'pmd:Recommended',
  'pmd:AppExchange',
  'pmd:Security',
  'sfge:Recommended',
  'sfge:AppExchange',
  'sfge:Security',
] as const;
/** Rules that fail the gate whatever their severity. */
export const ALWAYS_FAILING_RULES = [
  'OperationWithLimitsInLoop',
  'ApexSharingViolations',
  'ApexCRUDViolation',
  'ApexSOQLInjection',
  'ApexFlsViolation',
] as const;
export const ALWAYS_FAILING_RULE_PREFIXES = ['AvoidHardcodedCredentials'] as const;
/** Where the gate writes every advisory violation, one per line (git-ignored): the output prints counts by rule. */
export const ADVISORY_REPORT = 'results/code-analyzer-advisory.txt';

/** The gate's result with the advisory violations as report lines (`file:line:col rule (sev) message`). */
export interface JudgedResult extends GateResult {
  readonly advisoryLines: readonly string[];
}

/** One violation, engine-neutral, with its file relative to the root. */
export interface AnalyzerViolation {
  readonly engine: string;
  readonly rule: string;
  readonly severity: number;
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

/** Rule name given to an entry point the Graph Engine could not finish analysing in its time budget. */
export const PATH_TIMEOUT_RULE = 'PathEvaluationTimeout';
/** Rule name given to an entry point on which the Graph Engine crashed (`Internal execution error`) instead of giving a verdict. */
export const PATH_CRASH_RULE = 'PathEvaluationCrash';

/** Longest piece of the engine's message kept in a finding (its stack traces run to kilobytes). */
const ENGINE_MESSAGE_LENGTH = 240;

/**
 * An entry point whose paths the Graph Engine did not evaluate — it timed out, or it crashed with
 * an internal error (`UnexpectedException` and the like) — was not checked for ApexFlsViolation:
 * it becomes a failing (severity 2) violation, located at the entry point, that only a reviewed
 * suppression can accept. An unanalysed entry point never passes silently, whatever the reason.
 */
export function unanalysedEntryPoints(root: string, problems: readonly string[]): AnalyzerViolation[] {
  const violations: AnalyzerViolation[] = [];
  for (const problem of problems) {
    const match = /scanning entry point: (?<file>[^:]+):(?<line>\d+):(?<column>\d+): (?<message>[^\n]*)/.exec(problem);
    const groups = match?.groups;
    if (!groups?.['file']) continue;
    const message = (groups['message'] ?? '').trim();
    const timedOut = message.startsWith('Path evaluation timed out');
    const shown = message.length > ENGINE_MESSAGE_LENGTH ? `${message.slice(0, ENGINE_MESSAGE_LENGTH)}…` : message;
    violations.push({
      engine: 'sfge',
      rule: timedOut ? PATH_TIMEOUT_RULE : PATH_CRASH_RULE,
      severity: 2,
      file: toPosix(path.relative(root, groups['file'])),
      line: Number(groups['line']),
      column: Number(groups['column']),
      message: timedOut
        ? `Graph Engine did not finish this entry point (${shown}): its FLS paths are unchecked`
        : `Graph Engine crashed on this entry point instead of giving a verdict (${shown}): its FLS paths are unchecked`,
    });
  }
  return violations;
}

/** One reviewed entry of the suppression file. */
export interface Suppression {
  readonly rule: string;
  readonly file: string;
  readonly line?: number;
  readonly reason: string;
  /** Line of the entry in the suppression file, when it could be located. */
  readonly at?: number;
}

export function failsWhateverSeverity(rule: string): boolean {
  return (
    (ALWAYS_FAILING_RULES as readonly string[]).includes(rule) || ALWAYS_FAILING_RULE_PREFIXES.some((prefix) => rule.startsWith(prefix))
  );
}

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

// ---------------------------------------------------------------------------------------------
// Suppression file
// ---------------------------------------------------------------------------------------------

/**
 * Parses and validates the suppression file's text (undefined: no file, no suppressions).
 * Invalid entries are reported and do not suppress anything.
 */
export function parseSuppressions(text: string | undefined): { entries: Suppression[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const entries: Suppression[] = [];
  if (text === undefined) return { entries, findings };
  const fail = (message: string, line?: number): void => {
    findings.push({ file: SUPPRESSIONS_FILE, ...(line !== undefined ? { line } : {}), message });
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error: unknown) {
    fail(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    return { entries, findings };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    fail('must be an object {"suppressions": [...]}');
    return { entries, findings };
  }
  const top = parsed as Record<string, unknown>;
  for (const key of Object.keys(top)) {
    if (!['suppressions', '$schema', '$comment', 'description'].includes(key)) fail(`unknown top-level key "${key}"`);
  }
  const list = top['suppressions'];
  if (!Array.isArray(list)) {
    fail('"suppressions" must be an array');
    return { entries, findings };
  }
  // Locate entry i at the line of the i-th `"rule"` key (entries are objects with one rule each).
  const ruleLines: number[] = [];
  for (const match of text.matchAll(/"rule"\s*:/g)) ruleLines.push(text.slice(0, match.index ?? 0).split('\n').length);
  list.forEach((raw: unknown, index) => {
    const at = ruleLines.length === list.length ? ruleLines[index] : undefined;
    const label = `suppressions[${index}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      fail(`${label} must be an object`, at);
      return;
    }
    const entry = raw as Record<string, unknown>;
    let valid = true;
    const problem = (message: string): void => {
      valid = false;
      fail(`${label}: ${message}`, at);
    };
    for (const key of Object.keys(entry)) {
      if (!['rule', 'file', 'line', 'reason'].includes(key)) problem(`unknown key "${key}" (allowed: rule, file, line, reason)`);
    }
    const { rule, file, line, reason } = entry;
    if (typeof rule !== 'string' || rule.trim() === '') problem('"rule" must name a rule, e.g. "ApexCRUDViolation"');
    if (typeof file !== 'string' || file.trim() === '') problem('"file" must be a path relative to the repository root');
    else if (path.isAbsolute(file) || file.includes('\\')) problem('"file" must be a relative path with forward slashes');
    if (line !== undefined && (typeof line !== 'number' || !Number.isInteger(line) || line < 1))
      problem('"line" must be a positive integer when given');
    if (typeof reason !== 'string' || reason.trim().length < MINIMUM_REASON_LENGTH) {
      problem(
        `"reason" must explain, in at least ${MINIMUM_REASON_LENGTH} characters, why a security reviewer should accept this violation`,
      );
    }
    if (valid && typeof rule === 'string' && typeof file === 'string' && typeof reason === 'string') {
      entries.push({
        rule: rule.trim(),
        file: path.posix.normalize(file.trim()),
        ...(typeof line === 'number' ? { line } : {}),
        reason: reason.trim(),
        ...(at !== undefined ? { at } : {}),
      });
    }
  });
  return { entries, findings };
}

export function matches(suppression: Suppression, violation: AnalyzerViolation): boolean {
  const rule = suppression.rule.toLowerCase();
  const ruleMatches = rule === violation.rule.toLowerCase() || rule === `${violation.engine}:${violation.rule}`.toLowerCase();
  return ruleMatches && suppression.file === violation.file && (suppression.line === undefined || suppression.line === violation.line);
}

// ---------------------------------------------------------------------------------------------
// Verdict (pure: unit-tested without running the engines)
// ---------------------------------------------------------------------------------------------

/** Whether a suppression's rule is Graph Engine's timeout, which comes and goes with the machine's speed. */
export function isUnanalysedRule(rule: string): boolean {
  const name = rule.toLowerCase();
  return isTimeoutRule(rule) || name === PATH_CRASH_RULE.toLowerCase() || name === `sfge:${PATH_CRASH_RULE}`.toLowerCase();
}

/** Whether a suppression rule names the timeout outcome. */
export function isTimeoutRule(rule: string): boolean {
  const name = rule.toLowerCase();
  return name === PATH_TIMEOUT_RULE.toLowerCase() || name === `sfge:${PATH_TIMEOUT_RULE}`.toLowerCase();
}

/**
 * Turns violations and the suppression file's text into the gate's result. `analysedFiles`, given
 * for a scoped run only, limits the suppression entries considered to those files.
 */
export function judge(
  violations: readonly AnalyzerViolation[],
  suppressionText: string | undefined,
  extraFindings: readonly Finding[] = [],
  extraNotes: readonly string[] = [],
  analysedFiles?: ReadonlySet<string>,
): JudgedResult {
  const parsed = parseSuppressions(suppressionText);
  const suppressionFindings = parsed.findings;
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
      continue;
    }
    if (isFailing(violation)) failing.push(toFinding(violation));
    else advisory.push(violation);
  }
  // Whether Graph Engine finishes an entry point within its budget depends on the machine's load:
  // an unused timeout entry is noted, not stale, so the verdict does not flip with CPU contention.
  // The same holds for a crash: on one entry point Graph Engine 0.25 crashed in one run and timed out
  // in the next, on the same tree. Only the two "not analysed" outcomes are lenient when unused.
  const unusedTimeouts = entries.filter((entry) => !used.has(entry) && isTimeoutRule(entry.rule));
  const unusedCrashes = entries.filter((entry) => !used.has(entry) && isUnanalysedRule(entry.rule) && !isTimeoutRule(entry.rule));
  const stale: Finding[] = entries
    .filter((entry) => !used.has(entry) && !isUnanalysedRule(entry.rule))
    .map((entry) => ({
      file: SUPPRESSIONS_FILE,
      ...(entry.at !== undefined ? { line: entry.at } : {}),
      message: `stale suppression: no ${entry.rule} violation in ${entry.file}${entry.line !== undefined ? ` at line ${entry.line}` : ''}; remove the entry`,
    }));

  const findings = [...failing, ...suppressionFindings, ...stale, ...extraFindings];
  const notes: string[] = [...extraNotes];
  for (const entry of unusedTimeouts) {
    const where = `${entry.file}${entry.line !== undefined ? `:${entry.line}` : ''}`;
    // Not timing out is not finishing: an entry point the engine crashed on is a finding of its own.
    const crashed = violations.some(
      (violation) =>
        violation.rule === PATH_CRASH_RULE && violation.file === entry.file && (entry.line === undefined || violation.line === entry.line),
    );
    notes.push(
      crashed
        ? `Graph Engine did not time out on ${where} this time but crashed on it (see its ${PATH_CRASH_RULE} finding); its timeout suppression stays for slower runs`
        : `Graph Engine finished ${where} this time; its timeout suppression stays for slower runs`,
    );
  }
  for (const entry of unusedCrashes) {
    notes.push(
      `Graph Engine did not crash on ${entry.file}${entry.line !== undefined ? `:${entry.line}` : ''} this time; its crash suppression stays (the engine's outcome there varies from run to run)`,
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

// ---------------------------------------------------------------------------------------------
// Inline suppressions (PMD honours them; they would bypass the reviewed file)
// ---------------------------------------------------------------------------------------------

/** Finds `// NOPMD` and `@SuppressWarnings('PMD…'/'all')` in Apex and Visualforce sources. */
export function findInlineSuppressions(source: string): { line: number; column: number; text: string }[] {
  const hits: { line: number; column: number; text: string }[] = [];
  const patterns = [/\bNOPMD\b/g, /@SuppressWarnings\s*\(\s*['"][^'"]*\b(?:PMD|all)\b[^'"]*['"]\s*\)/gi];
  for (const pattern of patterns) {
    for (const match of source.matchAll(pattern)) {
      const before = source.slice(0, match.index ?? 0);
      const line = before.split('\n').length;
      hits.push({ line, column: (match.index ?? 0) - before.lastIndexOf('\n'), text: match[0] });
    }
  }
  return hits.sort((a, b) => a.line - b.line || a.column - b.column);
}

async function inlineSuppressionFindings(root: string, dirs: readonly string[], only?: ReadonlySet<string>): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const dir of dirs) {
    const accept = (f: string): boolean =>
      /\.(cls|trigger|page|component)$/i.test(f) && (only === undefined || only.has(toPosix(path.relative(root, f))));
    for (const file of await walk(dir, accept)) {
      const source = await readFile(file, 'utf8');
      for (const hit of findInlineSuppressions(source)) {
        findings.push({
          file: toPosix(path.relative(root, file)),
          line: hit.line,
          column: hit.column,
          message: `inline PMD suppression ${hit.text} hides violations from review: remove it and list the violation with its reason in ${SUPPRESSIONS_FILE}`,
        });
      }
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Running the engines
// ---------------------------------------------------------------------------------------------

/** The package directories of `sfdx-project.json` that exist, as absolute paths. */
async function packageDirectories(root: string): Promise<string[]> {
  const { packageDirectories: dirs } = await readProject(root);
  const existing: string[] = [];
  for (const dir of dirs) {
    const absolute = path.resolve(root, dir);
    if (
      await stat(absolute).then(
        (info) => info.isDirectory(),
        () => false,
      )
    )
      existing.push(absolute);
  }
  return existing;
}

function fromViolation(root: string, violation: Violation): AnalyzerViolation {
  const rule = violation.getRule();
  const location = violation.getPrimaryLocation();
  const file = location.getFile();
  const line = location.getStartLine();
  const column = location.getStartColumn();
  return {
    engine: rule.getEngineName(),
    rule: rule.getName(),
    severity: rule.getSeverityLevel(),
    file: file ? toPosix(path.relative(root, file)) : '.',
    ...(line !== undefined ? { line } : {}),
    ...(column !== undefined ? { column } : {}),
    message: violation.getMessage(),
  };
}

/** What {@link analyze} found, and which files it targeted (repository-relative; all of them unless scoped). */
export interface Analysis {
  readonly violations: AnalyzerViolation[];
  readonly notes: string[];
  readonly findings: Finding[];
  readonly dirs: string[];
  /** The files the engines targeted: undefined for a full run (every file of the package directories). */
  readonly targeted?: ReadonlySet<string>;
}

/**
 * Runs the selected rules over the package directories; returns the violations and notes. With
 * `onlyFiles`, the engines target only those of the full run's target files.
 */
export async function analyze(root: string, onlyFiles?: readonly string[]): Promise<Analysis> {
  const notes: string[] = [];
  const findings: Finding[] = [];
  const dirs = await packageDirectories(root);
  if (dirs.length === 0) {
    notes.push('no package directory to analyse');
    return { violations: [], notes, findings, dirs, ...(onlyFiles ? { targeted: new Set<string>() } : {}) };
  }
  const preferred = await findJava();
  const java = preferred.ok ? preferred : await findJava({ minimumMajor: 11 });
  const engineOverrides: Record<string, unknown> = {
    pmd: { rule_languages: ['apex', 'visualforce', 'xml'] },
    cpd: { disable_engine: true },
    sfge: {
      // One worker per core; a path that takes longer than this is reported by sfge itself.
      java_thread_count: Math.max(1, os.availableParallelism()),
      java_thread_timeout: 60_000,
    },
  };
  if (java.ok) {
    (engineOverrides['pmd'] as Record<string, unknown>)['java_command'] = java.path;
    (engineOverrides['sfge'] as Record<string, unknown>)['java_command'] = java.path;
    notes.push(`Java: ${java.description} (${java.path})`);
  } else {
    notes.push(`no Java ≥ 11 found by lib/java.ts; the engines look for one themselves (${java.message})`);
  }

  const workFolder = await mkdtemp(path.join(os.tmpdir(), 'sisync-code-analyzer-'));
  try {
    const config = CodeAnalyzerConfig.fromObject({
      config_root: root,
      log_folder: workFolder,
      log_level: LogLevel.Warn,
      engines: engineOverrides,
      ignores: { files: ['**/node_modules/**'] },
      // Only the reviewed suppression file may silence a violation.
      suppressions: { disable_suppressions: true },
    });
    const analyzer = new CodeAnalyzer(config);
    const problems: string[] = [];
    analyzer.onEvent(EventType.LogEvent, (event: LogEvent) => {
      if (event.logLevel <= LogLevel.Error) problems.push(`code-analyzer: ${event.message}`);
    });
    analyzer.onEvent(EventType.EngineLogEvent, (event: EngineLogEvent) => {
      if (event.logLevel <= LogLevel.Error) problems.push(`${event.engineName}: ${event.message}`);
    });
    await analyzer.addEnginePlugin(pmdEngine.createEnginePlugin());
    await analyzer.addEnginePlugin(sfgeEngine.createEnginePlugin());
    let workspace = await analyzer.createWorkspace(dirs);
    let targeted: Set<string> | undefined;
    if (onlyFiles !== undefined) {
      // Narrow the full run's own target list (the workspace's targeted files), never the named
      // files themselves: a named file the full run would not analyse (outside the package
      // directories, ignored) is not analysed here either, so a proof seeded there fails.
      const normal = (await workspace.getTargetedFiles()).map((file) => toPosix(path.relative(root, file)));
      const targets = scopedTargets(normal, onlyFiles);
      targeted = new Set(targets);
      notes.push(`scoped: ${targets.length} of ${normal.length} target files (${targets.join(', ') || 'none of the named files'})`);
      // No target left: nothing to run (an empty target list would mean "everything" to Code Analyzer).
      if (targets.length === 0) return { violations: [], notes, findings, dirs, targeted };
      // The workspace stays whole: Graph Engine builds its graph over every Apex file to follow paths.
      workspace = await analyzer.createWorkspace(
        dirs,
        targets.map((file) => path.join(root, file)),
      );
    }
    const selection = await analyzer.selectRules([...RULE_SELECTORS], { workspace });
    const counts = selection.getEngineNames().map((engine) => `${engine} ${selection.getRulesFor(engine).length}`);
    notes.push(`rules: ${selection.getCount()} selected (${counts.join(', ')}) from ${RULE_SELECTORS.join(' + ')}`);
    const results = await analyzer.run(selection, { workspace });
    for (const engine of results.getEngineNames()) {
      const engineResults = results.getEngineRunResults(engine);
      notes.push(`${engine} ${engineResults.getEngineVersion()}: ${engineResults.getViolationCount()} violation(s)`);
    }
    for (const problem of problems) notes.push(problem.slice(0, 1000));
    const violations = [
      ...results.getViolations().map((violation) => fromViolation(root, violation)),
      ...unanalysedEntryPoints(root, problems),
    ];
    return { violations, notes, findings, dirs, ...(targeted ? { targeted } : {}) };
  } finally {
    await rm(workFolder, { recursive: true, force: true });
  }
}

async function readSuppressionFile(root: string): Promise<string | undefined> {
  try {
    return await readFile(path.join(root, SUPPRESSIONS_FILE), 'utf8');
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export const codeAnalyzerGate: Gate = {
  id: 'code-analyzer',
  title: 'Code Analyzer (PMD + Graph Engine): no High/Critical or security/limits violation outside the reviewed suppressions',
  async run(context: GateContext): Promise<GateResult> {
    const root = path.resolve(context.root);
    const started = Date.now();
    const suppressionText = await readSuppressionFile(root);
    const { violations, notes, findings, dirs, targeted } = await analyze(root, context.onlyFiles);
    const inline = await inlineSuppressionFindings(root, dirs, targeted);
    if (suppressionText === undefined) notes.push(`no ${SUPPRESSIONS_FILE}: nothing is suppressed`);
    const analysed = targeted
      ? `${targeted.size} scoped file(s)`
      : dirs.map((dir) => toPosix(path.relative(root, dir))).join(', ') || 'nothing';
    notes.push(`analysed ${analysed} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const result = judge(violations, suppressionText, [...findings, ...inline], notes, targeted);
    await mkdir(path.join(root, path.dirname(ADVISORY_REPORT)), { recursive: true });
    await writeFile(path.join(root, ADVISORY_REPORT), result.advisoryLines.map((line) => `${line}\n`).join(''));
    return result;
  },
};
