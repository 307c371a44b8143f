// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * Workflow code is replayed years later, so it must decide the same way every time: no I/O, no clock and
 * no randomness of its own. The Temporal sandbox also catches some of these at run time; lint catches them
 * before a history is recorded with them.
 */
const workflowRules = {
  'no-restricted-imports': [
    'error',
    {
      paths: builtinModules
        .flatMap((name) => [name, `node:${name}`])
        .map((name) => ({
          name,
          message: 'workflow code must not use Node built-ins; do it in an activity',
        })),
      patterns: [
        {
          regex: '^(\\.\\./)+activities(/|$)',
          allowTypeImports: true,
          message: 'workflow code imports activities only as types, through proxyActivities',
        },
      ],
    },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'use uuid4() or a seeded choice from workflow state' },
  ],
  'no-restricted-syntax': [
    'error',
    {
      selector: "NewExpression[callee.name='Date'][arguments.length=0]",
      message: 'new Date() without arguments reads the clock; take the time from an event or the command',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.tools/',
      '.data/',
      '**/dist/',
      'coverage/',
      'scratch/',
      'test-output/',
      'console/src/api/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['workflows/**/*.ts', 'domain/**/*.ts'], rules: workflowRules },
  {
    // Pure decisions are handed the time they decide at; only the workflow reads its (replayed) clock.
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        ...workflowRules['no-restricted-properties'],
        {
          object: 'Date',
          property: 'now',
          message: 'pass the time in: domain code decides at a given moment',
        },
      ],
    },
  },
  {
    // Tests read JSON answers of every shape; typing each one would restate the OpenAPI schemas.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  { files: ['console/src/**/*.{ts,tsx}'], extends: [reactHooks.configs.flat.recommended] },
  { files: ['**/*.js', '**/*.mjs'], extends: [tseslint.configs.disableTypeChecked] },
  { files: ['jest.config.js'], languageOptions: { globals: { module: 'writable' } } },
  prettier,
);
