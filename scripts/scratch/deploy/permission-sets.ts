/**
 * Assigning permission sets so that org:deploy can run again on the same org: sf answers an
 * assignment that exists with a failure ("Duplicate PermissionSetAssignment", exit 1), which here
 * means "already assigned", not a broken deploy.
 */
import { CommandError } from '../commands/errors.ts';
import type { CommandContext } from '../commands/context.ts';
import { field, stringField } from '../sf/sf.ts';
import { assignPermissionSetsCommand } from '../sf-commands.ts';

/** What an assignment did: assigned now, or found assigned. */
export interface AssignmentOutcome {
  readonly assigned: readonly string[];
  readonly alreadyAssigned: readonly string[];
}

/**
 * Assigns permission sets to the org's user, or to `onBehalfOf`.
 * @throws CommandError with sf's reasons for any failure other than an existing assignment
 */
export async function assignPermissionSets(
  context: CommandContext,
  org: string,
  names: readonly string[],
  onBehalfOf?: string,
): Promise<AssignmentOutcome> {
  const args = assignPermissionSetsCommand(org, names, onBehalfOf);
  context.log(`$ sf ${args.join(' ')}`);
  const answer = await context.sf.json(args);
  const successes = field(answer.result, 'successes');
  const failures = field(answer.result, 'failures');
  const assigned = Array.isArray(successes) ? successes.map((entry) => stringField(entry, 'value') ?? '') : [];
  const failed = Array.isArray(failures) ? failures.map((entry) => stringField(entry, 'message') ?? '') : [];
  if (answer.status !== 0 && !Array.isArray(failures)) {
    throw new CommandError(`Assigning ${names.join(', ')} failed: ${answer.message ?? `exit ${answer.status}`}`);
  }
  const real = failed.filter((message) => !/duplicate/i.test(message));
  if (real.length > 0) throw new CommandError(`Assigning ${names.join(', ')} failed: ${real.join('; ')}`);
  const alreadyAssigned = names.filter((name) => !assigned.includes(name));
  return { assigned, alreadyAssigned };
}
