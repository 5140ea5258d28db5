/**
 * `npm run org:relay-user`: the relay trigger runs as the integration user, in any org with the
 * package (org:deploy does this itself in scratch orgs). It deploys the trigger's
 * PlatformEventSubscriberConfig; the jobs follow at the next setup heartbeat sent as that user.
 */
import { booleanFlag, stringFlag, UsageError, type CommandHelp } from '../cli/args.ts';
import { NO_NAMESPACE, ON_BEHALF_OF, TARGET_ORG } from '../cli/flags.ts';
import { isUsername, relayConfigFiles } from '../relay-user.ts';
import { deployMetadata, type Command, targetOrg } from './context.ts';

const help: CommandHelp = {
  name: 'org:relay-user',
  summary: "Makes the relay's trigger run as the integration user (its PlatformEventSubscriberConfig).",
  description: [
    'The one API-only step of docs/install.md, as metadata. --no-namespace for a scratch org made with',
    "--no-namespace; otherwise the trigger is the package's, sisync__OutboxReadyTrigger.",
  ],
  flags: [TARGET_ORG, ON_BEHALF_OF, NO_NAMESPACE],
  examples: ['npm run org:relay-user -- --target-org acme-prod --on-behalf-of sia-integration@acme.com'],
  renamed: { alias: 'target-org', user: 'on-behalf-of', namespace: 'no-namespace' },
};

export const orgRelayUser: Command = {
  help,
  async run(values, context) {
    const user = stringFlag(values, 'on-behalf-of');
    if (user === undefined || !isUsername(user)) {
      throw new UsageError(
        "--on-behalf-of must be the integration user's username (it looks like an e-mail address), e.g. --on-behalf-of sia-integration@acme.com.",
        help,
      );
    }
    const org = await targetOrg(values, context, help, 'any');
    const namespace = booleanFlag(values, 'no-namespace') ? '' : context.project.namespace;
    await deployMetadata(context, org.label, relayConfigFiles({ user, namespace }, context.project.apiVersion));
    context.log(
      `The relay trigger now runs as ${user}. The jobs follow at the next setup heartbeat sent as that user (POST /services/apexrest/${namespace === '' ? '' : `${namespace}/`}v1/setup/heartbeat); the setup assistant shows both.`,
    );
  },
};
