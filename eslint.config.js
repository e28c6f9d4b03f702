// @ts-check
/**
 * TypeScript rules for the whole project, plus the rule that keeps workflow code deterministic:
 * no Node built-ins, no NestJS/TypeORM/database clients, activities imported as types only.
 */
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const { builtinModules } = require('module');

module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'apps/web/**', 'coverage/**', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['workflows/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)].map((name) => ({ name, message: 'Workflow code is deterministic: no Node built-ins.' })),
          patterns: [
            { group: ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'bcryptjs', 'class-validator', 'class-transformer', '@temporalio/worker', '@temporalio/client', '@temporalio/activity'], message: 'Workflow code imports only @temporalio/workflow and pure libs/ code.' },
            { group: ['**/activities', '**/activities/*'], allowTypeImports: true, message: 'Import activities as types only (proxyActivities<Activities>).' },
            { group: ['**/libs/persistence/*', '**/libs/forms/*', '**/apps/*'], message: 'Side-effecting libs stay out of workflows.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' }, { name: 'setInterval', message: 'Use sleep() in a loop.' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Non-deterministic; use uuid4() from @temporalio/workflow if needed.' }],
    },
  },
);
