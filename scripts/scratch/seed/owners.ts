/**
 * The Task owners of org:seed: the running user and two reps in other time zones, so that "due
 * today" differs by owner. The reps are created on the Standard User profile (any scratch org has
 * it) with `sf data create record` — they never log in, so no sf login is stored for them — and
 * are found again by their username on later runs (users cannot be deleted, only deactivated).
 * An org without a free Salesforce licence refuses a new user (LICENSE_LIMIT_EXCEEDED): org:seed
 * then says so and seeds with the owners it has.
 */
import { SEED_USERNAME_PREFIX } from './marker.ts';

/** A rep org:seed creates. */
export interface SeedRep {
  /** The username's local part after the prefix: `lukas.becker`. */
  readonly key: string;
  readonly firstName: string;
  readonly lastName: string;
  /** At most 8 characters. */
  readonly alias: string;
  readonly timeZone: string;
  readonly locale: string;
}

/** Two reps east of a scratch org's default user (America/Los_Angeles). */
export const SEED_REPS: readonly SeedRep[] = [
  { key: 'lukas.becker', firstName: 'Lukas', lastName: 'Becker', alias: 'lbecker', timeZone: 'Europe/Berlin', locale: 'de_DE' },
  { key: 'mei.tanaka', firstName: 'Mei', lastName: 'Tanaka', alias: 'mtanaka', timeZone: 'Asia/Tokyo', locale: 'ja_JP' },
];

/** The profile the reps are created on. */
export const REP_PROFILE = 'Standard User';

/** The packaged permission set a rep needs to use the settings page and sync. */
export const REP_PERMISSION_SET = 'SalesInsightSyncUser';

/** A rep's username, unique across Salesforce the way sf's --set-unique-username makes one (the org id appended). */
export function repUsername(rep: SeedRep, orgId: string): string {
  return `${SEED_USERNAME_PREFIX}${rep.key}@example.com.${orgId.toLowerCase()}`;
}

/** The `--values` of `sf data create record --sobject User` for a rep (no value holds a space). */
export function repUserValues(rep: SeedRep, orgId: string, profileId: string): string {
  return [
    `Username=${repUsername(rep, orgId)}`,
    `FirstName=${rep.firstName}`,
    `LastName=${rep.lastName}`,
    `Email=${rep.key}@example.com`,
    `Alias=${rep.alias}`,
    `TimeZoneSidKey=${rep.timeZone}`,
    `LocaleSidKey=${rep.locale}`,
    'EmailEncodingKey=UTF-8',
    'LanguageLocaleKey=en_US',
    `ProfileId=${profileId}`,
  ].join(' ');
}

/** SOQL for the running user and the seeded reps. */
export function ownersQuery(runningUsername: string): string {
  return (
    'SELECT Id, Name, Username, TimeZoneSidKey FROM User ' +
    `WHERE Username = '${runningUsername.replace(/'/g, "\\'")}' OR (Username LIKE '${SEED_USERNAME_PREFIX}%' AND IsActive = true)`
  );
}

/** Whether sf's answer to a user insert says the org has no licence left. */
export function isLicenceLimit(text: string): boolean {
  return /LICENSE_LIMIT_EXCEEDED|license limit exceeded/i.test(text);
}
