/**
 * Running Code Analyzer's engines from Node and reading their results: `@salesforce/code-analyzer-core`
 * with the PMD engine and the Graph Engine (`sfge`), over the package directories, as engine-neutral
 * {@link AnalyzerViolation}s. What fails the gate is decided in `verdict.ts`.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  CodeAnalyzer,
  CodeAnalyzerConfig,
  EventType,
  LogLevel,
  type EngineLogEvent,
  type LogEvent,
  type RunResults,
  type Violation,
} from '@salesforce/code-analyzer-core';
import * as pmdEngine from '@salesforce/code-analyzer-pmd-engine';
import * as sfgeEngine from '@salesforce/code-analyzer-sfge-engine';
import { findJava } from '../../lib/java.ts';
import { readProject, toPosix } from '../../lib/apex-project.ts';
import { scopedTargets } from '../../lib/gate.ts';

/** The rule selectors run: Recommended, AppExchange and Security of both engines. */
export const RULE_SELECTORS = [
  'pmd:Recommended',
  'pmd:AppExchange',
  'pmd:Security',
  'sfge:Recommended',
  'sfge:AppExchange',
  'sfge:Security',
] as const;

/** Rule name given to an entry point the Graph Engine could not finish analysing in its time budget. */
export const PATH_TIMEOUT_RULE = 'PathEvaluationTimeout';
/** Rule name given to an entry point on which the Graph Engine crashed (`Internal execution error`) instead of giving a verdict. */
export const PATH_CRASH_RULE = 'PathEvaluationCrash';

/** Longest piece of the engine's message kept in a finding (its stack traces run to kilobytes). */
const ENGINE_MESSAGE_LENGTH = 240;

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
  /** The package directories analysed, absolute. */
  readonly dirs: string[];
  /** The files the engines targeted: undefined for a full run (every file of the package directories). */
  readonly targeted?: ReadonlySet<string>;
}

/** What {@link runEngines} runs: which rules, over which files. */
export interface EngineRunOptions {
  /** Code Analyzer rule selectors (`pmd:Security`, `AppExchange`, `Recommended:Security`, `sfge`…). */
  readonly selectors: readonly string[];
  /**
   * What the engines target, absolute paths of files or folders inside the package directories;
   * absent: every file of them. The workspace stays every package directory either way.
   */
  readonly targets?: readonly string[];
  /** Repository-relative files to narrow the targets to (the gate's scope, see {@link analyze}). */
  readonly onlyFiles?: readonly string[];
}

/** An {@link Analysis} with Code Analyzer's own results, for its formatters (absent when nothing ran). */
export interface EngineRun extends Analysis {
  readonly results?: RunResults;
}

/**
 * Runs the selected rules over the package directories; returns the violations and notes. With
 * `onlyFiles`, the engines target only those of the full run's target files, while the workspace
 * stays whole (Graph Engine resolves types and paths across every class).
 */
export async function analyze(root: string, onlyFiles?: readonly string[]): Promise<Analysis> {
  const run = await runEngines(root, { selectors: RULE_SELECTORS, ...(onlyFiles ? { onlyFiles } : {}) });
  return { violations: run.violations, notes: run.notes, dirs: run.dirs, ...(run.targeted ? { targeted: run.targeted } : {}) };
}

/**
 * Runs PMD and Graph Engine through Code Analyzer core with the given rule selectors, the workspace
 * being every package directory of `sfdx-project.json`: the gate's {@link analyze} and the security
 * report (`scripts/security/report.ts`) share it, so both see the same engines, Java and settings.
 */
export async function runEngines(root: string, options: EngineRunOptions): Promise<EngineRun> {
  const onlyFiles = options.onlyFiles;
  const notes: string[] = [];
  const dirs = await packageDirectories(root);
  if (dirs.length === 0) {
    notes.push('no package directory to analyse');
    return { violations: [], notes, dirs, ...(onlyFiles ? { targeted: new Set<string>() } : {}) };
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
    let workspace = await analyzer.createWorkspace(dirs, options.targets ? [...options.targets] : undefined);
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
      if (targets.length === 0) return { violations: [], notes, dirs, targeted };
      // The workspace stays whole: Graph Engine builds its graph over every Apex file to follow paths.
      workspace = await analyzer.createWorkspace(
        dirs,
        targets.map((file) => path.join(root, file)),
      );
    }
    const selection = await analyzer.selectRules([...options.selectors], { workspace });
    const counts = selection.getEngineNames().map((engine) => `${engine} ${selection.getRulesFor(engine).length}`);
    notes.push(`rules: ${selection.getCount()} selected (${counts.join(', ')}) from ${options.selectors.join(' + ')}`);
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
    return { violations, notes, dirs, results, ...(targeted ? { targeted } : {}) };
  } finally {
    await rm(workFolder, { recursive: true, force: true });
  }
}
