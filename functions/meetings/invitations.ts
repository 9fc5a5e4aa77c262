// Invitations (giấy mời họp) to every participating unit: a Vietnamese mail with an iCalendar attachment that any
// calendar understands. One stable UID per meeting; SEQUENCE rises with every change; METHOD:CANCEL cancels the
// series or one occurrence (RECURRENCE-ID). Sent through the mail outbox in the same transaction as the change.
import { formatVietnamDateTime } from '#shared/clock';
import { findTenant } from '#shared/tenancy';
import { recipientBatches, type MailRequest } from '#shared/outbox';
import type { MeetingDeps } from './deps';
import { buildCalendar, type IcsEvent, type IcsPerson } from './ics';
import { occurrencesOf, seriesOccurrences } from './occurrences';
import type { Meeting } from './schemas';

/** Who reads a unit's mail when the unit has no mailbox of its own. */
const UNIT_READERS = ['leader', 'clerk', 'officer', 'tenant-admin'] as const;

/** The chairing unit and the unit of every point in any occurrence, the chair first. */
export function participatingUnits(m: Meeting, pointUnits: ReadonlyMap<string, string>): string[] {
  const points = [...m.points, ...Object.values(m.exceptions).flatMap((e) => e.points ?? [])];
  return [...new Set([m.chairUnit, ...points.map((p) => pointUnits.get(p)).filter((u): u is string => !!u)])];
}

/** The unit of every connection point of the tenant (read once per request or job run, not per meeting). */
export const pointUnitsOf = async (deps: MeetingDeps, tenant: string): Promise<Map<string, string>> =>
  new Map((await deps.store.listPoints(tenant)).map((p) => [p.id, p.unit]));

/** Everyone a meeting's notices go to: each participating unit's mailbox, or its staff when it has none. */
export const invitationRecipients = (deps: MeetingDeps, tenant: string, m: Meeting, pointUnits: ReadonlyMap<string, string>) =>
  recipients(deps, tenant, participatingUnits(m, pointUnits));

async function recipients(deps: MeetingDeps, tenant: string, units: string[]): Promise<IcsPerson[]> {
  const found = await Promise.all(units.map(async (code) => {
    const unit = await deps.directory.unit(tenant, code);
    if (unit?.email) return [{ name: unit.name, email: unit.email }];
    return (await deps.directory.members(tenant, code, UNIT_READERS)).map((m) => ({ name: m.name, email: m.email }));
  }));
  const byAddress = new Map(found.flat().map((p) => [p.email.toLowerCase(), p]));
  return [...byAddress.values()];
}

/** The iCalendar events of a meeting: the series (RRULE, EXDATE for cancelled occurrences) and each moved occurrence. */
export function calendarEvents(m: Meeting, base: Omit<IcsEvent, 'uid' | 'sequence' | 'start' | 'end' | 'stamp'>, uidDomain: string, stamp: Date): IcsEvent[] {
  const uid = `${m.id}@${uidDomain}`;
  const series = seriesOccurrences(m);
  const effective = new Map(occurrencesOf({ ...m, status: 'scheduled' }).map((o) => [o.key, o]));
  const exdates = series.filter((o) => !effective.has(o.key)).map((o) => o.start);
  const main: IcsEvent = {
    ...base, uid, sequence: m.sequence, start: new Date(m.start), end: new Date(m.end), stamp,
    ...(m.recurrence ? { rrule: m.recurrence } : {}), ...(exdates.length ? { exdates } : {}),
  };
  const moved = series.flatMap((o) => {
    const now = effective.get(o.key);
    if (!now || (now.start.getTime() === o.start.getTime() && now.end.getTime() === o.end.getTime())) return [];
    return [{ ...base, uid, sequence: m.sequence, start: now.start, end: now.end, stamp, recurrenceId: o.start }];
  });
  return m.recurrence ? [main, ...moved] : [{ ...main, ...(moved[0] ? { start: moved[0].start, end: moved[0].end } : {}) }];
}

export interface InvitationInput {
  meeting: Meeting;
  pointUnits: ReadonlyMap<string, string>;
  kind: 'request' | 'cancel';
  /** A cancelled occurrence (its key); the whole series when absent. */
  occurrence?: string;
  /** Only these units (e.g. those a change removed); every participating unit when absent. */
  units?: string[];
}

export async function invitationMails(deps: MeetingDeps, tenant: string, input: InvitationInput): Promise<MailRequest[]> {
  const { meeting: m, kind } = input;
  const t = findTenant(tenant);
  const domain = t?.domain ?? `${tenant}.gov.vn`;
  const to = await recipients(deps, tenant, input.units ?? participatingUnits(m, input.pointUnits));
  if (!to.length) return [];
  const chair = await deps.directory.unit(tenant, m.chairUnit);
  const host = await deps.store.getPoint(tenant, m.hostPoint);
  const organizer = { name: chair?.name ?? m.chairUnit, email: chair?.email ?? `hop@${domain}` };
  const now = deps.clock();
  const description = [m.agenda ? `Nội dung: ${m.agenda}` : '', `Chủ trì: ${m.chairPerson}`].filter(Boolean).join('\n');
  const base = { summary: m.title, description, location: host?.name ?? m.hostPoint, organizer, attendees: to };
  let events: IcsEvent[];
  let subject: string;
  let lead: string;
  if (kind === 'cancel' && input.occurrence) {
    const original = seriesOccurrences(m).find((o) => o.key === input.occurrence)!;
    events = [{ ...base, uid: `${m.id}@${domain}`, sequence: m.sequence, start: original.start, end: original.end, stamp: now, recurrenceId: original.start, status: 'CANCELLED' }];
    subject = `Hủy buổi họp ${formatVietnamDateTime(original.start)}: ${m.title}`;
    lead = `Buổi họp lúc ${formatVietnamDateTime(original.start)} của cuộc họp "${m.title}" đã bị hủy.${m.cancelReason ? ` Lý do: ${m.cancelReason}` : ''}`;
  } else if (kind === 'cancel') {
    events = calendarEvents(m, base, domain, now).slice(0, 1).map((e) => ({ ...e, status: 'CANCELLED' as const }));
    subject = `Hủy cuộc họp: ${m.title}`;
    lead = `Cuộc họp "${m.title}" đã bị hủy${m.status === 'cancelled' && m.cancelReason ? `. Lý do: ${m.cancelReason}` : ''}.`;
  } else {
    events = calendarEvents(m, base, domain, now);
    subject = `${m.sequence ? 'Thay đổi lịch họp' : 'Giấy mời họp'}: ${m.title}`;
    const upcoming = occurrencesOf(m).slice(0, 5).map((o) => `  - ${formatVietnamDateTime(o.start)} – ${formatVietnamDateTime(o.end)}`);
    lead = `Trân trọng kính mời đơn vị tham dự cuộc họp trực tuyến "${m.title}".\nThời gian:\n${upcoming.join('\n')}${m.recurrence ? '\n  (họp định kỳ, xem tệp lịch đính kèm)' : ''}\nĐiểm cầu chính: ${base.location}`;
  }
  const method = kind === 'cancel' ? 'CANCEL' : 'REQUEST';
  const ics = buildCalendar({ method, events });
  const text = `${lead}\n${description}\n\nTệp lịch đính kèm (invite.ics) mở được bằng mọi ứng dụng lịch.\n\n— Hội nghị truyền hình, ${t?.name ?? tenant}\n`;
  const scope = input.units ? '.removed' : '';
  return recipientBatches(to).map((chunk, i) => ({
    id: `meetings.${m.id}.s${m.sequence}.${kind}${input.occurrence ? `.${input.occurrence}` : ''}${scope}.${i}`,
    tenant,
    from: { local: 'hop', name: `Hội nghị truyền hình ${t?.name ?? ''}`.trim() },
    to: chunk.map((p) => ({ address: p.email, name: p.name })),
    subject,
    text,
    attachments: [{ fileName: 'invite.ics', contentType: `text/calendar; method=${method}`, text: ics }],
    origin: { service: 'meetings', reference: m.id },
    createdAt: now.toISOString(),
  }));
}
