// iCalendar output read back by a standard parser (ical.js, Mozilla's, used by Thunderbird): same instants, same
// occurrences as our own expansion, identifiers and Vietnamese text intact, and the RFC 5545 line rules.
import ICAL from 'ical.js';
import { buildCalendar, escapeText, foldLine, type IcsEvent } from '#functions/meetings/ics';
import { expandOccurrences, parseRecurrence } from '#functions/meetings/recurrence';

const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);

const base: IcsEvent = {
  uid: 'b6c1e0c2-5d0f-4f53-9b57-0b9f2e1c7a10@nghean.tinhso.gov.vn',
  sequence: 3,
  start: vn('2026-11-30 08:00'),
  end: vn('2026-11-30 10:30'),
  summary: 'Hội nghị giao ban trực tuyến tuần: đánh giá tiến độ giải ngân vốn đầu tư công, cải cách hành chính',
  description: 'Nội dung:\n1. Báo cáo của Sở Tài chính; Sở Nội vụ, Sở Tư pháp\n2. Ý kiến các xã \\ phường',
  location: 'Phòng họp trực tuyến, tầng 3, UBND tỉnh Nghệ An',
  url: 'https://meet.nghean.gov.vn/nghean-0123456789abcdef0123456789abcdef',
  organizer: { name: 'Văn phòng UBND tỉnh Nghệ An', email: 'vanthu@nghean.gov.vn' },
  attendees: [
    { name: 'Sở Tư pháp tỉnh Nghệ An', email: 'stp@nghean.gov.vn' },
    { name: 'Đặng Thị "Hường" – UBND xã Nghi Lộc', email: 'xanghiloc@nghean.gov.vn' },
  ],
  stamp: new Date('2026-11-24T02:03:04Z'),
};

/** The calendar parsed by ical.js and its events (their VTIMEZONE is resolved through the calendar). */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  return { calendar, events };
}

/** The instants ical.js expands a recurring event to (EXDATE applied), at most `limit`. */
function icalStarts(event: InstanceType<typeof ICAL.Event>, limit = 500): number[] {
  const iterator = event.iterator();
  const out: number[] = [];
  for (let next = iterator.next(); next && out.length < limit; next = iterator.next()) out.push(next.toJSDate().getTime());
  return out;
}

describe('iCalendar read back by ical.js', () => {
  it('gives back the instants of DTSTART, DTEND and DTSTAMP, with the times written in Asia/Ho_Chi_Minh', () => {
    // Prepare, Act
    const text = buildCalendar({ method: 'REQUEST', events: [base] });
    const { events } = parse(text);

    // Assess
    expect(events).toHaveLength(1);
    expect(events[0]!.startDate.toJSDate()).toEqual(base.start);
    expect(events[0]!.endDate.toJSDate()).toEqual(base.end);
    expect(events[0]!.startDate.zone?.tzid).toBe('Asia/Ho_Chi_Minh');
    expect((events[0]!.component.getFirstPropertyValue('dtstamp') as InstanceType<typeof ICAL.Time>).toJSDate()).toEqual(base.stamp);
    expect(text).toContain('\r\nDTSTART;TZID=Asia/Ho_Chi_Minh:20261130T080000\r\n');
    expect(text).toContain('\r\nDTEND;TZID=Asia/Ho_Chi_Minh:20261130T103000\r\n');
    expect(text).toContain('\r\nDTSTAMP:20261124T020304Z\r\n');
  });

  it('carries the VTIMEZONE of Asia/Ho_Chi_Minh (UTC+7, no daylight saving) and the calendar header', () => {
    // Prepare, Act
    const { calendar } = parse(buildCalendar({ method: 'REQUEST', events: [base] }));
    const zone = calendar.getFirstSubcomponent('vtimezone')!;
    const standard = zone.getFirstSubcomponent('standard')!;

    // Assess
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Tinh So//Meetings//VI');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(zone.getFirstPropertyValue('tzid')).toBe('Asia/Ho_Chi_Minh');
    expect(zone.getFirstSubcomponent('daylight')).toBeNull();
    expect(String(standard.getFirstPropertyValue('tzoffsetfrom'))).toBe('+07:00');
    expect(String(standard.getFirstPropertyValue('tzoffsetto'))).toBe('+07:00');
    expect(standard.getFirstPropertyValue('tzname')).toBe('+07');
  });

  it('round-trips UID, SEQUENCE, METHOD, STATUS and the Vietnamese text with its commas, semicolons, backslash and newlines', () => {
    // Prepare, Act
    const { calendar, events } = parse(buildCalendar({ method: 'REQUEST', events: [base] }));
    const event = events[0]!;

    // Assess
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.uid).toBe(base.uid);
    expect(event.sequence).toBe(3);
    expect(event.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(event.summary).toBe(base.summary);
    expect(event.description).toBe(base.description);
    expect(event.location).toBe(base.location);
    expect(event.component.getFirstPropertyValue('url')).toBe(base.url);
  });

  it('keeps the organizer\'s and attendees\' names (CN, quoted, RFC 6868) and asks every attendee to answer a REQUEST', () => {
    // Prepare, Act
    const { events } = parse(buildCalendar({ method: 'REQUEST', events: [base] }));
    const organizer = events[0]!.component.getFirstProperty('organizer')!;
    const attendees = events[0]!.attendees;

    // Assess
    expect(organizer.getParameter('cn')).toBe('Văn phòng UBND tỉnh Nghệ An');
    expect(organizer.getFirstValue()).toBe('mailto:vanthu@nghean.gov.vn');
    expect(
      attendees.map((a) => [a.getParameter('cn'), a.getFirstValue(), a.getParameter('role'), a.getParameter('partstat'), a.getParameter('rsvp')]),
    ).toEqual([
      ['Sở Tư pháp tỉnh Nghệ An', 'mailto:stp@nghean.gov.vn', 'REQ-PARTICIPANT', 'NEEDS-ACTION', 'TRUE'],
      ['Đặng Thị "Hường" – UBND xã Nghi Lộc', 'mailto:xanghiloc@nghean.gov.vn', 'REQ-PARTICIPANT', 'NEEDS-ACTION', 'TRUE'],
    ]);
  });

  it.each([
    ['weekly on MO,TH every second week', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=12', '2026-11-30 07:30', '2026-11-30 09:00'],
    ['weekly across midnight, UNTIL a date (the end of that day in Vietnam)', 'FREQ=WEEKLY;BYDAY=SU;UNTIL=20270131', '2026-12-06 23:00', '2026-12-07 01:00'],
    ['monthly on the last Friday', 'FREQ=MONTHLY;BYDAY=-1FR;COUNT=14', '2026-11-27 14:00', '2026-11-27 16:00'],
    ['monthly on the 31st', 'FREQ=MONTHLY;UNTIL=20271231T235959Z', '2027-01-31 09:00', '2027-01-31 11:00'],
    ['monthly on the first Monday, every third month', 'FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO;COUNT=6', '2027-01-04 08:00', '2027-01-04 09:00'],
  ])('ical.js expands the RRULE (%s) to the same starts as expandOccurrences', (_, rrule, from, to) => {
    // Prepare
    const start = vn(from);
    const end = vn(to);
    const ours = expandOccurrences({ start, end, rule: parseRecurrence(rrule) }).map((o) => o.start.getTime());

    // Act
    const { events } = parse(buildCalendar({ method: 'REQUEST', events: [{ ...base, start, end, rrule }] }));

    // Assess
    expect(ours.length).toBeGreaterThan(3);
    expect(icalStarts(events[0]!)).toEqual(ours);
  });

  it('EXDATE removes an occurrence, written in the same TZID form', () => {
    // Prepare: Mondays 08:00 from 30/11/2026, four times; the 14/12 meeting is called off.
    const rrule = 'FREQ=WEEKLY;COUNT=4';
    const removed = vn('2026-12-14 08:00');

    // Act
    const text = buildCalendar({ method: 'REQUEST', events: [{ ...base, rrule, exdates: [removed] }] });
    const { events } = parse(text);

    // Assess
    expect(text).toContain('\r\nEXDATE;TZID=Asia/Ho_Chi_Minh:20261214T080000\r\n');
    expect(icalStarts(events[0]!)).toEqual([vn('2026-11-30 08:00'), vn('2026-12-07 08:00'), vn('2026-12-21 08:00')].map((d) => d.getTime()));
  });

  it('a cancelled occurrence: METHOD:CANCEL, RECURRENCE-ID of its original start, STATUS:CANCELLED, no RSVP asked', () => {
    // Prepare
    const occurrence = vn('2026-12-07 08:00');

    // Act
    const text = buildCalendar({
      method: 'CANCEL',
      events: [{ ...base, sequence: 4, start: occurrence, end: vn('2026-12-07 10:30'), recurrenceId: occurrence }],
    });
    const { calendar, events } = parse(text);

    // Assess
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(events[0]!.isRecurrenceException()).toBe(true);
    expect(events[0]!.recurrenceId.toJSDate()).toEqual(occurrence);
    expect(text).toContain('\r\nRECURRENCE-ID;TZID=Asia/Ho_Chi_Minh:20261207T080000\r\n');
    expect(events[0]!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(events[0]!.sequence).toBe(4);
    expect(events[0]!.attendees.map((a) => [a.getParameter('partstat'), a.getParameter('rsvp')])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });

  it('a feed: the calendar\'s name, no METHOD, no attendees (PUBLISH forbids them), several events', () => {
    // Prepare
    const other = { ...base, uid: 'second@nghean', start: vn('2026-12-01 14:00'), end: vn('2026-12-01 15:00'), summary: 'Họp Ban chỉ đạo' };

    // Act
    const feed = parse(buildCalendar({ name: 'Lịch họp – Sở Tư pháp', events: [base, other] }));
    const published = parse(buildCalendar({ method: 'PUBLISH', events: [base] }));

    // Assess
    expect(feed.calendar.getFirstPropertyValue('x-wr-calname')).toBe('Lịch họp – Sở Tư pháp');
    expect(feed.calendar.getFirstPropertyValue('method')).toBeNull();
    expect(feed.events.map((e) => [e.uid, e.summary, e.startDate.toJSDate().toISOString()])).toEqual([
      [base.uid, base.summary, '2026-11-30T01:00:00.000Z'],
      ['second@nghean', 'Họp Ban chỉ đạo', '2026-12-01T07:00:00.000Z'],
    ]);
    expect(published.calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(published.events[0]!.attendees).toHaveLength(0);
  });

  it('writes CRLF line ends only, no line longer than 75 octets, and folds without splitting a UTF-8 character', () => {
    // Prepare: long Vietnamese text (2- and 3-octet letters) and 4-octet emoji, placed at every offset by the repeat.
    const long = 'Triển khai Nghị quyết về chuyển đổi số 🇻🇳📅 của Tỉnh ủy, HĐND và UBND tỉnh; '.repeat(6);
    const text = buildCalendar({ method: 'REQUEST', name: long, events: [{ ...base, summary: long, description: `${long}\n${long}` }] });
    const bytes = Buffer.from(text, 'utf8');

    // Act
    const lines = text.split('\r\n');
    const { calendar, events } = parse(text);

    // Assess: CRLF everywhere, ending with one; each physical line at most 75 octets and valid UTF-8 on its own.
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(10);
    for (const line of bytes.toString('latin1').split('\r\n')) {
      const octets = Buffer.from(line, 'latin1');
      expect(octets.length).toBeLessThanOrEqual(75);
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(octets)).not.toThrow();
    }
    expect(events[0]!.summary).toBe(long);
    expect(events[0]!.description).toBe(`${long}\n${long}`);
    // ical.js types X- properties as unknown and leaves their TEXT escapes (RFC 5545's default type for them) in place.
    const calname = String(calendar.getFirstPropertyValue('x-wr-calname'));
    expect(calname.replace(/\\([\\;,])/g, '$1')).toBe(long);
  });

  it('an UNTIL date is written as the UTC instant it stands for, as RFC 5545 requires with a DATE-TIME start', () => {
    const text = buildCalendar({ method: 'REQUEST', events: [{ ...base, rrule: 'freq=weekly;until=20261231' }] });
    expect(text).toContain('\r\nRRULE:FREQ=WEEKLY;UNTIL=20261231T165959Z\r\n');
  });
});

describe('iCalendar text rules', () => {
  it.each([
    ['a, b; c\\d', 'a\\, b\\; c\\\\d'],
    ['dòng 1\r\ndòng 2\rdòng 3\ndòng 4', 'dòng 1\\ndòng 2\\ndòng 3\\ndòng 4'],
    ['no\u0000control\u0007chars\ttab kept', 'nocontrolchars\ttab kept'],
  ])('escapes TEXT %j as %j', (value, escaped) => {
    expect(escapeText(value)).toBe(escaped);
  });

  it('folds at exactly 75 octets, continuation lines beginning with a space', () => {
    // Prepare: 80 ASCII letters; 60 "ệ" (3 octets each).
    const ascii = 'x'.repeat(80);
    const vietnamese = 'ệ'.repeat(60);

    // Act
    const a = foldLine(ascii).split('\r\n');
    const v = foldLine(vietnamese).split('\r\n');

    // Assess: 75 + (space + 5); for ệ, 25 letters (75 octets), then a space and 24 (73 octets), then the rest.
    expect(a).toEqual(['x'.repeat(75), ` ${'x'.repeat(5)}`]);
    expect(v).toEqual(['ệ'.repeat(25), ` ${'ệ'.repeat(24)}`, ` ${'ệ'.repeat(11)}`]);
  });
});
