module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'db',
  globalSetup: '<rootDir>/src/testing/jest-global-setup.ts',
  globalTeardown: '<rootDir>/src/testing/jest-global-teardown.ts',
  // Real PostgreSQL sessions, stalls and terminations: on a loaded CI machine 5 s is not enough.
  testTimeout: 20_000,
};
