/**
 * What the first-time sync brought a user, as the user view
 * shows it. On the first enable of two-way sync the package sends the user's
 * Tasks of the last 24 hours, and deletions of the last 15 days when sync was
 * on before, with `origin: initial`; the emulator applies them like any change.
 *
 * Everything here is derived from the receipts (the record of every applied
 * change), not kept as counters: a later live edit of an imported task does not
 * change how many tasks the initial sync imported, and nothing on the ingest
 * path has to keep a second figure in step.
 */
import { siaUserKey } from './ingest.ts';
import type { InitialTaskChange, SyncModeChange } from './store.ts';

/** The initial sync of one user. */
export interface InitialSync {
  /** Tasks an `origin: initial` upsert (or undelete) was applied to. */
  readonly imported: number;
  /** Tasks an `origin: initial` delete was applied to (removed from SIA, never on the Command Center). */
  readonly deleted: number;
  /**
   * `changedAt` of the first applied settings change that turned the user's
   * mode to `twoWay` (any org), or null; the package's `TwoWayFirstEnabledAt__c`.
   * Unlike the cut-off it stays after sync is switched off.
   */
  readonly firstTwoWayEnabledAt: string | null;
}

/** The `changedAt` of the first switch to `twoWay` per lower-case email, folding each settings record's modes in order. */
export function firstTwoWayEnables(changes: readonly SyncModeChange[]): Map<string, string> {
  const modeByRecord = new Map<string, SyncModeChange['taskSyncMode']>();
  const first = new Map<string, string>();
  for (const change of changes) {
    const before = modeByRecord.get(change.recordKey) ?? 'none';
    modeByRecord.set(change.recordKey, change.taskSyncMode);
    if (change.taskSyncMode !== 'twoWay' || before === 'twoWay') continue;
    const email = siaUserKey(change.userEmail);
    const known = first.get(email);
    // Several orgs (or Salesforce users) may name one SIA user: the earliest enable is the first.
    if (known === undefined || Date.parse(change.changedAt) < Date.parse(known)) first.set(email, change.changedAt);
  }
  return first;
}

/** Every user's initial sync, by lower-case email; a user missing from the map had none. */
export function initialSyncs(taskChanges: readonly InitialTaskChange[], modeChanges: readonly SyncModeChange[]): Map<string, InitialSync> {
  // Distinct tasks, not changes: two initial upserts of one task import one task.
  const imported = new Map<string, Set<string>>();
  const deleted = new Map<string, Set<string>>();
  for (const change of taskChanges) {
    const byOwner = change.operation === 'delete' ? deleted : imported;
    const email = siaUserKey(change.ownerEmail);
    let tasks = byOwner.get(email);
    if (tasks === undefined) byOwner.set(email, (tasks = new Set()));
    tasks.add(change.recordKey);
  }
  const enables = firstTwoWayEnables(modeChanges);
  const result = new Map<string, InitialSync>();
  for (const email of new Set([...imported.keys(), ...deleted.keys(), ...enables.keys()])) {
    result.set(email, {
      imported: imported.get(email)?.size ?? 0,
      deleted: deleted.get(email)?.size ?? 0,
      firstTwoWayEnabledAt: enables.get(email) ?? null,
    });
  }
  return result;
}

/** The initial sync of a user who had none. */
export const NO_INITIAL_SYNC: InitialSync = { imported: 0, deleted: 0, firstTwoWayEnabledAt: null };
