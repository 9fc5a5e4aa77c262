// What the platform's hub invokes to deliver an envelope into this tenant (shared/exchange.ts): a document from
// another province (its signed edXML in the hub bucket), a status about a document we sent, or a failure to
// deliver one of ours. Filing is keyed by DocumentId and recipient, so a redelivery changes nothing.
import { toVietnamIso } from '#shared/clock';
import { AppError } from '#shared/errors';
import { InboundRequest, type InboundResult } from '#shared/exchange';
import { observability } from '#shared/http/observability';
import { applyStatus, traceEntry } from '../delivery';
import { DOCUMENT_TEXT as T } from '../text';
import { documentsFromEnv } from '../wiring';
import { parseDocumentEnvelopeId, type ExchangeDeps } from './outbound';
import { receiveEdxml } from './receive';
import { withConsumption } from '#shared/with-consumption';

const { logger } = observability('documents-inbound');

export async function receive(deps: ExchangeDeps, request: InboundRequest): Promise<InboundResult> {
  const tenant = request.toTenant;
  const source = { route: 'hub' as const, tenant: request.fromTenant, envelopeId: request.id };
  if (request.kind === 'failure') {
    const about = request.failure && parseDocumentEnvelopeId(request.failure.envelopeId);
    if (about) {
      await applyStatus(deps, tenant, about.docId, about.agency, traceEntry('failed', toVietnamIso(new Date(Date.parse(request.createdAt))), request.id, { description: request.failure!.reason }));
    }
    return { outcome: 'delivered' };
  }
  try {
    const xml = request.kind === 'document' ? await deps.hub.getObject(request.objectKey!) : request.body!;
    const received = await receiveEdxml(deps, tenant, xml, source, request.kind === 'document' ? request.toAgency : undefined);
    if (received.kind === 'document' && received.filed.length === 0) return { outcome: 'refused', code: 'UNKNOWN_AGENCY', reason: T.unknownAgency.vi };
    return { outcome: 'delivered' };
  } catch (err) {
    // A message that cannot be read or verified will not become readable on a retry: refuse it with the reason.
    if (err instanceof AppError && err.status < 500) return { outcome: 'refused', code: err.code, reason: err.message };
    throw err;
  }
}

let deps: ExchangeDeps | undefined;

// Counted in the tenant's consumption (shared/with-consumption.ts).
export const handler = withConsumption(handle);
async function handle(event: unknown): Promise<InboundResult> {
  deps ??= documentsFromEnv();
  const request = InboundRequest.parse(event);
  const result = await receive(deps, request);
  logger.info('envelope received', { id: request.id, kind: request.kind, outcome: result.outcome });
  return result;
}
