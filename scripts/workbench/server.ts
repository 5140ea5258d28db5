/**
 * One HTTP server for the whole workbench: the emulator's contract routes, the
 * token endpoint, the workbench API, the home page. {@link startWorkbench} opens
 * the store, listens, and hands back what a caller needs to stop it.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTRACT_FILES } from '../contract/load.ts';
import { TokenService } from './auth.ts';
import type { WorkbenchConfig } from './config.ts';
import { loadContract } from './contract.ts';
import type { Handler, WorkbenchContext } from './context.ts';
import { checkConnection, issueToken, sendTaskChanges, sendUserSettings } from './emulator-routes.ts';
import { FaultInjector } from './faults.ts';
import { homePage } from './home-page.ts';
import { sendError, sendJson, sendText } from './http-io.ts';
import { resetDataDirectory, WorkbenchStore } from './store.ts';
import { getSldsAsset } from './pages/assets.ts';
import * as pages from './pages/views.ts';
import * as preview from './preview/routes.ts';
import type { PreviewService } from './preview/service.ts';
import * as siaTasks from './sia-task-routes.ts';
import { SiaDeliverer, type DelivererOptions } from './to-salesforce/deliverer.ts';
import { SetupHeartbeat } from './to-salesforce/heartbeat.ts';
import type { OrgTarget } from './to-salesforce/org-client.ts';
import * as delivery from './to-salesforce/routes.ts';
import * as emailActivities from './to-salesforce/email-activities.ts';
import * as api from './workbench-api.ts';

/** One route: a path pattern (`{name}` matches one segment, `{name*}` the rest of the path) and its handlers by method. */
interface Route {
  readonly pattern: RegExp;
  readonly methods: Readonly<Partial<Record<string, Handler>>>;
}

function route(path: string, methods: Route['methods']): Route {
  const source = path
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\{(\w+)\\\*\}/g, '(?<$1>.+)')
    .replace(/\{(\w+)\}/g, '(?<$1>[^/]+)');
  return { pattern: new RegExp(`^${source}$`), methods };
}

const ROUTES: readonly Route[] = [
  route('/', { GET: (ctx, { res }) => sendText(res, 200, 'text/html; charset=utf-8', homePage(ctx)) }),
  route('/pages/users', { GET: pages.usersPage }),
  route('/pages/command-center', { GET: pages.commandCenterPage }),
  route('/pages/reminders', { GET: pages.remindersPage }),
  route('/pages/changes', { GET: pages.changeLogPage }),
  route('/pages/to-salesforce', { GET: pages.toSalesforcePage }),
  route('/pages/faults', { GET: pages.faultsPage }),
  route('/assets/slds/{path*}', { GET: getSldsAsset }),
  // Browsers ask for it on every page; a 404 would be noise in every console.
  route('/favicon.ico', {
    GET: (_ctx, { res }) => {
      res.writeHead(204).end();
    },
  }),
  route('/healthz', { GET: (_ctx, { res }) => sendJson(res, 200, { status: 'ok' }) }),
  route('/openapi.yaml', {
    GET: (_ctx, { res }) => sendText(res, 200, 'application/yaml; charset=utf-8', readFileSync(CONTRACT_FILES.openApi, 'utf8')),
  }),
  route('/oauth/token', { POST: issueToken }),
  route('/v1/salesforce/task-changes', { POST: sendTaskChanges }),
  route('/v1/salesforce/user-settings', { POST: sendUserSettings }),
  route('/v1/salesforce/connection', { GET: checkConnection }),
  route('/_workbench/tasks', { GET: api.listTasks }),
  route('/_workbench/receipts', { GET: api.listReceipts }),
  route('/_workbench/users', { GET: api.listUsers }),
  route('/_workbench/users/{email}', { GET: api.getUser, PUT: api.putUser }),
  route('/_workbench/users/{email}/command-center', { GET: api.getCommandCenter }),
  route('/_workbench/users/{email}/sia-tasks', { GET: siaTasks.listSiaTasks, POST: siaTasks.createSiaTask }),
  route('/_workbench/users/{email}/to-salesforce', { GET: siaTasks.getToSalesforce }),
  route('/_workbench/sia-tasks/{siaTaskId}', { PATCH: siaTasks.editSiaTask, DELETE: siaTasks.deleteSiaTask }),
  route('/preview', {
    GET: (_ctx, { res }) => {
      res.writeHead(308, { location: '/preview/' }).end();
    },
  }),
  route('/preview/', { GET: preview.getPreview }),
  route('/preview/bundle.js', { GET: preview.getBundle }),
  route('/_workbench/users/{email}/email-activities', { POST: emailActivities.logEmailActivity }),
  route('/_workbench/email-activities', { GET: emailActivities.listEmailActivities }),
  route('/_workbench/to-salesforce', { GET: delivery.getDeliveries }),
  route('/_workbench/to-salesforce/round', { POST: delivery.postRound }),
  route('/_workbench/to-salesforce/resume', { POST: delivery.postResume }),
  route('/_workbench/to-salesforce/heartbeat', { GET: delivery.getHeartbeat, POST: delivery.postHeartbeat }),
  route('/_workbench/faults', { GET: api.getFaults, POST: api.postFaults, DELETE: api.deleteFaults }),
];

async function dispatch(ctx: WorkbenchContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://workbench.invalid');
  for (const { pattern, methods } of ROUTES) {
    const match = pattern.exec(url.pathname);
    if (!match) continue;
    const handler = methods[req.method ?? 'GET'];
    if (handler === undefined) {
      req.resume();
      const allowed = Object.keys(methods).join(', ');
      sendError(res, 405, 'METHOD_NOT_ALLOWED', `${req.method ?? ''} ${url.pathname}: use ${allowed}`, { headers: { allow: allowed } });
      return;
    }
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(match.groups ?? {})) {
      try {
        params[name] = decodeURIComponent(value);
      } catch {
        sendError(res, 400, 'INVALID_REQUEST', `${name} is not a valid URL component: ${value}`, { field: name });
        return;
      }
    }
    await handler(ctx, { req, res, url, params });
    return;
  }
  req.resume();
  sendError(res, 404, 'NOT_FOUND', `no route ${req.method ?? ''} ${url.pathname}; see GET / for the routes`);
}

/** A running workbench. */
export interface RunningWorkbench {
  /** e.g. `http://127.0.0.1:4321`. */
  readonly url: string;
  readonly server: Server;
  readonly context: WorkbenchContext;
  /** Stops listening, ends open connections and closes the store. */
  close(): Promise<void>;
}

/** Options of {@link startWorkbench} beyond the config. */
export interface StartOptions {
  /** The clock (epoch ms); default `Date.now`. */
  readonly nowMs?: () => number;
  /** The settings-page preview to serve under `/preview/` (built by its owner, in the background). */
  readonly preview?: PreviewService;
  /**
   * The org SIA-originated changes go to (`--org`), and how often a delivery round runs
   * (0: only on `POST /_workbench/to-salesforce/round`). Without one, changes wait for an org.
   * With one, the setup heartbeat is called at start and every `config.heartbeatMinutes` (0: only
   * on `POST /_workbench/to-salesforce/heartbeat`).
   */
  readonly delivery?: {
    readonly target: OrgTarget & { readonly username?: string | null };
    readonly intervalMs: number;
    readonly options?: DelivererOptions;
  };
}

/** Opens the store (clearing it first with `reset`), starts listening, resolves once the port is bound. */
export async function startWorkbench(config: WorkbenchConfig, options: StartOptions = {}): Promise<RunningWorkbench> {
  if (config.reset) resetDataDirectory(config.dataDirectory);
  // Checkpoints on a worker thread: off the request path, same durability (checkpointer.ts).
  const store = WorkbenchStore.open(config.dataDirectory, { backgroundCheckpoints: true });
  let signingKey = store.meta('tokenSigningKey');
  if (signingKey === undefined) {
    signingKey = TokenService.newSigningKey();
    store.setMeta('tokenSigningKey', signingKey);
  }
  const nowMs = options.nowMs ?? Date.now;
  const contract = loadContract();
  const deliverer = new SiaDeliverer(store, contract, options.delivery?.target ?? null, { nowMs, ...options.delivery?.options });
  const heartbeat = new SetupHeartbeat(options.delivery?.target ?? null, contract, { nowMs, ...options.delivery?.options });
  const ctx: WorkbenchContext = {
    config,
    store,
    contract,
    deliverer,
    heartbeat,
    tokens: new TokenService(config, signingKey, nowMs),
    faults: new FaultInjector(),
    nowMs,
    ...(options.preview ? { preview: options.preview } : {}),
    baseUrl: '',
  };
  const server = createServer((req, res) => {
    dispatch(ctx, req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendError(res, 500, 'INTERNAL_ERROR', `unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  ctx.baseUrl = `http://${host}:${port}`;
  if (options.delivery && options.delivery.intervalMs > 0) deliverer.start(options.delivery.intervalMs);
  if (options.delivery) heartbeat.start(config.heartbeatMinutes);
  return {
    url: ctx.baseUrl,
    server,
    context: ctx,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          void Promise.all([deliverer.stop(), heartbeat.stop()])
            .then(() => store.close())
            .then(resolve);
        });
        server.closeAllConnections();
      }),
  };
}
