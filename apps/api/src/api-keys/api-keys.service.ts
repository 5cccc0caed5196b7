import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { type DataSource, type FindOptionsWhere, IsNull, type Repository } from 'typeorm';
import { API_KEY_PREFIX, type ApiKeyDto, type CreatedApiKeyDto, ErrorCode, MAX_API_KEYS_PER_USER } from '@sendas/contracts';
import { AuditLog } from '../audit';
import { type ApiKeyAuthenticator, type AuthUser, ConflictError, newSecretToken, NotFoundError, sha256Hex } from '../common';
import { preparedStatement, PreparedStatements } from '../database';
import { toAuthUser, type User } from '../users';
import { ApiKey } from './api-key.entity';

const SUBJECT = 'api_key';
/** `last_used_at` is written at most this often per key, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Serialises concurrent creations of one owner's keys until the transaction ends, so the limit holds. */
const LOCK_OWNER_KEYS = preparedStatement('api_keys_lock_owner', `SELECT pg_advisory_xact_lock(hashtext('api_keys:' || $1))`);

/** The WHERE keeps concurrent requests to one write. */
const NOTE_LAST_USED = preparedStatement(
  'api_key_note_last_used',
  `UPDATE api_keys SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2))`,
);

/**
 * API keys: 32 random bytes after `sk_`, kept only as SHA-256 (a key is a random secret, not a password, so a
 * fast hash is enough), checked on every request together with the owner being active.
 */
@Injectable()
export class ApiKeys implements ApiKeyAuthenticator {
  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statements: PreparedStatements,
    private readonly audit: AuditLog,
  ) {}

  async create(owner: AuthUser, name: string): Promise<CreatedApiKeyDto> {
    const secret = `${API_KEY_PREFIX}${newSecretToken()}`;
    const key = await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(ApiKey);
      await this.statements.run(LOCK_OWNER_KEYS, [owner.id], manager);
      if ((await repository.countBy({ userId: owner.id, revokedAt: IsNull() })) >= MAX_API_KEYS_PER_USER) {
        throw new ConflictError(
          ErrorCode.API_KEY_LIMIT_REACHED,
          `You already have ${MAX_API_KEYS_PER_USER} API keys: revoke one you no longer use before creating another.`,
        );
      }
      const created = await repository.save(
        repository.create({
          userId: owner.id,
          name,
          prefix: secret.slice(0, API_KEY_PREFIX.length + 8),
          secretHash: sha256Hex(secret),
          ownerSessionVersion: owner.sessionVersion,
        }),
      );
      await this.audit.record(
        { actorId: owner.id, action: `${SUBJECT}.created`, subjectType: SUBJECT, subjectId: created.id, details: { name, prefix: created.prefix } },
        manager,
      );
      return created;
    });
    return { ...this.toDto(key, owner), secret };
  }

  /** Active keys, of one owner or (superusers) of everyone, newest first. */
  async list(ownerId?: string): Promise<ApiKeyDto[]> {
    const keys = await this.keys.find({
      where: { revokedAt: IsNull(), ...(ownerId ? { userId: ownerId } : {}) },
      relations: { user: true },
      order: { createdAt: 'DESC' },
    });
    return keys.map((key) => this.toDto(key, key.user!));
  }

  /** Revokes a key of `ownerId` (or any key when undefined: superusers); it stops working at once. */
  async revoke(id: string, actor: AuthUser, ownerId?: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { affected } = await manager
        .getRepository(ApiKey)
        .update({ id, revokedAt: IsNull(), ...(ownerId ? { userId: ownerId } : {}) }, { revokedAt: new Date(), revokedById: actor.id });
      if (!affected) throw new NotFoundError(ErrorCode.API_KEY_NOT_FOUND, `No active API key with id ${id}${ownerId ? ' of yours' : ''}.`);
      await this.audit.record({ actorId: actor.id, action: `${SUBJECT}.revoked`, subjectType: SUBJECT, subjectId: id }, manager);
    });
  }

  /**
   * The active owner and the key for a presented key, or null: revoked, unknown, or made before the owner's
   * password was reset or the owner was deactivated. Notes when it was last used.
   */
  async authenticate(secret: string): Promise<AuthUser | null> {
    const key = await this.validKey({ secretHash: sha256Hex(secret) });
    if (!key) return null;
    // Most requests find it fresh enough and write nothing.
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      await this.statements.run(NOTE_LAST_USED, [key.id, LAST_USED_RESOLUTION_MS / 1000]);
    }
    return { ...toAuthUser(key.user!), apiKey: { id: key.id, name: key.name } };
  }

  async isValid(id: string): Promise<boolean> {
    return (await this.validKey({ id })) !== null;
  }

  /** The key found by `where`, with its owner, if it still authenticates: not revoked, owner active, password unchanged since. */
  private async validKey(where: FindOptionsWhere<ApiKey>): Promise<ApiKey | null> {
    const key = await this.keys.findOne({ where: { ...where, revokedAt: IsNull(), user: { active: true } }, relations: { user: true } });
    return key && key.ownerSessionVersion === key.user!.sessionVersion ? key : null;
  }

  private toDto(key: ApiKey, owner: Pick<User, 'id' | 'name' | 'email'>): ApiKeyDto {
    return {
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      owner: { id: owner.id, name: owner.name, email: owner.email },
      createdAt: key.createdAt.toISOString(),
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    };
  }
}
