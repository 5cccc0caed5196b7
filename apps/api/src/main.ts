import 'reflect-metadata';
import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { configureApp, createHttpAdapter } from './app.setup';
import { stopOnUnhandledErrors } from './common';
import { ConfigError, smtpConversationBoundMs, validateEnv } from './config';
import { type DatabaseInfo, launchEmbeddedPostgres } from './database';
import { DemoData } from './demo';
import { DevMailCatcher, EmailSender } from './email';

async function bootstrap(): Promise<void> {
  const env = validateEnv(process.env);
  const embedded = env.DATABASE_URL ? undefined : await launchEmbeddedPostgres(env.EMBEDDED_PG_DIR, env.EMBEDDED_PG_PORT);
  const database: DatabaseInfo = { url: env.DATABASE_URL ?? embedded!.url, embedded: Boolean(embedded) };

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(env, database), createHttpAdapter('loopback'), { bufferLogs: true });
  await configureApp(app);
  // Graceful stop: take no new connections, let the sends in flight finish (their SMTP bounds at most), then close.
  const stop = async () => {
    (app.getHttpServer() as Server).close();
    await app.get(EmailSender).drain(smtpConversationBoundMs(env));
    await app.close();
    await embedded?.stop();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stop().finally(() => process.exit(0)));
  }
  stopOnUnhandledErrors(stop);

  await app.init();
  const catcher = app.get(DevMailCatcher);
  if (env.SEED_DEMO) await app.get(DemoData).seed(env.DEMO_PASSWORD);
  await app.listen(env.PORT, env.HOST);

  const url = `http://localhost:${env.PORT}`;
  console.log(`\nSendas is running at ${url}  (API docs: ${url}/api/docs)`);
  console.log(`Database: ${embedded ? `embedded PostgreSQL in ${env.EMBEDDED_PG_DIR}` : 'DATABASE_URL'}`);
  if (catcher.port) console.log(`Dev mail catcher on 127.0.0.1:${catcher.port}: mail is kept for the Dev mailbox, never delivered.`);
  if (env.SEED_DEMO) for (const line of await app.get(DemoData).describe(env.DEMO_PASSWORD)) console.log(line);
}

bootstrap().catch((error: unknown) => {
  // Only the message and stack: an error's own properties can carry a connection string or SQL parameters.
  if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
  else console.error(error instanceof Error ? error.stack : 'Start-up failed');
  process.exit(1);
});
