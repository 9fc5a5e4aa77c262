// The working-time calendar of a tenant: read and edit a year; due dates for dossiers from it.
import type { Caller } from '#shared/auth';
import { addWorkingMinutes, dueDate, YearCalendarSchema, workingMinutesBetween, type YearCalendar } from '#shared/calendar/index';
import { toVietnamIso, type Clock } from '#shared/clock';
import { conflict } from '#shared/errors';
import { parseWith } from '#shared/http/request';
import type { WorkingTime } from '../service';
import type { StoredCalendar } from './schemas';
import type { CalendarStore } from './store';

const vietnamYear = (instant: Date) => new Date(instant.getTime() + 7 * 3_600_000).getUTCFullYear();

export async function putCalendar(store: CalendarStore, clock: Clock, tenant: string, year: number, caller: Caller,
  input: { version: number; officeHours: unknown; holidays: unknown; workingDays: unknown }): Promise<StoredCalendar> {
  // The year's own rules (dates inside the year, no day both a holiday and a working day) come from the schema.
  const calendar = parseWith(YearCalendarSchema, { year, officeHours: input.officeHours, holidays: input.holidays, workingDays: input.workingDays }, 'body');
  const next: StoredCalendar = { ...calendar, version: input.version + 1, source: 'tenant', updatedAt: toVietnamIso(clock()), updatedBy: caller.id };
  if (!(await store.put(tenant, next, input.version))) {
    throw conflict('VERSION_CONFLICT', 'Lịch làm việc vừa được người khác sửa, vui lòng tải lại.', 'Someone else changed this calendar; reload it.');
  }
  return next;
}

/** Due dates on the tenant's calendars: the acceptance year and the two after it (a due date is at most a year away). */
export function calendarWorkingTime(store: CalendarStore): WorkingTime {
  async function calendars(tenant: string, from: Date): Promise<Map<number, YearCalendar>> {
    const first = vietnamYear(from);
    const years = await Promise.all([first, first + 1, first + 2].map((y) => store.get(tenant, y)));
    return new Map(years.map((c) => [c.year, c]));
  }
  return {
    async dueAt(tenant, acceptedAt, workingDays) {
      return dueDate({ acceptedAt, workingDays, calendars: await calendars(tenant, acceptedAt), now: acceptedAt })!;
    },
    async shift(tenant, due, pause) {
      const cals = await calendars(tenant, pause.from);
      return addWorkingMinutes(due, workingMinutesBetween(pause.from, pause.to, cals), cals);
    },
  };
}
