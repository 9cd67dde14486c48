import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// The dependency rules of the architecture (STYLE.md "What we take from them", point 1), enforced.
const DEPENDENCY_RULES = [
  { sourceTag: 'type:core', onlyDependOnLibsWithTags: ['type:core'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:core'] },
  { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:core', 'type:data-access'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:core', 'type:data-access', 'type:adapter'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  // The browser app may only use what runs in a browser.
  { sourceTag: 'scope:client', onlyDependOnLibsWithTags: ['scope:shared', 'scope:client'] },
];

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
);
