// Unit specs next to the code (src/**/*.spec.ts; components are rendered to static markup with
// react-dom/server) and browser specs (e2e/**/*.spec.ts) that drive Debian's Chromium against
// the built storefront and API, which the global setup starts with a throwaway database and the
// payment sandbox the API charges through (the chaos spec adds the chaos proxies and a demo-mode
// storefront).
const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'storefront',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/e2e/**/*.spec.ts'],
  transform: {
    ...preset.transform,
    '^.+\\.tsx$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: {
    ...preset.moduleNameMapper,
    '\\.module\\.css$': '<rootDir>/src/testing/css-module.stub.ts',
    '^@/(.*)$': '<rootDir>/src/$1',
  },
  globalSetup: '<rootDir>/e2e/support/global-setup.ts',
  globalTeardown: '<rootDir>/e2e/support/global-teardown.ts',
  // One storefront and one database for the run: specs run one after another.
  maxWorkers: 1,
  // A checkout that retries waits for real backoff delays (up to a few seconds).
  testTimeout: 60_000,
};
