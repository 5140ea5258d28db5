/**
 * Request signing for calls from Sales Insight into Salesforce:
 * `X-SIA-Timestamp: <unix seconds>` and
 * `X-SIA-Signature: v1=<lowercase hex HMAC-SHA256 over "<timestamp>.<raw body>">`.
 * The emulator signs with {@link signBody}; Apex verifies with the same rule as
 * {@link verifySignature}, then applies the org's signing policy to the verdict
 * (`docs/contract/README.md`, "Signing policy"): that part is the org's, not this rule's.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Maximum age (and maximum clock skew into the future) of a signature, in seconds. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** Why a request was accepted or refused. */
export type SignatureVerdict = 'valid' | 'notConfigured' | 'missing' | 'malformed' | 'expired' | 'mismatch';

/** The verification input: the org's active keys (0–2) and what arrived. */
export interface SignatureCheck {
  /** Active signing keys (current and, during rotation, previous); HMAC key = UTF-8 bytes. */
  readonly keys: readonly string[];
  /** Salesforce's clock, unix seconds. */
  readonly now: number;
  readonly timestampHeader: string | null;
  readonly signatureHeader: string | null;
  /** The raw request body, exactly as received. */
  readonly body: string;
}

const TIMESTAMP = /^[0-9]{1,10}$/;
const SIGNATURE = /^v1=[0-9a-f]{64}$/;

/** The header value for a body signed with `key` at `timestamp`. */
export function signBody(key: string, timestamp: string, body: string): string {
  const mac = createHmac('sha256', Buffer.from(key, 'utf8'))
    .update(Buffer.from(`${timestamp}.${body}`, 'utf8'))
    .digest('hex');
  return `v1=${mac}`;
}

/**
 * Applies the signature rule. "valid" and "notConfigured" pass the rule; the org's signing policy
 * then refuses "notConfigured" (401 SIGNING_NOT_CONFIGURED) unless an admin accepted unsigned
 * calls or the call is the setup heartbeat, and accepts "missing" during a grace period; every
 * other verdict is 401 INVALID_SIGNATURE.
 */
export function verifySignature(check: SignatureCheck): { valid: boolean; reason: SignatureVerdict } {
  // Without a configured key there is nothing to verify against; whether the org accepts the call is its policy's decision.
  if (check.keys.length === 0) return { valid: true, reason: 'notConfigured' };
  const { timestampHeader: ts, signatureHeader: sig } = check;
  if (ts === null || sig === null) return { valid: false, reason: 'missing' };
  if (!TIMESTAMP.test(ts) || !SIGNATURE.test(sig)) return { valid: false, reason: 'malformed' };
  if (Math.abs(check.now - Number(ts)) > SIGNATURE_TOLERANCE_SECONDS) {
    return { valid: false, reason: 'expired' };
  }
  const matches = check.keys.some((key) => timingSafeEqual(Buffer.from(signBody(key, ts, check.body)), Buffer.from(sig)));
  return matches ? { valid: true, reason: 'valid' } : { valid: false, reason: 'mismatch' };
}
