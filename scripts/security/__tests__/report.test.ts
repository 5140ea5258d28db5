/**
 * The whole report over a seeded two-class package (PMD and Graph Engine for real, ≈ 20–30 s on
 * 2 cores): Code Analyzer's JSON and HTML are written, an unexplained finding fails the report and
 * is named, and once explained in the document the report passes. Test-only directories without a
 * `package` are not scanned.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runSecurityReport, type ReportOutcome } from '../report.ts';

const META =
  '<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>66.0</apiVersion>\n    <status>Active</status>\n</ApexClass>\n';
const NO_MODE = `/**
 * Reads accounts without an access mode.
 */
public with sharing class NoMode {
    /**
     * The accounts.
     * @return accounts
     */
    public static List<Account> all() {
        return [SELECT Id, Name FROM Account LIMIT 5];
    }
}
`;

let root = '';
let first: ReportOutcome;
let second: ReportOutcome;
const lines: string[] = [];

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'sisync-security-report-'));
  writeFileSync(
    join(root, 'sfdx-project.json'),
    JSON.stringify({
      packageDirectories: [{ path: 'force-app', default: true, package: 'Seed' }, { path: 'unpackaged' }],
      sourceApiVersion: '66.0',
    }),
  );
  // The same defect in the packaged directory and in test-only metadata (another class name: Graph
  // Engine refuses a workspace that defines a class twice).
  for (const [dir, name] of [
    ['force-app/main/default/classes', 'NoMode'],
    ['unpackaged/classes', 'NoModeFixture'],
  ] as const) {
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, dir, `${name}.cls`), NO_MODE.replace('class NoMode', `class ${name}`));
    writeFileSync(join(root, dir, `${name}.cls-meta.xml`), META);
  }
  first = await runSecurityReport(root, (line) => lines.push(line));
  const finding = first.unexplained.find((entry) => entry.rule === 'ApexCRUDViolation');
  mkdirSync(join(root, 'docs', 'security'), { recursive: true });
  writeFileSync(
    join(root, 'docs', 'security', 'false-positives.md'),
    `# Seed\n\n### \`pmd:ApexCRUDViolation\` in \`${finding?.file ?? 'missing'}:${finding?.line ?? 0}\`\n\nSeeded: the test explains the query so the report can pass; a real entry says what was checked.\n`,
  );
  second = await runSecurityReport(root, () => undefined);
});

after(() => {
  if (root !== '') rmSync(root, { recursive: true, force: true });
});

test('security report › writes Code Analyzer JSON and HTML and its own findings.json under results/security', () => {
  assert.deepEqual(first.written, [
    'results/security/code-analyzer.json',
    'results/security/code-analyzer.html',
    'results/security/findings.json',
  ]);
  const json = JSON.parse(readFileSync(join(root, 'results/security/code-analyzer.json'), 'utf8')) as { violations: { rule: string }[] };
  assert.ok(json.violations.some((entry) => entry.rule === 'ApexCRUDViolation'));
  assert.match(readFileSync(join(root, 'results/security/code-analyzer.html'), 'utf8'), /<html/i);
  assert.ok(existsSync(join(root, 'results/security/findings.json')));
});

test('security report › an unexplained finding fails the report and is named with the heading that would explain it', () => {
  assert.equal(first.ok, false);
  const crud = first.unexplained.filter((entry) => entry.rule === 'ApexCRUDViolation');
  assert.deepEqual(
    crud.map((entry) => entry.file),
    ['force-app/main/default/classes/NoMode.cls'],
    'only the packaged directory is scanned',
  );
  assert.ok(
    lines.some((line) =>
      /NoMode\.cls:\d+:\d+ pmd:ApexCRUDViolation .* unexplained: fix it, or explain it in docs\/security\/false-positives\.md/.test(line),
    ),
  );
});

test('security report › once the document explains every finding the report passes', () => {
  assert.deepEqual(
    second.unexplained.map((entry) => `${entry.rule} ${entry.file}:${entry.line} ${entry.message}`),
    [],
  );
  assert.equal(second.ok, true, JSON.stringify(second.problems));
  assert.equal(second.findings.find((entry) => entry.rule === 'ApexCRUDViolation')?.status, 'explained');
});
