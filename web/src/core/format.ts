// Dates, times and money as a Vietnamese user reads them: dd/MM/yyyy, 24-hour time, Asia/Ho_Chi_Minh, đồng.
import { lang } from './i18n';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const parts = (iso: string | Date, options: Intl.DateTimeFormatOptions) => {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  const out: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hourCycle: 'h23', ...options }).formatToParts(date)) out[p.type] = p.value;
  return out;
};

/** 24/11/2026, in Vietnam whatever the device's zone. */
export function formatDate(iso: string | Date | undefined): string {
  if (!iso) return '';
  const p = parts(iso, { day: '2-digit', month: '2-digit', year: 'numeric' });
  return `${p.day}/${p.month}/${p.year}`;
}

/** 14:05 24/11/2026. */
export function formatDateTime(iso: string | Date | undefined): string {
  if (!iso) return '';
  const p = parts(iso, { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  return `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}`;
}

/** 14:05. */
export function formatTime(iso: string | Date | undefined): string {
  if (!iso) return '';
  const p = parts(iso, { hour: '2-digit', minute: '2-digit' });
  return `${p.hour}:${p.minute}`;
}

/** The calendar day in Vietnam, YYYY-MM-DD. */
export function vietnamDay(iso: string | Date = new Date()): string {
  const p = parts(iso, { day: '2-digit', month: '2-digit', year: 'numeric' });
  return `${p.year}-${p.month}-${p.day}`;
}

/** YYYY-MM-DD → dd/MM/yyyy (a calendar day itself: no time zone involved). */
export const showDay = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/**
 * A day as Vietnamese users type it, dd/MM/yyyy (also d/M/yyyy, or with . or -), → YYYY-MM-DD, or undefined when it
 * is not a real day. Forms use text fields for days: a native date input shows the browser's own format.
 */
export function parseDay(text: string): string | undefined {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return undefined;
  const day = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day) ? day : undefined;
}

/** A day and time typed in Vietnam (YYYY-MM-DD, HH:mm) as ISO 8601 with the +07:00 offset (Vietnam has no DST). */
export const vietnamIso = (day: string, time = '00:00'): string => `${day}T${time}:00+07:00`;

/** 1.250.000 ₫ (Vietnamese grouping), or 1,250,000 VND in English. */
export function formatMoney(vnd: number): string {
  return lang() === 'vi' ? `${vnd.toLocaleString('vi-VN')} ₫` : `${vnd.toLocaleString('en-US')} VND`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Lower case without diacritics (đ → d), for searching Vietnamese as people type it on any keyboard. */
export const fold = (text: string): string =>
  text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
