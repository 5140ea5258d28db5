/**
 * `npm run org:seed`: realistic sample data in a scratch org (or a sandbox) — Leads, Contacts,
 * Opportunities with contact roles, Tasks of several owners due around today in each owner's time
 * zone, a queue-owned Task, deleted Tasks, and Tasks older than the first-time sync's 24 hours
 * where the org lets audit fields be set — and with `--tasks N` a large Task load through the Bulk
 * API for scale runs. Every seeded record carries a marker (seed/marker.ts), so running it again
 * replaces the earlier run's records rather than adding to them.
 *
 * Which orgs: a scratch org (sf org display shows a Dev Hub or an expiration date — the preflight's
 * OrgInfo.isScratch), or a sandbox (Organization.IsSandbox); never a production org. The --tasks
 * cap is fixed for scratch orgs (their data storage is always 200 MB) and read from the org's
 * DataStorageMB limit elsewhere.
 */
import { integerFlag, type CommandHelp } from '../cli/args.ts';
import { TARGET_ORG, TARGET_ORG_RENAMES, waitFlag } from '../cli/flags.ts';
import { bulkTasksCsv, capacityRefusal, MAX_TASKS, scratchCapNote } from '../seed/bulk-tasks.ts';
import { planCounts, planSampleData } from '../seed/sample-plan.ts';
import {
  auditFieldsAllowed,
  auditFieldsUnavailable,
  bulkLoadTasks,
  deleteTasks,
  ensureOwners,
  ensureQueue,
  importSample,
  isSandbox,
  remainingDataStorageMb,
  removePreviousSeed,
  SEED_DIR,
  seedDirectory,
} from '../seed/steps.ts';
import { type Command, targetOrg } from './context.ts';
import { CommandError } from './errors.ts';

const help: CommandHelp = {
  name: 'org:seed',
  summary: 'Loads realistic sample data into a scratch org: Leads, Contacts, Opportunities, Tasks of several owners and time zones.',
  description: [
    'Creates two sample reps (Europe/Berlin, Asia/Tokyo; Standard User) beside you, a Task queue, then Accounts, Contacts,',
    "Leads, Opportunities with contact roles and Tasks due around today in each owner's zone: one queue-owned, some deleted,",
    'and three created before the last 24 hours when the org allows Set Audit Fields upon Record Creation (it says when not).',
    'Running it again replaces the records of the earlier run (marked "[seed] " / sisync-seed). Deploy first: npm run org:deploy.',
    `--tasks N adds N Tasks through the Bulk API; a scratch org takes at most 40,000, an org with 1 GB (a Developer Pro`,
    `sandbox) 100,000 and more. Scratch orgs and sandboxes only. The files handed to sf are kept in ${SEED_DIR}/.`,
  ],
  flags: [
    TARGET_ORG,
    {
      name: 'tasks',
      type: 'string',
      valueName: 'count',
      summary: 'Also load this many Tasks through the Bulk API (scratch orgs: at most 40000; default: the small set only).',
    },
    waitFlag(30),
  ],
  examples: [
    'npm run org:seed',
    'npm run org:seed -- --tasks 40000',
    'npm run org:seed -- --target-org sisync-pro-sandbox --tasks 100000 --wait 60',
  ],
  renamed: { ...TARGET_ORG_RENAMES, count: 'tasks', 'task-count': 'tasks' },
};

function countsLine(counts: Readonly<Record<string, number>>): string {
  const entries = Object.entries(counts).filter(([, count]) => count > 0);
  return entries.length === 0 ? 'nothing' : entries.map(([sobject, count]) => `${count} ${sobject}`).join(', ');
}

/**
 * The command with its clock injected: the owners' "today" is read from it.
 * @param clock the moment of the run (tests pin it)
 */
export function orgSeedCommand(clock: () => Date = () => new Date()): Command {
  return {
    help,
    async run(values, context) {
      const tasks = integerFlag(values, help, 'tasks', { min: 1, max: MAX_TASKS, fallback: 0 });
      const waitMinutes = integerFlag(values, help, 'wait', { min: 1, max: 240, fallback: 30 });
      const org = await targetOrg(values, context, help, 'scratch');
      if (!org.isScratch && !(await isSandbox(context, org.label))) {
        throw new CommandError(
          `${org.label} is a production org, and org:seed writes sample data into scratch orgs and sandboxes only: create a scratch org with \`npm run org:create\`.`,
        );
      }
      if (tasks > 0) {
        const remainingMb = org.isScratch ? undefined : await remainingDataStorageMb(context, org.label);
        const refusal = capacityRefusal(tasks, {
          label: org.label,
          isScratch: org.isScratch,
          ...(remainingMb === undefined ? {} : { remainingMb }),
        });
        if (refusal !== undefined) throw new CommandError(refusal);
        if (org.isScratch) context.log(scratchCapNote());
      }
      context.log(`Seeding ${org.label} (${org.username}).`);
      const directory = seedDirectory(context);
      const owners = await ensureOwners(context, org);
      const queue = await ensureQueue(context, org.label);
      const auditFields = await auditFieldsAllowed(context, org);
      const removed = await removePreviousSeed(context, org.label, directory, waitMinutes);
      const now = clock();
      const plan = planSampleData({ now, owners: owners.owners, auditFields, ...(queue.id === undefined ? {} : { queueId: queue.id }) });
      const ids = await importSample(context, org.label, directory, plan);
      await deleteTasks(
        context,
        org.label,
        plan.toDelete.map((ref) => ids.get(ref) ?? ref),
      );
      const bulk =
        tasks === 0
          ? undefined
          : await bulkLoadTasks(
              context,
              org.label,
              directory,
              bulkTasksCsv(tasks, {
                now,
                owners: owners.owners,
                whoIds: plan.records
                  .filter((record) => record.sobject === 'Contact' || record.sobject === 'Lead')
                  .map((record) => ids.get(record.ref) ?? ''),
              }),
              waitMinutes,
            );

      const { objects, tasks: kinds } = planCounts(plan);
      const taskTotal = objects['Task'] ?? 0;
      context.log(`Seeded ${org.label}:`);
      context.log(`  Removed first (the earlier run's records): ${countsLine(removed)}`);
      context.log(`  Task owners: ${owners.lines.join('; ')}`);
      context.log(`  Queue: ${queue.line}`);
      for (const sobject of ['Account', 'Contact', 'Lead', 'Opportunity', 'OpportunityContactRole'] as const) {
        context.log(`  ${sobject}: ${objects[sobject] ?? 0}`);
      }
      context.log(
        `  Task: ${taskTotal} — ${kinds.user} due around today in their owner's zone (${owners.owners.length} owners), ${kinds.email} logged e-mail, ` +
          `${kinds.queue} queue-owned, ${kinds.older} created more than 24 h ago, ${kinds.deleted} deleted (in the Recycle Bin)`,
      );
      if (bulk !== undefined) context.log(`  Task (Bulk API, job ${bulk.jobId}): ${bulk.successful}`);
      if (!auditFields) context.log(auditFieldsUnavailable(org.label));
      context.log(`The files handed to sf are in ${SEED_DIR}/. Running org:seed again replaces these records.`);
    },
  };
}

export const orgSeed: Command = orgSeedCommand();
