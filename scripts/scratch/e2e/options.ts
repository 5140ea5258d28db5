/**
 * org:e2e's flags, checked before sf is asked anything: the https URL Salesforce will call, the
 * local port behind it, and how the run signs — each refusal names the flag and the fix.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { booleanFlag, integerFlag, stringFlag, UsageError, type CommandHelp, type FlagValues } from '../cli/args.ts';
import { keyFingerprint } from '../../workbench/to-salesforce/signing.ts';
import type { Signing } from './context.ts';

/** The shortest signing key the workbench accepts (the signing card generates 64 hex characters). */
export const MIN_SIGNING_KEY_LENGTH = 32;

/** What the flags say, checked. */
export interface E2eOptions {
  /** --target-org or --alias; undefined: sf's default org. */
  readonly targetOrg: string | undefined;
  /** The https origin, without a trailing slash; undefined when not given (checked after the org). */
  readonly workbenchUrl: string | undefined;
  readonly port: number;
  readonly integrationOrg: string | undefined;
  /** Minutes one step waits for the other side. */
  readonly waitMinutes: number;
  /** undefined when neither --signing-key-file nor --accept-unsigned was given (checked after the org). */
  readonly signing: Signing | undefined;
  /** The key itself, to redact; null when unsigned. */
  readonly signingKey: string | null;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)$/i;

/**
 * Checks `--workbench-url`: an https origin Salesforce can reach.
 * @returns the origin without a trailing slash
 * @throws UsageError naming the flag and the fix
 */
export function checkWorkbenchUrl(text: string, help: CommandHelp): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--workbench-url must be a URL such as https://abc.trycloudflare.com (got "${text}").`, help);
  }
  if (url.protocol !== 'https:') {
    throw new UsageError(
      `--workbench-url must be https: Salesforce calls the Named Credential's URL over https only, from its own servers — expose the workbench through an https tunnel (docs/e2e.md) and pass that URL (got ${url.protocol}//).`,
      help,
    );
  }
  if (LOOPBACK.test(url.hostname)) {
    throw new UsageError(
      `--workbench-url ${url.origin} is this machine, which Salesforce cannot reach: pass the https URL of the tunnel to it (docs/e2e.md).`,
      help,
    );
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new UsageError(
      `--workbench-url must be the tunnel's origin alone, e.g. ${url.origin} (the workbench's routes start at its root).`,
      help,
    );
  }
  return url.origin;
}

function readSigning(values: FlagValues, help: CommandHelp, cwd: string): { signing: Signing | undefined; key: string | null } {
  const file = stringFlag(values, 'signing-key-file');
  const unsigned = booleanFlag(values, 'accept-unsigned');
  if (file !== undefined && unsigned) throw new UsageError('Use one of --signing-key-file and --accept-unsigned, not both.', help);
  if (unsigned) return { signing: { kind: 'unsigned' }, key: null };
  if (file === undefined) return { signing: undefined, key: null };
  const path = resolve(cwd, file);
  let key: string;
  try {
    key = readFileSync(path, 'utf8').trim();
  } catch {
    throw new UsageError(`--signing-key-file ${file} cannot be read: save the key the signing card showed into it (docs/e2e.md).`, help);
  }
  if (key.length < MIN_SIGNING_KEY_LENGTH) {
    // Never the key itself: only its length.
    throw new UsageError(
      `--signing-key-file ${file} holds ${key.length} characters, not a signing key (at least ${MIN_SIGNING_KEY_LENGTH}): copy the key the signing card showed, or generate a new one there.`,
      help,
    );
  }
  return { signing: { kind: 'key', file: path, fingerprint: keyFingerprint(key) }, key };
}

/**
 * Reads and checks the flags.
 * @throws UsageError for a bad value, or --target-org and --alias naming different orgs
 */
export function readOptions(values: FlagValues, help: CommandHelp, cwd: string): E2eOptions {
  const target = stringFlag(values, 'target-org');
  const alias = stringFlag(values, 'alias');
  if (target !== undefined && alias !== undefined && target !== alias) {
    throw new UsageError(`--alias is another name for --target-org: give one (got ${alias} and ${target}).`, help);
  }
  const url = stringFlag(values, 'workbench-url');
  const { signing, key } = readSigning(values, help, cwd);
  return {
    targetOrg: target ?? alias,
    workbenchUrl: url === undefined ? undefined : checkWorkbenchUrl(url, help),
    port: integerFlag(values, help, 'workbench-port', { min: 1, max: 65535, fallback: 4321 }),
    integrationOrg: stringFlag(values, 'integration-org'),
    waitMinutes: integerFlag(values, help, 'wait', { min: 1, max: 60, fallback: 3 }),
    signing,
    signingKey: key,
  };
}
