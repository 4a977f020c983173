// Two tiers: unit specs beside the code, integration specs under test/ against the real PostgreSQL and
// one real Temporal dev server for the whole run (started in test/global-setup.ts).
const transform = { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] };
// The path aliases of tsconfig.json (outside workflows/, whose bundle takes relative imports).
const moduleNameMapper = {
  '^@libs/([a-z-]+)$': '<rootDir>/libs/$1/src',
  '^@libs/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
  '^@(api|worker)/(.*)$': '<rootDir>/apps/$1/src/$2',
};

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: 2,
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      roots: [
        '<rootDir>/libs',
        '<rootDir>/apps',
        '<rootDir>/workflows',
        '<rootDir>/activities',
        '<rootDir>/scripts',
      ],
      testMatch: ['**/*.spec.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: '<rootDir>/test/support/environment.ts',
      transform,
      moduleNameMapper,
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
      setupFiles: ['reflect-metadata'],
      setupFilesAfterEnv: ['<rootDir>/test/support/failure-report.ts'],
    },
  ],
};
