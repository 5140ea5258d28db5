import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { writeLabelModules } from './scripts/jest/label-modules.js';

const require = createRequire(import.meta.url);
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');
const LABEL_MODULES = fileURLToPath(new URL('./node_modules/.cache/sisync-jest-labels', import.meta.url));
writeLabelModules(fileURLToPath(new URL('./force-app/main/ui/labels', import.meta.url)), LABEL_MODULES);

/**
 * Jest for the Lightning Web Components: sfdx-lwc-jest's stock config (it transforms `.ts`
 * and prefers it over the emitted `.js`), sa11y matchers, coverage over the TypeScript sources,
 * every Custom Label with its real value (scripts/jest/label-modules.js) and the shared test
 * support as `test/lwcSupport`.
 */
export default {
  ...jestConfig,
  setupFilesAfterEnv: [...(jestConfig.setupFilesAfterEnv ?? []), '<rootDir>/jest.setup.js'],
  moduleNameMapper: {
    ...(jestConfig.moduleNameMapper ?? {}),
    '^@salesforce/label/c\\.(.+)$': `${LABEL_MODULES}/c.$1.js`,
    '^test/lwcSupport$': '<rootDir>/force-app/tests/jest/lwcSupport.ts',
  },
  testMatch: ['<rootDir>/force-app/**/__tests__/**/*.test.ts'],
  testPathIgnorePatterns: ['<rootDir>/node_modules/', '<rootDir>/scripts/'],
  collectCoverageFrom: ['force-app/**/lwc/**/*.ts', '!force-app/**/__tests__/**'],
  coverageReporters: ['text-summary', 'json-summary', 'lcov'],
  coverageThreshold: {
    global: { lines: 90, branches: 85, functions: 90, statements: 90 },
  },
};
