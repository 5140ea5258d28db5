/**
 * The preview's scenarios: which fixture answers each Apex method in each situation a person
 * should be able to see. Answers are the Jest fixtures themselves —
 * `force-app/**\/lwc/<component>/__tests__/data/<ApexClass>.<method>[.<variant>].json`, the
 * un-suffixed file the default — so Jest and the preview can never tell different stories.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { listFiles } from '../../verify/lib/files.ts';

/** Where the Jest fixtures live. */
export const FIXTURE_ROOT = 'force-app';

/**
 * One answer: a fixture variant (`''` is the un-suffixed default). `reject:<variant>` answers with
 * the fixture as the error the call throws (what an org sends when Apex fails or access is denied).
 */
export type AnswerRef = string;

/** A situation of the settings page. */
export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** One sentence on what to look at. */
  readonly description: string;
  /** The section open on arrival (the App Builder property); the page's default otherwise. */
  readonly openSection?: 'emailLogging' | 'taskSync' | 'connection' | 'health';
  /** Admins: the tab shown on arrival (the App Builder property); `auto` otherwise (Setup until every step is done). */
  readonly openTab?: 'setup' | 'org' | 'profile' | 'mine';
  /** `Class.method` → answers in call order, the last repeating; unnamed methods get their default fixture. */
  readonly answers?: Readonly<Record<string, readonly AnswerRef[]>>;
}

const LOAD = 'SettingsPageController.load';

/** Every scenario, in the picker's order; the first is the default. */
export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'admin',
    title: 'Admin: org defaults',
    description:
      'An admin with Manage Org Settings on Org defaults: email logging and task sync for everyone, what reps may change, the connection and its test, sync health.',
    // Save → the page reloads what the server now holds.
    answers: { [LOAD]: ['', ''] },
  },
  {
    id: 'admin-profile',
    title: 'Admin: profile overrides',
    description: 'Profile overrides: the admin picks a profile and gives it its own values and its own list of what its reps may change.',
    openTab: 'profile',
  },
  {
    id: 'admin-my-account',
    title: 'Admin: My Account',
    description: 'The admin’s own values: admins are reps too, with the same locks, their own BCC and their own task sync.',
    openTab: 'mine',
  },
  {
    id: 'setup-fresh',
    title: 'Setup: fresh install',
    description:
      'Right after the install: nothing configured. The Setup tab opens by itself; each of the seven steps says what is missing and links to the Setup page where it is done.',
    answers: { [LOAD]: ['setupFresh'] },
  },
  {
    id: 'setup-half',
    title: 'Setup: half configured',
    description:
      'Credentials half entered, the integration user lacking a field grant and holding View All Data, live delivery still running as the Automated Process user, and one job owned by an admin.',
    answers: { [LOAD]: ['setupHalf'] },
  },
  {
    id: 'setup-done',
    title: 'Setup: all steps done',
    description:
      'Every step done: the heartbeat, the relay trigger and the jobs run as the integration user, signing is on, the connection delivered.',
    openTab: 'setup',
  },
  {
    id: 'assign-admin-set',
    title: 'Setup: assign yourself the Admin set',
    description:
      'A System Administrator who is not an admin of the package yet: the page offers to assign the Admin permission set; after it the page reloads with the setup assistant.',
    answers: { [LOAD]: ['canAssignAdminSet', ''] },
  },
  {
    id: 'rep-with-locks',
    title: 'Rep with locks',
    description: 'A rep whose admin let them change only API logging, replies and task sync; the rest shows a lock.',
    answers: { [LOAD]: ['repWithLocks'] },
  },
  {
    id: 'rep-nothing-locked',
    title: 'Rep, nothing locked',
    description: 'A rep whose admin let them change every setting.',
    answers: { [LOAD]: ['repNothingLocked'] },
  },
  {
    id: 'field-errors',
    title: 'Errors on fields',
    description:
      'A subject template with an unknown token and a pasted address that is not an Email to Salesforce address: each field is marked, and Save and Activate stay off.',
    answers: { [LOAD]: ['repNothingLocked'] },
  },
  {
    id: 'save-failure',
    title: 'Save refused by the server',
    description:
      'The server refuses a save (Meeting was deactivated as a Task Type meanwhile): the problem shows on its field and nothing is saved.',
    answers: { 'SyncSettingsController.saveOrgSettings': ['fieldProblems'] },
  },
  {
    id: 'bcc-active',
    title: 'BCC active',
    description:
      'A rep logging email with Email to Salesforce (BCC): the address is shown and can be turned off; the API tab says it logs only calls.',
    answers: { [LOAD]: ['bccActive'] },
  },
  {
    id: 'first-sync-running',
    title: 'First sync running',
    description: 'A rep just turned two-way sync on for themselves: the first sync of the last 24 hours runs, then finishes.',
    openSection: 'taskSync',
    answers: { [LOAD]: ['firstSyncRunning'], 'TaskSyncController.getProgress': ['running', ''] },
  },
  {
    id: 'first-sync-done',
    title: 'First sync done',
    description:
      'The rep’s first sync finished: what it handed over for delivery, what was already synced, and one task it could not sync.',
    openSection: 'taskSync',
    answers: { [LOAD]: ['firstSyncDone'] },
  },
  {
    id: 'health-failures',
    title: 'Sync health with failures',
    description:
      'A worse day: changes that failed — some retrying, some not — by error category, each with what to do; the last failure read out; repairs and Tasks the sweep could not prepare.',
    openSection: 'health',
    answers: { [LOAD]: ['healthFailures'] },
  },
  {
    id: 'not-connected',
    title: 'Not connected',
    description: 'Sales Insight refused the credentials: delivery is paused and Test connection says what to do.',
    openSection: 'connection',
    answers: { [LOAD]: ['notConnected'], 'ConnectionController.testConnection': ['notAuthorized'] },
  },
  {
    id: 'api-unavailable',
    title: 'API logging unavailable',
    description: 'Professional Edition without the API add-on: API logging cannot be turned on; BCC is the way.',
    answers: { [LOAD]: ['apiUnavailable'] },
  },
  {
    id: 'minimum-access',
    title: 'Minimum-access user',
    description: 'A user without the Sales Insight Sync permission sets: the page says so instead of showing settings.',
    answers: { [LOAD]: ['reject:noAccess'] },
  },
];

/** One resolved answer, as the browser runtime takes it. */
export type ResolvedAnswer = { readonly value: unknown } | { readonly error: unknown };

/** What the page embeds for one scenario. */
export interface ScenarioData {
  readonly scenario: { readonly id: string; readonly title: string; readonly openSection?: string; readonly openTab?: string };
  readonly answers: Readonly<Record<string, readonly ResolvedAnswer[]>>;
  /** The fixture files the answers came from, relative to the root (what a screenshot's hash covers). */
  readonly files: readonly string[];
}

/** The fixtures found under the root: file name → every path holding it. */
export function fixtureIndex(root: string): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const path of listFiles(root, FIXTURE_ROOT, (file) => /\/lwc\/[^/]+\/__tests__\/data\/[^/]+\.json$/.test(file))) {
    const name = basename(path);
    index.set(name, [...(index.get(name) ?? []), path]);
  }
  return index;
}

/** The Apex methods some fixture answers (`Class.method`), from the un-suffixed files. */
export function answeredMethods(index: ReadonlyMap<string, readonly string[]>): string[] {
  return [...index.keys()]
    .map((name) => /^([A-Za-z]\w*\.[A-Za-z]\w*)\.json$/.exec(name)?.[1])
    .filter((method): method is string => method !== undefined)
    .sort();
}

/**
 * Reads one fixture by method and variant. Two components may keep the same file (a shared
 * controller): they must agree, or the preview would show one of two stories.
 * @throws Error naming the file to add, or the copies that disagree
 */
export function readFixture(
  root: string,
  index: ReadonlyMap<string, readonly string[]>,
  method: string,
  variant: string,
): { path: string; value: unknown } {
  const name = variant === '' ? `${method}.json` : `${method}.${variant}.json`;
  const paths = index.get(name) ?? [];
  if (paths.length === 0) {
    throw new Error(
      `Preview fixture ${name} is missing: add it under a component's __tests__/data/ (scenarios name it in scripts/workbench/preview/scenarios.ts).`,
    );
  }
  const texts = paths.map((path) => readFileSync(join(root, path), 'utf8'));
  const parsed = texts.map((text) => JSON.parse(text) as unknown);
  if (parsed.some((value) => JSON.stringify(value) !== JSON.stringify(parsed[0]))) {
    throw new Error(`Preview fixture ${name} has copies that differ: ${paths.join(', ')}. Make them equal or rename one.`);
  }
  return { path: paths[0] ?? name, value: parsed[0] };
}

/**
 * Resolves a scenario's answers from the fixtures: its own, then every other answered method's
 * default, so a card's call never goes unanswered.
 * @throws Error when a named fixture is missing or its copies differ
 */
export function resolveScenario(
  root: string,
  scenario: Scenario,
  index: ReadonlyMap<string, readonly string[]> = fixtureIndex(root),
): ScenarioData {
  const files = new Set<string>();
  const answers: Record<string, ResolvedAnswer[]> = {};
  const methods = new Set([...answeredMethods(index), ...Object.keys(scenario.answers ?? {})]);
  for (const method of [...methods].sort()) {
    const refs = scenario.answers?.[method] ?? [''];
    answers[method] = refs.map((ref) => {
      const rejects = ref.startsWith('reject:');
      const fixture = readFixture(root, index, method, rejects ? ref.slice('reject:'.length) : ref);
      files.add(fixture.path);
      return rejects ? { error: fixture.value } : { value: fixture.value };
    });
  }
  const { id, title, openSection, openTab } = scenario;
  return {
    scenario: { id, title, ...(openSection ? { openSection } : {}), ...(openTab ? { openTab } : {}) },
    answers,
    files: [...files].sort(),
  };
}

/**
 * Resolves every scenario once, so the preview refuses to start when one names a missing fixture.
 * @throws Error listing every problem, one per line
 */
export function resolveAllScenarios(root: string, scenarios: readonly Scenario[] = SCENARIOS): Map<string, ScenarioData> {
  const index = fixtureIndex(root);
  const resolved = new Map<string, ScenarioData>();
  const problems: string[] = [];
  for (const scenario of scenarios) {
    if (resolved.has(scenario.id)) problems.push(`scenario ${scenario.id} is defined twice`);
    try {
      resolved.set(scenario.id, resolveScenario(root, scenario, index));
    } catch (error: unknown) {
      problems.push(`scenario ${scenario.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (problems.length > 0) throw new Error(`The preview cannot start:\n${problems.join('\n')}`);
  return resolved;
}
