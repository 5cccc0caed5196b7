import { Global, Injectable, Module } from '@nestjs/common';
import { MailerModule, MailerService } from '@nestjs-modules/mailer';
import type { SendMailOptions } from 'nodemailer';
import { ACCOUNT_MAIL, type AccountMail, type AccountMailMessage } from '../auth';
import { Env } from '../config';
import { urlWithTimeouts } from '../smtp';
import { DEV_SYSTEM_ACCOUNT, DevMailCatcher } from './dev-mailbox/dev-mail-catcher';
import { DevMailboxModule } from './dev-mailbox/dev-mailbox.module';
import { accountMailBodies } from './email-composer';

export const SYSTEM_TRANSPORT = 'system';

/** The system address when SMTP_FROM is unset: the organisation's name on a local address. */
export function systemFrom(config: Env): string {
  return config.SMTP_FROM ?? `"${config.ORG_NAME}" <sendas@localhost>`;
}

/**
 * The company account (SMTP_URL), or in development the dev mail catcher's system account. No `defaults`:
 * they would apply to every transport the mailer holds, and `from` is always set per message.
 */
const systemMailModule = MailerModule.forRootAsync({
  imports: [DevMailboxModule],
  inject: [Env, DevMailCatcher],
  useFactory: async (config: Env, catcher: DevMailCatcher) => {
    const url = config.SMTP_URL;
    if (url) {
      const timeouts = {
        connectionMs: config.SMTP_CONNECTION_TIMEOUT_MS,
        greetingMs: config.SMTP_GREETING_TIMEOUT_MS,
        socketMs: config.SMTP_SOCKET_TIMEOUT_MS,
      };
      return { transports: { [SYSTEM_TRANSPORT]: urlWithTimeouts(`${url}${url.includes('?') ? '&' : '?'}pool=true`, timeouts) } };
    }
    await catcher.start();
    if (!catcher.port) return { transports: {} };
    return {
      transports: {
        [SYSTEM_TRANSPORT]: {
          host: '127.0.0.1',
          port: catcher.port,
          secure: false,
          ignoreTLS: true,
          auth: { user: DEV_SYSTEM_ACCOUNT, pass: catcher.systemPassword },
        },
      },
    };
  },
});

/** The company account as a sender: for mail that is Sendas's own (password reset links) and for users without a mailbox. */
@Injectable()
export class SystemMail implements AccountMail {
  constructor(
    private readonly mailer: MailerService,
    private readonly catcher: DevMailCatcher,
    private readonly config: Env,
  ) {}

  /** True when there is a company account: SMTP_URL, or the dev mail catcher in development. */
  get available(): boolean {
    return Boolean(this.config.SMTP_URL || this.catcher.port);
  }

  /** The dev mail catcher's port (0 when it does not run). */
  get devCatcherPort(): number {
    return this.catcher.port ?? 0;
  }

  get from(): string {
    return systemFrom(this.config);
  }

  /** Sends through the company account; `from` defaults to the system address. */
  /** ACCOUNT_MAIL: a mail about the person's own account, in the branded layout with its button. */
  mail(message: AccountMailMessage): Promise<{ messageId: string; response: string }> {
    return this.send({ to: message.to, subject: message.subject, ...accountMailBodies(message) });
  }

  async send(message: SendMailOptions): Promise<{ messageId: string; response: string }> {
    const sent: unknown = await this.mailer.sendMail({ from: this.from, ...message, transporterName: SYSTEM_TRANSPORT } as Parameters<
      MailerService['sendMail']
    >[0]);
    return sent as { messageId: string; response: string };
  }
}

/**
 * The company account, and through it ACCOUNT_MAIL, the port the auth module mails reset links through. Global so
 * that the auth module gets it without importing this one (the arrow runs email → auth).
 */
@Global()
@Module({
  imports: [systemMailModule, DevMailboxModule],
  providers: [SystemMail, { provide: ACCOUNT_MAIL, useExisting: SystemMail }],
  exports: [SystemMail, ACCOUNT_MAIL],
})
export class SystemMailModule {}
