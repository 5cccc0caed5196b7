import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { DataSource } from 'typeorm';
import { ErrorCode, type EmailMessageDto } from '@sendas/contracts';
import type { User } from '../../apps/api/src/users/user.entity';
import { draftQuote } from '../support/documents';
import { type CuttingRelay, type ImapServer, startCuttingRelay, startImapServer } from '../support/imap-server';
import { type SmtpPeer, startSmtpPeer } from '../support/smtp-peers';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The Sent copy against a real Dovecot: Pom's Other SMTP + IMAP mailbox gets the exact message the SMTP peer
 * received, once, whatever the IMAP server does; a failing IMAP server never turns a sent message into an error.
 */
const APP_PASSWORD = 'sent copy pass 26';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const SAVED = { status: 'saved', detail: 'Saved to "Sent" on 127.0.0.1.', code: null, at: expect.any(String) };
const crlf = (raw: string) => raw.replace(/\r?\n/g, '\r\n');

describe('Sent copy over IMAP (e2e)', () => {
  let t: TestApp;
  let admin: { user: User; token: string };
  let smtp: SmtpPeer;
  let imap: ImapServer;
  let unflagged: ImapServer;
  /** For wrong passwords only: after a failed sign-in Dovecot delays every sign-in from the same address for seconds. */
  let strict: ImapServer;
  let relay: CuttingRelay;
  const smtpAccounts: Record<string, string> = {};
  const imapPasswords = new Map<string, string>();

  /** A salesperson whose mailbox sends through the SMTP peer and saves copies through `imapPort`. */
  async function salesperson(imapPort: number, options: { imapPassword?: string; sentFolder?: string } = {}) {
    const user = await t.createUser('sales');
    const token = (await t.login(user.email)).accessToken;
    smtpAccounts[user.email] = APP_PASSWORD;
    imapPasswords.set(user.email, options.imapPassword ?? APP_PASSWORD);
    for (const server of [imap, unflagged, strict]) await server.addAccount(user.email, options.imapPassword ?? APP_PASSWORD);
    const mailbox = await t
      .http()
      .put('/api/users/me/smtp')
      .set(bearer(token))
      .send({
        provider: 'custom',
        host: '127.0.0.1',
        port: smtp.port,
        security: 'none',
        password: APP_PASSWORD,
        imapHost: '127.0.0.1',
        imapPort,
        imapSecurity: 'none',
        ...(options.sentFolder ? { sentFolder: options.sentFolder } : {}),
      })
      .expect(200);
    const quote = await draftQuote(t, admin, { token }, { name: 'Napa Sukjai', email: 'napa@lumpini.example' });
    const send = (subject = `Quote ${randomUUID().slice(0, 8)}`) =>
      t
        .http()
        .post(`/api/quotes/${quote.id}/send`)
        .set(bearer(token))
        .set('Idempotency-Key', randomUUID())
        .send({ recipients: ['napa@lumpini.example'], subject, body: 'Dear Khun Napa,\n\nPlease find our quote attached.' });
    const history = async () => (await t.http().get(`/api/quotes/${quote.id}/emails`).set(bearer(token)).expect(200)).body as EmailMessageDto[];
    return { user, token, mailbox: mailbox.body, quote, send, history };
  }

  /** Polls until the send's copy is no longer pending, then returns the history line. */
  async function settled(history: () => Promise<EmailMessageDto[]>, emailId: string, ms = 15_000): Promise<EmailMessageDto> {
    const deadline = Date.now() + ms;
    for (;;) {
      const line = (await history()).find((entry) => entry.id === emailId)!;
      if (line.sentCopy?.status !== 'pending') return line;
      if (Date.now() > deadline) throw new Error(`The Sent copy is still pending: ${JSON.stringify(line.sentCopy)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const copiesOf = async (server: ImapServer, user: User, messageId: string, folder?: string) =>
    (await server.messages(user.email, imapPasswords.get(user.email)!, folder)).filter((message) => message.raw.includes(messageId));

  beforeAll(async () => {
    smtp = await startSmtpPeer({ accounts: smtpAccounts });
    imap = await startImapServer();
    unflagged = await startImapServer({ sentSpecialUse: false });
    strict = await startImapServer();
    relay = await startCuttingRelay(imap.port);
    t = await createTestApp({
      SMTP_CONNECTION_TIMEOUT_MS: '2000',
      SMTP_GREETING_TIMEOUT_MS: '2000',
      SMTP_SOCKET_TIMEOUT_MS: '10000',
      SENT_COPY_FIRST_RETRY_MS: '300',
      SENT_COPY_MAX_ATTEMPTS: '3',
    });
    const user = await t.createUser('admin');
    admin = { user, token: (await t.login(user.email)).accessToken };
  });
  afterAll(async () => {
    await t?.close();
    await relay?.close();
    await Promise.all([imap?.stop(), unflagged?.stop(), strict?.stop(), smtp?.close()]);
  });

  it("saves to Pom's Sent folder the exact message the SMTP peer received, marked read, and says so in the history and the email log", async () => {
    const pom = await salesperson(imap.port);
    expect(pom.mailbox).toMatchObject({ saveSentCopy: true, imapHost: '127.0.0.1', imapPort: imap.port, imapUsername: pom.user.email });

    const verified = await t.http().post('/api/users/me/smtp/verify').set(bearer(pom.token)).send({}).expect(200);
    expect(verified.body).toEqual({ ok: true, message: expect.stringContaining('will be saved to "Sent" on 127.0.0.1'), sentFolder: 'Sent' });

    const draft = await t.http().get(`/api/quotes/${pom.quote.id}/email-draft`).set(bearer(pom.token)).expect(200);
    expect(draft.body.sentCopyNote).toBe('After sending, Sendas saves a copy to the Sent folder on 127.0.0.1.');
    const sent = await pom.send().expect(201);
    expect(sent.body.sentCopy).toMatchObject({ status: 'pending', detail: 'Saving a copy to Sent on 127.0.0.1.' });
    const line = await settled(pom.history, sent.body.emailId);
    expect(line.sentCopy).toMatchObject({ status: 'saved', detail: 'Saved to "Sent" on 127.0.0.1.', code: null, at: expect.any(String) });

    const delivered = smtp.received.find((mail) => mail.raw.includes(sent.body.messageId))!;
    const [copy, ...more] = await copiesOf(imap, pom.user, sent.body.messageId);
    expect(more).toHaveLength(0);
    expect(crlf(copy.raw)).toBe(crlf(delivered.raw));
    expect(copy.flags).toContain('\\Seen');
    const parsed = await simpleParser(copy.raw);
    expect(parsed.messageId).toBe(sent.body.messageId);
    expect(parsed.attachments.map((attachment) => attachment.filename)).toEqual([`Quote-${pom.quote.number}.pdf`]);

    const log = await t.http().get('/api/emails').query({ documentId: pom.quote.id }).set(bearer(admin.token)).expect(200);
    expect(log.body.items[0].sentCopy).toMatchObject({ status: 'saved' });
    // the bytes are kept only until the copy is saved
    expect(await t.app.get(DataSource).query('SELECT 1 FROM sent_copies WHERE email_message_id = $1', [sent.body.emailId])).toEqual([]);
  });

  it('a wrong IMAP password: the test says so, the send still succeeds, the copy fails at once with the reason', async () => {
    const nikki = await salesperson(strict.port, { imapPassword: 'a different imap password' });
    const verified = await t.http().post('/api/users/me/smtp/verify').set(bearer(nikki.token)).send({}).expect(200);
    expect(verified.body).toEqual({
      ok: false,
      code: ErrorCode.IMAP_AUTH_FAILED,
      message: expect.stringContaining('Sending works, but no copy could be saved to Sent'),
    });

    const sent = await nikki.send().expect(201);
    const line = await settled(nikki.history, sent.body.emailId);
    expect(line.status).toBe('sent');
    expect(line.sentCopy).toMatchObject({ status: 'failed', code: ErrorCode.IMAP_AUTH_FAILED, detail: expect.stringContaining('rejected the sign-in') });
    expect(line.sentCopy!.detail).not.toContain('attempts'); // not retried: only new settings help
    expect(line.sentCopy!.detail).not.toContain(APP_PASSWORD);
  });

  it('no folder flagged \\Sent: the test and the copy name the folders found; naming one in the settings makes it work', async () => {
    const keith = await salesperson(unflagged.port);
    const verified = await t.http().post('/api/users/me/smtp/verify').set(bearer(keith.token)).send({}).expect(200);
    expect(verified.body).toMatchObject({ ok: false, code: ErrorCode.SENT_FOLDER_NOT_FOUND, message: expect.stringContaining('Sent') });

    const first = await keith.send().expect(201);
    expect((await settled(keith.history, first.body.emailId)).sentCopy).toMatchObject({ status: 'failed', code: ErrorCode.SENT_FOLDER_NOT_FOUND });

    // The folder name is not bound to the password: no need to enter it again.
    await t.http().put('/api/users/me/smtp').set(bearer(keith.token)).send({ provider: 'custom', sentFolder: 'Sent' }).expect(200);
    const retested = await t.http().post('/api/users/me/smtp/verify').set(bearer(keith.token)).send({}).expect(200);
    expect(retested.body).toMatchObject({ ok: true, sentFolder: 'Sent' });
    const second = await keith.send().expect(201);
    expect((await settled(keith.history, second.body.emailId)).sentCopy).toMatchObject({ status: 'saved', detail: 'Saved to "Sent" on 127.0.0.1.' });
    expect(await copiesOf(unflagged, keith.user, second.body.messageId, 'Sent')).toHaveLength(1);
    expect(await copiesOf(unflagged, keith.user, first.body.messageId, 'Sent')).toHaveLength(0);
  });

  it.each([
    ['midAppend', 'the server goes away in the middle of APPEND (nothing stored): the copy is retried and saved once'],
    ['afterStored', 'the answer to APPEND is lost after the server stored it: the retry finds it there and appends no second copy'],
  ] as const)('%s: %s', async (cut, _description) => {
    const pom = await salesperson(relay.port);
    const cutsBefore = relay.cuts();
    relay.cut(cut);
    const sent = await pom.send().expect(201);
    const line = await settled(pom.history, sent.body.emailId);
    expect(line.sentCopy).toEqual(SAVED);
    expect(relay.cuts()).toBe(cutsBefore + 1);
    expect(await copiesOf(imap, pom.user, sent.body.messageId)).toHaveLength(1);
  });

  it('an IMAP server that never answers: the send is a success, the copy is retried with backoff and then reported failed', async () => {
    const nobody = await salesperson(imap.port);
    const gone = await startCuttingRelay(imap.port);
    await gone.close(); // nothing listens on its port any more
    // Another IMAP port needs the password again (the stored one is bound to the IMAP server too).
    await t.http().put('/api/users/me/smtp').set(bearer(nobody.token)).send({ provider: 'custom', imapPort: gone.port, password: APP_PASSWORD }).expect(200);
    const sent = await nobody.send().expect(201);
    expect(sent.body.sentCopy.status).toBe('pending');
    const line = await settled(nobody.history, sent.body.emailId);
    expect(line.status).toBe('sent');
    expect(line.sentCopy).toMatchObject({ status: 'failed', code: ErrorCode.IMAP_UNREACHABLE, detail: expect.stringContaining('(after 3 attempts)') });
  });

  it('retries a copy in the instance that queued it; another instance takes it over only once it is well overdue', async () => {
    const nobody = await salesperson(imap.port);
    const gone = await startCuttingRelay(imap.port);
    await gone.close();
    await t.http().put('/api/users/me/smtp').set(bearer(nobody.token)).send({ provider: 'custom', imapPort: gone.port, password: APP_PASSWORD }).expect(200);
    const sent = await nobody.send().expect(201);
    const db = t.app.get(DataSource);
    const row = async () =>
      (
        (await db.query(`SELECT attempts, queued_by, claimed_until FROM sent_copies WHERE email_message_id = $1`, [sent.body.emailId])) as Array<{
          attempts: number;
          queued_by: string;
          claimed_until: Date | null;
        }>
      )[0];
    const until = async (what: string, condition: (copy: Awaited<ReturnType<typeof row>>) => boolean) => {
      const deadline = Date.now() + 5000;
      while (!condition(await row())) {
        if (Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(await row())}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await until('the first attempt is over', (copy) => copy.attempts >= 1 && copy.claimed_until === null);
    const { attempts } = await row();
    // as if another instance, still running, had queued it and its next attempt were due now
    const other = randomUUID();
    await db.query(`UPDATE sent_copies SET queued_by = $2, next_attempt_at = now() - interval '1 second' WHERE email_message_id = $1`, [
      sent.body.emailId,
      other,
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // five polls of this instance
    expect(await row()).toMatchObject({ attempts, queued_by: other });
    // that instance stopped: two minutes and more overdue, this one takes it over
    await db.query(`UPDATE sent_copies SET next_attempt_at = now() - interval '3 minutes' WHERE email_message_id = $1`, [sent.body.emailId]);
    await until('taken over', (copy) => !copy || copy.attempts > attempts);
    const taken = await row();
    if (taken) expect(taken.queued_by).not.toBe(other);
    else expect((await settled(nobody.history, sent.body.emailId)).sentCopy?.status).toBe('failed');
  });

  it('binds the stored password to the IMAP server too: a new IMAP host or user without the password is refused', async () => {
    const pom = await salesperson(imap.port);
    const changes: Array<[object, string]> = [
      [{ imapHost: 'imap.attacker.example', imapSecurity: 'tls' }, 'IMAP server'],
      [{ imapPort: 1993 }, 'IMAP server'],
      [{ imapUsername: 'someone-else' }, 'IMAP server'],
      // trusting any certificate would hand the password to whoever sits in between
      [{ allowSelfSignedCertificate: true }, 'allowSelfSignedCertificate'],
    ];
    for (const [change, named] of changes) {
      for (const route of ['put', 'verify'] as const) {
        const request = route === 'put' ? t.http().put('/api/users/me/smtp') : t.http().post('/api/users/me/smtp/verify');
        const response = await request.set(bearer(pom.token)).send({ provider: 'custom', ...change });
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ code: ErrorCode.SMTP_PASSWORD_REQUIRED, message: expect.stringContaining(named) });
      }
    }
    const stored = await t.http().get('/api/users/me/smtp').set(bearer(pom.token)).expect(200);
    expect(stored.body).toMatchObject({ imapHost: '127.0.0.1', imapPort: imap.port, imapUsername: pom.user.email });
  });

  it('turning the copy off: later sends say saving is off and nothing more reaches the folder', async () => {
    const pom = await salesperson(imap.port);
    const off = await t.http().put('/api/users/me/smtp').set(bearer(pom.token)).send({ provider: 'custom', saveSentCopy: false }).expect(200);
    expect(off.body.saveSentCopy).toBe(false);
    const sent = await pom.send().expect(201);
    expect(sent.body.sentCopy).toMatchObject({ status: 'not_needed', detail: expect.stringContaining('off for this mailbox') });
    expect(await copiesOf(imap, pom.user, sent.body.messageId)).toHaveLength(0);
  });
});
