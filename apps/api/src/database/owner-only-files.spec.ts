import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restrictToOwner } from './owner-only-files';

describe('restrictToOwner', () => {
  it('leaves no file or folder of the data folder readable by other users', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sendas-perm-'));
    mkdirSync(join(dir, 'base', '1'), { recursive: true, mode: 0o777 });
    writeFileSync(join(dir, 'base', '1', '1259'), 'rows', { mode: 0o666 });
    restrictToOwner(dir);
    expect(statSync(join(dir, 'base', '1')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'base', '1', '1259')).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});
