/**
 * `npm run org:test`: every local Apex test with coverage. sf writes its JSON, JUnit and coverage
 * files into results/apex (git-ignored; CI keeps them as an artifact); this prints the summary
 * table, writes it to results/apex/summary.json, and fails on any failed test or under 90 %
 * org-wide coverage.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MINIMUM_COVERAGE, summarizeApexTests, summaryTable, verdict } from '../apex-test-results.ts';
import { integerFlag, type CommandHelp } from '../cli/args.ts';
import { TARGET_ORG, waitFlag, TARGET_ORG_RENAMES } from '../cli/flags.ts';
import { stringField } from '../sf/sf.ts';
import { apexTestCommand } from '../sf-commands.ts';
import { type Command, targetOrg } from './context.ts';
import { CommandError } from './errors.ts';

/** Where the results go, relative to the project. */
export const RESULTS_DIR = 'results/apex';

const help: CommandHelp = {
  name: 'org:test',
  summary: `Runs every local Apex test with code coverage and fails on a failure or under ${MINIMUM_COVERAGE} % org-wide coverage.`,
  description: [
    `sf apex run test --test-level RunLocalTests --code-coverage; sf writes JSON, JUnit and coverage into ${RESULTS_DIR}/,`,
    `and this writes the summary table to ${RESULTS_DIR}/summary.json. Deploy first: npm run org:deploy.`,
  ],
  flags: [TARGET_ORG, waitFlag(60)],
  examples: ['npm run org:test', 'npm run org:test -- --target-org sisync-dev --wait 90'],
  renamed: TARGET_ORG_RENAMES,
};

export const orgTest: Command = {
  help,
  async run(values, context) {
    const waitMinutes = integerFlag(values, help, 'wait', { min: 1, max: 240, fallback: 60 });
    const org = await targetOrg(values, context, help, 'scratch');
    const outputDir = join(context.project.root, RESULTS_DIR);
    mkdirSync(outputDir, { recursive: true });
    const args = apexTestCommand(org.label, outputDir, waitMinutes);
    context.log(`$ sf ${args.join(' ')}`);
    const answer = await context.sf.json(args);
    const summary = summarizeApexTests(answer);
    if (summary === undefined) {
      const runId = stringField(answer.result, 'testRunId');
      throw new CommandError(
        runId === undefined
          ? `The Apex tests did not run in ${org.label}: ${answer.message ?? `sf exited ${answer.status}`}`
          : `The Apex tests did not finish within ${waitMinutes} minutes: get their results with \`npx sf apex get test --test-run-id ${runId} --target-org ${org.label} --code-coverage\`.`,
      );
    }
    const table = summaryTable(summary);
    context.log(`Apex tests in ${org.label} (RunLocalTests):`);
    for (const line of table) context.log(line);
    const reasons = verdict(summary);
    writeFileSync(
      join(outputDir, 'summary.json'),
      `${JSON.stringify({ org: org.label, ...summary, passed: reasons.length === 0, reasons }, null, 2)}\n`,
    );
    context.log(`Results (JSON, JUnit, coverage): ${RESULTS_DIR}/`);
    if (reasons.length > 0) throw new CommandError(reasons.join(' '));
  },
};
