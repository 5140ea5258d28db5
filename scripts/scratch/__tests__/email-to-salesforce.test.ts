import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emailAdministrationSettingsXml, parseTargetOrg, settingsPackageXml } from '../email-to-salesforce.ts';

test('the target org must be named; unknown flags are refused with the accepted one', () => {
  assert.equal(parseTargetOrg(['--target-org', 'acme-prod']), 'acme-prod');
  assert.throws(() => parseTargetOrg([]), /Name the org: --target-org/);
  assert.throws(() => parseTargetOrg(['--target-org']), /--target-org needs the alias/);
  assert.throws(() => parseTargetOrg(['--target-org', '--wait']), /--target-org needs the alias/);
  assert.throws(() => parseTargetOrg(['--org', 'x']), /Unknown option "--org". Accepted: --target-org/);
});

test('the settings file turns Email to Salesforce on, and the package names that one setting', () => {
  const settings = emailAdministrationSettingsXml();
  assert.match(settings, /<EmailAdministrationSettings xmlns="http:\/\/soap\.sforce\.com\/2006\/04\/metadata">/);
  assert.match(settings, /<enableEmailToSalesforce>true<\/enableEmailToSalesforce>/);
  const pkg = settingsPackageXml('66.0');
  assert.match(pkg, /<members>EmailAdministration<\/members>\s*<name>Settings<\/name>/);
  assert.match(pkg, /<version>66\.0<\/version>/);
});
