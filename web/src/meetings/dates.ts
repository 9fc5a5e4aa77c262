// Calendar days as YYYY-MM-DD strings (Vietnam's days: no DST, so plain day arithmetic in UTC is exact), and the
// dd/MM/yyyy and HH:mm the forms read and write.
import { formatDate, formatTime, vietnamDay } from '../core/format';

const asUtc = (day: string) => new Date(`${day}T00:00:00Z`);

export function addDays(day: string, n: number): string {
  const d = asUtc(day);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The Monday of the week of `day` (weeks run Monday to Sunday). */
export function mondayOf(day: string): string {
  return addDays(day, -((asUtc(day).getUTCDay() + 6) % 7));
}

export const isDay = (s: string | null | undefined): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(asUtc(s).getTime());

export { parseDay, showDay } from '../core/format';

/** HH:mm (also H:mm) → HH:mm, or undefined. */
export function parseTime(text: string): string | undefined {
  const m = /^\s*(\d{1,2})[:h](\d{2})\s*$/.exec(text);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return undefined;
  return `${m[1]!.padStart(2, '0')}:${m[2]}`;
}

/** 08:00–09:30 25/11/2026, or with both dates when it crosses midnight. */
export function showSpan(start: string, end: string): string {
  return vietnamDay(start) === vietnamDay(end) ? `${formatTime(start)}–${formatTime(end)} ${formatDate(start)}` : `${formatTime(start)} ${formatDate(start)} – ${formatTime(end)} ${formatDate(end)}`;
}
