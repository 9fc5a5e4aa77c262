// Dossier statistics, the pure part (docs/statistics.md): what one dossier contributes to the daily counters, the
// on-time rules of DOMAIN.md, day arithmetic in Asia/Ho_Chi_Minh, and the figures of a period from prefix sums.
import { isOnTime } from '#shared/calendar/index';
import { STATUS } from '../status';

/** A calendar day in Asia/Ho_Chi_Minh, `yyyy-MM-dd`. */
export type Day = string;

/** Every counter is a sum of daily deltas; the figures of a period are differences of prefix sums (see figures()). */
export const MEASURES = ['received', 'onTime', 'late', 'complaints', 'rated', 'withdrawn', 'open', 'overdue'] as const;
export type Measure = (typeof MEASURES)[number];
export type Totals = Record<Measure, number>;

export const zeroTotals = (): Totals => ({ received: 0, onTime: 0, late: 0, complaints: 0, rated: 0, withdrawn: 0, open: 0, overdue: 0 });

/** The finest grouping a counter keeps; the API sums these by unit, procedure or field. */
export interface Group {
  /** The receiving unit (the agency code that prefixes the dossier code): the unit accountable for the dossier. */
  unit: string;
  procedure: string;
  field: string;
}

export const GROUP_BY = ['unit', 'procedure', 'field'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** The key of a group inside a sort key: the field (free text) comes last, so the key stays unique. */
export const groupKey = (g: Group): string => `${g.unit}#${g.procedure}#${g.field}`;

const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** The Vietnamese calendar day of an instant (an ISO string with any offset, or a Date). */
export function vietnamDay(instant: string | Date): Day {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** `day` moved by `n` days (calendar arithmetic, no time zone involved). */
export function addDays(day: Day, n: number): Day {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included (1 for a single day). */
export const daysBetween = (from: Day, to: Day): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

/** What the statistics read of a dossier item (the dossier's own schema is the service's; this is the subset used). */
export interface DossierFacts {
  code: string;
  version: number;
  status: { code: number };
  procedure: { code: string; field: string };
  receivingUnit: string;
  submittedAt: string;
  dueAt?: string;
  originalDueAt?: string;
  finishedAt?: string;
  pauses: { from: string; to?: string }[];
  supplementRequests: number;
  rating?: { score: string };
  history: { at: string; action: string }[];
}

/**
 * The due date an on-time judgement is made against: the due date with the waiting for extra documents already
 * added (the service moves it when the applicant supplements). An extension (apology letter, form 04) gives the
 * applicant a new date but does not make a late dossier on time: the date before the extension counts.
 * undefined: no due date (a procedure without processing time, or not yet accepted).
 */
export function measuringDueAt(d: Pick<DossierFacts, 'dueAt' | 'originalDueAt'>): string | undefined {
  return d.originalDueAt ?? d.dueAt;
}

/** When the second request for extra documents was made: from then on the dossier is late (DOMAIN.md). */
export function secondSupplementRequestAt(d: Pick<DossierFacts, 'history' | 'supplementRequests'>): string | undefined {
  if (d.supplementRequests < 2) return undefined;
  return d.history.filter((h) => h.action === 'request-supplement')[1]?.at;
}

/** On time (đúng hạn): finished at or before its due date, with extra documents requested at most once. */
export function finishedOnTime(d: Pick<DossierFacts, 'finishedAt' | 'dueAt' | 'originalDueAt' | 'supplementRequests'>): boolean {
  if (!d.finishedAt) throw new RangeError('not finished');
  const due = measuringDueAt(d);
  return isOnTime({ finishedAt: new Date(d.finishedAt), dueAt: due ? new Date(due) : undefined, extraDocumentRequests: d.supplementRequests });
}

/**
 * The instant from which an unfinished dossier counts as overdue, if any: its due date passes, or extra documents are
 * asked for a second time, whichever is first. While the applicant is being waited for (an open pause that began
 * before the due date) the clock is stopped: no due date applies until the service moves it when the pause ends.
 */
export function overdueFrom(d: DossierFacts): string | undefined {
  let due = measuringDueAt(d);
  const open = d.pauses.at(-1);
  if (due && open && !open.to && Date.parse(due) >= Date.parse(open.from)) due = undefined;
  const second = secondSupplementRequestAt(d);
  const candidates = [due, second].filter((x): x is string => x !== undefined);
  if (!candidates.length) return undefined;
  return candidates.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
}

/** When the applicant withdrew (status 7): the dossier leaves the in-progress count then, finished neither way. */
export function withdrawnAt(d: DossierFacts): string | undefined {
  if (d.status.code !== STATUS.WITHDRAWN) return undefined;
  return d.history.findLast((h) => h.action === 'withdraw')?.at ?? d.history.at(-1)?.at;
}

/** A dossier's contribution: daily deltas `{day}|{measure}` → n for its group. Recomputed from its whole state. */
export interface Contribution {
  group: Group;
  deltas: Record<string, number>;
}

export const deltaKey = (day: Day, measure: Measure): string => `${day}|${measure}`;
export function parseDeltaKey(key: string): { day: Day; measure: Measure } {
  const [day, measure] = key.split('|') as [Day, Measure];
  return { day, measure };
}

/**
 * What a dossier, in the state given, adds to the counters of its group:
 * - received +1 on its submission day;
 * - open +1 on its submission day and −1 on the day it closes (finished or withdrawn): open at the end of day D is
 *   the prefix sum of `open` up to D;
 * - overdue +1 on the day it becomes overdue (overdueFrom) and −1 on the day it closes, when it becomes overdue before
 *   the day it closes: overdue in progress at the end of D is the prefix sum of `overdue` up to D;
 * - onTime or late +1 on its finish day; complaints (an `unsatisfied` rating) and rated +1 on its finish day, so
 *   they are counted against the dossiers finished in the same period;
 * - withdrawn +1 on the day of withdrawal.
 */
export function contributionOf(d: DossierFacts): Contribution {
  const deltas: Record<string, number> = {};
  const add = (day: Day, measure: Measure, n: number) => {
    const key = deltaKey(day, measure);
    const value = (deltas[key] ?? 0) + n;
    if (value === 0) delete deltas[key];
    else deltas[key] = value;
  };
  const submitted = vietnamDay(d.submittedAt);
  add(submitted, 'received', 1);
  add(submitted, 'open', 1);
  const closedAt = d.finishedAt ?? withdrawnAt(d);
  const closed = closedAt ? vietnamDay(closedAt) : undefined;
  if (closed) add(closed, 'open', -1);
  const overdue = overdueFrom(d);
  if (overdue) {
    // Due dates lie after acceptance, hence after submission; the max only guards against an inconsistent item.
    const day = [vietnamDay(overdue), submitted].sort().at(-1)!;
    if (!closed || day < closed) {
      add(day, 'overdue', 1);
      if (closed) add(closed, 'overdue', -1);
    }
  }
  if (d.finishedAt) {
    const day = vietnamDay(d.finishedAt);
    add(day, finishedOnTime(d) ? 'onTime' : 'late', 1);
    if (d.rating) {
      add(day, 'rated', 1);
      if (d.rating.score === 'unsatisfied') add(day, 'complaints', 1);
    }
  }
  const withdrawn = withdrawnAt(d);
  if (withdrawn) add(vietnamDay(withdrawn), 'withdrawn', 1);
  return { group: { unit: d.receivingUnit, procedure: d.procedure.code, field: d.procedure.field }, deltas };
}

/** One counter delta of a group on a day. */
export interface CounterDelta {
  group: Group;
  day: Day;
  measure: Measure;
  n: number;
}

/** What must be added to the counters so that they reflect `next` instead of `previous` (either may be absent). */
export function contributionDiff(previous: Contribution | undefined, next: Contribution | undefined): CounterDelta[] {
  const byKey = new Map<string, CounterDelta>();
  const put = (c: Contribution | undefined, sign: 1 | -1) => {
    for (const [key, n] of Object.entries(c?.deltas ?? {})) {
      const { day, measure } = parseDeltaKey(key);
      const id = `${groupKey(c!.group)}\n${key}`;
      const found = byKey.get(id);
      if (found) found.n += sign * n;
      else byKey.set(id, { group: c!.group, day, measure, n: sign * n });
    }
  };
  put(previous, -1);
  put(next, 1);
  return [...byKey.values()].filter((d) => d.n !== 0);
}

/** Prefix sums at the end of a day, per group key. */
export type PrefixSums = Map<string, { group: Group; totals: Totals }>;

export function addTotals(into: Totals, from: Partial<Totals>, sign: 1 | -1 = 1): Totals {
  for (const m of MEASURES) into[m] += sign * (from[m] ?? 0);
  return into;
}

export interface Figures {
  /** Submitted in the period. */
  received: number;
  finishedOnTime: number;
  finishedLate: number;
  finished: number;
  /** Unfinished at the end of the period (submitted before its end, neither finished nor withdrawn by then). */
  inProgress: number;
  inProgressOnTime: number;
  inProgressOverdue: number;
  withdrawn: number;
  /** Ratings and complaints (an `unsatisfied` rating) of the dossiers finished in the period. */
  rated: number;
  complaints: number;
  /** finishedOnTime / finished × 100, two decimals; null when nothing was finished in the period. */
  onTimeRate: number | null;
  /** 100 − (% finished late + % with a complaint), both of the dossiers finished in the period; null when none. */
  satisfactionIndex: number | null;
}

/** 100 × part / whole rounded to two decimals (part × 10 000 is exact, so the one rounding is Math.round's). */
export const percent = (part: number, whole: number): number => Math.round((part * 10_000) / whole) / 100;

/** The figures of a period from the prefix sums at its end and at the end of the day before it begins. */
export function figuresOf(atEnd: Totals, beforeStart: Totals): Figures {
  const flow = (m: Measure) => atEnd[m] - beforeStart[m];
  const finishedOnTime = flow('onTime');
  const finishedLate = flow('late');
  const finished = finishedOnTime + finishedLate;
  const complaints = flow('complaints');
  return {
    received: flow('received'),
    finishedOnTime,
    finishedLate,
    finished,
    inProgress: atEnd.open,
    inProgressOnTime: atEnd.open - atEnd.overdue,
    inProgressOverdue: atEnd.overdue,
    withdrawn: flow('withdrawn'),
    rated: flow('rated'),
    complaints,
    onTimeRate: finished ? percent(finishedOnTime, finished) : null,
    satisfactionIndex: finished ? percent(finished - finishedLate - complaints, finished) : null,
  };
}

/** Where a prefix sum up to `day` is read: whole years before its year, whole months before its month, days up to it. */
export function prefixParts(day: Day): { year: string; month: string; day: Day } {
  return { year: day.slice(0, 4), month: day.slice(0, 7), day };
}
