/**
 * The SIA-side conflict rule: a task's stored state is the in-sequence fold of
 * its applied changes, member by member. An upsert or undelete sets the members
 * it carries (a `null` member empties the field) and keeps every member it
 * omits; a delete removes the task. Pure: the store and the property tests
 * both fold with it.
 */

/** The synced members of a task (`TaskFields` of the contract); absent = never sent. */
export interface TaskFieldValues {
  readonly subject?: string | null;
  readonly status?: 'Not Started' | 'Completed';
  readonly priority?: 'Normal' | 'High';
  readonly activityDate?: string | null;
  readonly description?: string | null;
  readonly whoId?: string | null;
  readonly whatId?: string | null;
  readonly isClosed?: boolean;
}

/** A Task change as the contract's `TaskChange` defines it (already validated). */
export interface TaskChangeItem {
  readonly idempotencyKey: string;
  readonly sequence: number;
  readonly operation: 'upsert' | 'delete' | 'undelete';
  readonly taskId: string;
  readonly siaTaskId: string | null;
  readonly ownerId: string;
  readonly ownerEmail: string;
  readonly origin: 'live' | 'initial' | 'reconcile';
  readonly changedAt: string;
  readonly fields?: TaskFieldValues;
}

/** A live task's synced members; null when the task is deleted or never existed. */
export type TaskState = TaskFieldValues | null;

/** The state after one applied change. */
export function foldTaskChange(state: TaskState, change: Pick<TaskChangeItem, 'operation' | 'fields'>): TaskState {
  if (change.operation === 'delete') return null;
  return { ...(state ?? {}), ...(change.fields ?? {}) };
}

/**
 * The state of one task after its applied changes, folded in ascending
 * `sequence` (the order a receiver applies them: a lower sequence arriving
 * later is stale, never applied).
 */
export function foldTaskChanges(changes: readonly Pick<TaskChangeItem, 'operation' | 'fields' | 'sequence'>[]): TaskState {
  return [...changes].sort((a, b) => a.sequence - b.sequence).reduce<TaskState>(foldTaskChange, null);
}
