/**
 * org:e2e's e-mail steps against the real workbench (which sends `POST /v1/email-activities` as
 * Sales Insight) and the org stand-in's e-mail logging (`support/org-e2e-email-stand-in.ts`): every
 * matching rule passes against an org that behaves, and fails — with the records it saw — against
 * one that ignores the multiple-match rule.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CommandError } from '../commands/errors.ts';
import { EMAIL_STEPS } from '../e2e/steps/email.ts';
import { SETUP_STEPS } from '../e2e/steps/setup.ts';
import { detailOf, outcomes, roundTrip } from './support/org-e2e-harness.ts';

const steps = [...SETUP_STEPS, ...EMAIL_STEPS];

test('org:e2e › e-mails via the API: each rule logs on the records it names', async () => {
  const run = await roundTrip({ alias: 'sisync-dev' }, { steps });
  assert.equal(run.error, undefined, run.lines.join('\n'));
  assert.deepEqual(
    Object.entries(outcomes(run)).filter(([, outcome]) => outcome !== 'passed'),
    [],
    run.lines.join('\n'),
  );
  assert.equal(detailOf(run, 'email-all'), 'logged on A, B, C (1 Task)');
  assert.equal(detailOf(run, 'email-oldest'), 'logged on A (1 Task)');
  assert.equal(detailOf(run, 'email-most-recent'), 'logged on B (1 Task)');
  assert.match(
    detailOf(run, 'email-do-not-log'),
    /^rejected: NO_MATCH: no Lead or Contact to log on for sisync-e2e-test01-do-not-log@example\.com/,
  );
  assert.match(detailOf(run, 'email-create-lead'), /^Lead 00QWs00000Ld\d{3}EAV created and logged on$/);
  assert.match(detailOf(run, 'email-unresolved'), /^kept as Unresolved Email Activity a05Ws00000Ue\d{3}EAV$/);
  // The last save (the unresolved step's) is the org's now.
  assert.equal(run.standIn.email.settings['noMatchRule'], 'unresolved');
  // Each step's recipients are its own Contacts, made through sf data.
  assert.equal(run.calls.filter((call) => call.startsWith('data create record --sobject Contact')).length, 9);
});

test('org:e2e › e-mails via the API: an org that logs on every match whatever the rule fails the oldest and most-recent rows', async () => {
  const run = await roundTrip(
    { alias: 'sisync-dev' },
    { steps: [...SETUP_STEPS, ...EMAIL_STEPS], standIn: { email: { ignoreMultipleMatchRule: true } } },
  );
  assert.ok(run.error instanceof CommandError);
  assert.match(run.error.message, /failed at email-oldest, email-most-recent:/);
  assert.equal(outcomes(run)['email-all'], 'passed');
  assert.equal(detailOf(run, 'email-oldest'), 'logged on A, B, C, expected A');
  assert.equal(detailOf(run, 'email-most-recent'), 'logged on A, B, C, expected B');
});
