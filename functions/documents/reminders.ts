// The daily reminder (07:00 Vietnam): each overdue task's assignee (the official it was given to, or the officials of
// the unit it was given to) and whoever assigned it hear of it by mail, once per task and day: the outbox request's id
// carries the date, so a rerun the same day sends nothing twice.
import type { ScheduledEvent } from 'aws-lambda';
import { formatVietnamDateTime, toVietnamIso } from '#shared/clock';
import { observability } from '#shared/http/observability';
import { recipientBatches, type MailRequest } from '#shared/outbox';
import { findTenant } from '#shared/tenancy';
import type { DocumentDeps } from './deps';
import { overdueTasks } from './tasks';
import { documentsFromEnv } from './wiring';
import { withConsumption } from '#shared/with-consumption';

const { logger } = observability('documents-task-reminders');

/** Who works on a task given to a unit. */
const UNIT_ROLES = ['leader', 'officer', 'clerk'] as const;

type Task = Awaited<ReturnType<typeof overdueTasks>>[number];

/**
 * Who hears of a task: the assignee's addresses first, then the assigner's; each address once, disabled accounts left
 * out. Also the assigner's name as the directory has it (the assignment may carry only their id: ID tokens may have no name).
 */
async function recipients(deps: DocumentDeps, tenant: string, a: Task['assignment']): Promise<{ to: MailRequest['to']; assignerName: string }> {
  const assigner = await deps.directory.official(tenant, a.by.id);
  const assignee = a.userId ? await deps.directory.official(tenant, a.userId) : undefined;
  const people = [
    ...(assignee?.enabled ? [assignee] : []),
    ...(a.unit ? await deps.directory.members(tenant, a.unit, UNIT_ROLES) : []),
    ...(assigner?.enabled ? [assigner] : []),
  ];
  const to = [...new Map(people.map((p) => [p.email.toLowerCase(), { address: p.email, name: p.name }])).values()];
  return { to, assignerName: a.by.name ?? assigner?.name ?? a.by.id };
}

const vietnamDate = (date: string) => date.split('-').reverse().join('/');

export async function remindOverdue(deps: DocumentDeps, tenant: string, now: Date): Promise<number> {
  const today = toVietnamIso(now).slice(0, 10);
  let sent = 0;
  for (const task of await overdueTasks(deps, tenant, today)) {
    const a = task.assignment;
    const { to, assignerName } = await recipients(deps, tenant, a);
    if (!to.length) continue;
    // A large unit's reminder is several requests, written together.
    const ok = await deps.store.write(recipientBatches(to).map((chunk, i) => deps.outbox.item({
      id: `documents.task.${task.id}.overdue.${today}${i ? `.${i + 1}` : ''}`, tenant,
      from: { local: 'vanthu', name: 'Văn thư điện tử' }, to: chunk,
      subject: `Nhiệm vụ quá hạn: văn bản ${task.numberSymbol} (hạn ${vietnamDate(task.deadline)})`,
      text: [
        `Nhiệm vụ xử lý văn bản ${task.numberSymbol} "${task.subject}" đã quá hạn ${vietnamDate(task.deadline)}.`,
        `Người giao: ${assignerName}. Nhắc lúc ${formatVietnamDateTime(now)}.`,
        '', `Overdue task: document ${task.numberSymbol}, due ${task.deadline}.`,
      ].join('\n'),
      origin: { service: 'documents', reference: task.id }, createdAt: toVietnamIso(now),
    })));
    if (ok) sent += 1;
  }
  return sent;
}

let deps: DocumentDeps | undefined;

// Counted in the tenant's consumption (shared/with-consumption.ts).
export const handler = withConsumption(handle);
async function handle(event: ScheduledEvent): Promise<{ sent: number }> {
  deps ??= documentsFromEnv();
  const now = event.time ? new Date(event.time) : new Date();
  const tenants = JSON.parse(process.env.TENANTS ?? '[]') as { id: string }[];
  let sent = 0;
  for (const t of tenants) if (findTenant(t.id)) sent += await remindOverdue(deps, t.id, now);
  logger.info('overdue task reminders', { sent });
  return { sent };
}
