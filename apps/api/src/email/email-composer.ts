import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import type { AccountMailMessage } from '../auth';

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

/** A mail about a person's own account: paragraphs, one button (its URL on its own line in the text part), paragraphs. */
export function accountMailBodies(message: AccountMailMessage): ComposedBodies {
  const { before, action, after } = message;
  const text = [...before, `${action.label}:\n${action.url}`, ...after].join('\n\n') + '\n';
  const url = Handlebars.escapeExpression(action.url);
  const button =
    `<p style="margin:8px 0 20px;"><a href="${url}" style="display:inline-block;background:#FFA500;color:#1f1f1f;padding:10px 20px;` +
    `border-radius:6px;text-decoration:none;font-weight:bold;">${Handlebars.escapeExpression(action.label)}</a></p>`;
  const fallback = `<p style="margin:0 0 12px;color:#666666;font-size:12px;">If the button does not open, copy this link: ${url}</p>`;
  return { text, html: LAYOUT({ content: paragraphs(before.join('\n\n')) + button + paragraphs(after.join('\n\n')) + fallback, attachment: '' }) };
}

@Injectable()
export class EmailComposer {
  /** The final plain-text and HTML parts: the sender's text (escaped), then their signature. */
  compose(body: string, signature: string, attachmentName: string | null): ComposedBodies {
    const text = signature.trim() ? `${body.trimEnd()}\n\n-- \n${signature.trim()}\n` : `${body.trimEnd()}\n`;
    const signatureHtml = signature.trim()
      ? `<p style="margin:16px 0 0;color:#444444;">${Handlebars.escapeExpression(signature.trim()).replace(/\r?\n/g, '<br>')}</p>`
      : '';
    return { text, html: LAYOUT({ content: paragraphs(body) + signatureHtml, attachment: attachmentName ?? '' }) };
  }
}
