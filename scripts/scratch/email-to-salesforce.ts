/**
 * Turns Email to Salesforce on in a connected org, for admins who prefer the CLI to Setup →
 * Email → Email to Salesforce → Edit → Active. It deploys the `EmailAdministrationSettings`
 * settings metadata with `enableEmailToSalesforce`; scratch orgs get the same from their definition.
 * The files are built here as data, so they are unit-tested without an org.
 */

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

/** The metadata directory turning it on: path → content. */
export function emailToSalesforceFiles(apiVersion: string): Record<string, string> {
  return {
    'package.xml': settingsPackageXml(apiVersion),
    'settings/EmailAdministration.settings': emailAdministrationSettingsXml(),
  };
}
