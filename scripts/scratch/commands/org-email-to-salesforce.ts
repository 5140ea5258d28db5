/**
 * `npm run org:email-to-salesforce`: Email to Salesforce active in a connected org, for admins who
 * prefer the CLI to Setup → Email → Email to Salesforce. --target-org is required: this changes a
 * real org, never a guessed default.
 */
import { stringFlag, UsageError, type CommandHelp } from '../cli/args.ts';
import { REQUIRED_TARGET_ORG, TARGET_ORG_RENAMES } from '../cli/flags.ts';
import { emailToSalesforceFiles } from '../email-to-salesforce.ts';
import { checkOrg } from '../preflight/preflight.ts';
import { deployMetadata, type Command } from './context.ts';

const help: CommandHelp = {
  name: 'org:email-to-salesforce',
  summary: 'Turns Email to Salesforce on in an org (EmailAdministrationSettings, enableEmailToSalesforce).',
  description: ['The same as Setup → Email → Email to Salesforce → Active. Scratch orgs have it from their definition.'],
  flags: [REQUIRED_TARGET_ORG],
  examples: ['npm run org:email-to-salesforce -- --target-org acme-prod'],
  renamed: TARGET_ORG_RENAMES,
};

export const orgEmailToSalesforce: Command = {
  help,
  async run(values, context) {
    const targetOrg = stringFlag(values, 'target-org');
    if (targetOrg === undefined) throw new UsageError('Name the org: --target-org <alias or username> (see `npx sf org list`).', help);
    const org = await checkOrg(context.sf, { targetOrg, kind: 'any', command: help.name, today: context.today });
    await deployMetadata(context, org.label, emailToSalesforceFiles(context.project.apiVersion));
    context.log(`Email to Salesforce is active in ${org.label}. Reps now find My Email to Salesforce under Settings → Email.`);
  },
};
