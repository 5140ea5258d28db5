/**
 * The token URL the package's External Credential calls, the contract's `tokenUrl` and the
 * workbench's token route are one: an org pointed at the workbench (Named Credential URL and token
 * URL on the same host) authenticates without editing anything else.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadOpenApi } from '../../contract/load.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));

function externalCredentialTokenUrl(): string {
  const xml = readFileSync(`${root}/force-app/main/connection/externalCredentials/SalesInsight.externalCredential-meta.xml`, 'utf8');
  const match = /<parameterType>AuthProviderUrl<\/parameterType>\s*<parameterValue>([^<]+)<\/parameterValue>/.exec(xml);
  assert.ok(match?.[1], 'the External Credential has an AuthProviderUrl');
  return match[1];
}

function contractTokenUrl(): string {
  const doc = loadOpenApi() as unknown as {
    components: { securitySchemes: { salesInsightOAuth: { flows: { clientCredentials: { tokenUrl: string } } } } };
  };
  return doc.components.securitySchemes.salesInsightOAuth.flows.clientCredentials.tokenUrl;
}

test('token url › the External Credential and the contract name the same token URL', () => {
  assert.equal(externalCredentialTokenUrl(), contractTokenUrl());
});

test('token url › it is the workbench route /oauth/token on the Named Credential host', () => {
  const namedCredential = readFileSync(`${root}/force-app/main/connection/namedCredentials/SalesInsight.namedCredential-meta.xml`, 'utf8');
  const endpoint = /<parameterValue>(https:[^<]+)<\/parameterValue>/.exec(namedCredential)?.[1];
  const tokenUrl = new URL(contractTokenUrl());
  assert.equal(tokenUrl.pathname, '/oauth/token');
  assert.equal(tokenUrl.origin, endpoint === undefined ? undefined : new URL(endpoint).origin);
});
