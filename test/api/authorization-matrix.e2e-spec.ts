import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { DataSource } from 'typeorm';
import { DOCUMENT_PATHS, type DocumentType, ErrorCode, type Role } from '@sendas/contracts';
import { DevMailMessage } from '../../apps/api/src/email/dev-mailbox/dev-mail-message.entity';
import type { User } from '../../apps/api/src/users/user.entity';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';

/**
 * Every route of the OpenAPI document, called by every role on the caller's own object and on someone else's.
 * A cell says whether the call gets past authorization ('allow') or is refused ('deny'). Refused means an
 * access answer: 401/403, or the 404 that hides an object the caller may not see. Anything else (a 2xx, or a
 * 4xx about the input or state such as "no mailbox set up") means the caller was let through. A route added
 * to the API without a row here fails the first test.
 */

type Verdict = 'allow' | 'deny';
/** [own object, someone else's object]; routes without an object use the same verdict twice. */
type Cell = readonly [Verdict, Verdict];
const ROLES_UNDER_TEST: Role[] = ['superuser', 'admin', 'sales', 'finance'];
const DENIAL_CODES = new Set<string>([
  ErrorCode.AUTH_REQUIRED,
  ErrorCode.FORBIDDEN_ROLE,
  ErrorCode.DOCUMENT_READ_ONLY,
  ErrorCode.DOCUMENT_NOT_FOUND,
  ErrorCode.COMPANY_NOT_FOUND,
  ErrorCode.CONTACT_NOT_FOUND,
  ErrorCode.DEV_MAIL_NOT_FOUND,
  ErrorCode.OUTBOX_NOT_FOUND,
  ErrorCode.BULK_NOT_FOUND,
]);

const ALL: Cell = ['allow', 'allow'];
const NONE: Cell = ['deny', 'deny'];
const OWN_ONLY: Cell = ['allow', 'deny'];
const everyone = { superuser: ALL, admin: ALL, sales: ALL, finance: ALL };
const adminsOnly = { superuser: ALL, admin: ALL, sales: NONE, finance: NONE };
const superuserOnly = { superuser: ALL, admin: NONE, sales: NONE, finance: NONE };
/** Documents and companies: admins all, sales their own (owned or managed), finance reads all. */
const readers = { superuser: ALL, admin: ALL, sales: OWN_ONLY, finance: ALL };
const writers = (financeWrites: boolean) => ({ superuser: ALL, admin: ALL, sales: OWN_ONLY, finance: financeWrites ? ALL : NONE });

/** What one role owns (or manages), and what belongs to someone else. */
interface Objects {
  user: User;
  company: string;
  contact: string;
  documents: Record<DocumentType, string>;
  devMail: string;
  /** A send later through this user's mailbox (scheduled by a superuser on their behalf). */
  scheduled: string;
  /** A bulk send this user started (of their own invoice). */
  bulk?: string;
}

/** A local time an hour ahead, in UTC. */
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString().slice(0, 16);

interface Call {
  path: string;
  body?: object;
  headers?: Record<string, string>;
}

interface Row {
  call: (target: Objects) => Call;
  expected: Record<Role, Cell>;
}

const LINE = { description: 'Background music licence', quantity: 1, unitPrice: '100.00', taxRate: 7 };
const INVALID_MAILBOX = { host: '' };

function documentRows(type: DocumentType): Record<string, Row> {
  const base = `/api/${DOCUMENT_PATHS[type]}`;
  const financeWrites = type === 'invoice';
  const doc = (target: Objects) => `${base}/${target.documents[type]}`;
  return {
    [`GET ${base}`]: { call: () => ({ path: base }), expected: everyone },
    [`POST ${base}`]: {
      call: (target) => ({ path: base, body: { companyId: target.company, currency: 'THB', lines: [LINE] } }),
      expected: { superuser: ALL, admin: ALL, sales: OWN_ONLY, finance: financeWrites ? ALL : NONE },
    },
    [`GET ${base}/{id}`]: { call: (target) => ({ path: doc(target) }), expected: readers },
    [`PATCH ${base}/{id}`]: { call: (target) => ({ path: doc(target), body: { notes: 'checked' } }), expected: writers(financeWrites) },
    [`GET ${base}/{id}/pdf`]: { call: (target) => ({ path: `${doc(target)}/pdf` }), expected: readers },
    // a copy of the same type: readers who may also create this type
    [`POST ${base}/{id}/copy`]: { call: (target) => ({ path: `${doc(target)}/copy`, body: {} }), expected: writers(financeWrites) },
    [`GET ${base}/{id}/email-draft`]: { call: (target) => ({ path: `${doc(target)}/email-draft` }), expected: writers(financeWrites) },
    // an invalid body: writers get past the document check to VALIDATION_FAILED, and nothing is kept
    [`PUT ${base}/{id}/email-draft/saved`]: { call: (target) => ({ path: `${doc(target)}/email-draft/saved`, body: {} }), expected: writers(financeWrites) },
    [`DELETE ${base}/{id}/email-draft/saved`]: { call: (target) => ({ path: `${doc(target)}/email-draft/saved` }), expected: writers(financeWrites) },
    [`POST ${base}/{id}/send`]: {
      call: (target) => ({
        path: `${doc(target)}/send`,
        body: { recipients: ['buyer@customer.example'], subject: 'Your document', body: 'Attached.' },
        headers: { 'Idempotency-Key': randomUUID() },
      }),
      expected: writers(financeWrites),
    },
    [`GET ${base}/{id}/emails`]: { call: (target) => ({ path: `${doc(target)}/emails` }), expected: readers },
    // an id of no send: readers get past the document check to EMAIL_NOT_FOUND
    [`GET ${base}/{id}/emails/{emailId}`]: { call: (target) => ({ path: `${doc(target)}/emails/${randomUUID()}` }), expected: readers },
    [`POST ${base}/{id}/schedule`]: {
      call: (target) => ({
        path: `${doc(target)}/schedule`,
        body: { recipients: ['buyer@customer.example'], subject: 'Later', body: 'Attached.', sendAt: inAnHour(), timeZone: 'UTC' },
      }),
      expected: writers(financeWrites),
    },
    [`GET ${base}/{id}/scheduled`]: { call: (target) => ({ path: `${doc(target)}/scheduled` }), expected: readers },
  };
}

const ROUTES: Record<string, Row> = {
  'POST /api/auth/login': { call: (target) => ({ path: '/api/auth/login', body: { email: target.user.email, password: TEST_PASSWORD } }), expected: everyone },
  // renewal goes by the session cookie only: a bearer token of any role is refused
  'POST /api/auth/refresh': { call: () => ({ path: '/api/auth/refresh' }), expected: { superuser: NONE, admin: NONE, sales: NONE, finance: NONE } },
  'POST /api/auth/logout': { call: () => ({ path: '/api/auth/logout' }), expected: everyone },
  'GET /api/auth/me': { call: () => ({ path: '/api/auth/me' }), expected: everyone },
  'POST /api/auth/password-reset': { call: () => ({ path: '/api/auth/password-reset', body: { email: 'nobody@test.example' } }), expected: everyone },
  'POST /api/auth/password-reset/complete': {
    call: () => ({ path: '/api/auth/password-reset/complete', body: { token: 'not-a-token-that-was-ever-mailed', newPassword: 'long-enough-password' } }),
    expected: everyone,
  },
  'POST /api/auth/password': { call: () => ({ path: '/api/auth/password', body: { currentPassword: 'wrong', newPassword: 'short' } }), expected: everyone },
  'GET /api/health': { call: () => ({ path: '/api/health' }), expected: everyone },

  'PATCH /api/users/me': { call: () => ({ path: '/api/users/me', body: {} }), expected: everyone },
  'GET /api/users/directory': { call: () => ({ path: '/api/users/directory' }), expected: adminsOnly },
  'GET /api/users': { call: () => ({ path: '/api/users' }), expected: superuserOnly },
  'POST /api/users': { call: () => ({ path: '/api/users', body: {} }), expected: superuserOnly },
  'GET /api/users/{id}': { call: (target) => ({ path: `/api/users/${target.user.id}` }), expected: superuserOnly },
  'PATCH /api/users/{id}': { call: (target) => ({ path: `/api/users/${target.user.id}`, body: { role: 'nobody' } }), expected: superuserOnly },

  'GET /api/users/me/smtp': { call: () => ({ path: '/api/users/me/smtp' }), expected: everyone },
  'PUT /api/users/me/smtp': { call: () => ({ path: '/api/users/me/smtp', body: INVALID_MAILBOX }), expected: everyone },
  'DELETE /api/users/me/smtp': { call: () => ({ path: '/api/users/me/smtp' }), expected: everyone },
  'POST /api/users/me/smtp/verify': { call: () => ({ path: '/api/users/me/smtp/verify', body: INVALID_MAILBOX }), expected: everyone },
  'GET /api/users/{id}/smtp': { call: (target) => ({ path: `/api/users/${target.user.id}/smtp` }), expected: superuserOnly },
  'PUT /api/users/{id}/smtp': { call: (target) => ({ path: `/api/users/${target.user.id}/smtp`, body: INVALID_MAILBOX }), expected: superuserOnly },
  'DELETE /api/users/{id}/smtp': { call: (target) => ({ path: `/api/users/${target.user.id}/smtp` }), expected: superuserOnly },
  'POST /api/users/{id}/smtp/verify': {
    call: (target) => ({ path: `/api/users/${target.user.id}/smtp/verify`, body: INVALID_MAILBOX }),
    expected: superuserOnly,
  },
  'GET /api/users/{id}/smtp/history': { call: (target) => ({ path: `/api/users/${target.user.id}/smtp/history` }), expected: superuserOnly },
  'GET /api/mailboxes': { call: () => ({ path: '/api/mailboxes' }), expected: superuserOnly },
  'POST /api/users/me/api-keys': { call: () => ({ path: '/api/users/me/api-keys', body: { name: '' } }), expected: everyone },
  'GET /api/users/me/api-keys': { call: () => ({ path: '/api/users/me/api-keys' }), expected: everyone },
  'DELETE /api/users/me/api-keys/{id}': { call: () => ({ path: `/api/users/me/api-keys/${randomUUID()}` }), expected: everyone },
  'GET /api/api-keys': { call: () => ({ path: '/api/api-keys' }), expected: superuserOnly },
  'DELETE /api/api-keys/{id}': { call: () => ({ path: `/api/api-keys/${randomUUID()}` }), expected: superuserOnly },
  'GET /api/organisation': { call: () => ({ path: '/api/organisation' }), expected: everyone },
  'PUT /api/organisation': { call: () => ({ path: '/api/organisation', body: {} }), expected: superuserOnly },
  'GET /api/invitations': { call: () => ({ path: '/api/invitations' }), expected: superuserOnly },
  // an unknown invitation: a superuser gets past authorization to INVITATION_NOT_FOUND
  'POST /api/invitations/{id}/revoke': { call: () => ({ path: `/api/invitations/${randomUUID()}/revoke` }), expected: superuserOnly },
  'GET /api/mailboxes/oauth/providers': { call: () => ({ path: '/api/mailboxes/oauth/providers' }), expected: everyone },
  'POST /api/users/me/smtp/oauth/{provider}': { call: () => ({ path: '/api/users/me/smtp/oauth/google', body: {} }), expected: everyone },
  'POST /api/users/me/smtp/oauth/callback': {
    call: () => ({ path: '/api/users/me/smtp/oauth/callback', body: { state: 'not-a-state-of-anyone' } }),
    expected: everyone,
  },
  'POST /api/users/{id}/smtp/oauth/{provider}/link': {
    call: (target) => ({ path: `/api/users/${target.user.id}/smtp/oauth/google/link`, body: {} }),
    expected: superuserOnly,
  },

  'GET /api/companies': { call: () => ({ path: '/api/companies' }), expected: everyone },
  'POST /api/companies': {
    call: (target) => ({ path: '/api/companies', body: { name: `Matrix ${randomUUID()}`, country: 'TH', accountManagerId: target.user.id } }),
    expected: { superuser: ALL, admin: ALL, sales: OWN_ONLY, finance: NONE },
  },
  'GET /api/companies/{id}': { call: (target) => ({ path: `/api/companies/${target.company}` }), expected: readers },
  'PATCH /api/companies/{id}': {
    call: (target) => ({ path: `/api/companies/${target.company}`, body: { billingAddress: 'Checked' } }),
    expected: writers(false),
  },
  'POST /api/companies/{id}/contacts': {
    call: (target) => ({ path: `/api/companies/${target.company}/contacts`, body: { name: 'New Buyer', email: 'new.buyer@customer.example' } }),
    expected: writers(false),
  },
  'PATCH /api/contacts/{id}': { call: (target) => ({ path: `/api/contacts/${target.contact}`, body: { title: 'Buyer' } }), expected: writers(false) },

  ...documentRows('quote'),
  ...documentRows('contract'),
  ...documentRows('invoice'),
  'GET /api/emails': { call: () => ({ path: '/api/emails' }), expected: adminsOnly },
  'GET /api/outbox': { call: () => ({ path: '/api/outbox' }), expected: everyone },
  'GET /api/outbox/{id}': { call: (target) => ({ path: `/api/outbox/${target.scheduled}` }), expected: { ...adminsOnly, sales: OWN_ONLY, finance: OWN_ONLY } },
  // a time that has passed: who may see the send gets past authorization to SEND_AT_INVALID, nothing changes
  'PATCH /api/outbox/{id}': {
    call: (target) => ({ path: `/api/outbox/${target.scheduled}`, body: { sendAt: '2020-01-01T09:00', timeZone: 'UTC' } }),
    expected: { ...adminsOnly, sales: OWN_ONLY, finance: OWN_ONLY },
  },
  'POST /api/outbox/bulk': {
    call: (target) => ({ path: '/api/outbox/bulk', body: { documentType: 'invoice', documentIds: [target.documents.invoice] } }),
    expected: writers(true),
  },
  'POST /api/outbox/bulk/preview': {
    call: (target) => ({ path: '/api/outbox/bulk/preview', body: { documentType: 'invoice', documentIds: [target.documents.invoice] } }),
    expected: writers(true),
  },
  'GET /api/outbox/bulk/{id}': {
    call: (target) => ({ path: `/api/outbox/bulk/${target.bulk}` }),
    expected: { ...adminsOnly, sales: OWN_ONLY, finance: OWN_ONLY },
  },
  'POST /api/outbox/bulk/{id}/cancel': {
    call: (target) => ({ path: `/api/outbox/bulk/${target.bulk}/cancel` }),
    expected: { ...adminsOnly, sales: OWN_ONLY, finance: OWN_ONLY },
  },
  'GET /api/outbox/bulk/{id}/outcome.csv': {
    call: (target) => ({ path: `/api/outbox/bulk/${target.bulk}/outcome.csv` }),
    expected: { ...adminsOnly, sales: OWN_ONLY, finance: OWN_ONLY },
  },
  'POST /api/outbox/{id}/cancel': {
    call: (target) => ({ path: `/api/outbox/${target.scheduled}/cancel` }),
    expected: { ...adminsOnly, sales: OWN_ONLY, finance: OWN_ONLY },
  },
  'GET /api/email-templates': { call: () => ({ path: '/api/email-templates' }), expected: adminsOnly },
  // an invalid template: admins get past authorization (400), nothing is changed for the other test files
  'PUT /api/email-templates/{documentType}/{language}': {
    call: () => ({ path: '/api/email-templates/quote/en', body: { subject: 'x', body: '{{nope}}' } }),
    expected: adminsOnly,
  },
  'POST /api/email-templates/preview': {
    call: (target) => ({ path: '/api/email-templates/preview', body: { documentType: 'quote', documentId: target.documents.quote, subject: 'x', body: 'y' } }),
    expected: { superuser: ALL, admin: ALL, sales: NONE, finance: NONE },
  },

  'GET /api/dev/mailbox': { call: () => ({ path: '/api/dev/mailbox' }), expected: everyone },
  'GET /api/dev/mailbox/{id}': {
    call: (target) => ({ path: `/api/dev/mailbox/${target.devMail}` }),
    expected: { ...adminsOnly, sales: OWN_ONLY, finance: OWN_ONLY },
  },
  'GET /api/dev/mailbox/{id}/attachments/{index}': {
    call: (target) => ({ path: `/api/dev/mailbox/${target.devMail}/attachments/0` }),
    expected: { ...adminsOnly, sales: OWN_ONLY, finance: OWN_ONLY },
  },
};

describe('Authorization matrix (e2e): every route × every role × own and someone else’s object', () => {
  let t: TestApp;
  const actors = {} as Record<Role, { token: string; own: Objects }>;
  let someoneElses: Objects;

  async function objectsOf(user: User, superuserToken: string): Promise<Objects> {
    const as = { Authorization: `Bearer ${superuserToken}` };
    const company = (
      await t
        .http()
        .post('/api/companies')
        .set(as)
        .send({ name: `Of ${user.name} ${randomUUID()}`, country: 'TH', accountManagerId: user.id })
        .expect(201)
    ).body.id as string;
    const contact = (
      await t.http().post(`/api/companies/${company}/contacts`).set(as).send({ name: 'Buyer', email: 'buyer@customer.example', isPrimary: true }).expect(201)
    ).body.id as string;
    const documents = {} as Record<DocumentType, string>;
    for (const type of ['quote', 'contract', 'invoice'] as const) {
      const created = await t
        .http()
        .post(`/api/${DOCUMENT_PATHS[type]}`)
        .set(as)
        .send({ companyId: company, ownerId: user.id, currency: 'THB', lines: [LINE] })
        .expect(201);
      documents[type] = created.body.id;
    }
    const raw = await new MailComposer({
      from: user.email,
      to: 'buyer@customer.example',
      subject: `Caught for ${user.name}`,
      text: 'Attached.',
      attachments: [{ filename: 'quote.pdf', content: Buffer.from('%PDF-1.4') }],
    })
      .compile()
      .build();
    const devMail = await t.app
      .get(DataSource)
      .getRepository(DevMailMessage)
      .save({
        authUser: user.email,
        envelopeFrom: user.email,
        envelopeTo: ['buyer@customer.example'],
        toHeader: ['buyer@customer.example'],
        fromHeader: user.email,
        subject: `Caught for ${user.name}`,
        size: raw.length,
        raw: raw.toString(),
      });
    const scheduled = await t
      .http()
      .post(`/api/invoices/${documents.invoice}/schedule`)
      .set(as)
      .send({ recipients: ['buyer@customer.example'], subject: 'Later', body: 'Attached.', sendAt: inAnHour(), timeZone: 'UTC', onBehalfOfUserId: user.id })
      .expect(201);
    return { user, company, contact, documents, devMail: devMail.id, scheduled: scheduled.body.id };
  }

  beforeAll(async () => {
    t = await createTestApp();
    const superuser = await t.createUser('superuser');
    const superuserToken = (await t.login(superuser.email)).accessToken;
    for (const role of ROLES_UNDER_TEST) {
      const user = role === 'superuser' ? superuser : await t.createUser(role);
      actors[role] = { token: role === 'superuser' ? superuserToken : (await t.login(user.email)).accessToken, own: await objectsOf(user, superuserToken) };
    }
    const someoneElse = await t.createUser('sales', { name: 'Someone Else' });
    someoneElses = await objectsOf(someoneElse, superuserToken);
    // each starts a bulk send of their own invoice
    const bulkOf = async (token: string, objects: Objects) =>
      (objects.bulk = (
        await t
          .http()
          .post('/api/outbox/bulk')
          .set({ Authorization: `Bearer ${token}` })
          .send({ documentType: 'invoice', documentIds: [objects.documents.invoice] })
          .expect(201)
      ).body.id as string);
    for (const role of ROLES_UNDER_TEST) await bulkOf(actors[role].token, actors[role].own);
    await bulkOf((await t.login(someoneElse.email)).accessToken, someoneElses);
  });
  afterAll(() => t.close());

  it('has a row for every route in the OpenAPI document, and no row for a route that is gone', async () => {
    const openApi = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(openApi.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(Object.keys(ROUTES).sort()).toEqual(documented.sort());
  });

  function send(method: string, call: Call, token?: string) {
    const request = t.http()[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](call.path);
    if (token) request.set('Authorization', `Bearer ${token}`);
    if (call.headers) request.set(call.headers);
    return call.body ? request.send(call.body) : request;
  }

  const verdictOf = (response: { status: number; body: { code?: string } }): Verdict =>
    response.status === 401 || response.status === 403 || DENIAL_CODES.has(response.body?.code ?? '') ? 'deny' : 'allow';

  it.each(Object.keys(ROUTES))('%s', async (route) => {
    const [method] = route.split(' ');
    const { call, expected } = ROUTES[route];
    const wrong: string[] = [];
    for (const role of ROLES_UNDER_TEST) {
      for (const [index, whose] of (['own', 'someone else’s'] as const).entries()) {
        const target = whose === 'own' ? actors[role].own : someoneElses;
        const response = await send(method, call(target), actors[role].token);
        const verdict = verdictOf(response);
        if (verdict !== expected[role][index]) {
          wrong.push(`${role} on ${whose}: ${verdict} (${response.status} ${response.body?.code ?? ''}), expected ${expected[role][index]}`);
        }
      }
    }
    expect(wrong).toEqual([]);

    // and without a token: only the public routes answer
    const anonymous = await send(method, call(someoneElses));
    const isPublic = [
      'POST /api/auth/login',
      'POST /api/auth/logout',
      'POST /api/auth/password-reset',
      'POST /api/auth/password-reset/complete',
      'GET /api/health',
    ].includes(route);
    if (isPublic) expect(anonymous.status).not.toBe(401);
    else expect(anonymous.body.code).toBe(ErrorCode.AUTH_REQUIRED);
  });
});
