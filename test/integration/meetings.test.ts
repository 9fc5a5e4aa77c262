// Video-conference meetings through the API of the local suite: points, bookings without double bookings (also under
// a race), series and their exceptions, invitations as real .eml with iCalendar, feeds, the weekly schedule, join
// links, check-in, minutes, and every route closed to another province.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import { meetingsRoutes } from '#functions/meetings/routes';
import { verifyJitsiToken } from '#functions/meetings/jitsi';
import { toVietnamIso } from '#shared/clock';
import { TSX_CLI } from './process';
import { adminOf, api, eventually, mailboxMessages, officerOf, pdfBytes, signIn, unique, uploadFile } from './support';

const T = 'nghean';
const STP = '000.02.00.H41';
const ROOT = '000.00.00.H41';
const HALL = 'dc-000-00-00-h41';
const CANBO = 'canbo@nghean.gov.vn';
const clerk = () => signIn(T, 'vanthu@nghean.gov.vn');
const year = new Date().getUTCFullYear() + 1;
/** 08:00 Vietnam time on a day of next year (months and days differ per test so their meetings never meet). */
const at = (month: number, day: number, hour = 8, minute = 0) =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+07:00`;

/** A fresh room of the STP unit: each test books its own points, so tests never collide. */
async function newPoint(unit = STP): Promise<string> {
  const id = `test-${unique()}`;
  const res = await api('POST', `/v1/${T}/points`, { token: await adminOf(T), body: { id, unit, name: `Phòng họp ${id}`, capacity: 20, equipment: ['camera'] } });
  expect(res.status).toBe(201);
  return id;
}

async function book(body: Record<string, unknown>, token?: string) {
  return api('POST', `/v1/${T}/meetings`, {
    token: token ?? await clerk(),
    body: { title: 'Giao ban trực tuyến', chairUnit: ROOT, chairPerson: 'Chủ tịch UBND tỉnh', ...body },
  });
}

async function occurrencesOn(point: string, from: string, to: string) {
  const res = await api('GET', `/v1/${T}/meetings?point=${point}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, { token: await clerk() });
  expect(res.status).toBe(200);
  return res.body.items as { meetingId: string; occurrence: string; start: string; end: string }[];
}

/** The invitations and notices about a meeting in the mailbox of the officer of STP, whose rooms the tests book. */
async function mailsAbout(meetingId: string, count: number) {
  return eventually(async () => {
    const found = await mailboxMessages(T, CANBO, `meetings.${meetingId}`);
    if (found.length < count) return undefined;
    return Promise.all(found.sort((a, b) => a.messageId.localeCompare(b.messageId)).map(async (m) => ({ file: m.messageId, mail: await simpleParser(m.raw) })));
  });
}

describe('connection points', () => {
  it('seeds one point per demo unit and lets only the tenant-admin add or change points', async () => {
    // Act
    const list = await api('GET', `/v1/${T}/points`, { token: await officerOf(T) });
    const refused = await api('POST', `/v1/${T}/points`, { token: await officerOf(T), body: { unit: STP, name: 'Phòng mới', capacity: 5 } });
    // Assess
    expect(list.status).toBe(200);
    const units = new Set(list.body.items.map((p: { unit: string }) => p.unit));
    expect(units.has(ROOT) && units.has(STP) && units.has('000.00.31.H41')).toBe(true);
    expect(refused.status).toBe(403);
  });

  it('edits a point by version and refuses a stale version', async () => {
    const id = await newPoint();
    const admin = await adminOf(T);
    const ok = await api('PATCH', `/v1/${T}/points/${id}`, { token: admin, body: { version: 1, capacity: 40, active: false } });
    const stale = await api('PATCH', `/v1/${T}/points/${id}`, { token: admin, body: { version: 1, capacity: 10 } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ capacity: 40, active: false, version: 2 });
    expect(stale.status).toBe(409);
    // An inactive point cannot be booked.
    const booking = await book({ hostPoint: id, start: at(1, 5), end: at(1, 5, 9) });
    expect(booking.status).toBe(400);
    expect(booking.body.error.code).toBe('POINT_INACTIVE');
  });
});

describe('booking without double bookings', () => {
  it('refuses an overlapping booking with 409 POINT_BUSY naming the point and the meeting, and allows back-to-back', async () => {
    // Prepare
    const [p, q] = [await newPoint(), await newPoint()];
    const first = await book({ hostPoint: p, points: [q], start: at(1, 6, 8), end: at(1, 6, 10) });
    expect(first.status).toBe(201);
    // Act
    const cases = {
      contained: await book({ hostPoint: q, start: at(1, 6, 8, 30), end: at(1, 6, 9) }),
      containing: await book({ hostPoint: p, start: at(1, 6, 7), end: at(1, 6, 11) }),
      equal: await book({ hostPoint: p, start: at(1, 6, 8), end: at(1, 6, 10) }),
      partial: await book({ hostPoint: q, start: at(1, 6, 9, 59), end: at(1, 6, 12) }),
      before: await book({ hostPoint: p, start: at(1, 6, 6), end: at(1, 6, 8) }),
      after: await book({ hostPoint: q, start: at(1, 6, 10), end: at(1, 6, 11) }),
    };
    // Assess
    for (const name of ['contained', 'containing', 'equal', 'partial'] as const) {
      expect(cases[name].status).toBe(409);
      expect(cases[name].body.error.code).toBe('POINT_BUSY');
      expect(cases[name].body.error.details.points[0].meetings[0].meetingId).toBe(first.body.id);
    }
    expect(cases.before.status).toBe(201);
    expect(cases.after.status).toBe(201);
    expect((await occurrencesOn(p, at(1, 6, 0), at(1, 7, 0))).map((o) => o.start)).toEqual([at(1, 6, 6), at(1, 6, 8)]);
  });

  it('answers a retried booking (same Idempotency-Key) with the first answer, booking once', async () => {
    const p = await newPoint();
    const token = await clerk();
    const headers = { 'idempotency-key': `meeting-${unique()}` };
    const body = { title: 'Họp thử', chairUnit: ROOT, chairPerson: 'Phó Chủ tịch', hostPoint: p, start: at(1, 14, 8), end: at(1, 14, 9) };
    const [first, again] = [await api('POST', `/v1/${T}/meetings`, { token, headers, body }), await api('POST', `/v1/${T}/meetings`, { token, headers, body })];
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.id).toBe(first.body.id);
    expect(await occurrencesOn(p, at(1, 14, 0), at(1, 15, 0))).toHaveLength(1);
  });

  it('sees a collision across midnight', async () => {
    const p = await newPoint();
    expect((await book({ hostPoint: p, start: at(1, 7, 22), end: at(1, 8, 1) })).status).toBe(201);
    const next = await book({ hostPoint: p, start: at(1, 8, 0, 30), end: at(1, 8, 2) });
    expect(next.status).toBe(409);
    expect(next.body.error.code).toBe('POINT_BUSY');
  });

  it('lets exactly one of many simultaneous bookings of one point win', async () => {
    // Prepare
    const p = await newPoint();
    const token = await clerk();
    // Act: twelve officials press "book" at the same moment, for overlapping times
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => book({ hostPoint: p, start: at(1, 9, 8, i), end: at(1, 9, 9, i) }, token)));
    // Assess
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(11);
    expect(await occurrencesOn(p, at(1, 9, 0), at(1, 10, 0))).toHaveLength(1);
  });

  it('checks every occurrence of a series, and frees an occurrence when it is cancelled', async () => {
    // Prepare: a weekly Monday briefing, four times
    const p = await newPoint();
    const monday = new Date(Date.UTC(year, 1, 1));
    while (monday.getUTCDay() !== 1) monday.setUTCDate(monday.getUTCDate() + 1);
    const first = Date.parse(at(monday.getUTCMonth() + 1, monday.getUTCDate(), 7, 30));
    const DAY = 86_400_000;
    const series = await book({ hostPoint: p, start: toVietnamIso(new Date(first)), end: toVietnamIso(new Date(first + 90 * 60_000)), recurrence: 'FREQ=WEEKLY;BYDAY=MO;COUNT=4' });
    expect(series.status).toBe(201);
    const window = [toVietnamIso(new Date(first - DAY)), toVietnamIso(new Date(first + 30 * DAY))] as const;
    const occurrences = await occurrencesOn(p, ...window);
    // Vietnam keeps no daylight saving time: the same hour every seventh day.
    expect(occurrences.map((o) => o.start)).toEqual([0, 7, 14, 21].map((d) => toVietnamIso(new Date(first + d * DAY))));
    const third = occurrences[2]!;
    // Act: a one-off meeting on the third Monday collides; then that Monday is cancelled
    const blocked = await book({ hostPoint: p, start: third.start, end: third.end });
    const cancelled = await api('POST', `/v1/${T}/meetings/${series.body.id}/cancel`, { token: await clerk(), body: { version: 1, occurrence: third.occurrence, reason: 'Trùng lịch tiếp dân' } });
    const after = await book({ hostPoint: p, start: third.start, end: third.end });
    // Assess
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.details.points[0].meetings[0]).toMatchObject({ meetingId: series.body.id, occurrence: third.occurrence });
    expect(cancelled.status).toBe(200);
    expect(after.status).toBe(201);
    const now = await occurrencesOn(p, ...window);
    expect(now.filter((o) => o.meetingId === series.body.id)).toHaveLength(3);
  });

  it('checks a reschedule and added points like a booking', async () => {
    const [p, q] = [await newPoint(), await newPoint()];
    const a = await book({ hostPoint: p, start: at(1, 12, 8), end: at(1, 12, 9) });
    const b = await book({ hostPoint: q, start: at(1, 12, 14), end: at(1, 12, 15) });
    const token = await clerk();
    const moveInto = await api('PATCH', `/v1/${T}/meetings/${a.body.id}`, { token, body: { version: 1, start: at(1, 12, 14, 30), end: at(1, 12, 15, 30), addPoints: [q] } });
    const move = await api('PATCH', `/v1/${T}/meetings/${a.body.id}`, { token, body: { version: 1, start: at(1, 12, 10), end: at(1, 12, 11) } });
    const stale = await api('PATCH', `/v1/${T}/meetings/${a.body.id}`, { token, body: { version: 1, title: 'Khác' } });
    expect(moveInto.status).toBe(409);
    expect(moveInto.body.error.details.points.map((x: { point: string }) => x.point)).toEqual([q]);
    expect(move.status).toBe(200);
    expect(move.body).toMatchObject({ sequence: 1, version: 2, start: at(1, 12, 10) });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect((await occurrencesOn(p, at(1, 12, 0), at(1, 13, 0))).map((o) => o.start)).toEqual([at(1, 12, 10)]);
    expect(b.status).toBe(201);
  });
});

describe('bad input books nothing', () => {
  it.each([
    ['end before start', { start: at(2, 2, 10), end: at(2, 2, 9) }, 'END_BEFORE_START'],
    ['longer than 24 h', { start: at(2, 2, 8), end: at(2, 3, 9) }, 'MEETING_TOO_LONG'],
    ['a time without offset', { start: `${year}-02-02T08:00:00`, end: at(2, 2, 9) }, 'TIME_INVALID'],
    ['an impossible offset', { start: `${year}-02-02T08:00:00+25:00`, end: at(2, 2, 9) }, 'TIME_INVALID'],
    ['a recurrence without end', { start: at(2, 2, 8), end: at(2, 2, 9), recurrence: 'FREQ=WEEKLY' }, 'RECURRENCE_UNBOUNDED'],
    ['more than 200 occurrences', { start: at(2, 2, 8), end: at(2, 2, 9), recurrence: 'FREQ=WEEKLY;COUNT=201' }, 'RECURRENCE_TOO_LONG'],
    ['a start in the past', { start: '2020-01-06T08:00:00+07:00', end: '2020-01-06T09:00:00+07:00' }, 'START_IN_PAST'],
  ])('%s', async (_name, times, code) => {
    const p = await newPoint();
    const res = await book({ hostPoint: p, ...times });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect(await occurrencesOn(p, at(1, 1, 0), at(12, 31, 0))).toEqual([]);
  });

  it('refuses an unknown point and another province\'s point', async () => {
    const quangtriPoint = 'dc-000-00-00-h50';
    const res = await book({ hostPoint: HALL, points: ['khong-co-diem-cau', quangtriPoint], start: at(2, 3, 8), end: at(2, 3, 9) });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'POINT_UNKNOWN', details: { points: ['khong-co-diem-cau', quangtriPoint] } });
  });
});

describe('invitations', () => {
  it('sends each participating unit a Vietnamese invitation with an iCalendar REQUEST, then the change and the cancellation', async () => {
    // Prepare: a meeting of the People's Committee with a room of STP (the officer canbo works there)
    const p = await newPoint();
    const created = await book({ title: 'Hội nghị trực tuyến về chuyển đổi số', hostPoint: HALL, points: [p], start: at(3, 2, 14), end: at(3, 2, 16) });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const token = await clerk();
    // Act
    await api('PATCH', `/v1/${T}/meetings/${id}`, { token, body: { version: 1, start: at(3, 2, 15), end: at(3, 2, 17) } });
    await api('POST', `/v1/${T}/meetings/${id}/cancel`, { token, body: { version: 2, reason: 'Lãnh đạo đi công tác' } });
    // Assess: three rounds of mail, each read back as a calendar event
    const mails = await mailsAbout(id, 3);
    const rounds = await Promise.all(mails.map(async ({ mail }) => {
      const ics = mail.attachments.find((a) => a.filename === 'invite.ics')!;
      const calendar = new ICAL.Component(ICAL.parse(ics.content.toString('utf8')));
      const event = calendar.getFirstSubcomponent('vevent')!;
      return {
        subject: mail.subject, to: (mail.to as { value: { address: string }[] }).value.map((v) => v.address),
        method: calendar.getFirstPropertyValue('method'), uid: event.getFirstPropertyValue('uid'), sequence: event.getFirstPropertyValue('sequence'),
        start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
      };
    }));
    const bySequence = rounds.sort((a, b) => Number(a.sequence) - Number(b.sequence));
    expect(bySequence.map((r) => [r.method, r.sequence])).toEqual([['REQUEST', 0], ['REQUEST', 1], ['CANCEL', 2]]);
    expect(new Set(bySequence.map((r) => r.uid)).size).toBe(1);
    expect(bySequence[0]!.subject).toBe('Giấy mời họp: Hội nghị trực tuyến về chuyển đổi số');
    expect(bySequence[0]!.start).toBe(new Date(at(3, 2, 14)).toISOString());
    expect(bySequence[1]!.start).toBe(new Date(at(3, 2, 15)).toISOString());
    expect(bySequence[0]!.to).toEqual(expect.arrayContaining(['canbo@nghean.gov.vn', 'lanhdao@nghean.gov.vn']));
  });
});

describe('views', () => {
  it('pages the occurrences of a window with a cursor, without repeats', async () => {
    const p = await newPoint();
    for (const hour of [8, 10, 13, 15, 17]) expect((await book({ hostPoint: p, start: at(4, 6, hour), end: at(4, 6, hour + 1) })).status).toBe(201);
    const token = await clerk();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await api('GET', `/v1/${T}/meetings?point=${p}&limit=2&from=${encodeURIComponent(at(4, 6, 0))}&to=${encodeURIComponent(at(4, 7, 0))}${cursor ? `&cursor=${cursor}` : ''}`, { token });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((o: { start: string }) => o.start));
      cursor = res.body.cursor;
    } while (cursor);
    expect(seen).toEqual([8, 10, 13, 15, 17].map((h) => at(4, 6, h)));
  });

  it('publishes a unit\'s feed by a secret link that rotation replaces', async () => {
    const p = await newPoint();
    await book({ title: 'Họp chuyên đề cải cách hành chính', hostPoint: p, start: at(1, 20, 9), end: at(1, 20, 10) });
    const token = await officerOf(T);
    const first = await api('POST', `/v1/${T}/calendar-feeds`, { token, body: { point: p } });
    expect(first.status).toBe(201);
    const feed = await api('GET', first.body.url);
    expect([feed.status, feed.body]).toEqual([200, expect.any(String)]);
    const calendar = new ICAL.Component(ICAL.parse(feed.body as string));
    const summaries = calendar.getAllSubcomponents('vevent').map((e) => e.getFirstPropertyValue('summary'));
    expect(summaries).toContain('Họp chuyên đề cải cách hành chính');
    // Act: rotate
    const second = await api('POST', `/v1/${T}/calendar-feeds`, { token, body: { point: p } });
    // Assess
    expect((await api('GET', first.body.url)).status).toBe(404);
    expect((await api('GET', second.body.url)).status).toBe(200);
    expect((await api('GET', `/v1/${T}/calendar-feeds?point=${p}`, { token })).body.url).toBe(second.body.url);
  });

  it('publishes a unit\'s feed with the meetings its points take part in, and keeps other units\' officers out', async () => {
    const p = await newPoint();
    await book({ title: 'Họp về quy hoạch', hostPoint: HALL, points: [p], start: at(1, 21, 9), end: at(1, 21, 10) });
    const own = await api('POST', `/v1/${T}/calendar-feeds`, { token: await officerOf(T), body: { unit: STP } });
    const foreign = await api('POST', `/v1/${T}/calendar-feeds`, { token: await officerOf(T), body: { unit: '000.03.00.H41' } });
    expect(own.status).toBe(201);
    expect(foreign.status).toBe(403);
    const feed = await api('GET', own.body.url);
    const summaries = new ICAL.Component(ICAL.parse(feed.body as string)).getAllSubcomponents('vevent').map((e) => e.getFirstPropertyValue('summary'));
    expect(summaries).toContain('Họp về quy hoạch');
  });

  it('prints the weekly work schedule, Monday to Sunday, as JSON and as a Vietnamese page', async () => {
    const p = await newPoint();
    await book({ title: 'Giao ban <b>tuần</b>', hostPoint: p, start: at(5, 5, 14), end: at(5, 5, 16) });
    const token = await clerk();
    const date = at(5, 5).slice(0, 10);
    const json = await api('GET', `/v1/${T}/schedule/week?date=${date}`, { token });
    const html = await api('GET', `/v1/${T}/schedule/week?date=${date}&format=html`, { token });
    expect(json.status).toBe(200);
    expect(json.body.days).toHaveLength(7);
    expect(json.body.days[0].weekday).toBe('Thứ Hai');
    const day = json.body.days.find((d: { date: string }) => d.date === date);
    expect(day.afternoon.map((i: { title: string }) => i.title)).toContain('Giao ban <b>tuần</b>');
    expect(html.status).toBe(200);
    expect(html.body).toContain('Giao ban &lt;b&gt;tuần&lt;/b&gt;');
  });
});

describe('joining, checking in, minutes', () => {
  it('gives a point\'s staff a signed Jitsi link and records the point\'s check-in once', async () => {
    // Prepare: a meeting starting in 10 minutes, with a room of the officer's unit
    const p = await newPoint();
    const start = new Date(Date.now() + 10 * 60_000);
    const created = await book({ hostPoint: HALL, points: [p], start: toVietnamIso(start), end: toVietnamIso(new Date(start.getTime() + 3_600_000)) });
    expect(created.status).toBe(201);
    const officer = await officerOf(T);
    // Act
    const link = await api('GET', `/v1/${T}/meetings/${created.body.id}/join?point=${p}`, { token: officer });
    const hallLink = await api('GET', `/v1/${T}/meetings/${created.body.id}/join?point=${HALL}`, { token: officer });
    const once = await api('POST', `/v1/${T}/meetings/${created.body.id}/attendance`, { token: officer, body: { point: p } });
    const twice = await api('POST', `/v1/${T}/meetings/${created.body.id}/attendance`, { token: officer, body: { point: p } });
    // Assess
    expect(link.status).toBe(200);
    const url = new URL(link.body.url);
    expect(url.host).toBe('meet.nghean.gov.vn');
    const secret = readFileSync(join(dirname(process.env.SUITE_FILE!), 'keys', 'nghean.jitsi'), 'utf8');
    expect(verifyJitsiToken(url.searchParams.get('jwt')!, secret)).toMatchObject({ room: url.pathname.slice(1), context: { user: { moderator: false } } });
    expect(hallLink.status).toBe(403);
    expect(once.status).toBe(200);
    expect(twice.body).toEqual(once.body);
    const detail = await api('GET', `/v1/${T}/meetings/${created.body.id}`, { token: officer });
    expect(detail.body.attendance).toEqual([once.body]);
  });

  it('refuses a check-in long before the meeting', async () => {
    const p = await newPoint();
    const created = await book({ hostPoint: p, start: at(6, 1, 8), end: at(6, 1, 9) });
    const res = await api('POST', `/v1/${T}/meetings/${created.body.id}/attendance`, { token: await officerOf(T), body: { point: p } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CHECK_IN_CLOSED');
  });

  it('sends the conclusions notice the chair attaches to every participating unit', async () => {
    const p = await newPoint();
    const token = await clerk();
    const created = await book({ title: 'Họp triển khai nhiệm vụ năm', hostPoint: HALL, points: [p], start: at(6, 2, 8), end: at(6, 2, 9) });
    const uploadId = await uploadFile(T, token, 'thong-bao-ket-luan.pdf', 'application/pdf', pdfBytes('ket luan'));
    const res = await api('POST', `/v1/${T}/meetings/${created.body.id}/minutes`, { token, body: { kind: 'conclusions', uploadId } });
    expect(res.status).toBe(200);
    expect(res.body.minutes[0]).toMatchObject({ kind: 'conclusions', file: { fileName: 'thong-bao-ket-luan.pdf' } });
    const mails = await mailsAbout(created.body.id, 2);
    const notice = mails.find(({ file }) => file.includes('.minutes.'))!.mail;
    expect(notice.subject).toBe('Thông báo kết luận cuộc họp: Họp triển khai nhiệm vụ năm');
    expect((notice.to as { value: { address: string }[] }).value.map((v) => v.address)).toContain('canbo@nghean.gov.vn');
    const detail = await api('GET', `/v1/${T}/meetings/${created.body.id}`, { token });
    expect(Object.keys(detail.body.downloads)).toEqual([uploadId]);
  });
});

describe('reminders', () => {
  const runJob = (time: string) => spawnSync(process.execPath, [TSX_CLI, join(import.meta.dirname, '..', '..', 'local', 'schedules.ts'), T, 'meetings-reminders', time], {
    env: { ...process.env, DATA_DIR: dirname(process.env.SUITE_FILE!), LOG_LEVEL: 'ERROR', POWERTOOLS_LOG_LEVEL: 'ERROR' }, encoding: 'utf8', timeout: 60_000,
  });

  it('reminds 24 hours and 30 minutes before, once each, and not for a cancelled occurrence', async () => {
    // Prepare: a meeting, and another one cancelled
    const p = await newPoint();
    const kept = await book({ title: 'Họp giao ban khối nội chính', hostPoint: p, start: at(8, 3, 8), end: at(8, 3, 9) });
    const dropped = await book({ hostPoint: p, start: at(8, 3, 10), end: at(8, 3, 11) });
    await api('POST', `/v1/${T}/meetings/${dropped.body.id}/cancel`, { token: await clerk(), body: { version: 1, reason: 'Hoãn' } });
    const dayBefore = new Date(Date.parse(at(8, 2, 8, 1))).toISOString();
    // Act: the job at 08:01 the day before, twice, then 07:31 on the day
    const runs = [runJob(dayBefore), runJob(dayBefore), runJob(new Date(Date.parse(at(8, 3, 7, 31))).toISOString())];
    // Assess
    expect(runs.map((r) => r.status)).toEqual([0, 0, 0]);
    const reminders = await eventually(async () => {
      const found = (await mailboxMessages(T, CANBO, `meetings.${kept.body.id}`)).filter((m) => m.messageId.includes('remind'));
      return found.length >= 2 ? found.sort((a, b) => a.messageId.localeCompare(b.messageId)) : undefined;
    });
    expect(reminders.map((m) => m.messageId.replace(/@.*/, '').split('.').pop())).toEqual(['remind24h', 'remind30m']);
    const mail = await simpleParser(reminders[0]!.raw);
    expect(mail.subject).toContain('Nhắc lịch họp ngày mai: Họp giao ban khối nội chính');
    expect((await mailboxMessages(T, CANBO, `meetings.${dropped.body.id}`)).filter((m) => m.messageId.includes('remind'))).toEqual([]);
  }, 90_000);
});

describe('another province', () => {
  it.each(Object.entries(meetingsRoutes))('cannot use %s of Nghệ An with a Quảng Trị token', async (_name, route) => {
    // Prepare: a real meeting and point of Nghệ An
    const p = await newPoint();
    const created = await book({ hostPoint: p, start: at(7, 1, 8), end: at(7, 1, 9) });
    const path = route.path.replace('{tenant}', T).replace('{id}', route.path.includes('/points/') ? p : created.body.id).replace('{token}', 'x'.repeat(32) + '.ics');
    const token = await adminOf('quangtri');
    // Act
    const res = await api(route.method, path, { token, ...(route.method === 'GET' ? {} : { body: {} }) });
    // Assess: the public feed answers 404 for a link that is not one; every other route 403 before reading anything
    expect(res.status).toBe(route.access === 'public' ? 404 : 403);
    const still = await api('GET', `/v1/${T}/meetings/${created.body.id}`, { token: await clerk() });
    expect(still.body).toMatchObject({ version: 1, status: 'scheduled' });
  });
});
