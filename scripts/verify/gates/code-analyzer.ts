/**
 * Gate `code-analyzer`: Salesforce Code Analyzer's security and quality rules, run from Node.
 *
 * The Code Analyzer CLI plugin cannot be installed offline, so the gate drives its engines
 * directly: `@salesforce/code-analyzer-core` 0.52 with the PMD engine 0.46 (PMD 7) and the
 * Graph Engine 0.25 (`sfge`: path-based ApexFlsViolation from @AuraEnabled/REST/… entry points).
 * Both engines spawn Java themselves; the gate hands them the Java found by `lib/java.ts`
 * (≥ 21 preferred, any ≥ 11 accepted — PMD and sfge need only 11).
 *
 * Rules: the union of the Recommended, AppExchange and Security tags of the `pmd` and `sfge`
 * engines (`pmd:Recommended`, `pmd:AppExchange`, `pmd:Security`, `sfge:…`), on the package
 * directories of `sfdx-project.json` (force-app and unpackaged), PMD restricted to Apex,
 * Visualforce and metadata XML (LWC JavaScript/HTML is ESLint's job); CPD is off;
 * `node_modules` is ignored.
 *
 * Verdict:
 *   - fails on every violation of severity 1 (Critical) or 2 (High), and, whatever their severity,
 *     on OperationWithLimitsInLoop, ApexSharingViolations, ApexCRUDViolation, ApexSOQLInjection,
 *     AvoidHardcodedCredentials*, ApexFlsViolation — unless the violation is listed in the reviewed
 *     file `config/code-analyzer-suppressions.json`:
 *       { "suppressions": [ { "rule": "ApexCRUDViolation" (or "pmd:ApexCRUDViolation"),
 *                             "file": "force-app/…/X.cls", "line": 12 (optional: any line),
 *                             "reason": "≥ 40 characters a security reviewer would accept" } ] }
 *     An entry its JSON Schema rejects (no such reason, an unknown key, a bad line…) or that matches
 *     no violation (stale) fails — except a `PathEvaluationTimeout` or `PathEvaluationCrash` entry,
 *     noted when unused: whether Graph Engine finishes an entry point varies with the machine's load.
 *   - other violations (severity 3–5) are advisory: counted by rule in the notes and written one
 *     per line to `results/code-analyzer-advisory.txt`, never failing;
 *   - engine failures surface as Critical `UninstantiableEngineError`/`UnexpectedEngineError`
 *     violations and fail;
 *   - inline suppressions would bypass the review: Code Analyzer's own `code-analyzer-suppress`
 *     markers are disabled, and PMD's `// NOPMD` and `@SuppressWarnings('PMD…')` (which PMD honours
 *     and cannot be told to ignore) are reported as findings.
 *
 * Modules (`code-analyzer/`): `engines.ts` runs the engines and reads their violations;
 * `suppressions.ts` reads the suppression file, validates it against
 * `config/code-analyzer-suppressions.schema.json` (ajv) and matches entries to violations;
 * `inline-suppressions.ts` finds NOPMD and @SuppressWarnings; `verdict.ts` judges and summarises.
 *
 * Scope (`GateContext.onlyFiles`, set by `npm run prove-gates`): the engines target only the named
 * files that a full run targets, while the workspace stays the whole package directories (Graph
 * Engine resolves types and paths across all of them); suppression entries for other files are
 * neither used nor stale. `npm test` sets no scope.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { toPosix } from '../lib/apex-project.ts';
import type { Gate, GateContext, GateResult } from '../lib/gate.ts';
import { analyze } from './code-analyzer/engines.ts';
import { inlineSuppressionFindings } from './code-analyzer/inline-suppressions.ts';
import { readSuppressionFile, SUPPRESSIONS_FILE } from './code-analyzer/suppressions.ts';
import { ADVISORY_REPORT, judge } from './code-analyzer/verdict.ts';

/** The gate: runs the engines, judges their violations against the reviewed suppressions, writes the advisory report. */
export const codeAnalyzerGate: Gate = {
  id: 'code-analyzer',
  title: 'Code Analyzer (PMD + Graph Engine): no High/Critical or security/limits violation outside the reviewed suppressions',
  async run(context: GateContext): Promise<GateResult> {
    const root = path.resolve(context.root);
    const started = Date.now();
    const suppressionText = await readSuppressionFile(root);
    const { violations, notes, dirs, targeted } = await analyze(root, context.onlyFiles);
    const inline = await inlineSuppressionFindings(root, dirs, targeted);
    if (suppressionText === undefined) notes.push(`no ${SUPPRESSIONS_FILE}: nothing is suppressed`);
    const analysed = targeted
      ? `${targeted.size} scoped file(s)`
      : dirs.map((dir) => toPosix(path.relative(root, dir))).join(', ') || 'nothing';
    notes.push(`analysed ${analysed} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const result = judge(violations, suppressionText, inline, notes, targeted);
    await mkdir(path.join(root, path.dirname(ADVISORY_REPORT)), { recursive: true });
    await writeFile(path.join(root, ADVISORY_REPORT), result.advisoryLines.map((line) => `${line}\n`).join(''));
    return result;
  },
};
