import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppProcess, ownDatabase, processesUsing, spawnApp } from '../support/app-process';

/**
 * An installation without demo data gets its first superuser from `npm run user:create` (the built command here),
 * the password piped on stdin; then that superuser signs in, and nobody else can.
 */
describe('The first superuser of an empty installation: user:create (e2e)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sendas-user-create-'));
  let database: Awaited<ReturnType<typeof ownDatabase>>;
  let app: AppProcess | undefined;

  const env = (): NodeJS.ProcessEnv => {
    const result: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DEV_SMTP_PORT: '0', LOG_LEVEL: 'warn', SEED_DEMO: 'false' };
    delete result.NODE_ENV;
    if (database.url) result.DATABASE_URL = database.url;
    else delete result.DATABASE_URL;
    return result;
  };

  function createUser(args: string[], stdin: string): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['dist/api/apps/api/src/users/create-user.command.js', ...args], { env: env() });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('exit', (code) => resolve({ code, output }));
      child.stdin.end(stdin);
    });
  }

  const signIn = (email: string, password: string) =>
    fetch(`${app!.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });

  beforeAll(async () => {
    database = await ownDatabase();
  });
  afterAll(async () => {
    if (app && app.child.exitCode === null) {
      app.child.kill('SIGTERM');
      await app.exited;
    }
    await database.drop();
  });

  it('creates the superuser from a piped password, refuses bad input with the rule, and the app lets only them in', async () => {
    const created = await createUser(['--email', 'Ops@Example.com', '--name', 'Operations'], 'the-first-password-1\n');
    expect(created).toMatchObject({ code: 0, output: expect.stringContaining('Created superuser ops@example.com') });

    const again = await createUser(['--email', 'ops@example.com'], 'the-first-password-1');
    expect(again.code).toBe(1);
    expect(again.output).toContain('A user with the email ops@example.com already exists');
    const short = await createUser(['--email', 'new@example.com'], 'short');
    expect(short.code).toBe(1);
    expect(short.output).toContain('password must be longer than or equal to 10 characters');
    expect(short.output).not.toContain('short\n');
    const noEmail = await createUser([], 'the-first-password-1');
    expect(noEmail).toMatchObject({ code: 1, output: expect.stringContaining('--email is required') });

    await new Promise<void>((resolve) => {
      const wait = () => (processesUsing(dataDir) ? setTimeout(wait, 50) : resolve());
      wait();
    });
    app = await spawnApp(env());
    const ops = await signIn('ops@example.com', 'the-first-password-1');
    expect(ops.status).toBe(200);
    expect(((await ops.json()) as { user: { role: string; name: string } }).user).toMatchObject({ role: 'superuser', name: 'Operations' });
    expect((await signIn('norbert@bmasiamusic.com', 'sendas-demo')).status).toBe(401);
    expect((await signIn('new@example.com', 'short')).status).toBe(401);
  });
});
