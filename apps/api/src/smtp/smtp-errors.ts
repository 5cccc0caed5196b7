import { ErrorCode, OAUTH_PROVIDER_LABELS, type SmtpProvider } from '@sendas/contracts';
import { SmtpHostNotAllowedError, SmtpHostNotFoundError } from './smtp-host-guard';

/** What nodemailer puts on a failed SMTP conversation. */
export interface NodemailerError {
  message?: string;
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  cause?: { code?: string };
}

export interface SmtpFailureContext {
  /** The mailbox, as a person knows it (the username or from address). */
  mailbox: string;
  provider: SmtpProvider;
  host: string;
  port: number;
}

export interface SmtpFailure {
  code: ErrorCode;
  message: string;
  /** The server's own words, kept for the audit log; never contains the password. */
  smtpResponse?: string;
  /** The server answered 4xx ("not now"): the same message may be accepted later, whatever the code says it was about. */
  temporary: boolean;
}

const TLS_CAUSES = /CERT|SELF_SIGNED|SSL|TLS|UNABLE_TO_VERIFY|ALTNAME|wrong version number|certificate/i;
const UNREACHABLE_CAUSES = /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|ECONNRESET/;

/** The enhanced status code (RFC 3463) in a server response: "535-5.7.8 ..." → "5.7.8". */
export function enhancedStatus(response: string | undefined): string | undefined {
  return response?.match(/^\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})\b/)?.[1];
}

function appPasswordSteps(provider: SmtpProvider): string {
  if (provider === 'gmail') return 'create a new app password (Google Account > Security > 2-Step Verification > App passwords) and save it here';
  if (provider === 'office365') return 'check the password, or ask your Microsoft 365 administrator for an app password, and save it here';
  return 'check the username and password with your mail provider and save them here';
}

/** The provider withdrew the OAuth consent (revoked, password changed, expired): only its owner can give it again. */
export function reconnectMessage(provider: SmtpProvider, mailbox: string): string {
  const account = OAUTH_PROVIDER_LABELS[provider === 'office365' ? 'microsoft' : 'google'];
  return `${account} no longer accepts Sendas for ${mailbox} (the access was revoked or has expired): its owner must open My mailbox and click "Reconnect with ${account}".`;
}

export function providerName(provider: SmtpProvider): string {
  return provider === 'gmail' ? 'Gmail' : provider === 'office365' ? 'Microsoft 365' : 'The mail server';
}

/**
 * Maps a failed SMTP conversation to a code a person can act on. Keyed on the SMTP response code and the
 * enhanced status first (a 535 arrives as EAUTH, a rejected sender as EENVELOPE with 553), then on
 * nodemailer's own code for failures that never got a response.
 */
export function mapSmtpError(error: NodemailerError, context: SmtpFailureContext): SmtpFailure {
  const { mailbox, provider, host, port } = context;
  // refused before any connection: the host guard's own words
  if (error instanceof SmtpHostNotAllowedError) return { code: ErrorCode.SMTP_HOST_NOT_ALLOWED, message: error.message, temporary: false };
  if (error instanceof SmtpHostNotFoundError) return { code: ErrorCode.SMTP_UNREACHABLE, message: error.message, temporary: false };
  const who = providerName(provider);
  const response = error.response?.trim();
  const status = enhancedStatus(response);
  const reply = error.responseCode;
  const temporary = reply !== undefined && reply >= 400 && reply < 500;
  const withResponse = (code: ErrorCode, message: string): SmtpFailure => ({ code, message, smtpResponse: response, temporary });

  if (error.command === 'AUTH XOAUTH2' && error.message?.startsWith('invalid_grant')) {
    return withResponse(ErrorCode.MAILBOX_RECONNECT_REQUIRED, reconnectMessage(provider, mailbox));
  }
  if (reply === 534 || status === '5.7.9') {
    return withResponse(
      ErrorCode.SMTP_APP_PASSWORD_REQUIRED,
      `${who} wants an app password for ${mailbox}, not the account password: turn on 2-Step Verification, then ${appPasswordSteps(provider)}.`,
    );
  }
  if (status === '5.7.139' || /SmtpClientAuthentication is disabled/i.test(response ?? '')) {
    return withResponse(
      ErrorCode.SMTP_AUTH_FAILED,
      `Microsoft 365 has SMTP sign-in turned off for ${mailbox}: ask your Microsoft 365 administrator to enable "Authenticated SMTP" for this mailbox, then test again.`,
    );
  }
  if (reply === 535 || status === '5.7.8' || (error.code === 'EAUTH' && !temporary)) {
    return withResponse(ErrorCode.SMTP_AUTH_FAILED, `${who} rejected the password for ${mailbox}: ${appPasswordSteps(provider)}.`);
  }
  if (status === '5.4.5' || status === '4.5.3' || /sending limit|quota/i.test(response ?? '')) {
    return withResponse(
      ErrorCode.SMTP_QUOTA_EXCEEDED,
      `${who} says ${mailbox} has reached its sending limit: wait until it resets (usually within 24 hours) or ask an administrator to send on your behalf.`,
    );
  }
  if (error.code === 'EENVELOPE' && reply && reply >= 500) {
    const sender = error.command?.toUpperCase().startsWith('MAIL');
    return sender
      ? withResponse(
          ErrorCode.SMTP_SENDER_REJECTED,
          `${who} does not let ${mailbox} send as this address: use the mailbox's own address as the sender address.`,
        )
      : withResponse(ErrorCode.SMTP_RECIPIENT_REJECTED, `${who} refused a recipient (${response ?? 'no reason given'}): check the addresses and send again.`);
  }
  if (temporary) {
    return withResponse(ErrorCode.SMTP_TEMPORARY_FAILURE, `${who} is refusing mail from ${mailbox} for now (${response}): wait a few minutes and try again.`);
  }
  if (error.code === 'ETIMEDOUT') {
    return withResponse(
      ErrorCode.SMTP_TIMEOUT,
      `${host}:${port} did not answer in time: check the host and port (and that the server allows connections from Sendas), then test again.`,
    );
  }
  const cause = `${error.cause?.code ?? ''} ${error.message ?? ''}`;
  if (error.code === 'ETLS' || TLS_CAUSES.test(cause)) {
    return withResponse(
      ErrorCode.SMTP_TLS_FAILED,
      `The secure connection to ${host}:${port} failed (${error.message ?? 'TLS error'}): check the security setting (STARTTLS on 587, TLS on 465); a self-signed certificate must be allowed explicitly.`,
    );
  }
  if (error.code === 'EDNS' || error.code === 'ECONNECTION' || error.code === 'ESOCKET' || UNREACHABLE_CAUSES.test(cause)) {
    return withResponse(
      ErrorCode.SMTP_UNREACHABLE,
      `Cannot connect to ${host}:${port} (${error.message ?? 'connection failed'}): check the host and port, then test again.`,
    );
  }
  if (reply && reply >= 500) {
    return withResponse(ErrorCode.SMTP_FAILED, `${who} refused the message from ${mailbox}: ${response}.`);
  }
  return withResponse(ErrorCode.SMTP_FAILED, `Sending through ${host}:${port} failed: ${error.message ?? 'unknown error'}.`);
}
