module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'idempotency-prisma',
  globalSetup: '<rootDir>/../../libs/db/src/testing/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/db/src/testing/jest-global-teardown.ts',
};
