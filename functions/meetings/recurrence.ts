// Recurring meetings: the subset of RFC 5545 RRULE that weekly and monthly briefings need, and its expansion into
// occurrences. Pure: every instant comes in as an argument.
//
// Subset: FREQ=WEEKLY|MONTHLY; INTERVAL 1–12 (default 1); BYDAY (WEEKLY: MO,WE,…; MONTHLY: ordinal weekdays 1MO,
// 2TU, -1FR); exactly one of COUNT (1–200) or UNTIL (`20261231T235959Z`, or the date `20261231` meaning the end of
// that day in Vietnam); WKST=MO only (weeks start on Monday, RFC 5545's default). Anything else is refused.
//
// Calendar arithmetic happens in Vietnam's wall-clock time, so a 07:30 briefing stays at 07:30 and a meeting from
// 23:00 to 01:00 belongs to the weekday (and day of month) on which it starts. Vietnam has no daylight saving, so
// every occurrence lasts exactly as long as the first.
import { VIETNAM_OFFSET_MS } from '#shared/calendar/index';
import { ruleError } from './errors';
import { DAY_MS, daysInMonth, fromVietnamLocal, isRealDate, utcMs, vietnamParts } from './time';

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const MAX_INTERVAL = 12;
/** The longest series: the conflict check and the calendar rows are written per occurrence. */
export const MAX_OCCURRENCES = 200;

/** A weekday in BYDAY; `ordinal` (1…5 or −1…−5, the n-th from the end) only with MONTHLY. */
export interface ByDay {
  weekday: Weekday;
  ordinal?: number;
}

/** How a series ends. `untilDate` (`YYYY-MM-DD`) includes the whole of that day in Vietnam. */
export type RecurrenceEnd = { kind: 'count'; count: number } | { kind: 'until'; until: Date } | { kind: 'untilDate'; date: string };

export interface Recurrence {
  freq: 'WEEKLY' | 'MONTHLY';
  interval: number;
  /** WEEKLY: weekdays, none = the start's weekday. MONTHLY: ordinal weekdays, none = the start's day of the month. */
  byDay: ByDay[];
  end: RecurrenceEnd;
}

export interface Interval {
  start: Date;
  end: Date;
}

/** One meeting of a series. `key` is its original start in UTC, `YYYYMMDDTHHMMSSZ`: its RECURRENCE-ID. */
export interface Occurrence extends Interval {
  key: string;
}

// ---- errors

const shown = (value: string) => value.slice(0, 60);

const invalid = (vi: string, en: string, part?: string, value?: string) =>
  ruleError('RECURRENCE_INVALID', `Quy tắc lặp không hợp lệ: ${vi}`, `Invalid recurrence rule: ${en}`, {
    ...(part === undefined ? {} : { part }),
    ...(value === undefined ? {} : { value: shown(value) }),
  });

const unsupported = (part: string, value?: string) =>
  ruleError(
    'RECURRENCE_UNSUPPORTED',
    `Quy tắc lặp dùng thành phần chưa được hỗ trợ (${part}${value === undefined ? '' : `=${shown(value)}`}): chỉ hỗ trợ FREQ=WEEKLY|MONTHLY, INTERVAL, BYDAY và COUNT hoặc UNTIL.`,
    `The recurrence rule uses an unsupported part (${part}${value === undefined ? '' : `=${shown(value)}`}): only FREQ=WEEKLY|MONTHLY, INTERVAL, BYDAY and COUNT or UNTIL are supported.`,
    { part, ...(value === undefined ? {} : { value: shown(value) }) },
  );

const tooLong = (max: number) =>
  ruleError(
    'RECURRENCE_TOO_LONG',
    `Chuỗi cuộc họp lặp lại có quá nhiều lần họp: tối đa ${max} lần.`,
    `The recurring series has too many occurrences: at most ${max}.`,
    { max },
  );

// ---- parsing and formatting

/** Parts RFC 5545 defines that this subset does not take: refused as unsupported rather than as malformed. */
const RFC_PARTS_NOT_SUPPORTED = new Set(['BYSECOND', 'BYMINUTE', 'BYHOUR', 'BYMONTHDAY', 'BYYEARDAY', 'BYWEEKNO', 'BYMONTH', 'BYSETPOS']);
const RFC_FREQS_NOT_SUPPORTED = new Set(['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'YEARLY']);
const SUPPORTED_PARTS = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'COUNT', 'UNTIL', 'WKST']);

const BYDAY_ITEM = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;
const UNTIL_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const UNTIL_UTC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const NUMBER = /^\d{1,6}$/;

/** Positive ordinals first (1, 2 …), then from the end (−5 … −1); then Monday-first. Only for a canonical text. */
const byDayOrder = (d: ByDay) => ((d.ordinal ?? 0) < 0 ? 10 + (d.ordinal ?? 0) : (d.ordinal ?? 0)) * 10 + WEEKDAYS.indexOf(d.weekday);

/**
 * `FREQ=WEEKLY;BYDAY=MO,TH;COUNT=10` (an optional `RRULE:` prefix, names and values in any case, parts in any order)
 * → a Recurrence. Refuses: RECURRENCE_INVALID (malformed, out of range, COUNT with UNTIL), RECURRENCE_UNSUPPORTED
 * (RFC 5545 parts outside the subset), RECURRENCE_UNBOUNDED (neither COUNT nor UNTIL), RECURRENCE_TOO_LONG (COUNT > 200).
 */
export function parseRecurrence(text: string): Recurrence {
  if (typeof text !== 'string') throw invalid('cần một chuỗi RRULE.', 'an RRULE string is required.');
  const body = text.trim().replace(/^RRULE:/i, '');
  if (!body) throw invalid('chuỗi rỗng.', 'the rule is empty.');

  const parts = new Map<string, string>();
  for (const part of body.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0 || eq === part.length - 1) throw invalid(`"${shown(part)}" không có dạng TÊN=GIÁ_TRỊ.`, `"${shown(part)}" is not NAME=VALUE.`, part);
    const name = part.slice(0, eq).toUpperCase();
    if (parts.has(name)) throw invalid(`${name} xuất hiện hai lần.`, `${name} appears twice.`, name);
    parts.set(name, part.slice(eq + 1).toUpperCase());
  }
  for (const [name, value] of parts) {
    if (RFC_PARTS_NOT_SUPPORTED.has(name)) throw unsupported(name, value);
    if (!SUPPORTED_PARTS.has(name)) throw invalid(`không có thành phần ${shown(name)}.`, `there is no part ${shown(name)}.`, name);
  }

  const freq = parts.get('FREQ');
  if (freq === undefined) throw invalid('thiếu FREQ.', 'FREQ is missing.', 'FREQ');
  if (RFC_FREQS_NOT_SUPPORTED.has(freq)) throw unsupported('FREQ', freq);
  if (freq !== 'WEEKLY' && freq !== 'MONTHLY') throw invalid(`FREQ=${shown(freq)} không tồn tại.`, `FREQ=${shown(freq)} does not exist.`, 'FREQ', freq);

  const wkst = parts.get('WKST');
  if (wkst !== undefined && wkst !== 'MO') {
    if ((WEEKDAYS as readonly string[]).includes(wkst)) throw unsupported('WKST', wkst);
    throw invalid(`WKST=${shown(wkst)} không phải một thứ trong tuần.`, `WKST=${shown(wkst)} is not a weekday.`, 'WKST', wkst);
  }

  return { freq, interval: parseInterval(parts.get('INTERVAL')), byDay: parseByDay(freq, parts.get('BYDAY')), end: parseEnd(parts) };
}

function parseInterval(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = NUMBER.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= MAX_INTERVAL)) {
    throw invalid(`INTERVAL phải là số nguyên từ 1 đến ${MAX_INTERVAL}.`, `INTERVAL must be an integer from 1 to ${MAX_INTERVAL}.`, 'INTERVAL', value);
  }
  return n;
}

function parseByDay(freq: Recurrence['freq'], value: string | undefined): ByDay[] {
  if (value === undefined) return [];
  const seen = new Map<string, ByDay>();
  for (const item of value.split(',')) {
    const m = BYDAY_ITEM.exec(item);
    if (!m) throw invalid(`"${shown(item)}" trong BYDAY không phải một thứ (MO, TU, … hoặc 1MO, -1FR).`, `"${shown(item)}" in BYDAY is not a weekday (MO, TU, … or 1MO, -1FR).`, 'BYDAY', item);
    const weekday = m[2] as Weekday;
    if (freq === 'WEEKLY') {
      // RFC 5545: BYDAY MUST NOT carry a number unless FREQ is MONTHLY or YEARLY.
      if (m[1] !== undefined) throw invalid(`với FREQ=WEEKLY, BYDAY không có số thứ tự (${shown(item)}).`, `with FREQ=WEEKLY, BYDAY takes no ordinal (${shown(item)}).`, 'BYDAY', item);
      seen.set(weekday, { weekday });
    } else {
      // A plain weekday in a MONTHLY rule means every such weekday of the month: valid RFC 5545, not a briefing.
      if (m[1] === undefined) throw unsupported('BYDAY', item);
      const ordinal = Number(m[1]);
      if (ordinal === 0 || Math.abs(ordinal) > 5) throw invalid(`số thứ tự trong BYDAY phải từ 1 đến 5 hoặc -1 đến -5 (${shown(item)}).`, `a BYDAY ordinal must be 1 to 5 or -1 to -5 (${shown(item)}).`, 'BYDAY', item);
      seen.set(`${ordinal}${weekday}`, { weekday, ordinal });
    }
  }
  return [...seen.values()].sort((a, b) => byDayOrder(a) - byDayOrder(b));
}

function parseEnd(parts: Map<string, string>): RecurrenceEnd {
  const count = parts.get('COUNT');
  const until = parts.get('UNTIL');
  if (count !== undefined && until !== undefined) throw invalid('chỉ được dùng một trong COUNT và UNTIL.', 'COUNT and UNTIL cannot both be given.', 'COUNT');
  if (count !== undefined) {
    const n = NUMBER.test(count) ? Number(count) : NaN;
    if (n > MAX_OCCURRENCES) throw tooLong(MAX_OCCURRENCES);
    if (!(n >= 1)) throw invalid(`COUNT phải là số nguyên từ 1 đến ${MAX_OCCURRENCES}.`, `COUNT must be an integer from 1 to ${MAX_OCCURRENCES}.`, 'COUNT', count);
    return { kind: 'count', count: n };
  }
  if (until !== undefined) {
    const bad = () => invalid('UNTIL phải có dạng 20261231 hoặc 20261231T235959Z (giờ UTC) và là thời điểm có thật.', 'UNTIL must be 20261231 or 20261231T235959Z (UTC) and a real time.', 'UNTIL', until);
    const date = UNTIL_DATE.exec(until);
    if (date) {
      const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
      if (!isRealDate(y, m, d)) throw bad();
      return { kind: 'untilDate', date: `${date[1]}-${date[2]}-${date[3]}` };
    }
    const utc = UNTIL_UTC.exec(until);
    if (!utc) throw bad();
    const [y, mo, d, h, mi, s] = utc.slice(1).map(Number) as [number, number, number, number, number, number];
    if (!isRealDate(y, mo, d) || h > 23 || mi > 59 || s > 59) throw bad();
    return { kind: 'until', until: new Date(utcMs(y, mo, d, h, mi, s)) };
  }
  throw ruleError(
    'RECURRENCE_UNBOUNDED',
    `Quy tắc lặp phải có điểm kết thúc: COUNT (số lần, tối đa ${MAX_OCCURRENCES}) hoặc UNTIL (đến ngày).`,
    `A recurrence rule must end: give COUNT (at most ${MAX_OCCURRENCES}) or UNTIL.`,
  );
}

/** The last instant a series may start at: UNTIL itself, or 23:59:59 of the UNTIL date in Vietnam. */
export function untilInstant(end: RecurrenceEnd): Date | undefined {
  if (end.kind === 'until') return end.until;
  if (end.kind === 'untilDate') {
    const [y, m, d] = end.date.split('-').map(Number) as [number, number, number];
    // Second precision like iCalendar's DATE-TIME, so the value written into an ICS file means the same thing.
    return fromVietnamLocal(y, m, d, 23, 59, 59);
  }
  return undefined;
}

/** `20261130T010000Z`: an instant in UTC as iCalendar writes it (seconds precision). */
export function utcStamp(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/**
 * The canonical text of a rule (FREQ, INTERVAL unless 1, BYDAY, COUNT or UNTIL): parseRecurrence reads it back to the
 * same rule. `untilAs: 'utc'` writes an UNTIL date as the UTC date-time it stands for, which RFC 5545 requires in a
 * calendar file whose DTSTART is a date-time.
 */
export function formatRecurrence(rule: Recurrence, options: { untilAs?: 'given' | 'utc' } = {}): string {
  const parts = [`FREQ=${rule.freq}`];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.byDay.length) parts.push(`BYDAY=${rule.byDay.map((d) => `${d.ordinal ?? ''}${d.weekday}`).join(',')}`);
  const end = rule.end;
  if (end.kind === 'count') parts.push(`COUNT=${end.count}`);
  else if (end.kind === 'untilDate' && options.untilAs !== 'utc') parts.push(`UNTIL=${end.date.replaceAll('-', '')}`);
  else parts.push(`UNTIL=${utcStamp(untilInstant(end)!)}`);
  return parts.join(';');
}

// ---- expansion

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
const weekdayOf = (year: number, month: number, day: number) => {
  const d = new Date(utcMs(year, month, day)).getUTCDay();
  return d === 0 ? 7 : d;
};

/** The day of the month of the n-th (or, negative, n-th from the end) given weekday, or undefined if there is none. */
export function nthWeekdayOfMonth(year: number, month: number, weekday: number, ordinal: number): number | undefined {
  const last = daysInMonth(year, month);
  const day =
    ordinal > 0
      ? 1 + ((weekday - weekdayOf(year, month, 1) + 7) % 7) + (ordinal - 1) * 7
      : last - ((weekdayOf(year, month, last) - weekday + 7) % 7) + (ordinal + 1) * 7;
  return day >= 1 && day <= last ? day : undefined;
}

/** A period of the rule (a week or a month) as local midnights (UTC arithmetic on wall-clock fields). */
interface Period {
  /** Local midnight at which the period begins: nothing in it starts earlier. */
  beginsMs: number;
  /** The local midnights of the days on which the rule has an occurrence, ascending. */
  daysMs: number[];
}

/** The n-th period counted from the one that holds the start (n = 0, 1, 2 …; INTERVAL already applied). */
function periodsOf(rule: Recurrence, start: ReturnType<typeof vietnamParts>): (n: number) => Period {
  if (rule.freq === 'WEEKLY') {
    const mondayMs = utcMs(start.year, start.month, start.day) - (start.weekday - 1) * DAY_MS;
    const weekdays = rule.byDay.length ? rule.byDay.map((d) => WEEKDAYS.indexOf(d.weekday) + 1) : [start.weekday];
    return (n) => {
      const beginsMs = mondayMs + n * rule.interval * 7 * DAY_MS;
      return { beginsMs, daysMs: weekdays.map((w) => beginsMs + (w - 1) * DAY_MS) };
    };
  }
  return (n) => {
    const index = start.month - 1 + n * rule.interval;
    const year = start.year + Math.floor(index / 12);
    const month = (index % 12) + 1;
    const days = rule.byDay.length
      ? rule.byDay.map((d) => nthWeekdayOfMonth(year, month, WEEKDAYS.indexOf(d.weekday) + 1, d.ordinal ?? 1))
      : // The start's day of the month; a month without it (31 April) has no occurrence, as RFC 5545 says.
        [start.day <= daysInMonth(year, month) ? start.day : undefined];
    const daysMs = [...new Set(days.filter((d): d is number => d !== undefined))].sort((a, b) => a - b).map((d) => utcMs(year, month, d));
    return { beginsMs: utcMs(year, month, 1), daysMs };
  };
}

/**
 * Every occurrence of a meeting from `start` to `end` (the first occurrence), repeated by `rule`; without a rule,
 * the meeting itself. Refuses RECURRENCE_START_MISMATCH when the start is not an occurrence of the rule,
 * RECURRENCE_INVALID when UNTIL is before the start, RECURRENCE_TOO_LONG beyond `max` occurrences (found by
 * generating at most max + 1 of them). That `end` is after `start` (and how long a meeting may last) is the caller's
 * rule, checked with the request.
 */
export function expandOccurrences(input: { start: Date; end: Date; rule?: Recurrence; max?: number }): Occurrence[] {
  const { start, end, rule, max = MAX_OCCURRENCES } = input;
  const first = { key: utcStamp(start), start, end };
  if (!rule) return [first];

  const until = untilInstant(rule.end);
  if (until && until.getTime() < start.getTime()) {
    throw invalid('UNTIL ở trước thời điểm bắt đầu cuộc họp.', 'UNTIL is before the meeting starts.', 'UNTIL');
  }
  const local = vietnamParts(start);
  const timeOfDayMs = start.getTime() + VIETNAM_OFFSET_MS - utcMs(local.year, local.month, local.day);
  const durationMs = end.getTime() - start.getTime();
  const period = periodsOf(rule, local);
  const instantOf = (localMidnightMs: number) => localMidnightMs + timeOfDayMs - VIETNAM_OFFSET_MS;

  if (!period(0).daysMs.some((dayMs) => instantOf(dayMs) === start.getTime())) {
    throw ruleError(
      'RECURRENCE_START_MISMATCH',
      'Thời điểm bắt đầu cuộc họp không khớp với quy tắc lặp (ví dụ: họp thứ Hai nhưng quy tắc là BYDAY=TU): cuộc họp đầu tiên phải là một lần của chuỗi.',
      'The meeting start is not an occurrence of its recurrence rule (e.g. a Monday start with BYDAY=TU): the first meeting must be one of the series.',
      { start: utcStamp(start), rule: formatRecurrence(rule) },
    );
  }

  const limit = rule.end.kind === 'count' ? rule.end.count : Number.POSITIVE_INFINITY;
  const out: Occurrence[] = [];
  for (let n = 0; ; n++) {
    const { beginsMs, daysMs } = period(n);
    if (until && beginsMs - VIETNAM_OFFSET_MS > until.getTime()) return out;
    // Four-digit years only (ISO 8601, iCalendar): a rule that would run past 9999 is far too long anyway.
    if (new Date(beginsMs).getUTCFullYear() > 9999) throw tooLong(max);
    for (const dayMs of daysMs) {
      const at = instantOf(dayMs);
      if (at < start.getTime()) continue;
      if (until && at > until.getTime()) return out;
      out.push({ key: utcStamp(new Date(at)), start: new Date(at), end: new Date(at + durationMs) });
      if (out.length > max) throw tooLong(max);
      if (out.length >= limit) return out;
    }
  }
}

/** Whether two half-open intervals [start, end) share an instant: back-to-back meetings do not overlap. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

/** The occurrences that overlap the half-open window [from, to), in their order. */
export function occurrencesBetween<T extends Interval>(occurrences: readonly T[], from: Date, to: Date): T[] {
  const window = { start: from, end: to };
  return occurrences.filter((o) => overlaps(o, window));
}
