module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'packed-libs',
  globalSetup: '<rootDir>/src/testing/jest-global-setup.ts',
  globalTeardown: '<rootDir>/src/testing/jest-global-teardown.ts',
};
