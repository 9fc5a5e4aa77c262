// Meetings: book, change and cancel (the series or one occurrence), with invitations to every participating unit.
import { randomUUID } from 'node:crypto';
import type { Caller } from '#shared/auth';
import { toVietnamIso } from '#shared/clock';
import { badRequest, conflict, notFound } from '#shared/errors';
import { requireChair } from './access';
import { book } from './booking';
import type { MeetingDeps } from './deps';
import { invitationMails, participatingUnits } from './invitations';
import { jitsiRoomName } from './jitsi';
import { occurrencesOf, seriesOccurrences } from './occurrences';
import { usablePoints } from './points';
import { formatRecurrence, parseRecurrence } from './recurrence';
import { MAX_POINTS, type CancelMeeting, type ChangeMeeting, type CreateMeeting, type Meeting, type OccurrenceException } from './schemas';
import { MEETING_TEXT as T } from './text';
import { DAY_MS, parseInstant } from './time';

/** A booking may start this much in the past (a clock a little behind, a form submitted at the last minute). */
const PAST_TOLERANCE_MS = 5 * 60_000;

const unique = <V>(values: V[]) => [...new Set(values)];

/** A start and end as stored (+07:00), checked: end after start, at most 24 h, not in the past. */
function interval(deps: MeetingDeps, startText: string, endText: string): { start: string; end: string } {
  const start = parseInstant(startText);
  const end = parseInstant(endText);
  if (end <= start) throw badRequest('END_BEFORE_START', T.endBeforeStart.vi, T.endBeforeStart.en, { start: startText, end: endText });
  if (end.getTime() - start.getTime() > DAY_MS) throw badRequest('MEETING_TOO_LONG', T.tooLong.vi, T.tooLong.en, { start: startText, end: endText });
  if (start.getTime() < deps.clock().getTime() - PAST_TOLERANCE_MS) throw badRequest('START_IN_PAST', T.inPast.vi, T.inPast.en, { start: startText });
  return { start: toVietnamIso(start), end: toVietnamIso(end) };
}

export async function loadMeeting(deps: MeetingDeps, tenant: string, id: string): Promise<Meeting> {
  const m = await deps.store.getMeeting(tenant, id, true);
  if (!m) throw notFound('MEETING_NOT_FOUND', T.meetingNotFound.vi, T.meetingNotFound.en);
  return m;
}

/** The unit of every point the meetings name, in any occurrence. */
async function unitsOfPoints(deps: MeetingDeps, tenant: string, ...meetings: (Meeting | undefined)[]): Promise<Map<string, string>> {
  const ids = unique(meetings.flatMap((m) => (m ? [...m.points, ...Object.values(m.exceptions).flatMap((e) => e.points ?? [])] : [])));
  const points = await Promise.all(ids.map((id) => deps.store.getPoint(tenant, id)));
  return new Map(points.filter((p) => !!p).map((p) => [p!.id, p!.unit]));
}

export async function createMeeting(deps: MeetingDeps, tenant: string, caller: Caller, input: CreateMeeting): Promise<Meeting> {
  requireChair(caller, input.chairUnit);
  if (!(await deps.directory.unit(tenant, input.chairUnit))) throw badRequest('UNIT_UNKNOWN', T.unitUnknown.vi, T.unitUnknown.en, { unit: input.chairUnit });
  const times = interval(deps, input.start, input.end);
  const recurrence = input.recurrence === undefined ? undefined : formatRecurrence(parseRecurrence(input.recurrence));
  seriesOccurrences({ ...times, recurrence }); // refuses a rule without end, too long, or not matching the start
  const pointIds = unique([input.hostPoint, ...input.points]);
  if (pointIds.length > MAX_POINTS) throw badRequest('TOO_MANY_POINTS', T.tooManyPoints.vi, T.tooManyPoints.en);
  const points = await usablePoints(deps, tenant, pointIds);
  const id = randomUUID();
  const files = await Promise.all(unique(input.documents).map((u) => deps.files.claim(tenant, u, caller, `meetings/${id}`)));
  const now = toVietnamIso(deps.clock());
  const meeting: Meeting = {
    id, title: input.title, chairUnit: input.chairUnit, chairPerson: input.chairPerson, hostPoint: input.hostPoint, points: pointIds,
    ...times, ...(input.agenda ? { agenda: input.agenda } : {}), ...(recurrence ? { recurrence } : {}),
    documents: files.map((f) => f.file), exceptions: {}, status: 'scheduled', sequence: 0,
    video: { provider: deps.video.name, room: jitsiRoomName(tenant, id) }, minutes: [],
    createdBy: caller.id, createdAt: now, updatedAt: now, version: 1,
  };
  const pointUnits = new Map([...points.values()].map((p) => [p.id, p.unit]));
  const mails = await invitationMails(deps, tenant, { meeting, pointUnits, kind: 'request' });
  await book(deps, { tenant, after: meeting, pointUnits, extra: [...files.map((f) => f.attach), ...mails.map((m) => deps.outbox.item(m))] });
  return meeting;
}

function requireOpen(m: Meeting, version: number): void {
  if (m.status === 'cancelled') throw conflict('MEETING_CANCELLED', T.cancelled.vi, T.cancelled.en);
  if (m.version !== version) throw conflict('VERSION_CONFLICT', T.versionConflict.vi, T.versionConflict.en);
}

/** The occurrence `key` of the series as it stands (moved or not); 404 when the series has none, 409 when cancelled. */
function occurrenceOf(m: Meeting, key: string) {
  if (!seriesOccurrences(m).some((o) => o.key === key)) throw notFound('OCCURRENCE_NOT_FOUND', T.occurrenceNotFound.vi, T.occurrenceNotFound.en);
  const current = occurrencesOf(m).find((o) => o.key === key);
  if (!current) throw conflict('OCCURRENCE_CANCELLED', T.cancelled.vi, T.cancelled.en);
  return current;
}

function withPoints(current: string[], host: string, add: string[], remove: string[]): string[] {
  if (remove.includes(host)) throw badRequest('HOST_POINT_REQUIRED', T.removeHost.vi, T.removeHost.en);
  const next = unique([...current, ...add]).filter((p) => !remove.includes(p));
  if (next.length > MAX_POINTS) throw badRequest('TOO_MANY_POINTS', T.tooManyPoints.vi, T.tooManyPoints.en);
  return next;
}

export async function changeMeeting(deps: MeetingDeps, tenant: string, caller: Caller, id: string, input: ChangeMeeting): Promise<Meeting> {
  const before = await loadMeeting(deps, tenant, id);
  requireChair(caller, before.chairUnit);
  requireOpen(before, input.version);
  const after: Meeting = structuredClone(before);
  if (input.occurrence) {
    if (input.title !== undefined || input.agenda !== undefined || input.chairPerson !== undefined) {
      throw badRequest('SERIES_ONLY', T.seriesOnly.vi, T.seriesOnly.en, { fields: ['title', 'agenda', 'chairPerson'] });
    }
    const current = occurrenceOf(before, input.occurrence);
    const exception: OccurrenceException = { ...(before.exceptions[input.occurrence] ?? {}) };
    if (input.start !== undefined || input.end !== undefined) {
      Object.assign(exception, interval(deps, input.start ?? current.start.toISOString(), input.end ?? current.end.toISOString()));
    }
    if (input.addPoints.length || input.removePoints.length) exception.points = withPoints(current.points, before.hostPoint, input.addPoints, input.removePoints);
    after.exceptions[input.occurrence] = exception;
  } else {
    if (input.start !== undefined || input.end !== undefined) {
      Object.assign(after, interval(deps, input.start ?? before.start, input.end ?? before.end));
      seriesOccurrences(after);
      // Occurrences are named by their original start: a series moved in time starts again without exceptions.
      if (after.start !== before.start) after.exceptions = {};
    }
    if (input.title !== undefined) after.title = input.title;
    if (input.agenda !== undefined) after.agenda = input.agenda;
    if (input.chairPerson !== undefined) after.chairPerson = input.chairPerson;
    after.points = withPoints(before.points, before.hostPoint, input.addPoints, input.removePoints);
  }
  if (JSON.stringify(after) === JSON.stringify(before)) throw badRequest('NOTHING_TO_CHANGE', T.nothingToChange.vi, T.nothingToChange.en);
  await usablePoints(deps, tenant, unique(input.addPoints), before.points);
  Object.assign(after, { sequence: before.sequence + 1, version: before.version + 1, updatedAt: toVietnamIso(deps.clock()) });
  return commitChange(deps, tenant, before, after);
}

export async function cancelMeeting(deps: MeetingDeps, tenant: string, caller: Caller, id: string, input: CancelMeeting): Promise<Meeting> {
  const before = await loadMeeting(deps, tenant, id);
  requireChair(caller, before.chairUnit);
  requireOpen(before, input.version);
  const after: Meeting = structuredClone(before);
  if (input.occurrence) {
    occurrenceOf(before, input.occurrence);
    after.exceptions[input.occurrence] = { ...(before.exceptions[input.occurrence] ?? {}), cancelled: true };
  } else {
    after.status = 'cancelled';
  }
  after.cancelReason = input.reason;
  Object.assign(after, { sequence: before.sequence + 1, version: before.version + 1, updatedAt: toVietnamIso(deps.clock()) });
  return commitChange(deps, tenant, before, after, input.occurrence);
}

/**
 * Stores a change with its notices: the participants of `after` get the updated invitation (or the cancellation),
 * and units no longer taking part get a cancellation.
 */
async function commitChange(deps: MeetingDeps, tenant: string, before: Meeting, after: Meeting, cancelledOccurrence?: string): Promise<Meeting> {
  const pointUnits = await unitsOfPoints(deps, tenant, before, after);
  const kind = after.status === 'cancelled' || cancelledOccurrence ? 'cancel' : 'request';
  const mails = await invitationMails(deps, tenant, { meeting: after, pointUnits, kind, occurrence: cancelledOccurrence });
  const remaining = participatingUnits(after, pointUnits);
  const dropped = participatingUnits(before, pointUnits).filter((u) => !remaining.includes(u));
  if (dropped.length && kind === 'request') {
    mails.push(...await invitationMails(deps, tenant, { meeting: after, pointUnits, kind: 'cancel', units: dropped }));
  }
  await book(deps, { tenant, before, after, pointUnits, extra: mails.map((m) => deps.outbox.item(m)) });
  return after;
}
