// Vietnam time for meetings. Asia/Ho_Chi_Minh is a fixed UTC+07:00 (no daylight saving), so a local time is the
// instant shifted by +7 h and read with UTC arithmetic: never the machine's time zone, never Intl.
import { VIETNAM_OFFSET_MS, dayOfWeek } from '#shared/calendar/index';
import { toVietnamIso } from '#shared/clock';
import { ruleError } from './errors';

export const DAY_MS = 24 * 60 * 60_000;

/** The fields of a wall-clock time in Vietnam. `weekday`: 1 = Monday … 7 = Sunday (ISO 8601, weeks start Monday). */
export interface VietnamParts {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number;
}

/** The Vietnam wall-clock fields of an instant. */
export function vietnamParts(instant: Date): VietnamParts {
  const l = new Date(instant.getTime() + VIETNAM_OFFSET_MS);
  return {
    year: l.getUTCFullYear(),
    month: l.getUTCMonth() + 1,
    day: l.getUTCDate(),
    hour: l.getUTCHours(),
    minute: l.getUTCMinutes(),
    second: l.getUTCSeconds(),
    millisecond: l.getUTCMilliseconds(),
    weekday: l.getUTCDay() === 0 ? 7 : l.getUTCDay(),
  };
}

/**
 * Milliseconds since the epoch of a UTC calendar time. Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear does
 * not, so every four-digit year means itself. Out-of-range fields roll over (day 32 → next month), as in Date.UTC.
 */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.setUTCHours(hour, minute, second, ms);
}

/** The instant at which Vietnam's clocks show the given wall-clock time. */
export function fromVietnamLocal(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): Date {
  return new Date(utcMs(year, month, day, hour, minute, second, ms) - VIETNAM_OFFSET_MS);
}

/** Whether year-month-day names a day that exists (no 30 February, no 31 April). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** 28–31 for a month of the Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(utcMs(year, month + 1, 0)).getUTCDate();
}

// RFC 3339 profile of ISO 8601: date, `T`, hours and minutes, optional seconds and fraction, then `Z` or ±HH:MM.
// The offset is required: a time without one would be read in whatever zone the reader is in.
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/** Offsets in use on Earth run from −12:00 to +14:00; anything beyond is a typo, not a place. */
const MAX_OFFSET_EAST_MIN = 14 * 60;
const MAX_OFFSET_WEST_MIN = 12 * 60;

const timeInvalid = (text: string) =>
  ruleError(
    'TIME_INVALID',
    `Thời gian "${text.slice(0, 40)}" không hợp lệ: cần dạng ISO 8601 có múi giờ, ví dụ 2026-11-30T08:00:00+07:00.`,
    `"${text.slice(0, 40)}" is not a valid time: ISO 8601 with an offset is required, e.g. 2026-11-30T08:00:00+07:00.`,
    { value: text.slice(0, 40) },
  );

/**
 * An ISO 8601 date-time with an explicit offset (`2026-11-30T08:00:00+07:00`, `2026-11-30T01:00:00Z`) → the
 * instant. Refuses (TIME_INVALID) a missing offset, an offset beyond −12:00…+14:00, an impossible date or time
 * (30 February, 24:00, a leap second) and anything else. Fractions below a millisecond are dropped.
 */
export function parseInstant(text: string): Date {
  const m = typeof text === 'string' ? INSTANT.exec(text) : null;
  if (!m) throw timeInvalid(String(text));
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) throw timeInvalid(text);
  let offsetMin = 0;
  if (!m[8]) {
    const [oh, om] = [Number(m[10]), Number(m[11])];
    if (om > 59) throw timeInvalid(text);
    offsetMin = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
    if (offsetMin > MAX_OFFSET_EAST_MIN || offsetMin < -MAX_OFFSET_WEST_MIN) throw timeInvalid(text);
  }
  return new Date(utcMs(year, month, day, hour, minute, second, ms) - offsetMin * 60_000);
}

/** The calendar date in Vietnam of an instant, `YYYY-MM-DD`. */
export function vietnamDate(instant: Date): string {
  return toVietnamIso(instant).slice(0, 10);
}

/** `YYYY-MM-DD` + n days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export interface Week {
  /** `YYYY-MM-DD` of the Monday. */
  monday: string;
  /** `YYYY-MM-DD` of the Sunday. */
  sunday: string;
  /** Monday 00:00 in Vietnam. */
  from: Date;
  /** The next Monday 00:00 in Vietnam: the week is the half-open [from, to). */
  to: Date;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real `YYYY-MM-DD` date. */
export function isIsoDate(text: string): boolean {
  const m = DATE.exec(text);
  return !!m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The Monday-to-Sunday week (Vietnam time) that contains the date `YYYY-MM-DD`; DATE_INVALID for anything else. */
export function weekOf(date: string): Week {
  if (typeof date !== 'string' || !isIsoDate(date)) {
    throw ruleError(
      'DATE_INVALID',
      `Ngày "${String(date).slice(0, 20)}" không hợp lệ: cần dạng YYYY-MM-DD và là ngày có thật.`,
      `"${String(date).slice(0, 20)}" is not a valid date: a real YYYY-MM-DD date is required.`,
      { value: String(date).slice(0, 20) },
    );
  }
  // dayOfWeek: 0 = Sunday … 6 = Saturday; days back to Monday: Sunday 6, Monday 0, Tuesday 1 …
  const monday = addDays(date, -((dayOfWeek(date) + 6) % 7));
  const from = new Date(Date.parse(`${monday}T00:00:00Z`) - VIETNAM_OFFSET_MS);
  return { monday, sunday: addDays(monday, 6), from, to: new Date(from.getTime() + 7 * DAY_MS) };
}
