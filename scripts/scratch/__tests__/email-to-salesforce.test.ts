import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emailAdministrationSettingsXml, emailToSalesforceFiles, settingsPackageXml } from '../email-to-salesforce.ts';

test('the settings file turns Email to Salesforce on, and the package names that one setting', () => {
  const settings = emailAdministrationSettingsXml();
  assert.match(settings, /<EmailAdministrationSettings xmlns="http:\/\/soap\.sforce\.com\/2006\/04\/metadata">/);
  assert.match(settings, /<enableEmailToSalesforce>true<\/enableEmailToSalesforce>/);
  const pkg = settingsPackageXml('66.0');
  assert.match(pkg, /<members>EmailAdministration<\/members>\s*<name>Settings<\/name>/);
  assert.match(pkg, /<version>66\.0<\/version>/);
});

test('the metadata directory holds exactly the package and the setting', () => {
  const files = emailToSalesforceFiles('66.0');
  assert.deepEqual(Object.keys(files).sort(), ['package.xml', 'settings/EmailAdministration.settings']);
  assert.equal(files['settings/EmailAdministration.settings'], emailAdministrationSettingsXml());
});
