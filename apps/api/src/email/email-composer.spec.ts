import type { DocumentDetailDto } from '@sendas/contracts';
import { EmailComposer } from './email-composer';

const quote = {
  type: 'quote',
  number: 'Q-2026-0007',
  currency: 'THB',
  total: '17120',
  validUntil: '2026-12-26',
  startDate: null,
  endDate: null,
  dueDate: null,
  company: { name: 'Siam Riverside Hotel' },
} as unknown as DocumentDetailDto;

describe('EmailComposer', () => {
  const composer = new EmailComposer();

  it('drafts a subject and body from the document, addressed as the contact likes to be greeted', () => {
    const draft = composer.draft(quote, 'BMAsia Music', 'Khun Somchai');
    expect(draft.subject).toBe('Quote Q-2026-0007 from BMAsia Music');
    expect(draft.body).toContain('Dear Khun Somchai,');
    expect(composer.draft(quote, 'BMAsia Music', undefined).body).toContain('Dear Sir or Madam,');
    expect(draft.body).toContain('totalling THB 17,120.00');
    expect(draft.body).toContain('valid until 26 December 2026');
  });

  it("escapes the sender's text in HTML, keeps paragraphs and line breaks, and appends the signature", () => {
    const { text, html } = composer.compose('Hello <b>Somchai</b>,\nline two\n\nSecond & last', 'Pom\nSales', 'Quote-Q-2026-0007.pdf');
    expect(html).toContain('Hello &lt;b&gt;Somchai&lt;/b&gt;,<br>line two</p>');
    expect(html).toContain('Second &amp; last</p>');
    expect(html).toContain('Pom<br>Sales');
    expect(html).toContain('Attached: Quote-Q-2026-0007.pdf');
    expect(html).not.toContain('<b>Somchai');
    expect(text).toBe('Hello <b>Somchai</b>,\nline two\n\nSecond & last\n\n-- \nPom\nSales\n');
  });
});
