/**
 * The failures a command reports. Each is printed as its message alone (no stack): the message is
 * written for the user and says what to do.
 */

/** A command that stopped with a message for the user; the process exits non-zero. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

/** What a command needs is missing (no Dev Hub, no org, an expired org…): nothing was changed. */
export class PreflightError extends CommandError {
  constructor(message: string) {
    super(message);
    this.name = 'PreflightError';
  }
}
