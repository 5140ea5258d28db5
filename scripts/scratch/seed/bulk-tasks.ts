/**
 * The large Task load of `org:seed --tasks N` for the scale runs of the capture issue: a CSV for
 * `sf data import bulk` (Bulk API 2.0), planned without an org, and how many Tasks an org can hold.
 *
 * Storage: Salesforce counts most records, Tasks included, as 2 KB of data storage, and every Task
 * of an owner who syncs adds an outbox row (2 KB) when it is created. A scratch org has 200 MB of
 * data storage: 4 KB per Task gives 51,200, and the small data set, users, settings and the rows
 * the relay keeps until the purge leave room for about 40,000. 100,000 Tasks with their outbox rows
 * take about 400 MB: an org with at least 1 GB of data storage, such as a Developer Pro sandbox.
 */
import { addDays, localDate } from './calendar.ts';
import { SEED_DESCRIPTION, SEED_SUBJECT_PREFIX } from './marker.ts';
import type { TaskOwner } from './sample-plan.ts';

/** The most Tasks org:seed loads into a scratch org. */
export const SCRATCH_TASK_CAP = 40_000;

/** Data storage one seeded Task takes with its outbox row, in KB (2 KB each). */
export const KB_PER_TASK = 4;

/** The most --tasks accepts at all (an org with room for it is a Full sandbox). */
export const MAX_TASKS = 1_000_000;

/** The columns of the CSV, in order. */
export const BULK_TASK_COLUMNS = ['Subject', 'Status', 'Priority', 'ActivityDate', 'OwnerId', 'WhoId', 'Description'] as const;

const SUBJECTS = ['Follow up on the proposal', 'Call to confirm the order', 'Send the case study', 'Book the quarterly review'] as const;

/** A CSV cell: quoted when it holds a comma, a quote or a line break (RFC 4180). */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** What the bulk Tasks are spread over. */
export interface BulkInputs {
  readonly now: Date;
  readonly owners: readonly TaskOwner[];
  /** Contacts and Leads of the small set to relate the Tasks to; may be empty. */
  readonly whoIds: readonly string[];
}

/**
 * `count` Tasks as CSV with LF line endings: owners in turn, due dates from 3 days ago to 10 days
 * ahead in each owner's zone, one in ten completed, one in five of high priority.
 * @throws Error without an owner
 */
export function bulkTasksCsv(count: number, inputs: BulkInputs): string {
  if (inputs.owners.length === 0) throw new Error('bulkTasksCsv needs at least one Task owner.');
  const todays = inputs.owners.map((owner) => localDate(inputs.now, owner.timeZone));
  const width = String(count).length;
  const lines = [BULK_TASK_COLUMNS.join(',')];
  for (let index = 0; index < count; index++) {
    const ownerIndex = index % inputs.owners.length;
    const number = String(index + 1).padStart(width, '0');
    const row = [
      `${SEED_SUBJECT_PREFIX}${SUBJECTS[index % SUBJECTS.length] ?? SUBJECTS[0]} #${number}`,
      index % 10 === 9 ? 'Completed' : 'Not Started',
      index % 5 === 4 ? 'High' : 'Normal',
      addDays(todays[ownerIndex] ?? '', (index % 14) - 3),
      inputs.owners[ownerIndex]?.id ?? '',
      inputs.whoIds.length === 0 ? '' : (inputs.whoIds[index % inputs.whoIds.length] ?? ''),
      SEED_DESCRIPTION,
    ];
    lines.push(row.map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Data storage `count` seeded Tasks need with their outbox rows, in MB (rounded up). */
export function storageNeededMb(count: number): number {
  return Math.ceil((count * KB_PER_TASK) / 1024);
}

/** The org facts the cap depends on. */
export interface CapacityFacts {
  readonly label: string;
  readonly isScratch: boolean;
  /** DataStorageMB remaining (`sf org list limits`), for orgs other than scratch orgs. */
  readonly remainingMb?: number;
}

/** The sentence a scratch org's load states, cap and alternative. */
export function scratchCapNote(): string {
  return `A scratch org's 200 MB of data storage holds about ${SCRATCH_TASK_CAP.toLocaleString('en-US')} seeded Tasks with their outbox rows; 100,000 need an org with at least 1 GB, such as a Developer Pro sandbox.`;
}

/**
 * Why `--tasks count` cannot be loaded into the org, or undefined when it fits.
 */
export function capacityRefusal(count: number, org: CapacityFacts): string | undefined {
  if (org.isScratch) {
    if (count <= SCRATCH_TASK_CAP) return undefined;
    return (
      `--tasks ${count} is more than a scratch org holds: its 200 MB of data storage fit about ${SCRATCH_TASK_CAP.toLocaleString('en-US')} ` +
      `Tasks with their outbox rows (2 KB each), so use --tasks ${SCRATCH_TASK_CAP} or less; ${count.toLocaleString('en-US')} need an org with ` +
      `at least 1 GB of data storage, such as a Developer Pro sandbox: \`npm run org:seed -- --target-org <sandbox alias> --tasks ${count}\`.`
    );
  }
  if (org.remainingMb === undefined) return undefined;
  const needed = storageNeededMb(count);
  if (needed <= org.remainingMb) return undefined;
  return (
    `--tasks ${count} needs about ${needed} MB of data storage (a Task and its outbox row take 2 KB each) and ${org.label} has ` +
    `${org.remainingMb} MB left: use a smaller --tasks, or an org with more storage (\`npx sf org list limits --target-org ${org.label}\` shows DataStorageMB).`
  );
}
