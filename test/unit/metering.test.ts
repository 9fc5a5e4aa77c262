// Metering, the pure parts: what a stream record means for billing (events.ts), the month arithmetic and the exact
// integration of stored bytes into GB-months (shared/metering.ts), and the consumer's at-most-once counting against
// an in-memory store that keeps markers as the usage table does.
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { deltasOf, itemKind, pointHoursByMonth, type RecordFacts } from '#functions/platform/metering/events';
import { lastWriteOf, meter } from '#functions/platform/metering/consumer';
import { inImportWindow } from '#shared/import-window';
import type { MeterStore } from '#functions/platform/metering/store';
import { addDelta, BYTES_PER_GB, monthBounds, monthOf, storageChange, usageFromItems, type MonthItem, type UsageDeltas } from '#shared/metering';

const at = (local: string) => new Date(`${local}+07:00`);
const GB = BYTES_PER_GB;
const DAY = 86_400;

describe('months in Vietnam', () => {
  it('puts an instant in the month it is in Vietnam', () => {
    expect(monthOf(new Date('2026-10-31T16:59:59Z'))).toBe('2026-10');
    expect(monthOf(new Date('2026-10-31T17:00:00Z'))).toBe('2026-11');
  });
  it('bounds a month at midnight in Vietnam, December into January', () => {
    expect(monthBounds('2026-12')).toEqual({ start: new Date('2026-11-30T17:00:00Z'), end: new Date('2026-12-31T17:00:00Z') });
  });
});

describe('stored bytes integrated into GB-months', () => {
  const items = (deltas: UsageDeltas): MonthItem[] => Object.entries(deltas).map(([month, counts]) => ({ month, ...counts }));

  it('counts 1 GiB held from the middle of a 30-day month as half a GB-month, then 1 in the next month', () => {
    const d = storageChange({}, at('2026-11-16T00:00:00'), GB);
    expect(d['2026-11']).toEqual({ storageBytesDelta: GB, storageByteSeconds: GB * 15 * DAY });
    expect(usageFromItems('hue', '2026-11', items(d)).storageGbMonths).toBe(0.5);
    expect(usageFromItems('hue', '2026-12', items(d)).storageGbMonths).toBe(1);
    expect(usageFromItems('hue', '2026-12', items(d)).storageBytes).toBe(GB);
  });

  it('takes a file removed 10 days into a 31-day month as held 10/31 of it, and nothing after', () => {
    const d = storageChange({}, at('2026-11-16T00:00:00'), GB);
    storageChange(d, at('2026-12-11T00:00:00'), -GB);
    expect(usageFromItems('hue', '2026-12', items(d)).storageGbMonths).toBeCloseTo(10 / 31, 9);
    expect(usageFromItems('hue', '2027-01', items(d)).storageGbMonths).toBe(0);
    expect(usageFromItems('hue', '2026-10', items(d)).storageGbMonths).toBe(0);
  });

  it('carries gauges forward: the level at the end of a month sums the deltas up to it', () => {
    const d: UsageDeltas = {};
    addDelta(d, '2026-09', 'officialsDelta', 5);
    addDelta(d, '2026-10', 'officialsDelta', -1);
    addDelta(d, '2026-12', 'officialsDelta', 3);
    addDelta(d, '2026-10', 'dossiers', 7);
    const nov = usageFromItems('hue', '2026-11', items(d));
    expect(nov.activeOfficials).toBe(4);
    expect(nov.dossiers).toBe(0);
    expect(usageFromItems('hue', '2026-10', items(d)).dossiers).toBe(7);
  });

  it('drops deltas that cancel out', () => {
    const d: UsageDeltas = {};
    addDelta(d, '2026-11', 'mailboxesDelta', 1);
    addDelta(d, '2026-11', 'mailboxesDelta', -1);
    expect(d).toEqual({});
  });
});

const facts = (f: Partial<RecordFacts> & Pick<RecordFacts, 'pk' | 'sk'>): RecordFacts => ({ eventName: 'INSERT', at: at('2026-11-24T10:00:00'), ...f });

describe('billable events from images', () => {
  it('recognises the item kinds by their keys and nothing else', () => {
    expect(itemKind('hue#DOSSIER#H01.2026', 'DOSSIER')).toBe('dossier');
    expect(itemKind('hue#DOSSIER#H01.2026', 'PUBLIC')).toBeUndefined();
    expect(itemKind('hue#DOC#d1', 'TO#000.00.01.H01')).toBe('documentRecipient');
    expect(itemKind('hue#DOC#d1', 'DOC')).toBeUndefined();
    expect(itemKind('hue#MBX#a@hue.gov.vn', 'M#x')).toBe('mailMessage');
    expect(itemKind('hue#MBX#a@hue.gov.vn#FIND#ALL', 'M#x')).toBeUndefined();
    expect(itemKind('hue#MBX#a@hue.gov.vn', 'USAGE')).toBeUndefined();
    expect(itemKind('hue#USER', 'u1')).toBe('official');
    expect(itemKind('hue#COUNTER', 'x')).toBeUndefined();
  });

  it('counts a dossier once, when its item is created', () => {
    expect(deltasOf(facts({ pk: 'hue#DOSSIER#c', sk: 'DOSSIER', newImage: { code: 'c' } }))).toEqual({ '2026-11': { dossiers: 1 } });
    expect(deltasOf(facts({ eventName: 'MODIFY', pk: 'hue#DOSSIER#c', sk: 'DOSSIER', oldImage: {}, newImage: {} }))).toEqual({});
    expect(deltasOf(facts({ eventName: 'REMOVE', pk: 'hue#DOSSIER#c', sk: 'DOSSIER', oldImage: {} }))).toEqual({});
  });

  it('counts mail an official sent, directly or from Drafts, not mail received nor moved, with its bytes stored', () => {
    const pk = 'hue#MBX#a@hue.gov.vn';
    const sent = deltasOf(facts({ pk, sk: 'M#1', newImage: { folder: 'Sent', size: 1000 } }));
    expect(sent['2026-11']).toMatchObject({ mailSent: 1, storageBytesDelta: 1000 });
    expect(deltasOf(facts({ eventName: 'MODIFY', pk, sk: 'M#1', oldImage: { folder: 'Drafts', size: 10 }, newImage: { folder: 'Sent', size: 10 } }))).toEqual({ '2026-11': { mailSent: 1 } });
    expect(deltasOf(facts({ eventName: 'MODIFY', pk, sk: 'M#1', oldImage: { folder: 'Trash', size: 10 }, newImage: { folder: 'Sent', size: 10 } }))).toEqual({});
    expect(deltasOf(facts({ pk, sk: 'M#2', newImage: { folder: 'INBOX', size: 500 } }))['2026-11']).toEqual({ storageBytesDelta: 500, storageByteSeconds: 500 * (7 * DAY - 10 * 3600 + 0) });
    expect(deltasOf(facts({ eventName: 'REMOVE', pk, sk: 'M#2', oldImage: { folder: 'Trash', size: 500 } }))['2026-11']?.storageBytesDelta).toBe(-500);
  });

  it('counts officials that are enabled and every official\'s mailbox', () => {
    const pk = 'hue#USER';
    expect(deltasOf(facts({ pk, sk: 'u1', newImage: { enabled: true } }))).toEqual({ '2026-11': { mailboxesDelta: 1, officialsDelta: 1 } });
    expect(deltasOf(facts({ eventName: 'MODIFY', pk, sk: 'u1', oldImage: { enabled: true }, newImage: { enabled: false } }))).toEqual({ '2026-11': { officialsDelta: -1 } });
    expect(deltasOf(facts({ eventName: 'REMOVE', pk, sk: 'u1', oldImage: { enabled: false } }))).toEqual({ '2026-11': { mailboxesDelta: -1 } });
  });
});

describe('meeting hours per connection point', () => {
  const meeting = (over: Record<string, unknown> = {}) => ({
    start: '2026-11-30T14:00:00+07:00', end: '2026-11-30T15:30:00+07:00', points: ['p1', 'p2'], status: 'scheduled', exceptions: {}, ...over,
  });
  const pk = 'hue#MEETING#m1';

  it('counts 2 points × 1.5 h as 3 hours when booked', () => {
    expect(deltasOf(facts({ pk, sk: 'MEETING', newImage: meeting() }))).toEqual({ '2026-11': { meetingHours: 3 } });
  });

  it('moves the hours when a meeting is rescheduled into the next month, and takes them back when cancelled', () => {
    const moved = meeting({ start: '2026-12-01T09:00:00+07:00', end: '2026-12-01T10:00:00+07:00' });
    expect(deltasOf(facts({ eventName: 'MODIFY', pk, sk: 'MEETING', oldImage: meeting(), newImage: moved }))).toEqual({ '2026-11': { meetingHours: -3 }, '2026-12': { meetingHours: 2 } });
    expect(deltasOf(facts({ eventName: 'MODIFY', pk, sk: 'MEETING', oldImage: moved, newImage: { ...moved, status: 'cancelled' } }))).toEqual({ '2026-12': { meetingHours: -2 } });
  });

  it('keeps the occurrences of a weekly series that are over when the series is cancelled', () => {
    const series = meeting({ start: '2026-11-02T09:00:00+07:00', end: '2026-11-02T10:00:00+07:00', recurrence: 'FREQ=WEEKLY;COUNT=4' });
    // Booked on 1 November: 4 Mondays × 1 h × 2 points.
    expect(pointHoursByMonth(series, at('2026-11-01T08:00:00'))).toEqual(new Map([['2026-11', 8]]));
    // Cancelled on 20 November: the 2nd and 9th and 16th are over; only the 23rd is taken back.
    expect(deltasOf(facts({ eventName: 'MODIFY', pk, sk: 'MEETING', at: at('2026-11-20T08:00:00'), oldImage: series, newImage: { ...series, status: 'cancelled' } })))
      .toEqual({ '2026-11': { meetingHours: -2 } });
  });

  it('ignores a removed meeting item (a purge, not a cancellation)', () => {
    expect(deltasOf(facts({ eventName: 'REMOVE', pk, sk: 'MEETING', oldImage: meeting() }))).toEqual({});
  });
});

describe('the consumer', () => {
  function memoryStore() {
    const markers = new Set<string>();
    const months = new Map<string, Record<string, number>>();
    let lastWrite: string | undefined;
    const store: MeterStore = {
      async apply(tenant, eventId, deltas) {
        if (markers.has(`${tenant}/${eventId}`)) return 'duplicate';
        markers.add(`${tenant}/${eventId}`);
        for (const [month, counts] of Object.entries(deltas)) {
          const item = months.get(`${tenant}/${month}`) ?? {};
          for (const [f, v] of Object.entries(counts)) item[f] = (item[f] ?? 0) + v;
          months.set(`${tenant}/${month}`, item);
        }
        return 'applied';
      },
      async raiseLastWrite(_tenant, value) {
        if (!lastWrite || lastWrite < value) lastWrite = value;
      },
    };
    return { store, months, lastWrite: () => lastWrite };
  }
  const record = (eventID: string, seconds: number, pk: string, sk: string, newImage: Record<string, unknown>): DynamoDBRecord => ({
    eventID, eventName: 'INSERT',
    dynamodb: { ApproximateCreationDateTime: seconds, Keys: marshall({ pk, sk }) as never, NewImage: marshall(newImage) as never, SequenceNumber: eventID },
  });
  const t0 = Date.parse('2026-11-24T03:00:00Z') / 1000;

  it('counts a redelivered batch once and keeps the latest write', async () => {
    const { store, months, lastWrite } = memoryStore();
    const batch = [record('e1', t0, 'hue#DOSSIER#a', 'DOSSIER', {}), record('e2', t0 + 5, 'hue#DOC#d', 'TO#x', {}), record('e3', t0 + 2, 'hue#COUNTER', 'y', {})];
    // Read 20.4 s after the first record: the last write (t0 + 5, rounded down) happened by then at the latest.
    const options = { store, tenants: new Set(['hue']), now: () => new Date(t0 * 1000 + 20_400) };
    expect(await meter(batch, options)).toEqual({ batchItemFailures: [] });
    expect(await meter(batch, options)).toEqual({ batchItemFailures: [] });
    expect(months.get('hue/2026-11')).toEqual({ dossiers: 1, documentsSent: 1 });
    expect(lastWrite()).toBe('2026-11-24T10:00:21+07:00');
  });

  it('bounds the last write by the stream\'s rounding when the record is read late', () => {
    expect(lastWriteOf(new Date(t0 * 1000), new Date(t0 * 1000 + 3_600_000))).toBe('2026-11-24T10:01:00+07:00');
    expect(lastWriteOf(new Date(t0 * 1000), new Date(t0 * 1000 + 1_500))).toBe('2026-11-24T10:00:02+07:00');
  });

  it('takes a record for an imported one when its write may fall in the import window, the stamp being rounded down to the minute', () => {
    const window = { from: '2026-11-24T10:00:30+07:00', to: '2026-11-24T10:00:40+07:00' };
    expect(inImportWindow(window, t0)).toBe(true); // stamped 10:00:00, written up to 10:00:59
    expect(inImportWindow(window, t0 - 30)).toBe(false); // written by 10:00:29 at the latest
    expect(inImportWindow(window, t0 + 41)).toBe(false);
    expect(inImportWindow({ from: window.from }, t0 + 3600)).toBe(true); // still open
    expect(inImportWindow(undefined, t0)).toBe(false);
  });

  it('leaves records of another tenant alone', async () => {
    const { store, months, lastWrite } = memoryStore();
    await meter([record('e9', t0, 'danang#DOSSIER#a', 'DOSSIER', {})], { store, tenants: new Set(['hue']), now: () => new Date() });
    expect(months.size).toBe(0);
    expect(lastWrite()).toBeUndefined();
  });

  it('reports the record whose counting failed, so that the retry starts there', async () => {
    const { store } = memoryStore();
    const failing: MeterStore = { ...store, apply: async (tenant, id, d, e) => (id === 'e2' ? Promise.reject(new Error('throttled')) : store.apply(tenant, id, d, e)) };
    const batch = [record('e1', t0, 'hue#DOSSIER#a', 'DOSSIER', {}), record('e2', t0, 'hue#DOSSIER#b', 'DOSSIER', {})];
    expect(await meter(batch, { store: failing, tenants: new Set(['hue']), now: () => new Date() })).toEqual({ batchItemFailures: [{ itemIdentifier: 'e2' }] });
  });
});
