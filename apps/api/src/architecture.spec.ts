import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_STATUSES, ErrorCode } from '@sendas/contracts';

/** Keeps docs/ARCHITECTURE.md true: its module map is the lint rule, its catalogue has every error code. */
const root = join(__dirname, '..', '..', '..');
const architecture = readFileSync(join(root, 'docs', 'ARCHITECTURE.md'), 'utf8');
const section = (name: string) => architecture.split(`<!-- ${name}:start -->`)[1].split(`<!-- ${name}:end -->`)[0];
const firstColumn = (table: string) => [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]);

/** API_MODULES of eslint.config.mjs, read as text (jest here runs CommonJS; the config is an ES module). */
function lintModuleMap(): Record<string, string[]> {
  const config = readFileSync(join(root, 'eslint.config.mjs'), 'utf8');
  const body = /export const API_MODULES = \{([\s\S]*?)\n\};/.exec(config)![1];
  return Object.fromEntries(
    [...body.matchAll(/^\s+'?([\w-]+)'?: \[([^\]]*)\],/gm)].map(([, module, allowed]) => [module, [...allowed.matchAll(/'([\w-]+)'/g)].map((m) => m[1])]),
  );
}

describe('docs/ARCHITECTURE.md', () => {
  it('shows the module map the lint enforces, with every module folder of the API in it', () => {
    const documented = Object.fromEntries(
      [...section('module-map').matchAll(/^\| `([\w-]+)` \| ([^|]+) \|/gm)].map(([, module, allowed]) => [
        module,
        allowed.trim() === '(nothing)' ? [] : allowed.split(',').map((name) => name.trim()),
      ]),
    );
    expect(documented).toEqual(lintModuleMap());
    const folders = readdirSync(__dirname).filter((entry) => statSync(join(__dirname, entry)).isDirectory());
    expect(Object.keys(documented).sort()).toEqual(folders.sort());
  });

  it('lists every error code in its catalogue, and no code that does not exist', () => {
    expect(firstColumn(section('error-codes')).sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it('gives each code the statuses ERROR_STATUSES (and so the OpenAPI document) gives it', () => {
    const documented = Object.fromEntries(
      [...section('error-codes').matchAll(/^\| `(\w+)` \| ([^|]+) \|/gm)].map(([, code, statuses]) => [code, statuses.split('/').map((status) => Number(status.trim()))]),
    );
    expect(documented).toEqual(ERROR_STATUSES);
  });
});
