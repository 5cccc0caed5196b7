/** API unit specs (apps/api/src) and end-to-end specs (test/api) against a real PostgreSQL. */
const swcOptions = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
};

module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/apps/api/src', '<rootDir>/libs/contracts/src', '<rootDir>/test/api'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', swcOptions] },
  // NestJS 12 ships ESM only: let swc turn it into CommonJS for jest.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|@nestjs-modules|@apidevtools|openid-client|oauth4webapi|jose|oauth2-mock-server|is-plain-obj|openapi-fetch|@fastify/static|content-disposition)/)',
  ],
  moduleNameMapper: { '^@sendas/contracts$': '<rootDir>/libs/contracts/src/index.ts', '^@sendas/contracts/money$': '<rootDir>/libs/contracts/src/money.ts' },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 30000,
};
