/**
 * The delivery's JSON API: `GET /_workbench/to-salesforce` (the org, the pause, every user's
 * changes and what became of them), `POST …/round` (deliver now), `POST …/resume` (after an
 * authentication pause).
 */
import type { Handler, WorkbenchContext } from '../context.ts';
import { sendJson } from '../http-io.ts';
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
  return { ...ctx.deliverer.state(), users, emailActivities: ctx.store.listEmailActivities() };
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
