/** `npm run org:delete`: deletes a scratch org and sf's logins to it (the admin's and the integration user's). */
import { stringFlag, type CommandHelp } from '../cli/args.ts';
import { TARGET_ORG } from '../cli/flags.ts';
import { checkOrg } from '../preflight/preflight.ts';
import { deleteScratchCommand } from '../sf-commands.ts';
import { runShown, type Command } from './context.ts';

const help: CommandHelp = {
  name: 'org:delete',
  summary: 'Deletes a scratch org, without asking again.',
  description: ["Scratch orgs only (sf refuses any other org). Frees one of the Dev Hub's active scratch orgs."],
  flags: [TARGET_ORG],
  examples: ['npm run org:delete -- --target-org sisync-dev'],
  renamed: { alias: 'target-org', org: 'target-org', u: 'target-org' },
};

export const orgDelete: Command = {
  help,
  async run(values, context) {
    const org = await checkOrg(context.sf, {
      targetOrg: stringFlag(values, 'target-org'),
      kind: 'scratch-only',
      command: help.name,
      today: context.today,
    });
    await runShown(context, deleteScratchCommand(org.label));
    context.log(`Deleted ${org.label} (${org.username}).`);
  },
};
