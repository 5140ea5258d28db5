import { fileURLToPath } from 'node:url';
import { formatFinding, type Gate, type GateResult } from './lib/gate.ts';
import { typecheckGate } from './gates/typecheck.ts';
import { lintFormatGate } from './gates/lint-format.ts';
import { apexSyntaxGate } from './gates/apex-syntax.ts';
import { apexSemanticsGate } from './gates/apex-semantics.ts';
import { codeAnalyzerGate } from './gates/code-analyzer.ts';
import { lwcCompilerGate } from './gates/lwc-compiler.ts';
import { metadataGate } from './gates/metadata.ts';
import { testsGate } from './gates/tests.ts';
import { browserGate } from './gates/browser.ts';

/**
 * `npm test`: runs every offline gate — all of them, even after one fails — prints what each
 * found as `file:line:col message`, and ends with `N passed, N failed` counting gates.
 * `npm test -- <id> [<id>…]` (or `npm run gate -- <id> [<id>…]`) runs only the named gates.
 */

/** The gates in the order they run: cheap and foundational first. */
export const GATES: readonly Gate[] = [
  typecheckGate,
  lintFormatGate,
  apexSyntaxGate,
  apexSemanticsGate,
  codeAnalyzerGate,
  lwcCompilerGate,
  metadataGate,
  testsGate,
  browserGate,
];

/**
 * Picks the gates named on the command line — `npm test -- <id> [<id>…]`, or after `--only` as
 * `npm run gate -- <id>` passes them — or all when none is named. An unknown name or flag is an
 * error naming the known gates: it never falls back to running everything.
 */
export function selectGates(args: readonly string[], gates: readonly Gate[] = GATES): readonly Gate[] {
  const onlyGiven = args.includes('--only');
  const wanted = args.filter((arg) => arg !== '--only');
  if (wanted.length === 0 && !onlyGiven) return gates;
  const unknown = wanted.filter((id) => !gates.some((gate) => gate.id === id));
  if (wanted.length === 0 || unknown.length > 0) {
    throw new Error(
      `Unknown or missing gate id(s): ${unknown.join(', ') || '(none given)'}. Known: ${gates.map((gate) => gate.id).join(', ')}.`,
    );
  }
  return gates.filter((gate) => wanted.includes(gate.id));
}

/** Runs one gate; a gate that throws has failed, with the error as its finding. */
export async function runGate(gate: Gate, root: string): Promise<GateResult> {
  try {
    return await gate.run({ root });
  } catch (error: unknown) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { ok: false, findings: [{ file: `scripts/verify/gates/${gate.id}.ts`, message: `gate crashed: ${message}` }] };
  }
}

/** Runs the gates in turn and prints each result; returns the counts. */
export async function runGates(
  gates: readonly Gate[],
  root: string,
  print: (line: string) => void,
): Promise<{ passed: number; failed: number }> {
  let passed = 0;
  let failed = 0;
  for (const gate of gates) {
    const started = Date.now();
    print(`▶ ${gate.id}: ${gate.title}`);
    const result = await runGate(gate, root);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    for (const note of result.notes ?? []) print(`  · ${note}`);
    for (const finding of result.findings) print(`  ✗ ${formatFinding(finding)}`);
    const ok = result.ok && result.findings.length === 0;
    print(`${ok ? '✔ PASS' : '✘ FAIL'} ${gate.id} (${seconds} s${ok ? '' : `, ${result.findings.length} finding(s)`})`);
    if (ok) passed++;
    else failed++;
  }
  return { passed, failed };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  let gates: readonly Gate[];
  try {
    gates = selectGates(process.argv.slice(2));
  } catch (error: unknown) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  const started = Date.now();
  const { passed, failed } = await runGates(gates, root, (line) => console.log(line));
  console.log(`\nGates finished in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}
