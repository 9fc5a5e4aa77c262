// Booking connection points without double bookings. A point is never in two meetings at once, across every
// occurrence of every series; back-to-back is allowed (intervals are half-open).
//
// How two officials booking the same point at the same moment end in one booking: each booking first takes a lease
// on every point it newly occupies (one transaction: all or none), checks the occupancy of only the windows it
// needs, writes its index rows, and commits the meeting item in a transaction that also gives the leases back on
// the condition that it still holds them. A booking that cannot get a lease waits for it, then checks again and
// sees the winner. The meeting item is the truth: an index row it does not back (a crashed booking's, or an old
// time after a reschedule) is ignored by every reader and deleted when found.
import { randomUUID } from 'node:crypto';
import { AppError, badRequest, conflict } from '#shared/errors';
import { toVietnamIso } from '#shared/clock';
import { mapLimit } from '#shared/pool';
import type { QuotaMeter } from '#shared/quota';
import { occurrencesOf, type EffectiveOccurrence } from './occurrences';
import { meetingUsageDelta } from './quota';
import { overlaps } from './recurrence';
import type { Meeting } from './schemas';
import { keys, type MeetingsStore, type Row, type TransactItem } from './store';
import { MEETING_TEXT as T } from './text';
import { DAY_MS } from './time';

/** Longer than the function's timeout: a lease outlives the booking that took it only if that booking died. */
export const LEASE_SECONDS = 60;
/** How long a booking waits for points another booking holds before answering 503. */
const LEASE_WAIT_MS = 20_000;
/** A meeting lasts at most a day, so a point's occupancy that can overlap [start, end) starts after start − 24 h. */
const MAX_DURATION_MS = DAY_MS;
const REMINDERS = [{ kind: '24h', beforeMs: DAY_MS }, { kind: '30m', beforeMs: 30 * 60_000 }];

export interface BookingDeps {
  store: MeetingsStore;
  clock: () => Date;
  /** The tenant's monthly meeting-hours quota (quota.ts); absent in-process (the bench), where nothing is counted. */
  quota?: QuotaMeter;
}

export interface Booking {
  tenant: string;
  /** The meeting as stored now; absent for a new one. */
  before?: Meeting;
  after: Meeting;
  /** The unit of every point in `after` (each point's rows also go into its unit's calendar). */
  pointUnits: ReadonlyMap<string, string>;
  /** Written in the commit transaction: invitations in the mail outbox, claimed uploads. */
  extra?: TransactItem[];
}

export interface Collision {
  point: string;
  meetings: { meetingId: string; title: string; occurrence: string; start: string; end: string }[];
}

const stamp = (d: Date) => d.toISOString();
const rowSk = (o: EffectiveOccurrence, id: string) => `${stamp(o.start)}#${id}#${o.key}`;

/** Every index row of a meeting: occupancy per point, calendar per unit and for the tenant, reminders still ahead. */
export function rowsOf(tenant: string, m: Meeting, pointUnits: ReadonlyMap<string, string>, now: Date): Row[] {
  const rows: Row[] = [];
  for (const o of occurrencesOf(m)) {
    const base = { meetingId: m.id, occurrence: o.key, start: stamp(o.start), end: stamp(o.end) };
    const sk = rowSk(o, m.id);
    const units = new Set([m.chairUnit, ...o.points.map((p) => pointUnits.get(p)).filter((u): u is string => !!u)]);
    rows.push({ pk: keys.calendar(tenant), sk, ...base });
    for (const p of o.points) rows.push({ pk: keys.busy(tenant, p), sk, ...base });
    for (const u of units) rows.push({ pk: keys.unit(tenant, u), sk, ...base });
    for (const r of REMINDERS) {
      const due = new Date(o.start.getTime() - r.beforeMs);
      if (due > now) rows.push({ pk: keys.remind(tenant), sk: `${stamp(due)}#${m.id}#${o.key}#${r.kind}`, ...base, remind: r.kind });
    }
  }
  return rows;
}

const rowId = (r: Pick<Row, 'pk' | 'sk'>) => `${r.pk}\n${r.sk}`;

/** Whether the meeting (as now stored) still backs this row: same occurrence, same start, point still in it. */
export function backs(m: Meeting | undefined, row: Row, point?: string): EffectiveOccurrence | undefined {
  if (!m) return undefined;
  const o = occurrencesOf(m).find((x) => x.key === row.occurrence);
  if (!o || stamp(o.start) !== row.start || stamp(o.end) !== row.end) return undefined;
  if (point && !o.points.includes(point)) return undefined;
  return o;
}

/** The points each occurrence of `after` newly occupies: all of them, but those an unchanged occurrence already had. */
function newlyOccupied(before: Meeting | undefined, after: Meeting): { occurrence: EffectiveOccurrence; points: string[] }[] {
  const old = new Map((before ? occurrencesOf(before) : []).map((o) => [o.key, o]));
  return occurrencesOf(after).flatMap((o) => {
    const was = old.get(o.key);
    const points = was && was.start.getTime() === o.start.getTime() && was.end.getTime() === o.end.getTime()
      ? o.points.filter((p) => !was.points.includes(p))
      : o.points;
    return points.length ? [{ occurrence: o, points }] : [];
  });
}

/** The other meetings' occurrences on these points that overlap the wanted occurrences (reads only their windows). */
export async function collisions(deps: BookingDeps, tenant: string, meetingId: string, wanted: { occurrence: EffectiveOccurrence; points: string[] }[]): Promise<Collision[]> {
  const probes = wanted.flatMap(({ occurrence, points }) => points.map((point) => ({ occurrence, point })));
  const found = await mapLimit(probes, 16, async ({ occurrence, point }) => {
    const from = stamp(new Date(occurrence.start.getTime() - MAX_DURATION_MS));
    // The upper bound `end` itself sorts before `end#…`: a meeting starting exactly at our end is not read.
    const { rows } = await deps.store.rows(keys.busy(tenant, point), from, stamp(occurrence.end));
    return rows.filter((r) => r.meetingId !== meetingId && r.end > stamp(occurrence.start)).map((row) => ({ row, point, occurrence }));
  });
  const candidates = found.flat();
  if (!candidates.length) return [];
  const meetings = await deps.store.getMeetings(tenant, candidates.map((c) => c.row.meetingId));
  const byPoint = new Map<string, Collision>();
  for (const { row, point, occurrence } of candidates) {
    const m = meetings.get(row.meetingId);
    const theirs = backs(m, row, point);
    if (!theirs || !overlaps(theirs, occurrence)) continue;
    const entry = byPoint.get(point) ?? { point, meetings: [] };
    if (!entry.meetings.some((x) => x.meetingId === m!.id && x.occurrence === theirs.key)) {
      entry.meetings.push({ meetingId: m!.id, title: m!.title, occurrence: theirs.key, start: toVietnamIso(theirs.start), end: toVietnamIso(theirs.end) });
    }
    byPoint.set(point, entry);
  }
  return [...byPoint.values()].sort((a, b) => a.point.localeCompare(b.point));
}

async function takeLeases(deps: BookingDeps, tenant: string, points: string[], token: string): Promise<void> {
  if (!points.length) return;
  const deadline = Date.now() + LEASE_WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    if (await deps.store.acquireLeases(tenant, points, token, deps.clock(), LEASE_SECONDS)) return;
    if (Date.now() > deadline) throw new AppError(503, 'POINTS_LOCKED', T.pointsLocked.vi, T.pointsLocked.en);
    // Jittered backoff: racing bookings spread out instead of retrying in lockstep.
    await new Promise((r) => setTimeout(r, Math.min(400, 20 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random())));
  }
}

/**
 * Books `after` (a new meeting, or a change of `before`): 409 POINT_BUSY listing each point and the meetings it
 * collides with, 409 VERSION_CONFLICT when the meeting changed meanwhile, else it is stored with its rows.
 */
export async function book(deps: BookingDeps, b: Booking): Promise<void> {
  const { tenant, before, after } = b;
  const wanted = newlyOccupied(before, after);
  const leased = [...new Set(wanted.flatMap((w) => w.points))].sort();
  // Counted before any lease is taken: a booking bigger than the whole quota is refused without touching a point.
  const counters = await quotaItems(deps, tenant, before, after);
  // One DynamoDB transaction holds at most 100 items: the meeting, a lease per point, the invitations, the uploads,
  // a quota counter per month.
  if (1 + leased.length + (b.extra?.length ?? 0) + counters.length > 100) throw badRequest('TOO_MANY_PARTICIPANTS', T.tooManyPoints.vi, T.tooManyPoints.en);
  const token = randomUUID();
  await takeLeases(deps, tenant, leased, token);
  const now = deps.clock();
  const oldRows = before ? rowsOf(tenant, before, b.pointUnits, now) : [];
  const newRows = rowsOf(tenant, after, b.pointUnits, now);
  const oldIds = new Set(oldRows.map(rowId));
  const newIds = new Set(newRows.map(rowId));
  const added = newRows.filter((r) => !oldIds.has(rowId(r)));
  let committed = false;
  let rowsWritten = false;
  try {
    const busy = await collisions(deps, tenant, after.id, wanted);
    if (busy.length) throw conflict('POINT_BUSY', T.pointBusy.vi, T.pointBusy.en, { points: busy });
    rowsWritten = true; // from here on, some rows may be written: a failure removes them
    await deps.store.putRows(added);
    try {
      await deps.store.transact([
        deps.store.meetingItem(tenant, after, before?.version),
        ...leased.map((p) => deps.store.releaseItem(tenant, p, token)),
        ...(b.extra ?? []),
        ...counters,
      ]);
    } catch (err) {
      throw commitError(err, leased.length);
    }
    committed = true;
  } finally {
    if (!committed) {
      await deps.store.releaseLeases(tenant, leased, token);
      if (rowsWritten) await deps.store.deleteRows(added).catch(() => undefined); // unbacked rows are ignored anyway
    }
  }
  // Rows of occurrences that moved or lost points: no longer backed, so only tidiness depends on this.
  await deps.store.deleteRows(oldRows.filter((r) => !newIds.has(rowId(r)))).catch(() => undefined);
}

/** The quota counter items of a booking, one per month it changes (quota.ts says how hours are counted). */
async function quotaItems(deps: BookingDeps, tenant: string, before: Meeting | undefined, after: Meeting): Promise<TransactItem[]> {
  if (!deps.quota) return [];
  const items: TransactItem[] = [];
  for (const [month, units] of meetingUsageDelta(before, after, deps.clock())) {
    const item = await deps.quota.charge(tenant, 'meetingHours', units, month);
    if (item) items.push(item);
  }
  return items;
}

/** Which condition of the commit failed: the meeting's version (first item) or a lease (taken over meanwhile). */
function commitError(err: unknown, leases: number): unknown {
  if ((err as Error).name !== 'TransactionCanceledException') return err;
  const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  if (reasons[0]?.Code === 'ConditionalCheckFailed') return conflict('VERSION_CONFLICT', T.versionConflict.vi, T.versionConflict.en);
  if (reasons.slice(1, 1 + leases).some((r) => r.Code === 'ConditionalCheckFailed')) {
    return new AppError(503, 'POINTS_LOCKED', T.pointsLocked.vi, T.pointsLocked.en);
  }
  if (reasons.slice(1 + leases).some((r) => r.Code === 'ConditionalCheckFailed')) return conflict('ALREADY_DONE', T.alreadyDone.vi, T.alreadyDone.en);
  return err;
}
