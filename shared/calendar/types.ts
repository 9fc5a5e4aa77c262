// A tenant's working calendar for one year: office hours, public holidays and swapped working days (lịch làm việc).
// Admin-edited data, validated here; the computations in ./working-time.ts trust a parsed YearCalendar.
import * as z from 'zod';

/** Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving): every local time here is the instant shifted by +7 h. */
export const VIETNAM_OFFSET_MS = 7 * 60 * 60_000;

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** `HH:mm` (24 h, minutes granularity) → minutes after local midnight. */
export function minutesOfDay(hhmm: string): number {
  if (!HH_MM.test(hhmm)) throw new RangeError(`not an HH:mm time: ${hhmm}`);
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

const TimeOfDay = z.string().regex(HH_MM, { message: 'Giờ phải có dạng HH:mm, ví dụ 07:30 (time must be HH:mm, e.g. 07:30)' });

export const OfficePeriodSchema = z
  .object({ start: TimeOfDay, end: TimeOfDay })
  // Zero-padded HH:mm strings compare like the times they name.
  .refine((p) => p.start < p.end, { message: 'Giờ bắt đầu phải trước giờ kết thúc (start must be before end)', path: ['end'] });
export type OfficePeriod = z.infer<typeof OfficePeriodSchema>;

export const OfficeHoursSchema = z
  .object({ morning: OfficePeriodSchema, afternoon: OfficePeriodSchema })
  .refine((h) => h.morning.end <= h.afternoon.start, {
    message: 'Buổi sáng phải kết thúc trước khi buổi chiều bắt đầu (the morning must end before the afternoon starts)',
    path: ['afternoon', 'start'],
  });
export type OfficeHours = z.infer<typeof OfficeHoursSchema>;

/** Default office hours (giờ hành chính): 07:00–11:30 and 13:30–17:00, i.e. 8 hours a day. */
export const DEFAULT_OFFICE_HOURS: OfficeHours = Object.freeze({
  morning: Object.freeze({ start: '07:00', end: '11:30' }),
  afternoon: Object.freeze({ start: '13:30', end: '17:00' }),
});

export const CalendarDaySchema = z.object({
  date: z.iso.date({ message: 'Ngày phải có dạng YYYY-MM-DD và có thật (date must be a real YYYY-MM-DD date)' }),
  name: z.string().trim().min(1, { message: 'Cần tên ngày (a name is required)' }).max(200),
});
export type CalendarDay = z.infer<typeof CalendarDaySchema>;

/** 1 = Monday … 6 = Saturday, 0 = Sunday, for a `YYYY-MM-DD` date (calendar arithmetic in UTC, no local time zone). */
export function dayOfWeek(isoDate: string): number {
  return new Date(`${isoDate}T00:00:00Z`).getUTCDay();
}

export const YearCalendarSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    officeHours: OfficeHoursSchema.default(DEFAULT_OFFICE_HOURS),
    /** Days off (ngày nghỉ lễ, tết, nghỉ bù, nghỉ hoán đổi). A holiday on a weekend is allowed and changes nothing. */
    holidays: z.array(CalendarDaySchema).default([]),
    /** Swapped working days (ngày làm bù): a Saturday or Sunday made a working day. */
    workingDays: z.array(CalendarDaySchema).default([]),
    /** Which legal rules the record was made under (see CALENDAR_RULES_VERSION), so a change of law can be traced. */
    rulesVersion: z.string().trim().min(1).max(100).optional(),
  })
  .superRefine((calendar, ctx) => {
    const seen = new Map<string, 'holidays' | 'workingDays'>();
    for (const list of ['holidays', 'workingDays'] as const) {
      calendar[list].forEach((day, index) => {
        const path = [list, index, 'date'];
        if (!day.date.startsWith(`${calendar.year}-`)) {
          ctx.addIssue({ code: 'custom', path, message: `Ngày ${day.date} không thuộc năm ${calendar.year} (the date is outside the year)` });
        }
        const earlier = seen.get(day.date);
        if (earlier === list) {
          ctx.addIssue({ code: 'custom', path, message: `Ngày ${day.date} bị trùng (duplicate date)` });
        } else if (earlier) {
          ctx.addIssue({ code: 'custom', path, message: `Ngày ${day.date} vừa là ngày nghỉ vừa là ngày làm bù (a date cannot be both a holiday and a working day)` });
        }
        seen.set(day.date, list);
        const weekday = dayOfWeek(day.date);
        if (list === 'workingDays' && weekday !== 0 && weekday !== 6) {
          ctx.addIssue({ code: 'custom', path, message: `Ngày làm bù ${day.date} phải là thứ Bảy hoặc Chủ nhật (a swapped working day must be a Saturday or Sunday)` });
        }
      });
    }
  });
/** A parsed year calendar (defaults applied). Treat it as immutable. */
export type YearCalendar = z.infer<typeof YearCalendarSchema>;
/** What a tenant-admin sends: officeHours, holidays and workingDays may be left out. */
export type YearCalendarInput = z.input<typeof YearCalendarSchema>;

/**
 * Where the computations find a year's calendar: a Map by year, or a function (e.g. over a cache of the tenant's
 * records). `undefined` for a year nobody has seeded: see fallbackCalendar.
 */
export type CalendarLookup = ReadonlyMap<number, YearCalendar> | ((year: number) => YearCalendar | undefined);

/** Index calendars by year, refusing two calendars for the same year. */
export function calendarsByYear(calendars: Iterable<YearCalendar>): Map<number, YearCalendar> {
  const byYear = new Map<number, YearCalendar>();
  for (const calendar of calendars) {
    if (byYear.has(calendar.year)) throw new RangeError(`two calendars for the year ${calendar.year}`);
    byYear.set(calendar.year, calendar);
  }
  return byYear;
}

/**
 * The calendar used for a year without one: Monday–Friday with the default office hours and no holidays, so a
 * computation crossing into a year nobody has seeded yet (e.g. a long procedure accepted in December) still
 * gives an answer. It ignores that year's public holidays: seed the year to get them.
 */
export function fallbackCalendar(year: number): YearCalendar {
  return { year, officeHours: DEFAULT_OFFICE_HOURS, holidays: [], workingDays: [] };
}

/** Waiting for the applicant's extra documents (status 5). No `to`: still waiting. */
export interface Pause {
  from: Date;
  to?: Date | null;
}
