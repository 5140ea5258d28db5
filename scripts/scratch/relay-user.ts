/**
 * The relay must call out as the package's integration user. Two things make it so: the
 * PlatformEventSubscriberConfig that runs `OutboxReadyTrigger` as that user (no Setup page, and
 * the Apex Metadata API cannot deploy it: this module builds it as metadata for
 * `sf project deploy start --metadata-dir`, the one API step of docs/install.md), and the
 * package's scheduled jobs owned by that user — which the setup heartbeat
 * (`POST /v1/setup/heartbeat`, called by Sales Insight as the integration user) does in the org
 * itself, with no CLI.
 */

/** Options of `npm run org:relay-user`. */
export interface RelayUserOptions {
  readonly alias: string;
  /** Username of the integration user. */
  readonly user: string;
  /** The package namespace in the target org (`sisync` when installed or in a namespaced scratch org), or empty. */
  readonly namespace: string;
}

const USERNAME = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Parses `--alias`, `--user`, `--namespace` (default `sisync`; `--namespace ""` for none). */
export function parseRelayUserOptions(args: readonly string[]): RelayUserOptions {
  let alias = 'sisync-dev';
  let user: string | undefined;
  let namespace = 'sisync';
  for (let index = 0; index < args.length; index += 2) {
    const flag = args[index];
    const value = args[index + 1];
    if (value === undefined) throw new Error(`${flag ?? 'option'} needs a value.`);
    if (flag === '--alias') alias = value;
    else if (flag === '--user') user = value;
    else if (flag === '--namespace') namespace = value;
    else
      throw new Error(
        `Unknown option "${flag ?? ''}". Accepted: --alias <org>, --user <integration username>, --namespace <prefix or "">.`,
      );
  }
  if (user === undefined || !USERNAME.test(user)) {
    throw new Error(
      "--user must be the integration user's username (it looks like an e-mail address), e.g. --user sia-integration@acme.com.",
    );
  }
  if (!/^(|[A-Za-z][A-Za-z0-9]{0,14})$/.test(namespace)) {
    throw new Error(`--namespace must be a namespace prefix (letters and digits, at most 15) or "" (got "${namespace}").`);
  }
  return { alias, user, namespace };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The PlatformEventSubscriberConfig running the relay's event subscriber as the integration user. */
export function subscriberConfigXml(options: RelayUserOptions): string {
  const trigger = options.namespace === '' ? 'OutboxReadyTrigger' : `${options.namespace}__OutboxReadyTrigger`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<PlatformEventSubscriberConfig xmlns="http://soap.sforce.com/2006/04/metadata">',
    '    <batchSize>2000</batchSize>',
    '    <masterLabel>Sales Insight Sync relay</masterLabel>',
    `    <platformEventConsumer>${trigger}</platformEventConsumer>`,
    `    <user>${escapeXml(options.user)}</user>`,
    '</PlatformEventSubscriberConfig>',
    '',
  ].join('\n');
}

/** The package.xml deploying the config. */
export function packageXml(apiVersion: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Package xmlns="http://soap.sforce.com/2006/04/metadata">',
    '    <types>',
    '        <members>SalesInsightSyncRelay</members>',
    '        <name>PlatformEventSubscriberConfig</name>',
    '    </types>',
    `    <version>${apiVersion}</version>`,
    '</Package>',
    '',
  ].join('\n');
}

/** The deploy command for a metadata directory holding the two files above. */
export function deployConfigCommand(alias: string, metadataDir: string): string[] {
  return ['project', 'deploy', 'start', '--metadata-dir', metadataDir, '--target-org', alias, '--wait', '10'];
}
