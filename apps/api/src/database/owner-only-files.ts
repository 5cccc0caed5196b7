import { chmodSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Folders 0700 and files 0600 below `dir`, for data folders created before the embedded database set its umask. */
export function restrictToOwner(dir: string): void {
  if (dir.startsWith('memory://') || !existsSync(dir)) return;
  const pending = [dir];
  while (pending.length) {
    const current = pending.pop()!;
    chmodSync(current, 0o700);
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile()) chmodSync(path, 0o600);
    }
  }
}
