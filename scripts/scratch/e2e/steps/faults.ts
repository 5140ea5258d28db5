/**
 * Faults injected at the emulator (`POST /_workbench/faults`) while Salesforce sends: a 503 burst
 * then a 429 with Retry-After must lose nothing and apply nothing twice (each change one applied
 * receipt, its sequence once); a 401 must pause the relay with the reason on the admin's health
 * panel (where the pause alert e-mail points), and resuming must deliver what waited. The rules
 * are cleared whatever happens, so a later step never meets them.
 */
import { need, workbenchOf, type E2eContext } from '../context.ts';
import { pollUntil } from '../poll.ts';
import { failed, passed, type Step } from '../runner.ts';
import { apexPrint } from '../salesforce.ts';
import { sequenceOf } from '../workbench-client.ts';
import { receiptsOfTask } from './tasks.ts';

async function createTask(context: E2eContext, label: string): Promise<string> {
  return context.salesforce.create('Task', {
    Subject: `sisync ${context.runId} ${label}`,
    Status: 'Not Started',
    Priority: 'Normal',
    OwnerId: need(context, 'userId', 'sync-on'),
  });
}

async function awaitApplied(context: E2eContext, taskId: string): Promise<void> {
  const workbench = workbenchOf(context);
  await pollUntil(context.waiting, `the emulator to apply the create of ${taskId}`, async () =>
    (await receiptsOfTask(workbench, taskId)).some((receipt) => receipt.status === 'applied') ? true : undefined,
  );
}

const burst: Step<E2eContext> = {
  name: 'faults-503-429',
  proves: 'a 503 burst and a 429 with Retry-After: every change arrives, none applied twice',
  needs: ['task-order'],
  async run(context) {
    const workbench = workbenchOf(context);
    await workbench.setFaults([
      { kind: 'unavailable', retryAfterSeconds: 1, limit: 3 },
      { kind: 'rateLimit', retryAfterSeconds: 2, limit: 1 },
    ]);
    try {
      const ids = [await createTask(context, 'fault 1'), await createTask(context, 'fault 2')];
      for (const id of ids) await awaitApplied(context, id);
      const rules = await workbench.faults();
      const affected = rules.map((rule) => rule.affected);
      if (affected[0] !== 3 || affected[1] !== 1)
        return failed(`the faults did not all fire (503s: ${affected[0] ?? 0}, 429s: ${affected[1] ?? 0})`);
      for (const id of ids) {
        const receipts = await receiptsOfTask(workbench, id);
        const sequences = receipts.map((receipt) => sequenceOf(receipt.idempotencyKey));
        if (new Set(sequences).size !== sequences.length || receipts.some((receipt) => receipt.status !== 'applied')) {
          return failed(`${id}: ${receipts.map((receipt) => `#${sequenceOf(receipt.idempotencyKey)} ${receipt.status}`).join(', ')}`);
        }
      }
      return passed(`3 × 503 and 1 × 429 answered; ${ids.length} Tasks each applied once`);
    } finally {
      await workbench.clearFaults();
    }
  },
};

function healthOf(value: unknown): { pausedAt: unknown; pauseReason: unknown } {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return { pausedAt: record['pausedAt'] ?? null, pauseReason: record['pauseReason'] ?? null };
}

const unauthorized: Step<E2eContext> = {
  name: 'auth-401',
  proves: "a 401 pauses the relay with the reason on the admin's health panel; Resume delivers what waited",
  needs: ['task-order'],
  async run(context) {
    const workbench = workbenchOf(context);
    await workbench.setFaults([{ kind: 'unauthorized', limit: 1 }]);
    let reason = '';
    let id: string;
    try {
      id = await createTask(context, 'after a 401');
      const paused = await pollUntil(context.waiting, 'the relay to pause', async () => {
        const health = healthOf(await context.salesforce.apex(apexPrint('SyncHealthService.health()')));
        return health.pausedAt === null ? undefined : health;
      });
      reason = String(paused.pauseReason);
    } finally {
      await workbench.clearFaults();
    }
    // The health panel's Resume (SyncHealthController.resume → SyncHealthService), as this admin.
    await context.salesforce.apex(apexPrint('SyncHealthService.resume()'));
    await awaitApplied(context, id);
    const after = healthOf(await context.salesforce.apex(apexPrint('SyncHealthService.health()')));
    if (after.pausedAt !== null) return failed(`still paused after Resume: ${String(after.pauseReason)}`);
    return passed(`paused (${reason}) — the alert e-mail itself is not observable through the API — resumed, ${id} applied`);
  },
};

export const FAULT_STEPS: readonly Step<E2eContext>[] = [burst, unauthorized];
