// Task tracking (theo dõi nhiệm vụ): an incoming document assigned with a deadline is a task until it is completed.
// Each unit, official and leader sees theirs as open, due soon (within 3 days) or overdue, by Vietnam dates.
import type { Caller } from '#shared/auth';
import { toVietnamIso } from '#shared/clock';
import { requireUnit } from './access';
import type { DocumentDeps } from './deps';
import type { IncomingDocument } from './schemas';
import { keys } from './store';

export const DUE_SOON_DAYS = 3;

export type TaskState = 'open' | 'due-soon' | 'overdue';

/** The day count between two yyyy-MM-dd dates. */
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export function taskState(deadline: string, today: string): TaskState {
  const left = daysBetween(today, deadline);
  return left < 0 ? 'overdue' : left <= DUE_SOON_DAYS ? 'due-soon' : 'open';
}

const toTask = (i: Record<string, unknown>, today: string) => {
  const assignment = i.assignment as NonNullable<IncomingDocument['assignment']>;
  return {
    id: String(i.id), subject: String(i.subject), numberSymbol: String(i.numberSymbol ?? ''), deadline: assignment.deadline!,
    state: taskState(assignment.deadline!, today), assignment, status: String(i.status),
  };
};

export async function listTasks(deps: DocumentDeps, tenant: string, caller: Caller, q: { scope: 'unit' | 'mine' | 'assigned-by-me'; unit?: string }) {
  const today = toVietnamIso(deps.clock()).slice(0, 10);
  let pk: string;
  let index: string;
  if (q.scope === 'mine') [pk, index] = [keys.tasksPk(tenant, { userId: caller.id }), 'gsi3'];
  else if (q.scope === 'assigned-by-me') [pk, index] = [keys.assignerPk(tenant, caller.id), 'gsi4'];
  else {
    const unit = q.unit ?? caller.unit ?? '';
    await requireUnit(deps, tenant, caller, [unit], ['clerk', 'officer', 'leader']);
    [pk, index] = [keys.tasksPk(tenant, { unit }), 'gsi3'];
  }
  const tasks = (await deps.store.queryAll({ index, pk })).map((i) => toTask(i, today));
  return {
    today,
    open: tasks.filter((t) => t.state === 'open'),
    dueSoon: tasks.filter((t) => t.state === 'due-soon'),
    overdue: tasks.filter((t) => t.state === 'overdue'),
  };
}

/** Every open task whose deadline has passed by `today` (the daily reminder's list). */
export async function overdueTasks(deps: DocumentDeps, tenant: string, today: string) {
  const items = await deps.store.queryAll({ index: 'gsi5', pk: keys.taskDuePk(tenant), to: `${today}#` });
  return items.map((i) => toTask(i, today)).filter((t) => t.state === 'overdue');
}
