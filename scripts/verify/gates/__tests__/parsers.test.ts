import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTscOutput } from '../../lib/tsc-output.ts';
import { parseEslintJson, parsePrettierCheck, parseRedoclyJson } from '../lint-format.ts';
import { parseErrorsOf } from '../apex-syntax.ts';
import { xmlWellFormednessFindings } from '../metadata.ts';
import { coverageFindings, jestFindings, measuredLines, tapFindings } from '../tests.ts';
import { findingsOf } from '../lwc-compiler.ts';

test('tsc diagnostics become file:line:col findings; other lines are kept', () => {
  const output = [
    "force-app/main/ui/lwc/a/a.ts(12,5): error TS2322: Type 'string' is not assignable to type 'number'.",
    '  continuation line',
    "tsconfig.json(3,1): error TS5023: Unknown compiler option 'x'.",
    'error TS6053: File not found.',
  ].join('\n');
  assert.deepEqual(parseTscOutput(output, 'tsconfig.lwc.json'), [
    { file: 'force-app/main/ui/lwc/a/a.ts', line: 12, column: 5, message: "TS2322 Type 'string' is not assignable to type 'number'." },
    { file: 'tsconfig.json', line: 3, column: 1, message: "TS5023 Unknown compiler option 'x'." },
    { file: 'tsconfig.lwc.json', message: 'error TS6053: File not found.' },
  ]);
});

test('eslint JSON and prettier check output become findings', () => {
  const eslint = JSON.stringify([
    {
      filePath: '/repo/force-app/a.ts',
      messages: [{ ruleId: 'no-console', severity: 2, message: 'Unexpected console', line: 4, column: 9 }],
    },
    { filePath: '/repo/clean.ts', messages: [] },
  ]);
  assert.deepEqual(parseEslintJson(eslint, '/repo'), [
    { file: 'force-app/a.ts', line: 4, column: 9, message: 'eslint no-console: Unexpected console' },
  ]);
  const prettier = [
    'Checking formatting...',
    '[warn] force-app/a.cls',
    '[error] b.json: SyntaxError: Unexpected token (2:3)',
    '[warn] Code style issues found in 1 file.',
  ].join('\n');
  assert.deepEqual(parsePrettierCheck(prettier), [
    { file: 'force-app/a.cls', message: 'prettier: not formatted (run `npm run format`)' },
    { file: 'b.json', line: 2, column: 3, message: 'prettier: SyntaxError: Unexpected token' },
  ]);
});

test("the Apex parser's errors keep their line and column", () => {
  const ast = JSON.stringify({
    'apex.jorje.semantic.compiler.parser.ParserOutput': {
      parseErrors: [{ message: "Missing ';' at 'x'", error: { error: { loc: { line: 4, column: 5 } } } }],
    },
  });
  assert.deepEqual(parseErrorsOf('A.cls', ast), [{ file: 'A.cls', line: 4, column: 5, message: "Apex syntax: Missing ';' at 'x'" }]);
  const clean = JSON.stringify({ 'apex.jorje.semantic.compiler.parser.ParserOutput': { parseErrors: [] } });
  assert.deepEqual(parseErrorsOf('A.cls', clean), []);
});

const FIELD = 'force-app/x.field-meta.xml';

test('XML with a mismatched closing tag is located at the closing tag, naming both tags', () => {
  const text = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">',
    '    <fullName>LogReplies__c</fullName>',
    '    <label>Log Replies</labl>',
    '</CustomField>',
    '',
  ].join('\n');
  assert.deepEqual(xmlWellFormednessFindings(FIELD, text), [
    {
      file: FIELD,
      line: 4,
      column: 23,
      message: "XML not well-formed: Expected closing tag 'label' (opened in line 4, col 5) instead of closing tag 'labl'.",
    },
  ]);
});

test('XML whose root is never closed is located at the unclosed tag', () => {
  const text = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">',
    '    <label>Log Replies</label>',
    '',
  ].join('\n');
  assert.deepEqual(xmlWellFormednessFindings(FIELD, text), [
    { file: FIELD, line: 2, column: 1, message: "XML not well-formed: Unclosed tag 'CustomField'." },
  ]);
});

test('an undefined entity reference is not well-formed; predefined, numeric, commented and CDATA ones are', () => {
  const text = '<a>\n  <b>x&nbsp;y</b>\n  <c t="&quot;&#38;&#x26;">&amp;&lt;&gt;&apos;</c>\n  <!-- &copy; --><![CDATA[&reg;]]>\n</a>\n';
  assert.deepEqual(xmlWellFormednessFindings(FIELD, text), [
    {
      file: FIELD,
      line: 2,
      column: 7,
      message: "XML not well-formed: entity 'nbsp' is not defined (only &amp; &lt; &gt; &quot; &apos; and numeric references are)",
    },
  ]);
});

test('well-formed metadata XML has no findings', () => {
  const text = [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    '<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">',
    '    <!-- a comment -->',
    '    <fullName>LogReplies__c</fullName>',
    '    <description>Replies &amp; forwards &#8212; <![CDATA[<b>raw</b>]]></description>',
    '    <defaultValue>false</defaultValue>',
    '    <label>Log Replies</label>',
    '    <type>Checkbox</type>',
    '</CustomField>',
    '',
  ].join('\n');
  assert.deepEqual(xmlWellFormednessFindings(FIELD, text), []);
});

test('LWC compiler diagnostics are located in the bundle folder; warnings fail, logs do not', () => {
  const reports = [
    {
      name: 'card',
      success: false,
      diagnostics: [
        { level: 1, message: 'LWC1165: bad directive', filename: 'card.html', location: { line: 7, column: 3 } },
        { level: 3, message: 'a log line' },
      ],
    },
    { name: 'quiet', success: false, diagnostics: [] },
  ];
  const directories = new Map([
    ['card', 'force-app/main/ui/lwc/card'],
    ['quiet', 'force-app/main/ui/lwc/quiet'],
  ]);
  assert.deepEqual(findingsOf(reports, directories), [
    { file: 'force-app/main/ui/lwc/card/card.html', line: 7, column: 3, message: 'LWC platform compiler: LWC1165: bad directive' },
    { file: 'force-app/main/ui/lwc/quiet', message: 'LWC platform compiler: compilation failed without a diagnostic' },
  ]);
});

test('Jest failures, unrunnable suites and coverage thresholds become findings', () => {
  const report = {
    numPassedTests: 1,
    numFailedTests: 2,
    testResults: [
      {
        name: '/repo/force-app/a/__tests__/a.test.ts',
        status: 'failed',
        message: '',
        assertionResults: [
          { status: 'passed', fullName: 'ok', failureMessages: [] },
          {
            status: 'failed',
            fullName: 'c-a renders',
            failureMessages: ['\u001b[31mExpected: 1\u001b[0m\nReceived: 2'],
            location: { line: 10, column: 3 },
          },
          {
            status: 'failed',
            fullName: 'c-a counts',
            failureMessages: ['Error: expect(received).toBe(expected)\n    at Object.toBe (/repo/force-app/a/__tests__/a.test.ts:17:42)'],
            location: { line: 12, column: 3 },
          },
        ],
      },
      { name: '/repo/force-app/b/__tests__/b.test.ts', status: 'failed', message: '\n  Cannot find module x', assertionResults: [] },
    ],
  };
  assert.deepEqual(jestFindings(report, '/repo'), [
    { file: 'force-app/a/__tests__/a.test.ts', line: 10, column: 3, message: 'c-a renders: Expected: 1' },
    { file: 'force-app/a/__tests__/a.test.ts', line: 17, column: 42, message: 'c-a counts: Error: expect(received).toBe(expected)' },
    { file: 'force-app/b/__tests__/b.test.ts', message: 'test suite failed to run: Cannot find module x' },
  ]);
  assert.deepEqual(coverageFindings('Jest: "global" coverage threshold for lines (90%) not met: 80%\nother'), [
    { file: 'jest.config.js', message: '"global" coverage threshold for lines (90%) not met: 80%' },
  ]);
});

test('failed node tests are located from the TAP output; parents of failed subtests are not repeated', () => {
  const tap = [
    'TAP version 13',
    '# Subtest: parent',
    '    not ok 1 - child',
    '      ---',
    "      location: '/repo/scripts/x/__tests__/x.test.ts:12:5'",
    "      failureType: 'testCodeFailure'",
    "      error: 'Expected values to be strictly equal'",
    '      ...',
    'not ok 1 - parent',
    '  ---',
    "  location: '/repo/scripts/x/__tests__/x.test.ts:3:1'",
    "  failureType: 'subtestsFailed'",
    '  ...',
    'ok 2 - fine',
    'not ok 3 - multi-line',
    '  ---',
    "  location: '/repo/scripts/y/__tests__/y.test.ts:1:4390'",
    "  failureType: 'testCodeFailure'",
    '  error: |-',
    '    Expected values to be strictly deep-equal:',
    '    + actual - expected',
    '  stack: |-',
    '    TestContext.<anonymous> (/repo/scripts/y/__tests__/y.test.ts:120:10)',
    '  ...',
  ].join('\n');
  assert.deepEqual(tapFindings(tap, '/repo'), [
    { file: 'scripts/x/__tests__/x.test.ts', line: 12, column: 5, message: 'child: Expected values to be strictly equal' },
    { file: 'scripts/y/__tests__/y.test.ts', line: 120, column: 10, message: 'multi-line: Expected values to be strictly deep-equal:' },
  ]);
});

test('redocly problems are reported with their JSON pointer', () => {
  const report = JSON.stringify({
    totals: { errors: 1, warnings: 0 },
    problems: [
      {
        ruleId: 'no-invalid-media-type-examples',
        severity: 'error',
        message: 'Example value must conform to the schema',
        location: [{ pointer: '#/paths/~1v1/post' }],
      },
    ],
  });
  assert.deepEqual(parseRedoclyJson(report, 'docs/contract/a.openapi.yaml'), [
    {
      file: 'docs/contract/a.openapi.yaml',
      message: 'redocly no-invalid-media-type-examples (error) at #/paths/~1v1/post: Example value must conform to the schema',
    },
  ]);
  assert.deepEqual(parseRedoclyJson(JSON.stringify({ problems: [] }), 'x'), []);
});

test('the line-coverage summary is read with its totals, and an empty measure is told apart', () => {
  assert.deepEqual(measuredLines('Statements : 99% ( 1/1 )\nLines        : 100% ( 578/578 )\n'), {
    percent: '100%',
    covered: 578,
    total: 578,
  });
  assert.deepEqual(measuredLines('Lines        : Unknown% ( 0/0 )'), { percent: 'Unknown%', covered: 0, total: 0 });
  assert.equal(measuredLines('no summary here'), null);
});
