import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, MoreThan, type Repository } from 'typeorm';
import { ErrorCode, type ForgotPasswordResponse } from '@sendas/contracts';
import { AuditLog } from '../audit';
import { AppException, type AuthUser, newSecretToken, sha256Hex } from '../common';
import { Env } from '../config';
import { preparedStatement, PreparedStatements } from '../database';
import { UsersService } from '../users';
import { ACCOUNT_MAIL, type AccountMail, type AccountMailMessage } from './account-mail';
import { PasswordReset } from './password-reset.entity';

export const RESET_LINK_VALID_MINUTES = 30;
/** However often "forgot password" is asked for one account, it gets at most one mail in this time. */
const ONE_MAIL_PER_MS = 60_000;

/** Marks the link used, if it is unused, unexpired and its user still active: one statement, so it is used once. */
const USE_RESET_LINK = preparedStatement(
  'password_reset_use',
  `UPDATE "password_resets" r SET "used_at" = now() FROM "users" u
   WHERE r."token_hash" = $1 AND r."used_at" IS NULL AND r."expires_at" > now() AND u."id" = r."user_id" AND u."active"
   RETURNING r."user_id" AS "userId"`,
);

/** "Forgot password": a one-time, short-lived link mailed through the company account. */
@Injectable()
export class PasswordResets implements BeforeApplicationShutdown {
  private readonly logger = new Logger(PasswordResets.name);
  /** Reset mails still being prepared or sent after their answer went out. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    @InjectRepository(PasswordReset) private readonly resets: Repository<PasswordReset>,
    private readonly statements: PreparedStatements,
    private readonly users: UsersService,
    @Inject(ACCOUNT_MAIL) private readonly accountMail: AccountMail,
    private readonly audit: AuditLog,
    private readonly config: Env,
  ) {}

  /**
   * Answers at once and the same whether or not `email` is an active account (so accounts cannot be probed by
   * answer or by time); the link is made and mailed afterwards.
   */
  request(email: string): ForgotPasswordResponse {
    if (!this.accountMail.available) {
      throw new AppException(
        ErrorCode.PASSWORD_RESET_UNAVAILABLE,
        'Sendas has no company mail account to send you a link from. Ask a superuser to set a new password for you (Admin → Users).',
      );
    }
    const mailing = this.mailLink(email).catch((error: unknown) =>
      this.logger.error(`The password reset mail could not be sent: ${error instanceof Error ? error.message : 'unknown error'}`),
    );
    this.inFlight.add(mailing);
    void mailing.finally(() => this.inFlight.delete(mailing));
    return { linkValidMinutes: RESET_LINK_VALID_MINUTES };
  }

  /** Waits for the reset mails in flight: a stop lets them go out, and a test sees what they did. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.settled();
  }

  async settled(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  /** Sets the new password if the link's token is known, unused and not expired; every session of the user ends. */
  async complete(token: string, newPassword: string): Promise<void> {
    const [used] = await this.statements.run<{ userId: string }>(USE_RESET_LINK, [sha256Hex(token)]);
    const userId = used?.userId;
    if (!userId) {
      throw new AppException(
        ErrorCode.PASSWORD_RESET_LINK_INVALID,
        'This link to set a new password has expired or was already used. Ask for a new one on the sign-in page ("Forgot password?").',
      );
    }
    await this.users.setPassword(userId, newPassword);
    await this.resets.delete({ userId, usedAt: IsNull() });
    await this.audit.record({ actorId: userId, action: 'user.password_reset', subjectType: 'user', subjectId: userId });
  }

  private async mailLink(email: string): Promise<void> {
    const user = await this.users.findActiveByEmail(email);
    if (!user) return;
    const mailedRecently = await this.resets.existsBy({ userId: user.id, usedAt: IsNull(), createdAt: MoreThan(new Date(Date.now() - ONE_MAIL_PER_MS)) });
    if (mailedRecently) return;
    const token = newSecretToken();
    // A new link replaces any earlier one: only the latest mail works.
    await this.resets.delete({ userId: user.id, usedAt: IsNull() });
    await this.resets.insert({ userId: user.id, tokenHash: sha256Hex(token), expiresAt: new Date(Date.now() + RESET_LINK_VALID_MINUTES * 60_000) });
    await this.audit.record({ actorId: null, action: 'user.password_reset_requested', subjectType: 'user', subjectId: user.id });
    await this.accountMail.mail(this.linkMail(user, token));
  }

  /** The token travels in the fragment: browsers never send it to a server, so no access log or Referer holds it. */
  private linkMail(user: AuthUser, token: string): AccountMailMessage {
    const link = `${this.config.APP_URL}/reset-password#token=${token}`;
    return {
      to: { name: user.name, address: user.email },
      subject: 'Set a new Sendas password',
      before: [`Hello ${user.name},`, 'Someone (we hope you) asked to set a new password for your Sendas account.'],
      action: { label: 'Choose a new password', url: link },
      after: [
        `The link works once, for ${RESET_LINK_VALID_MINUTES} minutes. Setting a new password signs you out everywhere.`,
        'If you did not ask, ignore this mail: your password stays as it is.',
      ],
    };
  }
}
