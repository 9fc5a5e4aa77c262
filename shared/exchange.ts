// The platform's exchange hub (ARCHITECTURE.md, Between services): how one tenant hands an envelope to another.
// A sending tenant puts an envelope item into the hub table (PlatformStack) under its own key prefix, with any
// large content (an edXML document with its attachments) in the hub bucket; the hub's stream consumer invokes the
// recipient tenant's inbound function, which files it exactly once (its writes are keyed by the envelope id).
import * as z from 'zod';
import type { TableDef } from './table';

/**
 * The hub table, in the `platform` deployment (`platform-exchange`). Access patterns:
 * - an envelope: pk `{from tenant}#ENVELOPE#{envelope id}`, sk `ENVELOPE` (the prefix is the sender: IAM lets a
 *   tenant's functions put items under their own prefix only, so nobody can send in another tenant's name).
 * The stream's INSERT records are the hub's work; the hub records the outcome on the item (MODIFY, ignored).
 */
export const exchangeTable: TableDef = {
  name: 'exchange',
  envVar: 'EXCHANGE_TABLE',
  partitionKey: 'pk',
  sortKey: 'sk',
  stream: true,
  ttlAttribute: 'expiresAt',
};

/** The hub bucket: edXML envelopes too large for an item, under `{from tenant}/…`. */
export const EXCHANGE_BUCKET_ENV = 'EXCHANGE_BUCKET';
/** Locally: the PEM private key the tenant signs edXML with. In AWS: EXCHANGE_KEY_ID, an asymmetric KMS key. */
export const EXCHANGE_KEY_FILE_ENV = 'EXCHANGE_KEY_FILE';
export const EXCHANGE_KEY_ID_ENV = 'EXCHANGE_KEY_ID';

/** The deployment name of the control plane, whose tables are `platform-<name>`. */
export const PLATFORM_DEPLOYMENT = 'platform';

/** The fixed name of a tenant's function (so a stack of one tenant can name another's without a reference). */
export const tenantFunctionName = (tenant: string, fn: string): string => `tinhso-${tenant}-${fn}`;

/** An agency code ends in its province's code (`000.00.31.H41` is in H41): which tenant serves it. */
export const provinceOfAgency = (agency: string): string => agency.slice(-3);

/**
 * message: an Internet mail message between two tenants' domains (channel mail), the raw .eml in the hub bucket;
 * document: an edXML message (new, recall, update, replace); status: an edXML status envelope (01…16);
 * failure: the hub (or the recipient) could not deliver an envelope, told back to its sender.
 */
export const ENVELOPE_KINDS = ['document', 'status', 'failure', 'message'] as const;

/** The services that exchange through the hub; each has an inbound function named `<channel>-inbound`. */
export const EXCHANGE_CHANNELS = ['documents', 'mail'] as const;
export const inboundFunction = (channel: (typeof EXCHANGE_CHANNELS)[number]): string => `${channel}-inbound`;

export const Envelope = z.object({
  /** Unique for what it carries (e.g. `<document id>.<business>.<recipient>`): putting it twice puts it once. */
  id: z.string().min(1).max(400).regex(/^[\w.:#-]+$/),
  channel: z.enum(EXCHANGE_CHANNELS),
  kind: z.enum(ENVELOPE_KINDS),
  fromTenant: z.string(),
  fromAgency: z.string(),
  toAgency: z.string(),
  /** A document: the edXML envelope's key in the hub bucket. */
  objectKey: z.string().optional(),
  /** A status (QCVN 102 status codes, or a delivery failure): small, carried in the item as the edXML status XML. */
  body: z.string().max(300_000).optional(),
  /** A mail message: the recipient tenant's domain, and its addresses the message is for (the envelope's RCPT TO). */
  toDomain: z.string().optional(),
  recipients: z.array(z.string()).max(500).optional(),
  /** A failure: which envelope of the receiving side's sender could not be delivered, and why. */
  failure: z.object({ envelopeId: z.string(), code: z.string(), reason: z.string() }).optional(),
  createdAt: z.string(),
});
export type Envelope = z.infer<typeof Envelope>;

export const envelopeKey = (fromTenant: string, id: string) => ({ pk: `${fromTenant}#ENVELOPE#${id}`, sk: 'ENVELOPE' });

/** What the hub hands a recipient tenant's inbound function (Lambda Invoke, synchronous). */
export const InboundRequest = Envelope.extend({ toTenant: z.string() });
export type InboundRequest = z.infer<typeof InboundRequest>;

/** `refused`: the recipient does not take it (e.g. no such agency), and the sender is told why. */
export const InboundResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('delivered') }),
  z.object({ outcome: z.literal('refused'), code: z.string(), reason: z.string() }),
]);
export type InboundResult = z.infer<typeof InboundResult>;

/** Envelopes are transit copies: the hub forgets them after 30 days (both tenants keep their own records). */
export const ENVELOPE_RETENTION_SECONDS = 30 * 24 * 3600;

/** What the hub knows of the tenants it connects (EXCHANGE_TENANTS): which tenant serves which province's agencies. */
export const ExchangeTenants = z.array(z.object({ id: z.string(), name: z.string(), rootAgency: z.string(), domain: z.string().optional() }));
export type ExchangeTenants = z.infer<typeof ExchangeTenants>;
export const EXCHANGE_TENANTS_ENV = 'EXCHANGE_TENANTS';

/** What the hub and the exchanging functions are told of the tenants (from tenant files or deployed tenants alike). */
export const exchangeTenantsOf = (tenants: readonly { id: string; name: string; rootAgency: string; domain: string }[]): ExchangeTenants =>
  tenants.map((t) => ({ id: t.id, name: t.name, rootAgency: t.rootAgency, domain: t.domain }));

/** The tenant that serves an agency code, by its province suffix. */
export const tenantOfAgency = (tenants: ExchangeTenants, agency: string) =>
  tenants.find((t) => provinceOfAgency(t.rootAgency) === provinceOfAgency(agency));

/** The tenant whose mail domain this is (case-insensitive). */
export const tenantOfDomain = (tenants: ExchangeTenants, domain: string) =>
  tenants.find((t) => t.domain?.toLowerCase() === domain.toLowerCase());
