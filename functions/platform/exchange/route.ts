// The exchange hub's decisions, without I/O (docs/streams.md, "The exchange hub"): which tenant's inbound function an
// envelope goes to, and what its sender is told when it cannot be delivered. hub.ts does the invoking and marking.
import { createHash } from 'node:crypto';
import { toVietnamIso } from '#shared/clock';
import {
  Envelope, inboundFunction, PLATFORM_DEPLOYMENT, tenantOfAgency, tenantOfDomain, type ExchangeTenants, type InboundRequest, type InboundResult,
} from '#shared/exchange';

const ENVELOPE_MARK = '#ENVELOPE#';
const ENVELOPE_SK = 'ENVELOPE';
/** Envelope.id's own limit. */
const MAX_ID_LENGTH = 400;

/** One synchronous invocation of a tenant's inbound function. */
export interface Invocation {
  tenant: string;
  /** The function's name in the tenant (`<channel>-inbound`); its name in AWS is tenantFunctionName(tenant, fn). */
  fn: string;
  request: InboundRequest;
}

/** The item is given up: marked `failed` with `code` and `reason`, after its sender is told (`notify`) when it can be. */
export interface Failed {
  action: 'fail';
  code: string;
  reason: string;
  notify?: Invocation;
}

export type Route =
  /** Not an envelope item (or not under a key the hub reads): left alone, not even marked. */
  | { action: 'ignore' }
  | { action: 'deliver'; to: Invocation }
  | Failed;

export type Outcome = { action: 'delivered' } | Failed;

/** The id of the failure notice about envelope `id`: the same every time (the sender files it once), at most 400 characters. */
export function failureId(id: string): string {
  const suffixed = `${id}.failure`;
  return suffixed.length <= MAX_ID_LENGTH ? suffixed : `${createHash('sha256').update(id).digest('hex')}.failure`;
}

/**
 * The failure envelope telling `original`'s sender why it was not delivered, as its sender's inbound function gets it.
 * `by` is who refused it: the recipient tenant, or the hub itself (`platform`) when no tenant serves the agency.
 */
export function failureNotice(original: Envelope, by: string, code: string, reason: string, now: Date): Invocation {
  const request: InboundRequest = {
    id: failureId(original.id),
    channel: original.channel,
    kind: 'failure',
    fromTenant: by,
    fromAgency: original.toAgency,
    toAgency: original.fromAgency,
    failure: { envelopeId: original.id, code, reason },
    createdAt: toVietnamIso(now),
    toTenant: original.fromTenant,
  };
  return { tenant: original.fromTenant, fn: inboundFunction(original.channel), request };
}

/** A refusal: the sender is told, unless what was refused is itself a failure notice (that would never end). */
function refused(envelope: Envelope, by: string, code: string, reason: string, now: Date): Failed {
  return envelope.kind === 'failure' ? { action: 'fail', code, reason } : { action: 'fail', code, reason, notify: failureNotice(envelope, by, code, reason, now) };
}

/** Where a new hub item goes. `item` is the stream record's NewImage, unmarshalled. */
export function routeEnvelope(item: Record<string, unknown>, tenants: ExchangeTenants, now: Date): Route {
  const { pk, sk } = item;
  const mark = typeof pk === 'string' ? pk.indexOf(ENVELOPE_MARK) : -1;
  if (typeof pk !== 'string' || sk !== ENVELOPE_SK || mark <= 0) return { action: 'ignore' };
  const sender = pk.slice(0, mark);
  const parsed = Envelope.safeParse(item);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { action: 'fail', code: 'INVALID_ENVELOPE', reason: `Phong bì không hợp lệ: ${issue?.path.join('.') || '(gốc)'}: ${issue?.message}.` };
  }
  const envelope = parsed.data;
  // The key's prefix is the sender (IAM lets a tenant put items under its own prefix only): the envelope must agree.
  if (envelope.fromTenant !== sender) {
    return { action: 'fail', code: 'SENDER_MISMATCH', reason: `Phong bì nằm trong phần của đơn vị ${sender} nhưng ghi đơn vị gửi là ${envelope.fromTenant}.` };
  }
  if (pk.slice(mark + ENVELOPE_MARK.length) !== envelope.id) {
    return { action: 'fail', code: 'INVALID_ENVELOPE', reason: `Khóa của phong bì không khớp với mã phong bì ${envelope.id}.` };
  }
  if (!tenants.some((t) => t.id === sender)) {
    return { action: 'fail', code: 'UNKNOWN_SENDER', reason: `Đơn vị gửi ${sender} không tham gia trục liên thông.` };
  }
  // Mail goes to the tenant of the recipient domain; documents to the tenant of the receiving agency's province.
  const recipient = envelope.channel === 'mail' ? tenantOfDomain(tenants, envelope.toDomain ?? '') : tenantOfAgency(tenants, envelope.toAgency);
  if (!recipient && envelope.channel === 'mail') {
    return refused(envelope, PLATFORM_DEPLOYMENT, 'UNKNOWN_DOMAIN', `Không có tỉnh nào dùng tên miền thư ${envelope.toDomain ?? '(trống)'} trên trục liên thông.`, now);
  }
  if (!recipient) {
    return refused(envelope, PLATFORM_DEPLOYMENT, 'UNKNOWN_AGENCY', `Không có cơ quan nhận mã ${envelope.toAgency} trên trục liên thông.`, now);
  }
  return { action: 'deliver', to: { tenant: recipient.id, fn: inboundFunction(envelope.channel), request: { ...envelope, toTenant: recipient.id } } };
}

/** What the recipient's answer means for the envelope it was handed. */
export function afterInbound(request: InboundRequest, result: InboundResult, now: Date): Outcome {
  if (result.outcome === 'delivered') return { action: 'delivered' };
  const { toTenant, ...envelope } = request;
  return refused(envelope, toTenant, result.code, result.reason, now);
}
