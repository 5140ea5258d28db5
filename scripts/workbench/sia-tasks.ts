/**
 * Tasks that originate in Sales Insight (reminders a rep creates in SIA), and
 * the first-time sync's rule for them (docs/task-sync.md): only SIA tasks created at or
 * after the user's cut-off (the `changedAt` of the user-settings change that
 * turned sync on, stored by `ingest.ts`) go to Salesforce; older ones never do,
 * whatever later edits they get. Fields use the contract's inbound vocabulary
 * (`SiaTaskFields`: name, status open/complete, priority normal/high, dueDate,
 * details), so the next emulator issue can send them as `SiaTaskChange`s as they are.
 */
import type { ContractValidator } from '../contract/openapi-validator.ts';
import type { UserSettingsRow } from './store.ts';

/** `SiaTaskFields` of the contract (already validated). */
export interface SiaTaskFieldValues {
  readonly name?: string;
  readonly status?: 'open' | 'complete';
  readonly priority?: 'normal' | 'high';
  readonly dueDate?: string | null;
  readonly details?: string | null;
}

/** A task created in SIA; a deleted one stays as a tombstone (its delete must reach Salesforce too). */
export interface SiaNativeTask {
  readonly siaTaskId: string;
  readonly ownerEmail: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deleted: boolean;
  /** SIA's sequence of this task's changes (create = 1), the `sequence` of its `SiaTaskChange`s. */
  readonly sequence: number;
  readonly fields: SiaTaskFieldValues;
  /** The Salesforce Task it is linked to once delivered; null until then. */
  readonly salesforceTaskId: string | null;
}

/** Bad input to the SIA-task API: `field` names the member. */
export class SiaTaskInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const MEMBERS = ['name', 'status', 'priority', 'dueDate', 'details'] as const;

/**
 * Checks a create (`name` required) or an edit (any members) against the
 * contract's `SiaTaskFields` schema itself.
 *
 * @throws SiaTaskInputError naming the first bad member.
 */
export function checkSiaTaskFields(validator: ContractValidator, body: Record<string, unknown>, creating: boolean): SiaTaskFieldValues {
  const unknown = Object.keys(body).find((key) => !(MEMBERS as readonly string[]).includes(key));
  if (unknown !== undefined) throw new SiaTaskInputError(unknown, `${unknown} is not a SIA task field (${MEMBERS.join(', ')})`);
  if (creating && body['name'] === undefined) throw new SiaTaskInputError('name', 'name is required to create a SIA task');
  if (!creating && Object.keys(body).length === 0)
    throw new SiaTaskInputError('name', `an edit needs at least one of ${MEMBERS.join(', ')}`);
  const errors = validator.errorsForComponent('SiaTaskFields', body);
  if (errors.length > 0) {
    const first = errors[0] ?? '';
    const member = /^\/([A-Za-z]+)/.exec(first)?.[1] ?? 'name';
    throw new SiaTaskInputError(member, `${member} ${first.replace(/^\/[A-Za-z]+ /, '')} (contract SiaTaskFields)`);
  }
  return body as SiaTaskFieldValues;
}

/** The members after an edit: given members replace (null empties), omitted ones stay. */
export function editedFields(current: SiaTaskFieldValues, edit: SiaTaskFieldValues): SiaTaskFieldValues {
  return { ...current, ...edit };
}

/** Why a SIA task is not sent to Salesforce. */
export type ExclusionReason = 'CREATED_BEFORE_CUTOFF';

/** What `GET /_workbench/users/{email}/to-salesforce` answers. */
export interface ToSalesforce {
  readonly email: string;
  readonly taskSyncMode: UserSettingsRow['taskSyncMode'];
  readonly cutoffAt: string | null;
  /** Set when nothing at all goes to Salesforce. */
  readonly reason?: 'SYNC_OFF';
  readonly eligible: readonly SiaNativeTask[];
  readonly excluded: readonly { readonly siaTaskId: string; readonly reason: ExclusionReason }[];
}

/**
 * The user's settings that decide: of their settings rows (one per org and
 * Salesforce user), the one changed last.
 */
export function decidingSettings(rows: readonly UserSettingsRow[]): UserSettingsRow | undefined {
  return [...rows].sort((a, b) => Date.parse(b.changedAt) - Date.parse(a.changedAt))[0];
}

/**
 * The SIA tasks of a user that go to Salesforce now: none while the user's
 * mode is `none`; otherwise those created at or after the cut-off. At, not
 * strictly after: the package accepts a task created at the instant sync was
 * enabled (it refuses only `createdAt < enabledAt`, `InboundOwners`), and the
 * two sides must agree.
 */
export function toSalesforce(email: string, settings: readonly UserSettingsRow[], tasks: readonly SiaNativeTask[]): ToSalesforce {
  const deciding = decidingSettings(settings);
  const mode = deciding?.taskSyncMode ?? 'none';
  const cutoffAt = deciding?.syncCutoffAt ?? null;
  if (mode === 'none' || cutoffAt === null) {
    return { email, taskSyncMode: mode, cutoffAt: null, reason: 'SYNC_OFF', eligible: [], excluded: [] };
  }
  const cutoffMs = Date.parse(cutoffAt);
  const eligible = tasks.filter((task) => Date.parse(task.createdAt) >= cutoffMs);
  const excluded = tasks
    .filter((task) => Date.parse(task.createdAt) < cutoffMs)
    .map((task) => ({ siaTaskId: task.siaTaskId, reason: 'CREATED_BEFORE_CUTOFF' as const }));
  return { email, taskSyncMode: mode, cutoffAt, eligible, excluded };
}
