// The documents table's stream, as the exchange's event log: an issued or revised document is delivered (local
// recipients, in case the request that issued it stopped half way) and sent through the hub (other provinces); a
// status a recipient wrote is applied to a local sender's trace or sent back through the hub. Every step is
// idempotent, so a record delivered twice changes nothing the second time.
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { observability } from '#shared/http/observability';
import { recordsToProcess } from '#shared/import-window';
import { deliverAll } from '../delivery';
import type { StatusMessage } from '../incoming';
import { sendBackLocally } from '../incoming';
import type { OutgoingDocument } from '../schemas';
import { strip } from '../store';
import { documentsFromEnv } from '../wiring';
import { sendStatusToHub, sendToHub, type ExchangeDeps } from './outbound';
import { withConsumption } from '#shared/with-consumption';

const { logger } = observability('documents-dispatch');

export async function dispatchRecord(deps: ExchangeDeps, image: Record<string, unknown>, old?: Record<string, unknown>): Promise<void> {
  const pk = String(image.pk);
  const tenant = pk.slice(0, pk.indexOf('#'));
  const sk = String(image.sk);
  if (sk === 'DOC') {
    const doc = strip<OutgoingDocument>(image);
    const before = old ? strip<OutgoingDocument>(old) : undefined;
    const changed = doc.issuedAt && (!before?.issuedAt || before.revisions.length !== doc.revisions.length);
    if (!changed) return;
    // The hub's recipients first: theirs is the long way (hub, another province, a status back). The local ones
    // were normally served by the request that issued the document; deliverAll is the net for when it stopped.
    await sendToHub(deps, tenant, doc);
    await deliverAll(deps, tenant, doc);
  } else if (sk.startsWith('STATUS#') && !old) {
    const { pk: _pk, sk: _sk, ...message } = image;
    const m = message as unknown as StatusMessage;
    if (m.source.route === 'local') await sendBackLocally(deps, tenant, m);
    else if (m.source.route === 'hub') await sendStatusToHub(deps, tenant, m);
  }
}

let deps: ExchangeDeps | undefined;

// Counted in the tenant's consumption (shared/with-consumption.ts).
export const handler = withConsumption(handle);
async function handle(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  deps ??= documentsFromEnv();
  // Imported documents were dispatched by the deployment they were exported from (docs/archive.md).
  for (const record of await recordsToProcess(event.Records)) {
    const image = record.dynamodb?.NewImage;
    if (!image) continue;
    try {
      const old = record.dynamodb?.OldImage;
      await dispatchRecord(deps, unmarshall(image as Record<string, AttributeValue>), old ? unmarshall(old as Record<string, AttributeValue>) : undefined);
    } catch (err) {
      logger.error('dispatch failed', { error: err as Error, keys: record.dynamodb?.Keys });
      // Stop here: this record and the later ones are retried in order.
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb!.SequenceNumber! }] };
    }
  }
  return { batchItemFailures: [] };
}
