/**
 * `npm run org:deploy`: from a clean clone to a scratch org where the package works as installed —
 * build, deploy, the developer's permission sets, the settings' org defaults, the integration user
 * with its documented access, the relay and the jobs running as that user. Every step is safe to
 * repeat, so running it again after a change redeploys and leaves the rest as it is.
 */
import { integerFlag, type CommandHelp } from '../cli/args.ts';
import { TARGET_ORG, waitFlag, TARGET_ORG_RENAMES } from '../cli/flags.ts';
import { ensureIntegrationUser } from '../deploy/integration-user.ts';
import { assignPermissionSets } from '../deploy/permission-sets.ts';
import { deployBaseline, ensureOrgDefaults, orgFacts, startJobs } from '../deploy/steps.ts';
import { relayConfigFiles } from '../relay-user.ts';
import { deployCommand, DEVELOPER_PERMISSION_SETS } from '../sf-commands.ts';
import { deployMetadata, runShown, type Command, targetOrg } from './context.ts';

const help: CommandHelp = {
  name: 'org:deploy',
  summary: 'Builds the components and deploys the project to a scratch org, then sets it up as docs/install.md does.',
  description: [
    'In order: npm run build; sf project deploy start; the Admin and User permission sets to you; the',
    "settings' org defaults; the integration user (Minimum Access - Salesforce, the Integration set and the",
    'baseline permission set of docs/install.md), logged in to sf as <org>-integration; the relay trigger',
    'as that user; the setup heartbeat sent as that user, which schedules the jobs as that user.',
    'Scratch orgs only. Safe to run again.',
  ],
  flags: [TARGET_ORG, waitFlag(30)],
  examples: ['npm run org:deploy', 'npm run org:deploy -- --target-org sisync-dev'],
  renamed: TARGET_ORG_RENAMES,
};

export const orgDeploy: Command = {
  help,
  async run(values, context) {
    const waitMinutes = integerFlag(values, help, 'wait', { min: 1, max: 120, fallback: 30 });
    const org = await targetOrg(values, context, help, 'scratch-only');
    context.log(`Deploying to ${org.label} (${org.username}).`);
    await context.build();
    await runShown(context, deployCommand(org.label, waitMinutes));
    await assignPermissionSets(context, org.label, DEVELOPER_PERMISSION_SETS);
    const facts = await orgFacts(context, org.label);
    await ensureOrgDefaults(context, org.label, facts);
    await deployBaseline(context, org.label);
    const user = await ensureIntegrationUser(context, org);
    context.log(`Integration user ${user.username} (${user.created ? 'created' : 'kept'}), logged in to sf as ${user.alias}.`);
    await deployMetadata(
      context,
      org.label,
      relayConfigFiles({ user: user.username, namespace: facts.namespace }, context.project.apiVersion),
    );
    await startJobs(context, user.alias, facts.namespace);
    context.log(`${org.label} is ready. Next: npm run org:test -- --target-org ${org.label}`);
  },
};
