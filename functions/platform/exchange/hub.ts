// Lambda entry of the exchange hub (functions/index.ts PLATFORM_STREAMS, `exchange-hub`): fed by the hub table's stream,
// it hands each new envelope to the recipient tenant's inbound function and records the outcome on the item.
// Redelivery is safe: the recipient files an envelope once (its writes are keyed by the envelope id), and so does the
// sender a failure notice. route.ts decides, batch.ts sets the order and concurrency; this file invokes and marks.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { requireEnv, requireJsonEnv } from '#shared/config';
import { documentClient, isConditionalFailure } from '#shared/ddb';
import { EXCHANGE_TENANTS_ENV, ExchangeTenants, exchangeTable, InboundResult, tenantFunctionName } from '#shared/exchange';
import { processBatch } from './batch';
import { afterInbound, routeEnvelope, type Invocation, type Outcome } from './route';

const logger = new Logger({ serviceName: 'exchange-hub' });
const table = requireEnv(exchangeTable.envVar);
const tenants = requireJsonEnv(EXCHANGE_TENANTS_ENV, ExchangeTenants);
const db = documentClient();
// The endpoint comes from the SDK's own AWS_ENDPOINT_URL_LAMBDA (locally: the gateway's Lambda Invoke API).
const lambda = new LambdaClient({});

/** Invokes a tenant's inbound function and waits for its answer; a function error or an unreadable answer throws (retry). */
async function invoke({ tenant, fn, request }: Invocation): Promise<InboundResult> {
  const name = tenantFunctionName(tenant, fn);
  const out = await lambda.send(new InvokeCommand({
    FunctionName: name, InvocationType: 'RequestResponse', Payload: new TextEncoder().encode(JSON.stringify(request)),
  }));
  const payload = out.Payload ? new TextDecoder().decode(out.Payload) : '';
  if (out.FunctionError) throw new Error(`${name} failed (${out.FunctionError}): ${payload}`);
  return InboundResult.parse(JSON.parse(payload));
}

/** Records the outcome on the hub item; an item already gone (expired) is not written again. */
async function mark(key: { pk: string; sk: string }, outcome: Outcome, toTenant: string | undefined, now: Date): Promise<void> {
  const at = now.toISOString();
  const update = outcome.action === 'delivered'
    ? { UpdateExpression: 'SET #state = :state, deliveredAt = :at, toTenant = :to', ExpressionAttributeValues: { ':state': 'delivered', ':at': at, ':to': toTenant } }
    : { UpdateExpression: 'SET #state = :state, failedAt = :at, reason = :code, detail = :detail', ExpressionAttributeValues: { ':state': 'failed', ':at': at, ':code': outcome.code, ':detail': outcome.reason } };
  try {
    await db.send(new UpdateCommand({
      TableName: table, Key: key, ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeNames: { '#state': 'state' }, ...update,
    }));
  } catch (err) {
    if (!isConditionalFailure(err)) throw err;
  }
}

async function handle(item: Record<string, unknown>): Promise<void> {
  const now = new Date();
  const route = routeEnvelope(item, tenants, now);
  if (route.action === 'ignore') return;
  const outcome = route.action === 'deliver' ? afterInbound(route.to.request, await invoke(route.to), now) : route;
  if (outcome.action === 'fail' && outcome.notify) {
    const told = await invoke(outcome.notify);
    if (told.outcome === 'refused') logger.warn('failure notice refused by its sender', { id: item.id, notice: outcome.notify.request.id, ...told });
  }
  await mark({ pk: item.pk as string, sk: item.sk as string }, outcome, route.action === 'deliver' ? route.to.tenant : undefined, now);
  const details = { id: item.id, from: item.fromTenant, toAgency: item.toAgency, kind: item.kind };
  if (outcome.action === 'delivered') logger.info('envelope delivered', { ...details, toTenant: route.action === 'deliver' ? route.to.tenant : undefined });
  else logger.warn('envelope not delivered', { ...details, code: outcome.code, reason: outcome.reason, senderTold: !!outcome.notify });
}

export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  return processBatch(event.Records, handle, {
    onError: (record, err) => logger.error('envelope delivery failed; it will be retried', { keys: record.dynamodb?.Keys, error: err as Error }),
  });
}
