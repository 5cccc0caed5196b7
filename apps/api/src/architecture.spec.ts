import { execFileSync } from 'node:child_process';
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
      [...section('error-codes').matchAll(/^\| `(\w+)` \| ([^|]+) \|/gm)].map(([, code, statuses]) => [
        code,
        statuses.split('/').map((status) => Number(status.trim())),
      ]),
    );
    expect(documented).toEqual(ERROR_STATUSES);
  });
});

/** Lints one line as if it stood in a file at `filePath`, with the repo's own config; returns the messages of `rule`. */
function ruleMessages(rule: string, probes: { filePath: string; code: string }[]): string[][] {
  const script = `
    import { ESLint } from 'eslint';
    const probes = JSON.parse(await new Response(process.stdin).text());
    const eslint = new ESLint({
      overrideConfig: { languageOptions: { parserOptions: { project: null, projectService: false } } },
      ruleFilter: ({ ruleId }) => ruleId === process.argv[1],
    });
    const results = [];
    for (const { filePath, code } of probes) results.push((await eslint.lintText(code, { filePath }))[0].messages.map((m) => m.message));
    process.stdout.write(JSON.stringify(results));`;
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script, rule], { cwd: root, input: JSON.stringify(probes), encoding: 'utf8' }),
  ) as string[][];
}

describe('the lint rule on imports between API modules', () => {
  it('lets a module use another only through its index.ts, only by a relative path, and only as the module map allows', () => {
    const inDocuments = (code: string) => ({ filePath: 'apps/api/src/documents/probe.ts', code });
    const [throughIndex, deep, nonRelative, notInMap, rootDeep, rootThroughIndex] = ruleMessages('no-restricted-imports', [
      inDocuments("import { UsersService } from '../users';"),
      inDocuments("import { User } from '../users/user.entity';"),
      inDocuments("import { UsersService } from 'apps/api/src/users';"),
      inDocuments("import { EmailModule } from '../email';"),
      { filePath: 'apps/api/src/probe.ts', code: "import { UsersModule } from './users/users.module';" },
      { filePath: 'apps/api/src/probe.ts', code: "import { UsersModule } from './users';" },
    ]);
    expect(throughIndex).toEqual([]);
    expect(deep).toEqual([expect.stringContaining('through its index.ts')]);
    expect(nonRelative).toEqual([expect.stringContaining('relative path')]);
    expect(notInMap).toEqual([expect.stringContaining('documents/ may import only')]);
    expect(rootDeep).toEqual([expect.stringContaining('through its index.ts')]);
    expect(rootThroughIndex).toEqual([]);
  }, 60_000);
});

describe('the lint rule on data access', () => {
  it('lets a service use repositories and prepared statements, not a query builder or SQL text handed to .query()', () => {
    const inOutbox = (code: string) => ({ filePath: 'apps/api/src/outbox/probe.ts', code });
    const [repository, statement, builder, sqlText, sqlTemplate, inDatabase] = ruleMessages('no-restricted-syntax', [
      inOutbox('void sends.find({ where: { id } });'),
      inOutbox('void statements.run(START_SEND, [id]);'),
      inOutbox("void sends.createQueryBuilder('s').getMany();"),
      inOutbox("void dataSource.query('SELECT 1');"),
      inOutbox('void manager.query(`UPDATE scheduled_sends SET status = $1`, [status]);'),
      { filePath: 'apps/api/src/database/probe.ts', code: "void pool.query('SELECT 1');" },
    ]);
    expect(repository).toEqual([]);
    expect(statement).toEqual([]);
    expect(builder).toEqual([expect.stringContaining('not a query builder')]);
    expect(sqlText).toEqual([expect.stringContaining('preparedStatement()')]);
    expect(sqlTemplate).toEqual([expect.stringContaining('preparedStatement()')]);
    expect(inDatabase).toEqual([]);
  }, 60_000);
});
