import { ErrorCode } from '@sendas/contracts';
import { SmtpHostNotFoundError } from './smtp-host-guard';
import type { SmtpSettings } from './smtp-settings';
import type { SmtpTransportFactory } from './smtp-transport.factory';
import { SmtpVerifier } from './smtp-verifier';

const unresolvable = { createSingle: () => Promise.reject(new SmtpHostNotFoundError('The SMTP host smtp.gmail.com was not found: check its spelling.')) };
const settings = (provider: SmtpSettings['provider'], host: string): SmtpSettings => ({
  provider,
  host,
  port: 587,
  security: 'starttls',
  username: 'pom@bmasiamusic.com',
  auth: { password: 'x' },
  allowSelfSignedCertificate: false,
});

describe('SmtpVerifier, when a host name does not resolve', () => {
  const verifier = new SmtpVerifier(unresolvable as unknown as SmtpTransportFactory);

  it('blames the network, not the spelling, for a preset host the user never typed', async () => {
    const result = await verifier.verify(settings('gmail', 'smtp.gmail.com'), 'pom@bmasiamusic.com');
    expect(result).toEqual({ ok: false, code: ErrorCode.SMTP_UNREACHABLE, message: expect.stringContaining('no internet or DNS') });
    expect(result.message).not.toContain('spelling');
  });

  it('asks to check the spelling of a host the user typed', async () => {
    const result = await verifier.verify(settings('custom', 'smtp.exmaple.com'), 'pom@bmasiamusic.com');
    expect(result.message).toContain('check its spelling');
  });
});
