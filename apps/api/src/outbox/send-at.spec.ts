import { ErrorCode } from '@sendas/contracts';
import { sendAtInstant } from './send-at';
import { refusalOf as refusal } from '../../../../test/support/refusal';

const now = new Date('2026-12-07T23:00:00Z'); // Tuesday 06:00 in Bangkok

describe('sendAtInstant', () => {
  it('reads the time typed in the sender’s zone, also across a change of summer time', () => {
    expect(sendAtInstant('2026-12-08T09:00', 'Asia/Bangkok', now).toISOString()).toBe('2026-12-08T02:00:00.000Z');
    expect(sendAtInstant('2026-12-08T09:00', 'UTC', now).toISOString()).toBe('2026-12-08T09:00:00.000Z');
    // New York moves to summer time on 2027-03-14: 09:00 that day is 13:00 UTC, the day before 14:00 UTC
    expect(sendAtInstant('2027-03-13T09:00', 'America/New_York', now).toISOString()).toBe('2027-03-13T14:00:00.000Z');
    expect(sendAtInstant('2027-03-14T09:00', 'America/New_York', now).toISOString()).toBe('2027-03-14T13:00:00.000Z');
  });

  it('refuses a zone that is not one, and a date or time that does not exist', () => {
    expect(refusal(() => sendAtInstant('2026-12-08T09:00', 'Bangkok', now))).toMatchObject({ code: ErrorCode.TIME_ZONE_INVALID });
    expect(refusal(() => sendAtInstant('2027-02-30T09:00', 'Asia/Bangkok', now))).toMatchObject({
      code: ErrorCode.SEND_AT_INVALID,
      message: '2027-02-30T09:00 is not a date and time.',
    });
    expect(refusal(() => sendAtInstant('2026-12-08T24:30', 'Asia/Bangkok', now)).code).toBe(ErrorCode.SEND_AT_INVALID);
  });

  it('refuses a time that has passed in the sender’s zone, and one more than a year ahead', () => {
    // 05:30 in Bangkok is already over at 06:00 there, though it is still the 7th in UTC
    expect(refusal(() => sendAtInstant('2026-12-08T05:30', 'Asia/Bangkok', now)).message).toBe(
      '8 Dec 2026, 05:30 (Asia/Bangkok) has passed: choose a time in the future.',
    );
    expect(refusal(() => sendAtInstant('2027-12-09T09:00', 'Asia/Bangkok', now)).message).toContain('more than a year ahead');
    expect(sendAtInstant('2027-12-07T09:00', 'Asia/Bangkok', now)).toBeInstanceOf(Date);
  });
});
