import { Injectable } from '@nestjs/common';
import { Env } from '../config';
import { preparedStatement, PreparedStatements } from '../database';

/** A claim may start this much before the slot: a job is fetched a little late or early, never by more. */
const EARLY_MS = 200;

/** The mailbox a due, unstarted send goes through (`company`: the company account) and its pace. */
const PACED_MAILBOX = preparedStatement(
  'send_pace_mailbox',
  `SELECT CASE s.send_path WHEN 'mailbox' THEN 'mailbox:' || s.mailbox_identity ELSE 'company' END AS mailbox, c.sends_per_minute AS per_minute
   FROM scheduled_sends s LEFT JOIN mailboxes c ON c.identity = s.mailbox_identity
   WHERE s.id = $1 AND s.status = 'scheduled' AND s.send_at <= now() + interval '1 second' AND s.send_path IS NOT NULL`,
);

/** One statement: of two workers claiming at once, one gets the slot and the other sees the next one. */
const CLAIM_SLOT = preparedStatement(
  'send_pace_claim',
  `INSERT INTO send_pace AS p (mailbox, next_at) VALUES ($1, now() + $2 * interval '1 millisecond')
   ON CONFLICT (mailbox) DO UPDATE SET next_at = greatest(p.next_at, now()) + $2 * interval '1 millisecond'
     WHERE p.next_at <= now() + $3 * interval '1 millisecond'
   RETURNING next_at`,
);

const NEXT_SLOT = preparedStatement('send_pace_next', `SELECT next_at FROM send_pace WHERE mailbox = $1`);

/**
 * The pace of each mailbox, kept by the worker for every outbox send (a single send later, each send of a bulk run,
 * every retry): a mailbox's sends start at least 60 / `sends_per_minute` seconds apart (the company account's:
 * `OUTBOX_PACE_PER_MINUTE`), however many workers and instances take them. A send whose mailbox is not free yet
 * waits for its slot; that costs no attempt.
 */
@Injectable()
export class SendPace {
  constructor(
    private readonly statements: PreparedStatements,
    private readonly config: Env,
  ) {}

  /**
   * Claims the slot of the mailbox a due send goes through: null when it may start now (the next slot is then one
   * pace later), else the time its mailbox is free. A send that is not due, not paced or already started: null.
   */
  async claim(scheduledSendId: string): Promise<Date | null> {
    const [send] = await this.statements.run<{ mailbox: string; per_minute: number | null }>(PACED_MAILBOX, [scheduledSendId]);
    if (!send) return null;
    const perMinute = send.mailbox === 'company' ? this.config.OUTBOX_PACE_PER_MINUTE : send.per_minute;
    if (!perMinute) return null; // not paced, or the mailbox is gone (the send then fails MAILBOX_CHANGED)
    const msApart = 60_000 / perMinute;
    const [claimed] = await this.statements.run<{ next_at: Date }>(CLAIM_SLOT, [send.mailbox, msApart, EARLY_MS]);
    if (claimed) return null;
    const [{ next_at }] = await this.statements.run<{ next_at: Date }>(NEXT_SLOT, [send.mailbox]);
    return next_at;
  }
}
