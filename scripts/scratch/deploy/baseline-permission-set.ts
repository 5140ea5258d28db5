/**
 * The integration user's baseline permission set (docs/install.md, "The integration user's
 * baseline permission set"): what a subscriber admin makes by hand, because a packaged permission
 * set cannot carry standard-object or user permissions. org:deploy makes it in the scratch org, the
 * same grants as the Apex tests' stand-in (`TestUserFactory.INTEGRATION_BASELINE`; a test holds
 * the two lists together). Field-level security is written only for fields the org says a
 * permission set may control (its describe's `permissionable`): deploying access to a required or
 * system field is refused, and which fields those are is the org's to say, not this file's.
 */

/** API name of the permission set org:deploy makes and assigns. */
export const BASELINE_PERMISSION_SET = 'SalesInsightSyncIntegrationBaseline';

/** Object access, as in TestUserFactory: R read, C create, V view all. */
export const BASELINE_OBJECTS: Readonly<Record<string, string>> = { Account: 'R', Lead: 'RCV', Contact: 'RV', Opportunity: 'RV' };

/** Field access, as in TestUserFactory: R read, E read and edit. */
export const BASELINE_FIELDS: Readonly<Record<string, 'R' | 'E'>> = {
  'Lead.Email': 'E',
  'Lead.Description': 'E',
  'Lead.IsConverted': 'R',
  'Lead.LastActivityDate': 'R',
  'Contact.Email': 'R',
  'Contact.LastActivityDate': 'R',
  'Opportunity.IsClosed': 'R',
  'OpportunityContactRole.ContactId': 'R',
  'OpportunityContactRole.OpportunityId': 'R',
  'Task.Subject': 'E',
  'Task.Type': 'E',
  'Task.TaskSubtype': 'E',
  'Task.WhoId': 'E',
  'Task.WhatId': 'E',
  'Task.ActivityDate': 'E',
  'Task.Description': 'E',
  'Task.CallDisposition': 'E',
};

/** User permissions: the API, Apex REST, and the Tasks e-mail logging inserts in user mode. */
export const BASELINE_USER_PERMISSIONS = ['ApexRestServices', 'ApiEnabled', 'EditTask'] as const;

/** What the describe of a field says about its access. */
export interface DescribedField {
  readonly permissionable: boolean;
  readonly createable: boolean;
  readonly updateable: boolean;
}

/** Field describes by object, then field name. */
export type Describes = ReadonlyMap<string, ReadonlyMap<string, DescribedField>>;

/** The objects whose describe the permission set needs. */
export function describedObjects(): string[] {
  return [...new Set(Object.keys(BASELINE_FIELDS).map((qualified) => qualified.split('.')[0] ?? ''))].sort();
}

/** The fields of one `sf sobject describe --json` result. */
export function fieldsOfDescribe(result: unknown): Map<string, DescribedField> {
  const fields = typeof result === 'object' && result !== null && 'fields' in result && Array.isArray(result.fields) ? result.fields : [];
  const found = new Map<string, DescribedField>();
  for (const entry of fields as unknown[]) {
    if (typeof entry !== 'object' || entry === null || !('name' in entry) || typeof entry.name !== 'string') continue;
    const flag = (name: string): boolean => name in entry && (entry as Record<string, unknown>)[name] === true;
    found.set(entry.name, { permissionable: flag('permissionable'), createable: flag('createable'), updateable: flag('updateable') });
  }
  return found;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The permission set's metadata (`permissionsets/<name>.permissionset`), elements in the order
 * the Metadata API's schema wants them.
 * @throws Error naming a field the org's describe does not have (the list above is wrong then)
 */
export function baselinePermissionSetXml(describes: Describes): string {
  const fieldLines: string[] = [];
  for (const [qualified, access] of Object.entries(BASELINE_FIELDS).sort(([a], [b]) => a.localeCompare(b))) {
    const [object = '', name = ''] = qualified.split('.');
    const described = describes.get(object)?.get(name);
    if (described === undefined) throw new Error(`The org's describe of ${object} has no field ${name}.`);
    if (!described.permissionable) continue;
    const editable = access === 'E' && (described.createable || described.updateable);
    fieldLines.push(
      '    <fieldPermissions>',
      `        <editable>${editable}</editable>`,
      `        <field>${qualified}</field>`,
      '        <readable>true</readable>',
      '    </fieldPermissions>',
    );
  }
  const objectLines = Object.entries(BASELINE_OBJECTS)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([object, rights]) => [
      '    <objectPermissions>',
      `        <allowCreate>${rights.includes('C')}</allowCreate>`,
      '        <allowDelete>false</allowDelete>',
      '        <allowEdit>false</allowEdit>',
      '        <allowRead>true</allowRead>',
      '        <modifyAllRecords>false</modifyAllRecords>',
      `        <object>${object}</object>`,
      `        <viewAllRecords>${rights.includes('V')}</viewAllRecords>`,
      '    </objectPermissions>',
    ]);
  const userLines = BASELINE_USER_PERMISSIONS.flatMap((name) => [
    '    <userPermissions>',
    '        <enabled>true</enabled>',
    `        <name>${name}</name>`,
    '    </userPermissions>',
  ]);
  const description =
    "The integration user's baseline (docs/install.md): the API, Apex REST, Edit Tasks, the Lead, Contact, Account and Opportunity access e-mail logging uses in user mode. Made by npm run org:deploy.";
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">',
    `    <description>${escapeXml(description)}</description>`,
    ...fieldLines,
    '    <hasActivationRequired>false</hasActivationRequired>',
    '    <label>Sales Insight Sync Integration Baseline</label>',
    ...objectLines,
    ...userLines,
    '</PermissionSet>',
    '',
  ].join('\n');
}

/** The metadata directory that deploys it: path → content. */
export function baselineMetadataFiles(describes: Describes, apiVersion: string): Record<string, string> {
  return {
    'package.xml': [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<Package xmlns="http://soap.sforce.com/2006/04/metadata">',
      '    <types>',
      `        <members>${BASELINE_PERMISSION_SET}</members>`,
      '        <name>PermissionSet</name>',
      '    </types>',
      `    <version>${apiVersion}</version>`,
      '</Package>',
      '',
    ].join('\n'),
    [`permissionsets/${BASELINE_PERMISSION_SET}.permissionset`]: baselinePermissionSetXml(describes),
  };
}
