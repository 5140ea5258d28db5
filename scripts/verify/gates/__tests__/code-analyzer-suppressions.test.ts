import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { MINIMUM_REASON_LENGTH, parseSuppressions, SUPPRESSIONS_FILE, SUPPRESSIONS_SCHEMA_FILE } from '../code-analyzer/suppressions.ts';

// The suppression file's shape is a JSON Schema validated with ajv; these tests pin the messages:
// each names the entry (`suppressions[i]`) and the field, says the fix, and sits at the entry's line.

const REPOSITORY = new URL('../../../../', import.meta.url);
const REASON = 'Reviewed: the ids come from a bounded list of at most five records, checked by the caller.';
const VALID = { rule: 'pmd:ApexCRUDViolation', file: 'force-app/main/a/classes/A.cls', line: 12, reason: REASON };

/** The file as an engineer writes it: pretty-printed, one `"rule"` key per entry. */
const fileWith = (...entries: unknown[]): string => JSON.stringify({ suppressions: entries }, null, 2);
const messagesOf = (text: string): string[] => parseSuppressions(text).findings.map((finding) => finding.message);

describe('code-analyzer suppression file (JSON Schema, ajv)', () => {
  test("the repository's own file is valid, every entry of it used as written", () => {
    const text = readFileSync(new URL(SUPPRESSIONS_FILE, REPOSITORY), 'utf8');
    const { entries, findings } = parseSuppressions(text);
    assert.deepEqual(findings, []);
    const listed = (JSON.parse(text) as { suppressions: unknown[]; $schema?: string }).suppressions;
    assert.equal(entries.length, listed.length);
    assert.ok(entries.every((entry) => entry.at !== undefined && entry.reason.length >= MINIMUM_REASON_LENGTH));
  });

  test('the file names its schema for editors, and the schema is draft 2020-12', () => {
    const text = readFileSync(new URL(SUPPRESSIONS_FILE, REPOSITORY), 'utf8');
    assert.equal((JSON.parse(text) as { $schema?: string }).$schema, `./${SUPPRESSIONS_SCHEMA_FILE.replace(/^config\//, '')}`);
    const schema = JSON.parse(readFileSync(new URL(SUPPRESSIONS_SCHEMA_FILE, REPOSITORY), 'utf8')) as { $schema: string };
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  });

  test('a valid entry is read trimmed and normalised, located at the line of its "rule" key', () => {
    const text = fileWith(VALID, { rule: ' ApexSharingViolations ', file: './force-app/B.cls', reason: `  ${REASON}  ` });
    assert.deepEqual(parseSuppressions(text), {
      entries: [
        { ...VALID, at: 4 },
        { rule: 'ApexSharingViolations', file: 'force-app/B.cls', reason: REASON, at: 10 },
      ],
      findings: [],
    });
  });

  test('a short reason fails, naming the entry and the field, at the entry', () => {
    const { entries, findings } = parseSuppressions(fileWith(VALID, { ...VALID, reason: 'fine by me' }));
    assert.deepEqual(findings, [
      {
        file: SUPPRESSIONS_FILE,
        line: 10,
        message: 'suppressions[1]: "reason" must explain, in at least 40 characters, why a security reviewer should accept this violation',
      },
    ]);
    assert.deepEqual(
      entries.map((entry) => entry.at),
      [4],
      'the invalid entry suppresses nothing; the valid one still applies',
    );
  });

  test(`the reason needs ${MINIMUM_REASON_LENGTH} characters, surrounding whitespace not counted`, () => {
    const reason = (length: number): string => `R${'e'.repeat(length - 2)}.`;
    assert.deepEqual(messagesOf(fileWith({ ...VALID, reason: reason(MINIMUM_REASON_LENGTH) })), []);
    assert.match(messagesOf(fileWith({ ...VALID, reason: reason(MINIMUM_REASON_LENGTH - 1) })).join('\n'), /"reason" must explain/);
    assert.match(
      messagesOf(fileWith({ ...VALID, reason: `   ${reason(MINIMUM_REASON_LENGTH - 1)}   ` })).join('\n'),
      /"reason" must explain/,
    );
    assert.match(messagesOf(fileWith({ ...VALID, reason: 42 })).join('\n'), /suppressions\[0\]: "reason" must explain/);
  });

  test('a missing field fails with that field named', () => {
    const { rule, reason } = VALID;
    assert.deepEqual(messagesOf(fileWith({ rule, reason })), [
      'suppressions[0]: "file" must be a relative path with forward slashes from the repository root, e.g. "force-app/main/task-sync/classes/X.cls"',
    ]);
    assert.deepEqual(messagesOf(fileWith({ rule, file: VALID.file })), [
      'suppressions[0]: "reason" must explain, in at least 40 characters, why a security reviewer should accept this violation',
    ]);
    assert.match(
      messagesOf(fileWith({ file: VALID.file, reason })).join('\n'),
      /^suppressions\[0\]: "rule" must name a rule, with or without its engine/,
    );
  });

  test('an extra property fails, naming it and the allowed ones', () => {
    const { findings } = parseSuppressions(fileWith(VALID, { ...VALID, lines: 3 }));
    assert.deepEqual(findings, [
      { file: SUPPRESSIONS_FILE, line: 10, message: 'suppressions[1]: unknown key "lines" (allowed: rule, file, line, reason)' },
    ]);
  });

  test('a line that is not a positive integer fails', () => {
    for (const line of [0, -3, 2.5, '12', null]) {
      assert.deepEqual(messagesOf(fileWith({ ...VALID, line })), [
        'suppressions[0]: "line" must be a positive integer when given: the violation\'s start line (omit it to cover every line of the file)',
      ]);
    }
  });

  test('a file that is absolute, uses backslashes or is blank fails; a rule that is not a rule name fails', () => {
    for (const file of ['/repo/force-app/A.cls', 'force-app\\main\\A.cls', '', '  ']) {
      assert.match(messagesOf(fileWith({ ...VALID, file })).join('\n'), /^suppressions\[0\]: "file" must be a relative path/, file);
    }
    for (const rule of ['', '   ', 'pmd ApexCRUDViolation', 'ApexCRUDViolation, ApexSOQLInjection']) {
      assert.match(messagesOf(fileWith({ ...VALID, rule })).join('\n'), /^suppressions\[0\]: "rule" must name a rule/, rule);
    }
  });

  test('several problems of one entry are each reported once', () => {
    const messages = messagesOf(fileWith({ rule: 'X', file: '/abs/A.cls', lines: 3, reason: 'short' }));
    assert.equal(messages.length, 3, messages.join('\n'));
    assert.match(messages.join('\n'), /unknown key "lines"/);
    assert.match(messages.join('\n'), /"file" must be a relative path/);
    assert.match(messages.join('\n'), /"reason" must explain/);
  });

  test('the top level: JSON, an object with a "suppressions" array, no unknown key', () => {
    assert.deepEqual(parseSuppressions(undefined), { entries: [], findings: [] });
    assert.match(messagesOf('{').join('\n'), /^not valid JSON: /);
    assert.deepEqual(messagesOf('[]'), ['must be an object {"suppressions": [...]}']);
    assert.deepEqual(messagesOf('{}'), ['"suppressions" must be an array of entries {"rule", "file", "line"?, "reason"}']);
    assert.deepEqual(messagesOf('{"suppressions": {}}'), [
      '"suppressions" must be an array of entries {"rule", "file", "line"?, "reason"}',
    ]);
    assert.deepEqual(messagesOf('{"suppressions": [7]}'), ['suppressions[0] must be an object {"rule", "file", "line"?, "reason"}']);
    const unknownKey = parseSuppressions(JSON.stringify({ suppression: [], suppressions: [VALID] }));
    assert.deepEqual(
      unknownKey.findings.map((finding) => finding.message),
      ['unknown top-level key "suppression"'],
    );
    assert.equal(unknownKey.entries.length, 1, 'the entries still apply');
    assert.deepEqual(messagesOf(JSON.stringify({ $schema: 'x', $comment: 'y', description: 'z', suppressions: [] })), []);
  });
});
