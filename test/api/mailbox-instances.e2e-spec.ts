import { randomBytes } from 'node:crypto';
import { draftQuote } from '../support/documents';
import { type SmtpPeer, startSmtpPeer } from '../support/smtp-peers';
import { createTestApp, type TestApp } from '../support/test-app';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * Two instances on one database. An instance keeps the mailboxes it sent through, and a pool per mailbox version; a
 * mailbox deleted and created again elsewhere gets numbers no earlier mailbox had (migration MailboxIdentity), so the
 * other instance's next send notices and never reaches the old server with the old password.
 */
describe('A mailbox deleted and created again on another instance (e2e)', () => {
  let a: TestApp;
  let b: TestApp;
  const peers: SmtpPeer[] = [];

  beforeAll(async () => {
    // instances of one installation share their keys (each would otherwise make its own in its DATA_DIR)
    const shared = { SECRETS_KEYS: `k1:${randomBytes(32).toString('base64')}` };
    a = await createTestApp(shared);
    b = await createTestApp(shared);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await Promise.all(peers.map((peer) => peer.close()));
  });

  it('is not used again by the other instance: its next send goes to the new server with the new password', async () => {
    const superuser = await a.createUser('superuser');
    const onA = { token: (await a.login(superuser.email)).accessToken };
    const onB = { token: (await b.login(superuser.email)).accessToken };
    const vic = await a.createUser('sales', { name: 'Vic' });
    const vicOnA = { token: (await a.login(vic.email)).accessToken };
    const oldPeer = await startSmtpPeer({ accounts: { [vic.email]: 'old-app-password' } });
    const newPeer = await startSmtpPeer({ accounts: { [vic.email]: 'new-app-password' } });
    peers.push(oldPeer, newPeer);
    const mailbox = (peer: SmtpPeer, password: string) => ({ provider: 'custom', host: '127.0.0.1', port: peer.port, security: 'none', password });
    await b.http().put(`/api/users/${vic.id}/smtp`).set(bearer(onB.token)).send(mailbox(oldPeer, 'old-app-password')).expect(200);

    const quote = await draftQuote(a, onA, vicOnA, { name: 'Napa', email: 'napa@customer.example' });
    const send = (key: string) =>
      a
        .http()
        .post(`/api/quotes/${quote.id}/send`)
        .set(bearer(vicOnA.token))
        .set('Idempotency-Key', key)
        .send({ recipients: ['napa@customer.example'], subject: `Quote ${key}`, body: 'Hello', attachPdf: false });
    const first = await send('through-the-old-mailbox');
    expect(first.body).toMatchObject({ accepted: ['napa@customer.example'] }); // instance A now keeps the mailbox and its pool
    expect(oldPeer.received).toHaveLength(1);

    await b.http().delete(`/api/users/${vic.id}/smtp`).set(bearer(onB.token)).expect(204);
    await b.http().put(`/api/users/${vic.id}/smtp`).set(bearer(onB.token)).send(mailbox(newPeer, 'new-app-password')).expect(200);

    const after = await send('through-the-new-mailbox');
    expect(after.status).toBe(201);
    expect(newPeer.received).toHaveLength(1);
    expect(oldPeer.received).toHaveLength(1);
    expect(oldPeer.auths.length).toBeLessThanOrEqual(1);
  });
});
