/**
 * Quickstart: send the oldest draft invoice to its billing contact, the way an ERP or a month-end script would.
 *
 *   SENDAS_URL=http://localhost:3000 SENDAS_API_KEY=sk_... npx tsx examples/send-invoice.ts
 *
 * Everything is typed by the generated client (libs/api-client); test/api/quickstart.e2e-spec.ts runs it against the app.
 */
import { randomUUID } from 'node:crypto';
import { createSendasClient, type Schemas } from '../libs/api-client';

export interface QuickstartResult {
  invoice: Schemas['DocumentSummaryDto'];
  sent: Schemas['SendEmailResult'];
  history: Schemas['EmailMessageDto'][];
}

/** Fails loudly with the API's own code and message. */
function ok<T>(result: { data?: T; error?: unknown }, what: string): T {
  if (result.data === undefined) throw new Error(`${what} failed: ${JSON.stringify(result.error)}`);
  return result.data;
}

export async function sendOldestDraftInvoice(baseUrl: string, apiKey: string, log: (line: string) => void = console.log): Promise<QuickstartResult> {
  const api = createSendasClient(baseUrl, apiKey);

  // 1. The oldest draft invoice this key's owner may see.
  const page = ok(await api.GET('/api/invoices', { params: { query: { status: 'draft', sort: 'date', pageSize: 1 } } }), 'Listing invoices');
  const invoice = page.items[0];
  if (!invoice) throw new Error('There is no draft invoice to send.');
  log(`Invoice ${invoice.number} for ${invoice.company.name}: ${invoice.currency} ${invoice.total}`);

  // 2. The email Sendas suggests: sender, recipients (billing contact preselected), subject and body from the template.
  const draft = ok(await api.GET('/api/invoices/{id}/email-draft', { params: { path: { id: invoice.id } } }), 'Getting the email draft');
  const recipients = draft.recipients.filter((recipient) => recipient.preselected).map((recipient) => recipient.email);
  log(`From ${draft.from.name} <${draft.from.email}> to ${recipients.join(', ')}: ${draft.subject}`);

  // 3. Send it once: a retry with the same Idempotency-Key returns the first result instead of sending again.
  const idempotencyKey = randomUUID();
  const sent = ok(
    await api.POST('/api/invoices/{id}/send', {
      params: { path: { id: invoice.id }, header: { 'Idempotency-Key': idempotencyKey } },
      body: { recipients, subject: draft.subject, body: draft.body, attachPdf: true },
    }),
    'Sending',
  );
  log(`Sent: Message-ID ${sent.messageId}, accepted ${sent.accepted.join(', ')}`);

  // 4. What the document's history now says.
  const history = ok(await api.GET('/api/invoices/{id}/emails', { params: { path: { id: invoice.id } } }), 'Reading the history');
  log(`History: ${history.map((entry) => `${entry.status} by ${entry.actor.name}${entry.apiKey ? ` (key "${entry.apiKey}")` : ''}`).join('; ')}`);
  return { invoice, sent, history };
}

if (require.main === module) {
  const [baseUrl, apiKey] = [process.env.SENDAS_URL ?? 'http://localhost:3000', process.env.SENDAS_API_KEY];
  if (!apiKey) {
    console.error('Set SENDAS_API_KEY to an API key (Settings > API keys in Sendas).');
    process.exit(2);
  }
  sendOldestDraftInvoice(baseUrl, apiKey).catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
