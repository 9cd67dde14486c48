// Shared Jest settings. SWC transpiles (fast, keeps decorator metadata for NestJS DI);
// type checking is the `build` target's job (tsc), so tests do not pay for it twice.
const path = require('node:path');

const libs = path.join(__dirname, 'libs');

module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // Tests run against the libraries' sources, not their dist builds.
  moduleNameMapper: {
    '^@safe-checkout/([a-z-]+)/testing$': `${libs}/$1/src/testing/index.ts`,
    // The retrying client's backoff maths alone (no axios), for servers that pace their own polls.
    '^@safe-checkout/retrying-client/backoff$': `${libs}/retrying-client/src/backoff-delay.ts`,
    '^@safe-checkout/([a-z-]+)$': `${libs}/$1/src/index.ts`,
  },
};
