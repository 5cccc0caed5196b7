import { DataSource } from 'typeorm';
import { ErrorCode } from '@sendas/contracts';
import type { User } from '../../apps/api/src/users/user.entity';
import { closedPort, type SmtpPeer, startSilentPeer, startSmtpPeer } from '../support/smtp-peers';
import { createTestApp, type TestApp } from '../support/test-app';

const APP_PASSWORD = 'abcd efgh ijkl mnop';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('Mailboxes (e2e)', () => {
  let t: TestApp;
  let peer: SmtpPeer;
  let superuser: User;
  let superToken: string;
  const responses: string[] = [];

  /** Keeps every response body, so the last test can check no password ever left the server. */
  const keep = <T extends { text: string }>(response: T): T => {
    responses.push(response.text);
    return response;
  };

  async function signedIn(role: 'sales' | 'finance' | 'admin' = 'sales') {
    const user = await t.createUser(role);
    return { user, token: (await t.login(user.email)).accessToken };
  }

  const peerSettings = (port: number, extra: object = {}) => ({
    provider: 'custom',
    host: '127.0.0.1',
    port,
    security: 'none',
    password: APP_PASSWORD,
    ...extra,
  });

  beforeAll(async () => {
    t = await createTestApp({ SMTP_GREETING_TIMEOUT_MS: '1000', SMTP_CONNECTION_TIMEOUT_MS: '2000' });
    superuser = await t.createUser('superuser');
    superToken = (await t.login(superuser.email)).accessToken;
    peer = await startSmtpPeer({ accounts: {} });
  });
  afterAll(async () => {
    await peer.close();
    await t.close();
  });

  it('offers no "Connect with ..." when no OAuth provider is configured', async () => {
    const { token } = await signedIn();
    expect((await t.http().get('/api/mailboxes/oauth/providers').set(bearer(token)).expect(200)).body).toEqual({ providers: [] });
    const start = await t.http().post('/api/users/me/smtp/oauth/google').set(bearer(token)).send({}).expect(404);
    expect(start.body.code).toBe(ErrorCode.OAUTH_NOT_CONFIGURED);
  });

  it('lets Pom set up her Gmail mailbox: presets fill the server, her email fills the sender, the password is write-only', async () => {
    const { user, token } = await signedIn();
    const saved = keep(await t.http().put('/api/users/me/smtp').set(bearer(token)).send({ provider: 'gmail', password: APP_PASSWORD }));
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      userId: user.id,
      provider: 'gmail',
      host: 'smtp.gmail.com',
      port: 587,
      security: 'starttls',
      fromEmail: user.email,
      username: user.email,
      fromName: user.name,
      hasPassword: true,
      dailyLimit: 500,
      // Gmail files what it sends in Sent itself: no second copy unless asked for
      saveSentCopy: false,
      imapHost: 'imap.gmail.com',
      imapPort: 993,
      imapSecurity: 'tls',
      imapUsername: user.email,
      version: expect.any(Number),
      status: 'configured',
      updatedBy: { id: user.id, name: user.name },
    });
    expect(saved.body).not.toHaveProperty('password');
    expect(saved.body).not.toHaveProperty('passwordEnc');

    const [row] = await t.app.get(DataSource).query('SELECT password_enc FROM mailboxes WHERE user_id = $1', [user.id]);
    expect(row.password_enc).toMatch(/^v1:[\w-]+:/);
    expect(row.password_enc).not.toContain(APP_PASSWORD);
    expect(row.password_enc).not.toContain('abcd');

    // leaving the password out keeps it; any change bumps the version
    const renamed = keep(await t.http().put('/api/users/me/smtp').set(bearer(token)).send({ provider: 'gmail', fromName: 'Pom S.' }));
    expect(renamed.body).toMatchObject({ fromName: 'Pom S.', hasPassword: true });
    expect(renamed.body.version).toBeGreaterThan(saved.body.version);
    const [after] = await t.app.get(DataSource).query('SELECT password_enc FROM mailboxes WHERE user_id = $1', [user.id]);
    expect(after.password_enc).toBe(row.password_enc);

    const mine = keep(await t.http().get('/api/users/me/smtp').set(bearer(token)).expect(200));
    expect(mine.body.fromName).toBe('Pom S.');

    // a display name cannot pass for another address, nor break the header
    for (const fromName of ['Norbert (CEO) <norbert@bmasiamusic.com>', 'norbert@bmasiamusic.com', 'Pom\r\nBcc: x@evil.example']) {
      const refused = await t.http().put('/api/users/me/smtp').set(bearer(token)).send({ provider: 'gmail', fromName });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
        details: [{ field: 'fromName', messages: [expect.stringContaining('may not hold <, >, @')] }],
      });
    }
    expect((await t.http().get('/api/users/me/smtp').set(bearer(token)).expect(200)).body.fromName).toBe('Pom S.');
  });

  it('asks for the password when a mailbox is first set up', async () => {
    const { token } = await signedIn();
    const response = keep(await t.http().put('/api/users/me/smtp').set(bearer(token)).send({ provider: 'office365' }));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe(ErrorCode.SMTP_PASSWORD_REQUIRED);
    expect(response.body.details).toEqual([{ field: 'password', messages: [expect.any(String)] }]);
    const missing = await t.http().get('/api/users/me/smtp').set(bearer(token));
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe(ErrorCode.SMTP_NOT_CONFIGURED);
  });

  it.each([
    [{ provider: 'custom', host: 'smtp.example.com', port: 70000, password: 'x' }, 'port'],
    [{ provider: 'custom', host: 'smtp.example.com', port: 0, password: 'x' }, 'port'],
    [{ provider: 'custom', host: 'not a host!', port: 587, password: 'x' }, 'host'],
    [{ provider: 'custom', port: 587, password: 'x' }, 'host'],
    [{ provider: 'gmail', fromEmail: 'not-an-email', password: 'x' }, 'fromEmail'],
    [{ provider: 'yahoo', password: 'x' }, 'provider'],
    [{ provider: 'custom', host: 'smtp.example.com', port: 25, security: 'none', password: 'x' }, 'security'],
    [{ provider: 'gmail', password: 'x', debug: true }, 'debug'],
  ])('rejects %j naming %s', async (body, field) => {
    const { token } = await signedIn();
    const response = keep(await t.http().put('/api/users/me/smtp').set(bearer(token)).send(body));
    expect(response.status).toBe(400);
    expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('accepts an unencrypted remote server only with an explicit allowInsecure', async () => {
    const { token } = await signedIn();
    const response = await t
      .http()
      .put('/api/users/me/smtp')
      .set(bearer(token))
      .send({ provider: 'custom', host: 'smtp.example.com', port: 25, security: 'none', allowInsecure: true, password: 'x' });
    expect(response.status).toBe(200);
    expect(response.body.security).toBe('none');
  });

  it("keeps sales and finance away from other users' credentials (403), and lets a superuser manage them", async () => {
    const pom = await signedIn('sales');
    const keith = await signedIn('sales');
    await t.http().put('/api/users/me/smtp').set(bearer(pom.token)).send({ provider: 'gmail', password: APP_PASSWORD });
    for (const attempt of [
      t.http().get(`/api/users/${pom.user.id}/smtp`).set(bearer(keith.token)),
      t.http().put(`/api/users/${pom.user.id}/smtp`).set(bearer(keith.token)).send({ provider: 'gmail' }),
      t.http().delete(`/api/users/${pom.user.id}/smtp`).set(bearer(keith.token)),
      t.http().post(`/api/users/${pom.user.id}/smtp/verify`).set(bearer(keith.token)),
    ]) {
      const response = keep(await attempt);
      expect(response.status).toBe(403);
      expect(response.body.code).toBe(ErrorCode.FORBIDDEN_ROLE);
    }

    const read = keep(await t.http().get(`/api/users/${pom.user.id}/smtp`).set(bearer(superToken)).expect(200));
    expect(read.body.hasPassword).toBe(true);
    const changed = keep(
      await t.http().put(`/api/users/${pom.user.id}/smtp`).set(bearer(superToken)).send({ provider: 'office365', password: 'new-app-password' }).expect(200),
    );
    expect(changed.body).toMatchObject({ host: 'smtp.office365.com', dailyLimit: 10000, updatedBy: { id: superuser.id } });

    const history = keep(await t.http().get(`/api/users/${pom.user.id}/smtp/history`).set(bearer(superToken)).expect(200));
    expect(history.body.map((e: { action: string }) => e.action)).toEqual(['mailbox.updated', 'mailbox.created']);
    expect(history.body[0]).toMatchObject({ actor: { id: superuser.id }, details: { changed: expect.arrayContaining(['provider', 'host', 'password']) } });
    expect(history.body[1].actor.id).toBe(pom.user.id);

    await t.http().delete(`/api/users/${pom.user.id}/smtp`).set(bearer(superToken)).expect(204);
    const gone = await t.http().get(`/api/users/${pom.user.id}/smtp`).set(bearer(superToken));
    expect(gone.body.code).toBe(ErrorCode.SMTP_NOT_CONFIGURED);
  });

  describe('testing the connection against real SMTP servers', () => {
    it('verifies stored settings against a server that accepts them, and the superuser’s mailbox list shows "verified"', async () => {
      const { user, token } = await signedIn();
      const accepting = await startSmtpPeer({ accounts: { [user.email]: APP_PASSWORD } });
      try {
        await t.http().put('/api/users/me/smtp').set(bearer(token)).send(peerSettings(accepting.port)).expect(200);
        const result = keep(await t.http().post('/api/users/me/smtp/verify').set(bearer(token)).expect(200));
        expect(result.body).toEqual({ ok: true, message: expect.stringContaining(`signed in as ${user.email}`) });

        const list = await t.http().get('/api/mailboxes').set(bearer(superToken)).expect(200);
        const row = list.body.find((mailbox: { userId: string }) => mailbox.userId === user.id);
        expect(row).toEqual({ userId: user.id, kind: 'app_password', status: 'verified', fromEmail: user.email, lastError: null });
        const mine = await t.http().get('/api/users/me/smtp').set(bearer(token));
        expect(mine.body.verifiedAt).not.toBeNull();
      } finally {
        await accepting.close();
      }
    });

    it('maps 535 to SMTP_AUTH_FAILED naming the mailbox, and records the failure', async () => {
      const { user, token } = await signedIn();
      await t.http().put('/api/users/me/smtp').set(bearer(token)).send(peerSettings(peer.port)).expect(200);
      const result = keep(await t.http().post('/api/users/me/smtp/verify').set(bearer(token)).expect(200));
      expect(result.body).toMatchObject({ ok: false, code: ErrorCode.SMTP_AUTH_FAILED });
      expect(result.body.message).toContain(user.email);
      const stored = await t.http().get('/api/users/me/smtp').set(bearer(token));
      expect(stored.body).toMatchObject({ status: 'failing', lastError: { code: ErrorCode.SMTP_AUTH_FAILED } });
    });

    it('maps 534 5.7.9 to SMTP_APP_PASSWORD_REQUIRED', async () => {
      const { token } = await signedIn();
      const gmailLike = await startSmtpPeer({
        failAuthWith: { responseCode: 534, message: '5.7.9 Application-specific password required.' },
      });
      try {
        const result = keep(await t.http().post('/api/users/me/smtp/verify').set(bearer(token)).send(peerSettings(gmailLike.port)).expect(200));
        expect(result.body).toMatchObject({ ok: false, code: ErrorCode.SMTP_APP_PASSWORD_REQUIRED });
        expect(result.body.message).toMatch(/app password/);
      } finally {
        await gmailLike.close();
      }
    });

    it('maps a closed port to SMTP_UNREACHABLE', async () => {
      const { token } = await signedIn();
      const port = await closedPort();
      const result = await t.http().post('/api/users/me/smtp/verify').set(bearer(token)).send(peerSettings(port));
      expect(result.body).toMatchObject({ ok: false, code: ErrorCode.SMTP_UNREACHABLE });
    });

    it('gives up on a server that never greets within the configured bound (SMTP_TIMEOUT)', async () => {
      const { token } = await signedIn();
      const silent = await startSilentPeer();
      try {
        const started = Date.now();
        const result = await t.http().post('/api/users/me/smtp/verify').set(bearer(token)).send(peerSettings(silent.port));
        expect(result.body).toMatchObject({ ok: false, code: ErrorCode.SMTP_TIMEOUT });
        expect(Date.now() - started).toBeLessThan(4000);
      } finally {
        await silent.close();
      }
    });

    it('refuses a self-signed STARTTLS certificate unless the credential allows it', async () => {
      const { user, token } = await signedIn();
      const tlsPeer = await startSmtpPeer({ starttls: true, accounts: { [user.email]: APP_PASSWORD } });
      try {
        const settings = peerSettings(tlsPeer.port, { security: 'starttls' });
        const strict = await t.http().post('/api/users/me/smtp/verify').set(bearer(token)).send(settings);
        expect(strict.body).toMatchObject({ ok: false, code: ErrorCode.SMTP_TLS_FAILED });
        const allowed = await t
          .http()
          .post('/api/users/me/smtp/verify')
          .set(bearer(token))
          .send({ ...settings, allowSelfSignedCertificate: true });
        expect(allowed.body).toMatchObject({ ok: true });
        // a test of unsaved settings records nothing
        const stored = await t.http().get('/api/users/me/smtp').set(bearer(token));
        expect(stored.status).toBe(404);
      } finally {
        await tlsPeer.close();
      }
    });

    it('never sends the stored password to a server, port or user name it was not saved with, and audits every test', async () => {
      const { user, token } = await signedIn();
      const home = await startSmtpPeer({ accounts: { [user.email]: APP_PASSWORD } });
      const elsewhere = await startSmtpPeer({ accounts: {} });
      try {
        await t.http().put('/api/users/me/smtp').set(bearer(token)).send(peerSettings(home.port)).expect(200);
        const { password: _typed, ...withoutPassword } = peerSettings(elsewhere.port);
        for (const body of [withoutPassword, { ...withoutPassword, port: home.port, username: 'someone-else' }]) {
          const verify = keep(await t.http().post('/api/users/me/smtp/verify').set(bearer(token)).send(body));
          expect(verify.status).toBe(400);
          expect(verify.body).toMatchObject({ code: ErrorCode.SMTP_PASSWORD_REQUIRED, message: expect.stringContaining('enter the password again') });
          const put = keep(await t.http().put('/api/users/me/smtp').set(bearer(token)).send(body));
          expect(put.status).toBe(400);
          expect(put.body.code).toBe(ErrorCode.SMTP_PASSWORD_REQUIRED);
        }
        // a superuser editing someone's mailbox is held to the same rule
        const asSuperuser = await t.http().post(`/api/users/${user.id}/smtp/verify`).set(bearer(superToken)).send(withoutPassword);
        expect(asSuperuser.body.code).toBe(ErrorCode.SMTP_PASSWORD_REQUIRED);
        expect(elsewhere.auths).toEqual([]);

        // the same server without a password, and a new server with one, are tested (and audited)
        const { password: _stored, ...sameServer } = peerSettings(home.port);
        expect((await t.http().post('/api/users/me/smtp/verify').set(bearer(token)).send(sameServer)).body).toMatchObject({ ok: true });
        const withPassword = await t.http().post('/api/users/me/smtp/verify').set(bearer(token)).send(peerSettings(elsewhere.port));
        expect(withPassword.body).toMatchObject({ ok: false, code: ErrorCode.SMTP_AUTH_FAILED });
        const history = await t.http().get(`/api/users/${user.id}/smtp/history`).set(bearer(superToken)).expect(200);
        const tests = (history.body as Array<{ action: string; details: Record<string, unknown> }>).filter((e) => e.action === 'mailbox.verified');
        expect(tests.map((e) => e.details)).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ ok: true, tested: 'form', server: `127.0.0.1:${home.port}` }),
            expect.objectContaining({ ok: false, code: ErrorCode.SMTP_AUTH_FAILED, tested: 'form', server: `127.0.0.1:${elsewhere.port}` }),
          ]),
        );
      } finally {
        await home.close();
        await elsewhere.close();
      }
    });

    it("lets only a superuser set a From address other than the owner's own", async () => {
      const { user, token } = await signedIn();
      const spoof = keep(
        await t
          .http()
          .put('/api/users/me/smtp')
          .set(bearer(token))
          .send(peerSettings(peer.port, { fromEmail: superuser.email, fromName: 'Norbert (CEO)' })),
      );
      expect(spoof.status).toBe(403);
      expect(spoof.body).toMatchObject({ code: ErrorCode.SMTP_FROM_NOT_ALLOWED, message: expect.stringContaining(user.email) });
      expect((await t.http().get('/api/users/me/smtp').set(bearer(token))).status).toBe(404);

      const shared = 'sales-team@test.example';
      await t
        .http()
        .put(`/api/users/${user.id}/smtp`)
        .set(bearer(superToken))
        .send(peerSettings(peer.port, { fromEmail: shared }))
        .expect(200);
      // the owner may keep what the superuser chose, but not pick another address
      const keepShared = await t
        .http()
        .put('/api/users/me/smtp')
        .set(bearer(token))
        .send(peerSettings(peer.port, { fromEmail: shared, fromName: 'Sales' }));
      expect(keepShared.status).toBe(200);
      expect(keepShared.body.fromEmail).toBe(shared);
      const other = await t
        .http()
        .put('/api/users/me/smtp')
        .set(bearer(token))
        .send(peerSettings(peer.port, { fromEmail: 'ceo@test.example' }));
      expect(other.body.code).toBe(ErrorCode.SMTP_FROM_NOT_ALLOWED);
    });

    it('reports a tampered stored password as SECRET_UNREADABLE instead of sending garbage', async () => {
      const { user, token } = await signedIn();
      await t.http().put('/api/users/me/smtp').set(bearer(token)).send(peerSettings(peer.port)).expect(200);
      const dataSource = t.app.get(DataSource);
      const [{ password_enc: envelope }] = await dataSource.query('SELECT password_enc FROM mailboxes WHERE user_id = $1', [user.id]);
      const parts = (envelope as string).split(':');
      parts[4] = Buffer.from('tampered').toString('base64');
      await dataSource.query('UPDATE mailboxes SET password_enc = $1 WHERE user_id = $2', [parts.join(':'), user.id]);
      const result = await t.http().post('/api/users/me/smtp/verify').set(bearer(token));
      expect(result.body).toMatchObject({ ok: false, code: ErrorCode.SECRET_UNREADABLE });
      expect(peer.received).toHaveLength(0);
    });
  });

  it('never shows a password in any response or log line', () => {
    expect(responses.length).toBeGreaterThan(10);
    const everything = [...responses, ...t.logs].join('\n');
    for (const secret of [APP_PASSWORD, 'new-app-password', Buffer.from(APP_PASSWORD).toString('base64')]) {
      expect(everything).not.toContain(secret);
    }
    expect(t.logs.length).toBeGreaterThan(0);
  });
});

describe('SMTP credentials, locked down (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      ALLOW_PRIVATE_SMTP_HOSTS: 'false',
      ALLOW_SELF_SERVICE_SMTP: 'false',
      SMTP_VERIFY_LIMIT_PER_MINUTE: '2',
    });
  });
  afterAll(() => t.close());

  it('refuses SMTP hosts on loopback or private addresses (server-side request forgery)', async () => {
    const admin = await t.createUser('superuser');
    const token = (await t.login(admin.email)).accessToken;
    const target = await t.createUser('sales');
    const literal = await t
      .http()
      .put(`/api/users/${target.id}/smtp`)
      .set(bearer(token))
      .send({ provider: 'custom', host: '169.254.169.254', port: 25, password: 'x' });
    expect(literal.status).toBe(400);
    expect(literal.body.code).toBe(ErrorCode.SMTP_HOST_NOT_ALLOWED);

    const named = await t
      .http()
      .post(`/api/users/${target.id}/smtp/verify`)
      .set(bearer(token))
      .send({ provider: 'custom', host: 'localhost', port: 25, password: 'x' });
    expect(named.body).toMatchObject({ ok: false, code: ErrorCode.SMTP_HOST_NOT_ALLOWED });
  });

  it('throttles connection tests per user', async () => {
    const admin = await t.createUser('superuser');
    const token = (await t.login(admin.email)).accessToken;
    const body = { provider: 'custom', host: 'localhost', port: 25, password: 'x' };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await t.http().post(`/api/users/${admin.id}/smtp/verify`).set(bearer(token)).send(body)).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('lets only superusers change mailboxes when self-service is off', async () => {
    const user = await t.createUser('sales');
    const token = (await t.login(user.email)).accessToken;
    const response = await t.http().put('/api/users/me/smtp').set(bearer(token)).send({ provider: 'gmail', password: 'x' });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe(ErrorCode.SMTP_SELF_SERVICE_DISABLED);
  });
});
