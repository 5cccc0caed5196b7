import { Injectable } from '@nestjs/common';
import { ErrorCode, type SmtpVerifyResult } from '@sendas/contracts';
import { mapSmtpError, type NodemailerError, providerName } from './smtp-errors';
import { SmtpHostNotAllowedError, SmtpHostNotFoundError } from './smtp-host-guard';
import type { SmtpSettings } from './smtp-settings';
import { SmtpTransportFactory } from './smtp-transport.factory';

/** Tests settings with a real SMTP conversation (connect, TLS, AUTH) on a throwaway transport. */
@Injectable()
export class SmtpVerifier {
  constructor(private readonly transports: SmtpTransportFactory) {}

  async verify(settings: SmtpSettings, mailbox: string): Promise<SmtpVerifyResult> {
    let transport;
    try {
      transport = await this.transports.createSingle(settings);
      await transport.verify();
      return { ok: true, message: `Connected to ${settings.host}:${settings.port} and signed in as ${settings.username}.` };
    } catch (error) {
      if (error instanceof SmtpHostNotAllowedError) {
        return { ok: false, code: ErrorCode.SMTP_HOST_NOT_ALLOWED, message: error.message };
      }
      if (error instanceof SmtpHostNotFoundError) {
        // A preset's host is right by definition: the name did not resolve because the network did not answer.
        const message =
          settings.provider === 'custom'
            ? error.message
            : `Sendas could not look up ${settings.host} (${providerName(settings.provider)}'s server): the server running Sendas seems to have no internet or DNS right now. Try again in a few minutes, or tell your administrator.`;
        return { ok: false, code: ErrorCode.SMTP_UNREACHABLE, message };
      }
      const { code, message } = mapSmtpError(error as NodemailerError, {
        mailbox,
        provider: settings.provider,
        host: settings.host,
        port: settings.port,
      });
      return { ok: false, code, message };
    } finally {
      transport?.close();
    }
  }
}
