/**
 * `npm start`: the Sales Insight workbench in one process. Prints one line with
 * the URLs, then serves until SIGINT or SIGTERM.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, parseConfig, USAGE } from './config.ts';
import { PreviewService } from './preview/service.ts';
import { startWorkbench } from './server.ts';
import { connectOrg, OrgConnectionError } from './to-salesforce/org-connection.ts';
import { keyFingerprint } from './to-salesforce/signing.ts';

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
  let delivery;
  if (config.org !== null) {
    try {
      const target = await connectOrg({ alias: config.org, allowAdmin: config.allowAdmin, signingKey: config.signingKey });
      delivery = { target, intervalMs: 2000 };
    } catch (error: unknown) {
      if (!(error instanceof OrgConnectionError)) throw error;
      console.error(`workbench: ${error.message}`);
      return 2;
    }
  }
  const workbench = await startWorkbench(config, { preview, ...(delivery ? { delivery } : {}) });
  const data = relative(process.cwd(), config.dataDirectory) || '.';
  const auth = config.auth ? `auth on (client ${config.clientId}, token ${workbench.url}/oauth/token)` : 'AUTH OFF (--no-auth)';
  const users = config.strictUsers ? ' — STRICT USERS (unknown users rejected)' : '';
  const heartbeat = config.heartbeatMinutes > 0 ? `setup heartbeat every ${config.heartbeatMinutes} min` : 'no setup heartbeat';
  // The key itself is never printed: its fingerprint is what the org's signing card shows.
  const signing = config.signingKey === null ? 'unsigned' : `signed, key fingerprint ${keyFingerprint(config.signingKey)}`;
  const org =
    config.org === null ? ' — no org: SIA changes wait' : ` — delivering SIA changes to --org ${config.org} (${signing}; ${heartbeat})`;
  console.log(
    `Sales Insight workbench: ${workbench.url}/ — settings-page preview ${workbench.url}/preview/ — emulator ${workbench.url}/v1/salesforce/ — health ${workbench.url}/healthz — ${auth} — data ${data}${config.reset ? ' (reset)' : ''}${users}${org}`,
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
