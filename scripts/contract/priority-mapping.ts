/**
 * Task Priority mapping between a Salesforce org's picklist and the two
 * priorities Sales Insight can hold ("Normal", "High"). Driven by the
 * picklist's flags (isHighPriority, isDefault), never by value names.
 */
import { compareCodeUnits } from './compare.ts';

/** One row of the org's TaskPriority picklist (the fields the rule reads). */
export interface OrgTaskPriority {
  readonly apiName: string;
  readonly isHighPriority: boolean;
  readonly isDefault: boolean;
  readonly sortOrder: number;
}

/** The priority values the wire contract allows. */
export type WirePriority = 'Normal' | 'High';

/** Salesforce → wire: "High" for high-priority values, "Normal" for the (non-high) default, else null (omit). */
export function priorityToWire(priorities: readonly OrgTaskPriority[], value: string | null): WirePriority | null {
  const row = priorities.find((p) => p.apiName === value);
  if (!row) return null;
  if (row.isHighPriority) return 'High';
  return row.isDefault ? 'Normal' : null;
}

/**
 * Wire → Salesforce: "High" → the high-priority value with the lowest sortOrder
 * (tie: lowest apiName by code unit); "Normal" → the default value unless it is
 * itself high-priority (then null, so "Normal" never becomes "High").
 */
export function priorityFromWire(priorities: readonly OrgTaskPriority[], wire: WirePriority): string | null {
  if (wire === 'Normal') {
    return priorities.find((p) => p.isDefault && !p.isHighPriority)?.apiName ?? null;
  }
  const high = priorities
    .filter((p) => p.isHighPriority)
    .sort((a, b) => a.sortOrder - b.sortOrder || compareCodeUnits(a.apiName, b.apiName));
  return high[0]?.apiName ?? null;
}
