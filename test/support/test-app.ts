import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { LoginResponse, Role } from '@sendas/contracts';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp, createHttpAdapter } from '../../apps/api/src/app.setup';
import { validateEnv } from '../../apps/api/src/config';
import type { User } from '../../apps/api/src/users/user.entity';
import { UsersService } from '../../apps/api/src/users/users.service';

export const TEST_PASSWORD = 'correct-horse-battery';

export interface TestApp {
  app: INestApplication;
  /** Every log line the app wrote (JSON). */
  logs: string[];
  http: () => ReturnType<typeof request>;
  /** A new user with a unique email; tests share one database and never depend on each other's rows. */
  createUser(role: Role, overrides?: Partial<{ name: string; password: string }>): Promise<User>;
  login(email: string, password?: string): Promise<LoginResponse>;
  close(): Promise<void>;
}

/** The real app (real PostgreSQL, real HTTP server) with the environment a test file asks for. */
function withApplicationName(url: string, name?: string): string {
  if (!name) return url;
  const tagged = new URL(url);
  tagged.searchParams.set('application_name', name);
  return tagged.toString();
}

/** `applicationName` tags this app's database sessions, so a test can break exactly those (pg_terminate_backend). */
/** `trustProxy`: as main.ts passes it ('loopback' believes X-Forwarded-For from this machine); none by default. */
export async function createTestApp(env: Record<string, string> = {}, options: { applicationName?: string; trustProxy?: string } = {}): Promise<TestApp> {
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  // The app's own configuration: process.env stays as it is, so the next app in this worker starts from it unchanged.
  const config = validateEnv({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'debug',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'sendas-test-')),
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256',
    LOGIN_THROTTLE_IP_LIMIT: '100000',
    DEV_SMTP_PORT: '0',
    // no outbox workers unless a test file asks for them (each would poll the job queue)
    WORKERS: 'false',
    LOGIN_THROTTLE_ACCOUNT_LIMIT: '100',
    WEB_DIST_DIR: join(tmpdir(), 'sendas-no-web'),
    ...env,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [
      AppModule.forRoot(
        config,
        { url: withApplicationName(process.env.TEST_DATABASE_URL!, options.applicationName), embedded: process.env.TEST_DATABASE_EMBEDDED === 'true' },
        { logStream },
      ),
    ],
  }).compile();
  const app = await configureApp(moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(options.trustProxy)));
  await app.init();
  await app.getHttpAdapter().getInstance().ready(); // supertest talks to the Node.js server Fastify listens on
  const users = app.get(UsersService);
  const http = () => request(app.getHttpServer());

  return {
    app,
    logs,
    http,
    createUser: (role, overrides = {}) =>
      users.create(
        {
          email: `${role}-${randomUUID()}@test.example`,
          name: overrides.name ?? `Test ${role}`,
          role,
          password: overrides.password ?? TEST_PASSWORD,
        },
        'UTC',
      ),
    async login(email, password = TEST_PASSWORD) {
      const response = await http().post('/api/auth/login').send({ email, password }).expect(200);
      return response.body as LoginResponse;
    },
    close: () => app.close(),
  };
}
