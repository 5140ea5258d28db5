/**
 * The round trip's step runner: each step has a name, says what it proves, and runs against the
 * run's context to passed, failed or skipped with one line of detail. A step that throws has
 * failed (its message is the detail); a step whose prerequisite failed is skipped, naming it, so
 * one broken link shows once and not as a cascade. Every detail goes through the run's redactor
 * before it is printed or written.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Redactor } from './redact.ts';

/** What became of a step. */
export type Outcome = 'passed' | 'failed' | 'skipped';

/** A step's result: its outcome and one line saying what was seen. */
export interface StepResult {
  readonly outcome: Outcome;
  readonly detail: string;
}

/** One step of the round trip. */
export interface Step<C> {
  /** Short, stable name: `task-create`. */
  readonly name: string;
  /** What a pass proves, one line (the table's second column). */
  readonly proves: string;
  /** Names of steps that must have passed first; otherwise this one is skipped. */
  readonly needs?: readonly string[];
  run(context: C): Promise<StepResult>;
}

/** One row of the results table. */
export interface ResultRow extends StepResult {
  readonly step: string;
  readonly proves: string;
  readonly seconds: number;
}

/** A step passed. */
export function passed(detail: string): StepResult {
  return { outcome: 'passed', detail };
}

/** A step failed. */
export function failed(detail: string): StepResult {
  return { outcome: 'failed', detail };
}

/** A step that did not run. */
export function skipped(detail: string): StepResult {
  return { outcome: 'skipped', detail };
}

/** What {@link runSteps} needs besides the steps. */
export interface RunOptions {
  readonly redactor: Redactor;
  /** Milliseconds now; injected so the tests' durations are stable. */
  readonly nowMs?: () => number;
  /** Called after each step, e.g. to print its row at once. */
  readonly onRow?: (row: ResultRow) => void;
}

function firstLine(text: string): string {
  return (text.split('\n').find((line) => line.trim() !== '') ?? '').trim();
}

/**
 * Runs the steps in order; never throws for a step's failure.
 * @returns one row per step
 */
export async function runSteps<C>(steps: readonly Step<C>[], context: C, options: RunOptions): Promise<ResultRow[]> {
  const nowMs = options.nowMs ?? Date.now;
  const rows: ResultRow[] = [];
  const outcomes = new Map<string, Outcome>();
  for (const step of steps) {
    const started = nowMs();
    const missing = (step.needs ?? []).filter((name) => outcomes.get(name) !== 'passed');
    let result: StepResult;
    if (missing.length > 0) {
      result = skipped(`not run: ${missing.join(', ')} did not pass`);
    } else {
      try {
        result = await step.run(context);
      } catch (error: unknown) {
        result = failed(error instanceof Error ? error.message : String(error));
      }
    }
    outcomes.set(step.name, result.outcome);
    const row: ResultRow = {
      step: step.name,
      proves: step.proves,
      outcome: result.outcome,
      detail: options.redactor.redact(firstLine(result.detail)),
      seconds: Math.round((nowMs() - started) / 100) / 10,
    };
    rows.push(row);
    options.onRow?.(row);
  }
  return rows;
}

/** The table as printed: step, result, seconds, detail — one line per step and a total line. */
export function resultsTable(rows: readonly ResultRow[]): string[] {
  const width = Math.max(4, ...rows.map((row) => row.step.length));
  const header = `${'step'.padEnd(width)}  result   secs  detail`;
  const lines = rows.map(
    (row) => `${row.step.padEnd(width)}  ${row.outcome.padEnd(7)}  ${row.seconds.toFixed(1).padStart(4)}  ${row.detail}`,
  );
  return [header, '-'.repeat(header.length), ...lines, totalsLine(rows)];
}

/** `12 passed, 1 failed, 2 skipped`. */
export function totalsLine(rows: readonly ResultRow[]): string {
  const count = (outcome: Outcome): number => rows.filter((row) => row.outcome === outcome).length;
  return `${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`;
}

/** Whether the run passed: nothing failed. Skipped steps are listed, and do not fail the run by themselves. */
export function runPassed(rows: readonly ResultRow[]): boolean {
  return rows.every((row) => row.outcome !== 'failed');
}

/** What `results/e2e.json` holds. */
export interface ResultsFile {
  readonly org: string;
  readonly workbenchUrl: string;
  /** How the run signed: `signed, key fingerprint …` or the opt-out. */
  readonly signing: string;
  readonly startedAt: string;
  readonly passed: boolean;
  readonly totals: string;
  readonly steps: readonly ResultRow[];
}

/** Writes the results file (its folder is made; `results/` is git-ignored), redacted once more. */
export function writeResults(path: string, results: ResultsFile, redactor: Redactor): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${redactor.redact(JSON.stringify(results, null, 2))}\n`);
}
