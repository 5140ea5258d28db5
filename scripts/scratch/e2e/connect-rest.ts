/**
 * Pointing the package's connection at the workbench through Connect REST's named-credential
 * resources (API 58.0+), the API Salesforce provides for what the package's metadata cannot carry
 * (docs: "Populate External Credential Principals"):
 *
 * - `GET`/`PUT /named-credentials/named-credential-setup/{developerName}`: the Named Credential
 *   `SalesInsight`; PUT takes the whole `NamedCredentialInput` (masterLabel, type, calloutUrl,
 *   externalCredentials, calloutOptions are required), so the current one is read and sent back
 *   with the new `calloutUrl`;
 * - `GET`/`PUT /named-credentials/external-credentials/{developerName}`: the External Credential
 *   `SalesInsight`, whose `AuthProviderUrl` parameter is the token URL;
 * - `GET`/`POST`/`PUT /named-credentials/credential`: the `IntegrationUser` principal's client id
 *   and secret (`clientId` not encrypted, `clientSecret` encrypted), POST the first time, PUT to
 *   replace.
 *
 * Pure: these build paths and bodies from what the GETs answered; the steps send them.
 */

/** The package's Named Credential and External Credential (force-app/main/connection). */
export const NAMED_CREDENTIAL = 'SalesInsight';
export const EXTERNAL_CREDENTIAL = 'SalesInsight';
/** The External Credential's named principal (its `IntegrationUser` parameter group). */
export const PRINCIPAL = 'IntegrationUser';

/** A developer name qualified with the package's namespace in a namespaced org: `sisync__SalesInsight`. */
export function qualified(name: string, namespace: string): string {
  return namespace === '' ? name : `${namespace}__${name}`;
}

/** The Named Credential's resource (below `/services/data/vXX.X`). */
export function namedCredentialPath(namespace: string): string {
  return `/named-credentials/named-credential-setup/${qualified(NAMED_CREDENTIAL, namespace)}`;
}

/** The External Credential's resource. */
export function externalCredentialPath(namespace: string): string {
  return `/named-credentials/external-credentials/${qualified(EXTERNAL_CREDENTIAL, namespace)}`;
}

/** The principal's credential resource, with the query parameters a GET needs. */
export function credentialPath(namespace: string, forGet: boolean): string {
  if (!forGet) return '/named-credentials/credential';
  const query = new URLSearchParams({
    externalCredential: qualified(EXTERNAL_CREDENTIAL, namespace),
    principalName: PRINCIPAL,
    principalType: 'NamedPrincipal',
  });
  return `/named-credentials/credential?${query.toString()}`;
}

/** A malformed GET answer: the message names what is missing. */
export class ConnectShapeError extends Error {}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConnectShapeError(`${what} is not an object`);
  return value as Record<string, unknown>;
}

function text(value: Record<string, unknown>, name: string, what: string): string {
  const found = value[name];
  if (typeof found !== 'string') throw new ConnectShapeError(`${what} has no ${name}`);
  return found;
}

/** The current `calloutUrl` of a Named Credential GET answer. */
export function calloutUrlOf(answer: unknown): string {
  return text(record(answer, 'the Named Credential'), 'calloutUrl', 'the Named Credential');
}

/**
 * The `NamedCredentialInput` that keeps the Named Credential as it is but for its URL.
 * @param current the GET answer (`NamedCredential`)
 * @param url the new callout URL
 */
export function namedCredentialInput(current: unknown, url: string): Record<string, unknown> {
  const nc = record(current, 'the Named Credential');
  const externals = Array.isArray(nc['externalCredentials']) ? nc['externalCredentials'] : [];
  const options = record(nc['calloutOptions'] ?? {}, 'calloutOptions');
  return {
    masterLabel: text(nc, 'masterLabel', 'the Named Credential'),
    type: text(nc, 'type', 'the Named Credential'),
    calloutUrl: url,
    externalCredentials: externals.map((external) => ({
      developerName: text(record(external, 'an external credential'), 'developerName', 'an external credential'),
    })),
    calloutOptions: {
      allowMergeFieldsInBody: options['allowMergeFieldsInBody'] === true,
      allowMergeFieldsInHeader: options['allowMergeFieldsInHeader'] === true,
      generateAuthorizationHeader: options['generateAuthorizationHeader'] !== false,
    },
  };
}

interface Parameter {
  readonly parameterName: string;
  readonly parameterType: string;
  readonly parameterValue?: string;
  readonly sequenceNumber?: number;
}

function parametersOf(value: unknown): Parameter[] {
  const list = Array.isArray(value) ? value : [];
  return list.map((entry) => {
    const parameter = record(entry, 'a parameter');
    const value = parameter['parameterValue'];
    const sequence = parameter['sequenceNumber'];
    return {
      parameterName: text(parameter, 'parameterName', 'a parameter'),
      parameterType: text(parameter, 'parameterType', 'a parameter'),
      ...(typeof value === 'string' ? { parameterValue: value } : {}),
      ...(typeof sequence === 'number' ? { sequenceNumber: sequence } : {}),
    };
  });
}

/** The token URL (`AuthProviderUrl` parameter) of an External Credential GET answer, or null. */
export function tokenUrlOf(answer: unknown): string | null {
  const found = parametersOf(record(answer, 'the External Credential')['parameters']).find(
    (parameter) => parameter.parameterType === 'AuthProviderUrl',
  );
  return found?.parameterValue ?? null;
}

/**
 * The `ExternalCredentialInput` that keeps the External Credential as it is but for its token URL.
 * @param current the GET answer (`ExternalCredential`)
 * @param tokenUrl the new token URL
 */
export function externalCredentialInput(current: unknown, tokenUrl: string): Record<string, unknown> {
  const ec = record(current, 'the External Credential');
  const parameters = parametersOf(ec['parameters']).filter((parameter) => parameter.parameterType !== 'AuthProviderUrl');
  const principals = (Array.isArray(ec['principals']) ? ec['principals'] : []).map((entry) => {
    const principal = record(entry, 'a principal');
    const sequence = principal['sequenceNumber'];
    return {
      principalName: text(principal, 'principalName', 'a principal'),
      principalType: text(principal, 'principalType', 'a principal'),
      ...(typeof sequence === 'number' ? { sequenceNumber: sequence } : {}),
    };
  });
  const variant = ec['authenticationProtocolVariant'];
  return {
    masterLabel: text(ec, 'masterLabel', 'the External Credential'),
    authenticationProtocol: text(ec, 'authenticationProtocol', 'the External Credential'),
    ...(typeof variant === 'string' ? { authenticationProtocolVariant: variant } : {}),
    parameters: [...parameters, { parameterName: 'AuthProviderUrl', parameterType: 'AuthProviderUrl', parameterValue: tokenUrl }],
    principals,
  };
}

/** Whether a credential GET answer says the principal already holds credentials (PUT replaces them; else POST). */
export function principalConfigured(answer: unknown): boolean {
  if (typeof answer !== 'object' || answer === null) return false;
  const status = (answer as Record<string, unknown>)['authenticationStatus'];
  const credentials = (answer as Record<string, unknown>)['credentials'];
  return status === 'Configured' || (typeof credentials === 'object' && credentials !== null && 'clientId' in credentials);
}

/** The `CredentialInput` giving the principal the workbench's client id and secret. */
export function credentialInput(namespace: string, clientId: string, clientSecret: string): Record<string, unknown> {
  return {
    externalCredential: qualified(EXTERNAL_CREDENTIAL, namespace),
    principalName: PRINCIPAL,
    principalType: 'NamedPrincipal',
    authenticationProtocol: 'OAuth',
    authenticationProtocolVariant: 'ClientCredentialsClientSecret',
    credentials: {
      clientId: { value: clientId, encrypted: false },
      clientSecret: { value: clientSecret, encrypted: true },
    },
  };
}
