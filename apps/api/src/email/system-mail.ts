import { ConfigService } from '@nestjs/config';
import { MailerModule } from '@nestjs-modules/mailer';
import type { Env } from '../config/env.validation';
import { urlWithTimeouts } from '../smtp/smtp-settings';
import { DEV_SYSTEM_ACCOUNT, DevMailCatcher } from './dev-mailbox/dev-mail-catcher';
import { DevMailboxModule } from './dev-mailbox/dev-mailbox.module';

export const SYSTEM_TRANSPORT = 'system';

/** The system address when SMTP_FROM is unset: the organisation's name on a local address. */
export function systemFrom(config: ConfigService<Env, true>): string {
  return config.get('SMTP_FROM', { infer: true }) ?? `"${config.get('ORG_NAME', { infer: true })}" <sendas@localhost>`;
}

/**
 * The company account (SMTP_URL), or in development the dev mail catcher's system account. No `defaults`:
 * they would apply to every transport the mailer holds, and `from` is always set per message.
 */
export const systemMailModule = MailerModule.forRootAsync({
  imports: [DevMailboxModule],
  inject: [ConfigService, DevMailCatcher],
  useFactory: async (config: ConfigService<Env, true>, catcher: DevMailCatcher) => {
    const url = config.get('SMTP_URL', { infer: true });
    if (url) {
      const timeouts = {
        connectionMs: config.get('SMTP_CONNECTION_TIMEOUT_MS', { infer: true }),
        greetingMs: config.get('SMTP_GREETING_TIMEOUT_MS', { infer: true }),
        socketMs: config.get('SMTP_SOCKET_TIMEOUT_MS', { infer: true }),
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
