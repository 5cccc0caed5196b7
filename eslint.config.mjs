// Type-aware lint for the API, the web app, the shared contracts and the tests (`npm run lint`).
import js from '@eslint/js';
import angular from 'angular-eslint';
import tseslint from 'typescript-eslint';

/**
 * The API's module map (docs/ARCHITECTURE.md): what each module folder under apps/api/src may import. Enforced
 * below with ESLint's own no-restricted-imports, one rule per module, and always through the other module's index.ts
 * (its public surface). The composition root (main.ts, worker.ts, app.module.ts, app.setup.ts) may import any module,
 * through its index.ts too; database/data-source.ts (TypeORM's list of every entity) may import anything.
 */
export const API_MODULES = {
  config: [],
  common: ['config'],
  crypto: ['config'],
  smtp: ['config'],
  imap: ['smtp'],
  database: ['config'],
  audit: ['common', 'config'],
  organisation: ['audit', 'common', 'config'],
  users: ['audit', 'common', 'config', 'database', 'organisation'],
  invitations: ['audit', 'common', 'database', 'users'],
  mailboxes: ['audit', 'common', 'config', 'crypto', 'database', 'imap', 'invitations', 'smtp', 'users'],
  auth: ['audit', 'common', 'config', 'database', 'users'],
  'api-keys': ['audit', 'common', 'config', 'database', 'users'],
  documents: ['common', 'config', 'database', 'users'],
  email: ['audit', 'auth', 'common', 'config', 'database', 'documents', 'imap', 'mailboxes', 'smtp', 'users'],
  outbox: ['common', 'config', 'database', 'documents', 'email', 'users'],
  health: ['common', 'database', 'email'],
  demo: ['audit', 'documents', 'email', 'mailboxes', 'organisation', 'users'],
};

/**
 * The web app's layers: core/ (API services, auth) and shared/ (components used by several features) import no
 * feature; a feature imports core, shared and only the features listed here (documents opens the Send dialog).
 */
export const WEB_FEATURES = {
  admin: [],
  auth: [],
  companies: [],
  'dev-mailbox': [],
  outbox: [],
  documents: ['email'],
  email: [],
  settings: [],
};

/** Every import of our own code is relative: `'apps/api/src/…'` would resolve only through a baseUrl, which we do not set. */
const NON_RELATIVE = { regex: '^(apps|libs|test|bench|examples|scripts|src)(/|$)', message: 'Import our own code by a relative path (there is no baseUrl).' };

const webBoundaries = [
  ...Object.entries(WEB_FEATURES).map(([feature, allowed]) => ({
    files: [`apps/web/src/app/features/${feature}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NON_RELATIVE,
            {
              regex: `^\\.\\./(${Object.keys(WEB_FEATURES)
                .filter((other) => other !== feature && !allowed.includes(other))
                .join('|')})(/|$)`,
              message: `features/${feature} may import core, shared${allowed.map((name) => `, features/${name}`).join('')} (docs/ARCHITECTURE.md).`,
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['apps/web/src/app/core/**/*.ts', 'apps/web/src/app/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [NON_RELATIVE, { regex: '(^|/)features/', message: 'core/ and shared/ import no feature (docs/ARCHITECTURE.md).' }] },
      ],
    },
  },
];

/** A module is used through its index.ts: `'../users'`, never `'../users/user.entity'`. */
const deepImport = (prefix, modules) => ({
  regex: `^${prefix}(${modules.join('|')})/`,
  message: 'Import another module through its index.ts (its public surface), e.g. `../users`, not a file inside it.',
});

const moduleBoundaries = [
  { files: ['**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [NON_RELATIVE] }] } },
  {
    files: ['apps/api/src/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NON_RELATIVE, deepImport('\\./', Object.keys(API_MODULES))] }] },
  },
  ...Object.entries(API_MODULES).map(([module, allowed]) => {
    const others = Object.keys(API_MODULES).filter((other) => other !== module);
    const forbidden = others.filter((other) => !allowed.includes(other));
    return {
      files: [`apps/api/src/${module}/**/*.ts`],
      ignores: ['apps/api/src/database/data-source.ts'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              NON_RELATIVE,
              {
                regex: `^(\\.\\./)+(${[...forbidden, 'main', 'app\\.module', 'app\\.setup'].join('|')})(/|$)`,
                message: `${module}/ may import only ${allowed.join(', ') || 'nothing of the app'} (the module map in docs/ARCHITECTURE.md).`,
              },
              deepImport('(\\.\\./)+', others),
            ],
          },
        ],
      },
    };
  }),
];

/**
 * Data access in two styles (docs/ARCHITECTURE.md): TypeORM repositories for plain CRUD, and SQL written once as a
 * `preparedStatement` run through PreparedStatements. No query builder, and no SQL text handed to `.query()`.
 */
const dataAccess = {
  files: ['apps/api/src/**/*.ts'],
  ignores: ['apps/api/src/database/**', 'apps/api/src/**/*.spec.ts'],
  rules: {
    'no-restricted-syntax': [
      'error',
      {
        selector: "CallExpression[callee.property.name='createQueryBuilder']",
        message: 'Use the repository (find, update, …) or a preparedStatement run through PreparedStatements, not a query builder.',
      },
      {
        selector: "CallExpression[callee.property.name='query'][arguments.0.type=/^(Literal|TemplateLiteral)$/]",
        message: 'Declare the SQL once with preparedStatement() and run it through PreparedStatements (run, affected), not .query().',
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.angular/**', '.wireit/**', 'data/**', '**/*.cjs', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['apps/api/**/*.ts', 'libs/**/*.ts', 'test/**/*.ts', 'examples/**/*.ts'],
    languageOptions: { parserOptions: { project: './apps/api/tsconfig.app.json', tsconfigRootDir: import.meta.dirname } },
  },
  {
    files: ['apps/web/src/**/*.ts'],
    languageOptions: { parserOptions: { project: ['./apps/web/tsconfig.app.json', './apps/web/tsconfig.spec.json'], tsconfigRootDir: import.meta.dirname } },
    extends: [...angular.configs.tsRecommended],
    // inline templates are linted with the .html rules below
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'app', style: 'kebab-case' }],
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'app', style: 'camelCase' }],
      // One rule for where a template lives: inline up to 40 lines, else in its own .html beside the component.
      '@angular-eslint/component-max-inline-declarations': ['error', { template: 40, styles: 40 }],
    },
  },
  {
    files: ['apps/web/src/**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  ...moduleBoundaries,
  ...webBoundaries,
  dataAccess,
  {
    files: ['libs/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [NON_RELATIVE, { regex: '^(\\.\\./)+', message: 'libs/contracts imports nothing outside itself: both apps depend on it.' }] },
      ],
    },
  },
);
