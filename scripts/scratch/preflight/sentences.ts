/**
 * What a command says when it cannot start: one sentence, ending with the command that fixes it.
 * Kept together so they read alike and the tests can hold each one to its case.
 */

/** The login that gives the sf CLI a default Dev Hub. */
export const LOGIN_DEV_HUB = 'npx sf org login web --set-default-dev-hub --alias devhub';

/** The sf CLI holds no authorization at all. */
export function noAuthAtAll(): string {
  return `The sf CLI is not logged in to any org: log in to your Dev Hub with \`${LOGIN_DEV_HUB}\`.`;
}

/** No default Dev Hub and none named. */
export function noDevHub(): string {
  return `No Dev Hub is set: run \`${LOGIN_DEV_HUB}\` (or pass --target-dev-hub <alias>).`;
}

/** A named Dev Hub the CLI does not know. */
export function unknownDevHub(hub: string): string {
  return `No Dev Hub is logged in as ${hub}: run \`npx sf org login web --set-default-dev-hub --alias ${hub}\`.`;
}

/** An org named with --target-org that answers but is no Dev Hub. */
export function notADevHub(hub: string): string {
  return `${hub} is not a Dev Hub: enable Dev Hub in its Setup, or log in to yours with \`${LOGIN_DEV_HUB}\`.`;
}

/** No default org and none named. */
export function noDefaultOrg(scratch: boolean): string {
  return scratch
    ? 'No default org is set: create a scratch org with `npm run org:create` (it becomes the default), or pass --target-org <alias>.'
    : 'No default org is set: pass --target-org <alias> (see `npx sf org list`).';
}

/** A named org the CLI does not know. */
export function unknownOrg(org: string, scratch: boolean): string {
  return scratch
    ? `No org is known to the sf CLI as ${org}: create it with \`npm run org:create -- --alias ${org}\`.`
    : `No org is known to the sf CLI as ${org}: log in to it with \`npx sf org login web --alias ${org}\`.`;
}

/** A scratch org past its end, or whose authorization no longer works because it is gone. */
export function expiredScratchOrg(org: string): string {
  return `The scratch org ${org} has expired: create a new one with \`npm run org:create -- --alias ${org}\`.`;
}

/** An org that is not a scratch org, for commands that only make sense in one. */
export function notAScratchOrg(org: string, command: string): string {
  return `${org} is not a scratch org, and ${command} works on scratch orgs only: create one with \`npm run org:create\`.`;
}

/** A non-scratch org whose session or refresh token no longer works. */
export function expiredSession(org: string): string {
  return `The sf CLI's login to ${org} no longer works (expired or revoked): log in again with \`npx sf org login web --alias ${org}\`.`;
}

/** The project's namespace is not linked to the Dev Hub. */
export function namespaceNotLinked(namespace: string, hub: string, creatingOrg: boolean): string {
  const open = `\`npx sf org open --target-org ${hub} --path lightning/o/NamespaceRegistry/list\``;
  return creatingOrg
    ? `The namespace ${namespace} is not linked to the Dev Hub ${hub}: create the org without it with \`npm run org:create -- --no-namespace\`, or link it (Namespace Registries → Link Namespace) at ${open}.`
    : `The namespace ${namespace} is not linked to the Dev Hub ${hub}, so no version can be built: link it (Namespace Registries → Link Namespace) at ${open}.`;
}

/** sf did not start or did not answer. */
export function sfUnavailable(reason: string): string {
  return `The sf CLI could not be asked (${reason}): run \`npm ci\`, which installs it, and try again.`;
}

/** Any other refusal, with sf's own words. */
export function orgRefused(org: string, message: string): string {
  return `sf could not reach ${org} (${message.split('\n')[0] ?? message}): check it with \`npx sf org display --target-org ${org}\`.`;
}
