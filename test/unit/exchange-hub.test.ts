// The exchange hub's routing (functions/platform/exchange/route.ts): which tenant's inbound function an envelope goes
// to, what is refused and why, and the failure notice its sender gets back — never for a failure notice itself. Then
// how it works through a batch of its stream (batch.ts): side by side, bounded, in order where order matters, retried
// from the earliest failure; and the bounded fan-out the documents side sends with (shared/pool.ts).
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { envelopeKey, type Envelope, type ExchangeTenants } from '#shared/exchange';
import { BATCH_CONCURRENCY, processBatch } from '#functions/platform/exchange/batch';
import { afterInbound, failureId, routeEnvelope } from '#functions/platform/exchange/route';
import { eachLimit } from '#shared/pool';

const tenants: ExchangeTenants = [
  { id: 'nghean', name: 'Nghệ An', rootAgency: '000.00.00.H41', domain: 'nghean.gov.vn' },
  { id: 'hue', name: 'Huế', rootAgency: '000.00.00.H57', domain: 'hue.gov.vn' },
];
const now = new Date('2026-03-02T02:00:00Z');

function envelope(overrides: Partial<Envelope> = {}): Envelope {
  return {
    id: 'doc-1.new.000.00.00.H57', channel: 'documents', kind: 'document', fromTenant: 'nghean', fromAgency: '000.00.00.H41',
    toAgency: '000.00.00.H57', objectKey: 'nghean/doc-1.edxml', createdAt: '2026-03-02T09:00:00+07:00', ...overrides,
  };
}

/** A hub item as the stream's NewImage gives it: the envelope under its sender's key, with the hub's own attributes. */
const item = (e: Envelope, key = envelopeKey(e.fromTenant, e.id)) => ({ ...key, ...e, expiresAt: 1_780_000_000 });

describe('routing an envelope', () => {
  it("goes to the inbound function of the tenant serving the recipient agency's province", () => {
    // Prepare
    const e = envelope({ toAgency: '000.12.31.H57' });
    // Act
    const route = routeEnvelope(item(e), tenants, now);
    // Assess
    expect(route).toEqual({ action: 'deliver', to: { tenant: 'hue', fn: 'documents-inbound', request: { ...e, toTenant: 'hue' } } });
  });

  it('takes the function from the channel: mail goes to the tenant of the recipient domain', () => {
    const e = envelope({ channel: 'mail', kind: 'message', fromAgency: 'hue.gov.vn', toAgency: 'nghean.gov.vn', toDomain: 'NGHEAN.gov.vn', recipients: ['canbo@nghean.gov.vn'] });
    expect(routeEnvelope(item(e), tenants, now)).toMatchObject({ action: 'deliver', to: { tenant: 'nghean', fn: 'mail-inbound' } });
  });

  it('refuses mail to a domain no tenant has, and tells its sender', () => {
    const e = envelope({ channel: 'mail', kind: 'message', toAgency: 'other.gov.vn', toDomain: 'other.gov.vn' });
    expect(routeEnvelope(item(e), tenants, now)).toMatchObject({
      action: 'fail', code: 'UNKNOWN_DOMAIN', notify: { tenant: 'nghean', fn: 'mail-inbound', request: { kind: 'failure', failure: { envelopeId: e.id, code: 'UNKNOWN_DOMAIN' } } },
    });
  });

  it('hands the recipient the envelope only, without the hub\'s attributes', () => {
    const route = routeEnvelope({ ...item(envelope()), state: 'delivered' }, tenants, now);
    expect(route.action === 'deliver' && Object.keys(route.to.request).sort()).toEqual([...Object.keys(envelope()), 'toTenant'].sort());
  });

  it('refuses an unknown agency and tells the sender, in Vietnamese, with a notice of its own id', () => {
    // Prepare
    const e = envelope({ toAgency: '000.00.00.H99' });
    // Act
    const route = routeEnvelope(item(e), tenants, now);
    // Assess
    expect(route).toEqual({
      action: 'fail', code: 'UNKNOWN_AGENCY', reason: 'Không có cơ quan nhận mã 000.00.00.H99 trên trục liên thông.',
      notify: {
        tenant: 'nghean', fn: 'documents-inbound',
        request: {
          id: `${e.id}.failure`, channel: 'documents', kind: 'failure', fromTenant: 'platform', fromAgency: '000.00.00.H99', toAgency: '000.00.00.H41',
          failure: { envelopeId: e.id, code: 'UNKNOWN_AGENCY', reason: 'Không có cơ quan nhận mã 000.00.00.H99 trên trục liên thông.' },
          createdAt: '2026-03-02T09:00:00+07:00', toTenant: 'nghean',
        },
      },
    });
  });

  it('delivers a failure notice like any envelope, to the province of its agency', () => {
    const e = envelope({ kind: 'failure', fromTenant: 'hue', fromAgency: '000.00.00.H57', toAgency: '000.00.00.H41', failure: { envelopeId: 'x', code: 'C', reason: 'r' } });
    expect(routeEnvelope(item(e), tenants, now)).toMatchObject({ action: 'deliver', to: { tenant: 'nghean', request: { kind: 'failure', toTenant: 'nghean' } } });
  });

  it('never answers a failure notice with another one', () => {
    const e = envelope({ kind: 'failure', toAgency: '000.00.00.H99', failure: { envelopeId: 'x', code: 'C', reason: 'r' } });
    expect(routeEnvelope(item(e), tenants, now)).toEqual({ action: 'fail', code: 'UNKNOWN_AGENCY', reason: expect.stringContaining('000.00.00.H99') });
  });

  it('refuses an envelope claiming another sender than its key, and tells nobody', () => {
    // Prepare: hue puts an envelope in its own prefix that says it comes from nghean
    const e = envelope();
    // Act
    const route = routeEnvelope(item(e, envelopeKey('hue', e.id)), tenants, now);
    // Assess
    expect(route).toEqual({ action: 'fail', code: 'SENDER_MISMATCH', reason: expect.stringContaining('hue') });
  });

  it.each([
    ['no channel', { channel: undefined }],
    ['an id the contract refuses', { id: 'a b' }],
  ])('marks an invalid envelope (%s) failed without telling anyone', (_, overrides) => {
    const e = { ...envelope(), ...overrides } as Envelope;
    expect(routeEnvelope({ ...envelopeKey('nghean', 'doc-1'), ...e }, tenants, now)).toEqual({ action: 'fail', code: 'INVALID_ENVELOPE', reason: expect.any(String) });
  });

  it('refuses a key that names another envelope, and a sender the hub does not connect', () => {
    expect(routeEnvelope(item(envelope(), envelopeKey('nghean', 'other')), tenants, now)).toMatchObject({ action: 'fail', code: 'INVALID_ENVELOPE' });
    const stranger = envelope({ fromTenant: 'atlantis' });
    expect(routeEnvelope(item(stranger), tenants, now)).toMatchObject({ action: 'fail', code: 'UNKNOWN_SENDER' });
    expect(routeEnvelope(item(stranger), tenants, now)).not.toHaveProperty('notify');
  });

  it.each([
    ['another sort key', { pk: 'nghean#ENVELOPE#doc-1', sk: 'STATUS' }],
    ['no envelope mark', { pk: 'nghean#OTHER#doc-1', sk: 'ENVELOPE' }],
    ['no sender before the mark', { pk: '#ENVELOPE#doc-1', sk: 'ENVELOPE' }],
    ['no key at all', {}],
  ])('ignores an item with %s', (_, key) => {
    expect(routeEnvelope({ ...envelope(), ...key }, tenants, now)).toEqual({ action: 'ignore' });
  });
});

describe("the recipient's answer", () => {
  const request = { ...envelope(), toTenant: 'hue' };

  it('delivered: the item is marked delivered', () => {
    expect(afterInbound(request, { outcome: 'delivered' }, now)).toEqual({ action: 'delivered' });
  });

  it("refused: the sender is told the recipient's code and reason, from the recipient", () => {
    const outcome = afterInbound(request, { outcome: 'refused', code: 'NO_SUCH_UNIT', reason: 'Không có đơn vị nhận.' }, now);
    expect(outcome).toEqual({
      action: 'fail', code: 'NO_SUCH_UNIT', reason: 'Không có đơn vị nhận.',
      notify: {
        tenant: 'nghean', fn: 'documents-inbound',
        request: expect.objectContaining({
          kind: 'failure', fromTenant: 'hue', fromAgency: request.toAgency, toAgency: request.fromAgency, toTenant: 'nghean',
          failure: { envelopeId: request.id, code: 'NO_SUCH_UNIT', reason: 'Không có đơn vị nhận.' },
        }),
      },
    });
  });

  it('a refused failure notice is only marked', () => {
    const notice = { ...request, kind: 'failure' as const, failure: { envelopeId: 'x', code: 'C', reason: 'r' } };
    expect(afterInbound(notice, { outcome: 'refused', code: 'GONE', reason: 'r' }, now)).toEqual({ action: 'fail', code: 'GONE', reason: 'r' });
  });
});

describe('failure notice ids', () => {
  it('are the same on every redelivery, valid, and at most 400 characters', () => {
    const long = 'x'.repeat(400);
    expect(failureId('doc-1')).toBe('doc-1.failure');
    expect(failureId(long)).toBe(failureId(long));
    expect(failureId(long)).toMatch(/^[0-9a-f]{64}\.failure$/);
    expect(failureId('y'.repeat(392))).toHaveLength(400);
  });
});

/** A stream record of the hub table as Lambda hands it over: sequence numbers in stream order. */
function streamRecord(seq: number, e: Envelope, eventName: DynamoDBRecord['eventName'] = 'INSERT'): DynamoDBRecord {
  const image = marshall(item(e)) as Record<string, AttributeValue>;
  return { eventName, dynamodb: { SequenceNumber: String(1000 + seq), Keys: marshall(envelopeKey(e.fromTenant, e.id)) as Record<string, AttributeValue>, NewImage: image } };
}

/** Envelope number `n` from `from` to `to`. */
const between = (n: number, from: string, to: string) => envelope({ id: `doc-${n}.r0.${to}`, fromAgency: from, toAgency: to });

/** A turn of the event loop: what a delivery waits on (the recipient's answer), without any clock. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('a batch of the hub\'s stream', () => {
  it('delivers every new envelope once and leaves the hub\'s own marks (MODIFY) and expiries (REMOVE) alone', async () => {
    // Prepare
    const records = [
      streamRecord(0, between(0, 'A', 'X')), streamRecord(1, between(1, 'A', 'Y'), 'MODIFY'),
      streamRecord(2, between(2, 'B', 'X')), streamRecord(3, between(3, 'A', 'Z'), 'REMOVE'),
    ];
    const handled: string[] = [];
    // Act
    const result = await processBatch(records, async (i) => { handled.push(String(i.id)); });
    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(handled.sort()).toEqual(['doc-0.r0.X', 'doc-2.r0.X']);
  });

  it(`delivers up to ${BATCH_CONCURRENCY} envelopes at once, never more`, async () => {
    // Prepare: 25 envelopes to 25 agencies, each delivery waiting a turn
    const records = Array.from({ length: 25 }, (_, n) => streamRecord(n, between(n, 'A', `R${n}`)));
    let inFlight = 0;
    let most = 0;
    // Act
    await processBatch(records, async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await tick();
      inFlight--;
    });
    // Assess
    expect(most).toBe(BATCH_CONCURRENCY);
  });

  it('keeps envelopes between the same two agencies in stream order, while other pairs go alongside', async () => {
    // Prepare: a document and then its recall to X, a status from X, and a document to Y
    const records = [streamRecord(0, between(0, 'A', 'X')), streamRecord(1, between(1, 'A', 'X')), streamRecord(2, between(2, 'X', 'A')), streamRecord(3, between(3, 'A', 'Y'))];
    const log: string[] = [];
    // Act: the first delivery is the slowest
    await processBatch(records, async (i) => {
      log.push(`start ${i.id}`);
      for (let t = 0; t < (i.id === 'doc-0.r0.X' ? 5 : 1); t++) await tick();
      log.push(`end ${i.id}`);
    });
    // Assess
    expect(log.indexOf('start doc-1.r0.X')).toBeGreaterThan(log.indexOf('end doc-0.r0.X'));
    expect(log.indexOf('start doc-2.r0.A')).toBeLessThan(log.indexOf('end doc-0.r0.X'));
    expect(log.indexOf('start doc-3.r0.Y')).toBeLessThan(log.indexOf('end doc-0.r0.X'));
  });

  it('reports the earliest failed record, stops the failed line there, and goes on with the others', async () => {
    // Prepare: 1 fails (its line's 3 must wait), 4 fails too, later; 2 and 5 are other lines
    const records = [
      streamRecord(0, between(0, 'A', 'P')), streamRecord(1, between(1, 'A', 'Q')), streamRecord(2, between(2, 'A', 'R')),
      streamRecord(3, between(3, 'A', 'Q')), streamRecord(4, between(4, 'A', 'S')), streamRecord(5, between(5, 'A', 'T')),
    ];
    const handled: string[] = [];
    const errors: string[] = [];
    // Act
    const result = await processBatch(records, async (i) => {
      if (i.id === 'doc-1.r0.Q' || i.id === 'doc-4.r0.S') throw new Error(`recipient of ${i.id} down`);
      handled.push(String(i.id));
    }, { onError: (record, err) => errors.push(`${record.dynamodb?.SequenceNumber}: ${(err as Error).message}`) });
    // Assess: Lambda retries from 1001; 2 and 5 come again then, which their idempotent delivery makes harmless
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '1001' }] });
    expect(handled.sort()).toEqual(['doc-0.r0.P', 'doc-2.r0.R', 'doc-5.r0.T']);
    expect(errors.sort()).toEqual(['1001: recipient of doc-1.r0.Q down', '1004: recipient of doc-4.r0.S down']);
  });

  it('fails a record it cannot read on its own, without holding up the others', async () => {
    const unreadable: DynamoDBRecord = { eventName: 'INSERT', dynamodb: { SequenceNumber: '1001', NewImage: { pk: { Z: 'x' } as unknown as AttributeValue } } };
    const handled: string[] = [];
    const result = await processBatch([streamRecord(0, between(0, 'A', 'P')), unreadable, streamRecord(2, between(2, 'A', 'P'))], async (i) => { handled.push(String(i.id)); });
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '1001' }] });
    expect(handled).toEqual(['doc-0.r0.P', 'doc-2.r0.P']);
  });
});

describe('the bounded fan-out (shared/pool.ts)', () => {
  it('works through a list at most `limit` at a time, and on a failure starts nothing new and throws it', async () => {
    // Prepare
    let inFlight = 0;
    let most = 0;
    const started: number[] = [];
    // Act
    const run = eachLimit(Array.from({ length: 30 }, (_, i) => i), 4, async (n) => {
      started.push(n);
      inFlight++;
      most = Math.max(most, inFlight);
      await tick();
      inFlight--;
      if (n === 5) throw new Error('five');
    });
    // Assess
    await expect(run).rejects.toThrow('five');
    expect(most).toBe(4);
    expect(started.length).toBeLessThan(30);
  });
});
