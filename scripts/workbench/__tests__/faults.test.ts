/**
 * Fault injection at run time, then the retry contract: a client built on the
 * deliveryPolicy reference sends changes through every kind of fault and ends
 * with each change applied exactly once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { deliverChanges } from '../delivery-client.ts';
import { FaultInjector, parseFaultRules } from '../faults.ts';
import type { Receipt, TaskRow } from '../store.ts';
import { foldTaskChanges, type TaskChangeItem } from '../task-fold.ts';
import { call, callContract, ORG_ID, startTestWorkbench, taskBatch, taskChange, taskId, type TestWorkbench } from './support.ts';

const TASKS = '/v1/salesforce/task-changes';

test('a fraction of requests is affected, evenly and deterministically, up to the limit', () => {
  const faults = new FaultInjector();
  faults.set(parseFaultRules({ rules: [{ kind: 'unavailable', fraction: 0.5, limit: 2 }] }));
  const fired = Array.from({ length: 8 }, () => faults.next()?.kind ?? '-');
  assert.deepEqual(fired, ['-', 'status', '-', 'status', '-', '-', '-', '-']);
  assert.deepEqual(
    faults.list().map((r) => [r.seen, r.affected]),
    [[8, 2]],
  );
});

test('bad rules are refused naming the member', () => {
  const field = (body: unknown): string => {
    try {
      parseFaultRules(body);
    } catch (error: unknown) {
      return (error as { field: string }).field;
    }
    return 'accepted';
  };
  assert.equal(field({ rules: [{ kind: 'explode' }] }), 'rules[0].kind');
  assert.equal(field({ rules: [{ kind: 'slow' }, { kind: 'drop', fraction: 0 }] }), 'rules[1].fraction');
  assert.equal(field({ rules: [{ kind: 'slow', delayMs: 0 }] }), 'rules[0].delayMs');
  assert.equal(field({ rules: [{ kind: 'drop', when: 'later' }] }), 'rules[0].when');
  assert.equal(field({ rules: [{ kind: 'slow', colour: 'red' }] }), 'rules[0].colour');
  assert.equal(field({ rule: [] }), 'rule');
});

describe('faults on a running emulator', () => {
  let wb: TestWorkbench;
  before(async () => {
    wb = await startTestWorkbench({ auth: false });
  });
  after(async () => {
    await wb.dispose();
  });

  const setFaults = async (rules: unknown[]) => {
    const answer = await call(wb.url, 'POST', '/_workbench/faults', { body: { rules } });
    assert.equal(answer.status, 200, answer.text);
  };

  test('429 and 503 carry Retry-After, 401 an ErrorResponse, each as the document says', async () => {
    await setFaults([{ kind: 'rateLimit', retryAfterSeconds: 7, limit: 1 }]);
    const limited = await callContract(wb.url, 'POST', TASKS, { body: taskBatch([taskChange(1, 1)]) });
    assert.deepEqual([limited.status, limited.headers.get('retry-after')], [429, '7']);
    await setFaults([{ kind: 'unavailable', retryAfterSeconds: 3, limit: 1 }]);
    const unavailable = await callContract(wb.url, 'GET', '/v1/salesforce/connection');
    assert.deepEqual([unavailable.status, unavailable.headers.get('retry-after')], [503, '3']);
    await setFaults([{ kind: 'unauthorized', limit: 1 }]);
    assert.equal((await callContract(wb.url, 'GET', '/v1/salesforce/connection')).status, 401);
    assert.equal((await callContract(wb.url, 'GET', '/v1/salesforce/connection')).status, 200, 'the limit ends the fault');
    const tasks = (await call(wb.url, 'GET', '/_workbench/tasks')).body as { tasks: unknown[] };
    assert.equal(tasks.tasks.length, 0, 'nothing was applied behind a fault');
  });

  test('a slow answer comes late; a dropped connection gets no answer; DELETE clears the rules', async () => {
    await setFaults([{ kind: 'slow', delayMs: 300, limit: 1 }]);
    const started = Date.now();
    assert.equal((await call(wb.url, 'GET', '/v1/salesforce/connection')).status, 200);
    assert.ok(Date.now() - started >= 290, 'delayed');
    await setFaults([{ kind: 'drop' }]);
    await assert.rejects(call(wb.url, 'GET', '/v1/salesforce/connection'));
    const state = (await call(wb.url, 'GET', '/_workbench/faults')).body as { rules: { affected: number }[] };
    assert.equal(state.rules[0]?.affected, 1);
    assert.equal((await call(wb.url, 'DELETE', '/_workbench/faults')).status, 200);
    assert.equal((await call(wb.url, 'GET', '/v1/salesforce/connection')).status, 200);
  });

  test('a drop after applying loses the acknowledgement but keeps the batch', async () => {
    await setFaults([{ kind: 'drop', when: 'after', limit: 1 }]);
    await assert.rejects(call(wb.url, 'POST', TASKS, { body: taskBatch([taskChange(50, 1)]) }));
    const again = await callContract(wb.url, 'POST', TASKS, { body: taskBatch([taskChange(50, 1)]) });
    assert.equal((again.body as { results: { status: string }[] }).results[0]?.status, 'duplicate');
  });

  test('POST /_workbench/faults with a bad rule is 400 naming it', async () => {
    const answer = await call(wb.url, 'POST', '/_workbench/faults', { body: { rules: [{ kind: 'rateLimit', fraction: 2 }] } });
    assert.deepEqual([answer.status, (answer.body as { error: { field: string } }).error.field], [400, 'rules[0].fraction']);
  });
});

test('retry contract: through 429, 503, 401, timeouts and dropped connections, every change is applied exactly once', async () => {
  const wb = await startTestWorkbench({});
  try {
    // 12 tasks × 4 changes, every member changing, a delete and an undelete among them.
    const changes = Array.from({ length: 12 }, (_, t) =>
      Array.from({ length: 4 }, (_, s) => {
        const sequence = s + 1;
        if (t % 4 === 0 && sequence === 3) return taskChange(t, sequence, { operation: 'delete' });
        const operation = t % 4 === 0 && sequence === 4 ? 'undelete' : 'upsert';
        const fields =
          sequence === 2
            ? { status: 'Completed', isClosed: true }
            : { subject: `t${t} s${sequence}`, priority: sequence % 2 ? 'High' : 'Normal' };
        return taskChange(t, sequence, { operation, fields });
      }),
    ).flat();
    // Interleave tasks so that each batch holds several records.
    const items = [...changes].sort((a, b) => Number(a['sequence']) - Number(b['sequence']));
    // Rarer rules first: the first rule that fires decides, so each gets its turn.
    const rules = [
      { kind: 'slow', delayMs: 400, fraction: 1 / 13, limit: 2 },
      { kind: 'unauthorized', fraction: 1 / 11, limit: 2 },
      { kind: 'drop', when: 'before', fraction: 1 / 7, limit: 2 },
      { kind: 'unavailable', fraction: 1 / 5, retryAfterSeconds: 1, limit: 2 },
      { kind: 'rateLimit', fraction: 1 / 4, retryAfterSeconds: 2, limit: 3 },
      { kind: 'drop', when: 'after', fraction: 1 / 3, limit: 3 },
    ];
    assert.equal((await call(wb.url, 'POST', '/_workbench/faults', { body: { rules } })).status, 200);

    let seed = 7;
    const report = await deliverChanges(items, {
      baseUrl: wb.url,
      orgId: ORG_ID,
      credentials: { clientId: 'workbench', clientSecret: 'workbench' },
      batchSize: 5,
      timeoutMs: 200,
      msPerSecond: 1,
      jitter: () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646,
      maxRequests: 500,
    });

    const faults = (await call(wb.url, 'GET', '/_workbench/faults')).body as { rules: { kind: string; when: string; affected: number }[] };
    for (const rule of faults.rules) assert.ok(rule.affected > 0, `fault ${rule.kind}/${rule.when} happened`);
    assert.ok(
      report.pauses > 0 && (report.answers['429'] ?? 0) > 0 && (report.answers['calloutException'] ?? 0) > 0,
      JSON.stringify(report.answers),
    );
    assert.deepEqual(
      report.rows.filter((row) => row.status !== 'sent'),
      [],
      'every row ends sent',
    );
    assert.ok(
      report.rows.some((row) => row.itemStatus === 'duplicate'),
      'a lost acknowledgement came back as a duplicate',
    );

    const receipts = ((await call(wb.url, 'GET', '/_workbench/receipts')).body as { receipts: Receipt[] }).receipts;
    assert.deepEqual(receipts.map((r) => r.idempotencyKey).sort(), items.map((i) => i.idempotencyKey).sort(), 'each key once');
    assert.ok(
      receipts.every((r) => r.status === 'applied'),
      'nothing stale: each change applied',
    );
    const tasks = ((await call(wb.url, 'GET', '/_workbench/tasks')).body as { tasks: TaskRow[] }).tasks;
    for (let t = 0; t < 12; t++) {
      const expected = foldTaskChanges(changes.filter((c) => c.taskId === taskId(t)) as unknown as TaskChangeItem[]);
      const stored = tasks.find((task) => task.taskId === taskId(t));
      assert.deepEqual(stored?.deleted ? null : stored?.fields, expected, `task ${t}`);
    }
  } finally {
    await wb.dispose();
  }
});
