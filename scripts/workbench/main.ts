/**
 * `npm start`: the Sales Insight workbench in one process. Prints one line with
 * the URLs, then serves until SIGINT or SIGTERM.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, parseConfig, USAGE } from './config.ts';
import { PreviewService } from './preview/service.ts';
import { startWorkbench } from './server.ts';

async function main(): Promise<number> {
  let config;
  try {
    config = parseConfig(process.argv.slice(2), process.env, process.cwd());
  } catch (error: unknown) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`workbench: ${error.message}`);
    return 2;
  }
  if (config === undefined) {
    console.log(USAGE);
    return 0;
  }
  let preview: PreviewService;
  try {
    preview = new PreviewService(fileURLToPath(new URL('../..', import.meta.url)));
  } catch (error: unknown) {
    console.error(`workbench: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  // In the background: /healthz and the emulator answer at once; /preview/ says "building…" until ready.
  void preview.start();
  const workbench = await startWorkbench(config, { preview });
  const data = relative(process.cwd(), config.dataDirectory) || '.';
  const auth = config.auth ? `auth on (client ${config.clientId}, token ${workbench.url}/oauth/token)` : 'AUTH OFF (--no-auth)';
  const users = config.strictUsers ? ' — STRICT USERS (unknown users rejected)' : '';
  console.log(
    `Sales Insight workbench: ${workbench.url}/ — settings-page preview ${workbench.url}/preview/ — emulator ${workbench.url}/v1/salesforce/ — health ${workbench.url}/healthz — ${auth} — data ${data}${config.reset ? ' (reset)' : ''}${users}`,
  );
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await workbench.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`workbench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
