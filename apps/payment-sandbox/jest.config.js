module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'payment-sandbox',
  globalSetup: '<rootDir>/../../libs/db/src/testing/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/db/src/testing/jest-global-teardown.ts',
  testTimeout: 30_000,
};
