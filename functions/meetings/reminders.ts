// Reminders 24 hours and 30 minutes before each occurrence (every 5 minutes, from a schedule). Each booking wrote a
// reminder row per occurrence; the job takes the rows now due, checks them against the meeting (a moved or
// cancelled occurrence's row is simply dropped) and, in one transaction, requests the mail and deletes the row.
// A rerun or a concurrent run sends nothing twice: the outbox request's id is the row's.
import type { ScheduledEvent } from 'aws-lambda';
import { formatVietnamDateTime } from '#shared/clock';
import { observability } from '#shared/http/observability';
import { recipientBatches } from '#shared/outbox';
import { findTenant } from '#shared/tenancy';
import { backs } from './booking';
import type { MeetingDeps } from './deps';
import { invitationRecipients, pointUnitsOf } from './invitations';
import { keys } from './store';
import { meetingsFromEnv } from './wiring';
import { withConsumption } from '#shared/with-consumption';

const { logger } = observability('meetings-reminders');

/** Rows due longer ago than this are stale (the job was down): a reminder after the meeting helps nobody. */
const STALE_MS = 6 * 60 * 60_000;

export async function sendReminders(deps: MeetingDeps, tenant: string, now: Date): Promise<number> {
  const { rows } = await deps.store.rows(keys.remind(tenant), new Date(now.getTime() - STALE_MS).toISOString(), `${now.toISOString()}~`);
  const due = rows.filter((r) => r.sk.slice(0, 24) <= now.toISOString());
  const meetings = await deps.store.getMeetings(tenant, due.map((r) => r.meetingId));
  const t = findTenant(tenant);
  const pointUnits = due.length ? await pointUnitsOf(deps, tenant) : new Map<string, string>();
  let sent = 0;
  for (const row of due) {
    const m = meetings.get(row.meetingId);
    const o = backs(m, row);
    const removeRow = { Delete: { TableName: deps.store.table, Key: { pk: row.pk, sk: row.sk } } };
    const to = o ? await invitationRecipients(deps, tenant, m!, pointUnits) : [];
    if (!o || !to.length) {
      await deps.store.deleteRows([row]);
      continue;
    }
    const when = row.remind === '24h' ? 'ngày mai' : 'sau 30 phút nữa';
    try {
      // More than 50 participants: several requests, written with the row's removal (so each is sent once).
      await deps.store.transact([removeRow, ...recipientBatches(to).map((batch, i) => deps.outbox.item({
        id: `meetings.${m!.id}.${o.key}.remind${row.remind}${i ? `.${i + 1}` : ''}`, tenant,
        from: { local: 'hop', name: `Hội nghị truyền hình ${t?.name ?? ''}`.trim() },
        to: batch.map((p) => ({ address: p.email, name: p.name })),
        subject: `Nhắc lịch họp ${when}: ${m!.title} (${formatVietnamDateTime(o.start)})`,
        text: `Cuộc họp "${m!.title}" bắt đầu lúc ${formatVietnamDateTime(o.start)}, kết thúc ${formatVietnamDateTime(o.end)}.\n` +
          `Chủ trì: ${m!.chairPerson}.\nĐường dẫn tham gia của từng điểm cầu: /v1/${tenant}/meetings/${m!.id}/join\n\n` +
          `Reminder: "${m!.title}" starts at ${formatVietnamDateTime(o.start)} (Vietnam time).\n`,
        origin: { service: 'meetings', reference: m!.id }, createdAt: now.toISOString(),
      }))]);
      sent += 1;
    } catch (err) {
      // Another run sent it (the request exists) or took the row: either way it is done once.
      if ((err as Error).name !== 'TransactionCanceledException') throw err;
      await deps.store.deleteRows([row]);
    }
  }
  return sent;
}

let deps: MeetingDeps | undefined;

// Counted in the tenant's consumption (shared/with-consumption.ts).
export const handler = withConsumption(handle);
async function handle(event: ScheduledEvent): Promise<{ sent: number }> {
  deps ??= meetingsFromEnv();
  const now = event.time ? new Date(event.time) : new Date();
  const tenants = JSON.parse(process.env.TENANTS ?? '[]') as { id: string }[];
  let sent = 0;
  for (const tenant of tenants) if (findTenant(tenant.id)) sent += await sendReminders(deps, tenant.id, now);
  logger.info('meeting reminders', { sent });
  return { sent };
}
