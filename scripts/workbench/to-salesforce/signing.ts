/**
 * What the workbench shows of the org's inbound signing key — whether it signs, and the key's
 * fingerprint, never the key — and what it says when the org refuses unsigned calls (the
 * contract's signing policy, `docs/contract/README.md`).
 */
import { createHash } from 'node:crypto';

/** The org's refusal (401) of a call while it has no signing key and does not accept unsigned calls. */
export const SIGNING_NOT_CONFIGURED = 'SIGNING_NOT_CONFIGURED';

/** The fix of a SIGNING_NOT_CONFIGURED refusal, as the To Salesforce page and the API spell it out. */
export const SIGNING_NOT_CONFIGURED_FIX =
  "the org refuses unsigned calls: generate a key on the signing card and restart with --signing-key-file <file> (or WORKBENCH_SIGNING_KEY), or record 'accept unsigned calls' there";

/**
 * A key's fingerprint as the org's signing card shows it: the first 12 hex characters of the
 * SHA-256 of the key's UTF-8 bytes. Safe to show: it tells keys apart without revealing one.
 */
export function keyFingerprint(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 12);
}

/** The fix the workbench spells out for an error code of the org; null when it has none to add. */
export function fixOf(code: string | null): string | null {
  return code === SIGNING_NOT_CONFIGURED ? SIGNING_NOT_CONFIGURED_FIX : null;
}
