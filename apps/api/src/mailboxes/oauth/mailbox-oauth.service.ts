import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as oidc from 'openid-client';
import { LessThan, type Repository } from 'typeorm';
import { ErrorCode, OAUTH_PROVIDERS, type OAuthConnectLinkDto, type OAuthProvider, type MailboxDto } from '@sendas/contracts';
import { AuditLog } from '../../audit';
import { AppException, type AuthUser, NotFoundError, sha256Hex } from '../../common';
import { Env } from '../../config';
import { preparedStatement, PreparedStatements } from '../../database';
import { Invitations } from '../../invitations';
import { UsersService } from '../../users';
import type { OAuthCallbackInput } from '../dto/mailbox.dto';
import { Mailbox } from '../mailbox.entity';
import { MailboxSettings } from '../mailbox-settings.service';
import { MailboxOAuthRequest } from './mailbox-oauth-request.entity';
import { OAuthClients, type OAuthProviderSettings } from './oauth-clients';

/** How long the owner has between clicking Connect and coming back from the provider. */
const REQUEST_TTL_MS = 10 * 60_000;
/** How long a superuser's connect link stays valid. */
const INVITE_TTL_MS = 7 * 86_400_000;

/** Deletes the request of a state and returns it: whatever happens next, a state is used once. */
const CONSUME_REQUEST = preparedStatement(
  'oauth_request_consume',
  `DELETE FROM mailbox_oauth_requests WHERE state_hash = $1
   RETURNING user_id AS "userId", provider, code_verifier AS "codeVerifier", nonce, expires_at AS "expiresAt", invitation_id AS "invitationId"`,
);

/**
 * "Connect with Google / Microsoft": the authorization-code flow with PKCE, its `state` bound to the signed-in
 * user and usable once. The consent must be the mailbox owner's own: a superuser can only send the owner a link
 * (an invitation: single use, expiring, revocable) that the owner opens while signed in.
 */
@Injectable()
export class MailboxOAuth {
  private readonly logger = new Logger(MailboxOAuth.name);

  constructor(
    @InjectRepository(MailboxOAuthRequest) private readonly requests: Repository<MailboxOAuthRequest>,
    @InjectRepository(Mailbox) private readonly mailboxes: Repository<Mailbox>,
    private readonly statements: PreparedStatements,
    private readonly clients: OAuthClients,
    private readonly settings: MailboxSettings,
    private readonly users: UsersService,
    private readonly invitations: Invitations,
    private readonly audit: AuditLog,
    private readonly config: Env,
  ) {}

  providers(): OAuthProvider[] {
    return this.clients.configured();
  }

  /** Starts a connection of the signed-in user's own mailbox; returns where to send the browser. */
  async start(owner: AuthUser, providerName: string, invite?: string): Promise<string> {
    const provider = this.provider(providerName);
    const invitation = invite ? await this.invitations.pending(invite, 'mailbox_connect', owner.id) : null;
    if (!invitation || invitation.provider !== provider.provider) this.assertMayConnectUninvited(owner, !!invite);
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    // One connection in progress per user (a new Connect replaces the last), and none kept past its expiry.
    await this.requests.delete({ userId: owner.id });
    await this.requests.delete({ expiresAt: LessThan(new Date()) });
    await this.requests.insert({
      stateHash: sha256Hex(state),
      userId: owner.id,
      provider: provider.provider,
      codeVerifier,
      nonce,
      expiresAt: new Date(Date.now() + REQUEST_TTL_MS),
      invitationId: invitation?.provider === provider.provider ? invitation.id : null,
    });
    try {
      return await this.clients.authorizationUrl(provider, { redirectUri: this.redirectUri, state, nonce, codeVerifier, loginHint: owner.email });
    } catch (error) {
      throw this.providerUnavailable(provider, error);
    }
  }

  /**
   * The provider sent the owner back. The state is consumed first (whatever happens next it cannot be used
   * again), must belong to this user and be recent; then the code is exchanged with the PKCE verifier and the
   * ID token's account checked against the owner. Nothing is stored unless all of that holds.
   */
  async complete(owner: AuthUser, input: OAuthCallbackInput): Promise<MailboxDto> {
    const [request] = await this.statements.run<Pick<MailboxOAuthRequest, 'userId' | 'provider' | 'codeVerifier' | 'nonce' | 'expiresAt' | 'invitationId'>>(
      CONSUME_REQUEST,
      [sha256Hex(input.state)],
    );
    if (!request || request.userId !== owner.id || request.expiresAt.getTime() < Date.now()) {
      throw new AppException(
        ErrorCode.OAUTH_STATE_INVALID,
        'This sign-in link is not valid any more (it was used already, has expired, or was started by someone else): open My mailbox and click Connect again.',
      );
    }
    const provider = this.provider(request.provider);
    if (input.error) {
      const reason =
        input.error === 'access_denied' ? 'the permission was declined' : `${input.error}${input.errorDescription ? `: ${input.errorDescription}` : ''}`;
      throw new AppException(
        ErrorCode.OAUTH_CONSENT_DENIED,
        `${provider.label} did not connect the mailbox (${reason}). Nothing was changed; click Connect with ${provider.label} again and allow Sendas to send email.`,
      );
    }
    if (!input.code) {
      throw new AppException(ErrorCode.OAUTH_STATE_INVALID, `${provider.label} sent no authorization code back: click Connect again.`);
    }

    let tokens;
    try {
      tokens = await this.clients.exchange(
        provider,
        { redirectUri: this.redirectUri, code: input.code, state: input.state },
        { codeVerifier: request.codeVerifier, nonce: request.nonce },
      );
    } catch (error) {
      this.logger.warn(`${provider.label} code exchange for user ${owner.id} failed: ${(error as Error).message}`);
      throw new AppException(
        ErrorCode.OAUTH_EXCHANGE_FAILED,
        `${provider.label} did not accept the sign-in (${(error as Error).message}). Nothing was changed: click Connect again.`,
      );
    }
    const allowed = await this.allowedAccounts(owner);
    if (!tokens.account || !allowed.includes(tokens.account)) {
      throw new AppException(
        ErrorCode.OAUTH_ACCOUNT_MISMATCH,
        `You signed in at ${provider.label} as ${tokens.account ?? 'an account without an email address'}, but this mailbox is ${allowed.join(' or ')}: ` +
          `sign in there with that account, or ask a superuser to set this mailbox's address first. Nothing was changed.`,
      );
    }
    if (!tokens.refreshToken) {
      throw new AppException(
        ErrorCode.OAUTH_EXCHANGE_FAILED,
        `${provider.label} did not grant lasting access: remove Sendas from your account's connected apps, then click Connect again. Nothing was changed.`,
      );
    }
    // the invitation is used by this connection, once; revoked or used meanwhile, only the owner's own right remains
    if (request.invitationId && !(await this.invitations.use(request.invitationId))) this.assertMayConnectUninvited(owner, true);
    return this.settings.connect(owner, provider, tokens.account, tokens.refreshToken);
  }

  /** A superuser's link for `userId` to open while signed in as themselves: it lets them connect even without self-service. */
  async inviteLink(userId: string, providerName: string, actor: AuthUser): Promise<OAuthConnectLinkDto> {
    const provider = this.provider(providerName);
    const owner = await this.users.get(userId);
    const { token, expiresAt } = await this.invitations.create('mailbox_connect', owner, provider.provider, INVITE_TTL_MS, actor);
    const url = new URL('/settings/mailbox', this.redirectUri);
    url.searchParams.set('connect', provider.provider);
    url.searchParams.set('invite', token);
    await this.audit.record({
      actorId: actor.id,
      action: 'mailbox.connect_link_created',
      subjectType: 'mailbox',
      subjectId: owner.id,
      details: { provider: provider.provider },
    });
    return { url: url.toString(), expiresAt: expiresAt.toISOString() };
  }

  /** Without a (valid) invitation, the owner connects only where self-service allows it. */
  private assertMayConnectUninvited(owner: AuthUser, hadInvite: boolean): void {
    try {
      this.settings.assertMayManageOwn(owner);
    } catch (error) {
      if (!hadInvite) throw error;
      throw new AppException(
        ErrorCode.INVITATION_INVALID,
        'This invitation link was used already, was revoked or has expired (or is for someone else): ask your superuser for a new one.',
      );
    }
  }

  /** The owner's own address, and the From address a superuser set for their mailbox. */
  private async allowedAccounts(owner: AuthUser): Promise<string[]> {
    const mailbox = await this.mailboxes.findOneBy({ userId: owner.id });
    return [...new Set([owner.email.toLowerCase(), ...(mailbox ? [mailbox.fromEmail.toLowerCase()] : [])])];
  }

  private provider(name: string): OAuthProviderSettings {
    const provider = (OAUTH_PROVIDERS as readonly string[]).includes(name) ? this.clients.settings(name as OAuthProvider) : undefined;
    if (!provider) {
      throw new NotFoundError(
        ErrorCode.OAUTH_NOT_CONFIGURED,
        `Connecting mailboxes with "${name}" is not set up on this server: use an app password, or ask the administrator to configure it.`,
      );
    }
    return provider;
  }

  private providerUnavailable(provider: OAuthProviderSettings, error: unknown): AppException {
    this.logger.warn(`${provider.label} discovery failed: ${(error as Error).message}`);
    return new AppException(ErrorCode.OAUTH_EXCHANGE_FAILED, `${provider.label} sign-in cannot be reached right now: try again in a few minutes.`);
  }

  private get redirectUri(): string {
    return this.config.OAUTH_REDIRECT_URL!;
  }
}
