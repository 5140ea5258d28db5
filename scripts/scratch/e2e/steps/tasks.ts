/**
 * The Task round trip both ways. Salesforce → SIA: a Task created, edited, completed and deleted
 * in Salesforce (`sf data`) must reach the emulator as those four changes, in sequence order, each
 * applied once (its receipts). SIA → Salesforce: a reminder created, completed and deleted in the
 * emulator must become, close and delete a Task in Salesforce (found by its SIA id).
 */
import { need, packaged, workbenchOf, type E2eContext } from '../context.ts';
import { pollUntil } from '../poll.ts';
import { failed, passed, type Step, type StepResult } from '../runner.ts';
import { recordOf, sequenceOf, type Receipt, type WorkbenchClient } from '../workbench-client.ts';
import { soqlString } from './setup.ts';

/** The receipts of one Salesforce Task, in processing order. */
export async function receiptsOfTask(workbench: WorkbenchClient, taskId: string): Promise<Receipt[]> {
  return (await workbench.receipts()).filter((receipt) => receipt.kind === 'taskChange' && recordOf(receipt.idempotencyKey) === taskId);
}

function describe(receipts: readonly Receipt[]): string {
  return receipts.length === 0
    ? 'no change of this Task'
    : receipts.map((receipt) => `${String(receipt.item['operation'])}#${sequenceOf(receipt.idempotencyKey)} ${receipt.status}`).join(', ');
}

function fieldsOf(receipt: Receipt): Record<string, unknown> {
  const fields = receipt.item['fields'];
  return typeof fields === 'object' && fields !== null ? (fields as Record<string, unknown>) : {};
}

/**
 * Waits until the emulator holds a change of the Task that `matches`, later than every change
 * seen before the action.
 */
async function awaitChange(
  context: E2eContext,
  taskId: string,
  after: number,
  what: string,
  matches: (receipt: Receipt) => boolean,
): Promise<Receipt> {
  const workbench = workbenchOf(context);
  let seen: Receipt[] = [];
  return pollUntil(
    context.waiting,
    `the emulator to see ${what}`,
    async () => {
      seen = await receiptsOfTask(workbench, taskId);
      return seen.find((receipt) => sequenceOf(receipt.idempotencyKey) > after && matches(receipt));
    },
    () => describe(seen),
  );
}

async function lastSequence(context: E2eContext, taskId: string): Promise<number> {
  const receipts = await receiptsOfTask(workbenchOf(context), taskId);
  return Math.max(0, ...receipts.map((receipt) => sequenceOf(receipt.idempotencyKey)));
}

function seenAs(receipt: Receipt): StepResult {
  return receipt.status === 'applied'
    ? passed(`seen: ${String(receipt.item['operation'])} #${sequenceOf(receipt.idempotencyKey)} applied`)
    : failed(`seen but ${receipt.status}: ${receipt.reason ?? ''}`);
}

const taskCreate: Step<E2eContext> = {
  name: 'task-create',
  proves: 'a Task created in Salesforce reaches the emulator (trigger → outbox → relay → Named Credential)',
  needs: ['sync-on'],
  async run(context) {
    const subject = `sisync ${context.runId} round trip`;
    const id = await context.salesforce.create('Task', {
      Subject: subject,
      Status: 'Not Started',
      Priority: 'Normal',
      OwnerId: need(context, 'userId', 'sync-on'),
    });
    context.state.taskId = id;
    const receipt = await awaitChange(
      context,
      id,
      0,
      `the create of ${id}`,
      (r) => r.item['operation'] === 'upsert' && fieldsOf(r)['subject'] === subject,
    );
    return seenAs(receipt);
  },
};

const taskEdit: Step<E2eContext> = {
  name: 'task-edit',
  proves: 'an edit in Salesforce reaches the emulator as a later change',
  needs: ['task-create'],
  async run(context) {
    const id = need(context, 'taskId', 'task-create');
    const before = await lastSequence(context, id);
    const subject = `sisync ${context.runId} round trip, edited`;
    await context.salesforce.update('Task', id, { Subject: subject });
    return seenAs(await awaitChange(context, id, before, `the edit of ${id}`, (r) => fieldsOf(r)['subject'] === subject));
  },
};

const taskComplete: Step<E2eContext> = {
  name: 'task-complete',
  proves: 'completing it in Salesforce reaches the emulator (status Completed, closed)',
  needs: ['task-edit'],
  async run(context) {
    const id = need(context, 'taskId', 'task-create');
    const before = await lastSequence(context, id);
    await context.salesforce.update('Task', id, { Status: 'Completed' });
    return seenAs(await awaitChange(context, id, before, `the completion of ${id}`, (r) => fieldsOf(r)['status'] === 'Completed'));
  },
};

const taskDelete: Step<E2eContext> = {
  name: 'task-delete',
  proves: 'deleting it in Salesforce reaches the emulator as a delete',
  needs: ['task-complete'],
  async run(context) {
    const id = need(context, 'taskId', 'task-create');
    const before = await lastSequence(context, id);
    await context.salesforce.delete('Task', id);
    return seenAs(await awaitChange(context, id, before, `the delete of ${id}`, (r) => r.item['operation'] === 'delete'));
  },
};

const taskOrder: Step<E2eContext> = {
  name: 'task-order',
  proves: 'the emulator saw the four changes in sequence order, each applied once, none stale',
  needs: ['task-delete'],
  async run(context) {
    const receipts = await receiptsOfTask(workbenchOf(context), need(context, 'taskId', 'task-create'));
    const sequences = receipts.map((receipt) => sequenceOf(receipt.idempotencyKey));
    const ordered = sequences.every((sequence, index) => index === 0 || sequence > (sequences[index - 1] ?? 0));
    const allApplied = receipts.every((receipt) => receipt.status === 'applied');
    const last = receipts.at(-1);
    if (receipts.length < 4) return failed(`only ${receipts.length} changes: ${describe(receipts)}`);
    if (!ordered) return failed(`out of order: ${describe(receipts)}`);
    if (!allApplied) return failed(`not all applied: ${describe(receipts)}`);
    if (last?.item['operation'] !== 'delete') return failed(`the last change is not the delete: ${describe(receipts)}`);
    return passed(describe(receipts));
  },
};

/** The Task of a SIA id, deleted ones included. */
async function taskOfSiaId(context: E2eContext, siaTaskId: string): Promise<Record<string, unknown> | undefined> {
  const records = await context.salesforce.query(
    `SELECT Id, Subject, Status, IsClosed, IsDeleted FROM Task WHERE ${packaged(context, 'SiaTaskId__c')} = ${soqlString(siaTaskId)} LIMIT 1`,
    { allRows: true },
  );
  return records[0];
}

async function awaitTask(
  context: E2eContext,
  siaTaskId: string,
  what: string,
  matches: (task: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>> {
  let last = 'no Task with that SIA id';
  return pollUntil(
    context.waiting,
    `Salesforce to ${what}`,
    async () => {
      const task = await taskOfSiaId(context, siaTaskId);
      if (task !== undefined) last = `Task ${String(task['Id'])} ${String(task['Status'])}${task['IsDeleted'] === true ? ', deleted' : ''}`;
      return task !== undefined && matches(task) ? task : undefined;
    },
    () => last,
  );
}

const reminderCreate: Step<E2eContext> = {
  name: 'reminder-create',
  proves: 'a reminder created in the emulator becomes a Task in Salesforce (signed delivery to the Apex REST)',
  needs: ['sync-on', 'heartbeat'],
  async run(context) {
    const name = `sisync ${context.runId} reminder`;
    const siaTaskId = await workbenchOf(context).createReminder(need(context, 'userEmail', 'sync-on'), {
      name,
      status: 'open',
      priority: 'normal',
    });
    context.state.siaTaskId = siaTaskId;
    const task = await awaitTask(context, siaTaskId, `hold a Task for ${siaTaskId}`, (found) => found['IsDeleted'] !== true);
    context.state.siaTaskSalesforceId = String(task['Id']);
    return task['Subject'] === name
      ? passed(`${siaTaskId} → Task ${String(task['Id'])} "${name}"`)
      : failed(`${siaTaskId} → Task ${String(task['Id'])} with subject "${String(task['Subject'])}"`);
  },
};

const reminderComplete: Step<E2eContext> = {
  name: 'reminder-complete',
  proves: 'completing the reminder in the emulator closes the Task in Salesforce',
  needs: ['reminder-create'],
  async run(context) {
    const siaTaskId = need(context, 'siaTaskId', 'reminder-create');
    await workbenchOf(context).editReminder(siaTaskId, { status: 'complete' });
    const task = await awaitTask(context, siaTaskId, `close the Task of ${siaTaskId}`, (found) => found['IsClosed'] === true);
    return passed(`Task ${String(task['Id'])} ${String(task['Status'])}, closed`);
  },
};

const reminderDelete: Step<E2eContext> = {
  name: 'reminder-delete',
  proves: 'deleting the reminder in the emulator deletes the Task in Salesforce',
  needs: ['reminder-complete'],
  async run(context) {
    const siaTaskId = need(context, 'siaTaskId', 'reminder-create');
    await workbenchOf(context).deleteReminder(siaTaskId);
    const task = await awaitTask(context, siaTaskId, `delete the Task of ${siaTaskId}`, (found) => found['IsDeleted'] === true);
    return passed(`Task ${String(task['Id'])} deleted (in the recycle bin)`);
  },
};

/** Salesforce → SIA, then SIA → Salesforce. */
export const TASK_STEPS: readonly Step<E2eContext>[] = [
  taskCreate,
  taskEdit,
  taskComplete,
  taskDelete,
  taskOrder,
  reminderCreate,
  reminderComplete,
  reminderDelete,
];
