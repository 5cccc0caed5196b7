import { Injectable } from '@nestjs/common';
import type { SmtpVerifyResult } from '@sendas/contracts';
import { mapSmtpError, type NodemailerError } from './smtp-errors';
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
