/** Browser end-to-end tests: Debian's Chromium driven by playwright-core against the built app. */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/web'],
  testMatch: ['**/*.e2e.ts'],
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }] },
  // oauth2-mock-server (the local Google / Microsoft) ships ES modules only: let swc turn them into CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(oauth2-mock-server|is-plain-obj|jose)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: { '^@sendas/contracts$': '<rootDir>/libs/contracts/src/index.ts' },
  globalSetup: '<rootDir>/test/web/support/start-app.ts',
  globalTeardown: '<rootDir>/test/web/support/stop-app.ts',
  maxWorkers: 1,
  testTimeout: 120000,
};
