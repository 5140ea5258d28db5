/**
 * The two look-back windows of the first-time sync: tasks created or modified in
 * the last 24 hours are pushed; tasks deleted in the last 15 days are removed on
 * the SIA side when sync was enabled before. Both are fixed spans of UTC
 * milliseconds (no calendar days, no time zones, no DST), inclusive at the edge.
 */
import { epochMillis } from './compare.ts';

/** 24 hours in milliseconds. */
export const INITIAL_WINDOW_MS = 24 * 60 * 60 * 1000;
/** 15 days in milliseconds (the recycle-bin window). */
export const DELETED_WINDOW_MS = 15 * 24 * 60 * 60 * 1000;

/** True when `t >= now - span` (future instants are inside). */
function withinWindow(nowIso: string, tIso: string, spanMs: number): boolean {
  return epochMillis(tIso) >= epochMillis(nowIso) - spanMs;
}

/** First-time sync: created OR last modified within the last 24 hours, inclusive. */
export function inInitialWindow(nowIso: string, createdAt: string, lastModifiedAt: string): boolean {
  return withinWindow(nowIso, createdAt, INITIAL_WINDOW_MS) || withinWindow(nowIso, lastModifiedAt, INITIAL_WINDOW_MS);
}

/**
 * Deletions: deleted (IsDeleted, at SystemModstamp) within the last 15 days,
 * inclusive — and only when two-way sync had been enabled before.
 */
export function inDeletedWindow(nowIso: string, deletedAt: string, syncEnabledBefore: boolean): boolean {
  return syncEnabledBefore && withinWindow(nowIso, deletedAt, DELETED_WINDOW_MS);
}
