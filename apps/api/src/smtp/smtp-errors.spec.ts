import { ErrorCode } from '@sendas/contracts';
import { enhancedStatus, mapSmtpError } from './smtp-errors';

const gmail = { mailbox: 'pom@bmasiamusic.com', provider: 'gmail' as const, host: 'smtp.gmail.com', port: 587 };

describe('mapSmtpError', () => {
  it.each([
    [{ code: 'EAUTH', responseCode: 535, response: '535-5.7.8 Username and Password not accepted.' }, ErrorCode.SMTP_AUTH_FAILED],
    [{ code: 'EAUTH', responseCode: 534, response: '534-5.7.9 Application-specific password required.' }, ErrorCode.SMTP_APP_PASSWORD_REQUIRED],
    [{ code: 'EAUTH', responseCode: 454, response: '454 4.7.0 Too many login attempts, please try again later.' }, ErrorCode.SMTP_TEMPORARY_FAILURE],
    [{ code: 'EMESSAGE', responseCode: 550, response: '550 5.4.5 Daily user sending limit exceeded.' }, ErrorCode.SMTP_QUOTA_EXCEEDED],
    [{ code: 'EENVELOPE', responseCode: 553, response: '553 5.7.1 Sender address rejected', command: 'MAIL FROM' }, ErrorCode.SMTP_SENDER_REJECTED],
    [{ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 No such user', command: 'RCPT TO' }, ErrorCode.SMTP_RECIPIENT_REJECTED],
    [{ code: 'ETIMEDOUT', message: 'Greeting never received' }, ErrorCode.SMTP_TIMEOUT],
    [{ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:1' }, ErrorCode.SMTP_UNREACHABLE],
    [{ code: 'EDNS', message: 'getaddrinfo ENOTFOUND smtp.gmial.com' }, ErrorCode.SMTP_UNREACHABLE],
    [{ code: 'ESOCKET', message: 'self-signed certificate', cause: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' } }, ErrorCode.SMTP_TLS_FAILED],
    [{ code: 'ETLS', message: 'Error initiating TLS' }, ErrorCode.SMTP_TLS_FAILED],
    [
      { code: 'ESOCKET', message: "Hostname/IP does not match certificate's altnames", cause: { code: 'ERR_TLS_CERT_ALTNAME_INVALID' } },
      ErrorCode.SMTP_TLS_FAILED,
    ],
  ])('%j → %s', (error, code) => {
    expect(mapSmtpError(error, gmail).code).toBe(code);
  });

  it('tells a Gmail user exactly what to do about a rejected app password', () => {
    const failure = mapSmtpError({ code: 'EAUTH', responseCode: 535, response: '535-5.7.8 Username and Password not accepted.' }, gmail);
    expect(failure.message).toBe(
      'Gmail rejected the password for pom@bmasiamusic.com: create a new app password (Google Account > Security > 2-Step Verification > App passwords) and save it here.',
    );
    expect(failure.smtpResponse).toContain('5.7.8');
  });

  it('recognises Microsoft 365 with SMTP AUTH disabled for the tenant', () => {
    const failure = mapSmtpError(
      { code: 'EAUTH', responseCode: 535, response: '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.' },
      { ...gmail, provider: 'office365', host: 'smtp.office365.com' },
    );
    expect(failure.code).toBe(ErrorCode.SMTP_AUTH_FAILED);
    expect(failure.message).toContain('Authenticated SMTP');
  });

  it('reads enhanced status codes', () => {
    expect(enhancedStatus('535-5.7.8 Username and Password not accepted')).toBe('5.7.8');
    expect(enhancedStatus('250 OK')).toBeUndefined();
  });
});
