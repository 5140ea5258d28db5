/**
 * The sf-driving half of org:seed: each step asks sf (through the command context, so the tests
 * answer from recorded JSON), reads the answer, and either returns what it found or stops with a
 * sentence naming what failed and what to do. The records themselves are planned elsewhere
 * (sample-plan.ts, bulk-tasks.ts), without an org.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandError } from '../commands/errors.ts';
import { deployMetadata, type CommandContext } from '../commands/context.ts';
import { assignPermissionSets } from '../deploy/permission-sets.ts';
import type { OrgInfo } from '../preflight/preflight.ts';
import { field, queryRecords, stringField, type SfAnswer } from '../sf/sf.ts';
import { SEED_AUDIT_PERMISSION_SET, SEED_QUEUE, seededQueries } from './marker.ts';
import { auditFieldsPermissionSetFiles, queueFiles } from './metadata.ts';
import { isLicenceLimit, ownersQuery, REP_PERMISSION_SET, REP_PROFILE, repUsername, repUserValues, SEED_REPS } from './owners.ts';
import type { SamplePlan, TaskOwner } from './sample-plan.ts';
import { treeFiles } from './sample-plan.ts';

/** Where a run writes the files it hands to sf (kept afterwards, to see what was loaded). */
export const SEED_DIR = 'results/seed';

/** sf's own first line of an error answer. */
function reason(answer: SfAnswer): string {
  return (answer.message ?? `sf exited ${answer.status}`).split('\n')[0] ?? '';
}

async function ask(context: CommandContext, args: readonly string[], what: string): Promise<SfAnswer> {
  context.log(`$ sf ${args.join(' ')}`);
  const answer = await context.sf.json(args);
  if (answer.status !== 0) throw new CommandError(`${what} failed: ${reason(answer)}`);
  return answer;
}

function query(context: CommandContext, org: string, soql: string, what: string): Promise<SfAnswer> {
  return ask(context, ['data', 'query', '--target-org', org, '--query', soql], what);
}

/** The run's file directory under the project; a later run overwrites its files by name. */
export function seedDirectory(context: CommandContext): string {
  const directory = join(context.project.root, SEED_DIR);
  mkdirSync(directory, { recursive: true });
  return directory;
}

/**
 * Whether a non-scratch org is a sandbox (Organization.IsSandbox): org:seed writes sample data and
 * never into a production org.
 */
export async function isSandbox(context: CommandContext, org: string): Promise<boolean> {
  const answer = await query(context, org, 'SELECT IsSandbox, OrganizationType FROM Organization', 'Reading the Organization');
  return queryRecords(answer)[0]?.['IsSandbox'] === true;
}

/** DataStorageMB remaining (`sf org list limits`), or undefined when sf does not say. */
export async function remainingDataStorageMb(context: CommandContext, org: string): Promise<number | undefined> {
  const answer = await ask(context, ['org', 'list', 'limits', '--target-org', org], 'Reading the org limits');
  const limits: unknown[] = Array.isArray(answer.result) ? answer.result : [];
  const storage = limits.find((limit) => stringField(limit, 'name') === 'DataStorageMB');
  const remaining = field(storage, 'remaining');
  return typeof remaining === 'number' ? remaining : undefined;
}

/** The Task owners found or made, and what the summary should say about them. */
export interface Owners {
  readonly owners: readonly TaskOwner[];
  readonly lines: readonly string[];
}

function ownerOf(record: Readonly<Record<string, unknown>>): TaskOwner | undefined {
  const id = record['Id'];
  const name = record['Name'];
  const zone = record['TimeZoneSidKey'];
  return typeof id === 'string' && typeof zone === 'string'
    ? { id, name: typeof name === 'string' ? name : id, timeZone: zone }
    : undefined;
}

async function createRep(context: CommandContext, org: OrgInfo, values: string): Promise<SfAnswer> {
  const args = ['data', 'create', 'record', '--target-org', org.label, '--sobject', 'User', '--values', values];
  context.log(`$ sf ${args.join(' ')}`);
  return context.sf.json(args);
}

/**
 * The running user and the seeded reps, creating the reps that are missing and giving them the
 * packaged User permission set.
 * @throws CommandError when the users cannot be read, a rep is refused for a reason other than
 *   licences, or the permission set cannot be assigned (the package is not deployed)
 */
export async function ensureOwners(context: CommandContext, org: OrgInfo): Promise<Owners> {
  const found = queryRecords(await query(context, org.label, ownersQuery(org.username), 'Reading the Task owners'));
  const running = found.find((record) => record['Username'] === org.username);
  const you = running === undefined ? undefined : ownerOf(running);
  if (you === undefined) throw new CommandError(`Reading the Task owners failed: no User ${org.username} in ${org.label}.`);
  const lines = [`you, ${you.name} (${you.timeZone})`];
  const owners: TaskOwner[] = [you];
  const missing = SEED_REPS.filter((rep) => !found.some((record) => record['Username'] === repUsername(rep, org.orgId)));
  let profileId: string | undefined;
  if (missing.length > 0) {
    const profiles = await query(
      context,
      org.label,
      `SELECT Id FROM Profile WHERE Name = '${REP_PROFILE}'`,
      'Reading the Standard User profile',
    );
    const id = queryRecords(profiles)[0]?.['Id'];
    if (typeof id !== 'string') throw new CommandError(`${org.label} has no "${REP_PROFILE}" profile to create the sample reps on.`);
    profileId = id;
  }
  for (const rep of SEED_REPS) {
    const username = repUsername(rep, org.orgId);
    const existing = found.find((record) => record['Username'] === username);
    let owner = existing === undefined ? undefined : ownerOf(existing);
    if (owner === undefined && profileId !== undefined) {
      const answer = await createRep(context, org, repUserValues(rep, org.orgId, profileId));
      const id = stringField(answer.result, 'id');
      if (answer.status !== 0 || id === undefined) {
        const why = `${answer.name ?? ''} ${answer.message ?? ''}`;
        if (!isLicenceLimit(why)) throw new CommandError(`Creating the sample rep ${username} failed: ${reason(answer)}`);
        lines.push(`${rep.firstName} ${rep.lastName} not created: ${org.label} has no Salesforce licence left (LICENSE_LIMIT_EXCEEDED)`);
        continue;
      }
      owner = { id, name: `${rep.firstName} ${rep.lastName}`, timeZone: rep.timeZone };
      lines.push(`${owner.name} (${owner.timeZone}), created as ${username}`);
    } else if (owner !== undefined) {
      lines.push(`${owner.name} (${owner.timeZone}), kept`);
    }
    if (owner === undefined) continue;
    try {
      await assignPermissionSets(context, org.label, [REP_PERMISSION_SET], username);
    } catch (error: unknown) {
      if (!(error instanceof CommandError)) throw error;
      throw new CommandError(`${error.message} — deploy the package first: \`npm run org:deploy -- --target-org ${org.label}\`.`);
    }
    owners.push(owner);
  }
  return { owners, lines };
}

async function queueId(context: CommandContext, org: string): Promise<string | undefined> {
  const soql = `SELECT Id FROM Group WHERE Type = 'Queue' AND DeveloperName = '${SEED_QUEUE}'`;
  const id = queryRecords(await query(context, org, soql, 'Reading the Task queue'))[0]?.['Id'];
  return typeof id === 'string' ? id : undefined;
}

/** The Task queue's id, deployed when missing; undefined (with the reason) when the org refuses it. */
export async function ensureQueue(context: CommandContext, org: string): Promise<{ readonly id?: string; readonly line: string }> {
  const existing = await queueId(context, org);
  if (existing !== undefined) return { id: existing, line: `${SEED_QUEUE} (Task), kept` };
  try {
    await deployMetadata(context, org, queueFiles(context.project.apiVersion));
  } catch (error: unknown) {
    if (!(error instanceof CommandError)) throw error;
    return { line: `${SEED_QUEUE} not deployed (see sf's message above): no queue-owned Task was created` };
  }
  const id = await queueId(context, org);
  return id === undefined
    ? { line: `${SEED_QUEUE} deployed but not found: no queue-owned Task was created` }
    : { id, line: `${SEED_QUEUE} (Task), created` };
}

async function createdDateCreateable(context: CommandContext, org: string): Promise<boolean> {
  const answer = await ask(context, ['sobject', 'describe', '--target-org', org, '--sobject', 'Task'], 'Describing Task');
  const fields = field(answer.result, 'fields');
  const created = Array.isArray(fields) ? fields.find((entry) => stringField(entry, 'name') === 'CreatedDate') : undefined;
  return field(created, 'createable') === true;
}

/**
 * Whether the running user can set CreatedDate and LastModifiedDate on new Tasks: the describe says
 * so (`createable` on CreatedDate is true only with Set Audit Fields upon Record Creation). In a
 * scratch org that does not yet, the seed's permission set is deployed and assigned, then Task is
 * described again.
 */
export async function auditFieldsAllowed(context: CommandContext, org: OrgInfo): Promise<boolean> {
  if (await createdDateCreateable(context, org.label)) return true;
  if (!org.isScratch) return false;
  try {
    await deployMetadata(context, org.label, auditFieldsPermissionSetFiles(context.project.apiVersion));
    await assignPermissionSets(context, org.label, [SEED_AUDIT_PERMISSION_SET]);
  } catch (error: unknown) {
    if (!(error instanceof CommandError)) throw error;
    return false;
  }
  return createdDateCreateable(context, org.label);
}

/** The sentence for an org that does not let the user backdate audit fields. */
export function auditFieldsUnavailable(org: string): string {
  return (
    `Set Audit Fields upon Record Creation is not allowed in ${org}; Tasks older than 24 h were not created. ` +
    'To have them: Setup → User Interface → enable "Set Audit Fields upon Record Creation" and "Update Records with Inactive Owners", ' +
    'give yourself the "Set Audit Fields upon Record Creation" permission, and run npm run org:seed again.'
  );
}

function csvOfIds(ids: readonly string[]): string {
  return `Id\n${ids.join('\n')}\n`;
}

async function bulkDelete(context: CommandContext, org: string, sobject: string, file: string, waitMinutes: number): Promise<void> {
  const args = ['data', 'delete', 'bulk', '--target-org', org, '--sobject', sobject, '--file', file, '--line-ending', 'LF'];
  await ask(context, [...args, '--wait', String(waitMinutes)], `Deleting the earlier seeded ${sobject} records`);
}

/**
 * Deletes what an earlier run seeded (found by the marker), Tasks through a Bulk API query so a
 * large load is found whole. The records go to the Recycle Bin.
 * @returns how many of each object were deleted
 */
export async function removePreviousSeed(
  context: CommandContext,
  org: string,
  directory: string,
  waitMinutes: number,
): Promise<Readonly<Record<string, number>>> {
  const removed: Record<string, number> = {};
  for (const { sobject, soql } of seededQueries()) {
    const file = join(directory, `previous-${sobject}.csv`);
    let count: number;
    if (sobject === 'Task') {
      const args = ['data', 'export', 'bulk', '--target-org', org, '--query', soql, '--output-file', file];
      const answer = await ask(
        context,
        [...args, '--result-format', 'csv', '--line-ending', 'LF', '--wait', String(waitMinutes)],
        'Finding the earlier seeded Tasks',
      );
      const total = field(answer.result, 'totalSize');
      count = typeof total === 'number' ? total : 0;
    } else {
      const ids = queryRecords(await query(context, org, soql, `Finding the earlier seeded ${sobject} records`))
        .map((record) => record['Id'])
        .filter((id): id is string => typeof id === 'string');
      count = ids.length;
      if (count > 0) writeFileSync(file, csvOfIds(ids));
    }
    if (count > 0) await bulkDelete(context, org, sobject, file, waitMinutes);
    removed[sobject] = count;
  }
  return removed;
}

/**
 * Inserts the planned records with `sf data import tree --plan` (the sObject Tree API resolves the
 * `@…Ref` references between them).
 * @returns reference id → record id
 * @throws CommandError with sf's reason when the import fails
 */
export async function importSample(
  context: CommandContext,
  org: string,
  directory: string,
  plan: SamplePlan,
): Promise<ReadonlyMap<string, string>> {
  for (const [name, content] of Object.entries(treeFiles(plan))) writeFileSync(join(directory, name), content);
  const args = ['data', 'import', 'tree', '--target-org', org, '--plan', join(directory, 'plan.json')];
  context.log(`$ sf ${args.join(' ')}`);
  const answer = await context.sf.json(args);
  if (answer.status !== 0) {
    // sf puts the tree API's per-record errors in the answer's data: say the first one.
    const data = field(answer, 'data');
    const first: unknown = Array.isArray(data) ? data[0] : undefined;
    const detail =
      first === undefined ? '' : ` (${['referenceId', 'StatusCode', 'Message'].map((name) => stringField(first, name) ?? '').join(' ')})`;
    throw new CommandError(
      `Importing the sample records failed: ${reason(answer)}${detail}. Run \`npm run org:seed -- --target-org ${org}\` again once fixed: it replaces whatever this run created.`,
    );
  }
  const results: unknown[] = Array.isArray(answer.result) ? answer.result : [];
  const ids = new Map<string, string>();
  for (const entry of results) {
    const ref = stringField(entry, 'refId');
    const id = stringField(entry, 'id');
    if (ref !== undefined && id !== undefined) ids.set(ref, id);
  }
  const missing = plan.records.filter((record) => !ids.has(record.ref)).map((record) => record.ref);
  if (missing.length > 0)
    throw new CommandError(`sf's import answer lacks ${missing.length} planned records (${missing.slice(0, 3).join(', ')}…).`);
  return ids;
}

/** Deletes Tasks one by one (a handful): they stay in the Recycle Bin for 15 days. */
export async function deleteTasks(context: CommandContext, org: string, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    await ask(context, ['data', 'delete', 'record', '--target-org', org, '--sobject', 'Task', '--record-id', id], `Deleting Task ${id}`);
  }
}

/** What a bulk load did. */
export interface BulkOutcome {
  readonly jobId: string;
  readonly successful: number;
}

/**
 * Loads the CSV of Tasks through Bulk API 2.0 (`sf data import bulk`), waiting for the job.
 * @throws CommandError naming the job and the sf command that shows its failed rows, or the one
 *   that resumes it after a timeout
 */
export async function bulkLoadTasks(
  context: CommandContext,
  org: string,
  directory: string,
  csv: string,
  waitMinutes: number,
): Promise<BulkOutcome> {
  const file = join(directory, 'tasks-bulk.csv');
  writeFileSync(file, csv);
  const args = ['data', 'import', 'bulk', '--target-org', org, '--sobject', 'Task', '--file', file, '--line-ending', 'LF'];
  context.log(`$ sf ${[...args, '--wait', String(waitMinutes)].join(' ')}`);
  const answer = await context.sf.json([...args, '--wait', String(waitMinutes)]);
  const jobId = stringField(answer.result, 'jobId') ?? stringField(field(answer, 'data'), 'jobId');
  if (answer.status !== 0) {
    const job = jobId === undefined ? '' : ` (job ${jobId})`;
    const next =
      answer.name === 'TimeoutError' || /timed out/i.test(answer.message ?? '')
        ? `wait for it with \`npx sf data import resume --job-id ${jobId ?? '<job id>'} --target-org ${org}\``
        : `see the failed rows with \`npx sf data bulk results --job-id ${jobId ?? '<job id>'} --target-org ${org}\``;
    throw new CommandError(`The bulk load of Tasks failed${job}: ${reason(answer)} ${next}.`);
  }
  const successful = field(answer.result, 'successfulRecords');
  return { jobId: jobId ?? '', successful: typeof successful === 'number' ? successful : 0 };
}
