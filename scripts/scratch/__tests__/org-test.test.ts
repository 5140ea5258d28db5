/**
 * org:test reads `sf apex run test --json` (recorded in plugin-apex's JSON reporter shape), prints
 * the summary table, writes it beside sf's JSON and JUnit, and fails on a failure or under 90 %.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { summarizeApexTests, summaryTable, verdict } from '../apex-test-results.ts';
import { orgTest } from '../commands/org-test.ts';
import type { SfAnswer } from '../sf/sf.ts';
import { fakeSf, fixture } from './support/fake-sf.ts';

test('apex results › a passing run: counts, both coverages, no reason to fail', () => {
  const summary = summarizeApexTests(fixture('apex-run-test-passed.json') as SfAnswer);
  assert.ok(summary);
  assert.deepEqual(
    {
      ran: summary.testsRan,
      passing: summary.passing,
      failing: summary.failing,
      orgWide: summary.orgWideCoverage,
      run: summary.testRunCoverage,
    },
    { ran: 3, passing: 3, failing: 0, orgWide: 93, run: 94 },
  );
  assert.deepEqual(verdict(summary), []);
  assert.deepEqual(summaryTable(summary).slice(0, 3), [
    '| tests | passed | failed | skipped | org-wide coverage | test-run coverage |',
    '|-------|--------|--------|---------|-------------------|-------------------|',
    '| 3     | 3      | 0      | 0       | 93 %              | 94 %              |',
  ]);
});

test('apex results › a failed test and low coverage are each a reason, the failure named with its first line', () => {
  const summary = summarizeApexTests(fixture('apex-run-test-failed.json') as SfAnswer);
  assert.ok(summary);
  assert.deepEqual(summary.failures, [
    {
      name: 'SetupHeartbeatResource_Tests.schedulesTheJobsAsTheCaller',
      message: 'System.AssertException: Assertion Failed: Expected: scheduled, Actual: blocked',
    },
  ]);
  assert.deepEqual(verdict(summary), ['1 test failed.', 'Org-wide coverage is 87 %, under the 90 % this project requires.']);
  const low = summarizeApexTests(fixture('apex-run-test-low-coverage.json') as SfAnswer);
  assert.ok(low);
  assert.deepEqual(verdict(low), ['Org-wide coverage is 82 %, under the 90 % this project requires.']);
});

test('apex results › coverage exactly at 90 % passes; none reported fails', () => {
  const base = summarizeApexTests(fixture('apex-run-test-passed.json') as SfAnswer);
  assert.ok(base);
  assert.deepEqual(verdict({ ...base, orgWideCoverage: 90 }), []);
  assert.deepEqual(verdict({ ...base, orgWideCoverage: undefined }), ['sf reported no org-wide coverage.']);
  assert.equal(summarizeApexTests(fixture('apex-run-test-not-finished.json') as SfAnswer), undefined, 'no summary: not finished');
});

test('org:test › runs every local test with coverage into results/apex, prints the table and writes the summary', async () => {
  const fake = fakeSf({ 'org display': 'org-display-scratch.json', 'apex run test': 'apex-run-test-passed.json' });
  try {
    await orgTest.run({ wait: '45' }, fake.context());
    const argv = fake.calls()[1]?.argv ?? [];
    for (const expected of [
      '--test-level RunLocalTests',
      '--code-coverage',
      '--result-format json',
      '--wait 45',
      '--json',
      '--target-org sisync-dev',
    ]) {
      assert.ok(argv.join(' ').includes(expected), expected);
    }
    assert.equal(argv[argv.indexOf('--output-dir') + 1], join(fake.root, 'results/apex'));
    assert.ok(fake.lines.includes('| 3     | 3      | 0      | 0       | 93 %              | 94 %              |'));
    const written = JSON.parse(readFileSync(join(fake.root, 'results/apex/summary.json'), 'utf8')) as {
      passed: boolean;
      orgWideCoverage: number;
    };
    assert.deepEqual([written.passed, written.orgWideCoverage], [true, 93]);
  } finally {
    fake.cleanup();
  }
});

test('org:test › fails on a failed test or low coverage, after writing the summary', async () => {
  const fake = fakeSf({ 'org display': 'org-display-scratch.json', 'apex run test': 'apex-run-test-failed.json' });
  try {
    await assert.rejects(orgTest.run({}, fake.context()), /^CommandError: 1 test failed\. Org-wide coverage is 87 %/);
    assert.ok(existsSync(join(fake.root, 'results/apex/summary.json')));
    assert.ok(fake.lines.some((line) => line.startsWith('  FAILED SetupHeartbeatResource_Tests.schedulesTheJobsAsTheCaller')));
  } finally {
    fake.cleanup();
  }
});

test('org:test › a run that outlasts --wait says how to fetch its results', async () => {
  const fake = fakeSf({ 'org display': 'org-display-scratch.json', 'apex run test': 'apex-run-test-not-finished.json' });
  try {
    await assert.rejects(
      orgTest.run({ wait: '5' }, fake.context()),
      /did not finish within 5 minutes: get their results with `npx sf apex get test --test-run-id 7075g00000RunIdAAA --target-org sisync-dev --code-coverage`/,
    );
  } finally {
    fake.cleanup();
  }
});
