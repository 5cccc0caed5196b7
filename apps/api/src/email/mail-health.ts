import { Injectable, Logger } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import type { HealthResponse } from '@sendas/contracts';
import { Env } from '../config';
import { urlWithTimeouts } from '../smtp';
import { DevMailCatcher } from './dev-mailbox/dev-mail-catcher';

const CHECK_TTL_MS = 60_000;

/** The system mail route for /api/health: the real SMTP account (checked at most once a minute) or the dev catcher. */
@Injectable()
export class MailHealth {
  private readonly logger = new Logger(MailHealth.name);
  private lastCheck?: { at: number; result: Promise<HealthResponse['mail']> };

  constructor(
    private readonly config: Env,
    private readonly catcher: DevMailCatcher,
  ) {}

  mailStatus(): Promise<HealthResponse['mail']> {
    const url = this.config.SMTP_URL;
    if (!url) {
      const port = this.catcher.port;
      return Promise.resolve(
        port ? { status: 'up', transport: 'dev-catcher', devCatcher: { host: '127.0.0.1', port } } : { status: 'not-configured', transport: 'none' },
      );
    }
    if (!this.lastCheck || Date.now() - this.lastCheck.at > CHECK_TTL_MS) {
      this.lastCheck = { at: Date.now(), result: this.checkSystemAccount(url) };
    }
    return this.lastCheck.result;
  }

  /** Never reports the URL: it holds the system account's password. */
  private async checkSystemAccount(url: string): Promise<HealthResponse['mail']> {
    const transport = createTransport(urlWithTimeouts(url, { connectionMs: 5000, greetingMs: 5000, socketMs: 5000 }));
    try {
      await transport.verify();
      return { status: 'up', transport: 'smtp' };
    } catch (error) {
      // the public health says down only; the log says why
      const { responseCode, code } = error as { responseCode?: number; code?: string };
      this.logger.warn(`The company account's SMTP check failed (${responseCode ?? code ?? 'error'})`);
      return { status: 'down', transport: 'smtp' };
    } finally {
      transport.close();
    }
  }
}
