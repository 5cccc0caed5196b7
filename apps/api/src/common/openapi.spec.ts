import { readFileSync } from 'node:fs';

// The generator is a plain CommonJS script (it runs as `npm run api:schemas`).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { contractSchemasSource, OUTPUT } = require('../../../../scripts/contract-schemas.cjs') as { contractSchemasSource(): string; OUTPUT: string };

describe('contract schemas', () => {
  it('are what libs/contracts says today (run `npm run api:schemas` after changing a contract type)', () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(contractSchemasSource());
  });
});
