import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import type { Repository } from 'typeorm';
import { ErrorCode, type MailboxUsage } from '@sendas/contracts';
import { AppException } from '../common';
import { SecretBox, SecretUnreadableError } from '../crypto';
import { everyColumn, PreparedStatements } from '../database';
import type { ImapSettings } from '../imap';
import type { SmtpAuth, SmtpSettings } from '../smtp';
import { Mailbox } from './mailbox.entity';
import { MAILBOX_USAGE, toUsage, type UsageRow } from './mailbox-usage';
import { AccessTokens, accessTokenFailureOf } from './oauth/access-tokens';

/** The connection settings of a stored mailbox with its way of signing in. */
export function smtpSettingsOf(mailbox: Mailbox, auth: SmtpAuth): SmtpSettings {
  const { provider, host, port, security, username, allowSelfSignedCertificate } = mailbox;
  return { provider, host, port, security, username, allowSelfSignedCertificate, auth };
}

/** The IMAP side of a mailbox that saves Sent copies, signing in like its SMTP side. */
export function imapSettingsOf(
  mailbox: Pick<Mailbox, 'imapHost' | 'imapPort' | 'imapSecurity' | 'imapUsername' | 'username' | 'allowSelfSignedCertificate' | 'sentFolder'>,
  auth: SmtpAuth,
): ImapSettings {
  return {
    host: mailbox.imapHost!,
    port: mailbox.imapPort!,
    security: mailbox.imapSecurity!,
    username: mailbox.imapUsername ?? mailbox.username,
    allowSelfSignedCertificate: mailbox.allowSelfSignedCertificate,
    sentFolder: mailbox.sentFolder,
    auth,
  };
}

/** What a send needs of the sender's own mailbox; `usage` only when asked for. */
export interface SendingMailbox {
  mailbox: Mailbox;
  settings: SmtpSettings;
  usage: MailboxUsage | null;
}

/** Mailboxes kept in memory at most (least recently used beyond it are read again when needed). */
const KEPT_MAILBOXES = 1000;

/**
 * The send-time side of mailboxes, for the email module: the mailbox to send through with its way of signing in,
 * what it has sent against its daily limit, and recording sign-in failures of sends.
 */
@Injectable()
export class MailboxSending {
  /**
   * Mailboxes this instance sent through lately. A send takes its mailbox from here without a query: the audit
   * row's INSERT names the version it used and the database refuses it when the mailbox changed or went since
   * (migration SendPathTriggers), after which the send forgets it and reads it again.
   */
  private readonly recent = new LRUCache<string, Mailbox>({ max: KEPT_MAILBOXES });

  constructor(
    @InjectRepository(Mailbox) private readonly mailboxes: Repository<Mailbox>,
    private readonly statements: PreparedStatements,
    private readonly secrets: SecretBox,
    private readonly tokens: AccessTokens,
  ) {}

  /**
   * The user's own mailbox, null when they have none; with `withUsage` (a draft) also its usage, read alongside,
   * else as kept in memory when this instance has read it before. Refuses (nothing is sent) when its password cannot
   * be decrypted or its OAuth consent is known to be gone; with `signIn` an OAuth mailbox gets its access token here,
   * before anything is written or sent (a draft needs none).
   */
  async forSending(userId: string, { signIn = true, withUsage = false } = {}): Promise<SendingMailbox | null> {
    let mailbox = withUsage ? undefined : this.recent.get(userId);
    let usage: MailboxUsage | null = null;
    if (!mailbox) {
      const [stored, [usageRow]] = await Promise.all([this.stored(userId), this.statements.run<UsageRow>(MAILBOX_USAGE, [userId])]);
      if (!stored) return null;
      mailbox = stored;
      this.recent.set(userId, mailbox);
      usage = toUsage(usageRow, mailbox.dailyLimit);
    }
    const auth = mailbox.kind === 'app_password' ? this.password(mailbox) : await this.oauth(mailbox, signIn);
    return { mailbox, settings: smtpSettingsOf(mailbox, auth), usage };
  }

  /** The mailbox changed (here, or as a send found out): the next send reads it again. */
  forget(userId: string): void {
    this.recent.delete(userId);
  }

  /**
   * Where the user's mailbox saves Sent copies now, signing in as it sends; null when it has no mailbox any more
   * or saving was turned off. Throws the send-time AppException when its password or consent is unusable.
   */
  async forSentCopy(userId: string): Promise<ImapSettings | null> {
    const mailbox = await this.stored(userId);
    if (!mailbox?.saveSentCopy || !mailbox.imapHost) return null;
    const auth = mailbox.kind === 'app_password' ? this.password(mailbox) : await this.oauth(mailbox, true);
    return imapSettingsOf(mailbox, auth);
  }

  /** Sends through the user's own mailbox in the last 24 hours (rolling), from the audit log. */
  async usage(userId: string, limit: number): Promise<MailboxUsage> {
    const [row] = await this.statements.run<UsageRow>(MAILBOX_USAGE, [userId]);
    return toUsage(row, limit);
  }

  private stored(userId: string): Promise<Mailbox | null> {
    return findWithSecret(this.mailboxes, userId);
  }

  /** A send failed because the provider refused the sign-in: the mailbox shows as failing (or to reconnect) until fixed. */
  async recordFailure(userId: string, code: string, message: string): Promise<void> {
    this.forget(userId);
    await this.mailboxes.update({ userId }, { lastErrorCode: code, lastErrorMessage: message, lastErrorAt: new Date() });
  }

  private password(mailbox: Mailbox): SmtpAuth {
    try {
      return { password: this.secrets.decrypt(mailbox.passwordEnc!) };
    } catch (error) {
      if (!(error instanceof SecretUnreadableError)) throw error;
      throw new AppException(
        ErrorCode.SECRET_UNREADABLE,
        `The stored password of ${mailbox.username}'s mailbox cannot be decrypted: enter the app password again in mail settings. Nothing was sent.`,
      );
    }
  }

  private async oauth(mailbox: Mailbox, signIn: boolean): Promise<SmtpAuth> {
    if (mailbox.lastErrorCode === ErrorCode.MAILBOX_RECONNECT_REQUIRED) {
      throw new AppException(ErrorCode.MAILBOX_RECONNECT_REQUIRED, `${mailbox.lastErrorMessage} Nothing was sent.`);
    }
    try {
      if (signIn) await this.tokens.get(mailbox);
    } catch (error) {
      const failure = accessTokenFailureOf(error);
      if (!failure) throw error;
      if (!failure.temporary) this.forget(mailbox.userId); // the withdrawn consent is now on record as "reconnect required"
      throw new AppException(failure.code, `${failure.message}${failure.temporary ? ': try again in a few minutes.' : ''} Nothing was sent.`);
    }
    return { accessToken: (renew) => this.tokens.get(mailbox, renew) };
  }
}

/** A user's mailbox with its encrypted password; with `forUpdate` (inside a transaction) the row stays locked, so a save and a connect cannot interleave. */
export function findWithSecret(repository: Repository<Mailbox>, userId: string, forUpdate = false): Promise<Mailbox | null> {
  return repository.findOne({ where: { userId }, select: everyColumn(repository), ...(forUpdate ? { lock: { mode: 'pessimistic_write' } } : {}) });
}
