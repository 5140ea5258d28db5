/**
 * Turns Email to Salesforce on in a connected org, for admins who prefer the CLI to Setup →
 * Email → Email to Salesforce → Edit → Active. It deploys the `EmailAdministrationSettings`
 * settings metadata with `enableEmailToSalesforce`; scratch orgs get the same from their definition.
 * The files are built here as data, so they are unit-tested without an org.
 */

/** Parses `--target-org <alias>` (required: this changes a real org, never a guessed default). */
export function parseTargetOrg(args: readonly string[]): string {
  let alias: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === '--target-org') {
      const value = args[++index];
      if (value === undefined || value.startsWith('--')) throw new Error('--target-org needs the alias or username of the org.');
      alias = value;
    } else {
      throw new Error(`Unknown option "${arg}". Accepted: --target-org <alias or username>.`);
    }
  }
  if (alias === undefined) {
    throw new Error('Name the org: --target-org <alias or username> (see `sf org list`).');
  }
  return alias;
}

/** `settings/EmailAdministration.settings`: Email to Salesforce active. */
export function emailAdministrationSettingsXml(): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<EmailAdministrationSettings xmlns="http://soap.sforce.com/2006/04/metadata">',
    '    <enableEmailToSalesforce>true</enableEmailToSalesforce>',
    '</EmailAdministrationSettings>',
    '',
  ].join('\n');
}

/** The package.xml of that one setting. */
export function settingsPackageXml(apiVersion: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Package xmlns="http://soap.sforce.com/2006/04/metadata">',
    '    <types>',
    '        <members>EmailAdministration</members>',
    '        <name>Settings</name>',
    '    </types>',
    `    <version>${apiVersion}</version>`,
    '</Package>',
    '',
  ].join('\n');
}
