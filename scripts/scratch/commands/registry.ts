/** Every `org:*` and `package:*` command, by its npm script name. */
import type { Command } from './context.ts';
import { orgCreate } from './org-create.ts';
import { orgDelete } from './org-delete.ts';
import { orgDeploy } from './org-deploy.ts';
import { orgE2e } from './org-e2e.ts';
import { orgEmailToSalesforce } from './org-email-to-salesforce.ts';
import { orgRelayUser } from './org-relay-user.ts';
import { orgSeed } from './org-seed.ts';
import { orgTest } from './org-test.ts';
import { packageVersion } from './package-version.ts';

/** The commands, in the order a new user meets them. */
export const COMMANDS: readonly Command[] = [
  orgCreate,
  orgDeploy,
  orgSeed,
  orgTest,
  orgE2e,
  orgDelete,
  orgRelayUser,
  orgEmailToSalesforce,
  packageVersion,
];

/** The command of an npm script name, or undefined. */
export function commandNamed(name: string | undefined): Command | undefined {
  return COMMANDS.find((command) => command.help.name === name);
}
