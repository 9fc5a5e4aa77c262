// The daily reminder (07:00 Vietnam): each overdue task's assignee unit's officials and its assigner hear of it by
// mail, once per task and day (the outbox request's id carries the date, so a rerun sends nothing twice).
import type { ScheduledEvent } from 'aws-lambda';
import { formatVietnamDateTime, toVietnamIso } from '#shared/clock';
import { observability } from '#shared/http/observability';
import { findTenant } from '#shared/tenancy';
import type { DocumentDeps } from './deps';
import { overdueTasks } from './tasks';
import { documentsFromEnv } from './wiring';

const { logger } = observability('documents-task-reminders');

export async function remindOverdue(deps: DocumentDeps, tenant: string, now: Date): Promise<number> {
  const today = toVietnamIso(now).slice(0, 10);
  let sent = 0;
  for (const task of await overdueTasks(deps, tenant, today)) {
    const a = task.assignment;
    const unitPeople = a.unit ? await deps.directory.members(tenant, a.unit, ['leader', 'officer', 'clerk']) : [];
    const to = [...new Map(unitPeople.map((p) => [p.email, { address: p.email, name: p.name }])).values()].slice(0, 50);
    if (!to.length) continue;
    const ok = await deps.store.write([deps.outbox.item({
      id: `documents.task.${task.id}.overdue.${today}`, tenant,
      from: { local: 'vanthu', name: 'Văn thư điện tử' }, to,
      subject: `Nhiệm vụ quá hạn: ${task.numberSymbol} (hạn ${task.deadline.split('-').reverse().join('/')})`,
      text: [
        `Nhiệm vụ xử lý văn bản ${task.numberSymbol} "${task.subject}" đã quá hạn ${task.deadline.split('-').reverse().join('/')}.`,
        `Người giao: ${a.by.name ?? a.by.id}. Nhắc lúc ${formatVietnamDateTime(now)}.`,
        '', `Overdue task: document ${task.numberSymbol}, due ${task.deadline}.`,
      ].join('\n'),
      origin: { service: 'documents', reference: task.id }, createdAt: toVietnamIso(now),
    })]);
    if (ok) sent += 1;
  }
  return sent;
}

let deps: DocumentDeps | undefined;

export async function handler(event: ScheduledEvent): Promise<{ sent: number }> {
  deps ??= documentsFromEnv();
  const now = event.time ? new Date(event.time) : new Date();
  const tenants = JSON.parse(process.env.TENANTS ?? '[]') as { id: string }[];
  let sent = 0;
  for (const t of tenants) if (findTenant(t.id)) sent += await remindOverdue(deps, t.id, now);
  logger.info('overdue task reminders', { sent });
  return { sent };
}
