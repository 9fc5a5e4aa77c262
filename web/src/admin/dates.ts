// Days typed as Vietnamese users write them (dd/MM/yyyy) and sent as the API's YYYY-MM-DD.

/** YYYY-MM-DD → dd/MM/yyyy. */
export const toDisplay = (day: string): string => day.split('-').reverse().join('/');

/** d/M/yyyy → YYYY-MM-DD, or undefined when it is not a real date. */
export function fromDisplay(text: string): string | undefined {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return undefined;
  const day = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day) ? day : undefined;
}

const WEEKDAYS = { vi: ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'], en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] };
/** The weekday of a YYYY-MM-DD day (calendar arithmetic in UTC: no device time zone involved). */
export const weekday = (day: string, lang: 'vi' | 'en'): string => WEEKDAYS[lang][new Date(`${day}T00:00:00Z`).getUTCDay()]!;
