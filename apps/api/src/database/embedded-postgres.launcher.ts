import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { EmbeddedPostgres } from './embedded-postgres';

/** Starts the embedded PostgreSQL in a child process and resolves with its connection URL. */
export function launchEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedPostgres> {
  const child = fork(join(__dirname, 'embedded-postgres.process.js'), [dataDir, String(port)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    child.once('message', (message: { url?: string; error?: string }) => {
      if (message.url) resolve({ url: message.url, stop });
      else reject(new Error(`Embedded PostgreSQL failed to start: ${message.error}`));
    });
    child.once('exit', (code) => reject(new Error(`Embedded PostgreSQL exited with code ${code} before it was ready`)));
  });
}
