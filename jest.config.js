import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

/**
 * Jest for the Lightning Web Components: sfdx-lwc-jest's stock config (it transforms `.ts`
 * and prefers it over the emitted `.js`), sa11y matchers, coverage over the TypeScript sources.
 */
export default {
  ...jestConfig,
  setupFilesAfterEnv: [...(jestConfig.setupFilesAfterEnv ?? []), '<rootDir>/jest.setup.js'],
  testMatch: ['<rootDir>/force-app/**/__tests__/**/*.test.ts'],
  testPathIgnorePatterns: ['<rootDir>/node_modules/', '<rootDir>/scripts/'],
  collectCoverageFrom: ['force-app/**/lwc/**/*.ts', '!force-app/**/__tests__/**'],
  coverageReporters: ['text-summary', 'json-summary', 'lcov'],
  coverageThreshold: {
    global: { lines: 90, branches: 85, functions: 90, statements: 90 },
  },
};
