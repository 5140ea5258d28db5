/**
 * `npm start`'s own entry point as a child process, for the tests that kill it:
 * started with a data directory and a free port, its URL read from the banner,
 * and always killed by the test's cleanup.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

/** A workbench running in a child process. */
export interface ChildWorkbench {
  readonly child: ChildProcess;
  readonly url: string;
  /** The banner line it printed. */
  readonly banner: string;
}

const children = new Set<ChildProcess>();

/** Starts `scripts/workbench/main.ts` (as `npm start` does) on a free port; resolves on its banner. */
export function startChild(dataDirectory: string, args: readonly string[] = []): Promise<ChildWorkbench> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', WORKBENCH_DATA: dataDirectory },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no banner within 30 s: ${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const url = /Sales Insight workbench: (http:\/\/[^/\s]+)\//.exec(output)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve({ child, url, banner: output.split('\n')[0] ?? '' });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`workbench exited (${code ?? signal}) before its banner: ${output}`));
    });
  });
}

/** SIGKILLs a child and waits until it is gone. */
export function killChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** Kills every child still running (test cleanup, also after a failure). */
export async function killAllChildren(): Promise<void> {
  await Promise.all([...children].map((child) => killChild(child)));
}
