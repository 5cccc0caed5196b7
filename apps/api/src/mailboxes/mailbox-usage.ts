import type { MailboxUsage } from '@sendas/contracts';

export interface UsageRow {
  used: number;
  oldest: Date | string | null;
}

/**
 * How many messages a sender's own mailbox sent in the last 24 hours (rolling; failed ones do not count) and
 * when the oldest of them went, in one scan. `sender` is a bind parameter. The database's trigger
 * (migration EmailDailyLimitGuard) counts the same window.
 */
export const USAGE_SQL = (sender: string) =>
  `SELECT count(*)::int AS used, min(created_at) AS oldest FROM email_messages
   WHERE sender_id = ${sender} AND sent_via = 'user' AND status <> 'failed' AND created_at > now() - interval '24 hours'`;

export function toUsage(row: UsageRow, limit: number): MailboxUsage {
  const used = Number(row.used);
  return {
    used,
    limit,
    remaining: Math.max(0, limit - used),
    freesAt: row.oldest ? new Date(new Date(row.oldest).getTime() + 86_400_000).toISOString() : null,
  };
}
