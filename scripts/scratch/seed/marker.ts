/**
 * How org:seed recognises what it created, so that a second run replaces the first run's records
 * instead of piling up copies: every seeded record carries the marker in a field SOQL can filter on
 * (Description, the obvious place, is a long text area and cannot be filtered).
 */

/** Every seeded Task's Subject starts with it, so reps and SIA's Command Center see what is sample data. */
export const SEED_SUBJECT_PREFIX = '[seed] ';

/** Account.AccountNumber of every seeded Account; their Opportunities are found through it. */
export const SEED_ACCOUNT_NUMBER = 'sisync-seed';

/** The domain of every seeded Lead's and Contact's e-mail address (`.example` is reserved, RFC 2606). */
export const SEED_EMAIL_DOMAIN = 'sisync-seed.example';

/** The start of every seeded rep's username. */
export const SEED_USERNAME_PREFIX = 'sisync-seed-';

/** The DeveloperName of the seeded Task queue. */
export const SEED_QUEUE = 'SisyncSeedTasks';

/** The permission set org:seed deploys in a scratch org to set audit fields. */
export const SEED_AUDIT_PERMISSION_SET = 'SisyncSeedAuditFields';

/** Written into every seeded record's Description. */
export const SEED_DESCRIPTION = 'Sample data from npm run org:seed; a second run replaces it.';

/** One object's earlier seeded records, found by the marker. */
export interface SeededQuery {
  readonly sobject: 'Task' | 'Opportunity' | 'Contact' | 'Lead' | 'Account';
  readonly soql: string;
}

/**
 * The queries finding an earlier run's records, in the order they are deleted: Tasks first (their
 * deletions are Task changes like any other), Opportunities before their Accounts (their contact
 * roles go with them), Accounts last.
 */
export function seededQueries(): readonly SeededQuery[] {
  const subject = SEED_SUBJECT_PREFIX.trimEnd();
  return [
    { sobject: 'Task', soql: `SELECT Id FROM Task WHERE Subject LIKE '${subject}%'` },
    { sobject: 'Opportunity', soql: `SELECT Id FROM Opportunity WHERE Account.AccountNumber = '${SEED_ACCOUNT_NUMBER}'` },
    { sobject: 'Contact', soql: `SELECT Id FROM Contact WHERE Email LIKE '%.${SEED_EMAIL_DOMAIN}'` },
    { sobject: 'Lead', soql: `SELECT Id FROM Lead WHERE Email LIKE '%.${SEED_EMAIL_DOMAIN}' AND IsConverted = false` },
    { sobject: 'Account', soql: `SELECT Id FROM Account WHERE AccountNumber = '${SEED_ACCOUNT_NUMBER}'` },
  ];
}
