// Stream consumer of the mail outbox: each new message request is built into a standard message and sent once.
// Redelivery is normal: a request already sent is skipped; one claimed by a send that died is retried later.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import type { AttributeValue, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { requireEnv } from '#shared/config';
import { documentClient, isConditionalFailure } from '#shared/ddb';
import { MailRequest, mailOutboxTable, outboxKey } from '#shared/outbox';
import { findTenant } from '#shared/tenancy';
import { buildMessage } from './mime';
import { transportFromEnv, type Transport } from './transport';

const logger = new Logger({ serviceName: 'mail-outbox' });
const table = requireEnv(mailOutboxTable.envVar);
const db = documentClient();
const transport: Transport = transportFromEnv();

/** A send that has not finished within this long is taken to have died, and may be retried. */
const CLAIM_SECONDS = 120;

export async function deliver(request: MailRequest, now = new Date()): Promise<'sent' | 'skipped'> {
  const tenant = findTenant(request.tenant);
  if (!tenant) throw new Error(`Mail request ${request.id} names tenant ${request.tenant}, which this deployment does not serve`);
  const key = outboxKey(request.tenant, request.id);
  try {
    await db.send(new UpdateCommand({
      TableName: table, Key: key,
      UpdateExpression: 'SET #status = :sending, claimedAt = :now',
      ConditionExpression: '#status = :requested OR (#status = :sending AND claimedAt < :stale)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':sending': 'sending', ':requested': 'requested', ':now': now.getTime(), ':stale': now.getTime() - CLAIM_SECONDS * 1000 },
    }));
  } catch (err) {
    if (isConditionalFailure(err)) return 'skipped'; // sent already, or another delivery is sending it right now
    throw err;
  }
  const messageId = `${request.id.replace(/[^\w.-]/g, '.')}@${tenant.domain}`;
  const from = { address: `${request.from.local}@${tenant.domain}`, name: request.from.name };
  const raw = buildMessage({
    messageId, date: new Date(request.createdAt), from, to: request.to, subject: request.subject, text: request.text, html: request.html, attachments: request.attachments,
    headers: { 'X-TinhSo-Reference': `${request.origin.service}:${request.origin.reference}` },
  });
  await transport.send(raw, { from: from.address, to: request.to.map((t) => t.address) }, messageId);
  await db.send(new UpdateCommand({
    TableName: table, Key: key,
    UpdateExpression: 'SET #status = :sent, sentAt = :now, messageId = :id',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':sent': 'sent', ':now': new Date().toISOString(), ':id': messageId },
  }));
  return 'sent';
}

export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) continue;
    try {
      const item = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue> as never);
      const result = await deliver(MailRequest.parse(item));
      logger.info('mail request', { id: item.id, tenant: item.tenant, result });
    } catch (err) {
      logger.error('mail request failed', err as Error);
      batchItemFailures.push({ itemIdentifier: record.dynamodb.SequenceNumber! });
      break; // later records wait for this one: Lambda retries from the first failure
    }
  }
  return { batchItemFailures };
}
