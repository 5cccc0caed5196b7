import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { HTTP_LOGGING, type HttpLogging, stopOnUnhandledErrors } from './common';
import { ConfigError, validateEnv } from './config';

/**
 * `npm run worker`: a process that only sends what the outbox holds (the API's instances may then run with
 * WORKERS=false). It needs DATABASE_URL: the embedded database belongs to the one process that started it, and
 * `npm start` runs workers itself. A stop (SIGTERM) lets the job in hand finish or hands it back.
 */
async function work(): Promise<void> {
  // Workers run here whatever WORKERS says; the dev mail catcher of the API instance keeps its port.
  const env = validateEnv({ DEV_SMTP_PORT: '0', ...process.env, WORKERS: 'true' });
  if (!env.DATABASE_URL) {
    throw new ConfigError('npm run worker needs DATABASE_URL: the embedded database belongs to npm start, which runs workers itself.');
  }
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(env, { url: env.DATABASE_URL, embedded: false }), { bufferLogs: true });
  app.useLogger(app.get<HttpLogging>(HTTP_LOGGING).logger);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void app.close().finally(() => process.exit(0)));
  }
  stopOnUnhandledErrors(() => app.close());
  console.log('Sendas worker: sending scheduled mail from the outbox.');
}

work().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
  else console.error(error instanceof Error ? error.stack : 'Start-up failed');
  process.exit(1);
});
