// Receiving Internet mail for the tenant's domain, through the same delivery code as mail written in the suite.
//
// In AWS an SES receipt rule for the domain first stores the raw message in the tenant's files bucket
// (`<tenant>/mail/incoming/<SES message id>`), then invokes this function asynchronously with the SESEvent: it
// reads the object, stores the message once (storeRaw) and files it into each recipient's INBOX with SES's
// SPF/DKIM/DMARC verdicts. Locally the SMTP server (local/smtp.ts) asks `{ kind: 'check' }` at RCPT TO and, after
// DATA, `{ kind: 'deliver' }` for the object it put under the same prefix.
//
// Redelivery is normal (an asynchronous invocation is retried after an error, SES may invoke twice, an SMTP client
// resends after a lost reply): filing is keyed by Message-ID per mailbox, and storeRaw by the bytes' SHA-256, so a
// message received again files nothing twice.
import type { SESEvent, SESEventRecord } from 'aws-lambda';
import { AppError } from '#shared/errors';
import { InboundRequest, type InboundResult } from '#shared/exchange';
import { observability } from '#shared/http/observability';
import { tenantByDomain } from '#shared/tenancy';
import { checkRecipient, deliver } from './delivery';
import type { MailDeps } from './deps';
import { storeRaw } from './filing';
import { domainOfTenant } from './mailboxes';
import {
  incomingPrefix, LocalRequest, type CheckRequest, type CheckResult, type DeliverRequest, type DeliverResult, type InboundOutcome,
} from './incoming';
import { MAX_MESSAGE_BYTES } from './quota';
import { mailFromEnv } from './wiring';
import { domainPart } from './addresses';
import { withConsumption } from '#shared/with-consumption';

const { logger } = observability('mail-inbound');


/** SES's verdicts on a received message, kept with it in every mailbox (the reader shows them). */
export interface Verdicts { spf: string; dkim: string; dmarc: string }

/** One tenant's share of a message SES received: where SES stored it, for whom, and what SES found. */
export interface SesDelivery {
  tenant: string;
  key: string;
  recipients: string[];
  envelopeFrom: string;
  messageId: string;
  verdicts: Verdicts;
  /** SES's virus scan found one: the message is not delivered to anyone. */
  virus: boolean;
}

/**
 * What to deliver for one SES record, per tenant of this deployment. A receipt rule covers one tenant's domain and
 * stores the message under that tenant's prefix, so `receipt.recipients` (the envelope recipients this rule matched)
 * are normally one tenant's; a recipient of a domain this deployment does not serve is left out (`ignored`): received
 * mail is never relayed. Pure: the unit tests feed it hand-built events.
 */
export function sesDeliveries(record: SESEventRecord, tenantOfDomain: (domain: string) => string | undefined): { deliveries: SesDelivery[]; ignored: string[] } {
  const { mail, receipt } = record.ses;
  const byTenant = new Map<string, string[]>();
  const ignored: string[] = [];
  for (const recipient of receipt.recipients) {
    const tenant = tenantOfDomain(domainPart(recipient));
    if (tenant) byTenant.set(tenant, [...(byTenant.get(tenant) ?? []), recipient.toLowerCase()]);
    else ignored.push(recipient);
  }
  const verdicts: Verdicts = { spf: receipt.spfVerdict.status, dkim: receipt.dkimVerdict.status, dmarc: receipt.dmarcVerdict.status };
  const deliveries = [...byTenant].map(([tenant, recipients]) => ({
    tenant, key: `${incomingPrefix(tenant)}${mail.messageId}`, recipients, envelopeFrom: mail.source, messageId: mail.messageId, verdicts,
    virus: receipt.virusVerdict?.status === 'FAIL',
  }));
  return { deliveries, ignored };
}

export const isSesEvent = (event: unknown): event is SESEvent =>
  Array.isArray((event as SESEvent | null)?.Records) && (event as SESEvent).Records.every((r) => r?.eventSource === 'aws:ses' && !!r.ses);

const isMalformed = (err: unknown) => err instanceof AppError && err.code === 'MESSAGE_MALFORMED';

/**
 * Stores the raw message once and delivers it to the recipients of the tenant's own domain. Others are `remote` and
 * get nothing: received mail is never relayed (a list of this domain with outside members is delivery's business).
 */
async function receive(deps: MailDeps, tenant: string, raw: Uint8Array, recipients: string[], envelopeFrom: string, verdicts?: Verdicts): Promise<DeliverResult> {
  if (raw.length > MAX_MESSAGE_BYTES) return { error: 'MESSAGE_TOO_LARGE' };
  const own = recipients.filter((r) => domainPart(r) === domainOfTenant(tenant));
  let stored;
  try {
    stored = await storeRaw(deps, tenant, raw);
  } catch (err) {
    if (isMalformed(err)) return { error: 'MESSAGE_MALFORMED' };
    throw err;
  }
  const outcomes: Record<string, InboundOutcome> = own.length
    ? await deliver(deps, tenant, stored, raw, own, envelopeFrom, verdicts ? { ...verdicts } : undefined)
    : {};
  for (const r of recipients) outcomes[r.toLowerCase()] ??= 'remote';
  return { outcomes };
}

async function readIncoming(deps: MailDeps, key: string): Promise<Uint8Array | undefined> {
  try {
    return await deps.store.getObject(key);
  } catch (err) {
    if ((err as Error).name === 'NoSuchKey' || (err as Error).name === 'NotFound') return undefined;
    throw err;
  }
}

/** Mail SES received: each record, each tenant's share of it. Throws on what a retry may fix (Lambda retries twice). */
export async function receiveSes(deps: MailDeps, event: SESEvent): Promise<{ messages: { messageId: string; tenant: string; result: DeliverResult | { refused: 'VIRUS' } }[] }> {
  const messages = [];
  for (const record of event.Records) {
    const { deliveries, ignored } = sesDeliveries(record, (domain) => tenantByDomain(domain)?.id);
    if (ignored.length) logger.warn('recipients of domains this deployment does not serve', { messageId: record.ses.mail.messageId, ignored });
    for (const d of deliveries) {
      if (d.virus) {
        // Not filed anywhere: an official's mailbox never holds a message SES found a virus in.
        logger.warn('message refused: virus', { messageId: d.messageId, tenant: d.tenant, recipients: d.recipients });
        messages.push({ messageId: d.messageId, tenant: d.tenant, result: { refused: 'VIRUS' as const } });
        continue;
      }
      const raw = await readIncoming(deps, d.key);
      // The S3 action runs before the Lambda action: a missing object is an error the retry may not fix, but one
      // that must be seen (a rule whose prefix does not match incomingPrefix).
      if (!raw) throw new Error(`Received message ${d.messageId} is not in the files bucket at ${d.key}`);
      const result = await receive(deps, d.tenant, raw, d.recipients, d.envelopeFrom, d.verdicts);
      // SES accepted the message already: what cannot be delivered (unknown, full, too large, malformed) is logged, as
      // SES bounces nothing after a Lambda action.
      logger.info('message received', { messageId: d.messageId, tenant: d.tenant, verdicts: d.verdicts, ...result });
      messages.push({ messageId: d.messageId, tenant: d.tenant, result });
    }
  }
  return { messages };
}

/** Local SMTP at RCPT TO. A message of unknown size takes at least a byte: a mailbox at its quota is full. */
export async function checkRecipients(deps: MailDeps, request: CheckRequest): Promise<CheckResult> {
  const size = Math.max(request.size ?? 1, 1);
  const results: CheckResult['results'] = {};
  for (const address of request.recipients) results[address] = await checkRecipient(deps, request.tenant, address, size);
  return { results };
}

/** Local SMTP after DATA: the raw message the server put under the tenant's incoming prefix. */
export async function deliverIncoming(deps: MailDeps, request: DeliverRequest): Promise<DeliverResult> {
  // The object must be this tenant's received mail: nothing else in the bucket is delivered by key.
  if (!request.key.startsWith(incomingPrefix(request.tenant))) throw new Error(`Key ${request.key} is not under ${incomingPrefix(request.tenant)}`);
  const raw = await readIncoming(deps, request.key);
  if (!raw) return { error: 'INCOMING_NOT_FOUND' };
  return receive(deps, request.tenant, raw, request.recipients, request.envelopeFrom);
}

/**
 * Mail from another province of the suite, handed over by the platform's exchange hub (the function's fixed name is
 * `tinhso-<tenant>-mail-inbound`): the raw message from the hub bucket, delivered to this province's recipients.
 * A failure notice about mail this province sent is logged (the hub could not find the other province).
 */
export async function receiveFromHub(deps: MailDeps, request: InboundRequest): Promise<InboundResult> {
  if (request.kind === 'failure') {
    logger.warn('mail through the hub not delivered', { envelope: request.failure?.envelopeId, code: request.failure?.code, reason: request.failure?.reason });
    return { outcome: 'delivered' };
  }
  if (request.kind !== 'message' || !request.objectKey || !deps.exchange) {
    return { outcome: 'refused', code: 'NOT_MAIL', reason: 'Phong bì không mang thư điện tử.' };
  }
  const raw = await deps.exchange.hub.getObjectBytes(request.objectKey);
  const result = await receive(deps, request.toTenant, raw, request.recipients ?? [], `postmaster@${request.fromAgency}`);
  logger.info('message received through the hub', { envelope: request.id, from: request.fromTenant, tenant: request.toTenant, ...result });
  if ('error' in result) return { outcome: 'refused', code: result.error, reason: `Thư không nhận được: ${result.error}.` };
  return { outcome: 'delivered' };
}

let deps: MailDeps | undefined;

// Counted in the tenant's consumption (shared/with-consumption.ts).
export const handler = withConsumption(handle);
async function handle(event: unknown): Promise<unknown> {
  deps ??= mailFromEnv();
  if (isSesEvent(event)) return receiveSes(deps, event);
  const fromHub = InboundRequest.safeParse(event);
  if (fromHub.success && fromHub.data.channel === 'mail') return receiveFromHub(deps, fromHub.data);
  const request = LocalRequest.parse(event);
  if (request.kind === 'check') return checkRecipients(deps, request);
  const result = await deliverIncoming(deps, request);
  logger.info('message received', { key: request.key, tenant: request.tenant, ...result });
  return result;
}
