import { registerSa11yMatcher } from '@sa11y/jest';

// Every component test may call `await expect(element).toBeAccessible()`.
registerSa11yMatcher();
