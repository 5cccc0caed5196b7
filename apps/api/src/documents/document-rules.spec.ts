import { ErrorCode } from '@sendas/contracts';
import { assertTransition, resolveDates } from './document-rules';
import { refusalOf as refusal } from '../../../../test/support/refusal';

describe('document rules', () => {
  describe('resolveDates', () => {
    it('gives a new quote 30 days of validity, an invoice 30 days to pay, a contract a year from its start', () => {
      expect(resolveDates('quote', { issueDate: '2026-12-07' }, true)).toEqual({ validUntil: '2027-01-06' });
      expect(resolveDates('invoice', { issueDate: '2026-12-07' }, true)).toEqual({ dueDate: '2027-01-06' });
      expect(resolveDates('contract', { issueDate: '2026-12-07' }, true)).toEqual({ startDate: '2026-12-07', endDate: '2027-12-06' });
      expect(resolveDates('contract', { issueDate: '2026-12-07', startDate: '2024-02-29' }, true)).toEqual({ startDate: '2024-02-29', endDate: '2025-02-27' });
    });

    it('keeps the dates given, and fills nothing on an edit', () => {
      expect(resolveDates('quote', { issueDate: '2026-12-07', validUntil: '2026-12-31' }, true)).toEqual({ validUntil: '2026-12-31' });
      expect(resolveDates('quote', { issueDate: '2026-12-07' }, false)).toEqual({ validUntil: null });
    });

    it("refuses another type's dates and dates that run backwards, naming each field", () => {
      expect(refusal(() => resolveDates('quote', { issueDate: '2026-12-07', dueDate: '2026-12-31' }, true)).details).toEqual([
        { field: 'dueDate', messages: ['dueDate does not apply to a quote'] },
      ]);
      expect(refusal(() => resolveDates('invoice', { issueDate: '2026-12-07', dueDate: '2026-12-06' }, true)).details).toEqual([
        { field: 'dueDate', messages: ['dueDate must be on or after the issue date 2026-12-07'] },
      ]);
      expect(refusal(() => resolveDates('contract', { issueDate: '2026-12-07', startDate: '2027-01-01', endDate: '2026-12-31' }, true)).details).toEqual([
        { field: 'endDate', messages: ['endDate must be on or after startDate 2027-01-01'] },
      ]);
    });
  });

  describe('assertTransition', () => {
    it('lets a status move along its type’s transitions only, and says where it can go instead', () => {
      expect(() => assertTransition('quote', 'draft', 'sent', 'QT-2026-0001')).not.toThrow();
      expect(() => assertTransition('invoice', 'overdue', 'paid', 'INV-2026-0001')).not.toThrow();
      const skipped = refusal(() => assertTransition('quote', 'draft', 'accepted', 'QT-2026-0001'));
      expect(skipped).toMatchObject({
        code: ErrorCode.DOCUMENT_INVALID_TRANSITION,
        message: 'QT-2026-0001 cannot go from draft to accepted; from draft it can go to sent.',
      });
      expect(refusal(() => assertTransition('invoice', 'paid', 'void', 'INV-2026-0001')).message).toBe(
        'INV-2026-0001 cannot go from paid to void: paid is final.',
      );
    });

    it('refuses a status the type does not have as a validation error', () => {
      expect(refusal(() => assertTransition('quote', 'draft', 'paid', 'QT-2026-0001'))).toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
        details: [{ field: 'status', messages: ['status must be one of draft, sent, accepted, rejected, expired'] }],
      });
    });
  });
});
