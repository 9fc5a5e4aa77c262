// Recurring meetings: the RRULE subset, its expansion and the overlap rule. Expected dates are written by hand from a
// printed calendar of 2026–2027 (1/1/2026 is a Thursday, 30/11/2026 a Monday, 1/1/2027 a Friday) or computed in
// the test by plain day arithmetic, never by the code under test.
import {
  MAX_OCCURRENCES,
  expandOccurrences,
  formatRecurrence,
  occurrencesBetween,
  overlaps,
  parseRecurrence,
  type Interval,
} from '#functions/meetings/recurrence';
import { thrown } from '../support/app-error';

const DAY = 86_400_000;
/** `2026-11-30 07:30` read as Asia/Ho_Chi_Minh. */
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
/** The Vietnam local `YYYY-MM-DD HH:mm` of an instant, shifted by hand. */
const local = (instant: Date) => new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The occurrences' starts as Vietnam local times, for a meeting of `hours` from `start` with the rule. */
function starts(rule: string, start: string, hours = 1): string[] {
  const s = vn(start);
  return expandOccurrences({ start: s, end: new Date(s.getTime() + hours * 3_600_000), rule: parseRecurrence(rule) }).map((o) => local(o.start));
}

describe('parsing and formatting the RRULE subset', () => {
  it.each([
    ['FREQ=WEEKLY;COUNT=10', 'FREQ=WEEKLY;COUNT=10'],
    ['RRULE:freq=weekly;byday=fr,mo,we;count=3', 'FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=3'],
    ['FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;UNTIL=20261231', 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20261231'],
    ['COUNT=4;BYDAY=TU,TH;INTERVAL=2;FREQ=WEEKLY;WKST=MO', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=4'],
    ['FREQ=MONTHLY;BYDAY=-1FR,+1MO;UNTIL=20271231T165959Z', 'FREQ=MONTHLY;BYDAY=1MO,-1FR;UNTIL=20271231T165959Z'],
    ['FREQ=MONTHLY;INTERVAL=3;COUNT=200', 'FREQ=MONTHLY;INTERVAL=3;COUNT=200'],
  ])('%s is written canonically as %s, which reads back to the same rule', (text, canonical) => {
    // Prepare, Act
    const rule = parseRecurrence(text);
    const written = formatRecurrence(rule);

    // Assess
    expect(written).toBe(canonical);
    expect(parseRecurrence(written)).toEqual(rule);
  });

  it('reads an UNTIL date as the end of that day in Vietnam and can write it as that UTC instant for a calendar file', () => {
    // Prepare
    const rule = parseRecurrence('FREQ=WEEKLY;UNTIL=20261231');

    // Act, Assess: 31/12/2026 23:59:59 in Vietnam is 16:59:59 UTC.
    expect(rule.end).toEqual({ kind: 'untilDate', date: '2026-12-31' });
    expect(formatRecurrence(rule, { untilAs: 'utc' })).toBe('FREQ=WEEKLY;UNTIL=20261231T165959Z');
  });

  it.each([
    ['an empty rule', '', 'RECURRENCE_INVALID'],
    ['no FREQ', 'COUNT=3', 'RECURRENCE_INVALID'],
    ['a part without a value', 'FREQ=WEEKLY;COUNT=', 'RECURRENCE_INVALID'],
    ['a part without =', 'FREQ=WEEKLY;COUNT', 'RECURRENCE_INVALID'],
    ['a trailing semicolon', 'FREQ=WEEKLY;COUNT=3;', 'RECURRENCE_INVALID'],
    ['a repeated part', 'FREQ=WEEKLY;COUNT=3;COUNT=4', 'RECURRENCE_INVALID'],
    ['an unknown part', 'FREQ=WEEKLY;COUNT=3;COLOR=RED', 'RECURRENCE_INVALID'],
    ['an unknown FREQ', 'FREQ=FORTNIGHTLY;COUNT=3', 'RECURRENCE_INVALID'],
    ['INTERVAL 0', 'FREQ=WEEKLY;INTERVAL=0;COUNT=3', 'RECURRENCE_INVALID'],
    ['INTERVAL 13', 'FREQ=WEEKLY;INTERVAL=13;COUNT=3', 'RECURRENCE_INVALID'],
    ['INTERVAL not a number', 'FREQ=WEEKLY;INTERVAL=two;COUNT=3', 'RECURRENCE_INVALID'],
    ['a negative INTERVAL', 'FREQ=WEEKLY;INTERVAL=-1;COUNT=3', 'RECURRENCE_INVALID'],
    ['COUNT 0', 'FREQ=WEEKLY;COUNT=0', 'RECURRENCE_INVALID'],
    ['COUNT 2.5', 'FREQ=WEEKLY;COUNT=2.5', 'RECURRENCE_INVALID'],
    ['COUNT and UNTIL', 'FREQ=WEEKLY;COUNT=3;UNTIL=20261231', 'RECURRENCE_INVALID'],
    ['an impossible UNTIL date', 'FREQ=WEEKLY;UNTIL=20270229', 'RECURRENCE_INVALID'],
    ['UNTIL in local time (no Z)', 'FREQ=WEEKLY;UNTIL=20261231T235959', 'RECURRENCE_INVALID'],
    ['UNTIL at 24:00', 'FREQ=WEEKLY;UNTIL=20261231T240000Z', 'RECURRENCE_INVALID'],
    ['UNTIL with dashes', 'FREQ=WEEKLY;UNTIL=2026-12-31', 'RECURRENCE_INVALID'],
    ['an unknown weekday', 'FREQ=WEEKLY;BYDAY=MO,XX;COUNT=3', 'RECURRENCE_INVALID'],
    ['an empty BYDAY item', 'FREQ=WEEKLY;BYDAY=MO,,WE;COUNT=3', 'RECURRENCE_INVALID'],
    ['an ordinal with WEEKLY', 'FREQ=WEEKLY;BYDAY=1MO;COUNT=3', 'RECURRENCE_INVALID'],
    ['ordinal 0', 'FREQ=MONTHLY;BYDAY=0MO;COUNT=3', 'RECURRENCE_INVALID'],
    ['ordinal 6', 'FREQ=MONTHLY;BYDAY=6MO;COUNT=3', 'RECURRENCE_INVALID'],
    ['WKST that is not a weekday', 'FREQ=WEEKLY;COUNT=3;WKST=XX', 'RECURRENCE_INVALID'],
    ['FREQ=DAILY', 'FREQ=DAILY;COUNT=3', 'RECURRENCE_UNSUPPORTED'],
    ['FREQ=YEARLY', 'FREQ=YEARLY;COUNT=3', 'RECURRENCE_UNSUPPORTED'],
    ['BYMONTHDAY', 'FREQ=MONTHLY;BYMONTHDAY=15;COUNT=3', 'RECURRENCE_UNSUPPORTED'],
    ['BYSETPOS', 'FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=-1;COUNT=3', 'RECURRENCE_UNSUPPORTED'],
    ['BYMONTH', 'FREQ=WEEKLY;BYMONTH=1;COUNT=3', 'RECURRENCE_UNSUPPORTED'],
    ['BYHOUR', 'FREQ=WEEKLY;BYHOUR=8;COUNT=3', 'RECURRENCE_UNSUPPORTED'],
    ['WKST=SU', 'FREQ=WEEKLY;COUNT=3;WKST=SU', 'RECURRENCE_UNSUPPORTED'],
    ['every Monday of the month (MONTHLY without ordinal)', 'FREQ=MONTHLY;BYDAY=MO;COUNT=3', 'RECURRENCE_UNSUPPORTED'],
    ['neither COUNT nor UNTIL', 'FREQ=WEEKLY;BYDAY=MO', 'RECURRENCE_UNBOUNDED'],
    ['COUNT above 200', 'FREQ=WEEKLY;COUNT=201', 'RECURRENCE_TOO_LONG'],
  ])('refuses %s: %s → %s', (_, text, code) => {
    // Prepare, Act
    const err = thrown(() => parseRecurrence(text));

    // Assess: a 400 with the code, a Vietnamese message and its English.
    expect(err).toMatchObject({ status: 400, code });
    expect(err.message).toMatch(/[ạảãáàặẳẵắằậẩẫấầệểễếềịỉĩíìọỏõóòộổỗốồợởỡớờụủũúùựửữứừỵỷỹýỳđ]/i);
    expect(err.messageEn).toMatch(/[a-z]/);
  });
});

describe('expanding a series (Vietnam local time, weeks from Monday)', () => {
  it('without a rule: the meeting itself, named by its start in UTC', () => {
    // Prepare
    const start = vn('2026-11-30 08:00');
    const end = vn('2026-11-30 10:00');

    // Act
    const occurrences = expandOccurrences({ start, end });

    // Assess
    expect(occurrences).toEqual([{ key: '20261130T010000Z', start, end }]);
  });

  it('weekly on several days: MO,WE,FR from Monday 30/11/2026 07:30, ten times, at 07:30 each time', () => {
    // Prepare, Act
    const got = starts('FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=10', '2026-11-30 07:30');

    // Assess
    expect(got).toEqual([
      '2026-11-30 07:30', '2026-12-02 07:30', '2026-12-04 07:30',
      '2026-12-07 07:30', '2026-12-09 07:30', '2026-12-11 07:30',
      '2026-12-14 07:30', '2026-12-16 07:30', '2026-12-18 07:30',
      '2026-12-21 07:30',
    ]);
  });

  it('weekly across the new year: MO,TH from Monday 28/12/2026', () => {
    expect(starts('FREQ=WEEKLY;BYDAY=TH,MO;COUNT=6', '2026-12-28 14:00')).toEqual([
      '2026-12-28 14:00', '2026-12-31 14:00', '2027-01-04 14:00', '2027-01-07 14:00', '2027-01-11 14:00', '2027-01-14 14:00',
    ]);
  });

  it('a start in the middle of the week skips the earlier days of its first week', () => {
    // Wednesday 2/12/2026 with MO,WE: Monday 30/11 is before the start.
    expect(starts('FREQ=WEEKLY;BYDAY=MO,WE;COUNT=3', '2026-12-02 09:00')).toEqual(['2026-12-02 09:00', '2026-12-07 09:00', '2026-12-09 09:00']);
  });

  it('weekly without BYDAY repeats the start\'s weekday: every 7 days by plain arithmetic', () => {
    // Prepare
    const start = vn('2026-11-30 08:00');
    const expected = Array.from({ length: 30 }, (_, k) => new Date(start.getTime() + k * 7 * DAY).toISOString());

    // Act
    const got = expandOccurrences({ start, end: vn('2026-11-30 09:00'), rule: parseRecurrence('FREQ=WEEKLY;COUNT=30') });

    // Assess
    expect(got.map((o) => o.start.toISOString())).toEqual(expected);
  });

  it('every second week (INTERVAL=2) with TU,TH counts weeks from the Monday of the start, even from a Thursday start', () => {
    // Thursday 3/12/2026: its week (30/11) is week 0, then the weeks of 14/12 and 28/12.
    expect(starts('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=5', '2026-12-03 08:00')).toEqual([
      '2026-12-03 08:00', '2026-12-15 08:00', '2026-12-17 08:00', '2026-12-29 08:00', '2026-12-31 08:00',
    ]);
  });

  it('every second week without BYDAY: every 14 days by plain arithmetic', () => {
    // Prepare
    const start = vn('2026-12-01 07:30');
    const expected = Array.from({ length: 12 }, (_, k) => new Date(start.getTime() + k * 14 * DAY).toISOString());

    // Act
    const got = expandOccurrences({ start, end: vn('2026-12-01 11:30'), rule: parseRecurrence('FREQ=WEEKLY;INTERVAL=2;COUNT=12') });

    // Assess
    expect(got.map((o) => o.start.toISOString())).toEqual(expected);
  });

  it('monthly on the 31st skips the months without one (2027: Jan, Mar, May, Jul, Aug, Oct, Dec)', () => {
    expect(starts('FREQ=MONTHLY;COUNT=7', '2027-01-31 09:00')).toEqual([
      '2027-01-31 09:00', '2027-03-31 09:00', '2027-05-31 09:00', '2027-07-31 09:00', '2027-08-31 09:00', '2027-10-31 09:00', '2027-12-31 09:00',
    ]);
  });

  it('monthly on the last Friday (-1FR) from 27/11/2026', () => {
    expect(starts('FREQ=MONTHLY;BYDAY=-1FR;COUNT=8', '2026-11-27 14:00')).toEqual([
      '2026-11-27 14:00', '2026-12-25 14:00', '2027-01-29 14:00', '2027-02-26 14:00',
      '2027-03-26 14:00', '2027-04-30 14:00', '2027-05-28 14:00', '2027-06-25 14:00',
    ]);
  });

  it('monthly on the first Monday (1MO) from 4/1/2027', () => {
    expect(starts('FREQ=MONTHLY;BYDAY=1MO;COUNT=6', '2027-01-04 07:30')).toEqual([
      '2027-01-04 07:30', '2027-02-01 07:30', '2027-03-01 07:30', '2027-04-05 07:30', '2027-05-03 07:30', '2027-06-07 07:30',
    ]);
  });

  it('monthly on the first and third Monday, every second month', () => {
    // January, March, May 2027: first Mondays 4/1, 1/3, 3/5; third Mondays 18/1, 15/3, 17/5.
    expect(starts('FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO,3MO;COUNT=6', '2027-01-04 08:00')).toEqual([
      '2027-01-04 08:00', '2027-01-18 08:00', '2027-03-01 08:00', '2027-03-15 08:00', '2027-05-03 08:00', '2027-05-17 08:00',
    ]);
  });

  it('UNTIL as a date includes the whole of that day in Vietnam and nothing after it', () => {
    // Prepare: Mondays at 23:30 up to Monday 28/12/2026 (16:30 UTC, still the 28th in Vietnam).
    const evening = starts('FREQ=WEEKLY;UNTIL=20261228', '2026-11-30 23:30');
    // Tuesdays at 06:30: Tuesday 29/12 06:30 in Vietnam is still 28/12 (23:30) in UTC, but after the day in Vietnam.
    const morning = starts('FREQ=WEEKLY;UNTIL=20261228', '2026-12-01 06:30');

    // Assess
    expect(evening).toEqual(['2026-11-30 23:30', '2026-12-07 23:30', '2026-12-14 23:30', '2026-12-21 23:30', '2026-12-28 23:30']);
    expect(morning).toEqual(['2026-12-01 06:30', '2026-12-08 06:30', '2026-12-15 06:30', '2026-12-22 06:30']);
  });

  it('UNTIL as a UTC instant includes an occurrence exactly at UNTIL and excludes it a second earlier', () => {
    // Mondays 08:00 in Vietnam = 01:00 UTC; Monday 21/12/2026 08:00 is 20261221T010000Z.
    expect(starts('FREQ=WEEKLY;UNTIL=20261221T010000Z', '2026-11-30 08:00')).toEqual([
      '2026-11-30 08:00', '2026-12-07 08:00', '2026-12-14 08:00', '2026-12-21 08:00',
    ]);
    expect(starts('FREQ=WEEKLY;UNTIL=20261221T005959Z', '2026-11-30 08:00')).toEqual(['2026-11-30 08:00', '2026-12-07 08:00', '2026-12-14 08:00']);
  });

  it('UNTIL equal to the start: the start alone', () => {
    expect(starts('FREQ=WEEKLY;UNTIL=20261130T010000Z', '2026-11-30 08:00')).toEqual(['2026-11-30 08:00']);
  });

  it('COUNT=1: the start alone', () => {
    expect(starts('FREQ=MONTHLY;BYDAY=-1FR;COUNT=1', '2026-11-27 14:00')).toEqual(['2026-11-27 14:00']);
  });

  it('every occurrence lasts as long as the first, and is named by its own start in UTC', () => {
    // Prepare
    const start = vn('2026-11-30 07:30');

    // Act
    const got = expandOccurrences({ start, end: vn('2026-11-30 09:15'), rule: parseRecurrence('FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4') });

    // Assess
    expect(got.map((o) => o.end.getTime() - o.start.getTime())).toEqual([105, 105, 105, 105].map((m) => m * 60_000));
    expect(got.map((o) => o.key)).toEqual(['20261130T003000Z', '20261202T003000Z', '20261207T003000Z', '20261209T003000Z']);
  });

  it('a meeting across midnight (Sunday 23:00 to Monday 01:00) recurs by the weekday of its start', () => {
    // Prepare: Sunday 6/12/2026 23:00 in Vietnam.
    const start = vn('2026-12-06 23:00');
    const end = vn('2026-12-07 01:00');

    // Act
    const got = expandOccurrences({ start, end, rule: parseRecurrence('FREQ=WEEKLY;BYDAY=SU;COUNT=3') });

    // Assess
    expect(got.map((o) => [local(o.start), local(o.end)])).toEqual([
      ['2026-12-06 23:00', '2026-12-07 01:00'],
      ['2026-12-13 23:00', '2026-12-14 01:00'],
      ['2026-12-20 23:00', '2026-12-21 01:00'],
    ]);
  });

  it('weekdays are Vietnam\'s: Monday 06:00 in Vietnam (Sunday 23:00 UTC) is a Monday', () => {
    // Prepare
    const start = vn('2026-11-30 06:00');
    const end = vn('2026-11-30 07:00');

    // Act, Assess
    expect(expandOccurrences({ start, end, rule: parseRecurrence('FREQ=WEEKLY;BYDAY=MO;COUNT=2') }).map((o) => o.key)).toEqual(['20261129T230000Z', '20261206T230000Z']);
    expect(thrown(() => expandOccurrences({ start, end, rule: parseRecurrence('FREQ=WEEKLY;BYDAY=SU;COUNT=2') })).code).toBe('RECURRENCE_START_MISMATCH');
  });

  it.each([
    ['a Monday start with BYDAY=TU', 'FREQ=WEEKLY;BYDAY=TU;COUNT=3', '2026-11-30 08:00'],
    ['a Friday that is not the last Friday with -1FR', 'FREQ=MONTHLY;BYDAY=-1FR;COUNT=3', '2026-11-20 08:00'],
    ['the second Monday with 1MO', 'FREQ=MONTHLY;BYDAY=1MO;COUNT=3', '2027-01-11 08:00'],
  ])('refuses a start that is not an occurrence of its rule: %s', (_, rule, start) => {
    // Prepare
    const s = vn(start);

    // Act
    const err = thrown(() => expandOccurrences({ start: s, end: new Date(s.getTime() + 3_600_000), rule: parseRecurrence(rule) }));

    // Assess
    expect(err).toMatchObject({ status: 400, code: 'RECURRENCE_START_MISMATCH' });
  });

  it('refuses UNTIL before the start', () => {
    const err = thrown(() => starts('FREQ=WEEKLY;UNTIL=20261129', '2026-11-30 08:00'));
    expect(err).toMatchObject({ status: 400, code: 'RECURRENCE_INVALID' });
  });

  it('takes exactly 200 occurrences, and refuses 201 through UNTIL', () => {
    // Prepare: weekly from Monday 30/11/2026; the 200th Monday is 199 weeks later, the 201st 200 weeks later.
    const start = vn('2026-11-30 08:00');
    const at = (weeks: number) => new Date(start.getTime() + weeks * 7 * DAY);
    const stamp = (d: Date) => d.toISOString().slice(0, 19).replace(/[-:]/g, '') + 'Z';
    const run = (until: Date) => expandOccurrences({ start, end: vn('2026-11-30 09:00'), rule: parseRecurrence(`FREQ=WEEKLY;UNTIL=${stamp(until)}`) });

    // Act
    const exactly = run(at(199));
    const tooMany = thrown(() => run(at(200)));

    // Assess
    expect(exactly).toHaveLength(MAX_OCCURRENCES);
    expect(exactly.at(-1)!.start).toEqual(at(199));
    expect(tooMany).toMatchObject({ status: 400, code: 'RECURRENCE_TOO_LONG' });
  });

  it('refuses a far UNTIL at once, without generating the whole series', () => {
    // Prepare: weekly until 9999 would be about 415,000 occurrences.
    const rule = parseRecurrence('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;UNTIL=99991231');
    const began = process.hrtime.bigint();

    // Act
    const err = thrown(() => expandOccurrences({ start: vn('2026-11-30 08:00'), end: vn('2026-11-30 09:00'), rule }));

    // Assess
    expect(err.code).toBe('RECURRENCE_TOO_LONG');
    expect(Number(process.hrtime.bigint() - began) / 1e6).toBeLessThan(200);
  });

  it('honours a smaller max', () => {
    const rule = parseRecurrence('FREQ=WEEKLY;COUNT=6');
    const start = vn('2026-11-30 08:00');
    expect(expandOccurrences({ start, end: vn('2026-11-30 09:00'), rule, max: 6 })).toHaveLength(6);
    expect(thrown(() => expandOccurrences({ start, end: vn('2026-11-30 09:00'), rule, max: 5 })).code).toBe('RECURRENCE_TOO_LONG');
  });
});

describe('overlap of half-open intervals [start, end)', () => {
  const iv = (from: string, to: string): Interval => ({ start: vn(from), end: vn(to) });
  const a = iv('2026-11-30 08:00', '2026-11-30 10:00');

  it.each([
    ['back to back, b after a', false, iv('2026-11-30 10:00', '2026-11-30 11:00')],
    ['back to back, b before a', false, iv('2026-11-30 07:00', '2026-11-30 08:00')],
    ['apart', false, iv('2026-11-30 13:30', '2026-11-30 15:00')],
    ['b contains a', true, iv('2026-11-30 07:00', '2026-11-30 11:00')],
    ['b inside a', true, iv('2026-11-30 08:30', '2026-11-30 09:00')],
    ['equal', true, iv('2026-11-30 08:00', '2026-11-30 10:00')],
    ['same start, b shorter', true, iv('2026-11-30 08:00', '2026-11-30 08:01')],
    ['same end, b longer', true, iv('2026-11-30 06:00', '2026-11-30 10:00')],
    ['partly, b later', true, iv('2026-11-30 09:59', '2026-11-30 12:00')],
    ['partly, b earlier', true, iv('2026-11-30 07:00', '2026-11-30 08:01')],
  ])('%s → %s, whichever comes first', (_, expected, b) => {
    expect(overlaps(a, b)).toBe(expected);
    expect(overlaps(b, a)).toBe(expected);
  });

  it('across midnight: 23:00–01:00 overlaps 00:30–02:00 the next day, and touches 01:00–02:00 without overlapping', () => {
    // Prepare
    const night = iv('2026-12-06 23:00', '2026-12-07 01:00');

    // Act, Assess
    expect(overlaps(night, iv('2026-12-07 00:30', '2026-12-07 02:00'))).toBe(true);
    expect(overlaps(night, iv('2026-12-06 22:00', '2026-12-06 23:00'))).toBe(false);
    expect(overlaps(night, iv('2026-12-07 01:00', '2026-12-07 02:00'))).toBe(false);
    expect(overlaps(night, iv('2026-12-07 08:00', '2026-12-07 09:00'))).toBe(false);
  });

  it('occurrencesBetween keeps those that overlap the window, including one that began before it', () => {
    // Prepare: Sundays 23:00–01:00 for four weeks.
    const s = vn('2026-12-06 23:00');
    const occurrences = expandOccurrences({ start: s, end: vn('2026-12-07 01:00'), rule: parseRecurrence('FREQ=WEEKLY;COUNT=4') });

    // Act: the week of Monday 14/12 (the 13/12 meeting runs into it) up to Sunday 20/12 23:00 (touching, left out).
    const inWindow = occurrencesBetween(occurrences, vn('2026-12-14 00:00'), vn('2026-12-20 23:00'));

    // Assess
    expect(inWindow.map((o) => local(o.start))).toEqual(['2026-12-13 23:00']);
  });
});
