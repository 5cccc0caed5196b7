import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A browser sign-in: the refresh cookie carries a random token, of which only the SHA-256 is stored. It renews
 * the short-lived access token until it is idle too long, is ended by sign-out, or the user's password changes;
 * each renewal replaces the token (rotation).
 */
@Entity('auth_sessions')
export class AuthSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('IDX_auth_sessions_user')
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Index('UQ_auth_sessions_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  /** The token this one replaced at the last renewal, and when: a reuse of it past the grace ends the session. */
  @Column({ name: 'previous_token_hash', type: 'char', length: 64, nullable: true })
  previousTokenHash: string | null;

  @Column({ name: 'rotated_at', type: 'timestamptz', nullable: true })
  rotatedAt: Date | null;

  /** The user's session version at sign-in; a password change raises it and so ends this session. */
  @Column({ name: 'session_version', type: 'integer' })
  sessionVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
