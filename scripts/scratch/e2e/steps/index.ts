/** Every step of the round trip, in the order it runs. */
import type { E2eContext } from '../context.ts';
import type { Step } from '../runner.ts';
import { BCC_STEPS } from './bcc.ts';
import { EMAIL_STEPS } from './email.ts';
import { FAULT_STEPS } from './faults.ts';
import { FIRST_SYNC_REENABLE_STEPS, FIRST_SYNC_SEED_STEPS, FIRST_SYNC_WINDOW_STEPS } from './first-sync.ts';
import { SETUP_STEPS, SYNC_ON_STEP } from './setup.ts';
import { TASK_STEPS } from './tasks.ts';

export const E2E_STEPS: readonly Step<E2eContext>[] = [
  ...SETUP_STEPS,
  // The seed comes before sync-on, whose turning on is the first-time sync it checks.
  ...FIRST_SYNC_SEED_STEPS,
  SYNC_ON_STEP,
  ...FIRST_SYNC_WINDOW_STEPS,
  ...TASK_STEPS,
  ...FAULT_STEPS,
  ...EMAIL_STEPS,
  ...BCC_STEPS,
  // Last: it turns sync off for a while.
  ...FIRST_SYNC_REENABLE_STEPS,
];
