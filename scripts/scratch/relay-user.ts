/**
 * The relay must call out as the package's integration user. Two things make it so: the
 * PlatformEventSubscriberConfig that runs `OutboxReadyTrigger` as that user (no Setup page, and
 * the Apex Metadata API cannot deploy it: this module builds it as metadata for
 * `sf project deploy start --metadata-dir`, the one API step of docs/install.md), and the
 * package's scheduled jobs owned by that user — which the setup heartbeat
 * (`POST /v1/setup/heartbeat`, sent as the integration user) does in the org itself.
 */

/** Who the relay runs as, and the package's namespace in that org ('' without one). */
export interface RelayUser {
  /** Username of the integration user. */
  readonly user: string;
  readonly namespace: string;
}

const USERNAME = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether a text looks like a Salesforce username (an e-mail address form). */
export function isUsername(text: string): boolean {
  return USERNAME.test(text);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The PlatformEventSubscriberConfig running the relay's event subscriber as the integration user. */
export function subscriberConfigXml(relay: RelayUser): string {
  const trigger = relay.namespace === '' ? 'OutboxReadyTrigger' : `${relay.namespace}__OutboxReadyTrigger`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<PlatformEventSubscriberConfig xmlns="http://soap.sforce.com/2006/04/metadata">',
    '    <batchSize>2000</batchSize>',
    '    <masterLabel>Sales Insight Sync relay</masterLabel>',
    `    <platformEventConsumer>${trigger}</platformEventConsumer>`,
    `    <user>${escapeXml(relay.user)}</user>`,
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

/** The metadata directory deploying the config: path → content. */
export function relayConfigFiles(relay: RelayUser, apiVersion: string): Record<string, string> {
  return {
    'package.xml': packageXml(apiVersion),
    'platformEventSubscriberConfigs/SalesInsightSyncRelay.platformEventSubscriberConfig': subscriberConfigXml(relay),
  };
}
