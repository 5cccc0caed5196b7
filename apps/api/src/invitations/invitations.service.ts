import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, MoreThan, type Repository } from 'typeorm';
import { ErrorCode, type InvitationDto, type InvitationPurpose, type InvitationStatus, type OAuthProvider } from '@sendas/contracts';
import { AuditLog } from '../audit';
import { type AuthUser, ConflictError, newSecretToken, NotFoundError, sha256Hex } from '../common';
import { preparedStatement, PreparedStatements } from '../database';
import { Invitation } from './invitation.entity';

/** How many invitations the superusers' list shows (newest first). */
const LISTED = 200;

function statusOf(invitation: Invitation): InvitationStatus {
  if (invitation.usedAt) return 'used';
  if (invitation.revokedAt) return 'revoked';
  return invitation.expiresAt.getTime() <= Date.now() ? 'expired' : 'pending';
}

const toDto = (invitation: Invitation): InvitationDto => ({
  id: invitation.id,
  purpose: invitation.purpose,
  user: { id: invitation.userId, name: invitation.user?.name ?? '', email: invitation.user?.email ?? '' },
  provider: invitation.provider,
  status: statusOf(invitation),
  createdBy: invitation.createdBy ? { id: invitation.createdBy.id, name: invitation.createdBy.name } : null,
  createdAt: invitation.createdAt.toISOString(),
  expiresAt: invitation.expiresAt.toISOString(),
  settledAt: (invitation.usedAt ?? invitation.revokedAt)?.toISOString() ?? null,
});

/** An invitation still pending (not used, revoked or expired) changes once: the first of these to run takes it. */
const PENDING = `used_at IS NULL AND revoked_at IS NULL AND expires_at > now()`;

const USE = preparedStatement('invitation_use', `UPDATE invitations SET used_at = now() WHERE id = $1 AND ${PENDING}`);

const REVOKE = preparedStatement(
  'invitation_revoke',
  `UPDATE invitations SET revoked_at = now(), revoked_by_id = $2 WHERE id = $1 AND ${PENDING} RETURNING revoked_at`,
);

/**
 * Links a superuser gives a person, one mechanism for every purpose: a random token in the link (only its SHA-256 is
 * stored), usable once, expiring, listed and revocable by superusers.
 */
@Injectable()
export class Invitations {
  constructor(
    @InjectRepository(Invitation) private readonly invitations: Repository<Invitation>,
    private readonly statements: PreparedStatements,
    private readonly audit: AuditLog,
  ) {}

  /** A new invitation: the token is for the link, shown this once and not kept. */
  async create(
    purpose: InvitationPurpose,
    forUser: AuthUser,
    provider: OAuthProvider | null,
    ttlMs: number,
    actor: AuthUser,
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = newSecretToken();
    const expiresAt = new Date(Date.now() + ttlMs);
    await this.invitations.insert({ purpose, userId: forUser.id, provider, tokenHash: sha256Hex(token), createdById: actor.id, expiresAt });
    return { token, expiresAt };
  }

  /** The invitation behind `token` if it is for this purpose and person and still pending; else null. */
  pending(token: string, purpose: InvitationPurpose, userId: string): Promise<Invitation | null> {
    return this.invitations.findOneBy({
      tokenHash: sha256Hex(token),
      purpose,
      userId,
      usedAt: IsNull(),
      revokedAt: IsNull(),
      expiresAt: MoreThan(new Date()),
    });
  }

  /** Uses the invitation, once: false when it was used, revoked or expired meanwhile. */
  async use(id: string): Promise<boolean> {
    return (await this.statements.affected(USE, [id])) === 1;
  }

  async list(): Promise<InvitationDto[]> {
    const rows = await this.invitations.find({ relations: { user: true, createdBy: true }, order: { createdAt: 'DESC' }, take: LISTED });
    return rows.map(toDto);
  }

  /** Revokes a pending invitation: its link stops working at once. */
  async revoke(id: string, actor: AuthUser): Promise<InvitationDto> {
    const invitation = await this.invitations.findOne({ where: { id }, relations: { user: true, createdBy: true } });
    if (!invitation) throw new NotFoundError(ErrorCode.INVITATION_NOT_FOUND, `No invitation ${id}.`);
    const revokedAt = await this.invitations.manager.transaction(async (manager) => {
      const [revoked] = await this.statements.run<{ revoked_at: Date }>(REVOKE, [id, actor.id], manager);
      if (!revoked) {
        throw new ConflictError(
          ErrorCode.INVITATION_SETTLED,
          `This invitation for ${invitation.user?.name ?? 'the user'} was already ${statusOf(invitation)}: there is nothing to revoke.`,
        );
      }
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'invitation.revoked',
          subjectType: 'user',
          subjectId: invitation.userId,
          details: { invitationId: id, purpose: invitation.purpose },
        },
        manager,
      );
      return revoked.revoked_at;
    });
    return toDto({ ...invitation, revokedAt, revokedById: actor.id });
  }
}
