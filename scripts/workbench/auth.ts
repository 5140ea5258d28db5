/**
 * OAuth 2.0 client credentials as a Salesforce External Credential uses them:
 * `POST /oauth/token` with the client authenticated by HTTP Basic (the External
 * Credential's default) or by `client_id` / `client_secret` in the form body,
 * answering a bearer token with an expiry. Tokens are signed (HMAC-SHA256 with
 * a secret kept in the data directory), so they survive a restart of the
 * emulator and need no table.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The only scope of the contract's `salesInsightOAuth` scheme. */
export const SYNC_SCOPE = 'salesforce.sync';

/** The client the emulator accepts and how long its tokens live. */
export interface AuthSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tokenTtlSeconds: number;
}

/** An answer of the token endpoint (RFC 6749 §5.1 or §5.2). */
export interface TokenAnswer {
  readonly httpStatus: 200 | 400 | 401;
  readonly body: Record<string, unknown>;
  readonly headers: Record<string, string>;
}

/** Whether a bearer token is accepted, and why not. */
export type TokenCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

function sameSecret(a: string, b: string): boolean {
  // Equal-length digests: timingSafeEqual needs equal lengths, and the
  // comparison then reveals nothing about either value's length.
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

function oauthError(httpStatus: 400 | 401, error: string, description: string, basic = false): TokenAnswer {
  return {
    httpStatus,
    body: { error, error_description: description },
    headers: basic ? { 'www-authenticate': 'Basic realm="sales-insight-workbench"' } : {},
  };
}

/** Decodes `Basic base64(id:secret)`, each part form-urlencoded (RFC 6749 §2.3.1). */
function basicCredentials(authorization: string): { id: string; secret: string } | undefined {
  const match = /^Basic[ ]+([A-Za-z0-9+/=]+)$/i.exec(authorization.trim());
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const unform = (part: string): string => decodeURIComponent(part.replaceAll('+', ' '));
  try {
    return { id: unform(decoded.slice(0, colon)), secret: unform(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

/** Issues and checks the emulator's bearer tokens. */
export class TokenService {
  readonly #settings: AuthSettings;
  readonly #key: Buffer;
  readonly #nowMs: () => number;

  /**
   * @param signingKey hex secret that signs tokens (persisted by the caller so tokens outlive a restart).
   * @param nowMs the clock, injectable for expiry tests.
   */
  constructor(settings: AuthSettings, signingKey: string, nowMs: () => number = Date.now) {
    this.#settings = settings;
    this.#key = Buffer.from(signingKey, 'hex');
    this.#nowMs = nowMs;
  }

  /** A fresh random signing key (hex). */
  static newSigningKey(): string {
    return randomBytes(32).toString('hex');
  }

  #sign(payload: string): string {
    return createHmac('sha256', this.#key).update(payload).digest('base64url');
  }

  /**
   * Answers a token request: `form` is the parsed `application/x-www-form-urlencoded`
   * body, `authorization` the request's header.
   */
  tokenRequest(form: URLSearchParams, authorization: string | undefined): TokenAnswer {
    const basic = authorization === undefined ? undefined : basicCredentials(authorization);
    if (authorization !== undefined && basic === undefined) {
      return oauthError(401, 'invalid_client', 'Authorization must be Basic base64(client_id:client_secret)', true);
    }
    const formId = form.get('client_id');
    const formSecret = form.get('client_secret');
    if (basic !== undefined && (formId !== null || formSecret !== null)) {
      return oauthError(400, 'invalid_request', 'authenticate the client by HTTP Basic or by the form body, not both');
    }
    const grantType = form.get('grant_type');
    if (grantType === null) return oauthError(400, 'invalid_request', 'grant_type is required');
    if (grantType !== 'client_credentials') {
      return oauthError(400, 'unsupported_grant_type', `grant_type must be client_credentials, got ${grantType}`);
    }
    const id = basic?.id ?? formId;
    const secret = basic?.secret ?? formSecret;
    if (id === null || secret === null) {
      return oauthError(401, 'invalid_client', 'client_id and client_secret are required (HTTP Basic or form body)', true);
    }
    if (!sameSecret(id, this.#settings.clientId) || !sameSecret(secret, this.#settings.clientSecret)) {
      return oauthError(401, 'invalid_client', 'unknown client or wrong secret', basic !== undefined);
    }
    const scope = form.get('scope');
    if (scope !== null && scope.split(' ').some((s) => s !== '' && s !== SYNC_SCOPE)) {
      return oauthError(400, 'invalid_scope', `scope must be ${SYNC_SCOPE}`);
    }
    const expiresAtMs = this.#nowMs() + this.#settings.tokenTtlSeconds * 1000;
    const payload = Buffer.from(JSON.stringify({ exp: expiresAtMs, cid: id })).toString('base64url');
    return {
      httpStatus: 200,
      body: {
        access_token: `${payload}.${this.#sign(payload)}`,
        token_type: 'Bearer',
        expires_in: this.#settings.tokenTtlSeconds,
        scope: SYNC_SCOPE,
      },
      headers: { pragma: 'no-cache' },
    };
  }

  /** Checks an `Authorization: Bearer <token>` header. */
  check(authorization: string | undefined): TokenCheck {
    if (authorization === undefined) return { ok: false, message: 'Authorization: Bearer <token> is required (POST /oauth/token)' };
    const match = /^Bearer[ ]+([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/i.exec(authorization.trim());
    if (!match?.[1] || !match[2]) return { ok: false, message: 'Authorization must be Bearer <token>' };
    const expected = Buffer.from(this.#sign(match[1]));
    const given = Buffer.from(match[2]);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, message: 'access token invalid' };
    const { exp } = JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8')) as { exp: number };
    if (this.#nowMs() >= exp) return { ok: false, message: 'access token expired' };
    return { ok: true };
  }
}
