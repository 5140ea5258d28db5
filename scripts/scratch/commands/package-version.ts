/** `npm run package:version`: a managed package version, built after the components' JavaScript is emitted. */
import { integerFlag, stringFlag, type CommandHelp } from '../cli/args.ts';
import { TARGET_DEV_HUB, waitFlag } from '../cli/flags.ts';
import { checkDevHub, checkNamespaceLinked } from '../preflight/preflight.ts';
import { packageVersionCommand } from '../sf-commands.ts';
import { runShown, type Command } from './context.ts';

const help: CommandHelp = {
  name: 'package:version',
  summary: 'Builds the components, then creates a package version of Sales Insight Sync with code coverage.',
  description: [
    'sf package version create --code-coverage --installation-key-bypass. Needs the Dev Hub that owns the',
    'package, with the sisync namespace linked (the command checks).',
  ],
  flags: [TARGET_DEV_HUB, waitFlag(60)],
  examples: ['npm run package:version', 'npm run package:version -- --target-dev-hub devhub --wait 90'],
  renamed: { 'dev-hub': 'target-dev-hub', devhub: 'target-dev-hub' },
};

export const packageVersion: Command = {
  help,
  async run(values, context) {
    const waitMinutes = integerFlag(values, help, 'wait', { min: 1, max: 240, fallback: 60 });
    const devHub = await checkDevHub(context.sf, stringFlag(values, 'target-dev-hub'));
    if (context.project.namespace !== '') await checkNamespaceLinked(context.sf, devHub, context.project.namespace, false);
    await context.build();
    await runShown(context, packageVersionCommand(devHub, waitMinutes));
  },
};
