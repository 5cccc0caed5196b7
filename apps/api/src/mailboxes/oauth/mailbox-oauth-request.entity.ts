import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OAuthProvider } from '@sendas/contracts';

/** One "Connect with ..." in progress: single use, bound to the user who started it, gone after ten minutes. */
@Entity('mailbox_oauth_requests')
export class MailboxOAuthRequest {
  /** sha256 of the `state` sent to the provider; the state itself is never stored. */
  @PrimaryColumn({ name: 'state_hash', type: 'char', length: 64 })
  stateHash: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 16 })
  provider: OAuthProvider;

  @Column({ name: 'code_verifier', type: 'text' })
  codeVerifier: string;

  @Column({ type: 'text' })
  nonce: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  /** The invitation it was started with: used by the connection it completes. */
  @Column({ name: 'invitation_id', type: 'uuid', nullable: true })
  invitationId: string | null;
}
