/**
 * The workbench's own small API under `/_workbench/`: what SIA holds (tasks,
 * receipts, users), each user's Command Center and time zone, and the fault
 * rules. It needs no token: it is the operator's view, on loopback by default.
 */
import { canonicalPayload } from '../contract/canonical-json.ts';
import { commandCenter, validTimeZone } from './command-center.ts';
import type { Handler, RouteRequest, WorkbenchContext } from './context.ts';
import { FaultRulesError, parseFaultRules } from './faults.ts';
import { isJsonContentType, readBody, sendError, sendJson } from './http-io.ts';
import { DEFAULT_TIME_ZONE, siaUserKey } from './ingest.ts';
import { initialSyncs, NO_INITIAL_SYNC, type InitialSync } from './initial-sync.ts';
import { decidingSettings } from './sia-tasks.ts';
import type { SiaUserRow } from './store.ts';

/** Longest body of a workbench API request, in bytes. */
const MAX_API_BODY_BYTES = 65_536;

/** RFC 3339 date-time, as the `at` parameter takes it. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

/** A JSON object body, or undefined after answering 400/415 (shared by the workbench API routes). */
export async function jsonObjectBody({ req, res }: RouteRequest): Promise<Record<string, unknown> | undefined> {
  if (!isJsonContentType(req)) {
    req.resume();
    sendError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json', { close: true });
    return undefined;
  }
  const body = await readBody(req, MAX_API_BODY_BYTES);
  if (body.kind === 'oversize') {
    sendError(res, 413, 'PAYLOAD_TOO_LARGE', `body is more than ${MAX_API_BODY_BYTES} bytes`, { close: true });
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.text);
  } catch (error: unknown) {
    sendError(res, 400, 'INVALID_REQUEST', `body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    sendError(res, 400, 'INVALID_REQUEST', 'body must be a JSON object');
    return undefined;
  }
  return parsed as Record<string, unknown>;
}

/** The user of the `email` path parameter, or undefined after answering 404. */
export function knownUser(ctx: WorkbenchContext, { res, params }: RouteRequest): SiaUserRow | undefined {
  const email = siaUserKey(params['email'] ?? '');
  const user = ctx.store.findSiaUser(email);
  if (user === undefined) {
    sendError(
      res,
      404,
      'USER_NOT_FOUND',
      `no SIA user ${email}: a user appears when a task or settings change names them, or with PUT /_workbench/users/${email}`,
      {
        field: 'email',
      },
    );
  }
  return user;
}

/** Every user's initial sync, read from the receipts (`initial-sync.ts`). */
function initialSyncsOf(ctx: WorkbenchContext): Map<string, InitialSync> {
  return initialSyncs(ctx.store.initialTaskChanges(), ctx.store.syncModeChanges());
}

/**
 * A user as the API shows them: time zone, settings rows, the cut-off that
 * decides which SIA tasks go to Salesforce, and what the first-time sync brought.
 */
function userView(ctx: WorkbenchContext, user: SiaUserRow, syncs: Map<string, InitialSync> = initialSyncsOf(ctx)): Record<string, unknown> {
  const settings = ctx.store.userSettingsOf(user.email);
  return {
    email: user.email,
    timeZone: user.timeZone,
    settings,
    syncCutoffAt: decidingSettings(settings)?.syncCutoffAt ?? null,
    initialSync: syncs.get(user.email) ?? NO_INITIAL_SYNC,
  };
}

/** `GET /_workbench/tasks`: every task, tombstones included. */
export const listTasks: Handler = (ctx, { res }) => sendJson(res, 200, { tasks: ctx.store.listTasks() });

/** `GET /_workbench/receipts`: every key seen, in processing order. */
export const listReceipts: Handler = (ctx, { res }) =>
  sendJson(res, 200, {
    receipts: ctx.store.listReceipts().map(({ payload, ...receipt }) => ({
      ...receipt,
      canonical: canonicalPayload(JSON.parse(payload) as object, receipt.kind),
    })),
  });

/** `GET /_workbench/users`: every SIA user with their settings. */
export const listUsers: Handler = (ctx, { res }) => {
  // One pass over the receipts for all users, not one per user.
  const syncs = initialSyncsOf(ctx);
  sendJson(res, 200, { users: ctx.store.listSiaUsers().map((u) => userView(ctx, u, syncs)) });
};

/** `GET /_workbench/users/{email}`. */
export const getUser: Handler = (ctx, request) => {
  const user = knownUser(ctx, request);
  if (user !== undefined) sendJson(request.res, 200, userView(ctx, user));
};

/** `PUT /_workbench/users/{email}` with `{"timeZone": "<IANA name>"}`: creates the user or sets their time zone. */
export const putUser: Handler = async (ctx, request) => {
  const body = await jsonObjectBody(request);
  if (body === undefined) return;
  const unknown = Object.keys(body).find((key) => key !== 'timeZone');
  if (unknown !== undefined) {
    sendError(request.res, 400, 'INVALID_REQUEST', `${unknown} is not allowed (only timeZone)`, { field: unknown });
    return;
  }
  const given = body['timeZone'] ?? DEFAULT_TIME_ZONE;
  const timeZone = typeof given === 'string' ? validTimeZone(given) : undefined;
  if (timeZone === undefined) {
    sendError(
      request.res,
      400,
      'INVALID_REQUEST',
      `timeZone must be an IANA time zone such as UTC or Asia/Kathmandu, got ${JSON.stringify(given)}`,
      {
        field: 'timeZone',
      },
    );
    return;
  }
  const email = siaUserKey(request.params['email'] ?? '');
  ctx.store.setTimeZone(email, timeZone);
  sendJson(request.res, 200, userView(ctx, { email, timeZone }));
};

/** `GET /_workbench/users/{email}/command-center[?at=<RFC 3339>]`: tasks due today and tomorrow in the user's time zone. */
export const getCommandCenter: Handler = (ctx, request) => {
  const at = request.url.searchParams.get('at');
  let epochMs = ctx.nowMs();
  if (at !== null) {
    epochMs = Date.parse(at);
    if (!DATE_TIME.test(at) || Number.isNaN(epochMs)) {
      sendError(
        request.res,
        400,
        'INVALID_REQUEST',
        `at must be an RFC 3339 date-time such as 2026-11-30T09:00:00Z, got ${JSON.stringify(at)}`,
        {
          field: 'at',
        },
      );
      return;
    }
  }
  const user = knownUser(ctx, request);
  if (user === undefined) return;
  sendJson(
    request.res,
    200,
    commandCenter(user.email, user.timeZone, ctx.store.tasksOwnedBy(user.email), epochMs, ctx.store.siaNativeTasksOf(user.email)),
  );
};

/** `GET /_workbench/faults`: the active rules and their counters. */
export const getFaults: Handler = (ctx, { res }) => sendJson(res, 200, { rules: ctx.faults.list() });

/** `POST /_workbench/faults` with `{"rules": [...]}`: replaces the active rules. */
export const postFaults: Handler = async (ctx, request) => {
  const body = await jsonObjectBody(request);
  if (body === undefined) return;
  try {
    ctx.faults.set(parseFaultRules(body));
  } catch (error: unknown) {
    if (!(error instanceof FaultRulesError)) throw error;
    sendError(request.res, 400, 'INVALID_REQUEST', error.message, { field: error.field });
    return;
  }
  sendJson(request.res, 200, { rules: ctx.faults.list() });
};

/** `DELETE /_workbench/faults`: no faults any more. */
export const deleteFaults: Handler = (ctx, { res }) => {
  ctx.faults.clear();
  sendJson(res, 200, { rules: [] });
};
