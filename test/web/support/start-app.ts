import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnApp } from '../../support/app-process';

/** Starts the built app the way `npm start` does: embedded default, fresh data folder, demo data. */
export default async function startApp(): Promise<void> {
  const smtpPort = await freePort();
  // Access tokens of a minute (the shortest allowed): the web app renews them every few seconds during the run.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DEV_SMTP_PORT: String(smtpPort),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'sendas-browser-')),
    LOG_LEVEL: 'warn',
    JWT_EXPIRES_IN_SECONDS: '60',
    // the tests sign in as the same demo users from one address many times a minute
    LOGIN_THROTTLE_IP_LIMIT: '1000',
    LOGIN_THROTTLE_ACCOUNT_LIMIT: '200',
  };
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  delete env.NODE_ENV;
  const app = await spawnApp(env);
  (globalThis as { sendasApp?: ChildProcess }).sendasApp = app.child;
  process.env.SENDAS_BASE_URL = app.baseUrl;
  process.env.SENDAS_DEV_SMTP_PORT = String(smtpPort);
}
