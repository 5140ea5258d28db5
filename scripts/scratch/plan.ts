import { join } from 'node:path';
import { packageXml, parseRelayUserOptions, subscriberConfigXml } from './relay-user.ts';
import { emailAdministrationSettingsXml, parseTargetOrg, settingsPackageXml } from './email-to-salesforce.ts';
import {
  apexTestCommand,
  assignPermissionSetsCommand,
  createScratchCommand,
  deployCommand,
  packageVersionCommand,
  parseScratchOptions,
} from './sf-commands.ts';

/** One step of a command: build the LWC JavaScript, run sf, deploy generated metadata, or tell the user something. */
export type Step =
  | { readonly kind: 'buildLwc' }
  | { readonly kind: 'sf'; readonly args: readonly string[] }
  | { readonly kind: 'deployMetadata'; readonly alias: string; readonly files: Readonly<Record<string, string>> }
  | { readonly kind: 'say'; readonly text: string };

/** What a plan needs from the project. */
export interface PlanContext {
  readonly root: string;
  readonly apiVersion: string;
}

/**
 * The steps of `npm run <command> -- <args>`. Every step that ships the project's source (a deploy,
 * a package version) comes after `buildLwc`: the components' `.js` is emitted from their `.ts`,
 * git-ignored, and a clean clone has none, so a deploy without the build would ship bundles without
 * their JavaScript. Pure, so tests can check that order without an org.
 * @returns the steps, in order
 * @throws Error naming the accepted commands for an unknown one, or an option's problem
 */
export function planFor(command: string | undefined, args: readonly string[], context: PlanContext): Step[] {
  switch (command) {
    case 'create':
      return [{ kind: 'sf', args: createScratchCommand(parseScratchOptions(args)) }];
    case 'deploy': {
      const { alias } = parseScratchOptions(args);
      return [{ kind: 'buildLwc' }, { kind: 'sf', args: deployCommand(alias) }, { kind: 'sf', args: assignPermissionSetsCommand(alias) }];
    }
    case 'test': {
      const { alias } = parseScratchOptions(args);
      return [{ kind: 'sf', args: apexTestCommand(alias, join(context.root, 'coverage', 'apex')) }];
    }
    case 'relay-user': {
      const options = parseRelayUserOptions(args);
      return [
        {
          kind: 'deployMetadata',
          alias: options.alias,
          files: {
            'package.xml': packageXml(context.apiVersion),
            'platformEventSubscriberConfigs/SalesInsightSyncRelay.platformEventSubscriberConfig': subscriberConfigXml(options),
          },
        },
        {
          kind: 'say',
          text: `The relay trigger now runs as ${options.user}. The jobs follow at the next setup heartbeat Sales Insight sends as that user (POST /services/apexrest/v1/setup/heartbeat); the setup assistant shows both.`,
        },
      ];
    }
    case 'email-to-salesforce': {
      const alias = parseTargetOrg(args);
      return [
        {
          kind: 'deployMetadata',
          alias,
          files: {
            'package.xml': settingsPackageXml(context.apiVersion),
            'settings/EmailAdministration.settings': emailAdministrationSettingsXml(),
          },
        },
        { kind: 'say', text: `Email to Salesforce is active in ${alias}. Reps now find My Email to Salesforce under Settings → Email.` },
      ];
    }
    case 'package-version':
      return [{ kind: 'buildLwc' }, { kind: 'sf', args: packageVersionCommand(args[0] ?? 'devhub') }];
    default:
      throw new Error(`Unknown command "${command ?? ''}". Use create, deploy, test, relay-user, email-to-salesforce or package-version.`);
  }
}

/** Whether a step ships the project's source to an org or a package version. */
export function shipsSource(step: Step): boolean {
  return (
    step.kind === 'sf' &&
    (step.args.slice(0, 3).join(' ') === 'project deploy start' || step.args.slice(0, 3).join(' ') === 'package version create')
  );
}
