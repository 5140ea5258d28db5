/**
 * The run's secrets — the principal's client secret, the signing key — are registered here the
 * moment they exist, and every line the run prints or writes passes through {@link Redactor.redact}.
 * Redacting is the second line of defence: the first is that no code path formats a secret into a
 * message (they travel in 0600 files and in request bodies, never in argv or logs).
 */

/** What replaces a secret. */
export const REDACTED = '[redacted]';

/** Secrets of one run. */
export class Redactor {
  readonly #secrets = new Set<string>();

  /** Registers a secret (shorter than 8 characters is refused: it would redact ordinary words). */
  add(secret: string): void {
    if (secret.length < 8) throw new Error('a secret to redact must be at least 8 characters');
    this.#secrets.add(secret);
  }

  /** The text with every registered secret replaced by {@link REDACTED}. */
  redact(text: string): string {
    let out = text;
    for (const secret of this.#secrets) out = out.split(secret).join(REDACTED);
    return out;
  }
}
