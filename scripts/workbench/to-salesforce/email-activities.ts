/**
 * Sales emails and calls logged in SIA, as the package's `POST /v1/email-activities` takes them:
 * `POST /_workbench/users/{email}/email-activities` builds one `EmailActivity` (message ids and
 * the sending time given by SIA), checks it against the contract and stores it for delivery.
 * Flat members suit the pages' forms: `to` and `cc` may be comma-separated, a call's outcome is
 * `callOutcome`, a campaign is `campaignName` / `campaignDay` / `campaignStep`.
 */
import type { Handler } from '../context.ts';
import { sendError, sendJson } from '../http-io.ts';
import { jsonObjectBody, knownUser } from '../workbench-api.ts';

const ALLOWED = new Set([
  'kind',
  'to',
  'cc',
  'subject',
  'bodyExcerpt',
  'callOutcome',
  'callReason',
  'campaignName',
  'campaignDay',
  'campaignStep',
]);

function addresses(value: unknown): unknown {
  return typeof value === 'string'
    ? value
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '')
    : value;
}

/** The `EmailActivity` of a logged email or call; the contract decides whether it is valid. */
export function emailActivityOf(
  body: Readonly<Record<string, unknown>>,
  sender: string,
  siaMessageId: string,
  sentAt: string,
): Record<string, unknown> {
  const kind = body['kind'];
  const activity: Record<string, unknown> = {
    siaMessageId,
    kind,
    senderEmail: sender,
    to: addresses(body['to']),
    subject: body['subject'],
    sentAt,
  };
  if (body['cc'] !== undefined) activity['cc'] = addresses(body['cc']);
  if (body['bodyExcerpt'] !== undefined) activity['bodyExcerpt'] = body['bodyExcerpt'];
  if (kind === 'call') activity['call'] = { outcome: body['callOutcome'], reason: body['callReason'] ?? null };
  else activity['rfcMessageId'] = `<${siaMessageId}@workbench.sales-insight.invalid>`;
  if (body['campaignName'] !== undefined) {
    activity['campaign'] = { name: body['campaignName'], day: Number(body['campaignDay'] ?? 1), step: Number(body['campaignStep'] ?? 1) };
  }
  return activity;
}

/** The member a contract error names (`/to/0` → `to`, a call's `/call/outcome` → `callOutcome`). */
function fieldOf(problem: string): string {
  const path = problem.split(' ')[0] ?? '';
  if (path.startsWith('/call')) return 'callOutcome';
  if (path.startsWith('/campaign')) return 'campaignName';
  const member = path.split('/')[1];
  if (member) return member;
  const missing = /must have required property '(\w+)'/.exec(problem)?.[1];
  return missing === 'call' ? 'callOutcome' : (missing ?? 'kind');
}

/** `POST /_workbench/users/{email}/email-activities`: logs an email or call as SIA would. */
export const logEmailActivity: Handler = async (ctx, request) => {
  const body = await jsonObjectBody(request);
  if (body === undefined) return;
  const user = knownUser(ctx, request);
  if (user === undefined) return;
  const unknown = Object.keys(body).find((key) => !ALLOWED.has(key));
  if (unknown !== undefined) {
    sendError(request.res, 400, 'INVALID_REQUEST', `${unknown} is not allowed (use ${[...ALLOWED].join(', ')})`, { field: unknown });
    return;
  }
  const siaMessageId = `sia-msg-${ctx.store.listEmailActivities().length + 1}-${ctx.nowMs().toString(36)}`;
  const activity = emailActivityOf(body, user.email, siaMessageId, new Date(ctx.nowMs()).toISOString().replace(/\.\d{3}Z$/, 'Z'));
  const problems = ctx.contract.validator.errorsForComponent('EmailActivity', activity);
  if (problems.length > 0) {
    const first = problems[0] ?? '';
    sendError(request.res, 400, 'INVALID_REQUEST', `the activity does not keep to the contract's EmailActivity: ${problems.join('; ')}`, {
      field: fieldOf(first),
    });
    return;
  }
  const row = {
    siaMessageId,
    senderEmail: user.email,
    activity,
    state: null,
    category: null,
    detail: null,
    taskIds: [],
    attempts: 0,
    updatedAt: new Date(ctx.nowMs()).toISOString(),
  };
  ctx.store.saveEmailActivity(row);
  sendJson(request.res, 201, row);
};

/** `GET /_workbench/email-activities`: every logged email and call with its delivery state. */
export const listEmailActivities: Handler = (ctx, { res }) => sendJson(res, 200, { activities: ctx.store.listEmailActivities() });
