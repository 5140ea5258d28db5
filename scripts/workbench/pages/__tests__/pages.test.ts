/** The pages without a browser: what they render from the store, and that nothing from a change is rendered as markup. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callContract, resultsOf, startTestWorkbench, taskBatch, taskChange } from '../../__tests__/support.ts';
import { VIEWS } from '../html.ts';

const NOW = Date.parse('2026-12-02T12:00:00Z');

test('every view answers 200 with the navigation, the current view marked', async () => {
  const workbench = await startTestWorkbench({ auth: false }, { nowMs: () => NOW });
  try {
    for (const view of VIEWS.filter((candidate) => candidate.id !== 'preview')) {
      const answer = await fetch(`${workbench.url}${view.path}`);
      assert.equal(answer.status, 200, view.path);
      const html = await answer.text();
      assert.match(html, new RegExp(`aria-current="page"><span class="slds-truncate">${view.label}</span>`), view.path);
      for (const other of VIEWS) assert.ok(html.includes(`href="${other.path}"`), `${view.path} links ${other.path}`);
    }
  } finally {
    await workbench.dispose();
  }
});

test('text from a change or a reminder is escaped on the Command Center and the reminders page', async () => {
  const workbench = await startTestWorkbench({ auth: false }, { nowMs: () => NOW });
  try {
    const hostile = '<img src=x onerror="alert(1)">';
    const body = taskBatch([taskChange(1, 1, { fields: { subject: hostile, activityDate: '2026-12-02' } })], 'hostile-batch');
    assert.equal(resultsOf(await callContract(workbench.url, 'POST', '/v1/salesforce/task-changes', { body }))[0]?.['status'], 'applied');
    const center = await (await fetch(`${workbench.url}/pages/command-center?user=rep%40example.com`)).text();
    assert.ok(center.includes('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'));
    assert.ok(!center.includes(hostile));
    const created = await fetch(`${workbench.url}/_workbench/users/rep%40example.com/sia-tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '<b>Call</b>' }),
    });
    assert.equal(created.status, 201);
    const reminders = await (await fetch(`${workbench.url}/pages/reminders?user=rep%40example.com`)).text();
    assert.ok(reminders.includes('&lt;b&gt;Call&lt;/b&gt;') && !reminders.includes('<b>Call</b>'));
  } finally {
    await workbench.dispose();
  }
});

test('a user SIA does not have is said, not shown as someone else', async () => {
  const workbench = await startTestWorkbench({ auth: false }, { nowMs: () => NOW });
  try {
    const html = await (await fetch(`${workbench.url}/pages/command-center?user=nobody%40example.com`)).text();
    assert.match(html, /No SIA user nobody@example\.com\./);
    const empty = await (await fetch(`${workbench.url}/pages/reminders`)).text();
    assert.match(empty, /SIA has no user yet/);
  } finally {
    await workbench.dispose();
  }
});
