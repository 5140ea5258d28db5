/**
 * What org:deploy writes for the integration user and the settings agrees with the Apex the
 * package is tested with: the baseline with `TestUserFactory`'s stand-in, the org defaults with
 * `SyncSettingCatalog.ALL`. Read from the Apex sources, so a change on one side fails here.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { XMLValidator } from 'fast-xml-parser';
import {
  BASELINE_FIELDS,
  BASELINE_OBJECTS,
  BASELINE_USER_PERMISSIONS,
  baselineMetadataFiles,
  baselinePermissionSetXml,
  describedObjects,
  fieldsOfDescribe,
  type DescribedField,
} from '../deploy/baseline-permission-set.ts';
import { heartbeatLines, heartbeatPath, restRefusal, parseHeartbeat } from '../deploy/heartbeat.ts';
import { existingOrgDefaultsQuery, ORG_DEFAULTS, orgDefaultsBody } from '../deploy/org-defaults.ts';
import { fixture, REPO_ROOT } from './support/fake-sf.ts';

const apex = (path: string): string => readFileSync(join(REPO_ROOT, path), 'utf8');

function describes(): Map<string, Map<string, DescribedField>> {
  return new Map(
    describedObjects().map((object) => [
      object,
      fieldsOfDescribe((fixture(`sobject-describe-${object.toLowerCase()}.json`) as { result: unknown }).result),
    ]),
  );
}

test('baseline › the same fields, object access and user permissions as the Apex tests’ stand-in', () => {
  const factory = apex('force-app/tests/shared/classes/TestUserFactory.cls');
  const fieldsBlock = /INTEGRATION_FIELDS = new Map<String, String>\{([\s\S]*?)\};/.exec(factory)?.[1] ?? '';
  const apexFields = Object.fromEntries(
    [...fieldsBlock.matchAll(/'([\w.]+)' => (READ|EDIT)/g)].map((match) => [match[1], match[2] === 'EDIT' ? 'E' : 'R']),
  );
  assert.ok(Object.keys(apexFields).length > 10, 'the Apex map was found');
  assert.deepEqual(BASELINE_FIELDS, apexFields);
  const accessBlock = /INTEGRATION_BASELINE,\s*true,\s*new Map<String, String>\{([^}]*)\}/.exec(factory)?.[1] ?? '';
  const apexAccess = Object.fromEntries([...accessBlock.matchAll(/'(\w+)' => '(\w+)'/g)].map((match) => [match[1], match[2]]));
  assert.deepEqual(BASELINE_OBJECTS, apexAccess);
  for (const [apexName, metadataName] of [
    ['PermissionsEditTask', 'EditTask'],
    ['PermissionsApiEnabled', 'ApiEnabled'],
    ['PermissionsApexRestServices', 'ApexRestServices'],
  ]) {
    assert.match(factory, new RegExp(`${apexName} = `), apexName);
    assert.ok((BASELINE_USER_PERMISSIONS as readonly string[]).includes(metadataName ?? ''), metadataName);
  }
});

test('baseline › field access only where the org allows it, edit only where the field can be written', () => {
  const xml = baselinePermissionSetXml(describes());
  assert.equal(XMLValidator.validate(xml), true);
  assert.doesNotMatch(xml, /IsConverted|LastActivityDate|IsClosed|OpportunityContactRole/, 'not permissionable in the describes');
  assert.match(xml, /<editable>true<\/editable>\s*<field>Lead\.Email<\/field>/);
  assert.match(xml, /<editable>false<\/editable>\s*<field>Contact\.Email<\/field>/);
  assert.match(xml, /<editable>true<\/editable>\s*<field>Task\.TaskSubtype<\/field>/, 'createable, so editable');
  assert.match(xml, /<allowCreate>true<\/allowCreate>[\s\S]{0,200}<object>Lead<\/object>\s*<viewAllRecords>true<\/viewAllRecords>/);
  assert.match(xml, /<allowCreate>false<\/allowCreate>[\s\S]{0,200}<object>Account<\/object>\s*<viewAllRecords>false<\/viewAllRecords>/);
  assert.doesNotMatch(xml, /ModifyAllData|ViewAllData/);
  const order = [
    '<description>',
    '<fieldPermissions>',
    '<hasActivationRequired>',
    '<label>',
    '<objectPermissions>',
    '<userPermissions>',
  ].map((tag) => xml.indexOf(tag));
  assert.deepEqual(
    [...order].sort((a, b) => a - b),
    order,
    "the Metadata API schema's element order",
  );
  assert.deepEqual(Object.keys(baselineMetadataFiles(describes(), '66.0')).sort(), [
    'package.xml',
    'permissionsets/SalesInsightSyncIntegrationBaseline.permissionset',
  ]);
});

test('baseline › a field the org does not describe is an error naming it', () => {
  const partial = describes();
  partial.get('Task')?.delete('CallDisposition');
  assert.throws(() => baselinePermissionSetXml(partial), /The org's describe of Task has no field CallDisposition\./);
});

test('org defaults › the catalogue’s defaults, every setting, as the strings the Text fields store', () => {
  const catalogue = apex('force-app/main/settings/classes/SyncSettingCatalog.cls');
  const entries = [...catalogue.matchAll(/(?:flag|choice|text)\(\w+, SyncSettings__c\.(\w+), '([^']*)'(?:, ('[^']*'|\w+))?\)/g)];
  const constants = Object.fromEntries([...catalogue.matchAll(/String (\w+) = '([^']*)';/g)].map((match) => [match[1], match[2]]));
  const apexDefaults = Object.fromEntries(
    entries.map(([, fieldName, first, second]) => [
      fieldName,
      second === undefined ? first : second.startsWith("'") ? second.slice(1, -1) : constants[second],
    ]),
  );
  assert.equal(entries.length, 12, 'every catalogue entry was read');
  assert.deepEqual(ORG_DEFAULTS, apexDefaults);
  const body = JSON.parse(orgDefaultsBody('sisync', '00D000000000001')) as Record<string, unknown>;
  assert.equal(body['sisync__LogToLeads__c'], 'true');
  assert.equal(JSON.parse(orgDefaultsBody('', '00D000000000001'))['LogToLeads__c'], 'true');
  assert.equal(existingOrgDefaultsQuery('sisync', "00D'x"), "SELECT Id FROM sisync__SyncSettings__c WHERE SetupOwnerId = '00Dx'");
});

test('heartbeat › the contract’s path with and without the namespace, its answer and its refusals read', () => {
  assert.equal(heartbeatPath('sisync'), '/services/apexrest/sisync/v1/setup/heartbeat');
  assert.equal(heartbeatPath(''), '/services/apexrest/v1/setup/heartbeat');
  const contract = readFileSync(join(REPO_ROOT, 'docs/contract/README.md'), 'utf8');
  assert.ok(
    contract.includes('<instance>/services/apexrest/sisync/v1/setup/heartbeat') &&
      contract.includes('`/services/apexrest/v1/setup/heartbeat`'),
  );
  const answer = parseHeartbeat((fixture('api-request-rest-heartbeat.json') as { $stdout: string }).$stdout);
  assert.deepEqual(
    answer?.jobs.map((job) => `${job.job}:${job.action}`),
    ['watchdog:scheduled', 'sweep:scheduled', 'purge:rescheduled'],
  );
  assert.ok(answer && heartbeatLines(answer)[2]?.includes('(was owned by Ada Admin; now runs as the caller)'));
  assert.equal(parseHeartbeat('{"error":{"code":"INSUFFICIENT_ACCESS"}}'), undefined);
  assert.match(
    restRefusal((fixture('api-request-rest-heartbeat-403.json') as { $stdout: string }).$stdout),
    /^INSUFFICIENT_ACCESS: The caller lacks/,
  );
  assert.equal(
    restRefusal('[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]'),
    'INVALID_SESSION_ID: Session expired or invalid',
  );
  const beta =
    "Warning: This command is currently in beta. Any aspect of this command can change without advanced notice. Don't use beta commands in your scripts.";
  const expired = 'Error (RefreshTokenAuthError): Error authenticating with the refresh token due to: expired access/refresh token';
  assert.equal(restRefusal('', `${beta}\n${expired}\n`), expired, "sf's own error, not its beta warning");
});
