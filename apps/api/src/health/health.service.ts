import { Inject, Injectable, Logger } from '@nestjs/common';
import type { HealthResponse } from '@sendas/contracts';
import { loggableError } from '../common';
import { DATABASE_INFO, type DatabaseInfo, preparedStatement, PreparedStatements } from '../database';
import { MailHealth } from '../email';

const PING = preparedStatement('health_ping', 'SELECT 1');

@Injectable()
export class HealthService {
  private readonly logger = new Logger(HealthService.name);

  constructor(
    private readonly statements: PreparedStatements,
    @Inject(DATABASE_INFO) private readonly database: DatabaseInfo,
    private readonly mail: MailHealth,
  ) {}

  async check(): Promise<HealthResponse> {
    const [database, mailStatus] = await Promise.all([this.checkDatabase(), this.mail.mailStatus()]);
    return {
      status: database.status === 'up' && mailStatus.status !== 'down' ? 'ok' : 'degraded',
      database,
      mail: mailStatus,
      uptimeSeconds: Math.round(process.uptime()),
    };
  }

  private async checkDatabase(): Promise<HealthResponse['database']> {
    const started = performance.now();
    try {
      await this.statements.run(PING, []);
      return { status: 'up', embedded: this.database.embedded, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      // Public route: the driver's text can name hosts, users and databases, so only the log has it.
      this.logger.warn({ err: loggableError(error) }, 'Health: the database did not answer');
      return { status: 'down', embedded: this.database.embedded };
    }
  }
}
