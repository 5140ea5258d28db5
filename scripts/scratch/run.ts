/**
 * The scratch-org and packaging commands: `npm run <org:create|org:deploy|org:test|org:delete|
 * org:relay-user|org:email-to-salesforce|package:version> -- [flags]`, each with `--help`.
 * A command that cannot start (no Dev Hub, no org, an expired org, a flag it does not know) says
 * so in at most three lines and exits 1 before it changes anything.
 */
import { fileURLToPath } from 'node:url';
import { helpText, parseCommandArgs, UsageError } from './cli/args.ts';
import { CommandError } from './commands/errors.ts';
import { COMMANDS, commandNamed } from './commands/registry.ts';
import { todayUtc } from './preflight/preflight.ts';
import { createSf, SfUnavailableError } from './sf/sf.ts';
import { buildLwc } from '../build/build-lwc.ts';
import { readSfdxProject } from '../verify/lib/files.ts';
import { formatFinding } from '../verify/lib/gate.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function build(): Promise<void> {
  const findings = await buildLwc(root);
  if (findings.length > 0) {
    throw new CommandError(`The LWC build failed; nothing was deployed:\n${findings.map(formatFinding).join('\n')}`);
  }
}

async function main(name: string | undefined, args: readonly string[]): Promise<void> {
  const command = commandNamed(name);
  if (command === undefined) {
    throw new CommandError(`Unknown command "${name ?? ''}": use one of ${COMMANDS.map((known) => known.help.name).join(', ')}.`);
  }
  const values = parseCommandArgs(command.help, args);
  if (values['help'] === true) {
    process.stdout.write(helpText(command.help));
    return;
  }
  const project = readSfdxProject(root);
  await command.run(values, {
    project: { root, namespace: project.namespace, apiVersion: project.sourceApiVersion },
    sf: createSf({ root }),
    build,
    log: (line) => console.log(line),
    today: todayUtc(),
  });
}

const [name, ...args] = process.argv.slice(2);
try {
  await main(name, args);
} catch (error: unknown) {
  if (error instanceof UsageError) console.error(`${error.message}\n${error.usage}`);
  else if (error instanceof CommandError || error instanceof SfUnavailableError) console.error(error.message);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
}
