import { readFileSync } from 'node:fs';
import { CONTRACT_SCHEMAS } from '../../../../libs/contracts/src/openapi-schemas';

// The generator is a plain CommonJS script (it runs as `npm run api:schemas`).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { contractSchemasSource, OUTPUT } = require('../../../../scripts/contract-schemas.cjs') as { contractSchemasSource(): string; OUTPUT: string };

describe('contract schemas', () => {
  it('are what libs/contracts says today (run `npm run api:schemas` after changing a contract type)', () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(contractSchemasSource());
  });

  it('each give an example of what they hold (enumerations list their values instead)', () => {
    const withoutExample = Object.entries(CONTRACT_SCHEMAS)
      .filter(([, schema]) => !('enum' in schema))
      .filter(([, schema]) => !/"examples?":/.test(JSON.stringify(schema)))
      .map(([name]) => name);
    expect(withoutExample).toEqual([]);
  });
});
