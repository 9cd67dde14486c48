module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'api',
  // A test database and a payment sandbox process per run (src/testing/jest-global-setup.ts).
  globalSetup: '<rootDir>/src/testing/jest-global-setup.ts',
  globalTeardown: '<rootDir>/src/testing/jest-global-teardown.ts',
  testTimeout: 30_000,
};
