/** `npm run org:create`: a scratch org from `config/`, which becomes sf's default org. */
import { booleanFlag, integerFlag, stringFlag, type CommandHelp } from '../cli/args.ts';
import { ALIAS, DEFAULT_ALIAS, DURATION_DAYS, NO_NAMESPACE, TARGET_DEV_HUB, waitFlag } from '../cli/flags.ts';
import { checkDevHub, checkNamespaceLinked } from '../preflight/preflight.ts';
import { createScratchCommand } from '../sf-commands.ts';
import { runShown, type Command } from './context.ts';

const help: CommandHelp = {
  name: 'org:create',
  summary: 'Creates a scratch org from config/project-scratch-def.json and makes it the default org.',
  description: [
    'Enterprise edition with Email to Salesforce active. With the sisync namespace unless --no-namespace;',
    'the namespace must be linked to the Dev Hub (the command checks, and says how to link it).',
    'Needs a Dev Hub: npx sf org login web --set-default-dev-hub --alias devhub.',
  ],
  flags: [ALIAS, DURATION_DAYS, NO_NAMESPACE, TARGET_DEV_HUB, waitFlag(20)],
  examples: ['npm run org:create -- --alias sisync-dev --duration-days 7', 'npm run org:create -- -a sisync-dev --no-namespace'],
  renamed: { days: 'duration-days', 'dev-hub': 'target-dev-hub', namespace: 'no-namespace' },
};

export const orgCreate: Command = {
  help,
  async run(values, context) {
    const alias = stringFlag(values, 'alias') ?? DEFAULT_ALIAS;
    const durationDays = integerFlag(values, help, 'duration-days', {
      min: 1,
      max: 30,
      fallback: 7,
      why: ' (scratch orgs live at most 30 days)',
    });
    const waitMinutes = integerFlag(values, help, 'wait', { min: 1, max: 120, fallback: 20 });
    const noNamespace = booleanFlag(values, 'no-namespace');
    const devHub = await checkDevHub(context.sf, stringFlag(values, 'target-dev-hub'));
    if (!noNamespace && context.project.namespace !== '') {
      await checkNamespaceLinked(context.sf, devHub, context.project.namespace, true);
    }
    await runShown(context, createScratchCommand({ alias, durationDays, noNamespace, devHub, waitMinutes }));
    context.log(`Scratch org ${alias} is ready and is the default org. Next: npm run org:deploy`);
  },
};
