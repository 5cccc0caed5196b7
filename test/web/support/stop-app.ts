import type { ChildProcess } from 'node:child_process';

export default async function stopApp(): Promise<void> {
  const child = (globalThis as { sendasApp?: ChildProcess }).sendasApp;
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
