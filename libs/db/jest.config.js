module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'db',
  globalSetup: '<rootDir>/src/testing/jest-global-setup.ts',
  globalTeardown: '<rootDir>/src/testing/jest-global-teardown.ts',
};
