import { addDays, addYears, formatISO, subDays } from 'date-fns';
import {
  ALL_DOCUMENT_DATE_FIELDS,
  DOCUMENT_DATE_FIELDS,
  DOCUMENT_STATUSES,
  DOCUMENT_TRANSITIONS,
  type DocumentDateField,
  type DocumentType,
  ErrorCode,
  type FieldError,
} from '@sendas/contracts';
import { AppException, FieldValidationError } from '../common';

/** A document's dates, as ISO calendar dates (`2026-12-07`); the ones its type does not have are absent. */
export type DocumentDates = Partial<Record<DocumentDateField, string | null>>;

/** How long a quote is valid, and an invoice is due, after its issue date, unless given. */
const DAYS_VALID_OR_DUE = 30;

export const isoDate = (date: Date): string => formatISO(date, { representation: 'date' });

/**
 * Fills the type's default dates (with `fillDefaults`: a quote is valid and an invoice due 30 days after issue, a
 * contract runs a year from its start, which is its issue date unless given) and rejects dates that belong to
 * another type or run backwards.
 */
export function resolveDates(type: DocumentType, input: DocumentDates & { issueDate: string }, fillDefaults: boolean): DocumentDates {
  const own: readonly DocumentDateField[] = DOCUMENT_DATE_FIELDS[type];
  const foreign = ALL_DOCUMENT_DATE_FIELDS.filter((field) => !own.includes(field) && input[field]);
  if (foreign.length) {
    throw new FieldValidationError(foreign.map((field) => ({ field, messages: [`${field} does not apply to a ${type}`] })));
  }
  const issued = new Date(`${input.issueDate}T00:00:00Z`);
  const dates: DocumentDates = {};
  if (type === 'quote') dates.validUntil = input.validUntil ?? (fillDefaults ? isoDate(addDays(issued, DAYS_VALID_OR_DUE)) : null);
  if (type === 'invoice') dates.dueDate = input.dueDate ?? (fillDefaults ? isoDate(addDays(issued, DAYS_VALID_OR_DUE)) : null);
  if (type === 'contract') {
    dates.startDate = input.startDate ?? input.issueDate;
    const start = new Date(`${dates.startDate}T00:00:00Z`);
    dates.endDate = input.endDate ?? (fillDefaults ? isoDate(subDays(addYears(start, 1), 1)) : null);
  }
  const problems: FieldError[] = [];
  for (const field of ['validUntil', 'dueDate'] as const) {
    const value = dates[field];
    if (value && value < input.issueDate) problems.push({ field, messages: [`${field} must be on or after the issue date ${input.issueDate}`] });
  }
  if (dates.startDate && dates.endDate && dates.endDate < dates.startDate) {
    problems.push({ field: 'endDate', messages: [`endDate must be on or after startDate ${dates.startDate}`] });
  }
  if (problems.length) throw new FieldValidationError(problems);
  return dates;
}

/** A status moves only along DOCUMENT_TRANSITIONS of its type; the error says where it can go instead. */
export function assertTransition(type: DocumentType, from: string, to: string, number: string): void {
  if (!(DOCUMENT_STATUSES[type] as readonly string[]).includes(to)) {
    throw new FieldValidationError([{ field: 'status', messages: [`status must be one of ${DOCUMENT_STATUSES[type].join(', ')}`] }]);
  }
  const allowed = DOCUMENT_TRANSITIONS[type][from] ?? [];
  if (!allowed.includes(to)) {
    throw new AppException(
      ErrorCode.DOCUMENT_INVALID_TRANSITION,
      `${number} cannot go from ${from} to ${to}${allowed.length ? `; from ${from} it can go to ${allowed.join(' or ')}` : `: ${from} is final`}.`,
      [{ field: 'status', messages: [`${from} → ${to} is not allowed`] }],
    );
  }
}
