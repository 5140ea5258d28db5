/**
 * The delivery's JSON API: `GET /_workbench/to-salesforce` (the org, the pause, the setup
 * heartbeat, every user's changes and what became of them), `POST …/round` (deliver now),
 * `POST …/resume` (after an authentication pause), `GET …/heartbeat` (the heartbeat's last outcome)
 * and `POST …/heartbeat` (call it now).
 */
import type { Handler, WorkbenchContext } from '../context.ts';
import { sendError, sendJson } from '../http-io.ts';
import { outgoingOf } from './deliverer.ts';

/** Every user's outgoing SIA tasks with the delivery record of their current change. */
export function deliveryView(ctx: WorkbenchContext): Record<string, unknown> {
  const users = ctx.store.listSiaUsers().map((user) => {
    const outgoing = outgoingOf(ctx.store, user.email);
    return {
      email: user.email,
      taskSyncMode: outgoing.taskSyncMode,
      cutoffAt: outgoing.cutoffAt,
      tasks: outgoing.tasks.map(({ task, current }) => ({
        siaTaskId: task.siaTaskId,
        name: task.fields.name ?? null,
        sequence: task.sequence,
        deleted: task.deleted,
        salesforceTaskId: task.salesforceTaskId,
        delivery: current,
      })),
      excluded: outgoing.excluded,
    };
  });
  return { ...ctx.deliverer.state(), heartbeat: ctx.heartbeat.state(), users, emailActivities: ctx.store.listEmailActivities() };
}

export const getDeliveries: Handler = (ctx, { res }) => sendJson(res, 200, deliveryView(ctx));

export const postRound: Handler = async (ctx, { req, res }) => {
  req.resume();
  const summary = await ctx.deliverer.round();
  sendJson(res, 200, { summary, ...ctx.deliverer.state() });
};

export const postResume: Handler = async (ctx, { req, res }) => {
  req.resume();
  const summary = await ctx.deliverer.resume();
  sendJson(res, 200, { summary, ...ctx.deliverer.state() });
};

export const getHeartbeat: Handler = (ctx, { res }) => sendJson(res, 200, ctx.heartbeat.state());

export const postHeartbeat: Handler = async (ctx, { req, res }) => {
  req.resume();
  if ((await ctx.heartbeat.beat()) === null) {
    sendError(res, 409, 'NO_ORG', 'No org: start the workbench with --org <alias of the integration user> to call the setup heartbeat.');
    return;
  }
  sendJson(res, 200, ctx.heartbeat.state());
};
