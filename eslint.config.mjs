// Lint: typescript-eslint everywhere, plus the determinism guard on workflows/ (Temporal replays them).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'bench-results/**', '*.mjs', '*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The web UI: hooks called by React's rules.
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Specs read loosely-typed JSON responses.
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins
              .flatMap((name) => [name, `node:${name}`])
              .map((name) => ({
                name,
                message: 'Workflows are deterministic: no Node built-ins. Do the I/O in an activity.',
              })),
            ...[
              '@temporalio/client',
              '@temporalio/worker',
              '@temporalio/activity',
              'pg',
              'typeorm',
              'axios',
            ].map((name) => ({
              name,
              message: 'Workflows are deterministic: no I/O libraries. Use an activity.',
            })),
          ],
          patterns: [
            { group: ['@nestjs/*'], message: 'Workflows may not import NestJS.' },
            {
              group: ['**/persistence/**', '**/activities/*', '!**/activities'],
              message: 'Import activities as types through proxyActivities only.',
            },
          ],
        },
      ],
    },
  },
);
