/**
 * org:e2e's first-time sync steps against the real workbench and the org stand-in (which plays
 * InitialSyncService: the window, the re-enable's deletions, the progress): a pass, an org whose
 * window is too wide, an org that does not replay deletions, and an org without audit fields.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CommandError } from '../commands/errors.ts';
import { FIRST_SYNC_REENABLE_STEPS, FIRST_SYNC_SEED_STEPS, FIRST_SYNC_WINDOW_STEPS } from '../e2e/steps/first-sync.ts';
import { SETUP_STEPS, SYNC_ON_STEP } from '../e2e/steps/setup.ts';
import { detailOf, nthTaskId, outcomes, roundTrip } from './support/org-e2e-harness.ts';

const steps = [...SETUP_STEPS, ...FIRST_SYNC_SEED_STEPS, SYNC_ON_STEP, ...FIRST_SYNC_WINDOW_STEPS, ...FIRST_SYNC_REENABLE_STEPS];
// The seed makes the backdated Task first (1), then the one of now (2); the re-enable's is 3.
const OLD = nthTaskId(1);
const RECENT = nthTaskId(2);
const GONE = nthTaskId(3);

test('org:e2e › first-time sync: the Task of now arrives with origin initial, the backdated one never; a re-enable brings the deletion', async () => {
  const run = await roundTrip({ alias: 'sisync-dev' }, { steps });
  assert.equal(run.error, undefined, run.lines.join('\n'));
  assert.deepEqual(
    Object.entries(outcomes(run)).filter(([, outcome]) => outcome !== 'passed'),
    [],
    run.lines.join('\n'),
  );
  assert.match(detailOf(run, 'first-sync-seed'), new RegExp(`^sync was off; Task ${RECENT} now, ${OLD} dated \\d{4}-\\d\\d-\\d\\dT`));
  assert.equal(
    detailOf(run, 'first-sync-window'),
    `first enable: ${RECENT} upsert applied, ${OLD} not sent; run done, 1 queued, 0 already synced, 0 failed`,
  );
  assert.match(
    detailOf(run, 'first-sync-reenable'),
    new RegExp(`^${GONE} deleted while off → delete #2 applied; 1 queued, 1 already synced`),
  );
  // The backdating went to Salesforce as audit fields on the create, 48 h back.
  const backdated = run.calls.find((call) => call.includes('CreatedDate='));
  const at = Date.parse(/CreatedDate='([^']+)'/.exec(backdated ?? '')?.[1] ?? '');
  assert.ok(Math.abs(Date.now() - at - 48 * 3_600_000) < 120_000, backdated);
  assert.match(backdated ?? '', /LastModifiedDate='/);
  // Two first-time syncs ran: sync-on's and the re-enable's.
  assert.equal(run.standIn.state.firstSyncs.length, 2);
});

test('org:e2e › first-time sync: an org whose window lets the 48-hour-old Task through fails the window row', async () => {
  const run = await roundTrip({ alias: 'sisync-dev' }, { steps, standIn: { initialWindowHours: 72 } });
  assert.ok(run.error instanceof CommandError);
  assert.equal(outcomes(run)['first-sync-window'], 'failed');
  assert.match(detailOf(run, 'first-sync-window'), new RegExp(`^the Task dated 48 h ago \\(${OLD}\\) was pushed too`));
  assert.equal(run.results.passed, false);
});

test('org:e2e › first-time sync: an org that does not replay deletions on a re-enable fails the re-enable row', async () => {
  const run = await roundTrip({ alias: 'sisync-dev' }, { steps, standIn: { replayDeletes: false } });
  assert.ok(run.error instanceof CommandError);
  assert.match(run.error.message, /failed at first-sync-reenable:/);
  assert.equal(outcomes(run)['first-sync-window'], 'passed');
  assert.match(
    detailOf(run, 'first-sync-reenable'),
    new RegExp(`waited 15 s for the emulator to receive the delete of ${GONE} from the first-time sync`),
  );
});

test('org:e2e › first-time sync: without Set Audit Fields upon Record Creation the window is skipped with the sentence; the re-enable still runs', async () => {
  const run = await roundTrip(
    { alias: 'sisync-dev' },
    { steps, scenario: { 'sobject describe --sobject Task': 'e2e/sobject-describe-task-audit-fields-off.json' } },
  );
  assert.equal(run.error, undefined, run.lines.join('\n'));
  assert.equal(outcomes(run)['first-sync-window'], 'skipped');
  assert.match(
    detailOf(run, 'first-sync-window'),
    /^Set Audit Fields upon Record Creation is not allowed in sisync-dev, so no Task older than 24 h can be made .* run org:e2e again\.$/,
  );
  assert.ok(!run.calls.some((call) => call.includes('CreatedDate=')), 'no backdated Task was attempted');
  assert.equal(outcomes(run)['first-sync-reenable'], 'passed');
  assert.match(detailOf(run, 'first-sync-reenable'), new RegExp(`^${nthTaskId(1)} deleted while off`));
});
