/**
 * `npm run package:version`: a beta version of the managed package, built after the components'
 * JavaScript is emitted. When `sfdx-project.json` has no alias for the package yet, the Dev Hub's
 * package of that name and namespace is adopted, or else created (`sf package create --package-type
 * Managed`), and its real id is written back as `packageAliases` — never a made-up one. The version's
 * ids, install URL and coverage are printed and written to `results/package-version.json`, whatever
 * the outcome, so CI keeps it as an artifact.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { integerFlag, stringFlag, type CommandHelp } from '../cli/args.ts';
import { TARGET_DEV_HUB, waitFlag } from '../cli/flags.ts';
import { checkDevHub, checkNamespaceLinked } from '../preflight/preflight.ts';
import { packageVersionCommand } from '../sf-commands.ts';
import { isPackageId, PROJECT_FILE, readPackageEntry, writePackageAlias, type PackageEntry } from '../package/project-file.ts';
import { packageCreateCommand, packageListCommand, promoteCommand, versionReportCommand } from '../package/sf-package.ts';
import {
  createdPackageId,
  packagesNamed,
  PROMOTION_COVERAGE,
  readVersionAnswer,
  VERSION_RESULT_FILE,
  type VersionOutcome,
} from '../package/version-result.ts';
import type { Command, CommandContext } from './context.ts';
import { CommandError } from './errors.ts';

const help: CommandHelp = {
  name: 'package:version',
  summary: 'Builds the components, then creates a beta version of the Sales Insight Sync managed package with code coverage.',
  description: [
    'sf package version create --code-coverage --installation-key-bypass, then prints the version id and install URL and',
    `writes them to ${VERSION_RESULT_FILE}. Needs the Dev Hub that owns the package, with the sisync namespace linked`,
    `(the command checks). Without a package alias in ${PROJECT_FILE} it adopts the Dev Hub's package of that name, or`,
    'creates it (sf package create --package-type Managed), and writes its id into packageAliases: commit that change.',
    "Each version counts against the Dev Hub's daily limit of package versions; versions stay beta until promoted.",
  ],
  flags: [TARGET_DEV_HUB, waitFlag(60)],
  examples: ['npm run package:version', 'npm run package:version -- --target-dev-hub devhub --wait 90'],
  renamed: { 'dev-hub': 'target-dev-hub', devhub: 'target-dev-hub' },
};

/** The package id: the alias in the project file, else the Dev Hub's package of that name, else a new package. */
async function resolvePackage(context: CommandContext, devHub: string, entry: PackageEntry): Promise<string> {
  if (entry.packageId !== undefined) return entry.packageId;
  const root = context.project.root;
  // sf package create rewrites sfdx-project.json itself (its own entry and formatting); the
  // developers' text is kept and only the alias is added to it.
  const original = readFileSync(join(root, PROJECT_FILE), 'utf8');
  const listed = await context.sf.json(packageListCommand(devHub));
  if (listed.status !== 0) {
    throw new CommandError(
      `sf package list could not read the Dev Hub ${devHub}'s packages (${listed.message ?? `exit ${listed.status}`}): check it with \`npx sf package list --target-dev-hub ${devHub}\`.`,
    );
  }
  const existing = packagesNamed(listed, entry.name, context.project.namespace).filter((found) => isPackageId(found.id));
  if (existing.length > 1) {
    throw new CommandError(
      `The Dev Hub ${devHub} has ${existing.length} managed packages named "${entry.name}" (${existing.map((found) => found.id).join(', ')}): add the right one to ${PROJECT_FILE} as "packageAliases": {"${entry.name}": "0Ho…"}.`,
    );
  }
  let id = existing[0]?.id;
  if (id !== undefined) {
    context.log(`The Dev Hub ${devHub} already has the package "${entry.name}" (${id}); ${PROJECT_FILE} had no alias for it.`);
  } else {
    const args = packageCreateCommand(devHub, entry.name, entry.path);
    context.log(`$ sf ${args.join(' ')}`);
    const created = await context.sf.json(args);
    id = createdPackageId(created);
    if (created.status !== 0) {
      throw new CommandError(
        `sf package create refused to create "${entry.name}" (${(created.message ?? `exit ${created.status}`).split('\n')[0]}): nothing was written; fix that and run \`npm run package:version\` again.`,
      );
    }
    if (id === undefined || !isPackageId(id)) {
      throw new CommandError(
        `sf package create answered no package id (got ${JSON.stringify(id ?? null)}): nothing was written; see \`npx sf package list --target-dev-hub ${devHub}\`.`,
      );
    }
    context.log(`Created the managed package "${entry.name}": ${id}.`);
  }
  writePackageAlias(root, entry.name, id, original);
  context.log(
    `Wrote "packageAliases": {"${entry.name}": "${id}"} into ${PROJECT_FILE}: commit it, so every checkout builds versions of this package.`,
  );
  return id;
}

function writeResult(root: string, outcome: VersionOutcome): void {
  const file = join(root, VERSION_RESULT_FILE);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(outcome, null, 2)}\n`);
}

/** What the user reads after the version request, and the error for an outcome without a version. */
function report(context: CommandContext, outcome: VersionOutcome): void {
  if (outcome.outcome === 'created') {
    context.log(`Package version ${outcome.versionNumber ?? '(number not reported)'} (beta): ${outcome.subscriberPackageVersionId}`);
    context.log(`Install URL: ${outcome.installUrl}`);
    context.log(
      `  (sandboxes: ${outcome.sandboxInstallUrl}; or \`npx sf package install --package ${outcome.subscriberPackageVersionId} --target-org <alias> --wait 10\`)`,
    );
    const coverage = outcome.codeCoverage === null ? 'not reported' : `${outcome.codeCoverage} %`;
    if (outcome.hasPassedCodeCoverageCheck === false) {
      context.log(
        `Apex coverage ${coverage}: under the ${PROMOTION_COVERAGE} % a released version needs, so this beta cannot be promoted.`,
      );
    } else {
      context.log(
        `Apex coverage ${coverage}. Betas install in scratch orgs and sandboxes only; release one with \`npx sf ${promoteCommand(outcome.devHub, outcome.subscriberPackageVersionId).join(' ')}\`.`,
      );
    }
    context.log(`Written to ${VERSION_RESULT_FILE}.`);
    return;
  }
  if (outcome.outcome === 'pending') {
    const check =
      outcome.createRequestId === null
        ? `\`npx sf package version create list --target-dev-hub ${outcome.devHub}\``
        : `\`npx sf ${versionReportCommand(outcome.devHub, outcome.createRequestId).join(' ')}\``;
    throw new CommandError(
      `The package version was still building when --wait ran out (${outcome.status ?? 'request timed out'}; ${VERSION_RESULT_FILE} has the request): check it with ${check}.`,
    );
  }
  const lines = outcome.errors.length === 0 ? ['sf gave no reason'] : outcome.errors.slice(0, 10);
  throw new CommandError(
    [
      `The package version was not created (${VERSION_RESULT_FILE} has sf's errors); fix these and run \`npm run package:version\` again:`,
      ...lines.map((line) => `  ${line.split('\n')[0] ?? line}`),
    ].join('\n'),
  );
}

/** The command. */
export const packageVersion: Command = {
  help,
  async run(values, context) {
    const waitMinutes = integerFlag(values, help, 'wait', { min: 1, max: 240, fallback: 60 });
    const devHub = await checkDevHub(context.sf, stringFlag(values, 'target-dev-hub'));
    if (context.project.namespace !== '') await checkNamespaceLinked(context.sf, devHub, context.project.namespace, false);
    const entry = readPackageEntry(context.project.root);
    const packageId = await resolvePackage(context, devHub, entry);
    await context.build();
    const args = packageVersionCommand(devHub, waitMinutes, entry.name);
    context.log(`$ sf ${args.join(' ')}`);
    context.log(`Waiting up to ${waitMinutes} minutes: Salesforce builds the version and runs every Apex test in a build org.`);
    // sf stops at --wait itself; the extra minutes only guard against a hung CLI.
    const answer = await context.sf.json(args, { timeoutMs: (waitMinutes + 10) * 60_000 });
    const outcome = readVersionAnswer(answer, { package: entry.name, packageId, devHub });
    writeResult(context.project.root, outcome);
    report(context, outcome);
  },
};
