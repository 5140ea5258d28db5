/**
 * What every route handler reads: the settings, the store, the contract, the
 * token service and the fault rules. Built once by `server.ts`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenService } from './auth.ts';
import type { WorkbenchConfig } from './config.ts';
import type { Contract } from './contract.ts';
import type { FaultInjector } from './faults.ts';
import type { PreviewService } from './preview/service.ts';
import type { SiaDeliverer } from './to-salesforce/deliverer.ts';
import type { SetupHeartbeat } from './to-salesforce/heartbeat.ts';
import type { WorkbenchStore } from './store.ts';

/** Shared state of one running workbench. */
export interface WorkbenchContext {
  readonly config: WorkbenchConfig;
  readonly store: WorkbenchStore;
  readonly contract: Contract;
  readonly tokens: TokenService;
  readonly faults: FaultInjector;
  /** The clock (epoch ms), injectable for tests. */
  readonly nowMs: () => number;
  /** The settings-page preview, when this workbench serves it (`npm start` does; tests mostly not). */
  readonly preview?: PreviewService;
  /** Sends SIA-originated changes into the org (`--org`); with no org it only counts what waits. */
  readonly deliverer: SiaDeliverer;
  /** Calls the org's setup heartbeat (`--org`, every `--heartbeat-minutes`) and keeps the last outcome. */
  readonly heartbeat: SetupHeartbeat;
  /** The URL the server listens on, e.g. `http://127.0.0.1:4321`. */
  baseUrl: string;
}

/** One request as a handler sees it. */
export interface RouteRequest {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  /** Path parameters (`email`), already decoded. */
  readonly params: Readonly<Record<string, string>>;
}

/** A route handler. */
export type Handler = (ctx: WorkbenchContext, request: RouteRequest) => Promise<void> | void;
