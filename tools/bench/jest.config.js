// The pure parts of the benches (report arithmetic and formatting) and the bench's comparison
// routes on a throwaway database (comparison-routes/bench.module.spec.ts, which needs the API and
// the payment sandbox built); the benches themselves run with `npm run bench` and
// `npm run bench:capacity`, never in `npm test`.
const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'bench',
  // The chaos tools are not a lib: map them to their sources before the preset's libs/* rule.
  moduleNameMapper: { '^@safe-checkout/chaos$': '<rootDir>/../chaos/src/index.ts', ...preset.moduleNameMapper },
  // A database and the payment sandbox per run, for the comparison routes (src/testing/jest-global-setup.ts).
  globalSetup: '<rootDir>/src/testing/jest-global-setup.ts',
  globalTeardown: '<rootDir>/src/testing/jest-global-teardown.ts',
  testTimeout: 60_000,
};
