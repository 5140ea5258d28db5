/**
 * org:e2e's e-mail steps against the real workbench (which sends `POST /v1/email-activities` as
 * Sales Insight) and the org stand-in's e-mail logging (`support/org-e2e-email-stand-in.ts`): every
 * matching rule and the BCC-active sender pass against an org that behaves, and fail — with the
 * records they saw — against one that ignores the multiple-match rule or the sender's BCC.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CommandError } from '../commands/errors.ts';
import { BCC_STEPS } from '../e2e/steps/bcc.ts';
import { EMAIL_STEPS } from '../e2e/steps/email.ts';
import { SETUP_STEPS } from '../e2e/steps/setup.ts';
import { detailOf, outcomes, roundTrip } from './support/org-e2e-harness.ts';

const steps = [...SETUP_STEPS, ...EMAIL_STEPS, ...BCC_STEPS];

test('org:e2e › e-mails via the API: each rule logs on the records it names; a BCC-active sender’s e-mail is left to BCC, the call logged', async () => {
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
  assert.match(
    detailOf(run, 'bcc-sender'),
    /^e-mail left to BCC \(duplicate, no Task\); call logged on 003Ws00000Ct\d{3}EAV \(Task 00TWs00000Em\d{3}EAV\)$/,
  );
  // The last save (the BCC step's) is the org's now, and BCC is off again.
  assert.equal(run.standIn.email.settings['noMatchRule'], 'doNotLog');
  assert.equal(run.standIn.email.bccActive, false);
  // Each step's recipients are its own Contacts, made through sf data.
  assert.equal(run.calls.filter((call) => call.startsWith('data create record --sobject Contact')).length, 10);
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

test('org:e2e › a BCC-active sender: an org that logs their e-mail through the API fails the row, and BCC is deactivated anyway', async () => {
  const run = await roundTrip({ alias: 'sisync-dev' }, { steps: [...SETUP_STEPS, ...BCC_STEPS], standIn: { email: { ignoreBcc: true } } });
  assert.ok(run.error instanceof CommandError);
  assert.equal(outcomes(run)['bcc-sender'], 'failed');
  assert.equal(detailOf(run, 'bcc-sender'), 'the e-mail was answered done applied, not duplicate (left to BCC)');
  assert.equal(run.standIn.email.bccActive, false);
});
