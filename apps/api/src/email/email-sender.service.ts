import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import {
  type DocumentType,
  type EmailDraft,
  type MailboxUsage,
  ErrorCode,
  formatInTimeZone,
  hasAdminRights,
  MAX_RECIPIENTS,
  type PendingSendChoice,
  type PendingSendSummary,
  pdfFilename,
  type SendEmailRequest,
  type SendEmailResult,
  type SentCopyOutcome,
} from '@sendas/contracts';
import {
  AppException,
  type AuthUser,
  FieldValidationError,
  isDailyLimitReached,
  isMailboxChanged,
  isUniqueViolation,
  NotFoundError,
  sha256Hex,
} from '../common';
import { Env } from '../config';
import { DocumentPdfService, DocumentsService } from '../documents';
import { mapSmtpError, type NodemailerError } from '../smtp';
import { MailboxSending } from '../mailboxes';
import { UsersService } from '../users';
import type { SendEmailDto } from './dto/send-email.dto';
import { ComposedMessage } from './composed-message';
import { draftRecipients } from './draft-recipients';
import { EmailComposer } from './email-composer';
import { EmailMessage, sentCopyOf } from './email-message.entity';
import { SendAudit, type SendOutcome, type SendRecord, type SendRow } from './send-audit';
import { SendBookkeeping } from './send-bookkeeping';
import { SentCopies } from './sent-copies';
import { PENDING_SENDS, type PendingSends } from './pending-sends';
import { EmailTemplates } from './templates/email-templates.service';
import { UNKNOWN_OUTCOME_MESSAGE } from './stale-send-sweep';
import { formatAddress, type ResolvedTransport, type SentInfo, TRANSPORT_RESOLVER, type TransportResolver } from './transport-resolver';

/** A draft as the template and the sender's mailbox make it (the controller adds the caller's saved message). */
export type ComposedDraft = Omit<EmailDraft, 'saved'>;
/** Send failures that mean the mailbox's sign-in no longer works: the mailbox shows as failing. */
const SIGN_IN_REFUSED = new Set<string>([ErrorCode.SMTP_AUTH_FAILED, ErrorCode.SMTP_APP_PASSWORD_REQUIRED, ErrorCode.MAILBOX_RECONNECT_REQUIRED]);

/** The audit row was refused: the mailbox kept in memory changed since it was read. */
class MailboxChanged extends Error {}

const addresses = (list: Array<string | { address: string }>) => list.map((entry) => (typeof entry === 'string' ? entry : entry.address));

/**
 * Sends a document by email through the sender's own mailbox or the company account, exactly once per
 * idempotency key, with an audit row written before the SMTP conversation and completed after it.
 * No transaction is held across SMTP.
 */
@Injectable()
export class EmailSender {
  private readonly logger = new Logger(EmailSender.name);

  private readonly sending = new Set<Promise<unknown>>();

  constructor(
    @InjectRepository(EmailMessage) private readonly messages: Repository<EmailMessage>,
    private readonly audit: SendAudit,
    private readonly bookkeeping: SendBookkeeping,
    @Inject(TRANSPORT_RESOLVER) private readonly transports: TransportResolver,
    private readonly documents: DocumentsService,
    private readonly pdfs: DocumentPdfService,
    private readonly users: UsersService,
    private readonly mailboxes: MailboxSending,
    private readonly composer: EmailComposer,
    private readonly templates: EmailTemplates,
    private readonly sentCopies: SentCopies,
    private readonly config: Env,
    @Inject(PENDING_SENDS) private readonly pending: PendingSends,
  ) {}

  /** What the Send dialog starts from, as `onBehalfOfUserId` (admins) or the actor would send it: sender, signature, usage, text. */
  async draft(type: DocumentType, id: string, actor: AuthUser, onBehalfOfUserId?: string): Promise<ComposedDraft> {
    const sender = await this.senderFor(onBehalfOfUserId, actor);
    const document = await this.documents.detail(type, id, actor);
    const transport = await this.transports.resolve(sender, { signIn: false, withUsage: true });
    const { recipients, addressee } = draftRecipients(document);
    const [{ subject, body, templateProblem }, pendingSends] = await Promise.all([
      this.templates.draft(document, addressee, sender),
      this.pending.of(type, id),
    ]);
    return {
      from: { email: transport.from.address, name: transport.from.name, via: transport.via },
      replyTo: (transport.replyTo ?? transport.from).address,
      recipients,
      subject,
      body,
      signature: sender.signature,
      attachmentName: pdfFilename(document),
      usage: transport.usage,
      sentCopyNote: transport.sentCopy.note,
      pendingSends,
      templateProblem,
    };
  }

  /**
   * What a send later needs to keep, checked as a send now would be (recipients, sender, access to the document,
   * a mailbox or the company account to send through), without sending: the PDF as it is now, and the pace of the
   * sender's mailbox (null: the company account).
   */
  async approve(
    type: DocumentType,
    id: string,
    dto: SendEmailRequest,
    actor: AuthUser,
  ): Promise<{ documentNumber: string; sender: AuthUser; pdf: Buffer | null; sendsPerMinute: number | null; path: SendPath }> {
    this.assertRecipientCount(dto);
    const sender = await this.senderFor(dto.onBehalfOfUserId, actor);
    const document = await this.documents.detail(type, id, actor);
    const transport = await this.transports.resolve(sender, { signIn: false });
    const pdf = (dto.attachPdf ?? true) ? await this.pdfs.pdfOf(document) : null;
    return { documentNumber: document.number, sender, pdf, sendsPerMinute: transport.sendsPerMinute, path: pathOf(transport) };
  }

  /**
   * Sends, tracked from the first query to the last write so a graceful stop can wait for it (see drain).
   * The actor's API key, if any, is recorded on the audit row. `frozenPdf`: the PDF as it was
   * approved (a send later), instead of the document's current one; `path`: the way a send later was approved to go;
   * `askAboutPending`: a send now, which must not leave a scheduled send of the document in place unasked.
   */
  send(type: DocumentType, id: string, dto: SendEmailDto, actor: AuthUser, options: SendOptions = {}): Promise<SendEmailResult> {
    // A mailbox kept in memory that changed meanwhile (on any instance) is read again, and the send starts over.
    const sending = this.sendOnce(type, id, dto, actor, options).catch((error: unknown) => {
      if (!(error instanceof MailboxChanged)) throw error;
      return this.sendOnce(type, id, dto, actor, options);
    });
    this.sending.add(sending);
    void sending.catch(() => undefined).finally(() => this.sending.delete(sending));
    return sending;
  }

  private async sendOnce(
    type: DocumentType,
    id: string,
    dto: SendEmailDto,
    actor: AuthUser,
    { idempotencyKey, frozenPdf, path, askAboutPending }: SendOptions,
  ): Promise<SendEmailResult> {
    this.assertRecipientCount(dto);
    const sender = await this.senderFor(dto.onBehalfOfUserId, actor);
    const requestHash = this.hash(type, id, dto);
    if (idempotencyKey) {
      const replay = await this.replay(actor.id, idempotencyKey, requestHash);
      if (replay) return replay;
    }

    // The send route leaves the access check to here (one query for the document and the check); a scheduled send
    // is checked again as it goes out. Only a PDF rendered now needs the whole document.
    const attachPdf = dto.attachPdf ?? true;
    const document = await this.documents.forSend(type, id, actor, attachPdf && !frozenPdf);
    const { detail } = document;
    if (!document.canEdit) {
      throw new AppException(ErrorCode.DOCUMENT_READ_ONLY, `You can read this ${type} but not change or send it.`);
    }
    if (askAboutPending && document.hasScheduledSends) await this.settlePending(type, id, document.number, dto.pendingSends, 'send');
    const transport = await this.transports.resolve(sender);
    if (path) assertSamePath(path, transport, sender);

    const attachmentName = attachPdf ? pdfFilename({ type, number: document.number }) : null;
    const pdf = attachPdf ? (frozenPdf ?? (detail && (await this.pdfs.pdfOf(detail)))) : null;
    const { text, html } = this.composer.compose(dto.body, sender.signature, attachmentName);

    const message = await ComposedMessage.compose({
      from: transport.from,
      ...(transport.replyTo ? { replyTo: transport.replyTo } : {}),
      to: dto.recipients,
      cc: dto.cc ?? [],
      bcc: dto.bcc ?? [],
      subject: dto.subject,
      text,
      html,
      attachments: pdf && attachmentName ? [{ filename: attachmentName, content: pdf, contentType: 'application/pdf' }] : [],
    });
    const started = await this.begin(
      {
        documentType: type,
        documentId: id,
        documentNumber: document.number,
        actorId: actor.id,
        senderId: sender.id,
        sentVia: transport.via,
        mailboxVersion: transport.mailbox?.version ?? null,
        fromAddress: formatAddress(transport.from),
        replyTo: transport.replyTo ? formatAddress(transport.replyTo) : null,
        to: dto.recipients,
        cc: dto.cc ?? [],
        bcc: dto.bcc ?? [],
        subject: dto.subject,
        body: text,
        attachments: attachmentName ? [attachmentName] : [],
        messageId: message.messageId,
        idempotencyKey: idempotencyKey ?? null,
        requestHash: idempotencyKey ? requestHash : null,
        apiKeyId: actor.apiKey?.id ?? null,
        apiKeyName: actor.apiKey?.name ?? null,
      },
      sender,
      transport,
    );
    if ('replay' in started) return started.replay;
    const { row } = started;

    let info: SentInfo;
    try {
      info = await transport.send(message.submission);
    } catch (error) {
      throw message.handedOver() && !(error as NodemailerError).responseCode
        ? await this.unknown(row, error as NodemailerError, transport)
        : await this.fail(row, error as NodemailerError, transport, sender);
    }

    // The peer accepted the message: from here on the answer is success, whatever the bookkeeping meets.
    const result = { messageId: message.messageId, accepted: addresses(info.accepted), rejected: addresses(info.rejected) };
    const sentCopy: SentCopyOutcome = transport.sentCopy.account
      ? { status: 'pending', detail: transport.sentCopy.detail, code: null, at: null }
      : { status: 'not_needed', detail: transport.sentCopy.detail, code: null, at: new Date().toISOString() };
    const outcome: SendOutcome = {
      status: 'sent',
      accepted: result.accepted,
      rejected: result.rejected,
      smtpResponse: info.response ?? null,
      sentCopyStatus: sentCopy.status,
      sentCopyDetail: sentCopy.detail,
      sentCopyAt: sentCopy.at ? new Date(sentCopy.at) : null,
    };
    // Writing the outcome also moves a draft document to sent (the database's trigger, in the same statement). The
    // copy is queued only after the outcome is written (so the copy's outcome can never be overwritten by it); a
    // retried write repeats both, and each is a no-op the second time.
    const { account } = transport.sentCopy;
    await this.bookkeeping.record(`Outcome of send ${row.id}`, async () => {
      await this.audit.complete(row.id, outcome);
      if (account) {
        await this.sentCopies.queue(row.id, message.raw, account);
        this.sentCopies.start(row.id);
      }
    });
    return { emailId: row.id, from: row.fromAddress, sentVia: transport.via, ...result, sentCopy };
  }

  /**
   * One document, one pending send: a send of it still scheduled is cancelled or kept as the request says, and without
   * a choice the request is refused (409, naming them), before anything is written or sent. Also asked by a send later.
   */
  async settlePending(
    type: DocumentType,
    id: string,
    documentNumber: string,
    choice: PendingSendChoice | undefined,
    asking: 'send' | 'schedule' = 'send',
  ): Promise<void> {
    if (choice === 'keep') return;
    const pending = await this.pending.of(type, id);
    if (!pending.length) return;
    if (!choice) {
      throw new AppException(
        ErrorCode.SCHEDULED_SEND_PENDING,
        `${documentNumber} is already scheduled to go out ${pending.map(describePending).join(' and ')}. Cancel it, or keep it as well (pendingSends: "cancel" or "keep"). Nothing was ${asking === 'send' ? 'sent' : 'scheduled'}.`,
        { pending },
      );
    }
    const started = await this.pending.cancel(pending.map((send) => send.id));
    if (started.length) {
      throw new AppException(
        ErrorCode.SCHEDULED_SEND_PENDING,
        `The scheduled send of ${documentNumber} started while you chose: it is going out now, so nothing was ${asking === 'send' ? 'sent' : 'scheduled'}. Check the history before trying again.`,
        { pending: pending.filter((send) => started.includes(send.id)) },
      );
    }
  }

  /** Waits for the sends in flight, SMTP conversation and bookkeeping, at most `timeoutMs` (a graceful stop). */
  async drain(timeoutMs: number): Promise<void> {
    if (!this.sending.size) return;
    this.logger.log(`Waiting for ${this.sending.size} send(s) in flight`);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.sending]), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }

  /** Records the failure on the audit row (and on the mailbox for sign-in problems); no other account is tried. */
  private async fail(row: SendRow, error: NodemailerError, transport: ResolvedTransport, sender: AuthUser): Promise<AppException> {
    const failure = mapSmtpError(error, transport.failureContext);
    await this.bookkeeping.record(`Failure of send ${row.id}`, () =>
      this.audit.complete(row.id, { status: 'failed', errorCode: failure.code, errorMessage: failure.message, smtpResponse: failure.smtpResponse ?? null }),
    );
    if (transport.via === 'user' && SIGN_IN_REFUSED.has(failure.code)) {
      await this.bookkeeping.record(`Mailbox failure of ${sender.id}`, () => this.mailboxes.recordFailure(sender.id, failure.code, failure.message));
    }
    this.logger.warn(`Send ${row.id} of ${row.documentNumber} failed: ${failure.code}`);
    return new AppException(
      failure.code,
      `${failure.message} Nothing was sent.`,
      { emailId: row.id, temporary: failure.temporary },
      refusalStatus(failure.code),
    );
  }

  /** The connection broke after the whole message was handed over: the peer may have it. Never reported as "nothing sent". */
  private async unknown(row: SendRow, error: NodemailerError, transport: ResolvedTransport): Promise<AppException> {
    const { host, port } = transport.failureContext;
    const message =
      `The connection to ${host}:${port} broke (${error.code ?? 'connection lost'}) after the whole message was handed over, ` +
      `so it may have been delivered: check the Sent folder for Message-ID ${row.messageId} before sending again.`;
    await this.bookkeeping.record(`Unknown outcome of send ${row.id}`, () =>
      this.audit.complete(row.id, { status: 'unknown', errorCode: ErrorCode.SEND_OUTCOME_UNKNOWN, errorMessage: message }),
    );
    this.logger.warn(`Send ${row.id} of ${row.documentNumber}: outcome unknown (${error.code ?? 'no code'})`);
    return this.unknownOutcome(row.id, message);
  }

  private unknownOutcome(emailId: string, message: string): AppException {
    return new AppException(ErrorCode.SEND_OUTCOME_UNKNOWN, message, { emailId });
  }

  private assertRecipientCount(dto: SendEmailRequest): void {
    const total = dto.recipients.length + (dto.cc?.length ?? 0) + (dto.bcc?.length ?? 0);
    if (total > MAX_RECIPIENTS) {
      throw FieldValidationError.of('recipients', `At most ${MAX_RECIPIENTS} recipients in all (to, cc and bcc).`);
    }
  }

  private async senderFor(onBehalfOfUserId: string | undefined, actor: AuthUser): Promise<AuthUser> {
    if (!onBehalfOfUserId || onBehalfOfUserId === actor.id) return actor;
    if (!hasAdminRights(actor.role)) {
      throw new AppException(ErrorCode.FORBIDDEN_ROLE, 'Only admins and superusers can send on behalf of someone else.');
    }
    const sender = await this.users.findActive(onBehalfOfUserId);
    if (!sender) throw new NotFoundError(ErrorCode.USER_NOT_FOUND, `No active user with id ${onBehalfOfUserId}.`);
    return sender;
  }

  private limitReached(sender: AuthUser, usage: MailboxUsage): AppException {
    return new AppException(
      ErrorCode.SMTP_QUOTA_EXCEEDED,
      `${sender.email} has sent ${usage.used} of its ${usage.limit} messages in the last 24 hours; the next one can go out at ${usage.freesAt}. Nothing was sent.`,
      { freesAt: usage.freesAt, used: usage.used, limit: usage.limit },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  /** The first result for a key, or null when the key is new. */
  private async replay(actorId: string, idempotencyKey: string, requestHash: string): Promise<SendEmailResult | null> {
    const first = await this.messages.findOneBy({ actorId, idempotencyKey });
    if (!first) return null;
    if (first.requestHash !== requestHash) {
      throw new AppException(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was already used for a different message: use a new key for a new send.');
    }
    if (first.status === 'sending') {
      throw new AppException(ErrorCode.SEND_IN_PROGRESS, 'This message is still being sent: check its status in a moment.');
    }
    if (first.status === 'unknown') throw this.unknownOutcome(first.id, first.errorMessage ?? UNKNOWN_OUTCOME_MESSAGE);
    if (first.status === 'failed') {
      throw new AppException(
        first.errorCode as ErrorCode,
        `${first.errorMessage} Nothing was sent.`,
        { emailId: first.id },
        refusalStatus(first.errorCode as ErrorCode),
      );
    }
    return {
      emailId: first.id,
      messageId: first.messageId!,
      from: first.fromAddress,
      sentVia: first.sentVia,
      accepted: first.accepted,
      rejected: first.rejected,
      sentCopy: sentCopyOf(first) ?? { status: 'not_needed', detail: 'Sent before Sendas tracked Sent copies.', code: null, at: null },
    };
  }

  /**
   * The audit row, committed before any SMTP traffic. A concurrent twin with the same key loses the race on
   * the unique index and gets the first request's answer (409 while it is still sending). The database also
   * refuses the row once the mailbox's daily limit is reached, which holds under concurrent sends, and when the
   * mailbox changed since this instance read it (MailboxChanged: the send starts over).
   */
  private async begin(values: SendRecord, sender: AuthUser, transport: ResolvedTransport): Promise<{ row: SendRow } | { replay: SendEmailResult }> {
    try {
      return { row: { ...values, id: await this.audit.begin(values) } };
    } catch (error) {
      if (isMailboxChanged(error)) {
        this.mailboxes.forget(sender.id);
        throw new MailboxChanged();
      }
      const limitReached = isDailyLimitReached(error);
      if (!isUniqueViolation(error) && !limitReached) throw error;
      const replay = values.idempotencyKey ? await this.replay(values.actorId, values.idempotencyKey, values.requestHash!) : null;
      if (replay) return { replay };
      if (limitReached && transport.mailbox) throw this.limitReached(sender, await this.mailboxes.usage(sender.id, transport.mailbox.dailyLimit));
      throw error;
    }
  }

  private hash(type: DocumentType, id: string, dto: SendEmailDto): string {
    const canonical = [type, id, dto.recipients, dto.cc ?? [], dto.bcc ?? [], dto.subject, dto.body, dto.attachPdf ?? true, dto.onBehalfOfUserId ?? null];
    return sha256Hex(JSON.stringify(canonical));
  }
}

/** A refusal's status is its code's, except the provider's quota, which is a 502 (Sendas's own daily limit is the 429). */
function refusalStatus(code: ErrorCode): HttpStatus | undefined {
  return code === ErrorCode.SMTP_QUOTA_EXCEEDED ? HttpStatus.BAD_GATEWAY : undefined;
}

/** The way a send goes out, fixed when a send later is approved: this mailbox of the sender's, or the company account. */
export type SendPath = { via: 'mailbox'; mailboxIdentity: number } | { via: 'company' };

function pathOf(transport: ResolvedTransport): SendPath {
  return transport.mailbox ? { via: 'mailbox', mailboxIdentity: transport.mailbox.identity } : { via: 'company' };
}

/** A send later goes out the way it was approved or not at all: never through another mailbox or the company account. */
function assertSamePath(approved: SendPath, transport: ResolvedTransport, sender: AuthUser): void {
  const identityNow = transport.mailbox?.identity ?? null;
  if ((approved.via === 'mailbox' ? approved.mailboxIdentity : null) === identityNow) return;
  const what =
    approved.via === 'company'
      ? `${sender.name} set up a mailbox of their own after this was scheduled to go through the company account`
      : identityNow === null
        ? `${sender.name}'s mailbox was removed after this was scheduled`
        : `${sender.name}'s mailbox was replaced (another account, address or way of signing in) after this was scheduled`;
  throw new AppException(ErrorCode.MAILBOX_CHANGED, `${what}: nothing was sent. Schedule it again to send it the new way.`);
}

export interface SendOptions {
  idempotencyKey?: string;
  frozenPdf?: Buffer | null;
  path?: SendPath;
  askAboutPending?: boolean;
}

/** "on 8 Dec 2026, 09:00 (Asia/Bangkok), sent by Pom" */
function describePending(send: PendingSendSummary): string {
  return `on ${formatInTimeZone(send.sendAt, send.timeZone)} (${send.timeZone}), sent by ${send.sender.name}`;
}
