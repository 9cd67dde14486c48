// Unit specs next to the code (src/**/*.spec.ts) and browser specs (e2e/**/*.spec.ts) that
// drive Debian's Chromium against the built storefront and API, which the global setup starts
// with a throwaway database and the payment sandbox the API charges through (the chaos spec adds
// the chaos proxy and a demo-mode storefront).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'storefront',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/e2e/**/*.spec.ts'],
  moduleNameMapper: {
    ...require('../../jest.preset.js').moduleNameMapper,
    '^@/(.*)$': '<rootDir>/src/$1',
  },
  globalSetup: '<rootDir>/e2e/support/global-setup.ts',
  globalTeardown: '<rootDir>/e2e/support/global-teardown.ts',
  // One storefront and one database for the run: specs run one after another.
  maxWorkers: 1,
  // A checkout that retries waits for real backoff delays (up to a few seconds).
  testTimeout: 60_000,
};
