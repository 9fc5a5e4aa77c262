// The exchange hub's routing (functions/platform/exchange/route.ts): which tenant's inbound function an envelope goes
// to, what is refused and why, and the failure notice its sender gets back — never for a failure notice itself.
import { envelopeKey, type Envelope, type ExchangeTenants } from '#shared/exchange';
import { afterInbound, failureId, routeEnvelope } from '#functions/platform/exchange/route';

const tenants: ExchangeTenants = [
  { id: 'nghean', name: 'Nghệ An', rootAgency: '000.00.00.H41' },
  { id: 'hue', name: 'Huế', rootAgency: '000.00.00.H57' },
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

  it('takes the function from the channel, and delivers within one province too', () => {
    const e = envelope({ channel: 'mail', toAgency: '000.03.00.H41' });
    expect(routeEnvelope(item(e), tenants, now)).toMatchObject({ action: 'deliver', to: { tenant: 'nghean', fn: 'mail-inbound' } });
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
