// iCalendar (RFC 5545) text for invitations (iTIP REQUEST/CANCEL, RFC 5546) and subscribable feeds. Pure text
// building: the caller decides UIDs, SEQUENCEs and DTSTAMPs.
//
// Times are written as Vietnam wall-clock times with TZID=Asia/Ho_Chi_Minh and the VTIMEZONE that defines it, so a
// calendar shows 08:00 as 08:00 whatever zone the reader's device is in, and a recurring 07:30 stays at 07:30.
import { toVietnamIso } from '#shared/clock';
import { formatRecurrence, parseRecurrence, utcStamp } from './recurrence';

export const VIETNAM_TZID = 'Asia/Ho_Chi_Minh';
export const PRODID = '-//Tinh So//Meetings//VI';

export type IcsMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';

export interface IcsPerson {
  name: string;
  email: string;
}

export interface IcsEvent {
  /** Stable across every version of the meeting: calendars match updates and cancellations by it. */
  uid: string;
  /** Raised by every change participants are told about; a calendar ignores a message older than what it has. */
  sequence: number;
  start: Date;
  end: Date;
  /** An RRULE of the supported subset; written in canonical form, an UNTIL date as the UTC instant it stands for. */
  rrule?: string;
  /** Occurrences removed from the series, by their original start. */
  exdates?: Date[];
  /** For one changed or cancelled occurrence: its original start (the same UID as the series). */
  recurrenceId?: Date;
  /** Defaults to CANCELLED with METHOD:CANCEL, CONFIRMED otherwise. */
  status?: 'CONFIRMED' | 'CANCELLED';
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  organizer?: IcsPerson;
  /** Not written with METHOD:PUBLISH, where RFC 5546 forbids attendees. */
  attendees?: IcsPerson[];
  /** When this version of the event was created (DTSTAMP, in UTC). */
  stamp: Date;
}

export interface CalendarInput {
  /** iTIP method; none for a plain feed. */
  method?: IcsMethod;
  /** The calendar's display name (X-WR-CALNAME), for feeds. */
  name?: string;
  events: IcsEvent[];
}

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;

/** Control characters other than tab and line breaks have no place in a content line (RFC 5545 §3.3.11). */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, and any line break as `\n`. NFC, so a name
 * typed with combining marks arrives as the precomposed letters every client renders. */
export function escapeText(value: string): string {
  return value
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROLS, '')
    .replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** A quoted parameter value (CN="Nguyễn Văn A"): RFC 6868 caret-encodes the quote, the caret and line breaks. */
export function quoteParam(value: string): string {
  const encoded = value
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROLS, '')
    .replace(/[\^"\n]/g, (c) => ({ '^': '^^', '"': "^'", '\n': '^n' })[c]!);
  return `"${encoded}"`;
}

/** URI and CAL-ADDRESS values are not escaped; dropping whitespace and controls keeps them on their own line. */
const uri = (value: string) => value.replace(/[\s\u0000-\u001f\u007f]/g, '');

const utf8Octets = (codePoint: number) => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): CRLF and a space before each continuation, which counts
 * towards its 75. Splits between code points, never inside a UTF-8 sequence.
 */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = utf8Octets(ch.codePointAt(0)!);
    const room = lines.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > room) {
      lines.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  lines.push(current);
  return lines.join(`${CRLF} `);
}

/** `20261130T080000`: the wall-clock time in Vietnam, for a TZID=Asia/Ho_Chi_Minh value. */
export function vietnamLocalStamp(instant: Date): string {
  return toVietnamIso(instant).slice(0, 19).replace(/[-:]/g, '');
}

const zoned = (name: string, instants: Date[]) => `${name};TZID=${VIETNAM_TZID}:${instants.map(vietnamLocalStamp).join(',')}`;

/** Asia/Ho_Chi_Minh has been UTC+7 since 1975 with no daylight saving: one STANDARD observance covers it. */
const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${VIETNAM_TZID}`,
  `X-LIC-LOCATION:${VIETNAM_TZID}`,
  'BEGIN:STANDARD',
  'DTSTART:19700101T000000',
  'TZOFFSETFROM:+0700',
  'TZOFFSETTO:+0700',
  'TZNAME:+07',
  'END:STANDARD',
  'END:VTIMEZONE',
];

function eventLines(event: IcsEvent, method: IcsMethod | undefined): string[] {
  if (!Number.isInteger(event.sequence) || event.sequence < 0) throw new RangeError(`SEQUENCE must be a non-negative integer: ${event.sequence}`);
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utcStamp(event.stamp)}`,
    zoned('DTSTART', [event.start]),
    zoned('DTEND', [event.end]),
  ];
  if (event.recurrenceId) lines.push(zoned('RECURRENCE-ID', [event.recurrenceId]));
  if (event.rrule !== undefined) lines.push(`RRULE:${formatRecurrence(parseRecurrence(event.rrule), { untilAs: 'utc' })}`);
  if (event.exdates?.length) lines.push(zoned('EXDATE', event.exdates));
  lines.push(`STATUS:${event.status ?? (method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED')}`);
  lines.push(`SUMMARY:${escapeText(event.summary)}`);
  if (event.description !== undefined) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location !== undefined) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.url !== undefined) lines.push(`URL:${uri(event.url)}`);
  if (event.organizer) lines.push(`ORGANIZER;CN=${quoteParam(event.organizer.name)}:mailto:${uri(event.organizer.email)}`);
  if (method !== 'PUBLISH') {
    // A REQUEST asks each attendee to answer; a CANCEL only names whom it concerns.
    const asked = method === 'REQUEST' ? ';PARTSTAT=NEEDS-ACTION;RSVP=TRUE' : '';
    for (const a of event.attendees ?? []) {
      lines.push(`ATTENDEE;CN=${quoteParam(a.name)};ROLE=REQ-PARTICIPANT${asked}:mailto:${uri(a.email)}`);
    }
  }
  lines.push('END:VEVENT');
  return lines;
}

/** A complete VCALENDAR: CRLF line ends, folded lines, one VTIMEZONE for Asia/Ho_Chi_Minh, then the events. */
export function buildCalendar(input: CalendarInput): string {
  const lines = ['BEGIN:VCALENDAR', `PRODID:${PRODID}`, 'VERSION:2.0', 'CALSCALE:GREGORIAN'];
  if (input.method) lines.push(`METHOD:${input.method}`);
  if (input.name !== undefined) lines.push(`X-WR-CALNAME:${escapeText(input.name)}`, `X-WR-TIMEZONE:${VIETNAM_TZID}`);
  lines.push(...VTIMEZONE);
  for (const event of input.events) lines.push(...eventLines(event, input.method));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
