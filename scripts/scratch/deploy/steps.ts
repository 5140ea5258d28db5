/**
 * The steps of org:deploy after the source is deployed, each safe to run again on the same org.
 */
import { CommandError } from '../commands/errors.ts';
import { deployMetadata, type CommandContext } from '../commands/context.ts';
import { queryRecords } from '../sf/sf.ts';
import { baselineMetadataFiles, describedObjects, fieldsOfDescribe, type DescribedField } from './baseline-permission-set.ts';
import { heartbeatCommand, heartbeatLines, restRefusal, parseHeartbeat } from './heartbeat.ts';
import { createOrgDefaultsCommand, existingOrgDefaultsQuery } from './org-defaults.ts';

/** The org's id and the namespace its code runs under ('' in a `--no-namespace` scratch org). */
export interface OrgFacts {
  readonly orgId: string;
  readonly namespace: string;
}

/** Reads the org's id and namespace prefix from its Organization record. */
export async function orgFacts(context: CommandContext, org: string): Promise<OrgFacts> {
  const answer = await context.sf.json(['data', 'query', '--target-org', org, '--query', 'SELECT Id, NamespacePrefix FROM Organization']);
  const record = answer.status === 0 ? queryRecords(answer)[0] : undefined;
  const orgId = record?.['Id'];
  if (typeof orgId !== 'string') throw new CommandError(`Reading the Organization of ${org} failed: ${answer.message ?? 'no record'}`);
  const namespace = record?.['NamespacePrefix'];
  return { orgId, namespace: typeof namespace === 'string' ? namespace : '' };
}

/** Writes the settings' org defaults unless the org has them. */
export async function ensureOrgDefaults(context: CommandContext, org: string, facts: OrgFacts): Promise<void> {
  const found = await context.sf.json([
    'data',
    'query',
    '--target-org',
    org,
    '--query',
    existingOrgDefaultsQuery(facts.namespace, facts.orgId),
  ]);
  if (found.status !== 0) throw new CommandError(`Reading the settings' org defaults failed: ${found.message ?? `exit ${found.status}`}`);
  if (queryRecords(found).length > 0) {
    context.log('The settings already have org defaults; left as they are.');
    return;
  }
  const args = createOrgDefaultsCommand(org, facts.namespace, facts.orgId, context.project.apiVersion);
  context.log(`$ sf ${args.slice(0, 4).join(' ')} (the settings' org defaults)`);
  const created = await context.sf.text(args);
  if (created.code !== 0)
    throw new CommandError(`Creating the settings' org defaults failed: ${restRefusal(created.stdout, created.stderr)}`);
}

/** Describes the baseline's objects in the org, then deploys the baseline permission set. */
export async function deployBaseline(context: CommandContext, org: string): Promise<void> {
  const describes = new Map<string, Map<string, DescribedField>>();
  for (const object of describedObjects()) {
    const answer = await context.sf.json(['sobject', 'describe', '--target-org', org, '--sobject', object]);
    if (answer.status !== 0) throw new CommandError(`Describing ${object} failed: ${answer.message ?? `exit ${answer.status}`}`);
    describes.set(object, fieldsOfDescribe(answer.result));
  }
  await deployMetadata(context, org, baselineMetadataFiles(describes, context.project.apiVersion));
}

/**
 * Sends the setup heartbeat as the integration user, which schedules the jobs as that user.
 * @throws CommandError when the call is refused or a job is blocked, with the command to send it again
 */
export async function startJobs(context: CommandContext, integrationAlias: string, namespace: string): Promise<void> {
  const args = heartbeatCommand(integrationAlias, namespace);
  const again = `npx sf ${args.map((arg) => (arg === '{}' ? "'{}'" : arg)).join(' ')}`;
  context.log(`$ sf ${args.join(' ')}`);
  const sent = await context.sf.text(args);
  const answer = sent.code === 0 ? parseHeartbeat(sent.stdout) : undefined;
  if (answer === undefined) {
    const reason = sent.code === 0 ? "the answer was not the heartbeat's" : restRefusal(sent.stdout, sent.stderr);
    throw new CommandError(`The setup heartbeat as ${integrationAlias} failed (${reason}); once fixed, send it with \`${again}\`.`);
  }
  context.log('The jobs now run as the integration user:');
  for (const line of heartbeatLines(answer)) context.log(line);
  const blocked = answer.jobs.filter((job) => job.action === 'blocked');
  if (blocked.length > 0) {
    throw new CommandError(
      `${blocked.map((job) => job.job).join(', ')} could not be scheduled as the integration user: delete it in Setup → Scheduled Jobs, then send \`${again}\`.`,
    );
  }
}
