import type { MailboxUsage } from '@sendas/contracts';
import { preparedStatement } from '../database';

export interface UsageRow {
  used: number;
  oldest: Date | string | null;
}

/**
 * How many messages a sender's own mailbox sent in the last 24 hours (failed ones do not count) and when the
 * earliest of them stops counting, from its hourly counters (migration SendPathTriggers, kept by the database's
 * triggers): the current UTC hour and the 24 before it, at most 25 rows. `oldest` is the end of the earliest counted
 * hour, so `oldest + 24 h` is when that hour leaves the window. $1: the sender's user id.
 */
export const MAILBOX_USAGE = preparedStatement(
  'mailbox_usage',
  `SELECT coalesce(sum(sent), 0)::int AS used, min(hour) + interval '1 hour' AS oldest FROM mailbox_hourly_sends
   WHERE sender_id = $1 AND sent > 0 AND hour >= date_trunc('hour', now(), 'UTC') - interval '24 hours'`,
);

export function toUsage(row: UsageRow, limit: number): MailboxUsage {
  const used = Number(row.used);
  return {
    used,
    limit,
    remaining: Math.max(0, limit - used),
    freesAt: row.oldest ? new Date(new Date(row.oldest).getTime() + 86_400_000).toISOString() : null,
  };
}
