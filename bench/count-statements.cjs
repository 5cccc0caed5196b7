// Preloaded into the API by bench/cost.mjs (node -r): counts the statements the API sends to PostgreSQL (every
// `pg` Client query: TypeORM's, pg-boss's, BEGIN and COMMIT included) and writes the count to
// BENCH_STATEMENTS_FILE on SIGUSR2.
const { writeFileSync } = require('node:fs');
const pg = require('pg');

let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(...args) {
  statements++;
  return query.apply(this, args);
};
process.on('SIGUSR2', () => writeFileSync(process.env.BENCH_STATEMENTS_FILE, String(statements)));
