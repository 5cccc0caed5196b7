import { ErrorCode } from '@sendas/contracts';
import { SmtpHostNotAllowedError, SmtpHostNotFoundError } from '../smtp';

/** What imapflow (or the socket under it) puts on a failure. */
interface ImapFlowFailure {
  message?: string;
  code?: string;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
  responseStatus?: string;
  responseText?: string;
  serverResponseCode?: string;
}

/** No folder is flagged `\Sent` and the one named in the settings does not exist. */
export class SentFolderNotFoundError extends Error {
  constructor(
    readonly host: string,
    readonly folders: string[],
    readonly named: string | null,
  ) {
    super(
      (named ? `The folder "${named}" does not exist on ${host}` : `${host} flags no folder as Sent`) +
        `: name the Sent folder in the mailbox settings (folders found: ${folders.join(', ') || 'none'}).`,
    );
  }
}

/** The server refused to search the folder for the Message-ID, so Sendas cannot know whether the copy is there yet. */
export class SentFolderSearchError extends Error {
  constructor(readonly host: string) {
    super(`${host} refused to search the Sent folder for the message, so no copy was appended (it could become a second one)`);
  }
}

export interface ImapFailure {
  code: ErrorCode;
  message: string;
  /** Worth trying again later (the server was away or busy); otherwise only a change of settings helps. */
  temporary: boolean;
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
  'ETIMEOUT',
  'NoConnection',
  'EConnectionClosed',
  'ETHROTTLE',
  'ClosedAfterConnectText',
  'ClosedAfterConnectTLS',
]);
const TLS_CAUSES = /CERT|SELF_SIGNED|SSL|TLS|UNABLE_TO_VERIFY|ALTNAME|wrong version number|certificate/i;
/** RFC 5530 response codes that mean "not now" rather than "never". */
const BUSY = new Set(['UNAVAILABLE', 'INUSE', 'LIMIT', 'SERVERBUG']);

/**
 * Maps a failed IMAP conversation to a code and a message a person can act on. What is neither an answer of the
 * server nor a network failure (e.g. the database) is temporary: the attempt is simply repeated.
 */
export function mapImapError(error: unknown, { host, port, username }: { host: string; port: number; username: string }): ImapFailure {
  if (error instanceof SentFolderNotFoundError) return { code: ErrorCode.SENT_FOLDER_NOT_FOUND, message: error.message, temporary: false };
  if (error instanceof SentFolderSearchError) return { code: ErrorCode.IMAP_FAILED, message: `${error.message}.`, temporary: true };
  if (error instanceof SmtpHostNotAllowedError) return { code: ErrorCode.SMTP_HOST_NOT_ALLOWED, message: error.message, temporary: false };
  if (error instanceof SmtpHostNotFoundError) return { code: ErrorCode.IMAP_UNREACHABLE, message: error.message, temporary: true };
  const failure = error as ImapFlowFailure;
  const said = failure.responseText ?? failure.message ?? 'no reason given';
  if (failure.authenticationFailed) {
    return {
      code: ErrorCode.IMAP_AUTH_FAILED,
      message: `The IMAP server ${host} rejected the sign-in of ${username} (${said}): check the IMAP user name, and that the mailbox's password also works for IMAP.`,
      temporary: false,
    };
  }
  if (UNREACHABLE.has(failure.code ?? '')) {
    return {
      code: ErrorCode.IMAP_UNREACHABLE,
      message: `The IMAP server ${host}:${port} did not answer or dropped the connection (${failure.code}): check the host and port.`,
      temporary: true,
    };
  }
  if (failure.tlsFailed || TLS_CAUSES.test(`${failure.code ?? ''} ${failure.message ?? ''}`)) {
    return {
      code: ErrorCode.IMAP_TLS_FAILED,
      message: `TLS to ${host}:${port} could not be set up (${said}): check the IMAP port and security (993 with TLS, 143 with STARTTLS).`,
      temporary: false,
    };
  }
  if (!failure.responseStatus) {
    return { code: ErrorCode.IMAP_FAILED, message: `Saving the copy to ${host} broke off (${failure.message ?? 'no reason given'}).`, temporary: true };
  }
  return {
    code: ErrorCode.IMAP_FAILED,
    message: `The IMAP server ${host} refused the copy: ${said}`,
    temporary: BUSY.has(failure.serverResponseCode?.toUpperCase() ?? ''),
  };
}
