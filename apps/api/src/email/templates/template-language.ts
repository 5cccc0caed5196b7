import Handlebars from 'handlebars';
import { TEMPLATE_VARIABLES, type TemplateVariable } from '@sendas/contracts';

/** The values of every template variable for one draft. */
export type TemplateValues = Record<TemplateVariable, string>;

/**
 * What is wrong with a template, in words a person can act on; empty when it is fine. A template is plain text with
 * `{{variable}}` placeholders from TEMPLATE_VARIABLES: no helpers, blocks, partials or comments (a template is data
 * an admin edits, not code).
 */
export function templateProblems(text: string): string[] {
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : '';
    return [`The braces do not balance (${detail}): write variables as {{document.number}}.`];
  }
  const problems: string[] = [];
  for (const statement of program.body) {
    if (statement.type === 'ContentStatement') continue;
    const mustache = statement as hbs.AST.MustacheStatement;
    const path = mustache.path as hbs.AST.PathExpression;
    if (statement.type !== 'MustacheStatement' || path.type !== 'PathExpression' || mustache.params.length || mustache.hash) {
      problems.push('Only {{variable}} placeholders are allowed, no helpers, blocks or comments.');
    } else if (!isCatalogueVariable(path) && Object.hasOwn(TEMPLATE_VARIABLES, (path.parts as unknown[]).join('.'))) {
      problems.push(`Write {{${(path.parts as unknown[]).join('.')}}} exactly so, without brackets or scopes.`);
    } else if (!isCatalogueVariable(path)) {
      problems.push(
        `Unknown variable {{${path.original}}}: use one of ${Object.keys(TEMPLATE_VARIABLES)
          .map((name) => `{{${name}}}`)
          .join(', ')}.`,
      );
    }
  }
  if (!problems.length) {
    try {
      renderTemplate(text, SAMPLE_VALUES); // the renderer itself, in strict mode, as a draft will run it
    } catch (error) {
      problems.push(
        `This template cannot be filled (${error instanceof Error ? error.message.split('\n')[0] : 'unknown error'}): write variables as {{document.number}}.`,
      );
    }
  }
  return [...new Set(problems)];
}

/**
 * A path the renderer reads as one catalogue variable: two plain segments (`document.number`, not `[document.number]`,
 * which is one segment, nor `this.x`, `../x` or `@root`) naming an own entry of the catalogue (not `constructor`).
 */
function isCatalogueVariable(path: hbs.AST.PathExpression): boolean {
  const parts = path.parts as unknown[];
  return (
    !path.data &&
    path.depth === 0 &&
    parts.length === 2 &&
    parts.every((part) => typeof part === 'string' && /^[A-Za-z]+$/.test(part)) &&
    path.original === parts.join('.') &&
    Object.hasOwn(TEMPLATE_VARIABLES, path.original)
  );
}

const SAMPLE_VALUES = Object.fromEntries(Object.keys(TEMPLATE_VARIABLES).map((name) => [name, name])) as TemplateValues;

/** Fills a template that passed templateProblems(); the result is plain text (HTML is made and escaped later). */
export function renderTemplate(text: string, values: TemplateValues): string {
  const context: Record<string, Record<string, string>> = Object.create(null) as Record<string, Record<string, string>>;
  for (const [name, value] of Object.entries(values)) {
    const [group, key] = name.split('.');
    (context[group] ??= Object.create(null) as Record<string, string>)[key] = value;
  }
  return Handlebars.compile(text, { noEscape: true, strict: true, knownHelpersOnly: true })(context);
}
