// Shared by the benchmarks: free ports, and the built Sendas started as a child process.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

export const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** Starts dist/ with demo data and quiet logs; resolves once /api/health answers. */
export async function startApp(env) {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/api/apps/api/src/main.js'], {
    env: { ...process.env, ...env, PORT: String(port), DEV_SMTP_PORT: '0', LOG_LEVEL: 'warn', SEED_DEMO: 'true' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) return { base, child };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('Sendas did not start (is it built? npm run build)');
}

export const stopApp = (child) =>
  new Promise((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', resolve), child.kill('SIGTERM'))));
