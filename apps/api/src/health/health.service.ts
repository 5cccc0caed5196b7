import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { createTransport } from 'nodemailer';
import type { DataSource } from 'typeorm';
import type { HealthResponse } from '@sendas/contracts';
import { DATABASE_INFO, type DatabaseInfo } from '../database/database-info';
import type { Env } from '../config/env.validation';

const MAIL_CHECK_TTL_MS = 60_000;

@Injectable()
export class HealthService {
  private mailCheck?: { at: number; result: Promise<HealthResponse['mail']> };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DATABASE_INFO) private readonly database: DatabaseInfo,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async check(): Promise<HealthResponse> {
    const [database, mail] = await Promise.all([this.checkDatabase(), this.checkMail()]);
    return {
      status: database.status === 'up' && mail.status !== 'down' ? 'ok' : 'degraded',
      database,
      mail,
      uptimeSeconds: Math.round(process.uptime()),
    };
  }

  private async checkDatabase(): Promise<HealthResponse['database']> {
    const started = performance.now();
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'up', embedded: this.database.embedded, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      return { status: 'down', embedded: this.database.embedded, error: (error as Error).message };
    }
  }

  /** Verifies the system SMTP account at most once a minute; never prints its credentials. */
  private checkMail(): Promise<HealthResponse['mail']> {
    const url = this.config.get('SMTP_URL', { infer: true });
    if (!url) return Promise.resolve({ status: 'not-configured', transport: 'none' });
    if (!this.mailCheck || Date.now() - this.mailCheck.at > MAIL_CHECK_TTL_MS) {
      const separator = url.includes('?') ? '&' : '?';
      const transport = createTransport(`${url}${separator}connectionTimeout=5000&greetingTimeout=5000&socketTimeout=5000`);
      const result = transport
        .verify()
        .then((): HealthResponse['mail'] => ({ status: 'up', transport: 'smtp' }))
        .catch((error: { code?: string; responseCode?: number }) => ({
          status: 'down' as const,
          transport: 'smtp' as const,
          error: `System SMTP account check failed (${error.responseCode ?? error.code ?? 'error'})`,
        }))
        .finally(() => transport.close());
      this.mailCheck = { at: Date.now(), result };
    }
    return this.mailCheck.result;
  }
}
