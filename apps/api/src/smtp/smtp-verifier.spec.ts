import { ErrorCode } from '@sendas/contracts';
import { hostNotFound } from './smtp-host-guard';
import type { SmtpSettings } from './smtp-settings';
import type { SmtpTransportFactory } from './smtp-transport.factory';
import { SmtpVerifier } from './smtp-verifier';

const settings = (provider: SmtpSettings['provider'], host: string): SmtpSettings => ({
  provider,
  host,
  port: 587,
  security: 'starttls',
  username: 'pom@bmasiamusic.com',
  auth: { password: 'x' },
  allowSelfSignedCertificate: false,
});
/** What the transport factory meets when the host's name does not resolve (it names the preset, if any). */
const unresolvable = (preset?: string) =>
  new SmtpVerifier({ createSingle: ({ host }: SmtpSettings) => Promise.reject(hostNotFound(host, 'SMTP', preset)) } as unknown as SmtpTransportFactory);

describe('SmtpVerifier, when a host name does not resolve', () => {
  it('blames the network, not the spelling, for a preset host the user never typed', async () => {
    const result = await unresolvable('Gmail').verify(settings('gmail', 'smtp.gmail.com'), 'pom@bmasiamusic.com');
    expect(result).toEqual({ ok: false, code: ErrorCode.SMTP_UNREACHABLE, message: expect.stringContaining('no internet or DNS') });
    expect(result.message).toContain("smtp.gmail.com (Gmail's server)");
    expect(result.message).not.toContain('spelling');
  });

  it('asks to check the spelling of a host the user typed', async () => {
    const result = await unresolvable().verify(settings('custom', 'smtp.exmaple.com'), 'pom@bmasiamusic.com');
    expect(result).toEqual({ ok: false, code: ErrorCode.SMTP_UNREACHABLE, message: 'The SMTP host smtp.exmaple.com was not found: check its spelling.' });
  });
});
