import { EmailComposer } from './email-composer';

describe('EmailComposer', () => {
  const composer = new EmailComposer();

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
