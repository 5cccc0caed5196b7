import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { DataSource } from 'typeorm';
import { ErrorCode, type InvitationDto, type Role } from '@sendas/contracts';
import { generateSecretKey, SecretBox } from '../../apps/api/src/crypto/secret-box';
import type { User } from '../../apps/api/src/users/user.entity';
import { type MockOAuthProvider, startOAuthProvider } from '../support/oauth-provider';
import { type SmtpPeer, startSmtpPeer } from '../support/smtp-peers';
import { draftQuote } from '../support/documents';
import { createTestApp, type TestApp } from '../support/test-app';

const REDIRECT_URL = 'http://127.0.0.1:4200/mailbox/oauth';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** "Connect with Google / Microsoft" against local authorization servers, and sending through XOAUTH2 peers that check the token. */
describe('Mailboxes connected with OAuth2 (e2e)', () => {
  let t: TestApp;
  let google: MockOAuthProvider;
  let microsoft: MockOAuthProvider;
  let gmail: SmtpPeer;
  let outlook: SmtpPeer;
  let admin: { user: User; token: string };
  let env: Record<string, string>;
  const responses: string[] = [];

  async function person(role: Role = 'sales') {
    const user = await t.createUser(role);
    return { user, token: (await t.login(user.email)).accessToken };
  }

  /** Clicks Connect, lets the provider auto-approve as `account`, and returns what the browser would bring back. */
  async function consent(who: { token: string }, provider: 'google' | 'microsoft', account: string, body: object = {}) {
    (provider === 'google' ? google : microsoft).account = account;
    const started = await t.http().post(`/api/users/me/smtp/oauth/${provider}`).set(bearer(who.token)).send(body);
    expect(started.status).toBe(200);
    const approval = await fetch(started.body.authorizationUrl, { redirect: 'manual' });
    const back = new URL(approval.headers.get('location')!);
    return { authorizationUrl: new URL(started.body.authorizationUrl), state: back.searchParams.get('state')!, code: back.searchParams.get('code')! };
  }

  async function connect(who: { user: User; token: string }, provider: 'google' | 'microsoft') {
    const { state, code } = await consent(who, provider, who.user.email);
    const connected = await t.http().post('/api/users/me/smtp/oauth/callback').set(bearer(who.token)).send({ state, code });
    responses.push(connected.text);
    expect(connected.status).toBe(200);
    return connected.body;
  }

  const quote = (owner: { token: string }) => draftQuote(t, admin, owner, { name: 'Napa Wong', email: 'napa@lumpini.example' });

  const send = async (who: { token: string }, documentId: string) => {
    const response = await t
      .http()
      .post(`/api/quotes/${documentId}/send`)
      .set(bearer(who.token))
      .set('Idempotency-Key', randomUUID())
      .send({ recipients: ['napa@lumpini.example'], subject: 'Your quote', body: 'Dear Napa,\n\nAttached.', attachPdf: false });
    responses.push(response.text);
    return response;
  };

  const storedMailbox = async (userId: string) =>
    (await t.app.get(DataSource).query('SELECT * FROM mailboxes WHERE user_id = $1', [userId]))[0] as Record<string, string | null>;

  const acceptsIssued = (provider: () => MockOAuthProvider) => (_user: string, token: string) => provider().validAccessTokens.has(token);

  beforeAll(async () => {
    [google, microsoft] = await Promise.all([startOAuthProvider(''), startOAuthProvider('')]);
    gmail = await startSmtpPeer({ acceptsAccessToken: acceptsIssued(() => google) });
    outlook = await startSmtpPeer({ acceptsAccessToken: acceptsIssued(() => microsoft) });
    env = {
      SECRETS_KEYS: generateSecretKey('oauth-test'),
      OAUTH_REDIRECT_URL: REDIRECT_URL,
      GOOGLE_OAUTH_CLIENT_ID: 'sendas-google-client',
      GOOGLE_OAUTH_CLIENT_SECRET: 'google-client-secret-value',
      GOOGLE_OAUTH_ISSUER: google.issuer,
      GOOGLE_SMTP_SERVER: `127.0.0.1:${gmail.port}`,
      MICROSOFT_OAUTH_CLIENT_ID: 'sendas-microsoft-client',
      MICROSOFT_OAUTH_CLIENT_SECRET: 'microsoft-client-secret-value',
      MICROSOFT_OAUTH_ISSUER: microsoft.issuer,
      MICROSOFT_SMTP_SERVER: `127.0.0.1:${outlook.port}`,
    };
    t = await createTestApp(env);
    admin = await person('admin');
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([gmail.close(), outlook.close(), google.close(), microsoft.close()]);
  });

  it('shows the Connect buttons of the configured providers only', async () => {
    const pom = await person();
    const configured = await t.http().get('/api/mailboxes/oauth/providers').set(bearer(pom.token)).expect(200);
    expect(configured.body).toEqual({ providers: ['google', 'microsoft'] });
    // Without settings (the default; see the SMTP credentials spec) there are none.
  });

  it('lets Pom connect her Google mailbox with PKCE and send through XOAUTH2 as herself', async () => {
    const pom = await person();
    const { authorizationUrl, state, code } = await consent(pom, 'google', pom.user.email);
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizationUrl.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorizationUrl.searchParams.get('scope')).toContain('https://mail.google.com/');
    expect(authorizationUrl.searchParams.get('access_type')).toBe('offline');
    expect(authorizationUrl.searchParams.get('redirect_uri')).toBe(REDIRECT_URL);

    const connected = await t.http().post('/api/users/me/smtp/oauth/callback').set(bearer(pom.token)).send({ state, code }).expect(200);
    responses.push(connected.text);
    expect(connected.body).toMatchObject({
      kind: 'google',
      provider: 'gmail',
      host: '127.0.0.1',
      port: gmail.port,
      username: pom.user.email,
      fromEmail: pom.user.email,
      hasPassword: false,
      status: 'configured',
      consentRefreshedAt: expect.any(String),
    });
    const stored = await storedMailbox(pom.user.id);
    expect(stored.password_enc).toBeNull();
    expect(stored.refresh_token_enc).toMatch(/^v1:oauth-test:/);
    expect(stored.refresh_token_enc).not.toContain(google.issuedRefreshTokens.at(-1));

    const verified = await t.http().post('/api/users/me/smtp/verify').set(bearer(pom.token)).send({}).expect(200);
    expect(verified.body).toEqual({ ok: true, message: expect.stringContaining(`signed in as ${pom.user.email}`) });

    const document = await quote(pom);
    const sent = await send(pom, document.id);
    expect(sent.status).toBe(201);
    expect(sent.body.sentVia).toBe('user');
    // Gmail files it in Sent itself: Sendas saves no second copy.
    expect(sent.body.sentCopy).toMatchObject({ status: 'not_needed', detail: expect.stringContaining('Gmail files the message in the Sent folder itself') });
    const delivered = gmail.received.find((mail) => mail.to.includes('napa@lumpini.example') && mail.authUser === pom.user.email);
    expect(delivered).toBeDefined();
    const parsed = await simpleParser(delivered!.raw);
    expect(parsed.from?.value[0].address).toBe(pom.user.email);
    const auth = gmail.auths.filter((attempt) => attempt.username === pom.user.email).at(-1)!;
    expect(google.validAccessTokens.has(auth.accessToken!)).toBe(true);
    expect(auth.password).toBeUndefined();
  });

  it('lets Keith connect a Microsoft mailbox (SMTP.Send with offline access) and send through it', async () => {
    const keith = await person();
    const { authorizationUrl } = await consent(keith, 'microsoft', keith.user.email);
    expect(authorizationUrl.searchParams.get('scope')).toContain('https://outlook.office.com/SMTP.Send');
    expect(authorizationUrl.searchParams.get('scope')).toContain('offline_access');

    const connected = await connect(keith, 'microsoft');
    expect(connected).toMatchObject({ kind: 'microsoft', provider: 'office365', port: outlook.port, username: keith.user.email });
    expect(connected).toMatchObject({ saveSentCopy: false, imapHost: 'outlook.office365.com', imapPort: 993, imapSecurity: 'tls' });
    // its consent covers SMTP.Send only (and Microsoft 365 files a copy itself): no IMAP copy can be switched on
    const copy = await t.http().put('/api/users/me/smtp').set(bearer(keith.token)).send({ provider: 'office365', saveSentCopy: true });
    expect(copy.status).toBe(400);
    expect(copy.body).toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      details: [{ field: 'saveSentCopy', messages: [expect.stringContaining('allows sending only')] }],
    });
    const sent = await send(keith, (await quote(keith)).id);
    expect(sent.status).toBe(201);
    expect(sent.body.sentCopy).toMatchObject({ status: 'not_needed', detail: expect.stringContaining('Microsoft 365 saves the message in Sent Items itself') });
    expect(outlook.received.some((mail) => mail.authUser === keith.user.email)).toBe(true);
  });

  it('renews an expired access token through its own refresh, stores the rotated refresh token, and uses it after a restart', async () => {
    const nikki = await person('finance');
    await connect(nikki, 'google');
    // Finance may not send quotes: the admin sends one on Nikki's behalf, through her mailbox.
    const document = await quote(admin);
    google.expireAccessTokens();
    const before = google.presentedRefreshTokens.length;
    const sent = await t
      .http()
      .post(`/api/quotes/${document.id}/send`)
      .set(bearer(admin.token))
      .set('Idempotency-Key', randomUUID())
      .send({ recipients: ['napa@lumpini.example'], subject: 'On behalf', body: 'Attached.', attachPdf: false, onBehalfOfUserId: nikki.user.id });
    responses.push(sent.text);
    expect(sent.status).toBe(201);
    // The first token was refused with a 334 challenge; the app refreshed once and signed in with the new token.
    expect(google.presentedRefreshTokens.length).toBeGreaterThan(before);
    const box = t.app.get(SecretBox);
    const current = google.issuedRefreshTokens.at(-1)!;
    expect(box.decrypt((await storedMailbox(nikki.user.id)).refresh_token_enc!)).toBe(current);

    // A restart (new process, empty caches) signs in with the rotated refresh token, not the first one; three
    // sends at once share a single refresh.
    await t.close();
    t = await createTestApp(env);
    admin = { user: admin.user, token: (await t.login(admin.user.email)).accessToken };
    const presented = google.presentedRefreshTokens.length;
    const again = await Promise.all(
      [1, 2, 3].map((n) =>
        t
          .http()
          .post(`/api/quotes/${document.id}/send`)
          .set(bearer(admin.token))
          .set('Idempotency-Key', randomUUID())
          .send({ recipients: ['napa@lumpini.example'], subject: `After restart ${n}`, body: 'Attached.', attachPdf: false, onBehalfOfUserId: nikki.user.id }),
      ),
    );
    expect(again.map((response) => response.status)).toEqual([201, 201, 201]);
    expect(google.presentedRefreshTokens.slice(presented)).toEqual([current]);
  });

  it('answers MAILBOX_RECONNECT_REQUIRED when the consent was revoked, sends nothing, and a reconnect clears it', async () => {
    const pom = await person();
    await connect(pom, 'google');
    const document = await quote(pom);
    expect((await send(pom, document.id)).status).toBe(201);
    // The cached access token stops working with the consent: the peer's 334 makes the app refresh, which is refused.
    google.revokeConsent();
    gmail.dropConnections();
    const received = gmail.received.length;

    const refused = await send(pom, document.id);
    expect(refused.status).toBe(502);
    expect(refused.body.code).toBe(ErrorCode.MAILBOX_RECONNECT_REQUIRED);
    expect(refused.body.message).toContain('Reconnect with Google');
    expect(refused.body.message).toContain('Nothing was sent');
    expect(gmail.received.length).toBe(received);
    const [failed] = await t.app
      .get(DataSource)
      .query(`SELECT status, error_code FROM email_messages WHERE document_id = $1 ORDER BY created_at DESC LIMIT 1`, [document.id]);
    expect(failed).toEqual({ status: 'failed', error_code: ErrorCode.MAILBOX_RECONNECT_REQUIRED });

    const mine = await t.http().get('/api/users/me/smtp').set(bearer(pom.token)).expect(200);
    expect(mine.body.status).toBe('reconnect_required');
    const superuser = await person('superuser');
    const list = await t.http().get('/api/mailboxes').set(bearer(superuser.token)).expect(200);
    expect(list.body.find((row: { userId: string }) => row.userId === pom.user.id)).toMatchObject({ kind: 'google', status: 'reconnect_required' });
    // A second attempt does not even ask the provider.
    const presented = google.presentedRefreshTokens.length;
    expect((await send(pom, document.id)).body.code).toBe(ErrorCode.MAILBOX_RECONNECT_REQUIRED);
    expect(google.presentedRefreshTokens.length).toBe(presented);

    const reconnected = await connect(pom, 'google');
    expect(reconnected.status).toBe('configured');
    expect((await send(pom, document.id)).status).toBe(201);
    expect(gmail.received.length).toBe(received + 1);
    // A draft (the Send dialog opening) needs no access token, so it never asks the provider.
    const presentedBefore = google.presentedRefreshTokens.length;
    const other = await person();
    await connect(other, 'google');
    await t
      .http()
      .get(`/api/quotes/${(await quote(other)).id}/email-draft`)
      .set(bearer(other.token))
      .expect(200);
    expect(google.presentedRefreshTokens.length).toBe(presentedBefore);
  });

  describe('bad callbacks: a clear error and nothing stored', () => {
    it('refuses a wrong, replayed or someone else’s state', async () => {
      const pom = await person();
      const other = await person();
      const wrong = await t
        .http()
        .post('/api/users/me/smtp/oauth/callback')
        .set(bearer(pom.token))
        .send({ state: 'x'.repeat(43), code: 'abc' })
        .expect(400);
      expect(wrong.body.code).toBe(ErrorCode.OAUTH_STATE_INVALID);

      const { state, code } = await consent(pom, 'google', pom.user.email);
      const stolen = await t.http().post('/api/users/me/smtp/oauth/callback').set(bearer(other.token)).send({ state, code }).expect(400);
      expect(stolen.body.code).toBe(ErrorCode.OAUTH_STATE_INVALID);
      expect(await storedMailbox(other.user.id)).toBeUndefined();
      // The state was consumed by the failed attempt: Pom's own use of it is now a replay.
      const replay = await t.http().post('/api/users/me/smtp/oauth/callback').set(bearer(pom.token)).send({ state, code }).expect(400);
      expect(replay.body.code).toBe(ErrorCode.OAUTH_STATE_INVALID);
      expect(await storedMailbox(pom.user.id)).toBeUndefined();

      await connect(pom, 'google');
      const fresh = await consent(pom, 'google', pom.user.email);
      const callback = { state: fresh.state, code: fresh.code };
      await t.http().post('/api/users/me/smtp/oauth/callback').set(bearer(pom.token)).send(callback).expect(200);
      const replayed = await t.http().post('/api/users/me/smtp/oauth/callback').set(bearer(pom.token)).send(callback).expect(400);
      expect(replayed.body.code).toBe(ErrorCode.OAUTH_STATE_INVALID);
    });

    it('refuses a code whose PKCE verifier does not match (a code from another sign-in)', async () => {
      const pom = await person();
      const first = await consent(pom, 'google', pom.user.email);
      const second = await consent(pom, 'google', pom.user.email);
      const swapped = await t
        .http()
        .post('/api/users/me/smtp/oauth/callback')
        .set(bearer(pom.token))
        .send({ state: second.state, code: first.code })
        .expect(502);
      expect(swapped.body.code).toBe(ErrorCode.OAUTH_EXCHANGE_FAILED);
      expect(await storedMailbox(pom.user.id)).toBeUndefined();
    });

    it('refuses an account that is not the owner’s address', async () => {
      const pom = await person();
      const { state, code } = await consent(pom, 'google', 'someone.else@gmail.example');
      const refused = await t.http().post('/api/users/me/smtp/oauth/callback').set(bearer(pom.token)).send({ state, code }).expect(403);
      expect(refused.body.code).toBe(ErrorCode.OAUTH_ACCOUNT_MISMATCH);
      expect(refused.body.message).toContain('someone.else@gmail.example');
      expect(await storedMailbox(pom.user.id)).toBeUndefined();
    });

    it("takes the account only from a verified claim: Google's email when email_verified is true, never the sign-in name", async () => {
      const pom = await person();
      google.emailVerified = false;
      try {
        const { state, code } = await consent(pom, 'google', pom.user.email);
        const refused = await t.http().post('/api/users/me/smtp/oauth/callback').set(bearer(pom.token)).send({ state, code }).expect(403);
        expect(refused.body.code).toBe(ErrorCode.OAUTH_ACCOUNT_MISMATCH);
        expect(refused.body.message).toContain('an account without an email address');
        expect(await storedMailbox(pom.user.id)).toBeUndefined();
      } finally {
        google.emailVerified = true;
      }
    });

    it("accepts the account a superuser set as the mailbox's address, and only that one besides the owner's", async () => {
      const pom = await person();
      const superuser = await person('superuser');
      await t
        .http()
        .put(`/api/users/${pom.user.id}/smtp`)
        .set(bearer(superuser.token))
        .send({ provider: 'gmail', fromEmail: 'sales.team@gmail.example', password: 'app-password-0000' })
        .expect(200);
      const callback = async (account: string) => {
        const { state, code } = await consent(pom, 'google', account);
        return t.http().post('/api/users/me/smtp/oauth/callback').set(bearer(pom.token)).send({ state, code });
      };
      expect((await callback('someone.else@gmail.example')).status).toBe(403);
      expect((await callback('sales.team@gmail.example')).status).toBe(200);
      expect(await storedMailbox(pom.user.id)).toMatchObject({ from_email: 'sales.team@gmail.example', username: 'sales.team@gmail.example' });
    });

    it('reports a declined consent (access_denied) and changes nothing', async () => {
      const pom = await person();
      const { state } = await consent(pom, 'microsoft', pom.user.email);
      const denied = await t
        .http()
        .post('/api/users/me/smtp/oauth/callback')
        .set(bearer(pom.token))
        .send({ state, error: 'access_denied', errorDescription: 'The user declined.' })
        .expect(400);
      expect(denied.body.code).toBe(ErrorCode.OAUTH_CONSENT_DENIED);
      expect(denied.body.message).toContain('Connect with Microsoft');
      expect(await storedMailbox(pom.user.id)).toBeUndefined();
    });
  });

  it('lets a superuser send a connect link that only its addressee can use, once, also without self-service; superusers list and revoke them', async () => {
    const locked = await createTestApp({ ...env, ALLOW_SELF_SERVICE_SMTP: 'false' });
    try {
      const norbert = await locked.createUser('superuser');
      const superToken = (await locked.login(norbert.email)).accessToken;
      const pom = await locked.createUser('sales');
      const pomToken = (await locked.login(pom.email)).accessToken;
      const keith = await locked.createUser('sales');
      const keithToken = (await locked.login(keith.email)).accessToken;
      const start = (token: string, invite: string, provider = 'google') =>
        locked.http().post(`/api/users/me/smtp/oauth/${provider}`).set(bearer(token)).send({ invite });

      const refused = await locked.http().post('/api/users/me/smtp/oauth/google').set(bearer(pomToken)).send({}).expect(403);
      expect(refused.body.code).toBe(ErrorCode.SMTP_SELF_SERVICE_DISABLED);
      const link = await locked.http().post(`/api/users/${pom.id}/smtp/oauth/google/link`).set(bearer(superToken)).send({}).expect(200);
      const invite = new URL(link.body.url).searchParams.get('invite')!;
      expect(new URL(link.body.url).pathname).toBe('/settings/mailbox');
      const [stored] = await locked.app.get(DataSource).query(`SELECT token_hash FROM invitations WHERE user_id = $1`, [pom.id]);
      expect(stored.token_hash).not.toContain(invite); // only its hash is kept

      for (const attempt of [start(keithToken, invite), start(pomToken, invite, 'microsoft')]) {
        const response = await attempt;
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ code: ErrorCode.INVITATION_INVALID, message: expect.stringContaining('ask your superuser for a new one') });
      }
      google.account = pom.email;
      const started = await start(pomToken, invite).expect(200);
      const back = new URL((await fetch(started.body.authorizationUrl, { redirect: 'manual' })).headers.get('location')!);
      await locked
        .http()
        .post('/api/users/me/smtp/oauth/callback')
        .set(bearer(pomToken))
        .send({ state: back.searchParams.get('state'), code: back.searchParams.get('code') })
        .expect(200);
      expect((await start(pomToken, invite)).body.code).toBe(ErrorCode.INVITATION_INVALID); // used: once only

      const second = await locked.http().post(`/api/users/${keith.id}/smtp/oauth/microsoft/link`).set(bearer(superToken)).send({}).expect(200);
      const listed = ((await locked.http().get('/api/invitations').set(bearer(superToken)).expect(200)).body as InvitationDto[]).filter((row) =>
        [pom.id, keith.id].includes(row.user.id),
      );
      expect(listed.map((row) => [row.user.id, row.provider, row.status, row.createdBy?.id])).toEqual([
        [keith.id, 'microsoft', 'pending', norbert.id],
        [pom.id, 'google', 'used', norbert.id],
      ]);
      expect(JSON.stringify(listed)).not.toContain(invite);
      const revoked = await locked.http().post(`/api/invitations/${listed[0].id}/revoke`).set(bearer(superToken)).expect(200);
      expect(revoked.body.status).toBe('revoked');
      expect((await start(keithToken, new URL(second.body.url).searchParams.get('invite')!, 'microsoft')).body.code).toBe(ErrorCode.INVITATION_INVALID);
      const again = await locked.http().post(`/api/invitations/${listed[0].id}/revoke`).set(bearer(superToken));
      expect(again.status).toBe(409);
      expect(again.body.code).toBe(ErrorCode.INVITATION_SETTLED);
      expect((await locked.http().get('/api/invitations').set(bearer(pomToken))).status).toBe(403);
    } finally {
      await locked.close();
    }
  });

  it('never returns or logs a refresh token, access token or client secret', async () => {
    const secrets = [
      ...google.issuedRefreshTokens,
      ...microsoft.issuedRefreshTokens,
      ...google.validAccessTokens,
      'google-client-secret-value',
      'microsoft-client-secret-value',
    ];
    expect(secrets.length).toBeGreaterThan(4);
    const output = [...responses, ...t.logs].join('\n');
    for (const secret of secrets) expect(output).not.toContain(secret);
  });
});
