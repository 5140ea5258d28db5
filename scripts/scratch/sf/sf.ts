/**
 * How the commands call the sf CLI: the project's own `node_modules/.bin/sf` (`npm ci` installs
 * it; a globally installed sf may be another version), or the executable named by
 * `SISYNC_SF_BIN` — the offline tests point that at a fake sf that answers from recorded JSON.
 * Without a shell, so no argument is ever re-split or quoted wrongly.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

/** What `sf … --json` answers: `{status, result}` on success, `{status, name, message}` on an error. */
export interface SfAnswer {
  /** sf's exit status: 0 on success, 1 or 2 on an error, 68 partial success, 100 failed tests. */
  readonly status: number;
  readonly result?: unknown;
  /** The error's name, e.g. `NoDefaultEnvError`, `NamedOrgNotFoundError`. */
  readonly name?: string;
  readonly message?: string;
  readonly warnings?: readonly unknown[];
}

/** What a command printed, for the commands without `--json` (`sf api request rest`). */
export interface SfText {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The sf CLI as the commands use it; the tests give them one backed by the fake sf. */
export interface Sf {
  /** `sf <args> --json`, parsed; a non-zero exit is an answer, not an exception. */
  json(args: readonly string[], options?: { readonly timeoutMs?: number }): Promise<SfAnswer>;
  /** `sf <args>` with its output shown as it comes (deploys, scratch-org creation). */
  show(args: readonly string[]): Promise<number>;
  /** `sf <args>`, output captured. */
  text(args: readonly string[]): Promise<SfText>;
}

/** The sf CLI did not start, or did not answer in time: no org was asked anything. */
export class SfUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SfUnavailableError';
  }
}

/** The executable: `SISYNC_SF_BIN` when set, else the project's own. */
export function sfBinary(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const override = env['SISYNC_SF_BIN'];
  return override !== undefined && override !== '' ? override : join(root, 'node_modules', '.bin', 'sf');
}

/** Where {@link createSf} runs sf and where shown output goes. */
export interface SfOptions {
  readonly root: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Receives each line of shown output instead of the terminal (tests). */
  readonly sink?: (line: string) => void;
  /** Default milliseconds before an sf call is stopped. */
  readonly timeoutMs?: number;
}

// sf's update check, telemetry and colours add seconds and escape codes to every call.
function quietEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...env,
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_DISABLE_AUTOUPDATE: 'true',
    SF_DISABLE_TELEMETRY: 'true',
    SF_HIDE_RELEASE_NOTES: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
}

/**
 * Parses sf's JSON output. sf prints its answer as one JSON document; anything before the first
 * `{` (a warning on stdout) is skipped.
 * @returns the answer, or undefined when the output holds no JSON object
 */
export function parseSfJson(stdout: string): SfAnswer | undefined {
  const text = stripVTControlCharacters(stdout);
  const start = text.indexOf('{');
  if (start === -1) return undefined;
  try {
    const parsed = JSON.parse(text.slice(start)) as unknown;
    if (typeof parsed !== 'object' || parsed === null || !('status' in parsed) || typeof parsed.status !== 'number') return undefined;
    return parsed as SfAnswer;
  } catch {
    return undefined;
  }
}

/** The command's words, up to its first flag: `org display`. */
function commandWords(args: readonly string[]): string {
  const end = args.findIndex((arg) => arg.startsWith('-'));
  return (end === -1 ? args : args.slice(0, end)).join(' ');
}

/** The sf CLI of this checkout (or `SISYNC_SF_BIN`). */
export function createSf(options: SfOptions): Sf {
  const bin = sfBinary(options.root, options.env);
  const env = quietEnv(options.env ?? process.env);
  const defaultTimeout = options.timeoutMs ?? 3_600_000;

  const capture = (args: readonly string[], timeoutMs: number): Promise<SfText> =>
    new Promise((resolve, reject) => {
      const child = spawn(bin, [...args], { cwd: options.root, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(
          new SfUnavailableError(`sf did not answer within ${Math.max(1, Math.round(timeoutMs / 1000))} s (sf ${commandWords(args)})`),
        );
      }, timeoutMs);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new SfUnavailableError(`the sf CLI did not start (${error.message})`));
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code: code ?? 1, stdout, stderr });
      });
    });

  return {
    async json(args, callOptions) {
      const run = await capture([...args, '--json'], callOptions?.timeoutMs ?? defaultTimeout);
      const answer = parseSfJson(run.stdout);
      if (answer !== undefined) return answer;
      const said =
        stripVTControlCharacters(run.stderr || run.stdout)
          .trim()
          .split('\n')[0] ?? '';
      return { status: run.code === 0 ? 1 : run.code, name: 'NoJsonAnswer', message: said || `sf exited ${run.code} without an answer` };
    },
    async show(args) {
      const sink = options.sink;
      if (sink === undefined) {
        return new Promise((resolve, reject) => {
          const child = spawn(bin, [...args], { cwd: options.root, env, stdio: 'inherit' });
          child.on('error', (error) => reject(new SfUnavailableError(`the sf CLI did not start (${error.message})`)));
          child.on('close', (code) => resolve(code ?? 1));
        });
      }
      const run = await capture(args, defaultTimeout);
      for (const line of stripVTControlCharacters(run.stdout + run.stderr).split('\n')) if (line !== '') sink(line);
      return run.code;
    },
    text(args) {
      return capture(args, defaultTimeout);
    },
  };
}

/** A readable record field, for the loosely typed `result` of sf's answers. */
export function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && name in value ? (value as Record<string, unknown>)[name] : undefined;
}

/** A string field of an answer's result, or undefined. */
export function stringField(value: unknown, name: string): string | undefined {
  const found = field(value, name);
  return typeof found === 'string' ? found : undefined;
}

/** The records of an `sf data query --json` answer. */
export function queryRecords(answer: SfAnswer): readonly Record<string, unknown>[] {
  const records = field(answer.result, 'records');
  return Array.isArray(records)
    ? records.filter((record): record is Record<string, unknown> => typeof record === 'object' && record !== null)
    : [];
}
