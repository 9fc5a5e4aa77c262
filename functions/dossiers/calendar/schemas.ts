import * as z from 'zod';
import { YearCalendarSchema } from '#shared/calendar/index';

export const CalendarParams = z.strictObject({ tenant: z.string(), year: z.coerce.number().int().min(2000).max(2100) });

/** What a tenant-admin sends: the year's office hours, holidays and swapped working days, with the version read. */
export const PutCalendar = z.strictObject({
  version: z.number().int().min(0).describe('0 while the year still has the seeded calendar'),
  officeHours: YearCalendarSchema.shape.officeHours,
  holidays: YearCalendarSchema.shape.holidays,
  workingDays: YearCalendarSchema.shape.workingDays,
});

export const StoredCalendar = z.object({
  year: z.number().int(),
  officeHours: YearCalendarSchema.shape.officeHours,
  holidays: YearCalendarSchema.shape.holidays,
  workingDays: YearCalendarSchema.shape.workingDays,
  version: z.number().int(),
  /** `seeded`: the national holidays we ship, not yet edited by the province. */
  source: z.enum(['seeded', 'tenant']),
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
});
export type StoredCalendar = z.infer<typeof StoredCalendar>;
