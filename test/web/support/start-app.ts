import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const STARTUP_TIMEOUT_MS = 120_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Starts the built app the way `npm start` does: embedded default, fresh data folder, demo data. */
export default async function startApp(): Promise<void> {
  const port = await freePort();
  const smtpPort = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'sendas-browser-'));
  // Access tokens of a minute (the shortest allowed): the web app renews them every few seconds during the run.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DEV_SMTP_PORT: String(smtpPort),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    JWT_EXPIRES_IN_SECONDS: '60',
  };
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  delete env.NODE_ENV;
  const child = spawn(process.execPath, ['dist/api/apps/api/src/main.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  (globalThis as { sendasApp?: ChildProcess }).sendasApp = child;

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The app exited during start:\n${output}`);
    const healthy = await fetch(`${baseUrl}/api/health`).then((r) => r.ok).catch(() => false);
    if (healthy) {
      process.env.SENDAS_BASE_URL = baseUrl;
      process.env.SENDAS_DEV_SMTP_PORT = String(smtpPort);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGTERM');
  throw new Error(`The app did not become healthy in ${STARTUP_TIMEOUT_MS / 1000} s:\n${output}`);
}
