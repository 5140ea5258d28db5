/**
 * The flags the commands share, each with sf's own name and short letter (`sf org create scratch
 * --help`, `sf project deploy start --help`), so a flag learnt from sf works here and one learnt
 * here works with `npx sf`.
 */
import type { FlagSpec } from './args.ts';

/** The org a command works on; sf's default org (`target-org`) when not given. */
export const TARGET_ORG: FlagSpec = {
  name: 'target-org',
  short: 'o',
  type: 'string',
  valueName: 'alias',
  summary: "Alias or username of the org (default: sf's default org, which org:create sets).",
};

/** Names users bring from older scripts or other tools for --target-org, each pointed at it. */
export const TARGET_ORG_RENAMES: Readonly<Record<string, string>> = { alias: 'target-org', org: 'target-org', u: 'target-org' };

/** The same flag where a command changes a real org and must not guess. */
export const REQUIRED_TARGET_ORG: FlagSpec = { ...TARGET_ORG, summary: 'Alias or username of the org (required).' };

/** The Dev Hub; sf's default Dev Hub (`target-dev-hub`) when not given. */
export const TARGET_DEV_HUB: FlagSpec = {
  name: 'target-dev-hub',
  short: 'v',
  type: 'string',
  valueName: 'alias',
  summary: "Alias or username of the Dev Hub (default: sf's default Dev Hub).",
};

/** The alias a new scratch org gets. */
export const ALIAS: FlagSpec = {
  name: 'alias',
  short: 'a',
  type: 'string',
  valueName: 'alias',
  summary: 'Alias of the new scratch org (default: sisync-dev); it also becomes the default org.',
};

/** How long a new scratch org lives. */
export const DURATION_DAYS: FlagSpec = {
  name: 'duration-days',
  short: 'y',
  type: 'string',
  valueName: 'days',
  summary: 'Days the scratch org lives, 1 to 30 (default: 7).',
};

/** A scratch org without the package namespace, for Dev Hubs the namespace is not linked to. */
export const NO_NAMESPACE: FlagSpec = {
  name: 'no-namespace',
  type: 'boolean',
  summary: 'Without the sisync namespace (for a Dev Hub that has not linked it).',
};

/** Minutes to wait for sf's long operations. */
export function waitFlag(defaultMinutes: number): FlagSpec {
  return {
    name: 'wait',
    short: 'w',
    type: 'string',
    valueName: 'minutes',
    summary: `Minutes to wait for sf to finish (default: ${defaultMinutes}).`,
  };
}

/** The user a command acts for (sf's `--on-behalf-of`, as in `sf org assign permset`). */
export const ON_BEHALF_OF: FlagSpec = {
  name: 'on-behalf-of',
  short: 'b',
  type: 'string',
  valueName: 'username',
  summary: "The integration user's username (required), e.g. sia-integration@acme.com.",
};

/** The default alias of a scratch org made by org:create. */
export const DEFAULT_ALIAS = 'sisync-dev';
