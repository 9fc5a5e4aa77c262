// Working calendars and due dates of the one-stop shop, on examples worked out by hand.
// Office hours by default 07:00–11:30 (270 min) and 13:30–17:00 (210 min): 1 working day = 480 min.
// Weekdays used below: 2026-03-02 is a Monday (March 2026 has no holiday); 2026-02-13 a Friday before Tết.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CALENDAR_RULES_VERSION,
  DEFAULT_OFFICE_HOURS,
  VIETNAM_HOLIDAYS,
  YearCalendarSchema,
  addWorkingMinutes,
  calendarsByYear,
  dueDate,
  elapsedWorkingMinutes,
  fallbackCalendar,
  isOnTime,
  isWorkingDay,
  minutesPerWorkingDay,
  nextWorkingMoment,
  workingMinutesBetween,
  type CalendarLookup,
  type YearCalendar,
} from '#shared/calendar/index';

/** `2026-03-02 09:00` read as Asia/Ho_Chi_Minh. */
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}${local.length === 16 ? ':00' : ''}+07:00`);
/** An instant as `YYYY-MM-DD HH:mm` in Asia/Ho_Chi_Minh (UTC+7, shifted by hand). */
const local = (instant: Date | undefined) => (instant ? new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : undefined);

const seeded = calendarsByYear(VIETNAM_HOLIDAYS);
const calendarOf = (year: number) => {
  const calendar = seeded.get(year);
  if (!calendar) throw new Error(`no seed for ${year}`);
  return calendar;
};

describe('when the clock starts (nextWorkingMoment)', () => {
  it.each([
    ['inside the morning: the instant itself', '2026-03-02 09:00', '2026-03-02 09:00'],
    ['at 07:00 sharp: 07:00', '2026-03-02 07:00', '2026-03-02 07:00'],
    ['inside the afternoon: the instant itself', '2026-03-02 16:59', '2026-03-02 16:59'],
    ['during lunch: 13:30 the same day', '2026-03-02 12:00', '2026-03-02 13:30'],
    ['at 11:30 sharp (end of the morning): 13:30', '2026-03-02 11:30', '2026-03-02 13:30'],
    ['at 13:30 sharp: 13:30', '2026-03-02 13:30', '2026-03-02 13:30'],
    ['at 17:00 sharp (end of the day): 07:00 of the next working day', '2026-03-02 17:00', '2026-03-03 07:00'],
    ['after 17:00: 07:00 of the next working day', '2026-03-02 17:45', '2026-03-03 07:00'],
    ['before 07:00 on a working day: 07:00 that day', '2026-03-03 06:10', '2026-03-03 07:00'],
    ['Friday after 17:00: Monday 07:00', '2026-03-06 18:00', '2026-03-09 07:00'],
    ['on a Saturday: Monday 07:00', '2026-03-07 10:00', '2026-03-09 07:00'],
    ['Sunday 23:59: Monday 07:00', '2026-03-08 23:59', '2026-03-09 07:00'],
    ['Saturday before 07:00: Monday 07:00, not Saturday 07:00', '2026-03-07 06:00', '2026-03-09 07:00'],
    ['on 30/4/2026 (Thu; 1/5 Fri is a holiday too, then the weekend): Monday 4/5 07:00', '2026-04-30 08:00', '2026-05-04 07:00'],
    ['Saturday 25/4/2026 (26/4 Hùng Kings on a Sunday, Monday 27/4 nghỉ bù): Tuesday 28/4 07:00', '2026-04-25 09:00', '2026-04-28 07:00'],
    ['on the swapped working Saturday 10/1/2026: the instant itself', '2026-01-10 08:00', '2026-01-10 08:00'],
    ['Thursday 1/1/2026 (Friday 2/1 swapped off, then the weekend): Monday 5/1 07:00', '2026-01-01 10:00', '2026-01-05 07:00'],
    ['Friday 13/2/2026 after 17:00 (Tết 14/2–22/2): Monday 23/2 07:00', '2026-02-13 17:30', '2026-02-23 07:00'],
  ])('%s', (_, at, expected) => {
    // Prepare, Act
    const start = nextWorkingMoment(vn(at), seeded);

    // Assess
    expect(local(start)).toBe(expected);
  });

  it('keeps seconds and milliseconds of an instant inside office hours', () => {
    expect(nextWorkingMoment(vn('2026-03-02 09:00:30.250'), seeded).toISOString()).toBe('2026-03-02T02:00:30.250Z');
  });

  it('works on instants, not on the machine\'s local day: 2026-03-01T18:00Z is Monday 01:00 in Vietnam, so Monday 07:00', () => {
    expect(local(nextWorkingMoment(new Date('2026-03-01T18:00:00Z'), seeded))).toBe('2026-03-02 07:00');
  });
});

describe('due date (ngày hẹn trả)', () => {
  const due = (acceptedAt: string, workingDays: number | null | undefined, calendars: CalendarLookup = seeded) =>
    local(dueDate({ acceptedAt: vn(acceptedAt), workingDays, calendars }));

  it.each([
    // [what, accepted, working days, due]
    ['1 day accepted Monday 09:00: 150 + 210 min on Monday, 120 on Tuesday → Tuesday 09:00', '2026-03-02 09:00', 1, '2026-03-03 09:00'],
    ['1 day accepted at lunch: clock from 13:30, 210 on Monday, 270 on Tuesday → exactly Tuesday 11:30', '2026-03-02 12:00', 1, '2026-03-03 11:30'],
    ['1 day accepted after 17:00: clock from Tuesday 07:00 → exactly Tuesday 17:00', '2026-03-02 17:45', 1, '2026-03-03 17:00'],
    ['1 day accepted before 07:00: clock from 07:00 the same day → 17:00 the same day', '2026-03-03 06:10', 1, '2026-03-03 17:00'],
    ['1 day accepted at 07:00 sharp → 17:00 the same day, not 07:00 the next', '2026-03-02 07:00', 1, '2026-03-02 17:00'],
    ['1 day accepted on a Saturday → Monday 17:00', '2026-03-07 10:00', 1, '2026-03-09 17:00'],
    ['1 day accepted on a Sunday evening → Monday 17:00', '2026-03-08 20:00', 1, '2026-03-09 17:00'],
    ['1 day accepted on the holiday 30/4/2026 → Monday 4/5 17:00', '2026-04-30 08:00', 1, '2026-05-04 17:00'],
    ['1 day accepted on the swapped working Saturday 10/1/2026 08:00: 210 + 210 on Saturday, 60 on Monday → Monday 12/1 08:00', '2026-01-10 08:00', 1, '2026-01-12 08:00'],
    ['1 day from Friday 25/4/2025 15:00: 120 on Friday, 270 + 90 on the working Saturday 26/4 → Saturday 15:00', '2025-04-25 15:00', 1, '2025-04-26 15:00'],
    ['1 day from Wednesday 31/12/2025 16:00: 60, then 1/1 holiday, 2/1 swapped off, weekend → Monday 5/1/2026 16:00', '2025-12-31 16:00', 1, '2026-01-05 16:00'],
    ['3 days from Monday 09:00: 360 + 480 + 480 + 120 → Thursday 09:00', '2026-03-02 09:00', 3, '2026-03-05 09:00'],
    ['0.5 day (240 min) from Monday 09:00: 150 in the morning, 90 after lunch → Monday 15:00', '2026-03-02 09:00', 0.5, '2026-03-02 15:00'],
    ['0.5 day from Monday 07:00 → Monday 11:00', '2026-03-02 07:00', 0.5, '2026-03-02 11:00'],
    ['0.25 day (120 min) from Monday 11:00: 30 in the morning, 90 after lunch → 15:00', '2026-03-02 11:00', 0.25, '2026-03-02 15:00'],
    ['15 days from Monday 2/3/2026 07:00: 2–6, 9–13, 16–20 March → Friday 20/3 17:00', '2026-03-02 07:00', 15, '2026-03-20 17:00'],
    [
      '15 days from Wednesday 22/4/2026 10:00, skipping 26/4 (Sun), 27/4 (nghỉ bù), 30/4, 1/5 and weekends: 23, 24, 28, 29 April, 4–8, 11–15, 18 May → Monday 18/5 10:00',
      '2026-04-22 10:00',
      15,
      '2026-05-18 10:00',
    ],
    ['1 day from Friday 13/2/2026 09:00 across Tết Bính Ngọ (14/2–22/2): 360 on Friday, 120 on Monday 23/2 → 09:00', '2026-02-13 09:00', 1, '2026-02-23 09:00'],
    ['5 days from Thursday 12/2/2026 14:00 across Tết: Fri 13, Mon 23, Tue 24, Wed 25, Thu 26 → Thursday 26/2 14:00', '2026-02-12 14:00', 5, '2026-02-26 14:00'],
    ['2 days from Friday 29/8/2025 10:00 across 1/9 and 2/9: Wednesday 3/9 (1), Thursday 4/9 (2) → 10:00', '2025-08-29 10:00', 2, '2025-09-04 10:00'],
    ['1 day from Wednesday 1/9/2027 16:00 across 2/9 and 3/9/2027: 60, then Monday 6/9 420 → 16:00', '2027-09-01 16:00', 1, '2027-09-06 16:00'],
    ['3 days from Thursday 30/12/2027 10:00 into 2028 (no calendar: weekends only): Fri 31/12, Mon 3/1, Tue 4/1 → 10:00', '2027-12-30 10:00', 3, '2028-01-04 10:00'],
    ['1 day from Friday 28/4/2028 10:00 (no 2028 calendar, so 1/5/2028 counts as a working Monday) → Monday 1/5 10:00', '2028-04-28 10:00', 1, '2028-05-01 10:00'],
    ['0 days: the clock start itself (after 17:00 → next 07:00)', '2026-03-02 18:00', 0, '2026-03-03 07:00'],
  ])('%s', (_, acceptedAt, workingDays, expected) => {
    // Prepare, Act, Assess
    expect(due(acceptedAt, workingDays)).toBe(expected);
  });

  it.each([undefined, null])('is undefined for a procedure without processing time (%s)', (workingDays) => {
    expect(dueDate({ acceptedAt: vn('2026-03-02 09:00'), workingDays, calendars: seeded })).toBeUndefined();
  });

  it('uses a 2028 calendar once one exists: with 1/1/2028 (Saturday) and its nghỉ bù Monday 3/1, 3 days from 30/12/2027 10:00 → Wednesday 5/1 10:00', () => {
    // Prepare
    const y2028 = YearCalendarSchema.parse({
      year: 2028,
      holidays: [
        { date: '2028-01-01', name: 'Tết Dương lịch' },
        { date: '2028-01-03', name: 'Nghỉ bù Tết Dương lịch' },
      ],
    });
    const calendars = (year: number) => (year === 2028 ? y2028 : seeded.get(year));

    // Act, Assess
    expect(due('2027-12-30 10:00', 3, calendars)).toBe('2028-01-05 10:00');
  });

  it('takes calendars from a function as from a Map, and weekends only for a year the function does not know', () => {
    expect(due('2026-02-13 09:00', 1, (year) => seeded.get(year))).toBe('2026-02-23 09:00');
    // Without any calendar, Tết 2026 is not known: Monday 16/2 09:00.
    expect(due('2026-02-13 09:00', 1, () => undefined)).toBe('2026-02-16 09:00');
  });

  it('refuses a negative or non-finite processing time and an invalid acceptance instant', () => {
    expect(() => dueDate({ acceptedAt: vn('2026-03-02 09:00'), workingDays: -1, calendars: seeded })).toThrow(RangeError);
    expect(() => dueDate({ acceptedAt: vn('2026-03-02 09:00'), workingDays: Number.NaN, calendars: seeded })).toThrow(RangeError);
    expect(() => dueDate({ acceptedAt: new Date('not a date'), workingDays: 1, calendars: seeded })).toThrow(RangeError);
  });

  it('refuses a lookup that answers with the calendar of another year', () => {
    expect(() => dueDate({ acceptedAt: vn('2026-03-02 09:00'), workingDays: 1, calendars: () => calendarOf(2025) })).toThrow(/calendar of 2025/);
  });

  it('refuses calendars with no working day at all instead of looping forever', () => {
    // Prepare: every day of every year is a holiday.
    const closed = (year: number): YearCalendar => {
      const holidays = [];
      for (let d = Date.UTC(year, 0, 1); d < Date.UTC(year + 1, 0, 1); d += 86_400_000) holidays.push({ date: new Date(d).toISOString().slice(0, 10), name: 'Nghỉ' });
      return { year, officeHours: DEFAULT_OFFICE_HOURS, holidays, workingDays: [] };
    };

    // Act, Assess
    expect(() => nextWorkingMoment(vn('2026-03-02 09:00'), closed)).toThrow(/no working day/);
  });
});

describe('pauses while waiting for extra documents (status 5)', () => {
  // 3 days from Monday 2/3/2026 07:00 without pause: Monday, Tuesday, Wednesday → Wednesday 4/3 17:00.
  const acceptedAt = vn('2026-03-02 07:00');

  it('without pause, 3 days from Monday 07:00 end Wednesday 17:00', () => {
    expect(local(dueDate({ acceptedAt, workingDays: 3, calendars: seeded }))).toBe('2026-03-04 17:00');
  });

  it('one pause Tuesday 09:00–15:00 (150 + 90 = 240 working min) moves Wednesday 17:00 to Thursday 11:00', () => {
    // Prepare
    const pauses = [{ from: vn('2026-03-03 09:00'), to: vn('2026-03-03 15:00') }];

    // Act
    const due = dueDate({ acceptedAt, workingDays: 3, pauses, calendars: seeded });

    // Assess
    expect(local(due)).toBe('2026-03-05 11:00');
  });

  it('two pauses (240 min, then Wednesday 16:00 → Thursday 08:00 = 60 + 60 min) move it by 360 min → Thursday 15:00', () => {
    // Prepare
    const pauses = [
      { from: vn('2026-03-03 09:00'), to: vn('2026-03-03 15:00') },
      { from: vn('2026-03-04 16:00'), to: vn('2026-03-05 08:00') },
    ];

    // Act
    const due = dueDate({ acceptedAt, workingDays: 3, pauses, calendars: seeded });

    // Assess
    expect(local(due)).toBe('2026-03-05 15:00');
  });

  it('a pause across the weekend and the 30/4–1/5 holidays counts only its working time (120 + 120 min)', () => {
    // Prepare: 5 days from Tuesday 28/4/2026 07:00 without pause: 28, 29 April, 4, 5, 6 May → Wednesday 6/5 17:00.
    const start = vn('2026-04-28 07:00');
    const pauses = [{ from: vn('2026-04-29 15:00'), to: vn('2026-05-04 09:00') }];

    // Act
    const without = dueDate({ acceptedAt: start, workingDays: 5, calendars: seeded });
    const withPause = dueDate({ acceptedAt: start, workingDays: 5, pauses, calendars: seeded });

    // Assess: 240 min after Wednesday 6/5 17:00 → Thursday 7/5 11:00.
    expect(local(without)).toBe('2026-05-06 17:00');
    expect(local(withPause)).toBe('2026-05-07 11:00');
  });

  it('an open pause counts until now: from Monday 11:00 to Tuesday 10:00 is 30 + 210 + 180 = 420 min, so 1 day ends Tuesday 16:00', () => {
    // Prepare
    const pauses = [{ from: vn('2026-03-02 11:00') }];

    // Act
    const due = dueDate({ acceptedAt, workingDays: 1, pauses, calendars: seeded, now: vn('2026-03-03 10:00') });

    // Assess
    expect(local(due)).toBe('2026-03-03 16:00');
  });

  it('an open pause (to: null) without now is refused: the clock is stopped', () => {
    expect(() => dueDate({ acceptedAt, workingDays: 1, pauses: [{ from: vn('2026-03-02 11:00'), to: null }], calendars: seeded })).toThrow(/still open: pass now/);
  });

  it('a pause that starts after the due date has passed moves nothing: the dossier was already late', () => {
    const pauses = [{ from: vn('2026-03-03 09:00'), to: vn('2026-03-03 10:00') }];
    expect(local(dueDate({ acceptedAt, workingDays: 1, pauses, calendars: seeded }))).toBe('2026-03-02 17:00');
  });

  it.each([
    ['at 17:00 of the due day, until Tuesday 09:00', '2026-03-02 07:00', 1, '2026-03-02 17:00', '2026-03-03 09:00', '2026-03-02 17:00'],
    ['at 15:00, the due instant of half a day from 09:00, until 16:00', '2026-03-02 09:00', 0.5, '2026-03-02 15:00', '2026-03-02 16:00', '2026-03-02 15:00'],
  ])('a pause starting exactly at the due date (%s) moves nothing: the time had already run out', (_, accepted, workingDays, from, to, expected) => {
    const pauses = [{ from: vn(from), to: vn(to) }];
    expect(local(dueDate({ acceptedAt: vn(accepted), workingDays, pauses, calendars: seeded }))).toBe(expected);
  });

  it('a pause starting a minute before the due date moves it by its working time: 16:59 → Tuesday 09:00 is 1 + 120 min, so Tuesday 09:01', () => {
    const pauses = [{ from: vn('2026-03-02 16:59'), to: vn('2026-03-03 09:00') }];
    expect(local(dueDate({ acceptedAt, workingDays: 1, pauses, calendars: seeded }))).toBe('2026-03-03 09:01');
  });

  it('a pause outside office hours (Saturday) moves nothing', () => {
    const pauses = [{ from: vn('2026-03-07 08:00'), to: vn('2026-03-07 16:00') }];
    expect(local(dueDate({ acceptedAt, workingDays: 3, pauses, calendars: seeded }))).toBe('2026-03-04 17:00');
  });

  it('the part of a pause before acceptance is ignored, overlapping pauses count once', () => {
    // Prepare: Friday 27/2 09:00 → Monday 2/3 09:00 counts only Monday 07:00–09:00 (120 min); the two Tuesday pauses
    // cover 09:00–15:00 once (240 min). 360 min after Wednesday 17:00 → Thursday 15:00.
    const pauses = [
      { from: vn('2026-02-27 09:00'), to: vn('2026-03-02 09:00') },
      { from: vn('2026-03-03 09:00'), to: vn('2026-03-03 14:00') },
      { from: vn('2026-03-03 10:00'), to: vn('2026-03-03 15:00') },
    ];

    // Act, Assess
    expect(local(dueDate({ acceptedAt, workingDays: 3, pauses, calendars: seeded }))).toBe('2026-03-05 15:00');
  });

  it('a pause that ends before it starts is refused', () => {
    expect(() => dueDate({ acceptedAt, workingDays: 1, pauses: [{ from: vn('2026-03-03 10:00'), to: vn('2026-03-03 09:00') }], calendars: seeded })).toThrow(/ends before it starts/);
  });
});

describe('custom office hours of a tenant (07:30–11:30, 13:00–17:00)', () => {
  const hours = { morning: { start: '07:30', end: '11:30' }, afternoon: { start: '13:00', end: '17:00' } };
  const tenant = calendarsByYear([YearCalendarSchema.parse({ ...calendarOf(2026), officeHours: hours })]);

  it('still makes a working day of 4 h + 4 h = 480 min', () => {
    expect(minutesPerWorkingDay(hours)).toBe(480);
  });

  it.each([
    ['07:10 waits for 07:30', '2026-03-02 07:10', '2026-03-02 07:30'],
    ['07:15 (inside the default hours, not these) waits for 07:30', '2026-03-02 07:15', '2026-03-02 07:30'],
    ['12:00 waits for 13:00', '2026-03-02 12:00', '2026-03-02 13:00'],
    ['13:15 (lunch by default, not here) is inside', '2026-03-02 13:15', '2026-03-02 13:15'],
  ])('clock start: %s', (_, at, expected) => {
    expect(local(nextWorkingMoment(vn(at), tenant))).toBe(expected);
  });

  it.each([
    ['1 day from 07:10 → 17:00 the same day', '2026-03-02 07:10', 1, '2026-03-02 17:00'],
    ['0.5 day from 12:15 (clock from 13:00) → 17:00 the same day', '2026-03-02 12:15', 0.5, '2026-03-02 17:00'],
    ['1 day from Monday 10:00: 90 + 240 on Monday, 150 on Tuesday → Tuesday 10:00', '2026-03-02 10:00', 1, '2026-03-03 10:00'],
    ['0.5 day from 09:30: 120 in the morning, 120 after 13:00 → 15:00', '2026-03-02 09:30', 0.5, '2026-03-02 15:00'],
  ])('due: %s', (_, acceptedAt, workingDays, expected) => {
    expect(local(dueDate({ acceptedAt: vn(acceptedAt), workingDays, calendars: tenant }))).toBe(expected);
  });

  it('a 7-hour day (08:00–12:00, 13:00–16:00) makes 1 working day = 420 min: 1 day from Monday 08:00 → Monday 16:00', () => {
    // Prepare
    const short = { morning: { start: '08:00', end: '12:00' }, afternoon: { start: '13:00', end: '16:00' } };
    const calendars = calendarsByYear([YearCalendarSchema.parse({ year: 2026, officeHours: short })]);

    // Act, Assess
    expect(minutesPerWorkingDay(short)).toBe(420);
    expect(local(dueDate({ acceptedAt: vn('2026-03-02 08:00'), workingDays: 1, calendars }))).toBe('2026-03-02 16:00');
  });

  it('no lunch break (morning end = afternoon start): 11:30 is inside', () => {
    const calendars = calendarsByYear([YearCalendarSchema.parse({ year: 2026, officeHours: { morning: { start: '07:30', end: '11:30' }, afternoon: { start: '11:30', end: '15:30' } } })]);
    expect(local(nextWorkingMoment(vn('2026-03-02 11:30'), calendars))).toBe('2026-03-02 11:30');
    expect(local(addWorkingMinutes(vn('2026-03-02 11:00'), 60, calendars))).toBe('2026-03-02 12:00');
  });
});

describe('adding and measuring working time', () => {
  it.each([
    ['Monday 10:00 → Wednesday 08:00: 90 + 210, 480, 60', '2026-03-02 10:00', '2026-03-04 08:00', 840],
    ['Friday 16:00 → Monday 08:00 over the weekend: 60 + 60', '2026-03-06 16:00', '2026-03-09 08:00', 120],
    ['Friday 13/2/2026 07:00 → Monday 23/2 07:00 over Tết: only Friday', '2026-02-13 07:00', '2026-02-23 07:00', 480],
    ['lunch to lunch the same day: 13:30–17:00 and nothing else', '2026-03-02 12:00', '2026-03-03 12:00', 480],
    ['inside the morning: 09:00 → 10:15', '2026-03-02 09:00', '2026-03-02 10:15', 75],
    ['a whole Saturday', '2026-03-07 00:00', '2026-03-08 00:00', 0],
    ['the working Saturday 10/1/2026', '2026-01-10 00:00', '2026-01-11 00:00', 480],
    ['the same instant', '2026-03-02 09:00', '2026-03-02 09:00', 0],
    ['backwards', '2026-03-03 09:00', '2026-03-02 09:00', 0],
    ['half a minute', '2026-03-02 07:00:00', '2026-03-02 07:00:30', 0.5],
  ])('workingMinutesBetween %s = %s', (_, from, to, minutes) => {
    expect(workingMinutesBetween(vn(from), vn(to), seeded)).toBe(minutes);
  });

  it.each([
    // 2025, 2026 and 2027 each start on a weekday (Wed, Thu, Fri) and have 365 days: 52 weeks + 1 day = 261
    // weekdays; the Labour Code's 11 days off leave 250 working days = 120 000 minutes.
    [2025],
    [2026],
    [2027],
  ])('the seeded year %s has 250 working days = 120 000 working minutes', (year) => {
    expect(workingMinutesBetween(vn(`${year}-01-01 00:00`), vn(`${year + 1}-01-01 00:00`), seeded)).toBe(250 * 480);
  });

  it.each([
    ['0 min at 17:00: moved to the next working morning', '2026-03-02 17:00', 0, '2026-03-03 07:00'],
    ['270 min from 07:00: exactly 11:30', '2026-03-02 07:00', 270, '2026-03-02 11:30'],
    ['271 min from 07:00: 13:31', '2026-03-02 07:00', 271, '2026-03-02 13:31'],
    ['210 min from 13:30: exactly 17:00', '2026-03-02 13:30', 210, '2026-03-02 17:00'],
    ['211 min from 13:30: 07:01 the next day', '2026-03-02 13:30', 211, '2026-03-03 07:01'],
    ['1 min from Friday 16:59: Friday 17:00', '2026-03-06 16:59', 1, '2026-03-06 17:00'],
    ['2 min from Friday 16:59: Monday 07:01', '2026-03-06 16:59', 2, '2026-03-09 07:01'],
  ])('addWorkingMinutes: %s', (_, from, minutes, expected) => {
    expect(local(addWorkingMinutes(vn(from), minutes, seeded))).toBe(expected);
  });

  it.each([
    ['Monday 2/3/2026', '2026-03-02 12:00', true],
    ['Saturday 7/3/2026', '2026-03-07 12:00', false],
    ['Friday 2/1/2026 (swapped off)', '2026-01-02 12:00', false],
    ['Saturday 10/1/2026 (swapped working day)', '2026-01-10 12:00', true],
    ['Monday 27/4/2026 (nghỉ bù Giỗ Tổ)', '2026-04-27 12:00', false],
    ['Monday 1/5/2028 (no 2028 calendar)', '2028-05-01 12:00', true],
  ])('isWorkingDay: %s → %s', (_, at, expected) => {
    expect(isWorkingDay(vn(at), seeded)).toBe(expected);
  });

  it('refuses negative minutes', () => {
    expect(() => addWorkingMinutes(vn('2026-03-02 09:00'), -1, seeded)).toThrow(RangeError);
  });
});

describe('elapsed working time and on time or late', () => {
  it('leaves out the working time of pauses: Monday 07:00 → Wednesday 12:00 is 480 + 480 + 270 = 1230, minus Tuesday 09:00–15:00 (240) = 990', () => {
    // Prepare
    const pauses = [{ from: vn('2026-03-03 09:00'), to: vn('2026-03-03 15:00') }];

    // Act
    const minutes = elapsedWorkingMinutes({ from: vn('2026-03-02 07:00'), to: vn('2026-03-04 12:00'), pauses, calendars: seeded });

    // Assess
    expect(minutes).toBe(990);
  });

  it('counts an open pause until the end of the measurement, and the parts of pauses outside [from, to) not at all', () => {
    // Prepare: open pause from Wednesday 16:00 (60 min until 17:00); the first pause only overlaps Monday 07:00–08:00.
    const pauses = [{ from: vn('2026-03-01 10:00'), to: vn('2026-03-02 08:00') }, { from: vn('2026-03-04 16:00') }];

    // Act
    const minutes = elapsedWorkingMinutes({ from: vn('2026-03-02 07:00'), to: vn('2026-03-04 17:00'), pauses, calendars: seeded });

    // Assess: 3 × 480 − 60 − 60.
    expect(minutes).toBe(1320);
  });

  it('is 0 when to is not after from', () => {
    expect(elapsedWorkingMinutes({ from: vn('2026-03-03 09:00'), to: vn('2026-03-02 09:00'), calendars: seeded })).toBe(0);
  });

  it('from acceptance to the due date gives back the processing time, with the same pauses', () => {
    // Prepare
    const pauses = [{ from: vn('2026-03-03 09:00'), to: vn('2026-03-03 15:00') }];
    const due = dueDate({ acceptedAt: vn('2026-03-02 07:00'), workingDays: 3, pauses, calendars: seeded });

    // Act, Assess
    expect(elapsedWorkingMinutes({ from: vn('2026-03-02 07:00'), to: due as Date, pauses, calendars: seeded })).toBe(3 * 480);
  });

  it.each([
    ['finished exactly at the due date', '2026-03-03 17:00', '2026-03-03 17:00', 0, true],
    ['finished a minute before', '2026-03-03 16:59', '2026-03-03 17:00', 1, true],
    ['finished a minute after', '2026-03-03 17:01', '2026-03-03 17:00', 0, false],
    ['finished the evening of the due date (no working time lost, still after the due date)', '2026-03-03 18:00', '2026-03-03 17:00', 0, false],
    ['early, but extra documents requested twice', '2026-03-02 09:00', '2026-03-03 17:00', 2, false],
  ])('isOnTime: %s → %s', (_, finishedAt, dueAt, extraDocumentRequests, expected) => {
    expect(isOnTime({ finishedAt: vn(finishedAt), dueAt: vn(dueAt), extraDocumentRequests })).toBe(expected);
  });

  it('a procedure without due date is never late', () => {
    expect(isOnTime({ finishedAt: vn('2030-01-01 00:00'), dueAt: undefined })).toBe(true);
  });
});

describe('year calendar schema', () => {
  const valid = { year: 2026, holidays: [{ date: '2026-09-02', name: 'Quốc khánh' }], workingDays: [{ date: '2026-01-10', name: 'Làm bù' }] };
  const errorsOf = (input: unknown) => {
    const result = YearCalendarSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('fills in the default office hours and empty lists', () => {
    expect(YearCalendarSchema.parse({ year: 2030 })).toEqual({ year: 2030, officeHours: DEFAULT_OFFICE_HOURS, holidays: [], workingDays: [] });
    expect(DEFAULT_OFFICE_HOURS).toEqual({ morning: { start: '07:00', end: '11:30' }, afternoon: { start: '13:30', end: '17:00' } });
    expect(minutesPerWorkingDay()).toBe(480);
  });

  it('accepts a valid calendar', () => {
    expect(errorsOf(valid)).toEqual([]);
  });

  it.each([
    ['a holiday outside the year', { ...valid, holidays: [{ date: '2027-01-01', name: 'Tết Dương lịch' }] }, /holidays\.0\.date: .*outside the year/],
    ['a swapped working day outside the year', { ...valid, workingDays: [{ date: '2025-12-27', name: 'Làm bù' }] }, /workingDays\.0\.date: .*outside the year/],
    ['a date both a holiday and a working day', { ...valid, holidays: [{ date: '2026-01-10', name: 'Nghỉ' }] }, /workingDays\.0\.date: .*both a holiday and a working day/],
    ['a duplicate holiday', { ...valid, holidays: [{ date: '2026-09-02', name: 'Quốc khánh' }, { date: '2026-09-02', name: 'Quốc khánh' }] }, /holidays\.1\.date: .*duplicate/],
    ['a swapped working day on a weekday', { ...valid, workingDays: [{ date: '2026-01-12', name: 'Làm bù' }] }, /workingDays\.0\.date: .*Saturday or Sunday/],
    ['a date that does not exist', { ...valid, holidays: [{ date: '2026-02-30', name: 'Nghỉ' }] }, /holidays\.0\.date: .*real YYYY-MM-DD/],
    ['a holiday without name', { ...valid, holidays: [{ date: '2026-09-02', name: '  ' }] }, /holidays\.0\.name/],
    ['the morning after the afternoon', { ...valid, officeHours: { morning: { start: '13:30', end: '17:00' }, afternoon: { start: '07:00', end: '11:30' } } }, /afternoon\.start: .*morning must end before/],
    ['a morning overlapping the afternoon', { ...valid, officeHours: { morning: { start: '07:00', end: '14:00' }, afternoon: { start: '13:30', end: '17:00' } } }, /afternoon\.start/],
    ['a period ending before it starts', { ...valid, officeHours: { morning: { start: '11:30', end: '07:00' }, afternoon: { start: '13:30', end: '17:00' } } }, /morning\.end: .*start must be before end/],
    ['an empty period', { ...valid, officeHours: { morning: { start: '07:00', end: '07:00' }, afternoon: { start: '13:30', end: '17:00' } } }, /morning\.end/],
    ['a time not written HH:mm', { ...valid, officeHours: { morning: { start: '7:00', end: '11:30' }, afternoon: { start: '13:30', end: '17:00' } } }, /morning\.start: .*HH:mm/],
    ['a time with seconds', { ...valid, officeHours: { morning: { start: '07:00:00', end: '11:30' }, afternoon: { start: '13:30', end: '17:00' } } }, /morning\.start/],
    ['a fractional year', { ...valid, year: 2026.5 }, /year/],
  ])('rejects %s', (_, input, message) => {
    const errors = errorsOf(input);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(message);
  });

  it('calendarsByYear refuses two calendars for one year', () => {
    expect(() => calendarsByYear([fallbackCalendar(2026), fallbackCalendar(2026)])).toThrow(/two calendars for the year 2026/);
  });
});

describe('seeded public holidays (VIETNAM_HOLIDAYS)', () => {
  const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
  const datesOf = (year: number) => calendarOf(year).holidays.map((h) => h.date);

  it('covers 2025, 2026 and 2027 with valid calendars, default office hours and the rules version', () => {
    expect(VIETNAM_HOLIDAYS.map((c) => c.year)).toEqual([2025, 2026, 2027]);
    for (const calendar of VIETNAM_HOLIDAYS) {
      expect(YearCalendarSchema.parse(calendar)).toEqual(calendar);
      expect(calendar.officeHours).toEqual(DEFAULT_OFFICE_HOURS);
      expect(calendar.rulesVersion).toBe(CALENDAR_RULES_VERSION);
    }
  });

  it.each([2025, 2026, 2027])('%s has 1/1, 30/4, 1/5, 2/9 and the day next to 2/9', (year) => {
    const dates = datesOf(year);
    for (const fixed of ['01-01', '04-30', '05-01', '09-02']) expect(dates).toContain(`${year}-${fixed}`);
    expect(dates.includes(`${year}-09-01`) !== dates.includes(`${year}-09-03`)).toBe(true);
  });

  it.each([2025, 2026, 2027])('%s takes exactly the Labour Code\'s 11 weekdays off, net of swapped working days', (year) => {
    const calendar = calendarOf(year);
    const weekdaysOff = calendar.holidays.filter((h) => weekday(h.date) >= 1 && weekday(h.date) <= 5).length;
    expect(weekdaysOff - calendar.workingDays.length).toBe(11);
  });

  it('every swapped working day is a Saturday', () => {
    const working = VIETNAM_HOLIDAYS.flatMap((c) => c.workingDays.map((d) => d.date));
    expect(working).toEqual(['2025-04-26', '2026-01-10']);
    working.forEach((date) => expect(weekday(date)).toBe(6));
  });

  it.each([
    [2025, ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']],
    [2026, ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']],
    [2027, ['2027-02-04', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10']],
  ])('Tết %s falls on the decided (or, for 2027, expected) days', (year, dates) => {
    expect(calendarOf(year).holidays.filter((h) => /Tết Nguyên đán/.test(h.name)).map((h) => h.date)).toEqual(dates);
  });

  it.each([
    ['2025-04-07', 'Giỗ Tổ Hùng Vương'],
    ['2026-04-26', 'Giỗ Tổ Hùng Vương'],
    ['2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương (26/4 là Chủ nhật)'],
    ['2027-04-16', 'Giỗ Tổ Hùng Vương'],
    ['2027-05-03', 'Nghỉ bù Ngày Quốc tế Lao động (1/5 là thứ Bảy)'],
  ])('%s is %s', (date, name) => {
    expect(calendarOf(Number(date.slice(0, 4))).holidays).toContainEqual({ date, name });
  });

  it('marks every 2027 day not fixed by the Labour Code as expected (dự kiến)', () => {
    const expected = calendarOf(2027).holidays.filter((h) => h.name.includes('dự kiến'));
    expect(expected.map((h) => h.date)).toEqual(['2027-02-04', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-09-03']);
  });

  it('is frozen: tenants edit copies, never the seed', () => {
    expect(Object.isFrozen(VIETNAM_HOLIDAYS)).toBe(true);
    expect(Object.isFrozen(calendarOf(2026).holidays)).toBe(true);
    expect(Object.isFrozen(calendarOf(2026).holidays[0])).toBe(true);
  });
});

describe('independence from the machine\'s time zone', () => {
  // The suite also passes with TZ=America/New_York and TZ=Asia/Ho_Chi_Minh (see docs/calendar.md); this guards
  // the source against the methods that read the local zone.
  const dir = join(import.meta.dirname, '../../shared/calendar');
  const sources = readdirSync(dir).filter((f) => f.endsWith('.ts'));

  it.each(sources)('%s uses no local-time Date method, no Date.now() and no new Date() without argument', (file) => {
    const source = readFileSync(join(dir, file), 'utf8').replace(/\/\/.*$/gm, '');
    expect(source).not.toMatch(/\.(get|set)(FullYear|Month|Date|Day|Hours|Minutes|Seconds|Milliseconds)\(|getTimezoneOffset|toLocale\w*\(|Date\.now\(|new Date\(\)/);
  });
});
