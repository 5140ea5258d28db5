/**
 * Which Leads/Contacts an email activity is logged to, given the records that
 * match one recipient address and the user's effective logging preferences.
 */
import { compareCodeUnits, epochMillis } from './compare.ts';

/** A record whose email matches the recipient. */
export interface MatchCandidate {
  readonly id: string;
  readonly type: 'Lead' | 'Contact';
  /** ISO-8601 instant. */
  readonly createdAt: string;
  /** "YYYY-MM-DD" or null (no activity yet). */
  readonly lastActivityDate: string | null;
  /** Leads only; converted Leads are never logged to. */
  readonly isConverted?: boolean;
}

/** The matching preferences (from the settings hierarchy). */
export interface MatchSettings {
  readonly logToLeads: boolean;
  readonly logToContacts: boolean;
  readonly multipleMatchRule: 'all' | 'oldest' | 'mostRecentActivity';
  readonly noMatchRule: 'doNotLog' | 'createLead' | 'unresolved';
}

/** What to do with the activity for this recipient. */
export interface MatchDecision {
  readonly matchedIds: readonly string[];
  readonly action: 'log' | 'skip' | 'createLead' | 'unresolved';
}

const NO_MATCH_ACTION = {
  doNotLog: 'skip',
  createLead: 'createLead',
  unresolved: 'unresolved',
} as const satisfies Record<MatchSettings['noMatchRule'], MatchDecision['action']>;

/** Oldest first: createdAt ascending, then id ascending (code units). */
function byCreatedThenId(a: MatchCandidate, b: MatchCandidate): number {
  return epochMillis(a.createdAt) - epochMillis(b.createdAt) || compareCodeUnits(a.id, b.id);
}

/**
 * Most recent activity first: lastActivityDate descending (null is older than
 * any date), then createdAt descending, then id ascending (code units).
 * "YYYY-MM-DD" strings order correctly as strings.
 */
function byMostRecentActivity(a: MatchCandidate, b: MatchCandidate): number {
  const da = a.lastActivityDate;
  const db = b.lastActivityDate;
  if (da !== db) {
    if (da === null) return 1;
    if (db === null) return -1;
    return compareCodeUnits(db, da);
  }
  return epochMillis(b.createdAt) - epochMillis(a.createdAt) || compareCodeUnits(a.id, b.id);
}

/** Applies the matching rules to the candidates of one recipient address. */
export function decideMatch(settings: MatchSettings, candidates: readonly MatchCandidate[]): MatchDecision {
  const eligible = candidates.filter((c) => (c.type === 'Lead' ? settings.logToLeads && c.isConverted !== true : settings.logToContacts));
  if (eligible.length === 0) return { matchedIds: [], action: NO_MATCH_ACTION[settings.noMatchRule] };
  const order = settings.multipleMatchRule === 'mostRecentActivity' ? byMostRecentActivity : byCreatedThenId;
  const sorted = [...eligible].sort(order);
  const chosen = settings.multipleMatchRule === 'all' ? sorted : sorted.slice(0, 1);
  return { matchedIds: chosen.map((c) => c.id), action: 'log' };
}
