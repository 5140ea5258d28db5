/**
 * SIA's Command Center shows a user the tasks due **today and tomorrow** in
 * that user's time zone, nothing else. The calendar date of an instant in a time
 * zone comes from `Intl.DateTimeFormat` (the IANA database Node ships, with its
 * daylight-saving rules); "tomorrow" is calendar arithmetic on that date, never
 * "now + 24 h", which is wrong on the days a DST change makes 23 or 25 hours long.
 */
import type { SiaNativeTask } from './sia-tasks.ts';
import type { TaskRow } from './store.ts';

/** One task on the Command Center: synced from Salesforce, or created in SIA. */
export interface CommandCenterTask {
  readonly source: 'salesforce' | 'sia';
  readonly siaTaskId: string | null;
  /** The Salesforce org and Task; null for a SIA task not delivered yet. */
  readonly orgId: string | null;
  readonly taskId: string | null;
  readonly subject: string | null;
  readonly status: string | null;
  readonly priority: string | null;
  readonly activityDate: string;
  readonly description: string | null;
  readonly whoId: string | null;
  readonly whatId: string | null;
  readonly isClosed: boolean;
}

/** A user's Command Center at one instant. */
export interface CommandCenter {
  readonly email: string;
  readonly timeZone: string;
  /** The instant it was computed for (ISO 8601, UTC). */
  readonly at: string;
  readonly today: { readonly date: string; readonly tasks: readonly CommandCenterTask[] };
  readonly tomorrow: { readonly date: string; readonly tasks: readonly CommandCenterTask[] };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The time zone as given when Node's IANA database knows it (`Asia/Kathmandu`,
 * `Etc/GMT+12`, `UTC`), else undefined. The name is kept as written: ICU would
 * turn some current names into legacy ones (`Asia/Kathmandu` → `Asia/Katmandu`).
 */
export function validTimeZone(timeZone: string): string | undefined {
  if (timeZone === '' || timeZone.length > 64) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

/** The calendar date (`YYYY-MM-DD`) of an instant in a time zone. */
export function localDate(epochMs: number, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(new Date(epochMs));
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/** `date` (`YYYY-MM-DD`) plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const next = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + days));
  return next.toISOString().slice(0, 10);
}

/** Today's and tomorrow's dates in a time zone at an instant. */
export function dueDays(epochMs: number, timeZone: string): { today: string; tomorrow: string } {
  const today = localDate(epochMs, timeZone);
  return { today, tomorrow: addDays(today, 1) };
}

function toCard(task: TaskRow, activityDate: string): CommandCenterTask {
  const f = task.fields;
  return {
    source: 'salesforce',
    siaTaskId: task.siaTaskId,
    orgId: task.orgId,
    taskId: task.taskId,
    subject: f.subject ?? null,
    status: f.status ?? null,
    priority: f.priority ?? null,
    activityDate,
    description: f.description ?? null,
    whoId: f.whoId ?? null,
    whatId: f.whatId ?? null,
    isClosed: f.isClosed ?? false,
  };
}

function siaCard(task: SiaNativeTask, activityDate: string): CommandCenterTask {
  const f = task.fields;
  const closed = f.status === 'complete';
  return {
    source: 'sia',
    siaTaskId: task.siaTaskId,
    orgId: null,
    taskId: task.salesforceTaskId,
    subject: f.name ?? null,
    status: closed ? 'Completed' : 'Not Started',
    priority: f.priority === 'high' ? 'High' : 'Normal',
    activityDate,
    description: f.details ?? null,
    whoId: null,
    whatId: null,
    isClosed: closed,
  };
}

/**
 * The Command Center of one user: live (not deleted) tasks — synced from
 * Salesforce, and created in SIA — whose due date is today or tomorrow in
 * `timeZone` at `epochMs`, by due date then subject. A task deleted on either
 * side (a Salesforce delete, an initial sync's deletion of the last 15 days, a
 * SIA delete) is a tombstone and never shown. A SIA task that came back from Salesforce as a synced
 * Task is shown once, as the side that changed last.
 */
export function commandCenter(
  email: string,
  timeZone: string,
  tasks: readonly TaskRow[],
  epochMs: number,
  siaTasks: readonly SiaNativeTask[] = [],
): CommandCenter {
  const { today, tomorrow } = dueDays(epochMs, timeZone);
  // A SIA task delivered to Salesforce comes back as a synced Task naming it: one task, shown once,
  // as its side that changed last (the other side has not caught up yet).
  const twins = new Map(tasks.filter((task) => task.siaTaskId !== null).map((task) => [task.siaTaskId, task]));
  const syncedShown = (task: TaskRow): boolean => {
    const native = siaTasks.find((candidate) => candidate.siaTaskId === task.siaTaskId);
    return native === undefined || Date.parse(task.changedAt) >= Date.parse(native.updatedAt);
  };
  const nativeShown = (task: SiaNativeTask): boolean => {
    const twin = twins.get(task.siaTaskId);
    return twin === undefined || Date.parse(twin.changedAt) < Date.parse(task.updatedAt);
  };
  const due = (date: string): CommandCenterTask[] =>
    [
      ...tasks.filter((task) => !task.deleted && task.fields.activityDate === date && syncedShown(task)).map((task) => toCard(task, date)),
      ...siaTasks.filter((task) => !task.deleted && task.fields.dueDate === date && nativeShown(task)).map((task) => siaCard(task, date)),
    ].sort((a, b) => ((a.subject ?? '') < (b.subject ?? '') ? -1 : (a.subject ?? '') > (b.subject ?? '') ? 1 : 0));
  return {
    email,
    timeZone,
    at: new Date(epochMs).toISOString(),
    today: { date: today, tasks: due(today) },
    tomorrow: { date: tomorrow, tasks: due(tomorrow) },
  };
}
