import { spawn } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';

/** The outcome of a child process, captured whole. */
export interface ExecResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options for {@link exec}. */
export interface ExecOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Milliseconds before the process is killed; a gate must never hang CI. */
  readonly timeoutMs?: number;
  /** Text written to the process's standard input (closed afterwards either way). */
  readonly input?: string;
}

/**
 * Runs a command without a shell (no quoting surprises) and captures its output.
 * Never rejects for a non-zero exit: gates interpret exit codes themselves.
 */
export function exec(command: string, args: readonly string[], options: ExecOptions): Promise<ExecResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: withoutColour(options.env ?? process.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin.on('error', () => undefined); // a process that exits without reading its input
    child.stdin.end(options.input ?? '');
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: 127, stdout: plain(stdout), stderr: plain(`${stderr}${error.message}`) });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code: code ?? (signal === null ? 1 : 128),
        stdout: plain(stdout),
        stderr: plain(signal ? `${stderr}killed by ${signal}` : stderr),
      });
    });
  });
}

/**
 * The environment a tool runs in, with colour turned off. CI machines set `CI=true`, and tools
 * that colour their output there (Prettier's `[warn]`, for one) would otherwise wrap the very text
 * the gates parse in escape codes: a finding would lose its file and a seeded defect go unseen.
 */
export function withoutColour(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const plainEnv: NodeJS.ProcessEnv = { ...env, NO_COLOR: '1', FORCE_COLOR: '0' };
  return plainEnv;
}

/** Output without terminal escape codes, for tools that colour regardless of the environment. */
export function plain(output: string): string {
  return stripVTControlCharacters(output);
}
