/**
 * What every step of the round trip works with: the org and its package, the workbench (started
 * by the `workbench` step), the public https URL Salesforce calls, the run's secrets' redactor,
 * how long to wait, and what earlier steps left for later ones (ids, the admin's e-mail).
 */
import type { OrgInfo } from '../preflight/preflight.ts';
import type { WorkbenchLaunch, WorkbenchLauncher, LaunchedWorkbench } from './launcher.ts';
import type { Waiting } from './poll.ts';
import type { Redactor } from './redact.ts';
import type { SalesforceClient } from './salesforce.ts';
import type { WorkbenchClient } from './workbench-client.ts';

/** How the run signs the workbench's calls into the org. */
export type Signing = { readonly kind: 'key'; readonly file: string; readonly fingerprint: string } | { readonly kind: 'unsigned' };

/** What steps leave for later steps. */
export interface RunState {
  /** The package's namespace in the org ('' without one), from the `package` step. */
  namespace?: string;
  /** The admin running the round trip: the Tasks' owner and the SIA user. */
  userId?: string;
  userEmail?: string;
  /** The Salesforce Task of the round trip. */
  taskId?: string;
  /** The reminder created in SIA and the Task it became. */
  siaTaskId?: string;
  siaTaskSalesforceId?: string;
  /**
   * The first-time sync's Tasks, made while sync was off: one in the 24-hour window, one older;
   * null when the org does not let the admin backdate a Task.
   */
  firstSync?: { readonly recentId: string; readonly oldId: string } | null;
  /** The workbench started by the `workbench` step. */
  launched?: LaunchedWorkbench;
  workbench?: WorkbenchClient;
}

/** The round trip's context. */
export interface E2eContext {
  readonly org: OrgInfo;
  readonly salesforce: SalesforceClient;
  /** The https URL the Named Credential points at (the tunnel to the workbench). */
  readonly publicUrl: string;
  /** The workbench's API as seen through the public URL (the tunnel step's view). */
  readonly publicClient: WorkbenchClient;
  readonly launcher: WorkbenchLauncher;
  readonly launch: WorkbenchLaunch;
  readonly signing: Signing;
  readonly redactor: Redactor;
  readonly waiting: Waiting;
  /** A short id of this run, in every record it creates: `e2e-1a2b3c`. */
  readonly runId: string;
  readonly state: RunState;
}

/** The workbench client, once the `workbench` step has started it. */
export function workbenchOf(context: E2eContext): WorkbenchClient {
  const client = context.state.workbench;
  if (client === undefined) throw new Error('the workbench is not running (the workbench step did not pass)');
  return client;
}

/** A value an earlier step left, or an error naming the step. */
export function need<K extends keyof RunState>(context: E2eContext, key: K, step: string): NonNullable<RunState[K]> {
  const value = context.state[key];
  if (value === undefined || value === null) throw new Error(`${String(key)} is unknown: the ${step} step did not pass`);
  return value as NonNullable<RunState[K]>;
}

/** `sisync__Name__c` in a namespaced org, `Name__c` without one (SOQL and sf data need the prefix). */
export function packaged(context: E2eContext, name: string): string {
  const namespace = context.state.namespace ?? '';
  return namespace === '' ? name : `${namespace}__${name}`;
}
