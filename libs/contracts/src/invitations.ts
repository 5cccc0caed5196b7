import type { OAuthProvider } from './smtp';

/** What an invitation lets its person do: today, connect their own mailbox with Google or Microsoft. */
export const INVITATION_PURPOSES = ['mailbox_connect'] as const;
export type InvitationPurpose = (typeof INVITATION_PURPOSES)[number];

/** pending: can still be used; used, revoked and expired are final. */
export const INVITATION_STATUSES = ['pending', 'used', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** An invitation as superusers see it (GET /invitations); never its link. */
export interface InvitationDto {
  id: string;
  purpose: InvitationPurpose;
  /** Who it is for. */
  user: { id: string; name: string; email: string };
  provider: OAuthProvider | null;
  status: InvitationStatus;
  createdBy: { id: string; name: string } | null;
  /** @example "2026-12-07T03:00:00.000Z" */
  createdAt: string;
  /** @example "2026-12-14T03:00:00.000Z" */
  expiresAt: string;
  /** When it was used or revoked. */
  settledAt: string | null;
}
