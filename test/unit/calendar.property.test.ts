// Properties of working time that must hold for every instant of 2025–2027 and every processing time, checked with
// fast-check against the seeded calendars (and weekends only beyond 2027). Bounded runs with a fixed seed.
import * as fc from 'fast-check';
import {
  VIETNAM_HOLIDAYS,
  addWorkingMinutes,
  calendarsByYear,
  dueDate,
  elapsedWorkingMinutes,
  isOnTime,
  nextWorkingMoment,
  workingMinutesBetween,
  type Pause,
} from '#shared/calendar/index';

const calendars = calendarsByYear(VIETNAM_HOLIDAYS);
const RUNS = { numRuns: 300, seed: 20_260_302 };
const MINUTE = 60_000;

// An oracle written apart from the module: the seed's dates as sets, weekdays and HH:mm read from the instant
// shifted by +7 h; default office hours 07:00–11:30 and 13:30–17:00 (in minutes: 420–690, 810–1020).
const holidays = new Set(VIETNAM_HOLIDAYS.flatMap((c) => c.holidays.map((d) => d.date)));
const swappedWorkingDays = new Set(VIETNAM_HOLIDAYS.flatMap((c) => c.workingDays.map((d) => d.date)));
function officeHoursAllowingPeriodEnd(instant: Date): boolean {
  const shifted = new Date(instant.getTime() + 7 * 3_600_000);
  const date = shifted.toISOString().slice(0, 10);
  const weekday = shifted.getUTCDay();
  const workingDay = swappedWorkingDays.has(date) || (weekday >= 1 && weekday <= 5 && !holidays.has(date));
  const minute = (shifted.getTime() % 86_400_000) / MINUTE;
  return workingDay && ((minute >= 420 && minute <= 690) || (minute >= 810 && minute <= 1020));
}

// Instants from 2025-01-01 00:00 to 2027-12-31 23:59:59.999 in Vietnam: on whole minutes (as clerks record them)
// or to the millisecond.
const FIRST = Date.UTC(2024, 11, 31, 17);
const LAST = Date.UTC(2027, 11, 31, 17) - 1;
const instant = fc.oneof(
  fc.integer({ min: FIRST / MINUTE, max: Math.floor(LAST / MINUTE) }).map((m) => new Date(m * MINUTE)),
  fc.integer({ min: FIRST, max: LAST }).map((ms) => new Date(ms)),
);
/** Up to 30 working days of minutes. */
const minutes = fc.integer({ min: 0, max: 30 * 480 });
/** Processing times in half days, 0 to 20 days. */
const workingDays = fc.integer({ min: 0, max: 40 }).map((halves) => halves / 2);

describe('working time properties (fast-check)', () => {
  it('(1) a due date never falls outside the office hours of a working day (the exact end of a period allowed)', () => {
    fc.assert(
      fc.property(instant, workingDays, (acceptedAt, days) => {
        const due = dueDate({ acceptedAt, workingDays: days, calendars }) as Date;
        expect(officeHoursAllowingPeriodEnd(due)).toBe(true);
        expect(due.getTime()).toBeGreaterThanOrEqual(acceptedAt.getTime());
      }),
      RUNS,
    );
  });

  it('(1b) the clock start is inside office hours, never before the instant, with no working time in between', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const start = nextWorkingMoment(t, calendars);
        expect(officeHoursAllowingPeriodEnd(start)).toBe(true);
        expect(start.getTime()).toBeGreaterThanOrEqual(t.getTime());
        expect(workingMinutesBetween(t, start, calendars)).toBe(0);
        expect(nextWorkingMoment(start, calendars)).toEqual(start);
      }),
      RUNS,
    );
  });

  it('(2) adding working time is monotonic in the minutes and in the start', () => {
    fc.assert(
      fc.property(instant, instant, minutes, minutes, (a, b, m, n) => {
        const [t1, t2] = a <= b ? [a, b] : [b, a];
        const [m1, m2] = m <= n ? [m, n] : [n, m];
        expect(addWorkingMinutes(t1, m1, calendars).getTime()).toBeLessThanOrEqual(addWorkingMinutes(t1, m2, calendars).getTime());
        expect(addWorkingMinutes(t1, m1, calendars).getTime()).toBeLessThanOrEqual(addWorkingMinutes(t2, m1, calendars).getTime());
      }),
      RUNS,
    );
  });

  it('(3) the working time from t to addWorkingMinutes(t, m) is m', () => {
    fc.assert(
      fc.property(instant, minutes, (t, m) => {
        expect(workingMinutesBetween(t, addWorkingMinutes(t, m, calendars), calendars)).toBe(m);
      }),
      RUNS,
    );
  });

  it('(4) a pause starting after acceptance and before the due date moves the due date by exactly its working time', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 40 }).map((h) => h / 2), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 14 * 24 * 60 }), (acceptedAt, days, at, lengthMinutes) => {
        // Prepare: p1 somewhere in [acceptedAt, due), p2 up to 14 calendar days later (possibly after the due date).
        const without = dueDate({ acceptedAt, workingDays: days, calendars }) as Date;
        const p1 = new Date(acceptedAt.getTime() + Math.floor(at * (without.getTime() - acceptedAt.getTime() - 1)));
        const p2 = new Date(p1.getTime() + lengthMinutes * MINUTE);
        const paused = workingMinutesBetween(p1, p2, calendars);

        // Act
        const withPause = dueDate({ acceptedAt, workingDays: days, pauses: [{ from: p1, to: p2 }], calendars });

        // Assess: shifting by 0 changes nothing (addWorkingMinutes(17:00, 0) would move on to the next morning).
        expect(withPause).toEqual(paused === 0 ? without : addWorkingMinutes(without, paused, calendars));
      }),
      RUNS,
    );
  });

  it('(5) elapsed working time is additive: between(a, b) + between(b, c) = between(a, c)', () => {
    fc.assert(
      fc.property(instant, instant, instant, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p.getTime() - q.getTime()) as [Date, Date, Date];
        expect(workingMinutesBetween(a, b, calendars) + workingMinutesBetween(b, c, calendars)).toBeCloseTo(workingMinutesBetween(a, c, calendars), 9);
      }),
      RUNS,
    );
  });

  // Pauses of up to 5 calendar days starting within 20 days of acceptance, possibly overlapping each other.
  const pausesAfter = (acceptedAt: Date) =>
    fc.array(
      fc.record({ offset: fc.integer({ min: -2 * 24 * 60, max: 20 * 24 * 60 }), length: fc.integer({ min: 0, max: 5 * 24 * 60 }) }).map(
        ({ offset, length }): Pause => ({ from: new Date(acceptedAt.getTime() + offset * MINUTE), to: new Date(acceptedAt.getTime() + (offset + length) * MINUTE) }),
      ),
      { maxLength: 3 },
    );

  it('(6) dueDate and elapsedWorkingMinutes agree: from acceptance to the due date, minus pauses, is the processing time', () => {
    fc.assert(
      fc.property(
        instant.chain((acceptedAt) => fc.tuple(fc.constant(acceptedAt), workingDays, pausesAfter(acceptedAt))),
        ([acceptedAt, days, pauses]) => {
          const due = dueDate({ acceptedAt, workingDays: days, pauses, calendars }) as Date;
          expect(elapsedWorkingMinutes({ from: acceptedAt, to: due, pauses, calendars })).toBe(days * 480);
        },
      ),
      RUNS,
    );
  });

  it('(7) finished by the due date ⇒ at most the processing time used; more than the processing time used ⇒ late', () => {
    fc.assert(
      fc.property(
        instant.chain((acceptedAt) => fc.tuple(fc.constant(acceptedAt), workingDays, pausesAfter(acceptedAt), fc.integer({ min: 0, max: 40 * 24 * 60 }))),
        ([acceptedAt, days, pauses, finishedAfter]) => {
          const dueAt = dueDate({ acceptedAt, workingDays: days, pauses, calendars }) as Date;
          const finishedAt = new Date(acceptedAt.getTime() + finishedAfter * MINUTE);
          const used = elapsedWorkingMinutes({ from: acceptedAt, to: finishedAt, pauses, calendars });
          if (isOnTime({ finishedAt, dueAt })) expect(used).toBeLessThanOrEqual(days * 480);
          if (used > days * 480) expect(isOnTime({ finishedAt, dueAt })).toBe(false);
        },
      ),
      RUNS,
    );
  });

  it('(8) an open pause gives the same due date as the same pause closed at now', () => {
    fc.assert(
      fc.property(instant, workingDays, fc.integer({ min: 0, max: 10 * 24 * 60 }), fc.integer({ min: 0, max: 10 * 24 * 60 }), (acceptedAt, days, startAfter, openFor) => {
        const from = new Date(acceptedAt.getTime() + startAfter * MINUTE);
        const now = new Date(from.getTime() + openFor * MINUTE);
        expect(dueDate({ acceptedAt, workingDays: days, pauses: [{ from }], calendars, now })).toEqual(dueDate({ acceptedAt, workingDays: days, pauses: [{ from, to: now }], calendars }));
      }),
      RUNS,
    );
  });
});
