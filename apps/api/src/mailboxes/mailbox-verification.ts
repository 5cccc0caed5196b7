import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ErrorCode, type SmtpVerifyResult } from '@sendas/contracts';
import { AuditLog } from '../audit';
import type { AuthUser } from '../common';
import { Env } from '../config';
import { SecretBox, SecretUnreadableError } from '../crypto';
import { mapImapError, SentFolder } from '../imap';
import { type SmtpAuth, SmtpVerifier } from '../smtp';
import { UsersService } from '../users';
import type { SmtpVerifyInput } from './dto/mailbox.dto';
import { formFrom, type MailboxSettingsFields, settingsToApply } from './mailbox-rules';
import { findWithSecret } from './mailbox-sending.service';
import { MAILBOX_SUBJECT, mailboxNotConfigured } from './mailbox-settings.service';
import { Mailbox } from './mailbox.entity';
import { imapSettingsOf } from './mailbox-sending.service';
import { AccessTokens, accessTokenFailureOf } from './oauth/access-tokens';

/** "Test": signs in to a mailbox's SMTP server (and, with Sent copies on, its IMAP server) without sending anything. */
@Injectable()
export class MailboxVerification {
  constructor(
    @InjectRepository(Mailbox) private readonly mailboxes: Repository<Mailbox>,
    private readonly users: UsersService,
    private readonly secrets: SecretBox,
    private readonly verifier: SmtpVerifier,
    private readonly sentFolders: SentFolder,
    private readonly tokens: AccessTokens,
    private readonly audit: AuditLog,
    private readonly config: Env,
  ) {}

  /**
   * Tests the stored settings, or settings from the form before saving (using the stored password only for
   * the server and user name it was saved with). Only a test of the stored settings updates verifiedAt /
   * lastError; every test is audited.
   */
  async verify(userId: string, body: SmtpVerifyInput, actor: AuthUser): Promise<SmtpVerifyResult> {
    const owner = await this.users.get(userId);
    const existing = await findWithSecret(this.mailboxes, userId);
    const input = formFrom(body, existing);
    if (!input && !existing) throw mailboxNotConfigured(userId);
    const settings = input
      ? settingsToApply(input, existing, owner, actor, this.config.ALLOW_PRIVATE_SMTP_HOSTS, 'Enter the app password to test this mailbox.')
      : existing!;

    let result: SmtpVerifyResult;
    try {
      const auth: SmtpAuth =
        input?.password || existing!.kind === 'app_password'
          ? { password: input?.password ?? this.secrets.decrypt(existing!.passwordEnc!) }
          : await this.oauthAuth(existing!);
      result = await this.verifier.verify({ ...settings, auth }, settings.username);
      if (result.ok && settings.saveSentCopy) result = await this.verifySentFolder(settings, auth, result.message);
    } catch (error) {
      result = unusableSecret(error, settings.username);
    }

    if (!input && existing) await this.recordCheck(existing, result);
    await this.audit.record({
      actorId: actor.id,
      action: `${MAILBOX_SUBJECT}.verified`,
      subjectType: MAILBOX_SUBJECT,
      subjectId: userId,
      details: {
        ok: result.ok,
        ...(result.ok ? {} : { code: result.code }),
        tested: input ? 'form' : 'stored',
        server: `${settings.host}:${settings.port}`,
        username: settings.username,
      },
    });
    return result;
  }

  /** SMTP works; with "Save a copy to Sent" the IMAP side must too, and the test names the folder copies go to. */
  private async verifySentFolder(settings: MailboxSettingsFields, auth: SmtpAuth, smtpMessage: string): Promise<SmtpVerifyResult> {
    const imap = imapSettingsOf(settings, auth);
    try {
      const folder = await this.sentFolders.locate(imap);
      return { ok: true, message: `${smtpMessage} Copies of sent messages will be saved to "${folder}" on ${imap.host}.`, sentFolder: folder };
    } catch (error) {
      const failure = mapImapError(error, imap);
      return { ok: false, code: failure.code, message: `Sending works, but no copy could be saved to Sent: ${failure.message}` };
    }
  }

  /** The sign-in of a connected mailbox, with a fresh access token (so a withdrawn consent shows in the test). */
  private async oauthAuth(mailbox: Mailbox): Promise<SmtpAuth> {
    await this.tokens.get(mailbox, true);
    return { accessToken: (renew) => this.tokens.get(mailbox, renew) };
  }

  private async recordCheck(mailbox: Mailbox, result: SmtpVerifyResult): Promise<void> {
    const now = new Date();
    await this.mailboxes.update(
      { id: mailbox.id },
      result.ok
        ? { verifiedAt: now, lastErrorCode: null, lastErrorMessage: null, lastErrorAt: null }
        : { lastErrorCode: result.code, lastErrorMessage: result.message, lastErrorAt: now },
    );
  }
}

/** A test that could not even sign in: the stored secret is unreadable, the consent is gone, the provider is away. */
function unusableSecret(error: unknown, username: string): SmtpVerifyResult {
  if (error instanceof SecretUnreadableError) {
    return {
      ok: false,
      code: ErrorCode.SECRET_UNREADABLE,
      message: `The stored password for ${username} cannot be decrypted (it was changed, or its key is no longer configured): enter the app password again and save.`,
    };
  }
  const failure = accessTokenFailureOf(error);
  if (!failure) throw error;
  return { ok: false, code: failure.code, message: failure.temporary ? `${failure.message}: try again in a few minutes.` : failure.message };
}
