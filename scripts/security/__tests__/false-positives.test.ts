/** Reading the entries of docs/security/false-positives.md from their headings. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseExplanations } from '../false-positives.ts';

const BODY = 'The bind is the primary key; a null id matches no row, which the caller reports as not found.';

test('false positives › entries are level-3 headings naming rule, file and an optional line; the text up to the next heading explains', () => {
  const { entries, problems } = parseExplanations(
    [
      '# Title',
      'Intro text that explains nothing.',
      '## Findings',
      '### `sfge:MissingNullCheckOnSoqlVariable` in `force-app/main/settings/classes/ProfileSelector.cls:24`',
      BODY,
      '```apex',
      '### `not:AHeading` in `inside/a/fence.cls`',
      '```',
      '### `ProtectSensitiveData` in `force-app/main/x/fields/Key__c.field-meta.xml`',
      '',
      BODY,
      '## Other section',
      'Closing prose.',
    ].join('\n'),
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(
    entries.map((entry) => [entry.rule, entry.file, entry.line, entry.at]),
    [
      ['sfge:MissingNullCheckOnSoqlVariable', 'force-app/main/settings/classes/ProfileSelector.cls', 24, 4],
      ['ProtectSensitiveData', 'force-app/main/x/fields/Key__c.field-meta.xml', undefined, 9],
    ],
  );
  assert.match(entries[0]?.reason ?? '', /^The bind is the primary key[\s\S]*inside\/a\/fence\.cls/);
  assert.equal(entries[1]?.reason, BODY);
});

test('false positives › a malformed entry heading or a too-short explanation is a problem at its line, never a silent explanation', () => {
  const { entries, problems } = parseExplanations(
    ['### `sfge:ApexFlsViolation` at `force-app/A.cls:3`', BODY, '### `sfge:ApexFlsViolation` in `force-app/B.cls:3`', 'Fine.'].join('\n'),
  );
  assert.deepEqual(entries, []);
  assert.deepEqual(
    problems.map((problem) => problem.line),
    [1, 3],
  );
  assert.match(problems[0]?.message ?? '', /must read ### `engine:Rule` in `path\/to\/File\.cls:line`/);
  assert.match(problems[1]?.message ?? '', /at least 40 characters/);
});

test('false positives › no document explains nothing', () => {
  assert.deepEqual(parseExplanations(undefined), { entries: [], problems: [] });
});
