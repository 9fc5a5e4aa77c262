// Dossier statistics for officials: the figures of any past period from the counters (never from the dossiers), and
// the daily report frozen each night by the `dossiers-stats-daily` schedule.
import type { Caller } from '#shared/auth';
import { forbidden, notFound } from '#shared/errors';
import { addDays, figuresOf, zeroTotals, addTotals, vietnamDay, type Day, type GroupBy, type PrefixSums, type Totals } from './model';
import type { DailySnapshot, DossierStats, StatsQuery } from './schemas';
import type { StatsStore } from './store';

const TEXT = {
  otherUnit: { vi: 'Bạn chỉ xem được số liệu của đơn vị mình.', en: 'You can only see your own unit\'s figures.' },
  noSnapshot: { vi: 'Chưa có báo cáo của ngày này.', en: 'There is no report for this day.' },
} as const;

/** Leaders and administrators see the whole province (or the unit they ask for); clerks and officers their own unit. */
function unitFilter(caller: Caller, asked: string | undefined): string | undefined {
  if (caller.roles.some((r) => r === 'leader' || r === 'tenant-admin')) return asked;
  if (!caller.unit || (asked !== undefined && asked !== caller.unit)) throw forbidden('OTHER_UNIT', TEXT.otherUnit.vi, TEXT.otherUnit.en);
  return caller.unit;
}

/** Sums prefix sums by the chosen grouping, keeping only the asked unit's groups. */
function grouped(sums: PrefixSums, groupBy: GroupBy, unit: string | undefined): Map<string, Totals> {
  const out = new Map<string, Totals>();
  for (const { group, totals } of sums.values()) {
    if (unit !== undefined && group.unit !== unit) continue;
    const key = group[groupBy];
    out.set(key, addTotals(out.get(key) ?? zeroTotals(), totals));
  }
  return out;
}

/** The figures of [from, to]: prefix sums at the end of `to` minus those at the end of the day before `from`. */
export async function periodFigures(store: StatsStore, tenant: string, q: { from: Day; to: Day; groupBy: GroupBy; unit?: string }): Promise<DossierStats> {
  const [atEnd, beforeStart] = await store.prefixes(tenant, [q.to, addDays(q.from, -1)]) as [PrefixSums, PrefixSums];
  const end = grouped(atEnd, q.groupBy, q.unit);
  const start = grouped(beforeStart, q.groupBy, q.unit);
  const groups = [...new Set([...end.keys(), ...start.keys()])].sort()
    .map((key) => ({ key, ...figuresOf(end.get(key) ?? zeroTotals(), start.get(key) ?? zeroTotals()) }))
    // Groups with history but nothing in this period or open at its end are left out.
    .filter((g) => g.received || g.finished || g.inProgress || g.withdrawn || g.rated);
  const sum = (m: Map<string, Totals>) => [...m.values()].reduce((a, t) => addTotals(a, t), zeroTotals());
  return {
    from: q.from, to: q.to, groupBy: q.groupBy, timeZone: 'Asia/Ho_Chi_Minh', ...(q.unit ? { unit: q.unit } : {}),
    groups, total: figuresOf(sum(end), sum(start)),
  };
}

export async function dossierStats(store: StatsStore, tenant: string, caller: Caller, q: StatsQuery): Promise<DossierStats> {
  return periodFigures(store, tenant, { ...q, unit: unitFilter(caller, q.unit) });
}

/**
 * The nightly job: yesterday's figures by receiving unit (in Vietnam, from the schedule's time), kept once. Run again
 * for the same day, it keeps the first report: a published daily report does not change afterwards.
 */
export async function takeDailySnapshot(store: StatsStore, tenant: string, time: Date, takenAt: Date): Promise<{ day: Day; created: boolean }> {
  const day = addDays(vietnamDay(time), -1);
  const figures = await periodFigures(store, tenant, { from: day, to: day, groupBy: 'unit' });
  const created = await store.putSnapshot(tenant, day, { ...figures, takenAt: takenAt.toISOString() });
  return { day, created };
}

export async function dailySnapshot(store: StatsStore, tenant: string, caller: Caller, day: Day): Promise<DailySnapshot> {
  const snapshot = await store.getSnapshot(tenant, day) as DailySnapshot | undefined;
  if (!snapshot) throw notFound('STATS_SNAPSHOT_NOT_FOUND', TEXT.noSnapshot.vi, TEXT.noSnapshot.en);
  const unit = unitFilter(caller, undefined);
  if (unit === undefined) return snapshot;
  // A clerk or an officer reads their own unit's line; the province's total is the unit's then.
  const mine = snapshot.groups.filter((g) => g.key === unit);
  const { key: _key, ...total } = mine[0] ?? { key: unit, ...figuresOf(zeroTotals(), zeroTotals()) };
  return { ...snapshot, unit, groups: mine, total };
}
