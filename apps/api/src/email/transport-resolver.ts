import { Injectable } from '@nestjs/common';
import { ErrorCode, type MailboxUsage, type SentVia, type SmtpProvider } from '@sendas/contracts';
import { AppException, type AuthUser } from '../common';
import { Env } from '../config';
import { type SmtpFailureContext, SmtpTransportCache } from '../smtp';
import { type Mailbox, MailboxSending } from '../mailboxes';
import { imapAccount } from '../imap';
import type { Submission } from './composed-message';
import { SystemMail } from './system-mail';

export interface MailAddress {
  name: string;
  address: string;
}

/** `"Name" <address>` for the audit log; nodemailer itself gets the object and encodes it. */
export function formatAddress({ name, address }: MailAddress): string {
  return `"${name.replace(/["\\\r\n]/g, '')}" <${address}>`;
}

/** Everything a message is made of; From and Reply-To come from the resolved transport. */
export interface OutgoingMessage {
  from: MailAddress;
  replyTo?: MailAddress;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
  html: string;
  attachments: Array<{ filename: string; content: Buffer; contentType: string }>;
}

export interface SentInfo {
  messageId: string;
  response?: string;
  accepted: Array<string | { address: string }>;
  rejected: Array<string | { address: string }>;
}

/** What becomes of the Sent copy of a message sent this way: Sendas saves it over IMAP, or why it does not. */
export interface SentCopyPlan {
  /** The IMAP account Sendas saves the copy to (see imapAccount); null: it saves none. */
  account: string | null;
  /** Saving: where; not saving: why (shown in the history and the email log). */
  detail: string;
  /** The same before sending, for the Send dialog. */
  note: string;
}

const COPY_KEPT_BY_PROVIDER: Partial<Record<SmtpProvider, string>> = {
  gmail: 'Gmail files the message in the Sent folder itself.',
  office365: 'Microsoft 365 saves the message in Sent Items itself.',
};
const NO_COPY = 'Saving a copy to Sent is off for this mailbox: the audit log is the record.';

function mailboxSentCopy(mailbox: Mailbox): SentCopyPlan {
  const { saveSentCopy, imapHost, provider } = mailbox;
  if (saveSentCopy && imapHost) {
    return {
      account: imapAccount({ username: mailbox.imapUsername ?? mailbox.username, host: imapHost, port: mailbox.imapPort! }),
      detail: `Saving a copy to Sent on ${imapHost}.`,
      note: `After sending, Sendas saves a copy to the Sent folder on ${imapHost}.`,
    };
  }
  const kept = COPY_KEPT_BY_PROVIDER[provider];
  return kept
    ? { account: null, detail: kept, note: kept }
    : { account: null, detail: NO_COPY, note: 'No copy goes to a Sent folder from this mailbox: the email log in Sendas is the record.' };
}

/** Where one user's mail goes out: their own mailbox, or the company account with replies to them. */
export interface ResolvedTransport {
  via: SentVia;
  /** The From header; never chosen by the client. */
  from: MailAddress;
  replyTo: MailAddress | null;
  /** What the user's own mailbox has sent in the last 24 hours against its daily limit, when asked for (`withUsage`). */
  usage: MailboxUsage | null;
  /**
   * The user's own mailbox: its daily limit, which mailbox it is (`identity`) and the version of its settings used
   * (the audit row names it); the company account: null.
   */
  mailbox: { dailyLimit: number; identity: number; version: number } | null;
  /** How many messages a minute send many may put through it: the mailbox's setting; the company account: null. */
  sendsPerMinute: number | null;
  failureContext: SmtpFailureContext;
  sentCopy: SentCopyPlan;
  /** Submits the composed bytes as they are (see ComposedMessage). */
  send(submission: Submission): Promise<SentInfo>;
}

/** The seam between sending and transports: tests can plug in their own. */
export interface TransportResolver {
  /** `signIn: false` (a draft) skips getting an OAuth access token: only a send needs one; `withUsage`: a draft shows it. */
  resolve(sender: AuthUser, options?: { signIn?: boolean; withUsage?: boolean }): Promise<ResolvedTransport>;
}
export const TRANSPORT_RESOLVER = Symbol('TRANSPORT_RESOLVER');

@Injectable()
export class MailboxTransportResolver implements TransportResolver {
  constructor(
    private readonly mailboxes: MailboxSending,
    private readonly pools: SmtpTransportCache,
    private readonly systemMail: SystemMail,
    private readonly config: Env,
  ) {}

  async resolve(sender: AuthUser, { signIn = true, withUsage = false } = {}): Promise<ResolvedTransport> {
    const own = await this.mailboxes.forSending(sender.id, { signIn, withUsage });
    if (own) {
      const { mailbox: credential, settings, usage } = own;
      return {
        via: 'user',
        from: { name: credential.fromName, address: credential.fromEmail },
        replyTo: null,
        usage,
        mailbox: { dailyLimit: credential.dailyLimit, identity: credential.identity, version: credential.version },
        sendsPerMinute: credential.sendsPerMinute,
        failureContext: { mailbox: credential.username, provider: credential.provider, host: credential.host, port: credential.port },
        sentCopy: mailboxSentCopy(credential),
        send: async (submission) => (await this.pools.send(sender.id, credential.version, () => settings, submission)) as SentInfo,
      };
    }
    return this.system(sender);
  }

  private system(sender: AuthUser): ResolvedTransport {
    if (!this.systemMail.available) {
      throw new AppException(
        ErrorCode.SYSTEM_MAIL_NOT_CONFIGURED,
        `${sender.name} has no mailbox of their own and no company mail account (SMTP_URL) is configured: set up a mailbox in mail settings.`,
      );
    }
    const url = this.config.SMTP_URL;
    const from = this.systemMail.from;
    const match = /^\s*"?([^"<]*)"?\s*<([^>]+)>\s*$/.exec(from);
    const host = url ? new URL(url).hostname : '127.0.0.1';
    return {
      via: 'system',
      from: { name: match?.[1].trim() || this.config.ORG_NAME, address: match?.[2] ?? from },
      replyTo: { name: sender.name, address: sender.email },
      usage: null,
      mailbox: null,
      sendsPerMinute: null,
      sentCopy: {
        account: null,
        detail: 'Sent through the company account: the audit log is the record, not a Sent folder.',
        note: "The company account puts no copy in anyone's Sent folder: the email log in Sendas is the record of this send.",
      },
      failureContext: {
        mailbox: 'the company mail account',
        provider: 'custom',
        host,
        port: url ? Number(new URL(url).port || 587) : this.systemMail.devCatcherPort,
      },
      send: async (submission) => (await this.systemMail.send(submission)) as SentInfo,
    };
  }
}
