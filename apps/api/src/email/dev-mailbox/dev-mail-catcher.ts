import type { AddressInfo } from 'node:net';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Repository } from 'typeorm';
import { developmentSecret, Env } from '../../config';
import { DevMailMessage } from './dev-mail-message.entity';

const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
export const DEV_SYSTEM_ACCOUNT = 'sendas-system';

/** The addresses of a parsed To or Cc header. */
export const headerAddresses = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((group) => group.value.flatMap((a) => (a.address ? [a.address] : [])));

/**
 * The embedded dev SMTP server (started when SMTP_URL is unset, never in production). Like a real provider
 * it requires AUTH, knows the system account and the accounts it is told about (the demo mailboxes), answers a wrong one with
 * `535 5.7.8`, and keeps every message it accepts in the database for the Dev mailbox.
 */
@Injectable()
export class DevMailCatcher implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DevMailCatcher.name);
  private server?: SMTPServer;
  private starting?: Promise<void>;
  private listeningPort?: number;
  readonly enabled: boolean;
  readonly systemPassword: string;
  private readonly requestedPort: number;
  private readonly accounts: Map<string, string>;

  constructor(
    config: Env,
    @InjectRepository(DevMailMessage) private readonly messages: Repository<DevMailMessage>,
  ) {
    this.enabled = !config.SMTP_URL && config.NODE_ENV !== 'production';
    this.requestedPort = config.DEV_SMTP_PORT;
    this.systemPassword = this.enabled ? developmentSecret(config.DATA_DIR, 'dev-smtp-system-password') : '';
    this.accounts = new Map([[DEV_SYSTEM_ACCOUNT, this.systemPassword]]);
  }

  /** Lets `email` sign in with `password` from now on (the demo team's mailboxes). */
  acceptAccount(email: string, password: string): void {
    this.accounts.set(email.toLowerCase(), password);
  }

  /** The loopback port it listens on, once started. */
  get port(): number | undefined {
    return this.listeningPort;
  }

  onModuleInit(): Promise<void> {
    return this.start();
  }

  /** Starts once; the system mail transport awaits it to learn the port. */
  start(): Promise<void> {
    this.starting ??= this.listen();
    return this.starting;
  }

  private async listen(): Promise<void> {
    if (!this.enabled) return;
    const server = new SMTPServer({
      name: 'sendas-dev-catcher',
      banner: 'Sendas dev mail catcher: messages are kept, never delivered',
      authMethods: ['PLAIN', 'LOGIN'],
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      size: MAX_MESSAGE_BYTES,
      logger: false,
      onAuth: (auth, _session, callback) => {
        const expected = this.accounts.get((auth.username ?? '').toLowerCase());
        if (expected !== undefined && expected === auth.password) return callback(null, { user: auth.username });
        callback(Object.assign(new Error('5.7.8 Username and Password not accepted'), { responseCode: 535 }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
            return callback(Object.assign(new Error('5.3.4 Message too big'), { responseCode: 552 }));
          }
          const raw = Buffer.concat(chunks);
          this.keep(raw, session.user as string, session.envelope).then(
            () => callback(),
            (error: unknown) => {
              this.logger.error(error);
              callback(Object.assign(new Error('4.3.0 Could not store the message'), { responseCode: 451 }));
            },
          );
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.requestedPort, '127.0.0.1', () => resolve());
    });
    server.on('error', (error) => this.logger.warn(`Dev mail catcher: ${error.message}`));
    this.server = server;
    this.listeningPort = (server as unknown as { server: { address(): AddressInfo } }).server.address().port;
    this.logger.log(`Dev mail catcher listening on 127.0.0.1:${this.listeningPort}`);
  }

  async onModuleDestroy(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async keep(raw: Buffer, authUser: string, envelope: { mailFrom: false | { address: string }; rcptTo: Array<{ address: string }> }): Promise<void> {
    const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
    await this.messages.insert({
      authUser,
      envelopeFrom: envelope.mailFrom ? envelope.mailFrom.address : '',
      envelopeTo: envelope.rcptTo.map((rcpt) => rcpt.address),
      toHeader: headerAddresses(parsed.to),
      fromHeader: parsed.from?.text ?? '',
      subject: parsed.subject ?? '',
      size: raw.length,
      raw: raw.toString('utf8'),
    });
  }
}
