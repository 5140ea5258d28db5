/**
 * The org defaults of the sync settings: the org-level row of the `SyncSettings__c` hierarchy
 * setting, holding the catalogue's defaults (`SyncSettingCatalog.ALL`; a test holds the two
 * together). A fresh install has no row and behaves as these values; org:deploy writes them so the
 * scratch org starts where an admin's first save would, and the settings page shows stored org
 * defaults. An existing row is left alone: it may hold what a developer chose.
 */

/** Each field of the org default row and its value, as the catalogue defines the defaults. */
export const ORG_DEFAULTS: Readonly<Record<string, string>> = {
  ApiLoggingEnabled__c: 'false',
  LogToLeads__c: 'true',
  LogToContacts__c: 'true',
  LogToOpportunities__c: 'false',
  LogReplies__c: 'false',
  MultipleMatchRule__c: 'all',
  NoMatchRule__c: 'doNotLog',
  SubjectTemplate__c: '{{activity_type}}: {{activity_subject}}',
  TaskTypeEmail__c: 'Email',
  TaskTypeCall__c: 'Call',
  TaskTypeReply__c: 'Email',
  TaskSyncMode__c: 'none',
};

function prefix(namespace: string): string {
  return namespace === '' ? '' : `${namespace}__`;
}

/** The setting's API name in an org with or without the namespace. */
export function settingsObject(namespace: string): string {
  return `${prefix(namespace)}SyncSettings__c`;
}

/** SOQL for an org default row that exists already. */
export function existingOrgDefaultsQuery(namespace: string, orgId: string): string {
  return `SELECT Id FROM ${settingsObject(namespace)} WHERE SetupOwnerId = '${orgId.replace(/[^A-Za-z0-9]/g, '')}'`;
}

/** The REST body creating the row: every value a string, as the Text fields store it. */
export function orgDefaultsBody(namespace: string, orgId: string): string {
  const fields = Object.fromEntries(Object.entries(ORG_DEFAULTS).map(([name, value]) => [`${prefix(namespace)}${name}`, value]));
  return JSON.stringify({ SetupOwnerId: orgId, ...fields });
}

/** `sf api request rest` creating the row (JSON keeps 'false' a string; `sf data create record` would make it a boolean). */
export function createOrgDefaultsCommand(org: string, namespace: string, orgId: string, apiVersion: string): string[] {
  return [
    'api',
    'request',
    'rest',
    `/services/data/v${apiVersion}/sobjects/${settingsObject(namespace)}`,
    '--method',
    'POST',
    '--body',
    orgDefaultsBody(namespace, orgId),
    '--target-org',
    org,
  ];
}
