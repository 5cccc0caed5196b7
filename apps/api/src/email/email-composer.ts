import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import type { DocumentDetailDto, DocumentType } from '@sendas/contracts';
import { longDate } from '../documents/format';
import { formatAmount } from '../documents/money';

/** Default wording per document type; the sender edits it in the dialog before sending. */
const SUBJECTS: Record<DocumentType, string> = {
  quote: 'Quote {{number}} from {{org}}',
  contract: 'Contract {{number}} from {{org}}',
  invoice: 'Invoice {{number}} from {{org}}',
};

const BODIES: Record<DocumentType, string> = {
  quote: `Dear {{greetingName}},

Thank you for your interest. Please find attached our quote {{number}} for {{company}}, totalling {{currency}} {{total}}.
The quote is valid until {{validUntil}}.

If you have any questions, just reply to this email.

Kind regards,`,
  contract: `Dear {{greetingName}},

Please find attached contract {{number}} for {{company}}, covering {{startDate}} to {{endDate}} ({{currency}} {{total}}).
Please review it, and reply to this email if anything needs changing.

Kind regards,`,
  invoice: `Dear {{greetingName}},

Please find attached invoice {{number}} for {{company}} over {{currency}} {{total}}, due on {{dueDate}}.
Please quote {{number}} with your payment.

Kind regards,`,
};

/** A simple branded layout; `content` is HTML already escaped by the composer. */
const LAYOUT = Handlebars.compile(
  `<!doctype html>
<html><body style="margin:0;padding:0;background:#f6f6f6;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f6f6f6;padding:24px 0;">
<tr><td align="center">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-top:4px solid #FFA500;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#1f1f1f;">
<tr><td style="padding:24px 32px;">{{{content}}}</td></tr>
{{#if attachment}}<tr><td style="padding:0 32px 24px;color:#666666;font-size:12px;">Attached: {{attachment}}</td></tr>{{/if}}
</table>
</td></tr></table>
</body></html>`,
  { strict: true },
);

const compiled = (templates: Record<DocumentType, string>) =>
  Object.fromEntries(
    Object.entries(templates).map(([type, template]) => [type, Handlebars.compile(template, { noEscape: true, strict: true })]),
  ) as Record<DocumentType, HandlebarsTemplateDelegate>;
const SUBJECT_TEMPLATES = compiled(SUBJECTS);
const BODY_TEMPLATES = compiled(BODIES);

/** Paragraphs (blank lines) and line breaks of plain text, as escaped HTML. */
function paragraphs(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => `<p style="margin:0 0 12px;">${Handlebars.escapeExpression(paragraph).replace(/\r?\n/g, '<br>')}</p>`)
    .join('\n');
}

export interface ComposedBodies {
  text: string;
  html: string;
}

@Injectable()
export class EmailComposer {
  /** The suggested subject and body for a document, addressed to the first recipient as they like to be greeted. */
  draft(document: DocumentDetailDto, org: string, greetingName: string | undefined): { subject: string; body: string } {
    const context = {
      number: document.number,
      org,
      company: document.company.name,
      greetingName: greetingName?.trim() || 'Sir or Madam',
      currency: document.currency,
      total: formatAmount(document.total),
      validUntil: longDate(document.validUntil),
      startDate: longDate(document.startDate),
      endDate: longDate(document.endDate),
      dueDate: longDate(document.dueDate),
    };
    return { subject: SUBJECT_TEMPLATES[document.type](context), body: BODY_TEMPLATES[document.type](context) };
  }

  /** The final plain-text and HTML parts: the sender's text (escaped), then their signature. */
  compose(body: string, signature: string, attachmentName: string | null): ComposedBodies {
    const text = signature.trim() ? `${body.trimEnd()}\n\n-- \n${signature.trim()}\n` : `${body.trimEnd()}\n`;
    const signatureHtml = signature.trim()
      ? `<p style="margin:16px 0 0;color:#444444;">${Handlebars.escapeExpression(signature.trim()).replace(/\r?\n/g, '<br>')}</p>`
      : '';
    return { text, html: LAYOUT({ content: paragraphs(body) + signatureHtml, attachment: attachmentName ?? '' }) };
  }
}
