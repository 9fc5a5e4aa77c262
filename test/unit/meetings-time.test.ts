// Vietnam time for meetings: instants only with an explicit offset, dates and weeks in Asia/Ho_Chi_Minh (UTC+7).
import { parseInstant, vietnamDate, weekOf } from '#functions/meetings/time';
import { thrown } from '../support/app-error';

describe('parseInstant', () => {
  it.each([
    ['Vietnam time', '2026-11-30T08:00:00+07:00', '2026-11-30T01:00:00.000Z'],
    ['UTC with Z', '2026-11-30T01:00:00Z', '2026-11-30T01:00:00.000Z'],
    ['a negative offset', '2026-11-29T20:00:00-05:00', '2026-11-30T01:00:00.000Z'],
    ['an offset with minutes', '2026-11-30T06:30:00+05:30', '2026-11-30T01:00:00.000Z'],
    ['without seconds', '2026-11-30T08:00+07:00', '2026-11-30T01:00:00.000Z'],
    ['milliseconds', '2026-11-30T08:00:00.250+07:00', '2026-11-30T01:00:00.250Z'],
    ['microseconds (cut to milliseconds)', '2026-11-30T08:00:00.123456+07:00', '2026-11-30T01:00:00.123Z'],
    ['the easternmost offset, +14:00', '2026-11-30T15:00:00+14:00', '2026-11-30T01:00:00.000Z'],
    ['the westernmost offset, -12:00', '2026-11-29T13:00:00-12:00', '2026-11-30T01:00:00.000Z'],
    ['29 February of a leap year', '2028-02-29T08:00:00+07:00', '2028-02-29T01:00:00.000Z'],
    ['midnight in Vietnam is the previous day in UTC', '2027-01-01T00:00:00+07:00', '2026-12-31T17:00:00.000Z'],
    ['23:59:59', '2026-12-31T23:59:59+07:00', '2026-12-31T16:59:59.000Z'],
  ])('accepts %s: %s', (_, text, iso) => {
    expect(parseInstant(text).toISOString()).toBe(iso);
  });

  it.each([
    ['no offset', '2026-11-30T08:00:00'],
    ['a date only', '2026-11-30'],
    ['a space instead of T', '2026-11-30 08:00:00+07:00'],
    ['lower-case t and z', '2026-11-30t01:00:00z'],
    ['an offset without colon', '2026-11-30T08:00:00+0700'],
    ['an hours-only offset', '2026-11-30T08:00:00+07'],
    ['offset +25:00', '2026-11-30T08:00:00+25:00'],
    ['offset +15:00 (no such place)', '2026-11-30T08:00:00+15:00'],
    ['offset -13:00', '2026-11-30T08:00:00-13:00'],
    ['offset minutes 60', '2026-11-30T08:00:00+07:60'],
    ['30 February', '2026-02-30T08:00:00+07:00'],
    ['29 February of a common year', '2027-02-29T08:00:00+07:00'],
    ['31 April', '2026-04-31T08:00:00+07:00'],
    ['month 13', '2026-13-01T08:00:00+07:00'],
    ['day 0', '2026-11-00T08:00:00+07:00'],
    ['hour 24', '2026-11-30T24:00:00+07:00'],
    ['minute 60', '2026-11-30T08:60:00+07:00'],
    ['a leap second', '2026-12-31T23:59:60Z'],
    ['a one-digit hour', '2026-11-30T8:00:00+07:00'],
    ['trailing text', '2026-11-30T08:00:00+07:00 '],
    ['a number of milliseconds', '1796000000000'],
    ['words', 'ngày mai lúc 8 giờ'],
    ['an empty string', ''],
  ])('refuses %s: %j with TIME_INVALID', (_, text) => {
    // Prepare, Act
    const err = thrown(() => parseInstant(text));

    // Assess
    expect(err).toMatchObject({ status: 400, code: 'TIME_INVALID' });
    expect(err.message).toContain('Thời gian');
    expect(err.messageEn).toContain('not a valid time');
  });
});

describe('vietnamDate', () => {
  it.each([
    ['2026-11-30T16:59:59.999Z', '2026-11-30'],
    ['2026-11-30T17:00:00Z', '2026-12-01'],
    ['2026-12-31T17:00:00Z', '2027-01-01'],
    ['2026-11-30T00:00:00Z', '2026-11-30'],
  ])('%s is %s in Vietnam', (instant, date) => {
    expect(vietnamDate(new Date(instant))).toBe(date);
  });
});

describe('weekOf', () => {
  it.each([
    ['a Wednesday', '2026-12-02', '2026-11-30', '2026-12-06'],
    ['the Monday itself', '2026-11-30', '2026-11-30', '2026-12-06'],
    ['the Sunday itself', '2026-12-06', '2026-11-30', '2026-12-06'],
    ['a week across the new year (Friday 1/1/2027)', '2027-01-01', '2026-12-28', '2027-01-03'],
    ['a week across February of a leap year', '2028-03-01', '2028-02-28', '2028-03-05'],
  ])('%s: %s → Monday %s to Sunday %s, from Monday 00:00 to the next Monday 00:00 in Vietnam', (_, date, monday, sunday) => {
    // Prepare, Act
    const week = weekOf(date);

    // Assess: Monday 00:00 in Vietnam is Sunday 17:00 UTC; a week is 7 × 24 h (no daylight saving).
    expect(week.monday).toBe(monday);
    expect(week.sunday).toBe(sunday);
    expect(week.from.toISOString()).toBe(new Date(`${monday}T00:00:00+07:00`).toISOString());
    expect(week.to.getTime() - week.from.getTime()).toBe(7 * 86_400_000);
    expect(new Date(`${monday}T00:00:00Z`).getUTCDay()).toBe(1);
  });

  it.each(['2026-02-30', '2026/12/02', '02-12-2026', '2026-12-2', '', '2026-12-02T00:00:00+07:00'])('refuses %j with DATE_INVALID', (date) => {
    expect(thrown(() => weekOf(date))).toMatchObject({ status: 400, code: 'DATE_INVALID' });
  });
});
