/**
 * The first-time sync (docs/task-sync.md, "First-time sync"). Before two-way sync is turned on,
 * the admin's sync is off and two Tasks are made that no trigger sends: one now and one backdated
 * two days (CreatedDate and LastModifiedDate, which only "Set Audit Fields upon Record Creation"
 * allows). Turning sync on (`sync-on`) starts `InitialSyncBatch`: the emulator must then receive the
 * recent Task with `origin: initial`, and never the older one. At the end, a re-enable — a Task
 * the emulator knows is deleted while sync is off, then sync is turned on again — must bring that
 * deletion with `origin: initial` (the 15-day edge itself is an Apex test's).
 */
import { need, workbenchOf, type E2eContext } from '../context.ts';
import { pollUntil } from '../poll.ts';
import { failed, passed, skipped, type Step } from '../runner.ts';
import { apexPrint } from '../salesforce.ts';
import { sequenceOf, type Receipt } from '../workbench-client.ts';
import { adminOf, awaitMode } from './setup.ts';
import { receiptsOfTask } from './tasks.ts';

/** How far back the older Task is dated: well outside the 24-hour window. */
export const BACKDATE_HOURS = 48;

/** The sentence of an org that does not let the admin backdate a Task. */
export function auditFieldsUnavailable(org: string): string {
  return (
    `Set Audit Fields upon Record Creation is not allowed in ${org}, so no Task older than 24 h can be made and the window is not tested: ` +
    'Setup → User Interface → enable "Set Audit Fields upon Record Creation", give yourself that permission, and run org:e2e again.'
  );
}

/** Whether the admin may set CreatedDate on a new Task (`createable` only with Set Audit Fields upon Record Creation). */
export async function auditFieldsAllowed(context: E2eContext): Promise<boolean> {
  const fields = await context.salesforce.describeFields('Task');
  return fields.some((entry) => entry['name'] === 'CreatedDate' && entry['createable'] === true);
}

/** Sets the admin's task-sync mode as the task-sync card does (TaskSyncController.setMode → TaskSyncModeService). */
export async function setMyMode(context: E2eContext, mode: 'none' | 'twoWay'): Promise<void> {
  await context.salesforce.apex([`TaskSyncModeService.setMyMode('${mode}');`, apexPrint(`'${mode}'`)].join('\n'));
}

/** The admin's latest first-time sync as the card's progress shows it (InitialSyncService.myProgress). */
export interface Progress {
  readonly state: string;
  readonly queued: number;
  readonly alreadySynced: number;
  readonly failed: number;
  readonly lastError: string | null;
  readonly replaysDeletes: boolean;
}

/** Waits until the admin's latest first-time sync is no longer queued or running. */
export async function awaitFirstSync(context: E2eContext): Promise<Progress> {
  let last = 'no run';
  return pollUntil(
    context.waiting,
    'the first-time sync to finish',
    async () => {
      const answer = await context.salesforce.apex(apexPrint('InitialSyncService.myProgress()'));
      if (typeof answer !== 'object' || answer === null) return undefined;
      const progress = answer as Progress;
      last = `state ${progress.state}, ${progress.queued} queued`;
      return progress.state === 'queued' || progress.state === 'running' ? undefined : progress;
    },
    () => last,
  );
}

function describeProgress(progress: Progress): string {
  return `${progress.queued} queued, ${progress.alreadySynced} already synced, ${progress.failed} failed`;
}

/** The changes of a Task the emulator received from the first-time sync. */
async function initialReceipts(context: E2eContext, taskId: string): Promise<Receipt[]> {
  return (await receiptsOfTask(workbenchOf(context), taskId)).filter((receipt) => receipt.item['origin'] === 'initial');
}

async function awaitInitial(context: E2eContext, taskId: string, operation: string, what: string): Promise<Receipt> {
  let seen: Receipt[] = [];
  return pollUntil(
    context.waiting,
    `the emulator to receive ${what} from the first-time sync`,
    async () => {
      seen = await receiptsOfTask(workbenchOf(context), taskId);
      return seen.find((receipt) => receipt.item['origin'] === 'initial' && receipt.item['operation'] === operation);
    },
    () =>
      seen.length === 0
        ? 'no change of this Task'
        : seen.map((receipt) => `${String(receipt.item['operation'])} (${String(receipt.item['origin'])}) ${receipt.status}`).join(', '),
  );
}

async function createTask(context: E2eContext, label: string, extra: Readonly<Record<string, string>> = {}): Promise<string> {
  return context.salesforce.create('Task', {
    Subject: `sisync ${context.runId} ${label}`,
    Status: 'Not Started',
    Priority: 'Normal',
    OwnerId: need(context, 'userId', 'first-sync-seed'),
    ...extra,
  });
}

const seed: Step<E2eContext> = {
  name: 'first-sync-seed',
  proves: 'with sync off, a Task of now and one backdated 48 h exist that no trigger sent (when audit fields may be set)',
  needs: ['connection'],
  async run(context) {
    await adminOf(context);
    // An org used before may have two-way sync on already: off first, so that sync-on turns it on.
    const mode = await context.salesforce.apex(apexPrint('SyncSettingsService.forUser(UserInfo.getUserId()).taskSyncMode()'));
    if (mode === 'twoWay') await setMyMode(context, 'none');
    const was = mode === 'twoWay' ? 'turned off' : 'was off';
    if (!(await auditFieldsAllowed(context))) {
      context.state.firstSync = null;
      return passed(`sync ${was}; no Task made: Set Audit Fields upon Record Creation is not allowed`);
    }
    const old = new Date(Date.now() - BACKDATE_HOURS * 3_600_000).toISOString();
    const oldId = await createTask(context, `before the window`, { CreatedDate: old, LastModifiedDate: old });
    const recentId = await createTask(context, `in the window`);
    context.state.firstSync = { recentId, oldId };
    return passed(`sync ${was}; Task ${recentId} now, ${oldId} dated ${old}`);
  },
};

const window: Step<E2eContext> = {
  name: 'first-sync-window',
  proves: "turning two-way sync on pushes the rep's Tasks of the last 24 h (origin initial), not older ones",
  needs: ['first-sync-seed', 'sync-on'],
  async run(context) {
    const seeded = context.state.firstSync;
    if (seeded === undefined) throw new Error('the first-sync-seed step did not pass');
    if (seeded === null) return skipped(auditFieldsUnavailable(context.org.label));
    const { recentId, oldId } = seeded;
    const progress = await awaitFirstSync(context);
    if (progress.state !== 'done')
      return failed(`the first-time sync ended ${progress.state}: ${progress.lastError ?? describeProgress(progress)}`);
    const recent = await awaitInitial(context, recentId, 'upsert', `the Task of now (${recentId})`);
    if (recent.status !== 'applied') return failed(`${recentId} arrived but ${recent.status}: ${recent.reason ?? ''}`);
    const older = await initialReceipts(context, oldId);
    if (older.length > 0) {
      return failed(`the Task dated ${BACKDATE_HOURS} h ago (${oldId}) was pushed too: #${sequenceOf(older[0]?.idempotencyKey ?? '')}`);
    }
    const kind = progress.replaysDeletes ? 're-enable (deletions replayed)' : 'first enable';
    return passed(`${kind}: ${recentId} upsert applied, ${oldId} not sent; run done, ${describeProgress(progress)}`);
  },
};

const reenable: Step<E2eContext> = {
  name: 'first-sync-reenable',
  proves: 'turning sync off and on again pushes a deletion made while it was off (origin initial)',
  needs: ['sync-on'],
  async run(context) {
    const { email } = await adminOf(context);
    const goneId = await createTask(context, 'deleted while sync is off');
    await pollUntil(context.waiting, `the emulator to apply the create of ${goneId}`, async () =>
      (await receiptsOfTask(workbenchOf(context), goneId)).some((receipt) => receipt.status === 'applied') ? true : undefined,
    );
    await setMyMode(context, 'none');
    await awaitMode(context, email, 'none');
    await context.salesforce.delete('Task', goneId);
    await setMyMode(context, 'twoWay');
    const progress = await awaitFirstSync(context);
    if (progress.state !== 'done')
      return failed(`the re-enable's sync ended ${progress.state}: ${progress.lastError ?? describeProgress(progress)}`);
    if (!progress.replaysDeletes) return failed(`the re-enable's sync does not replay deletions (${describeProgress(progress)})`);
    const deleted = await awaitInitial(context, goneId, 'delete', `the delete of ${goneId}`);
    if (deleted.status !== 'applied') return failed(`the delete of ${goneId} arrived but ${deleted.status}: ${deleted.reason ?? ''}`);
    const old = context.state.firstSync?.oldId;
    const older = old === undefined ? [] : await initialReceipts(context, old);
    if (older.length > 0) return failed(`the re-enable pushed the Task dated ${BACKDATE_HOURS} h ago (${old ?? ''})`);
    return passed(`${goneId} deleted while off → delete #${sequenceOf(deleted.idempotencyKey)} applied; ${describeProgress(progress)}`);
  },
};

/** Before sync-on: the seed. */
export const FIRST_SYNC_SEED_STEPS: readonly Step<E2eContext>[] = [seed];
/** Right after sync-on: the window. */
export const FIRST_SYNC_WINDOW_STEPS: readonly Step<E2eContext>[] = [window];
/** Last of all (it turns sync off for a while): the re-enable. */
export const FIRST_SYNC_REENABLE_STEPS: readonly Step<E2eContext>[] = [reenable];
