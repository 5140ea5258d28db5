/**
 * `npm run security:report`: the Code Analyzer scan the AppExchange security review asks for, run
 * from Node without the CLI plugin (which cannot be installed offline; see TOOLCHAIN.md): the PMD
 * and Graph Engine engines of `@salesforce/code-analyzer-core`, set up exactly as the code-analyzer
 * gate sets them up (`scripts/verify/gates/code-analyzer/engines.ts`), with the review's rule
 * selectors `AppExchange` and `Recommended:Security` plus every Graph Engine rule (`sfge`), over the
 * package (`scope.ts`). It writes Code Analyzer's own JSON and HTML reports, the ones a reviewer
 * expects attached, to `results/security/`, and `findings.json` with each finding's fate: suppressed
 * with a reviewed reason, explained in `docs/security/false-positives.md`, or unexplained
 * (`classify.ts`).
 *
 * It exits 1 while a finding is unexplained, a Graph Engine timeout or crash suppression has no
 * explanation of what was checked by hand, or an explanation is stale — so the document handed to
 * the reviewer is the one that matches the scan. Graph Engine's unanalysed entry points are not in
 * Code Analyzer's own reports (the engine logs them): `findings.json` and the output list them.
 *
 * Engines whose rules the review also selects but that this project cannot install offline
 * (ESLint, RetireJS, Regex, Flow Scanner) are not run; the output says so rather than hide it.
 * Takes minutes: Graph Engine gives each entry point up to 60 s.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OutputFormat } from '@salesforce/code-analyzer-core';
import { helpText, parseCommandArgs, UsageError, type CommandHelp } from '../scratch/cli/args.ts';
import { runEngines } from '../verify/gates/code-analyzer/engines.ts';
import { parseSuppressions, readSuppressionFile, SUPPRESSIONS_FILE } from '../verify/gates/code-analyzer/suppressions.ts';
import { formatFinding } from '../verify/lib/gate.ts';
import { classify, countsByRule, findingLine, type Classification } from './classify.ts';
import { FALSE_POSITIVES_FILE, parseExplanations, readExplanations } from './false-positives.ts';
import { inDirectories, packagedDirectories } from './scope.ts';

/** The rule selectors of the AppExchange security review, and all of Graph Engine's rules. */
export const SECURITY_SELECTORS = ['AppExchange', 'Recommended:Security', 'sfge'] as const;

/** Where the report is written, relative to the repository root. */
export const RESULTS_DIR = 'results/security';

/** Engines the review's selectors also cover that are not installed here, and what stands in for them. */
export const ENGINES_NOT_RUN =
  'not run: the eslint, retire-js, regex and flow engines (their Code Analyzer plugins are not installed offline); the LWC code is linted by the lint-format gate, and the package ships no third-party JavaScript library or Flow';

/** `--help`. */
export const HELP: CommandHelp = {
  name: 'security:report',
  summary: 'Runs the AppExchange security scan (Code Analyzer: PMD + Graph Engine) over the package and writes its reports.',
  description: [
    `Rule selectors ${SECURITY_SELECTORS.join(', ')} over the packaged directories of sfdx-project.json, offline.`,
    `Writes ${RESULTS_DIR}/code-analyzer.json and .html (Code Analyzer's own formats) and findings.json (each finding`,
    `suppressed by ${SUPPRESSIONS_FILE}, explained in ${FALSE_POSITIVES_FILE}, or unexplained).`,
    'Exits 1 while a finding is unexplained, a Graph Engine timeout suppression is not explained, or an explanation is stale.',
    'Takes minutes (Graph Engine gives each entry point up to 60 s); needs Java 11 or later.',
  ],
  flags: [],
  examples: ['npm run security:report'],
};

/** What {@link runSecurityReport} did. */
export interface ReportOutcome extends Classification {
  readonly ok: boolean;
  /** The files written, repository-relative. */
  readonly written: readonly string[];
}

/**
 * Runs the scan over `root`'s package, writes the reports and prints the verdict through `log`.
 * @returns the classification, whether it passed and the files written
 */
export async function runSecurityReport(repository: string, log: (line: string) => void): Promise<ReportOutcome> {
  const started = Date.now();
  // Code Analyzer wants its config root absolute and without a trailing separator.
  const root = path.resolve(repository);
  const dirs = packagedDirectories(root);
  const inScope = inDirectories(dirs);
  const run = await runEngines(root, { selectors: SECURITY_SELECTORS, targets: dirs.map((dir) => path.join(root, dir)) });
  for (const note of run.notes) log(`  ${note}`);
  log(`  ${ENGINES_NOT_RUN}`);

  const suppressions = parseSuppressions(await readSuppressionFile(root));
  const explanations = parseExplanations(await readExplanations(root));
  const verdict = classify(run.violations, suppressions.entries, explanations.entries, inScope);
  const problems = [
    ...suppressions.findings,
    ...explanations.problems.map((problem) => ({ file: FALSE_POSITIVES_FILE, line: problem.line, message: problem.message })),
    ...verdict.problems,
  ];

  const out = path.join(root, RESULTS_DIR);
  await mkdir(out, { recursive: true });
  const written: string[] = [];
  const write = async (name: string, content: string): Promise<void> => {
    await writeFile(path.join(out, name), content);
    written.push(`${RESULTS_DIR}/${name}`);
  };
  if (run.results !== undefined) {
    await write('code-analyzer.json', run.results.toFormattedOutput(OutputFormat.JSON));
    await write('code-analyzer.html', run.results.toFormattedOutput(OutputFormat.HTML));
  }
  const ok = verdict.unexplained.length === 0 && problems.length === 0;
  await write(
    'findings.json',
    `${JSON.stringify(
      {
        selectors: SECURITY_SELECTORS,
        scanned: dirs,
        ok,
        counts: Object.fromEntries(
          (['suppressed', 'explained', 'unexplained'] as const).map((status) => [
            status,
            verdict.findings.filter((finding) => finding.status === status).length,
          ]),
        ),
        findings: verdict.findings,
        problems: problems.map(formatFinding),
        notes: [...run.notes, ENGINES_NOT_RUN, ...verdict.notes],
      },
      null,
      2,
    )}\n`,
  );

  for (const note of verdict.notes) log(`  ${note}`);
  const suppressed = verdict.findings.filter((finding) => finding.status === 'suppressed');
  const explained = verdict.findings.filter((finding) => finding.status === 'explained');
  if (suppressed.length > 0) log(`  suppressed by rule: ${countsByRule(suppressed)}`);
  if (explained.length > 0) log(`  explained by rule: ${countsByRule(explained)}`);
  for (const finding of verdict.unexplained) {
    log(
      `${findingLine(finding)} — unexplained: fix it, or explain it in ${FALSE_POSITIVES_FILE} (### \`${finding.engine}:${finding.rule}\` in \`${finding.file}:${finding.line ?? 1}\`)`,
    );
  }
  for (const problem of problems) log(formatFinding(problem));
  log(`  wrote ${written.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  log(
    ok
      ? `security:report: every finding is suppressed with a reviewed reason or explained in ${FALSE_POSITIVES_FILE}`
      : `security:report: ${verdict.unexplained.length} unexplained finding(s), ${problems.length} problem(s) in the explanations or suppressions`,
  );
  return { ...verdict, problems, ok, written };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  try {
    const values = parseCommandArgs(HELP, process.argv.slice(2));
    if (values['help'] === true) {
      process.stdout.write(helpText(HELP));
    } else {
      const outcome = await runSecurityReport(root, (line) => console.log(line));
      process.exitCode = outcome.ok ? 0 : 1;
    }
  } catch (error: unknown) {
    if (error instanceof UsageError) console.error(`${error.message}\n${error.usage}`);
    else console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
