// During and after a meeting: each point checks in, each point's staff join by the video provider's link, and
// the chairing unit attaches the minutes or the conclusions notice, which goes to every participating unit.
import type { Caller } from '#shared/auth';
import { formatVietnamDateTime, toVietnamIso } from '#shared/clock';
import { badRequest, conflict, notFound } from '#shared/errors';
import { recipientBatches } from '#shared/outbox';
import { findTenant } from '#shared/tenancy';
import { requireChair, requirePointUnit } from './access';
import type { MeetingDeps } from './deps';
import { invitationRecipients, pointUnitsOf } from './invitations';
import { loadMeeting } from './meetings';
import { occurrencesOf, type EffectiveOccurrence } from './occurrences';
import type { Meeting } from './schemas';
import { MEETING_TEXT as T } from './text';

/** Check-in opens this long before the start; a join link works from then until an hour after the end. */
const EARLY_MS = 30 * 60_000;
const LATE_MS = 60 * 60_000;

/** The occurrence asked for, or the one happening now or next. */
function occurrence(m: Meeting, key: string | undefined, now: Date): EffectiveOccurrence {
  const all = occurrencesOf(m);
  const found = key ? all.find((o) => o.key === key) : all.find((o) => o.end.getTime() > now.getTime());
  if (!found) throw notFound('OCCURRENCE_NOT_FOUND', T.occurrenceNotFound.vi, T.occurrenceNotFound.en);
  return found;
}

export async function meetingDetail(deps: MeetingDeps, tenant: string, id: string) {
  const m = await loadMeeting(deps, tenant, id);
  const attendance = await deps.store.checkIns(tenant, id);
  const files = [...m.documents, ...m.minutes.map((r) => r.file)];
  const downloads = Object.fromEntries(await Promise.all(files.map(async (f) => [f.uploadId, await deps.files.link(f)] as const)));
  return { ...m, attendance, downloads };
}

export async function checkIn(deps: MeetingDeps, tenant: string, caller: Caller, id: string, input: { point: string; occurrence?: string }) {
  const m = await loadMeeting(deps, tenant, id);
  const now = deps.clock();
  const o = occurrence(m, input.occurrence, now);
  if (!o.points.includes(input.point)) throw badRequest('NOT_PARTICIPANT', T.notParticipant.vi, T.notParticipant.en);
  const point = await deps.store.getPoint(tenant, input.point);
  requirePointUnit(caller, point!.unit);
  if (now.getTime() < o.start.getTime() - EARLY_MS || now.getTime() > o.end.getTime()) {
    throw conflict('CHECK_IN_CLOSED', T.checkInWindow.vi, T.checkInWindow.en, { start: toVietnamIso(o.start), end: toVietnamIso(o.end) });
  }
  const record = { occurrence: o.key, point: input.point, at: toVietnamIso(now), by: caller.id, ...(caller.name ? { byName: caller.name } : {}) };
  // The first check-in of a point stands; a second (a retry, a colleague) answers with it.
  if (!(await deps.store.putCheckIn(tenant, id, record))) {
    return (await deps.store.checkIns(tenant, id)).find((a) => a.occurrence === o.key && a.point === input.point)!;
  }
  return record;
}

export async function joinLink(deps: MeetingDeps, tenant: string, caller: Caller, id: string, q: { point: string; occurrence?: string }) {
  const m = await loadMeeting(deps, tenant, id);
  const o = occurrence(m, q.occurrence, deps.clock());
  if (!o.points.includes(q.point)) throw badRequest('NOT_PARTICIPANT', T.notParticipant.vi, T.notParticipant.en);
  const point = await deps.store.getPoint(tenant, q.point);
  requirePointUnit(caller, point!.unit);
  const info = await deps.video.join({
    tenant, room: m.video.room, meetingTitle: m.title, point: { id: point!.id, name: point!.name },
    moderator: q.point === m.hostPoint || caller.unit === m.chairUnit, start: new Date(o.start.getTime() - EARLY_MS), end: new Date(o.end.getTime() + LATE_MS),
  });
  return { provider: deps.video.name, point: q.point, url: info.url, ...(info.expiresAt ? { expiresAt: toVietnamIso(info.expiresAt) } : {}), ...(info.attendee ? { attendee: info.attendee } : {}) };
}

export async function attachMinutes(deps: MeetingDeps, tenant: string, caller: Caller, id: string, input: { kind: 'minutes' | 'conclusions'; uploadId: string; occurrence?: string }) {
  const m = await loadMeeting(deps, tenant, id);
  requireChair(caller, m.chairUnit);
  if (input.occurrence && !occurrencesOf(m).some((o) => o.key === input.occurrence)) throw notFound('OCCURRENCE_NOT_FOUND', T.occurrenceNotFound.vi, T.occurrenceNotFound.en);
  const { file, attach } = await deps.files.claim(tenant, input.uploadId, caller, `meetings/${id}`);
  const now = deps.clock();
  const record = { kind: input.kind, ...(input.occurrence ? { occurrence: input.occurrence } : {}), file, at: toVietnamIso(now), by: caller.id };
  const after: Meeting = { ...m, minutes: [...m.minutes, record], version: m.version + 1, updatedAt: toVietnamIso(now) };
  const t = findTenant(tenant);
  const label = input.kind === 'minutes' ? 'Biên bản cuộc họp' : 'Thông báo kết luận cuộc họp';
  const recipients = (await invitationRecipients(deps, tenant, m, await pointUnitsOf(deps, tenant))).map((p) => ({ address: p.email, name: p.name }));
  const mails = recipientBatches(recipients).map((batch, i) => deps.outbox.item({
    id: `meetings.${m.id}.v${after.version}.minutes.${i}`, tenant,
    from: { local: 'hop', name: `Hội nghị truyền hình ${t?.name ?? ''}`.trim() },
    to: batch,
    subject: `${label}: ${m.title}`,
    text: `${label} "${m.title}"${input.occurrence ? ` (buổi họp ${formatVietnamDateTime(occurrencesOf(m).find((o) => o.key === input.occurrence)!.start)})` : ''} đã được đơn vị chủ trì ban hành.\n` +
      `Tệp: ${file.fileName}\nXem và tải về trong Tỉnh Số: /v1/${tenant}/meetings/${m.id}\n`,
    origin: { service: 'meetings', reference: m.id },
    createdAt: now.toISOString(),
  }));
  try {
    await deps.store.transact([deps.store.meetingItem(tenant, after, m.version), attach, ...mails]);
  } catch (err) {
    if ((err as Error).name === 'TransactionCanceledException') throw conflict('VERSION_CONFLICT', T.versionConflict.vi, T.versionConflict.en);
    throw err;
  }
  return after;
}
