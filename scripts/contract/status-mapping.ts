/**
 * Task Status mapping between a Salesforce org's picklist and the two statuses
 * Sales Insight can hold ("Not Started" ↔ SIA Open, "Completed" ↔ SIA Complete).
 * Orgs rename and add values, so the mapping is derived from the org's TaskStatus
 * rows rather than from literal names.
 */
import { compareCodeUnits } from './compare.ts';

/** One row of the org's TaskStatus picklist (the fields the rule reads). */
export interface OrgTaskStatus {
  readonly apiName: string;
  readonly isClosed: boolean;
  readonly isDefault: boolean;
  readonly sortOrder: number;
}

/** The status values the wire contract allows. */
export type WireStatus = 'Not Started' | 'Completed';

/** The org's default open status: isDefault and not isClosed; null when the default is closed. */
export function defaultOpenStatus(statuses: readonly OrgTaskStatus[]): string | null {
  return statuses.find((s) => s.isDefault && !s.isClosed)?.apiName ?? null;
}

/**
 * The org's completed status: the closed status named exactly "Completed"
 * (case-sensitive), else the closed status with the lowest sortOrder
 * (tie: lowest apiName by code unit); null when no status is closed.
 */
export function completedStatus(statuses: readonly OrgTaskStatus[]): string | null {
  const closed = statuses.filter((s) => s.isClosed);
  const named = closed.find((s) => s.apiName === 'Completed');
  if (named) return named.apiName;
  const sorted = [...closed].sort((a, b) => a.sortOrder - b.sortOrder || compareCodeUnits(a.apiName, b.apiName));
  return sorted[0]?.apiName ?? null;
}

/** Salesforce → wire: the wire status for a Task's Status, or null when SIA cannot hold it (omit the field). */
export function statusToWire(statuses: readonly OrgTaskStatus[], value: string | null): WireStatus | null {
  if (value === null) return null;
  if (value === defaultOpenStatus(statuses)) return 'Not Started';
  if (value === completedStatus(statuses)) return 'Completed';
  return null;
}

/** Wire → Salesforce: the org's status apiName for a wire status, or null when the org has none. */
export function statusFromWire(statuses: readonly OrgTaskStatus[], wire: WireStatus): string | null {
  return wire === 'Not Started' ? defaultOpenStatus(statuses) : completedStatus(statuses);
}
