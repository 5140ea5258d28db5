import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GATES } from './run-gates.ts';
import { formatFinding, type Gate, type GateResult } from './lib/gate.ts';

/**
 * `npm run prove-gates`: a gate that cannot fail proves nothing. For each gate this seeds one
 * defect of its kind into a throwaway worktree of HEAD, runs that gate alone and requires it to
 * fail with a finding in the seeded file; then it restores the tree. Exit 1 if any gate passed.
 *
 * The gate runs scoped to the files the defect edits (`GateContext.onlyFiles`): the slow gates
 * (code-analyzer, tests) then check only those of their normal targets, which is all a proof
 * needs — a seeded file the full run would not check is not checked scoped either, so the proof
 * fails rather than passes. Gates that cannot narrow check everything, as in `npm test` — except
 * the browser gate, whose targets are tests and whose seeded file is a component: its defect names
 * the one test that must fail (`testNamePattern`), and only that test runs.
 */

/** One seeded defect: which gate must catch it, and the edits that introduce it. */
export interface SeededDefect {
  readonly gate: string;
  readonly description: string;
  /** Files to change: path → [text to find, replacement]; a file absent from HEAD is created from the replacement. */
  readonly edits: Readonly<Record<string, readonly [string, string]>>;
  /** The finding must be located in this file. */
  readonly expectFile: string;
  /** Rules that must each be among the findings in that file (one seeded run can prove several). */
  readonly expectRules?: readonly string[];
  /** For a gate that cannot narrow by file (browser): the name of the test that must fail; only it runs. */
  readonly testNamePattern?: string;
}

const LWC = 'force-app/main/ui/lwc/syncSettingsSummary';
const SETTINGS = 'force-app/main/settings/classes';

export const DEFECTS: readonly SeededDefect[] = [
  {
    gate: 'typecheck',
    description: 'a string assigned to a number in a component',
    edits: { [`${LWC}/syncSettingsSummary.ts`]: ['  loaded = false;', '  loaded = false;\n  count: number = "several";'] },
    expectFile: `${LWC}/syncSettingsSummary.ts`,
  },
  {
    gate: 'lint-format',
    description: 'unformatted Apex',
    edits: { [`${SETTINGS}/SyncSetting.cls`]: ['    public final String key;', '    public   final String key ;'] },
    expectFile: `${SETTINGS}/SyncSetting.cls`,
  },
  {
    gate: 'apex-syntax',
    description: "a missing ';' in Apex",
    edits: { [`${SETTINGS}/SyncSetting.cls`]: ['        this.valueKind = valueKind;', '        this.valueKind = valueKind'] },
    expectFile: `${SETTINGS}/SyncSetting.cls`,
  },
  {
    gate: 'apex-semantics',
    description: 'an unknown custom-setting field',
    edits: { [`${SETTINGS}/EffectiveSyncSettings.cls`]: ['userRow?.BccState__c', 'userRow?.BccStatus__c'] },
    expectFile: `${SETTINGS}/EffectiveSyncSettings.cls`,
  },
  {
    gate: 'apex-semantics',
    description: 'an unknown Task custom field (the apex-ls blind spot)',
    edits: {
      [`${SETTINGS}/TaskProbe.cls`]: [
        '',
        'public with sharing class TaskProbe {\n    public static String probe(Task task) {\n        return task.SiaTaskIdentifier__c;\n    }\n}\n',
      ],
      [`${SETTINGS}/TaskProbe.cls-meta.xml`]: [
        '',
        '<?xml version="1.0" encoding="UTF-8" ?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>66.0</apiVersion>\n    <status>Active</status>\n</ApexClass>\n',
      ],
    },
    expectFile: `${SETTINGS}/TaskProbe.cls`,
  },
  {
    // One run proves both rules: a Code Analyzer run costs minutes (Graph Engine), two would double it.
    gate: 'code-analyzer',
    description: 'SOQL inside a loop, without an access mode, and a System.debug outside SyncLog',
    edits: {
      [`${SETTINGS}/UserSelector.cls`]: [
        '            result.put(user.Id, user.ProfileId);',
        '            Profile profile = [SELECT Id FROM Profile WHERE Id = :user.ProfileId];\n            System.debug(LoggingLevel.INFO, profile);\n            result.put(user.Id, profile.Id);',
      ],
    },
    expectFile: `${SETTINGS}/UserSelector.cls`,
    expectRules: ['OperationWithLimitsInLoop', 'ApexCRUDViolation', 'AvoidDebugStatements'],
  },
  {
    gate: 'lwc-compiler',
    description: 'an invalid template directive',
    edits: { [`${LWC}/syncSettingsSummary.html`]: ['<template lwc:if={isLoading}>', '<template lwc:iff={isLoading}>'] },
    expectFile: `${LWC}/syncSettingsSummary.html`,
  },
  {
    gate: 'lwc-compiler',
    description: 'an import of an Apex method that does not exist',
    edits: { [`${LWC}/syncSettingsSummary.ts`]: ['SyncSettingsController.getMySettings', 'SyncSettingsController.getAllSettings'] },
    expectFile: `${LWC}/syncSettingsSummary.ts`,
  },
  {
    gate: 'metadata',
    description: 'malformed XML',
    edits: {
      'force-app/main/settings/objects/SyncSettings__c/fields/LogReplies__c.field-meta.xml': [
        '<label>Log Replies</label>',
        '<label>Log Replies</labl>',
      ],
    },
    expectFile: 'force-app/main/settings/objects/SyncSettings__c/fields/LogReplies__c.field-meta.xml',
  },
  {
    gate: 'metadata',
    description: 'a permission set naming a missing class',
    edits: {
      'force-app/main/access/permissionsets/SalesInsightSyncUser.permissionset-meta.xml': [
        '<apexClass>SyncSettingsController</apexClass>',
        '<apexClass>SyncSettingController</apexClass>',
      ],
    },
    expectFile: 'force-app/main/access/permissionsets/SalesInsightSyncUser.permissionset-meta.xml',
  },
  {
    gate: 'tests',
    description: 'a failing Jest expectation',
    edits: { [`${LWC}/__tests__/syncSettingsSummary.test.ts`]: ["toBe('Two-way sync')", "toBe('One-way sync')"] },
    expectFile: `${LWC}/__tests__/syncSettingsSummary.test.ts`,
  },
  {
    gate: 'browser',
    description:
      'the BCC address check dropped from Activate (the page in Chromium offers Activate for an address that is not an Email to Salesforce address)',
    edits: {
      'force-app/main/ui/lwc/bccSettings/bccSettings.ts': [
        'return this.busy || bccAddressProblem(this.address) !== null || this.serverProblem !== null;',
        'return this.busy || this.serverProblem !== null;',
      ],
    },
    expectFile: 'scripts/workbench/preview/__tests__/settings-page.browser.ts',
    testNamePattern: '^errors: an unknown token and a wrong BCC address',
  },
];

/** The files a defect edits, which its gate is scoped to. */
export function scopeOf(defect: SeededDefect): string[] {
  return Object.keys(defect.edits);
}

/**
 * Runs one gate scoped to `onlyFiles`. Like run-gates' `runGate` (which cannot pass a scope), a
 * gate that throws has failed, with the error as its finding.
 */
export async function runScoped(gate: Gate, root: string, onlyFiles: readonly string[], testNamePattern?: string): Promise<GateResult> {
  try {
    return await gate.run({ root, onlyFiles, ...(testNamePattern ? { testNamePattern } : {}) });
  } catch (error: unknown) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { ok: false, findings: [{ file: `scripts/verify/gates/${gate.id}.ts`, message: `gate crashed: ${message}` }] };
  }
}

/** The expected rules no finding names (empty when every one was caught). */
export function missingRules(defect: SeededDefect, located: readonly { message: string }[]): string[] {
  return (defect.expectRules ?? []).filter((rule) => !located.some((finding) => finding.message.includes(rule)));
}

/** Applies a defect's edits; throws when a text to replace is not found (the defect would not be seeded). */
export function applyEdits(root: string, defect: SeededDefect): void {
  for (const [file, [find, replace]] of Object.entries(defect.edits)) {
    const path = join(root, file);
    if (find === '') {
      writeFileSync(path, replace);
      continue;
    }
    const source = readFileSync(path, 'utf8');
    if (!source.includes(find)) throw new Error(`Cannot seed "${defect.description}": "${find}" not found in ${file}. Update DEFECTS.`);
    writeFileSync(path, source.replace(find, replace));
  }
}

async function main(): Promise<void> {
  const repo = fileURLToPath(new URL('../..', import.meta.url));
  const worktree = mkdtempSync(join(tmpdir(), 'sisync-prove-'));
  execFileSync('git', ['worktree', 'add', '--detach', worktree, 'HEAD'], { cwd: repo, stdio: 'ignore' });
  symlinkSync(join(repo, 'node_modules'), join(worktree, 'node_modules'));
  symlinkSync(join(repo, 'scripts/verify/platform-compiler/node_modules'), join(worktree, 'scripts/verify/platform-compiler/node_modules'));
  let missed = 0;
  try {
    for (const defect of DEFECTS) {
      const gate = GATES.find((candidate) => candidate.id === defect.gate);
      if (!gate) throw new Error(`No gate ${defect.gate}`);
      applyEdits(worktree, defect);
      const started = Date.now();
      const result = await runScoped(gate, worktree, scopeOf(defect), defect.testNamePattern);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const located = result.findings.filter((finding) => finding.file === defect.expectFile);
      const caught = !result.ok && located.length > 0 && missingRules(defect, located).length === 0;
      if (!caught) missed++;
      console.log(`${caught ? '✔ caught' : '✘ MISSED'} ${defect.gate}: ${defect.description} (${seconds} s)`);
      for (const finding of located) console.log(`    ${formatFinding(finding)}`);
      // A miss says what the gate did see, so the cause shows in CI's log, not only on a rerun here.
      if (!caught) for (const finding of result.findings.slice(0, 5)) console.log(`    saw instead: ${formatFinding(finding)}`);
      // …and what it checked (a scoped gate that found nothing to check says so in a note).
      if (!caught) for (const note of (result.notes ?? []).slice(0, 5)) console.log(`    note: ${note}`);
      execFileSync('git', ['checkout', '--', '.'], { cwd: worktree });
      execFileSync('git', ['clean', '-fdq', '-e', 'node_modules', '-e', 'scripts/verify/platform-compiler/node_modules'], {
        cwd: worktree,
      });
    }
  } finally {
    execFileSync('git', ['worktree', 'remove', '--force', worktree], { cwd: repo });
    rmSync(worktree, { recursive: true, force: true });
  }
  console.log(`${DEFECTS.length - missed} passed, ${missed} failed`);
  process.exitCode = missed === 0 ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
