// `npm run test:faults`: the fault run (test/faults) on its own, outside `npm test`: it starts the production
// stack itself from dist/ (built by `npm run build`) and needs neither the dev server nor the test database.
const { projects } = require('./jest.config.js');
const integration = projects.find((project) => project.displayName === 'integration');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: integration.transform,
  moduleNameMapper: integration.moduleNameMapper,
  setupFiles: integration.setupFiles,
  roots: ['<rootDir>/test/faults'],
  testMatch: ['**/*.faults.ts'],
  testTimeout: 1800000,
};
