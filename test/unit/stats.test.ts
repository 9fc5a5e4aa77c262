// Dossier statistics, the pure parts: Vietnamese days, the on-time rules, each dossier's contribution, prefix sums over
// the day/month/year counters, the figures of a period, and the stream consumer's idempotency against a fake store.
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import * as fc from 'fast-check';
import {
  addDays, contributionDiff, contributionOf, daysBetween, figuresOf, finishedOnTime, MEASURES, overdueFrom, parseDeltaKey, percent,
  vietnamDay, zeroTotals, type Contribution, type DossierFacts, type Totals,
} from '#functions/dossiers/stats/model';
import { consume } from '#functions/dossiers/stats/consumer';
import { StatsQuery } from '#functions/dossiers/stats/schemas';
import { counterKeys, MAX_TRANSACTION_ITEMS, type ContributionChange, type ContributionRecord, type StatsStore } from '#functions/dossiers/stats/store';

const H = 3_600_000;
const vn = (local: string) => `${local}+07:00`;

function dossier(overrides: Partial<DossierFacts> = {}): DossierFacts {
  return {
    code: '000.00.31.H55-251006-0001', version: 1, status: { code: 1 }, procedure: { code: '1.001193.000.00.00.H55', field: 'Hộ tịch' },
    receivingUnit: '000.00.31.H55', submittedAt: vn('2025-10-06T09:00:00'), pauses: [], supplementRequests: 0,
    history: [{ at: vn('2025-10-06T09:00:00'), action: 'submit' }], ...overrides,
  };
}

describe('days in Vietnam', () => {
  it.each([
    ['2025-10-06T16:59:59.999Z', '2025-10-06'], ['2025-10-06T17:00:00Z', '2025-10-07'], [vn('2025-10-06T23:59:59'), '2025-10-06'],
    [vn('2025-12-31T23:30:00'), '2025-12-31'], ['2025-12-31T17:30:00Z', '2026-01-01'],
  ])('%s is on %s', (instant, day) => expect(vietnamDay(instant)).toBe(day));

  it('moves by days across months, years and 29 February, and counts both ends of a period', () => {
    expect(addDays('2025-10-01', -1)).toBe('2025-09-30');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysBetween('2025-10-06', '2025-10-06')).toBe(1);
    expect(daysBetween('2025-01-01', '2025-12-31')).toBe(365);
    expect(daysBetween('2028-01-01', '2028-12-31')).toBe(366);
  });
});

describe('on time or late (DOMAIN.md)', () => {
  const finished = (finishedAt: string, more: Partial<DossierFacts> = {}) => finishedOnTime(dossier({ finishedAt, ...more }));
  const due = vn('2025-10-08T17:00:00');

  it('on time when finished at or before the due date, late after it', () => {
    expect(finished(vn('2025-10-08T16:59:00'), { dueAt: due })).toBe(true);
    expect(finished(due, { dueAt: due })).toBe(true);
    expect(finished(vn('2025-10-08T17:00:01'), { dueAt: due })).toBe(false);
  });

  it('a procedure without a due date (and a dossier refused before acceptance) is on time', () => {
    expect(finished(vn('2026-03-01T10:00:00'))).toBe(true);
  });

  it('asking for extra documents twice makes it late, whatever the date; once does not', () => {
    expect(finished(vn('2025-10-07T10:00:00'), { dueAt: due, supplementRequests: 2 })).toBe(false);
    expect(finished(vn('2025-10-07T10:00:00'), { dueAt: due, supplementRequests: 1 })).toBe(true);
  });

  it('an extension (apology letter with a new date) does not make a late dossier on time', () => {
    const extended = { dueAt: vn('2025-10-12T17:00:00'), originalDueAt: due };
    expect(finished(vn('2025-10-10T10:00:00'), extended)).toBe(false);
    expect(finished(vn('2025-10-08T10:00:00'), extended)).toBe(true);
  });

  it('an unfinished dossier is overdue from its due date, or from the second request if earlier', () => {
    const requests = [
      { at: vn('2025-10-06T10:00:00'), action: 'request-supplement' }, { at: vn('2025-10-07T10:00:00'), action: 'supplement' },
      { at: vn('2025-10-07T15:00:00'), action: 'request-supplement' },
    ];
    expect(overdueFrom(dossier({ dueAt: due }))).toBe(due);
    expect(overdueFrom(dossier())).toBeUndefined();
    expect(overdueFrom(dossier({ dueAt: due, supplementRequests: 2, history: requests, pauses: [{ from: requests[0]!.at, to: requests[1]!.at }, { from: requests[2]!.at, to: vn('2025-10-08T08:00:00') }] })))
      .toBe(requests[2]!.at);
  });

  it('while the applicant is waited for since before the due date, the clock stands still: not overdue', () => {
    const waiting = { dueAt: due, status: { code: 5 }, supplementRequests: 1, pauses: [{ from: vn('2025-10-08T09:00:00') }] };
    expect(overdueFrom(dossier(waiting))).toBeUndefined();
    // Already overdue when the wait began: it stays overdue.
    expect(overdueFrom(dossier({ ...waiting, pauses: [{ from: vn('2025-10-09T09:00:00') }] }))).toBe(due);
  });
});

describe('a dossier\'s contribution', () => {
  it('received and open on the day it was submitted; finished on time on its finish day, no longer open then', () => {
    // Act
    const c = contributionOf(dossier({ status: { code: 10 }, dueAt: vn('2025-10-08T17:00:00'), finishedAt: vn('2025-10-08T10:00:00'), rating: { score: 'unsatisfied' } }));
    // Assess
    expect(c.group).toEqual({ unit: '000.00.31.H55', procedure: '1.001193.000.00.00.H55', field: 'Hộ tịch' });
    expect(c.deltas).toEqual({
      '2025-10-06|received': 1, '2025-10-06|open': 1, '2025-10-08|open': -1, '2025-10-08|onTime': 1, '2025-10-08|rated': 1, '2025-10-08|complaints': 1,
    });
  });

  it('finished late: overdue at the end of its due date\'s day and each day after, until its finish day', () => {
    const c = contributionOf(dossier({ status: { code: 9 }, dueAt: vn('2025-10-08T17:00:00'), finishedAt: vn('2025-10-10T10:00:00') }));
    expect(c.deltas).toMatchObject({ '2025-10-08|overdue': 1, '2025-10-10|overdue': -1, '2025-10-10|late': 1, '2025-10-10|open': -1 });
  });

  it('late on the due date\'s own day: never overdue at the end of a day', () => {
    const c = contributionOf(dossier({ status: { code: 9 }, dueAt: vn('2025-10-08T10:00:00'), finishedAt: vn('2025-10-08T15:00:00') }));
    expect(Object.keys(c.deltas).filter((k) => k.endsWith('|overdue'))).toEqual([]);
    expect(c.deltas['2025-10-08|late']).toBe(1);
  });

  it('withdrawn: leaves the open count on the day of withdrawal, finished neither way', () => {
    const c = contributionOf(dossier({ status: { code: 7 }, history: [{ at: vn('2025-10-06T09:00:00'), action: 'submit' }, { at: vn('2025-10-09T08:00:00'), action: 'withdraw' }] }));
    expect(c.deltas).toEqual({ '2025-10-06|received': 1, '2025-10-06|open': 1, '2025-10-09|open': -1, '2025-10-09|withdrawn': 1 });
  });

  it('the diff between two states holds only what changed, for each group', () => {
    const before = contributionOf(dossier({ status: { code: 2 }, version: 2, dueAt: vn('2025-10-08T17:00:00') }));
    const after = contributionOf(dossier({ status: { code: 9 }, version: 5, dueAt: vn('2025-10-08T17:00:00'), finishedAt: vn('2025-10-08T11:00:00') }));
    expect(contributionDiff(before, after).map((d) => `${d.day}|${d.measure}|${d.n}`).sort()).toEqual(['2025-10-08|onTime|1', '2025-10-08|open|-1', '2025-10-08|overdue|-1']);
    expect(contributionDiff(after, after)).toEqual([]);
    expect(contributionDiff(undefined, after).length).toBe(Object.keys(after.deltas).length);
  });
});

describe('figures of a period', () => {
  const totals = (t: Partial<Totals>): Totals => ({ ...zeroTotals(), ...t });

  it('flows are differences of prefix sums; in-progress figures are the prefix sums at the end', () => {
    // Act
    const f = figuresOf(totals({ received: 30, onTime: 14, late: 6, complaints: 2, rated: 9, open: 10, overdue: 3, withdrawn: 1 }), totals({ received: 10, onTime: 4, late: 1, rated: 2, complaints: 1 }));
    // Assess
    expect(f).toEqual({
      received: 20, finishedOnTime: 10, finishedLate: 5, finished: 15, inProgress: 10, inProgressOnTime: 7, inProgressOverdue: 3,
      withdrawn: 1, rated: 7, complaints: 1, onTimeRate: 66.67, satisfactionIndex: 60,
    });
  });

  it('nothing finished: no rate and no index (null, not 0 nor 100)', () => {
    expect(figuresOf(totals({ received: 3, open: 3 }), zeroTotals())).toMatchObject({ finished: 0, onTimeRate: null, satisfactionIndex: null });
  });

  it('percentages round half up to two decimals', () => {
    expect(percent(1, 3)).toBe(33.33);
    expect(percent(2, 3)).toBe(66.67);
    expect(percent(1, 8)).toBe(12.5);
    expect(percent(1, 32)).toBe(3.13);
  });

  it('a period is a real date range of at most a year, grouped by unit unless asked', () => {
    expect(StatsQuery.parse({ from: '2025-01-01', to: '2025-12-31' })).toEqual({ from: '2025-01-01', to: '2025-12-31', groupBy: 'unit' });
    expect(StatsQuery.safeParse({ from: '2028-01-01', to: '2028-12-31', groupBy: 'field' }).success).toBe(true);
    for (const bad of [{ from: '2025-01-02', to: '2025-01-01' }, { from: '2025-01-01', to: '2026-01-02' }, { from: '2025-02-29', to: '2025-03-01' }, { from: '2025-01-01', to: '2025-01-02', groupBy: 'x' }]) {
      expect(StatsQuery.safeParse(bad).success).toBe(false);
    }
  });
});

// ---- Prefix sums over the counters' key design, against a direct count at the end of each day ----

const DAY0 = Date.parse(vn('2025-12-20T00:00:00'));
interface History {
  submitted: number;
  accept: { after: number; dueIn: number | null } | null;
  requests: { after: number; waits: number | null }[];
  end: 'open' | 'decided' | 'withdrawn' | 'stopped' | 'refused';
  endAfter: number;
  rating: string | null;
}

/** Random dossier histories (in hours) around a year end, so that the year and month partitions matter. */
const history: fc.Arbitrary<History> = fc.record({
  submitted: fc.integer({ min: 0, max: 40 * 24 }),
  accept: fc.option(fc.record({ after: fc.integer({ min: 0, max: 48 }), dueIn: fc.option(fc.integer({ min: 1, max: 20 * 24 })) })),
  requests: fc.array(fc.record({ after: fc.integer({ min: 1, max: 72 }), waits: fc.option(fc.integer({ min: 1, max: 96 })) }), { maxLength: 2 }),
  end: fc.constantFrom('open', 'decided', 'withdrawn', 'stopped', 'refused'),
  endAfter: fc.integer({ min: 1, max: 30 * 24 }),
  rating: fc.option(fc.constantFrom('very-satisfied', 'satisfied', 'unsatisfied')),
});

/** The dossier item such a history leaves, as the service writes it (pauses closed and added to the due date). */
function facts(h: History, i: number): DossierFacts {
  const at = (hours: number) => new Date(DAY0 + hours * H).toISOString();
  let t = h.submitted;
  const d = dossier({ code: `c${i}`, submittedAt: at(t), history: [{ at: at(t), action: 'submit' }], procedure: { code: `p${i % 3}`, field: `f${i % 2}` }, receivingUnit: `u${i % 4}` });
  if (h.end === 'refused' || !h.accept) {
    if (h.end !== 'open') {
      t += h.endAfter;
      const withdrawn = h.end === 'withdrawn';
      Object.assign(d, withdrawn ? { status: { code: 7 } } : { status: { code: 3 }, finishedAt: at(t) });
      d.history.push({ at: at(t), action: withdrawn ? 'withdraw' : 'refuse' });
    }
    return d;
  }
  t += h.accept.after;
  d.status = { code: 4 };
  if (h.accept.dueIn !== null) d.dueAt = at(t + h.accept.dueIn);
  for (const r of h.requests) {
    t += r.after;
    d.history.push({ at: at(t), action: 'request-supplement' });
    d.supplementRequests += 1;
    d.pauses.push({ from: at(t) });
    d.status = { code: 5 };
    if (r.waits === null) break;
    t += r.waits;
    d.pauses.at(-1)!.to = at(t);
    d.status = { code: 4 };
    if (d.dueAt) d.dueAt = new Date(Date.parse(d.dueAt) + r.waits * H).toISOString();
  }
  if (h.end === 'open') return d;
  t += h.endAfter;
  d.pauses.forEach((p) => (p.to ??= at(t)));
  if (h.end === 'withdrawn') {
    d.status = { code: 7 };
    d.history.push({ at: at(t), action: 'withdraw' });
  } else {
    Object.assign(d, { status: { code: h.end === 'stopped' ? 8 : 10 }, finishedAt: at(t), ...(h.end === 'decided' && h.rating ? { rating: { score: h.rating } } : {}) });
  }
  return d;
}
/** Direct counts up to the end of `day` (24:00 in Vietnam), from the dossiers' instants. */
function direct(ds: DossierFacts[], day: string) {
  const end = Date.parse(vn(`${day}T00:00:00`)) + 24 * H;
  let open = 0;
  let overdue = 0;
  let received = 0;
  let finished = 0;
  for (const d of ds) {
    const submitted = Date.parse(d.submittedAt);
    if (submitted < end) received++;
    const withdrawn = d.history.find((x) => x.action === 'withdraw');
    const closed = d.finishedAt ? Date.parse(d.finishedAt) : withdrawn ? Date.parse(withdrawn.at) : undefined;
    if (closed !== undefined && closed < end && d.finishedAt) finished++;
    if (submitted < end && (closed === undefined || closed >= end)) {
      open++;
      const from = overdueFrom(d);
      if (from && Date.parse(from) < end) overdue++;
    }
  }
  return { open, overdue, received, finished };
}

/** Prefix sums at the end of `day` read as the store reads them: years before, months before in its year, days up to it. */
function prefixFromCounters(contributions: Contribution[], day: string): Totals {
  const items = new Map<string, Totals>();
  for (const c of contributions) {
    for (const [key, n] of Object.entries(c.deltas)) {
      const { day: d, measure } = parseDeltaKey(key);
      for (const k of counterKeys('t', d, c.group)) {
        const id = `${k.pk}\n${k.sk}`;
        const t = items.get(id) ?? zeroTotals();
        t[measure] += n;
        items.set(id, t);
      }
    }
  }
  const year = day.slice(0, 4);
  const month = day.slice(0, 7);
  const total = zeroTotals();
  for (const [id, t] of items) {
    const [pk, sk] = id.split('\n') as [string, string];
    const read = (pk === 't#STATS#Y' && sk < year) || (pk === `t#STATS#M#${year}` && sk < month) || (pk === `t#STATS#D#${month}` && sk < `${day}$`);
    if (read) for (const m of MEASURES) total[m] += t[m];
  }
  return total;
}

it('prefix sums over the day, month and year counters equal a direct count at the end of any day', () => {
  fc.assert(fc.property(fc.array(history, { minLength: 1, maxLength: 25 }), fc.integer({ min: -5, max: 80 }), (hs, offset) => {
    // Prepare
    const ds = hs.map((h, i) => facts(h, i));
    const day = addDays('2025-12-20', offset);
    // Act
    const prefix = prefixFromCounters(ds.map(contributionOf), day);
    // Assess
    const d = direct(ds, day);
    expect({ open: prefix.open, overdue: prefix.overdue, received: prefix.received, finished: prefix.onTime + prefix.late }).toEqual(d);
  }), { numRuns: 300, seed: 20_251_220 });
});

// ---- The consumer against an in-memory store ----

function memoryStore(options: { failOnCode?: string; moveOnce?: string } = {}) {
  const records = new Map<string, ContributionRecord>();
  const counters = new Map<string, number>();
  let moved = false;
  const store: StatsStore = {
    async records(tenant, codes) {
      return new Map(codes.flatMap((c) => (records.has(`${tenant}/${c}`) ? [[c, structuredClone(records.get(`${tenant}/${c}`)!)] as const] : [])));
    },
    itemCount: (changes) => changes.length + new Set(changes.flatMap((c) => c.diff.flatMap((d) => counterKeys(c.tenant, d.day, d.group).map((k) => `${k.pk}\n${k.sk}`)))).size,
    async apply(changes: ContributionChange[]) {
      if (store.itemCount(changes) > MAX_TRANSACTION_ITEMS) throw new RangeError('too many items');
      if (changes.some((c) => c.code === options.failOnCode)) throw new Error('throttled');
      for (const c of changes) {
        if (records.get(`${c.tenant}/${c.code}`)?.version !== c.previous?.version) return false;
        if (c.code === options.moveOnce && !moved) {
          moved = true;
          return false;
        }
      }
      for (const c of changes) {
        records.set(`${c.tenant}/${c.code}`, structuredClone(c.next));
        for (const d of c.diff) {
          const key = `${c.tenant}|${d.day}|${d.group.unit}|${d.group.procedure}|${d.measure}`;
          counters.set(key, (counters.get(key) ?? 0) + d.n);
        }
      }
      return true;
    },
    prefixes: async (_tenant, days) => days.map(() => new Map()),
    putSnapshot: async () => true,
    getSnapshot: async () => undefined,
  };
  const nonZero = () => Object.fromEntries([...counters].filter(([, n]) => n !== 0).sort());
  return { store, records, nonZero };
}

let sequence = 0;
function record(d: DossierFacts | undefined, keys: { pk: string; sk: string }, old?: DossierFacts, name?: 'INSERT' | 'MODIFY' | 'REMOVE'): DynamoDBRecord {
  const image = (x: object) => marshall({ ...keys, ...x }, { removeUndefinedValues: true }) as never;
  return {
    eventID: String(++sequence), eventName: name ?? (d ? (old ? 'MODIFY' : 'INSERT') : 'REMOVE'), eventSource: 'aws:dynamodb', awsRegion: 'ap-southeast-1',
    dynamodb: { Keys: marshall(keys) as never, SequenceNumber: String(sequence).padStart(21, '0'), ...(d ? { NewImage: image(d) } : {}), ...(old ? { OldImage: image(old) } : {}), StreamViewType: 'NEW_AND_OLD_IMAGES' },
  };
}
const keysOf = (code: string) => ({ pk: `t#DOSSIER#${code}`, sk: 'DOSSIER' });

/** A dossier's life as stream records: submitted, accepted, decided late, returned, rated. */
function life(code: string, unit = 'u1'): DynamoDBRecord[] {
  const base = dossier({ code, receivingUnit: unit });
  const states = [
    base,
    { ...base, version: 2, status: { code: 2 }, dueAt: vn('2025-10-07T17:00:00') },
    { ...base, version: 3, status: { code: 9 }, dueAt: vn('2025-10-07T17:00:00'), finishedAt: vn('2025-10-09T10:00:00') },
    { ...base, version: 4, status: { code: 10 }, dueAt: vn('2025-10-07T17:00:00'), finishedAt: vn('2025-10-09T10:00:00') },
    { ...base, version: 5, status: { code: 10 }, dueAt: vn('2025-10-07T17:00:00'), finishedAt: vn('2025-10-09T10:00:00'), rating: { score: 'unsatisfied' } },
  ];
  return states.map((s, i) => record(s, keysOf(code), states[i - 1]));
}

describe('the stream consumer', () => {
  const now = () => new Date('2025-10-10T00:00:00Z');

  it('counts each dossier once however often and in whatever order its records come', async () => {
    // Prepare
    const records = [...life('a'), ...life('b', 'u2'), record({ x: 1 } as never, { pk: 't#DOSSIER#a', sk: 'PUBLIC' }), record({ n: 3 } as never, { pk: 't#COUNTER#u1', sk: '251006' })];
    const once = memoryStore();
    await consume(records, { store: once.store, now });
    // Act
    const again = memoryStore();
    for (const batch of [records.slice(0, 3), records.slice(2, 7), records, records.slice().reverse(), records.slice(4)]) {
      expect(await consume(batch, { store: again.store, now, chunk: 1 })).toEqual({ batchItemFailures: [] });
    }
    // Assess
    expect(again.nonZero()).toEqual(once.nonZero());
    expect(once.nonZero()).toEqual({
      't|2025-10-06|u1|1.001193.000.00.00.H55|received': 1, 't|2025-10-06|u2|1.001193.000.00.00.H55|received': 1,
      't|2025-10-06|u1|1.001193.000.00.00.H55|open': 1, 't|2025-10-06|u2|1.001193.000.00.00.H55|open': 1,
      't|2025-10-07|u1|1.001193.000.00.00.H55|overdue': 1, 't|2025-10-07|u2|1.001193.000.00.00.H55|overdue': 1,
      't|2025-10-09|u1|1.001193.000.00.00.H55|open': -1, 't|2025-10-09|u2|1.001193.000.00.00.H55|open': -1,
      't|2025-10-09|u1|1.001193.000.00.00.H55|overdue': -1, 't|2025-10-09|u2|1.001193.000.00.00.H55|overdue': -1,
      't|2025-10-09|u1|1.001193.000.00.00.H55|late': 1, 't|2025-10-09|u2|1.001193.000.00.00.H55|late': 1,
      't|2025-10-09|u1|1.001193.000.00.00.H55|rated': 1, 't|2025-10-09|u2|1.001193.000.00.00.H55|rated': 1,
      't|2025-10-09|u1|1.001193.000.00.00.H55|complaints': 1, 't|2025-10-09|u2|1.001193.000.00.00.H55|complaints': 1,
    });
    expect(once.records.get('t/a')?.version).toBe(5);
  });

  it('a failure reports the first record of the first dossier not applied, so that Lambda retries from there', async () => {
    // Prepare: dossiers a, b, c interleaved; b cannot be written
    const [a, b, c] = [life('a'), life('b'), life('c')];
    const records = [a[0]!, b[0]!, a[1]!, c[0]!, b[1]!, c[1]!];
    const { store, records: stored } = memoryStore({ failOnCode: 'b' });
    // Act
    const response = await consume(records, { store, now, chunk: 1 });
    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: b[0]!.dynamodb!.SequenceNumber }] });
    expect(stored.get('t/a')?.version).toBe(2);
    expect(stored.has('t/b')).toBe(false);
    expect(stored.has('t/c')).toBe(false);
  });

  it('reads again and recomputes when a contribution record moved under it', async () => {
    const { store, records } = memoryStore({ moveOnce: 'a' });
    expect(await consume(life('a'), { store, now })).toEqual({ batchItemFailures: [] });
    expect(records.get('t/a')?.version).toBe(5);
  });

  it('splits a batch whose counters would not fit in one transaction', async () => {
    // Prepare: 60 dossiers of 60 groups: 60 records + 60 × 3 × 2 counters, far above 100 items
    const records = Array.from({ length: 60 }, (_, i) => record(dossier({ code: `d${i}`, receivingUnit: `u${i}`, submittedAt: vn(`2025-10-${String((i % 28) + 1).padStart(2, '0')}T09:00:00`) }), keysOf(`d${i}`)));
    const { store, records: stored } = memoryStore();
    // Act
    const response = await consume(records, { store, now, chunk: 60 });
    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(stored.size).toBe(60);
  });

  it('a removed dossier takes its contribution back, and nothing older brings it back', async () => {
    // Prepare
    const records = life('a');
    const last = dossier({ version: 5, status: { code: 10 }, dueAt: vn('2025-10-07T17:00:00'), finishedAt: vn('2025-10-09T10:00:00') });
    const { store, nonZero } = memoryStore();
    await consume(records, { store, now });
    // Act
    await consume([record(undefined, keysOf('a'), last, 'REMOVE')], { store, now });
    await consume(records, { store, now });
    // Assess
    expect(nonZero()).toEqual({});
  });
});
