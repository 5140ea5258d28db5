import lwcConfig from '@salesforce/eslint-config-lwc';
import jestPlugin from 'eslint-plugin-jest';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * ESLint for the whole repository: Salesforce's LWC rules on components (TypeScript
 * sources), typescript-eslint's recommended rules on the tooling in scripts/, Jest rules on tests.
 */
export default [
  {
    ignores: [
      'node_modules/**',
      'scripts/verify/platform-compiler/node_modules/**',
      'coverage/**',
      '.sf/**',
      '.sfdx/**',
      // The workbench's data and the preview's built bundle; npm test's reports.
      '.workbench/**',
      'results/**',
      // Emitted from the TypeScript beside it by `npm run build`.
      'force-app/**/lwc/**/*.js',
    ],
  },
  ...lwcConfig.configs.recommendedTs.map((config) => ({ ...config, files: ['force-app/**/lwc/**/*.ts'] })),
  {
    files: ['force-app/**/lwc/**/*.ts'],
    rules: {
      // They misfire on TypeScript interfaces and types; tsc checks both.
      'no-undef': 'off',
      'no-unused-vars': 'off',
    },
  },
  {
    files: ['force-app/**/__tests__/**/*.ts'],
    ...jestPlugin.configs['flat/recommended'],
    languageOptions: { globals: { ...globals.jest, ...globals.node } },
  },
  ...tseslint.configs.recommended.map((config) => ({
    ...config,
    files: ['scripts/**/*.ts', 'types/**/*.d.ts', 'force-app/tests/jest/**/*.ts'],
  })),
  {
    files: ['force-app/tests/jest/**/*.ts'],
    languageOptions: { globals: { ...globals.jest, ...globals.node } },
  },
  {
    files: ['*.js', 'scripts/**/*.ts', 'scripts/**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
];
