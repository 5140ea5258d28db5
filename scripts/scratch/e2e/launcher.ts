/**
 * The workbench the round trip plays Sales Insight with: `scripts/workbench/main.ts` (what `npm
 * start` runs) as a child process, on the port the user's https tunnel forwards to, with a fresh
 * data directory, the run's OAuth client (the secret in its environment, never on its command
 * line) and the signing key file, delivering into the org as the integration user's sf alias.
 *
 * The workbench reads that alias's access token from `sf org display --json`, which sf 2.146
 * redacts unless `SF_TEMP_SHOW_SECRETS=true` (sf's own temporary workaround, printed in its
 * warning); the child gets that variable, and nothing of its output is shown but a failure's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the workbench is started with. */
export interface WorkbenchLaunch {
  /** Loopback port the tunnel forwards to. */
  readonly port: number;
  readonly clientId: string;
  /** A secret: passed in the child's environment only. */
  readonly clientSecret: string;
  /** The file holding the org's signing key, or null (unsigned, the org's opt-out). */
  readonly signingKeyFile: string | null;
  /** The org's id: what `GET /v1/salesforce/connection` reports as linked. */
  readonly orgId: string;
  /** The sf alias of the integration user SIA-originated changes are delivered as. */
  readonly integrationOrg: string;
}

/** A started workbench. */
export interface LaunchedWorkbench {
  /** Its API on loopback, e.g. `http://127.0.0.1:4321`. */
  readonly apiUrl: string;
  stop(): Promise<void>;
}

/** Starts a workbench; the tests pass one that runs it in-process against an org stand-in. */
export type WorkbenchLauncher = (launch: WorkbenchLaunch) => Promise<LaunchedWorkbench>;

/** A workbench that did not start: its own words (the caller redacts them). */
export class LaunchError extends Error {}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * The real launcher: `node --import tsx scripts/workbench/main.ts --reset --org <alias>
 * [--signing-key-file <file>] --heartbeat-minutes 0` (the round trip calls the heartbeat itself).
 * @param root the repository root
 */
export function childLauncher(root: string): WorkbenchLauncher {
  return (launch) => {
    const data = mkdtempSync(join(tmpdir(), 'sisync-e2e-workbench-'));
    const args = [
      '--import',
      'tsx',
      join(root, 'scripts', 'workbench', 'main.ts'),
      '--reset',
      '--org',
      launch.integrationOrg,
      '--heartbeat-minutes',
      '0',
      ...(launch.signingKeyFile === null ? [] : ['--signing-key-file', launch.signingKeyFile]),
    ];
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(launch.port),
        WORKBENCH_DATA: data,
        WORKBENCH_CLIENT_ID: launch.clientId,
        WORKBENCH_CLIENT_SECRET: launch.clientSecret,
        WORKBENCH_ORG_ID: launch.orgId,
        SF_TEMP_SHOW_SECRETS: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const cleanup = async (): Promise<void> => {
      await stopChild(child);
      rmSync(data, { recursive: true, force: true });
    };
    return new Promise((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => {
        void cleanup().then(() =>
          reject(new LaunchError(`the workbench did not start within 60 s: ${output.trim().split('\n').at(-1) ?? ''}`)),
        );
      }, 60_000);
      const onData = (chunk: Buffer): void => {
        output += chunk.toString('utf8');
        const url = /Sales Insight workbench: (http:\/\/[^/\s]+)\//.exec(output)?.[1];
        if (url === undefined) return;
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve({ apiUrl: url, stop: cleanup });
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.once('exit', (code) => {
        clearTimeout(timer);
        rmSync(data, { recursive: true, force: true });
        reject(new LaunchError(`the workbench stopped (exit ${code ?? 'signal'}): ${output.trim().split('\n').at(-1) ?? ''}`));
      });
    });
  };
}
