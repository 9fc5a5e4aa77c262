// The weekday of a calendar day, for the year's calendar (typing and showing days: core/format.ts parseDay, showDay).

const WEEKDAYS = { vi: ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'], en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] };
/** The weekday of a YYYY-MM-DD day (calendar arithmetic in UTC: no device time zone involved). */
export const weekday = (day: string, lang: 'vi' | 'en'): string => WEEKDAYS[lang][new Date(`${day}T00:00:00Z`).getUTCDay()]!;
