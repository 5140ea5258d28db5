/** Faults injected at the emulator (filled in by the next slice). */
import type { E2eContext } from '../context.ts';
import type { Step } from '../runner.ts';

export const FAULT_STEPS: readonly Step<E2eContext>[] = [];
