/** Angular component and service tests (jsdom, zoneless). */
module.exports = {
  rootDir: '../..',
  preset: 'jest-preset-angular',
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/apps/web/src'],
  setupFilesAfterEnv: ['<rootDir>/apps/web/src/test-setup.ts'],
  transform: {
    '^.+\\.(ts|js|mjs|html|svg)$': ['jest-preset-angular', { tsconfig: '<rootDir>/apps/web/tsconfig.spec.json', stringifyContentPathRegex: '\\.(html|svg)$' }],
  },
  moduleNameMapper: { '^@sendas/contracts$': '<rootDir>/libs/contracts/src/index.ts', '^@sendas/contracts/money$': '<rootDir>/libs/contracts/src/money.ts' },
  maxWorkers: 2,
};
