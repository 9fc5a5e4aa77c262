// Reading the calendar: occurrences in a window (of a point, a unit or the whole province), the leaders' weekly
// work schedule, and subscribable iCalendar feeds. Every read goes through index rows of only the window asked
// for, then checks each row against its meeting item (the truth), so a stale row never shows.
import { randomBytes } from 'node:crypto';
import { toVietnamIso } from '#shared/clock';
import { badRequest, forbidden, notFound } from '#shared/errors';
import { findTenant } from '#shared/tenancy';
import type { Caller } from '#shared/auth';
import { mayActFor } from './access';
import { backs } from './booking';
import type { MeetingDeps } from './deps';
import { buildCalendar, type IcsEvent } from './ics';
import type { EffectiveOccurrence } from './occurrences';
import type { Meeting, OccurrenceView } from './schemas';
import { keys, type Row } from './store';
import { MEETING_TEXT as T } from './text';
import { DAY_MS, parseInstant, weekOf } from './time';
import { weekSchedule, type WeekItem } from './week';

/** A window longer than this is refused: a calendar view, not an export. */
const MAX_WINDOW_MS = 400 * DAY_MS;

const partitionOf = (tenant: string, filter: { point?: string; unit?: string }) =>
  filter.point ? keys.busy(tenant, filter.point) : filter.unit ? keys.unit(tenant, filter.unit) : keys.calendar(tenant);

/** Rows of a partition that can overlap [from, to): a meeting lasts at most a day, so those starting after from − 24 h. */
async function rowsIn(deps: MeetingDeps, pk: string, from: Date, to: Date, page?: { limit: number; cursor?: string }) {
  return deps.store.rows(pk, new Date(from.getTime() - DAY_MS).toISOString(), to.toISOString(), page);
}

/** The rows still backed by their meetings and overlapping the window, with what they stand for. */
async function backed(deps: MeetingDeps, tenant: string, rows: Row[], from: Date, to: Date, point?: string) {
  const meetings = await deps.store.getMeetings(tenant, rows.map((r) => r.meetingId));
  return rows.flatMap((row) => {
    const m = meetings.get(row.meetingId);
    const o = backs(m, row, point);
    return o && o.start < to && o.end > from ? [{ meeting: m!, occurrence: o }] : [];
  });
}

const view = (m: Meeting, o: EffectiveOccurrence): OccurrenceView => ({
  meetingId: m.id, occurrence: o.key, title: m.title, chairUnit: m.chairUnit, chairPerson: m.chairPerson, hostPoint: m.hostPoint,
  points: o.points, start: toVietnamIso(o.start), end: toVietnamIso(o.end), recurring: !!m.recurrence,
});

function window(fromText: string, toText: string): { from: Date; to: Date } {
  const from = parseInstant(fromText);
  const to = parseInstant(toText);
  if (to <= from) throw badRequest('END_BEFORE_START', T.endBeforeStart.vi, T.endBeforeStart.en);
  if (to.getTime() - from.getTime() > MAX_WINDOW_MS) throw badRequest('WINDOW_TOO_LONG', 'Khoảng thời gian xem tối đa 400 ngày.', 'A window is at most 400 days.');
  return { from, to };
}

export async function listOccurrences(deps: MeetingDeps, tenant: string, q: { from: string; to: string; point?: string; unit?: string; limit: number; cursor?: string }) {
  const { from, to } = window(q.from, q.to);
  const { rows, cursor } = await rowsIn(deps, partitionOf(tenant, q), from, to, { limit: q.limit, cursor: q.cursor });
  const items = (await backed(deps, tenant, rows, from, to, q.point)).map(({ meeting, occurrence }) => view(meeting, occurrence));
  return { items, ...(cursor ? { cursor } : {}) };
}

// ---- the weekly work schedule (lịch công tác tuần)

export async function weekOfMeetings(deps: MeetingDeps, tenant: string, date: string, unit?: string) {
  const week = weekOf(date);
  const { rows } = await rowsIn(deps, partitionOf(tenant, { unit }), week.from, week.to);
  const found = await backed(deps, tenant, rows, week.from, week.to);
  const unitNames = new Map<string, string>();
  const pointNames = new Map<string, string>();
  for (const { meeting } of found) {
    if (!unitNames.has(meeting.chairUnit)) unitNames.set(meeting.chairUnit, (await deps.directory.unit(tenant, meeting.chairUnit))?.name ?? meeting.chairUnit);
    if (!pointNames.has(meeting.hostPoint)) pointNames.set(meeting.hostPoint, (await deps.store.getPoint(tenant, meeting.hostPoint))?.name ?? meeting.hostPoint);
  }
  const items: WeekItem[] = found.map(({ meeting: m, occurrence: o }) => ({
    meetingId: m.id, occurrence: o.key, title: m.title, start: o.start, end: o.end, chairPerson: m.chairPerson,
    chairUnitName: unitNames.get(m.chairUnit)!, location: pointNames.get(m.hostPoint)!, points: o.points.length,
  }));
  return weekSchedule({ week, items });
}

export function weekJson(schedule: ReturnType<typeof weekSchedule>) {
  const item = (i: WeekItem) => ({ ...i, start: toVietnamIso(i.start), end: toVietnamIso(i.end) });
  return { ...schedule, days: schedule.days.map((d) => ({ ...d, morning: d.morning.map(item), afternoon: d.afternoon.map(item), evening: d.evening.map(item) })) };
}

// ---- calendar feeds

/** `unit:<code>` or `point:<id>`: whose meetings a feed shows. */
const ownerOf = (o: { unit?: string; point?: string }) => (o.unit ? `unit:${o.unit}` : `point:${o.point}`);
const feedUrl = (tenant: string, token: string) => `/v1/${tenant}/ical/${token}.ics`;

async function requireFeedOwner(deps: MeetingDeps, tenant: string, caller: Caller, o: { unit?: string; point?: string }): Promise<void> {
  let unit = o.unit;
  if (o.point) {
    const point = await deps.store.getPoint(tenant, o.point);
    if (!point) throw notFound('POINT_NOT_FOUND', T.pointNotFound.vi, T.pointNotFound.en);
    unit = point.unit;
  } else if (!(await deps.directory.unit(tenant, unit!))) {
    throw notFound('UNIT_NOT_FOUND', T.unitUnknown.vi, T.unitUnknown.en);
  }
  if (!mayActFor(caller, unit!)) throw forbidden('NOT_YOUR_UNIT', T.notYourUnit.vi, T.notYourUnit.en);
}

export async function getFeed(deps: MeetingDeps, tenant: string, caller: Caller, o: { unit?: string; point?: string }) {
  await requireFeedOwner(deps, tenant, caller, o);
  const feed = await deps.store.getFeed(tenant, ownerOf(o));
  if (!feed) throw notFound('FEED_NOT_FOUND', T.feedNotFound.vi, T.feedNotFound.en);
  return { owner: ownerOf(o), url: feedUrl(tenant, feed.token), createdAt: feed.createdAt };
}

/** A new secret link for the feed; the old link stops working at once. */
export async function rotateFeed(deps: MeetingDeps, tenant: string, caller: Caller, o: { unit?: string; point?: string }) {
  await requireFeedOwner(deps, tenant, caller, o);
  const owner = ownerOf(o);
  const old = await deps.store.getFeed(tenant, owner);
  const token = randomBytes(24).toString('base64url');
  const createdAt = toVietnamIso(deps.clock());
  await deps.store.rotateFeed(tenant, owner, token, createdAt, old?.token);
  return { owner, url: feedUrl(tenant, token), createdAt };
}

/** The feed's calendar: the owner's occurrences from 30 days ago to a year ahead, each a VEVENT of its own. */
export async function feedCalendar(deps: MeetingDeps, tenant: string, tokenWithSuffix: string): Promise<string> {
  const token = tokenWithSuffix.replace(/\.ics$/, '');
  const owner = await deps.store.feedOwner(tenant, token);
  if (!owner) throw notFound('FEED_NOT_FOUND', T.feedNotFound.vi, T.feedNotFound.en);
  const [kind, id] = owner.split(/:(.*)/s) as [string, string];
  const filter = kind === 'point' ? { point: id } : { unit: id };
  const now = deps.clock();
  const from = new Date(now.getTime() - 30 * DAY_MS);
  const to = new Date(now.getTime() + 365 * DAY_MS);
  const { rows } = await rowsIn(deps, partitionOf(tenant, filter), from, to);
  const found = await backed(deps, tenant, rows, from, to, filter.point);
  const domain = findTenant(tenant)?.domain ?? `${tenant}.gov.vn`;
  const events: IcsEvent[] = found.map(({ meeting: m, occurrence: o }) => ({
    uid: `${m.id}-${o.key}@${domain}`, sequence: m.sequence, start: o.start, end: o.end, stamp: new Date(m.updatedAt),
    summary: m.title, description: [m.agenda, `Chủ trì: ${m.chairPerson}`].filter(Boolean).join('\n'),
  }));
  const name = kind === 'point' ? (await deps.store.getPoint(tenant, id))?.name : (await deps.directory.unit(tenant, id))?.name;
  return buildCalendar({ method: 'PUBLISH', name: `Lịch họp — ${name ?? id}`, events });
}

