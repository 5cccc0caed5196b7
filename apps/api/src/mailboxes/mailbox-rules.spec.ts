import { ErrorCode } from '@sendas/contracts';
import type { MailboxInput } from './dto/mailbox.dto';
import { assertSameServer, connectedSettings, formFrom, isAnotherMailbox, resolveSettings, settingsToApply } from './mailbox-rules';
import type { Mailbox } from './mailbox.entity';
import { refusalOf as refusal } from '../../../../test/support/refusal';

const pom = { email: 'pom@bmasiamusic.com', name: 'Pom' };
const sales = { role: 'sales' as const };
const superuser = { role: 'superuser' as const };

/** A stored custom mailbox at mail.example.com with an app password. */
function stored(overrides: Partial<Mailbox> = {}): Mailbox {
  return {
    id: 'm1',
    userId: 'u1',
    kind: 'app_password',
    provider: 'custom',
    host: 'mail.example.com',
    port: 587,
    security: 'starttls',
    username: 'pom@bmasiamusic.com',
    fromEmail: 'pom@bmasiamusic.com',
    fromName: 'Pom',
    allowSelfSignedCertificate: false,
    dailyLimit: 2000,
    sendsPerMinute: 10,
    saveSentCopy: true,
    imapHost: 'mail.example.com',
    imapPort: 993,
    imapSecurity: 'tls',
    imapUsername: 'pom@bmasiamusic.com',
    sentFolder: null,
    identity: 1,
    version: 2,
    ...overrides,
  } as Mailbox;
}

describe('mailbox rules', () => {
  describe('resolveSettings', () => {
    it("fills a preset's servers and limits, and sends as the owner under their own name", () => {
      const settings = resolveSettings({ provider: 'gmail' } as MailboxInput, null, pom, sales, false);
      expect(settings).toMatchObject({
        host: 'smtp.gmail.com',
        port: 587,
        security: 'starttls',
        username: pom.email,
        fromEmail: pom.email,
        fromName: 'Pom',
        dailyLimit: 500,
        sendsPerMinute: 20,
        imapHost: 'imap.gmail.com',
        imapPort: 993,
        saveSentCopy: false,
      });
    });

    it('asks for the host of a custom server, and picks the port from the security', () => {
      expect(refusal(() => resolveSettings({ provider: 'custom' } as MailboxInput, null, pom, sales, false)).details).toEqual([
        { field: 'host', messages: ['host is required for a custom SMTP server, e.g. smtp.example.com'] },
      ]);
      expect(resolveSettings({ provider: 'custom', host: 'mail.example.com', security: 'tls' } as MailboxInput, null, pom, sales, false).port).toBe(465);
    });

    it('lets only a superuser set a From address other than the owner’s own', () => {
      const input = { provider: 'gmail', fromEmail: 'sales@bmasiamusic.com' } as MailboxInput;
      expect(refusal(() => resolveSettings(input, null, pom, sales, false)).code).toBe(ErrorCode.SMTP_FROM_NOT_ALLOWED);
      expect(resolveSettings(input, null, pom, superuser, false).fromEmail).toBe('sales@bmasiamusic.com');
      // a From a superuser set stays when the owner saves again
      expect(
        resolveSettings({ provider: 'gmail' } as MailboxInput, stored({ provider: 'gmail', fromEmail: 'sales@bmasiamusic.com' }), pom, sales, false).fromEmail,
      ).toBe('sales@bmasiamusic.com');
    });

    it('refuses an unencrypted connection to another machine unless asked for, and a private address unless allowed', () => {
      const plain = { provider: 'custom', host: 'mail.example.com', security: 'none' } as MailboxInput;
      expect(refusal(() => resolveSettings(plain, null, pom, sales, false)).details?.[0].field).toBe('security');
      expect(resolveSettings({ ...plain, allowInsecure: true }, null, pom, sales, false).security).toBe('none');
      expect(resolveSettings({ ...plain, host: '127.0.0.1' }, null, pom, sales, true).security).toBe('none');

      const privateHost = { provider: 'custom', host: '10.0.0.5' } as MailboxInput;
      expect(refusal(() => resolveSettings(privateHost, null, pom, sales, false)).code).toBe(ErrorCode.SMTP_HOST_NOT_ALLOWED);
      expect(resolveSettings(privateHost, null, pom, sales, true).host).toBe('10.0.0.5');
      expect(
        refusal(() => resolveSettings({ ...privateHost, host: 'mail.example.com', imapHost: '192.168.1.2' }, null, pom, sales, false)).details?.[0].field,
      ).toBe('imapHost');
    });

    it('saves Sent copies on a custom server once an IMAP server is given, and asks for one when copies are wanted', () => {
      const custom = { provider: 'custom', host: 'mail.example.com' } as MailboxInput;
      expect(resolveSettings(custom, null, pom, sales, false)).toMatchObject({ saveSentCopy: false, imapHost: null });
      expect(resolveSettings({ ...custom, imapHost: 'imap.example.com' }, null, pom, sales, false)).toMatchObject({
        saveSentCopy: true,
        imapPort: 993,
        imapSecurity: 'tls',
      });
      expect(refusal(() => resolveSettings({ ...custom, saveSentCopy: true }, null, pom, sales, false)).details?.[0].field).toBe('imapHost');
    });

    it('keeps an IMAP user name typed apart from the SMTP one, and lets one that followed it follow the new one', () => {
      const custom = { provider: 'custom', username: 'pom2@bmasiamusic.com' } as MailboxInput;
      expect(resolveSettings(custom, stored(), pom, sales, false).imapUsername).toBe('pom2@bmasiamusic.com');
      expect(resolveSettings(custom, stored({ imapUsername: 'archive' }), pom, sales, false).imapUsername).toBe('archive');
    });
  });

  it('keeps a stored password to the servers and account it was saved with', () => {
    const mailbox = stored();
    expect(() => assertSameServer(mailbox, mailbox)).not.toThrow();
    const moved = refusal(() => assertSameServer({ ...mailbox, host: 'evil.example.net' }, mailbox));
    expect(moved.code).toBe(ErrorCode.SMTP_PASSWORD_REQUIRED);
    expect(moved.message).toContain('only used with pom@bmasiamusic.com at mail.example.com:587');
    expect(refusal(() => assertSameServer({ ...mailbox, imapPort: 143 }, mailbox)).message).toContain('IMAP server mail.example.com:993');
    // the same rule, applied to a form without a password
    const form = { provider: 'custom', host: 'evil.example.net' } as MailboxInput;
    expect(refusal(() => settingsToApply(form, mailbox, pom, sales, false, 'Enter it')).code).toBe(ErrorCode.SMTP_PASSWORD_REQUIRED);
    expect(settingsToApply({ ...form, password: 'new' }, mailbox, pom, sales, false, 'Enter it').host).toBe('evil.example.net');
    expect(refusal(() => settingsToApply({ provider: 'gmail' } as MailboxInput, null, pom, sales, false, 'Enter the app password.')).message).toBe(
      'Enter the app password.',
    );
  });

  it('lets a connected mailbox change only its name, limits and Sent copies, and never Sent copies at Microsoft', () => {
    const google = stored({ kind: 'google', provider: 'gmail', host: 'smtp.gmail.com' });
    expect(connectedSettings({ provider: 'gmail', fromName: 'Pom S.', dailyLimit: 100 } as MailboxInput, google)).toMatchObject({
      fromName: 'Pom S.',
      dailyLimit: 100,
      host: 'smtp.gmail.com',
    });
    expect(refusal(() => connectedSettings({ provider: 'gmail', host: 'smtp.example.com' } as MailboxInput, google)).message).toContain(
      'to change its host, enter an app password',
    );
    const microsoft = stored({ kind: 'microsoft', provider: 'office365', host: 'smtp.office365.com' });
    expect(refusal(() => connectedSettings({ provider: 'office365', saveSentCopy: true } as MailboxInput, microsoft)).details?.[0].field).toBe('saveSentCopy');
  });

  it('counts a mailbox as another one when it is new or its kind, server, account or From address changes', () => {
    const mailbox = stored();
    expect(isAnotherMailbox(null, mailbox)).toBe(true);
    expect(isAnotherMailbox(mailbox, { ...mailbox })).toBe(false);
    expect(isAnotherMailbox(mailbox, { ...mailbox, kind: 'google' })).toBe(true);
    expect(isAnotherMailbox(mailbox, { ...mailbox, fromEmail: 'sales@bmasiamusic.com' })).toBe(true);
  });

  it('reads an empty test body as "test what is stored", and a form as a whole form', () => {
    expect(formFrom({}, stored())).toBeUndefined();
    expect(formFrom({ host: 'mail.example.com' }, stored())).toEqual({ host: 'mail.example.com', provider: 'custom' });
    expect(refusal(() => formFrom({ host: 'mail.example.com' }, null)).details?.[0].field).toBe('provider');
  });
});
