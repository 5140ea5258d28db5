/** Every step of the round trip, in the order it runs. */
import type { E2eContext } from '../context.ts';
import type { Step } from '../runner.ts';
import { FAULT_STEPS } from './faults.ts';
import { SETUP_STEPS } from './setup.ts';
import { TASK_STEPS } from './tasks.ts';

export const E2E_STEPS: readonly Step<E2eContext>[] = [...SETUP_STEPS, ...TASK_STEPS, ...FAULT_STEPS];
