/** The built app as a real process (stopped with SIGTERM and kill -9), with real SMTP peers and PostgreSQL. */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/process'],
  testMatch: ['**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }] },
  moduleNameMapper: { '^@sendas/contracts$': '<rootDir>/libs/contracts/src/index.ts' },
  maxWorkers: 1,
  testTimeout: 180000,
};
