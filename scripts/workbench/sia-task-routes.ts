/**
 * The workbench API of tasks created in Sales Insight: create, edit, complete
 * and delete a user's SIA tasks, and see which of them go to Salesforce under
 * the first-time rule (`sia-tasks.ts`). Delivery into an org is the next
 * emulator issue's; this is the SIA side it starts from.
 */
import type { Handler, RouteRequest, WorkbenchContext } from './context.ts';
import { sendError, sendJson } from './http-io.ts';
import {
  checkSiaTaskFields,
  editedFields,
  SiaTaskInputError,
  toSalesforce,
  type SiaNativeTask,
  type SiaTaskFieldValues,
} from './sia-tasks.ts';
import { jsonObjectBody, knownUser } from './workbench-api.ts';

function nowIso(ctx: WorkbenchContext): string {
  return new Date(ctx.nowMs()).toISOString();
}

/** The body's checked `SiaTaskFields`, or undefined after answering 400/413/415. */
async function requestFields(ctx: WorkbenchContext, request: RouteRequest, creating: boolean): Promise<SiaTaskFieldValues | undefined> {
  const body = await jsonObjectBody(request);
  if (body === undefined) return undefined;
  try {
    return checkSiaTaskFields(ctx.contract.validator, body, creating);
  } catch (error: unknown) {
    if (!(error instanceof SiaTaskInputError)) throw error;
    sendError(request.res, 400, 'INVALID_REQUEST', error.message, { field: error.field });
    return undefined;
  }
}

/** The live SIA task of the `siaTaskId` path parameter, or undefined after answering 404. */
function liveTask(ctx: WorkbenchContext, { res, params }: RouteRequest): SiaNativeTask | undefined {
  const id = params['siaTaskId'] ?? '';
  const task = ctx.store.findSiaNativeTask(id);
  if (task === undefined || task.deleted) {
    sendError(res, 404, 'NOT_FOUND', `no live SIA task ${id}${task?.deleted === true ? ' (it was deleted)' : ''}`, { field: 'siaTaskId' });
    return undefined;
  }
  return task;
}

/** `POST /_workbench/users/{email}/sia-tasks` with `SiaTaskFields` (`name` required): 201 with the new task. */
export const createSiaTask: Handler = async (ctx, request) => {
  const user = knownUser(ctx, request);
  if (user === undefined) {
    request.req.resume();
    return;
  }
  const fields = await requestFields(ctx, request, true);
  if (fields === undefined) return;
  const now = nowIso(ctx);
  const task = ctx.store.transaction((): SiaNativeTask => {
    const created: SiaNativeTask = {
      siaTaskId: ctx.store.nextSiaTaskId(),
      ownerEmail: user.email,
      createdAt: now,
      updatedAt: now,
      deleted: false,
      sequence: 1,
      fields: { status: 'open', priority: 'normal', ...fields },
      salesforceTaskId: null,
    };
    ctx.store.saveSiaNativeTask(created);
    return created;
  });
  sendJson(request.res, 201, task);
};

/** `GET /_workbench/users/{email}/sia-tasks`: the user's SIA tasks, oldest first, tombstones included. */
export const listSiaTasks: Handler = (ctx, request) => {
  const user = knownUser(ctx, request);
  if (user !== undefined) sendJson(request.res, 200, { tasks: ctx.store.siaNativeTasksOf(user.email) });
};

/** `PATCH /_workbench/sia-tasks/{siaTaskId}` with some `SiaTaskFields`: edits (complete: `{"status":"complete"}`). */
export const editSiaTask: Handler = async (ctx, request) => {
  const task = liveTask(ctx, request);
  if (task === undefined) {
    request.req.resume();
    return;
  }
  const fields = await requestFields(ctx, request, false);
  if (fields === undefined) return;
  const edited: SiaNativeTask = { ...task, fields: editedFields(task.fields, fields), sequence: task.sequence + 1, updatedAt: nowIso(ctx) };
  ctx.store.saveSiaNativeTask(edited);
  sendJson(request.res, 200, edited);
};

/** `DELETE /_workbench/sia-tasks/{siaTaskId}`: deletes (a tombstone stays, for the delete to reach Salesforce). */
export const deleteSiaTask: Handler = (ctx, request) => {
  const task = liveTask(ctx, request);
  if (task === undefined) return;
  const deleted: SiaNativeTask = { ...task, deleted: true, sequence: task.sequence + 1, updatedAt: nowIso(ctx) };
  ctx.store.saveSiaNativeTask(deleted);
  sendJson(request.res, 200, deleted);
};

/** `GET /_workbench/users/{email}/to-salesforce`: the user's SIA tasks that go to Salesforce, and why the others do not. */
export const getToSalesforce: Handler = (ctx, request) => {
  const user = knownUser(ctx, request);
  if (user !== undefined) {
    sendJson(request.res, 200, toSalesforce(user.email, ctx.store.userSettingsOf(user.email), ctx.store.siaNativeTasksOf(user.email)));
  }
};
