/**
 * Waiting for the other side: asks again every interval until the check answers or the time is
 * up. The clock and the sleep are injected so a test can run many polls fast; the real ones are
 * `Date.now` and a timer.
 */

/** How a round trip waits. */
export interface Waiting {
  /** Longest wait of one step, in milliseconds. */
  readonly timeoutMs: number;
  /** Between two asks, in milliseconds. */
  readonly intervalMs: number;
  readonly nowMs: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/** The real clock, with the given timeout and interval. */
export function realWaiting(timeoutMs: number, intervalMs = 2000): Waiting {
  return {
    timeoutMs,
    intervalMs,
    nowMs: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

/** A wait that ran out: the message says what was last seen. */
export class TimedOut extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimedOut';
  }
}

/**
 * Calls `check` until it returns something other than undefined.
 * @param what what is awaited, for the message: `the emulator to see the create`
 * @param lastSeen describes the last state when time runs out
 * @throws TimedOut after `timeoutMs`
 */
export async function pollUntil<T>(
  waiting: Waiting,
  what: string,
  check: () => Promise<T | undefined>,
  lastSeen: () => string = () => 'nothing',
): Promise<T> {
  const deadline = waiting.nowMs() + waiting.timeoutMs;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (waiting.nowMs() >= deadline) {
      throw new TimedOut(`waited ${Math.round(waiting.timeoutMs / 1000)} s for ${what}; last seen: ${lastSeen()}`);
    }
    await waiting.sleep(waiting.intervalMs);
  }
}
