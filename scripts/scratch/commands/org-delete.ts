/** `npm run org:delete`: deletes a scratch org and sf's logins to it (the admin's and the integration user's). */
import { type CommandHelp } from '../cli/args.ts';
import { TARGET_ORG, TARGET_ORG_RENAMES } from '../cli/flags.ts';
import { deleteScratchCommand } from '../sf-commands.ts';
import { runShown, type Command, targetOrg } from './context.ts';

const help: CommandHelp = {
  name: 'org:delete',
  summary: 'Deletes a scratch org, without asking again.',
  description: ["Scratch orgs only (sf refuses any other org). Frees one of the Dev Hub's active scratch orgs."],
  flags: [TARGET_ORG],
  examples: ['npm run org:delete -- --target-org sisync-dev'],
  renamed: TARGET_ORG_RENAMES,
};

export const orgDelete: Command = {
  help,
  async run(values, context) {
    const org = await targetOrg(values, context, help, 'scratch-only');
    await runShown(context, deleteScratchCommand(org.label));
    context.log(`Deleted ${org.label} (${org.username}).`);
  },
};
