/**
 * The layout of the email-logging settings: which settings the "Salesforce API" form shows, in
 * which groups, how each is drawn, and the words of each choice. Data only — the form
 * (`c-email-api-settings`) holds state and saves, and `c-setting-field` draws one setting — so a
 * setting is moved, regrouped or redrawn here without touching either.
 */
import API_LOGGING_ENABLED from '@salesforce/label/c.SiSync_Log_ApiLoggingEnabled';
import LOG_TO from '@salesforce/label/c.SiSync_Log_LogTo';
import LOG_TO_LEADS from '@salesforce/label/c.SiSync_Log_LogToLeads';
import LOG_TO_CONTACTS from '@salesforce/label/c.SiSync_Log_LogToContacts';
import LOG_TO_OPPORTUNITIES from '@salesforce/label/c.SiSync_Log_LogToOpportunities';
import MATCHING from '@salesforce/label/c.SiSync_Log_Matching';
import MULTIPLE_MATCH from '@salesforce/label/c.SiSync_Log_MultipleMatch';
import MATCH_ALL from '@salesforce/label/c.SiSync_Log_MatchAll';
import MATCH_OLDEST from '@salesforce/label/c.SiSync_Log_MatchOldest';
import MATCH_MOST_RECENT from '@salesforce/label/c.SiSync_Log_MatchMostRecent';
import NO_MATCH from '@salesforce/label/c.SiSync_Log_NoMatch';
import NO_MATCH_DO_NOT_LOG from '@salesforce/label/c.SiSync_Log_NoMatchDoNotLog';
import NO_MATCH_CREATE_LEAD from '@salesforce/label/c.SiSync_Log_NoMatchCreateLead';
import NO_MATCH_UNRESOLVED from '@salesforce/label/c.SiSync_Log_NoMatchUnresolved';
import REPLIES_AND_SUBJECTS from '@salesforce/label/c.SiSync_Log_RepliesAndSubjects';
import LOG_REPLIES from '@salesforce/label/c.SiSync_Log_LogReplies';
import SUBJECT_TEMPLATE from '@salesforce/label/c.SiSync_Log_SubjectTemplate';
import TASK_TYPES from '@salesforce/label/c.SiSync_Log_TaskTypes';
import TASK_TYPE_EMAIL from '@salesforce/label/c.SiSync_Log_TaskTypeEmail';
import TASK_TYPE_CALL from '@salesforce/label/c.SiSync_Log_TaskTypeCall';
import TASK_TYPE_REPLY from '@salesforce/label/c.SiSync_Log_TaskTypeReply';

/** How a setting is drawn: an on/off switch, a checkbox, radio buttons, the subject template, or a picklist. */
export type FieldKind = 'toggle' | 'checkbox' | 'radio' | 'template' | 'combobox';

/** One setting of the layout. */
export interface LayoutField {
  readonly key: string;
  readonly kind: FieldKind;
  readonly label: string;
}

/** A group of settings under one heading (none for the first, the master switch). */
export interface LayoutGroup {
  readonly id: string;
  readonly legend: string | null;
  readonly fields: readonly LayoutField[];
}

/** The "Salesforce API" form, in the order it shows the settings. */
export const EMAIL_API_GROUPS: readonly LayoutGroup[] = [
  { id: 'enabled', legend: null, fields: [{ key: 'apiLoggingEnabled', kind: 'toggle', label: API_LOGGING_ENABLED }] },
  {
    id: 'logTo',
    legend: LOG_TO,
    fields: [
      { key: 'logToLeads', kind: 'checkbox', label: LOG_TO_LEADS },
      { key: 'logToContacts', kind: 'checkbox', label: LOG_TO_CONTACTS },
      { key: 'logToOpportunities', kind: 'checkbox', label: LOG_TO_OPPORTUNITIES },
    ],
  },
  {
    id: 'matching',
    legend: MATCHING,
    fields: [
      { key: 'multipleMatchRule', kind: 'radio', label: MULTIPLE_MATCH },
      { key: 'noMatchRule', kind: 'radio', label: NO_MATCH },
    ],
  },
  {
    id: 'subjects',
    legend: REPLIES_AND_SUBJECTS,
    fields: [
      { key: 'logReplies', kind: 'checkbox', label: LOG_REPLIES },
      { key: 'subjectTemplate', kind: 'template', label: SUBJECT_TEMPLATE },
    ],
  },
  {
    id: 'taskTypes',
    legend: TASK_TYPES,
    fields: [
      { key: 'taskTypeEmail', kind: 'combobox', label: TASK_TYPE_EMAIL },
      { key: 'taskTypeCall', kind: 'combobox', label: TASK_TYPE_CALL },
      { key: 'taskTypeReply', kind: 'combobox', label: TASK_TYPE_REPLY },
    ],
  },
];

/** Every key the "Salesforce API" form edits, in its order. */
export const EMAIL_API_KEYS: readonly string[] = EMAIL_API_GROUPS.flatMap((group) => group.fields.map((field) => field.key));

/** The settings whose value must be one of the org's Task Type values. */
export const TASK_TYPE_KEYS: readonly string[] = ['taskTypeEmail', 'taskTypeCall', 'taskTypeReply'];

/** Plain words for the choices of the radio groups. */
const CHOICE_LABELS: Readonly<Record<string, string>> = {
  all: MATCH_ALL,
  oldest: MATCH_OLDEST,
  mostRecentActivity: MATCH_MOST_RECENT,
  doNotLog: NO_MATCH_DO_NOT_LOG,
  createLead: NO_MATCH_CREATE_LEAD,
  unresolved: NO_MATCH_UNRESOLVED,
};

/**
 * The words of a choice; a choice the layout does not know (a newer package version) shows as is.
 * @param choice the stored value
 */
export function choiceLabel(choice: string): string {
  return CHOICE_LABELS[choice] ?? choice;
}
