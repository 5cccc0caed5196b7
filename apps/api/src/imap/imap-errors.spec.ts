import { ErrorCode } from '@sendas/contracts';
import { mapImapError, SentFolderNotFoundError, SentFolderSearchError } from './imap-errors';

const server = { host: 'imap.example.com', port: 993, username: 'pom@example.com' };
const imapFlowError = (message: string, fields: object) => Object.assign(new Error(message), fields);

describe('mapImapError', () => {
  it.each([
    [
      'a refused sign-in',
      imapFlowError('Command failed', { authenticationFailed: true, responseText: 'Authentication failed.' }),
      ErrorCode.IMAP_AUTH_FAILED,
      false,
    ],
    ['a dropped connection', imapFlowError('Connection not available', { code: 'NoConnection' }), ErrorCode.IMAP_UNREACHABLE, true],
    // the reset happened during the TLS handshake: still a network failure, not a certificate problem
    [
      'a reset during the TLS handshake',
      imapFlowError('Client network socket disconnected before secure TLS connection was established', { code: 'ECONNRESET' }),
      ErrorCode.IMAP_UNREACHABLE,
      true,
    ],
    ['an untrusted certificate', imapFlowError('self-signed certificate', { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), ErrorCode.IMAP_TLS_FAILED, false],
    [
      'a busy server',
      imapFlowError('Command failed', { responseStatus: 'NO', serverResponseCode: 'UNAVAILABLE', responseText: 'Try later' }),
      ErrorCode.IMAP_FAILED,
      true,
    ],
    [
      'a full mailbox',
      imapFlowError('Command failed', { responseStatus: 'NO', serverResponseCode: 'OVERQUOTA', responseText: 'Quota exceeded' }),
      ErrorCode.IMAP_FAILED,
      false,
    ],
    ['no Sent folder', new SentFolderNotFoundError('imap.example.com', ['INBOX', 'Sent'], null), ErrorCode.SENT_FOLDER_NOT_FOUND, false],
    ['a refused search (the copy may be there)', new SentFolderSearchError('imap.example.com'), ErrorCode.IMAP_FAILED, true],
    ['anything else (the database was away)', new Error('Connection terminated unexpectedly'), ErrorCode.IMAP_FAILED, true],
  ])('%s', (_name, error, code, temporary) => {
    expect(mapImapError(error, server)).toMatchObject({ code, temporary });
  });

  it('names the folders found when none is flagged \\Sent', () => {
    expect(mapImapError(new SentFolderNotFoundError('imap.example.com', ['INBOX', 'Sent'], null), server).message).toBe(
      'imap.example.com flags no folder as Sent: name the Sent folder in the mailbox settings (folders found: INBOX, Sent).',
    );
  });
});
