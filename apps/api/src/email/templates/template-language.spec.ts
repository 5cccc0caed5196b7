import { TEMPLATE_VARIABLES, type TemplateVariable } from '@sendas/contracts';
import { renderTemplate, templateProblems } from './template-language';

const values = Object.fromEntries(Object.keys(TEMPLATE_VARIABLES).map((name) => [name, `<${name}>`])) as Record<TemplateVariable, string>;

describe('template language', () => {
  it('accepts the documented variables and fills them as plain text', () => {
    const text = 'Dear {{contact.greetingName}}, quote {{document.number}} for {{company.name}}: {{document.currency}} {{document.total}}.';
    expect(templateProblems(text)).toEqual([]);
    expect(renderTemplate(text, { ...values, 'contact.greetingName': 'Khun Napa', 'company.name': 'A & B <Ltd>' })).toBe(
      'Dear Khun Napa, quote <document.number> for A & B <Ltd>: <document.currency> <document.total>.',
    );
  });

  it.each([
    ['Dear {{contact.firstName}}', 'Unknown variable {{contact.firstName}}'],
    ['Total {{document.total}', 'The braces do not balance'],
    ['{{#if document.validUntil}}valid{{/if}}', 'Only {{variable}} placeholders'],
    ['{{lookup document "number"}}', 'Only {{variable}} placeholders'],
    ['{{> footer}}', 'Only {{variable}} placeholders'],
    // paths the renderer would not read as a catalogue variable: a bracketed segment, the prototype, scopes
    ['{{[document.number]}}', 'Write {{document.number}} exactly so'],
    ['{{this.document.number}}', 'Write {{document.number}} exactly so'],
    ['{{constructor}}', 'Unknown variable {{constructor}}'],
    ['{{__proto__}}', 'Unknown variable {{__proto__}}'],
    ['{{toString}}', 'Unknown variable {{toString}}'],
    ['{{document.constructor}}', 'Unknown variable {{document.constructor}}'],
    ['{{../document.number}}', 'Write {{document.number}} exactly so'],
    ['{{@root.document.number}}', 'Unknown variable {{@root.document.number}}'],
  ])('refuses %p: %p', (text, problem) => {
    expect(templateProblems(text)).toEqual([expect.stringContaining(problem)]);
  });

  it('fills every variable it accepts (so a saved template never fails a draft)', () => {
    const all = Object.keys(TEMPLATE_VARIABLES)
      .map((name) => `{{${name}}}`)
      .join(' ');
    expect(templateProblems(all)).toEqual([]);
    expect(renderTemplate(all, values)).toBe(
      Object.keys(TEMPLATE_VARIABLES)
        .map((name) => `<${name}>`)
        .join(' '),
    );
  });
});
