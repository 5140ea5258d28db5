/** One setting as `SyncSettingsController.getMySettings` answers it. */
export interface SettingItem {
  key: string;
  value: string;
  source: 'DEFAULT_VALUE' | 'ORG' | 'PROFILE' | 'USER';
  repOverridable: boolean;
}

/** The Apex `SyncSettingsView`. */
export interface SyncSettingsView {
  settings: SettingItem[];
  problems: string[];
}

/** A row the card renders. */
export interface SettingRow {
  key: string;
  label: string;
  displayValue: string;
  sourceText: string;
  lockText: string | undefined;
}

const NAMES: Readonly<Record<string, string>> = {
  apiLoggingEnabled: 'Log email activity via the Salesforce API',
  logToLeads: 'Log to Leads',
  logToContacts: 'Log to Contacts',
  logToOpportunities: 'Also log to open Opportunities',
  logReplies: 'Log replies',
  multipleMatchRule: 'When several records match',
  noMatchRule: 'When no record matches',
  subjectTemplate: 'Subject template',
  taskTypeEmail: 'Task Type for emails',
  taskTypeCall: 'Task Type for calls',
  taskTypeReply: 'Task Type for replies',
  taskSyncMode: 'Task sync',
};

const VALUES: Readonly<Record<string, string>> = {
  true: 'On',
  false: 'Off',
  all: 'Log to all matching records',
  oldest: 'Log to the oldest record',
  mostRecentActivity: 'Log to the record with the most recent activity',
  doNotLog: 'Do not log',
  createLead: 'Create a Lead',
  unresolved: 'Keep for review as unresolved',
  none: 'Do not sync with Salesforce tasks',
  siaToSalesforce: 'Sales Insight Actions to Salesforce only',
  twoWay: 'Two-way sync',
};

const CHOICE_KEYS = new Set([
  'apiLoggingEnabled',
  'logToLeads',
  'logToContacts',
  'logToOpportunities',
  'logReplies',
  'multipleMatchRule',
  'noMatchRule',
  'taskSyncMode',
]);

const SOURCES: Readonly<Record<SettingItem['source'], string>> = {
  DEFAULT_VALUE: 'Default',
  ORG: 'Org default',
  PROFILE: 'Your profile',
  USER: 'Your choice',
};

/**
 * Turns the server's view into rows a person can read: named settings, worded values,
 * where each value comes from and, for locked settings, why the user cannot change it.
 * Unknown keys keep their key as a name so a newer server never hides a setting.
 */
export function describeSettings(view: SyncSettingsView, lockedText: string): SettingRow[] {
  return view.settings.map((item) => ({
    key: item.key,
    label: NAMES[item.key] ?? item.key,
    displayValue: CHOICE_KEYS.has(item.key) ? (VALUES[item.value] ?? item.value) : item.value,
    sourceText: SOURCES[item.source],
    lockText: item.repOverridable ? undefined : lockedText,
  }));
}
