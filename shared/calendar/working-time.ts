// Working time (thời gian làm việc) of the one-stop shop: due dates (ngày hẹn trả), elapsed working time, on time or late.
// Pure: no I/O, no clock; every instant is passed in. All local times are Asia/Ho_Chi_Minh, a fixed UTC+7: an
// instant is shifted by +7 h and read with UTC arithmetic, never with the machine's time zone.
//
// Working time runs only inside the office hours of working days. A day is a working day when it is Monday–Friday
// and not a holiday of its year's calendar, or when that calendar lists it as a swapped working day. Inside, every
// computation is in whole milliseconds, so sums and differences are exact.
import { DEFAULT_OFFICE_HOURS, VIETNAM_OFFSET_MS, fallbackCalendar, minutesOfDay, type CalendarLookup, type OfficeHours, type Pause, type YearCalendar } from './types';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** How far to look for the next working day before deciding the calendars have none (a broken calendar). */
const MAX_DAYS_WITHOUT_WORK = 3660;

/** Minutes of working time in one day of these office hours (480 for the default 07:00–11:30, 13:30–17:00). */
export function minutesPerWorkingDay(officeHours: OfficeHours = DEFAULT_OFFICE_HOURS): number {
  return (
    minutesOfDay(officeHours.morning.end) - minutesOfDay(officeHours.morning.start) + (minutesOfDay(officeHours.afternoon.end) - minutesOfDay(officeHours.afternoon.start))
  );
}

interface CompiledYear {
  /** Office periods as [start, end) in milliseconds after local midnight, morning first. */
  periods: readonly (readonly [number, number])[];
  holidays: ReadonlySet<number>;
  workingDays: ReadonlySet<number>;
  minutesPerDay: number;
}

/** Local (UTC+7) day number: days since 1970-01-01. */
const localDay = (ms: number) => Math.floor((ms + VIETNAM_OFFSET_MS) / DAY_MS);
/** The instant of `msOfDay` after local midnight of local day `day`. */
const instantOf = (day: number, msOfDay: number) => day * DAY_MS + msOfDay - VIETNAM_OFFSET_MS;
const yearOfDay = (day: number) => new Date(day * DAY_MS).getUTCFullYear();
const dayOfIsoDate = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;

/** A calendar lookup with each year compiled once per computation. */
class Calendars {
  private readonly years = new Map<number, CompiledYear>();

  constructor(private readonly lookup: CalendarLookup) {}

  year(year: number): CompiledYear {
    let compiled = this.years.get(year);
    if (!compiled) {
      const calendar = (typeof this.lookup === 'function' ? this.lookup(year) : this.lookup.get(year)) ?? fallbackCalendar(year);
      compiled = compile(calendar, year);
      this.years.set(year, compiled);
    }
    return compiled;
  }

  /** The office periods of a local day as instants, or none when it is not a working day. */
  periodsOf(day: number): (readonly [number, number])[] {
    const year = this.year(yearOfDay(day));
    if (!isWorkingDayOf(year, day)) return [];
    return year.periods.map(([start, end]) => [instantOf(day, start), instantOf(day, end)] as const);
  }
}

function compile(calendar: YearCalendar, year: number): CompiledYear {
  if (calendar.year !== year) throw new RangeError(`the calendar given for ${year} is the calendar of ${calendar.year}`);
  const { morning, afternoon } = calendar.officeHours;
  return {
    periods: [
      [minutesOfDay(morning.start) * MINUTE_MS, minutesOfDay(morning.end) * MINUTE_MS],
      [minutesOfDay(afternoon.start) * MINUTE_MS, minutesOfDay(afternoon.end) * MINUTE_MS],
    ],
    holidays: new Set(calendar.holidays.map((d) => dayOfIsoDate(d.date))),
    workingDays: new Set(calendar.workingDays.map((d) => dayOfIsoDate(d.date))),
    minutesPerDay: minutesPerWorkingDay(calendar.officeHours),
  };
}

function isWorkingDayOf(year: CompiledYear, day: number): boolean {
  if (year.workingDays.has(day)) return true;
  if (year.holidays.has(day)) return false;
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday (4); 0 = Sunday.
  return weekday >= 1 && weekday <= 5;
}

function toMs(instant: Date, what: string): number {
  const ms = typeof instant?.getTime === 'function' ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${what} is not a valid instant`);
  return ms;
}

function minutesToMs(minutes: number, what: string): number {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`${what} must be a finite number ≥ 0, not ${minutes}`);
  return Math.round(minutes * MINUTE_MS);
}

function nextWorkingMs(ms: number, calendars: Calendars): number {
  const today = localDay(ms);
  for (const [start, end] of calendars.periodsOf(today)) {
    if (ms < start) return start; // before the morning, or during lunch
    if (ms < end) return ms; // inside; an instant exactly at a period's end moves on
  }
  for (let day = today + 1; day <= today + MAX_DAYS_WITHOUT_WORK; day++) {
    const first = calendars.periodsOf(day)[0];
    if (first) return first[0];
  }
  throw new RangeError(`no working day in the ${MAX_DAYS_WITHOUT_WORK} days after ${new Date(ms).toISOString()}: check the calendars`);
}

function addWorkingMs(startMs: number, amount: number, calendars: Calendars): number {
  let at = nextWorkingMs(startMs, calendars);
  let remaining = amount;
  for (;;) {
    const period = calendars.periodsOf(localDay(at)).find(([start, end]) => start <= at && at < end);
    if (!period) throw new Error('unreachable: a working moment lies inside an office period');
    const left = period[1] - at;
    // Running out exactly at the period's end gives that end (17:00 of the last day, not 07:00 of the next).
    if (remaining <= left) return at + remaining;
    remaining -= left;
    at = nextWorkingMs(period[1], calendars);
  }
}

function workingMsBetween(fromMs: number, untilMs: number, calendars: Calendars): number {
  let total = 0;
  for (let day = localDay(fromMs); day <= localDay(untilMs) && fromMs < untilMs; day++) {
    for (const [start, end] of calendars.periodsOf(day)) {
      const overlap = Math.min(end, untilMs) - Math.max(start, fromMs);
      if (overlap > 0) total += overlap;
    }
  }
  return total;
}

/**
 * The moment working time resumes from `instant`: the instant itself inside the office hours of a working day;
 * during lunch, the afternoon start; before the morning start, that morning's start; after the afternoon end or on
 * a day off, the morning start of the next working day. An instant exactly at a period's end is that period's
 * end: 11:30 gives 13:30 and 17:00 the next working morning.
 */
export function nextWorkingMoment(instant: Date, calendars: CalendarLookup): Date {
  return new Date(nextWorkingMs(toMs(instant, 'instant'), new Calendars(calendars)));
}

/**
 * The instant reached after `minutes` of working time from `start` (first moved to nextWorkingMoment). When the
 * time runs out exactly at the end of a period, the result is that end (11:30 or 17:00), never a moment outside
 * office hours.
 */
export function addWorkingMinutes(start: Date, minutes: number, calendars: CalendarLookup): Date {
  return new Date(addWorkingMs(toMs(start, 'start'), minutesToMs(minutes, 'minutes'), new Calendars(calendars)));
}

/** Working minutes in [from, to); 0 when to ≤ from. Fractional when the instants are not on whole minutes. */
export function workingMinutesBetween(from: Date, to: Date, calendars: CalendarLookup): number {
  return workingMsBetween(toMs(from, 'from'), toMs(to, 'to'), new Calendars(calendars)) / MINUTE_MS;
}

/** Whether the local (UTC+7) day of `instant` is a working day. */
export function isWorkingDay(instant: Date, calendars: CalendarLookup): boolean {
  return new Calendars(calendars).periodsOf(localDay(toMs(instant, 'instant'))).length > 0;
}

/**
 * Pauses as sorted, disjoint [from, to) intervals in milliseconds, clipped to [lowerMs, upperMs]. An open pause
 * ends at `openEndMs`; without one, it is an error.
 */
function pauseIntervals(pauses: readonly Pause[], lowerMs: number, upperMs: number, openEndMs: number | undefined): [number, number][] {
  const intervals = pauses.map((pause, i) => {
    const from = toMs(pause.from, `pauses[${i}].from`);
    let to: number;
    if (pause.to === undefined || pause.to === null) {
      if (openEndMs === undefined) throw new RangeError(`pauses[${i}] is still open: pass now`);
      to = openEndMs;
    } else {
      to = toMs(pause.to, `pauses[${i}].to`);
    }
    if (to < from) throw new RangeError(`pauses[${i}] ends before it starts`);
    return [Math.max(from, lowerMs), Math.min(to, upperMs)] as [number, number];
  });
  const merged: [number, number][] = [];
  for (const [from, to] of intervals.filter(([from, to]) => from < to).sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

export interface DueDateInput {
  /** When the dossier was accepted (status 2, được tiếp nhận). */
  acceptedAt: Date;
  /** The procedure's processing time in working days; fractions allowed (0.5 = half a day). None: no due date. */
  workingDays: number | null | undefined;
  /** Waits for the applicant's extra documents (status 5). */
  pauses?: readonly Pause[];
  calendars: CalendarLookup;
  /** Needed only when a pause is still open: it is taken to end now. */
  now?: Date;
}

/**
 * The due date (ngày hẹn trả): the instant at which the working time counted from acceptance, leaving out the
 * working time inside pauses, reaches the processing time. One working day is the length of the office hours of
 * the year in which the clock starts (480 minutes by default).
 *
 * A pause inside [acceptance, due date] moves the due date back by exactly its working time; a pause that starts
 * after the due date has passed moves nothing (the dossier was already late); overlapping pauses count once; an
 * open pause is taken to end at `now`. `undefined` when the procedure has no processing time.
 */
export function dueDate({ acceptedAt, workingDays, pauses = [], calendars, now }: DueDateInput): Date | undefined {
  if (workingDays === undefined || workingDays === null) return undefined;
  const lookup = new Calendars(calendars);
  const start = nextWorkingMs(toMs(acceptedAt, 'acceptedAt'), lookup);
  const minutes = workingDays * lookup.year(yearOfDay(localDay(start))).minutesPerDay;
  let remaining = minutesToMs(minutes, 'workingDays × minutes per day');
  let at = start;
  const nowMs = now === undefined ? undefined : toMs(now, 'now');
  for (const [from, to] of pauseIntervals(pauses, start, Number.MAX_SAFE_INTEGER, nowMs)) {
    const before = workingMsBetween(at, from, lookup);
    if (remaining <= before) break; // reached before this pause began
    remaining -= before;
    at = to;
  }
  return new Date(addWorkingMs(at, remaining, lookup));
}

export interface ElapsedInput {
  from: Date;
  to: Date;
  /** Waits for extra documents; an open one lasts until `to`. */
  pauses?: readonly Pause[];
  calendars: CalendarLookup;
}

/**
 * Working minutes from `from` to `to`, leaving out the working time inside pauses (overlapping pauses count once).
 * Counted from acceptance to the due date it gives back the processing time, so it agrees with dueDate.
 */
export function elapsedWorkingMinutes({ from, to, pauses = [], calendars }: ElapsedInput): number {
  const lookup = new Calendars(calendars);
  const fromMs = toMs(from, 'from');
  const untilMs = toMs(to, 'to');
  if (untilMs <= fromMs) return 0;
  const paused = pauseIntervals(pauses, fromMs, untilMs, untilMs).reduce((sum, [a, b]) => sum + workingMsBetween(a, b, lookup), 0);
  return (workingMsBetween(fromMs, untilMs, lookup) - paused) / MINUTE_MS;
}

export interface OnTimeInput {
  /**
   * The finish time: the first of decided (9), returned (10), stopped (8), refused (3); for an unfinished dossier,
   * the end of the reporting period.
   */
  finishedAt: Date;
  /** The due date; none (a procedure without processing time) cannot be late. */
  dueAt: Date | null | undefined;
  /** How many times extra documents were requested (status 5): more than once makes the dossier late. */
  extraDocumentRequests?: number;
}

/** On time (đúng hạn) when finished at or before the due date and extra documents were requested at most once. */
export function isOnTime({ finishedAt, dueAt, extraDocumentRequests = 0 }: OnTimeInput): boolean {
  if (extraDocumentRequests > 1) return false;
  if (dueAt === undefined || dueAt === null) return true;
  return toMs(finishedAt, 'finishedAt') <= toMs(dueAt, 'dueAt');
}
