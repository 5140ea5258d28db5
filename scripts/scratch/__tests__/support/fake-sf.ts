/**
 * The tests' handle on the fake sf (../fake-sf/sf.mjs): a scenario written to a throwaway folder,
 * the calls it recorded, and a command context whose sf is the fake and whose build is recorded in
 * the same timeline, so a test can say "the build came before the deploy".
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandContext } from '../../commands/context.ts';
import { createSf, type Sf } from '../../sf/sf.ts';

/** The fake sf executable. */
export const FAKE_SF = fileURLToPath(new URL('../fake-sf/sf.mjs', import.meta.url));

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** One recorded call. */
export interface FakeCall {
  readonly argv: readonly string[];
  readonly matched: string | null;
  /** What --metadata-dir or --definition-file held: path → content. */
  readonly files: Readonly<Record<string, string>>;
}

/** The marker the recorded build leaves in the calls. */
export const BUILD_MARK = '<npm run build>';

/** A scenario in use. */
export interface FakeSf {
  /** The environment that makes the runner call the fake. */
  readonly env: NodeJS.ProcessEnv;
  /** A throwaway project root (org:test writes results/ there). */
  readonly root: string;
  readonly sf: Sf;
  /** What the command printed through the context, shown sf output included. */
  readonly lines: string[];
  calls(): FakeCall[];
  /** Each call's words up to its first flag, joined: `org display`, `<npm run build>`. */
  commands(): string[];
  context(overrides?: Partial<CommandContext>): CommandContext;
  cleanup(): void;
}

/** Starts a scenario: matcher → fixture file name, inline answer, or a list of them. */
export function fakeSf(scenario: Readonly<Record<string, unknown>>): FakeSf {
  const directory = mkdtempSync(join(tmpdir(), 'sisync-fake-sf-'));
  const scenarioFile = join(directory, 'scenario.json');
  const callsFile = join(directory, 'calls.jsonl');
  const root = join(directory, 'project');
  writeFileSync(scenarioFile, JSON.stringify(scenario));
  const env = { ...process.env, SISYNC_SF_BIN: FAKE_SF, FAKE_SF_SCENARIO: scenarioFile, FAKE_SF_CALLS: callsFile };
  const lines: string[] = [];
  const sf = createSf({ root: directory, env, sink: (line) => lines.push(line) });
  const calls = (): FakeCall[] =>
    existsSync(callsFile)
      ? readFileSync(callsFile, 'utf8')
          .split('\n')
          .filter((line) => line !== '')
          .map((line) => JSON.parse(line) as FakeCall)
      : [];
  return {
    env,
    root,
    sf,
    lines,
    calls,
    commands: () =>
      calls().map((call) => {
        const words: string[] = [];
        for (const arg of call.argv) {
          if (arg.startsWith('-')) break;
          words.push(arg);
        }
        return words.join(' ');
      }),
    context: (overrides = {}) => ({
      project: { root, namespace: 'sisync', apiVersion: '66.0' },
      sf,
      build: () => {
        appendFileSync(callsFile, `${JSON.stringify({ argv: [BUILD_MARK], matched: null, files: {} })}\n`);
        return Promise.resolve();
      },
      log: (line) => lines.push(line),
      today: '2026-12-03',
      ...overrides,
    }),
    cleanup: () => rmSync(directory, { recursive: true, force: true }),
  };
}

/** Reads a fixture. */
export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)), 'utf8')) as unknown;
}

/** What a run of the real entry point printed, and how it ended. */
export interface CommandLineRun {
  readonly code: number;
  /** stdout and stderr together, without blank lines. */
  readonly output: string[];
  readonly ms: number;
}

/**
 * Runs `tsx scripts/scratch/run.ts <args>` — what `npm run org:*` runs — as a child process.
 * @param args the command's name and its flags
 * @param env the environment (the fake sf's, usually)
 */
export function runCommandLine(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CommandLineRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(join(REPO_ROOT, 'node_modules/.bin/tsx'), ['scripts/scratch/run.ts', ...args], { cwd: REPO_ROOT, env });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('close', (code) =>
      resolve({ code: code ?? 1, output: output.split('\n').filter((line) => line.trim() !== ''), ms: Date.now() - started }),
    );
  });
}
