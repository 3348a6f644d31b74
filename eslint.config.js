// Lint rules for the whole workspace. Two rules carry the architecture:
// - @nx/enforce-module-boundaries: apps may use libraries, never each other; libraries never use apps.
// - no-restricted-imports on domain files: deciders, events, policies and rules are plain TypeScript.
const nx = require('@nx/eslint-plugin');

/** Domain files: the pure core of each app. */
const DOMAIN_FILES = ['apps/*/src/**/*.decider.ts', 'apps/*/src/**/*.events.ts', 'apps/*/src/**/*.policy.ts', 'apps/*/src/**/*.rules.ts', 'apps/*/src/**/domain/**/*.ts'];

// The access policy is the one shared kernel a domain file may use: pure rules, no framework.
const FRAMEWORKS = ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'kafkajs', 'nodemailer', 'express', '@faultline/*', '!@faultline/access-policy'];

module.exports = [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/node_modules', '**/dist', '.data', '.nx', 'tmp', '**/*.js'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts', 'type:infrastructure', 'type:testing', 'type:tooling'] },
            { sourceTag: 'type:kernel', onlyDependOnLibsWithTags: ['type:testing'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts', 'type:infrastructure', 'type:testing', 'type:tooling'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:infrastructure', onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts', 'type:infrastructure', 'type:testing'] },
            { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:contracts', 'type:testing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: DOMAIN_FILES,
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: FRAMEWORKS,
              message: 'Domain code is plain TypeScript: frameworks, drivers and shared libraries stay at the edges.',
            },
          ],
        },
      ],
    },
  },
];
