/**
 * The contract's Outbound operations and the token endpoint. Requests are
 * checked against the OpenAPI document through `ingestBatch` (the contract's
 * `checkBatch`); faults and authentication come first, as a gateway in front of
 * Sales Insight would apply them.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { MAX_BODY_BYTES, type BatchKind } from '../contract/item-validation.ts';
import type { Handler, RouteRequest, WorkbenchContext } from './context.ts';
import type { FaultAction } from './faults.ts';
import { isJsonContentType, readBody, sendError, sendJson } from './http-io.ts';
import { ingestBatch } from './ingest.ts';

/** Longest token request body read, in bytes. */
const MAX_TOKEN_BODY_BYTES = 16_384;

/**
 * Applies the fault (if any) that comes before handling.
 *
 * @returns whether the request was answered (or dropped) by the fault.
 */
async function faultBefore(action: FaultAction | undefined, { req, res }: RouteRequest): Promise<boolean> {
  if (action === undefined) return false;
  switch (action.kind) {
    case 'slow':
      await sleep(action.delayMs);
      return false;
    case 'drop':
      if (action.when === 'before') {
        req.socket.destroy();
        return true;
      }
      return false;
    case 'status': {
      if (action.status === 401) {
        sendError(res, 401, 'UNAUTHORIZED', 'access token expired (injected fault)', {
          headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
        });
      } else {
        const code = action.status === 429 ? 'RATE_LIMITED' : 'UNAVAILABLE';
        const message = `${action.status === 429 ? 'too many requests' : 'temporarily unavailable'} (injected fault), retry in ${action.retryAfterSeconds} s`;
        sendError(res, action.status, code, message, { headers: { 'retry-after': String(action.retryAfterSeconds) } });
      }
      return true;
    }
  }
}

/** Whether the bearer token is good; answers 401 when it is not. */
function authorized(ctx: WorkbenchContext, { req, res }: RouteRequest): boolean {
  if (!ctx.config.auth) return true;
  const check = ctx.tokens.check(req.headers.authorization);
  if (check.ok) return true;
  sendError(res, 401, 'UNAUTHORIZED', check.message, { headers: { 'www-authenticate': 'Bearer realm="sales-insight-workbench"' } });
  return false;
}

/** Faults, then authentication, then the operation itself. */
function guarded(operation: (ctx: WorkbenchContext, request: RouteRequest, dropAfter: boolean) => Promise<void> | void): Handler {
  return async (ctx, request) => {
    const action = ctx.faults.next();
    if (await faultBefore(action, request)) return;
    if (!authorized(ctx, request)) return;
    await operation(ctx, request, action?.kind === 'drop' && action.when === 'after');
  };
}

function batchOperation(kind: BatchKind): Handler {
  return guarded(async (ctx, { req, res }, dropAfter) => {
    if (!isJsonContentType(req)) {
      req.resume();
      sendError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json', { close: true });
      return;
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body.kind === 'oversize') {
      sendError(res, 413, 'PAYLOAD_TOO_LARGE', `body is more than ${MAX_BODY_BYTES} bytes`, { close: true });
      return;
    }
    const answer = ingestBatch(ctx.store, ctx.contract.validator, kind, body.text, new Date(ctx.nowMs()).toISOString(), {
      strictUsers: ctx.config.strictUsers,
    });
    if (dropAfter) {
      // The batch is committed; its acknowledgement is lost on the way.
      req.socket.destroy();
      return;
    }
    sendJson(res, answer.httpStatus, answer.body);
  });
}

/** `POST /v1/salesforce/task-changes` (sendTaskChanges). */
export const sendTaskChanges: Handler = batchOperation('taskChange');

/** `POST /v1/salesforce/user-settings` (sendUserSettings). */
export const sendUserSettings: Handler = batchOperation('userSettings');

/** `GET /v1/salesforce/connection` (checkConnection): the configured org, linked to the workbench's account. */
export const checkConnection: Handler = guarded((ctx, { res }, dropAfter) => {
  if (dropAfter) {
    res.socket?.destroy();
    return;
  }
  sendJson(res, 200, { connected: true, orgId: ctx.config.orgId, account: { id: 'sia-acct-workbench', name: 'Sales Insight workbench' } });
});

/** `POST /oauth/token`: OAuth 2.0 client credentials (RFC 6749 §4.4). Faults do not apply. */
export const issueToken: Handler = async (ctx, { req, res }) => {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    req.resume();
    sendJson(res, 400, { error: 'invalid_request', error_description: 'Content-Type must be application/x-www-form-urlencoded' }, {}, true);
    return;
  }
  const body = await readBody(req, MAX_TOKEN_BODY_BYTES);
  if (body.kind === 'oversize') {
    sendJson(res, 400, { error: 'invalid_request', error_description: `body is more than ${MAX_TOKEN_BODY_BYTES} bytes` }, {}, true);
    return;
  }
  const answer = ctx.tokens.tokenRequest(new URLSearchParams(body.text), req.headers.authorization);
  sendJson(res, answer.httpStatus, answer.body, answer.headers);
};
