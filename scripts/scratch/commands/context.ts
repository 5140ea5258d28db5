/**
 * What a command is given to run (the project, sf, the LWC build, where to print), and the few
 * steps several commands share. Injected, so the tests run the real commands against the fake sf
 * with a recorded build.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringFlag, type CommandHelp, type FlagValues } from '../cli/args.ts';
import { checkOrg, type OrgInfo, type OrgKind } from '../preflight/preflight.ts';
import type { Sf } from '../sf/sf.ts';
import { metadataDeployCommand } from '../sf-commands.ts';
import { CommandError } from './errors.ts';

/** What the project's `sfdx-project.json` says that the commands use. */
export interface ProjectFacts {
  readonly root: string;
  /** The package namespace (`sisync`), or '' without one. */
  readonly namespace: string;
  readonly apiVersion: string;
}

/** Everything a command runs with. */
export interface CommandContext {
  readonly project: ProjectFacts;
  readonly sf: Sf;
  /** Emits the components' JavaScript from their TypeScript; throws when the build fails. */
  readonly build: () => Promise<void>;
  readonly log: (line: string) => void;
  /** Today as YYYY-MM-DD (UTC). */
  readonly today: string;
}

/** One `org:*` or `package:*` command. */
export interface Command {
  readonly help: CommandHelp;
  run(values: FlagValues, context: CommandContext): Promise<void>;
}

/**
 * Runs an sf command with its output shown.
 * @throws CommandError when it exits non-zero (sf has printed why)
 */
export async function runShown(context: CommandContext, args: readonly string[]): Promise<void> {
  context.log(`$ sf ${args.join(' ')}`);
  const code = await context.sf.show(args);
  if (code !== 0) throw new CommandError(`sf ${args.slice(0, 3).join(' ')} failed (exit ${code}); see its message above.`);
}

/** Deploys generated metadata files (path in a metadata directory → content) from a throwaway directory. */
export async function deployMetadata(context: CommandContext, org: string, files: Readonly<Record<string, string>>): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'sisync-deploy-'));
  try {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(directory, path)), { recursive: true });
      writeFileSync(join(directory, path), content);
    }
    await runShown(context, metadataDeployCommand(org, directory));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * The org a command's --target-org names (sf's default org when absent), checked by the preflight
 * for the kind of org the command accepts.
 * @param values the parsed flags
 * @param context the command's context
 * @param help the command's help (its name is used in the sentences)
 * @param kind which orgs the command accepts
 */
export function targetOrg(values: FlagValues, context: CommandContext, help: CommandHelp, kind: OrgKind): Promise<OrgInfo> {
  return checkOrg(context.sf, { targetOrg: stringFlag(values, 'target-org'), kind, command: help.name, today: context.today });
}
