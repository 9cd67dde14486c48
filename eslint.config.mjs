import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import eslintConfigPrettier from 'eslint-config-prettier/flat';

// The dependency rules of the architecture (STYLE.md "What we take from them", point 1), enforced.
const DEPENDENCY_RULES = [
  { sourceTag: 'type:core', onlyDependOnLibsWithTags: ['type:core'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:core'] },
  { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:core', 'type:data-access'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:core', 'type:data-access', 'type:adapter'] },
  // Tools (the chaos soak, the benchmark, the Nx plugin) drive the apps from outside, through their
  // public entry points; no other rule lists type:tool, so nothing else may depend on a tool.
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:core', 'type:data-access', 'type:adapter', 'type:app', 'type:tool'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  // The browser app may only use what runs in a browser.
  { sourceTag: 'scope:client', onlyDependOnLibsWithTags: ['scope:shared', 'scope:client'] },
];

// The transaction rule (docs/first-idempotent-endpoint.md): in the API every write goes through
// the transaction host (`this.txHost.tx`), which is the open transaction inside an idempotent
// operation and the plain client outside one. A write on the client injected as `prisma` would
// commit outside the operation's transaction and its stored response. The check goes by name;
// apps/api/src/database/plain-client-write.guard.ts catches at run time what it cannot see.
const TRANSACTION_RULE = 'Every write goes through the transaction: use this.txHost.tx, not the plain PrismaClient (docs/first-idempotent-endpoint.md).';
const PRISMA_WRITE_METHODS = 'create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany';
const PLAIN_CLIENT = ["[name='prisma']", "[property.name='prisma']"];
const PLAIN_CLIENT_WRITES = PLAIN_CLIENT.flatMap((client) => [
  {
    selector: `CallExpression[callee.property.name=/^(${PRISMA_WRITE_METHODS})$/] > MemberExpression.callee > MemberExpression.object > .object${client}`,
    message: TRANSACTION_RULE,
  },
  {
    selector: `CallExpression[callee.property.name=/^[$](executeRaw|executeRawUnsafe|transaction)$/] > MemberExpression.callee > .object${client}`,
    message: TRANSACTION_RULE,
  },
  { selector: `TaggedTemplateExpression[tag.property.name='$executeRaw'] > MemberExpression.tag > .object${client}`, message: TRANSACTION_RULE },
]);

export default tseslint.config(
  { ignores: ['**/dist', '**/node_modules', '**/.next', 'libs/db/src/generated'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': ['error', { allow: [], depConstraints: DEPENDENCY_RULES }],
    },
  },
  {
    // The storefront's browser tests run in Node and boot the whole stack (a throwaway database,
    // the API, the proxy): only they, never the browser app's own code, may use server libraries.
    files: ['apps/storefront/e2e/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: DEPENDENCY_RULES.map((rule) =>
            rule.sourceTag === 'scope:client' ? { ...rule, onlyDependOnLibsWithTags: [...rule.onlyDependOnLibsWithTags, 'scope:server'] } : rule,
          ),
        },
      ],
    },
  },
  {
    // The bench drives the API in a process of its own, composed with the bench's routes from the
    // API's public pieces: the one app entry point a tool imports (apps/api/src/composition.ts).
    files: ['tools/bench/src/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', { allow: ['@safe-checkout/api/composition'], depConstraints: DEPENDENCY_RULES }] },
  },
  {
    files: ['apps/api/src/**/*.ts'],
    // Tests and their fixtures write with their own client, outside any request.
    ignores: ['apps/api/src/**/*.spec.ts', 'apps/api/src/testing/**'],
    rules: { 'no-restricted-syntax': ['error', ...PLAIN_CLIENT_WRITES] },
  },
  // Layout is Prettier's (.prettierrc.json, `npm run format:check` in CI): no lint rule may disagree with it.
  eslintConfigPrettier,
);
