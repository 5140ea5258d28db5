/**
 * `npm run org:e2e -- --alias <org> --workbench-url <https url>`: the round trip against a real
 * scratch org with the workbench playing Sales Insight. It starts the workbench on the port the
 * user's https tunnel forwards to, points the package's Named Credential, token URL and principal
 * at it through Connect REST, and then runs each step of docs/e2e.md, printing a table of what
 * passed and writing it to results/e2e.json. A failed step fails the run (exit 1); a step whose
 * prerequisite failed is skipped and says which.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { type CommandHelp, UsageError } from '../cli/args.ts';
import { TARGET_ORG } from '../cli/flags.ts';
import { checkOrg } from '../preflight/preflight.ts';
import { PreflightError, CommandError } from './errors.ts';
import type { Command } from './context.ts';
import type { E2eContext } from '../e2e/context.ts';
import { childLauncher, type WorkbenchLauncher } from '../e2e/launcher.ts';
import { readOptions } from '../e2e/options.ts';
import { realWaiting, type Waiting } from '../e2e/poll.ts';
import { Redactor } from '../e2e/redact.ts';
import { resultsTable, runPassed, runSteps, totalsLine, writeResults, type Step } from '../e2e/runner.ts';
import { SalesforceClient } from '../e2e/salesforce.ts';
import { E2E_STEPS } from '../e2e/steps/index.ts';
import { WorkbenchClient } from '../e2e/workbench-client.ts';

/** Where the table is written, relative to the project (git-ignored). */
export const RESULTS_FILE = 'results/e2e.json';

const help: CommandHelp = {
  name: 'org:e2e',
  summary: 'The round trip against a scratch org with the workbench as Sales Insight; prints what passed, writes results/e2e.json.',
  description: [
    'Needs a scratch org set up by npm run org:deploy (its integration user logged in to sf as <org>-integration)',
    'and an https tunnel from --workbench-url to 127.0.0.1:<--workbench-port> (docs/e2e.md). It starts the workbench',
    'there, points the SalesInsight Named Credential, token URL and principal at it (Connect REST), then: the',
    'first-time sync (24 h window, re-enabled deletions), Tasks Salesforce → SIA and reminders SIA → Salesforce,',
    'faults, e-mails logged through the API under each matching rule, a BCC-active sender. Signing first: --signing-key-file with the key the',
    "signing card generated, or --accept-unsigned to record the card's opt-out for the run. Secrets are never printed.",
  ],
  flags: [
    TARGET_ORG,
    { name: 'alias', short: 'a', type: 'string', valueName: 'alias', summary: 'The same as --target-org.' },
    {
      name: 'workbench-url',
      type: 'string',
      valueName: 'https url',
      summary: "The tunnel's https origin Salesforce calls, e.g. https://abc.trycloudflare.com (required).",
    },
    {
      name: 'workbench-port',
      type: 'string',
      valueName: 'port',
      summary: 'Loopback port the workbench listens on, where the tunnel forwards (default: 4321).',
    },
    {
      name: 'signing-key-file',
      type: 'string',
      valueName: 'path',
      summary: "File holding the key the org's signing card generated; handed to the workbench, never printed.",
    },
    { name: 'accept-unsigned', type: 'boolean', summary: "Record the signing card's 'accept unsigned calls' for the run instead." },
    {
      name: 'integration-org',
      type: 'string',
      valueName: 'alias',
      summary: "sf alias of the integration user the workbench delivers as (default: <org>-integration, org:deploy's).",
    },
    { name: 'wait', short: 'w', type: 'string', valueName: 'minutes', summary: 'Minutes one step waits for the other side (default: 3).' },
  ],
  examples: [
    'npm run org:e2e -- --alias sisync-dev --workbench-url https://abc.trycloudflare.com --signing-key-file ~/.sisync/signing-key',
    'npm run org:e2e -- --target-org sisync-dev --workbench-url https://abc.trycloudflare.com --accept-unsigned',
  ],
  renamed: { org: 'target-org', u: 'target-org', url: 'workbench-url', port: 'workbench-port', 'key-file': 'signing-key-file' },
};

/** What org:e2e is run with beyond its command context; the tests replace each. */
export interface E2eDependencies {
  /** Starts the workbench; default: `scripts/workbench/main.ts` as a child. */
  readonly launcher?: (root: string) => WorkbenchLauncher;
  readonly waiting?: (timeoutMs: number) => Waiting;
  /** The steps to run; default: all of them. */
  readonly steps?: readonly Step<E2eContext>[];
  readonly runId?: () => string;
  readonly clientSecret?: () => string;
  readonly now?: () => Date;
  /** The workbench's API through the public URL; default: a client of that URL. */
  readonly publicClient?: (publicUrl: string) => WorkbenchClient;
}

/** org:e2e with its dependencies. */
export function createOrgE2e(dependencies: E2eDependencies = {}): Command {
  return {
    help,
    async run(values, context) {
      const options = readOptions(values, help, process.cwd());
      let org;
      try {
        org = await checkOrg(context.sf, { targetOrg: options.targetOrg, kind: 'scratch-only', command: help.name, today: context.today });
      } catch (error: unknown) {
        if (!(error instanceof PreflightError)) throw error;
        throw new PreflightError(
          `${error.message}\norg:e2e then needs the package deployed (npm run org:deploy) and an https tunnel to the workbench (docs/e2e.md).`,
        );
      }
      if (options.workbenchUrl === undefined) {
        throw new UsageError(
          '--workbench-url is required: the https URL of a tunnel to the workbench, e.g. --workbench-url https://abc.trycloudflare.com (docs/e2e.md).',
          help,
        );
      }
      if (options.signing === undefined) {
        throw new UsageError(
          "Choose how the run signs: --signing-key-file <file> with the key the signing card generated (Setup tab → Inbound signing → Generate), or --accept-unsigned to record the card's opt-out.",
          help,
        );
      }
      const redactor = new Redactor();
      const clientSecret = dependencies.clientSecret?.() ?? randomBytes(32).toString('hex');
      redactor.add(clientSecret);
      if (options.signingKey !== null) redactor.add(options.signingKey);
      const runId = dependencies.runId?.() ?? `e2e-${randomBytes(3).toString('hex')}`;
      const startedAt = (dependencies.now?.() ?? new Date()).toISOString();
      const e2e: E2eContext = {
        org,
        salesforce: new SalesforceClient(context.sf, org.label, context.project.apiVersion),
        publicUrl: options.workbenchUrl,
        publicClient: dependencies.publicClient?.(options.workbenchUrl) ?? new WorkbenchClient(options.workbenchUrl),
        launcher: (dependencies.launcher ?? childLauncher)(context.project.root),
        launch: {
          port: options.port,
          clientId: `sisync-${runId}`,
          clientSecret,
          signingKeyFile: options.signing.kind === 'key' ? options.signing.file : null,
          orgId: org.orgId,
          integrationOrg: options.integrationOrg ?? `${org.label}-integration`,
        },
        signing: options.signing,
        redactor,
        waiting: (dependencies.waiting ?? realWaiting)(options.waitMinutes * 60_000),
        runId,
        state: {},
      };
      const log = (line: string): void => context.log(redactor.redact(line));
      log(`Round trip ${runId}: ${org.label} (${org.username}) ⇄ workbench at ${options.workbenchUrl} → 127.0.0.1:${options.port}.`);
      let rows;
      try {
        rows = await runSteps(dependencies.steps ?? E2E_STEPS, e2e, {
          redactor,
          onRow: (row) =>
            log(`  ${row.outcome === 'passed' ? 'ok  ' : row.outcome === 'failed' ? 'FAIL' : 'skip'} ${row.step}: ${row.detail}`),
        });
      } finally {
        await e2e.state.launched?.stop();
      }
      log('');
      for (const line of resultsTable(rows)) log(line);
      const signing =
        options.signing.kind === 'key'
          ? `signed, key fingerprint ${options.signing.fingerprint}`
          : "unsigned: 'accept unsigned calls' recorded for the run";
      writeResults(
        join(context.project.root, RESULTS_FILE),
        {
          org: org.label,
          workbenchUrl: options.workbenchUrl,
          signing,
          startedAt,
          passed: runPassed(rows),
          totals: totalsLine(rows),
          steps: rows,
        },
        redactor,
      );
      log(`Signing: ${signing}. Results: ${RESULTS_FILE}. The SalesInsight Named Credential now points at ${options.workbenchUrl}.`);
      if (!runPassed(rows)) {
        const names = rows.filter((row) => row.outcome === 'failed').map((row) => row.step);
        throw new CommandError(`The round trip failed at ${names.join(', ')}: see the table above and ${RESULTS_FILE}.`);
      }
    },
  };
}

export const orgE2e: Command = createOrgE2e();
