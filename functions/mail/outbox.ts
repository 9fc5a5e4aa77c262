// Stream consumer of the mail outbox: each notification another service requested (a dossier's news, an
// invitation, a reminder) is built into a standard message and goes the way all mail goes (delivery.ts): into the
// INBOX of the province's own officials and shared mailboxes, and out through the transport to anyone else.
// Redelivery is normal: a request already sent is skipped; one claimed by a send that died is retried later, and a
// mailbox files a Message-ID once, so a retry never makes a second copy.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import type { AttributeValue, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { requireEnv } from '#shared/config';
import { documentClient, isConditionalFailure } from '#shared/ddb';
import { AppError } from '#shared/errors';
import { recordsToProcess } from '#shared/import-window';
import { MailRequest, mailOutboxTable, outboxKey } from '#shared/outbox';
import { findTenant } from '#shared/tenancy';
import type { MailDeps } from './deps';
import { deliver as deliverMessage } from './delivery';
import { storeRaw } from './filing';
import { buildMessage } from './mime';
import { mailFromEnv } from './wiring';
import { withConsumption } from '#shared/with-consumption';

const logger = new Logger({ serviceName: 'mail-outbox' });
const table = requireEnv(mailOutboxTable.envVar);
const db = documentClient();
let mail: MailDeps | undefined;

/** A send that has not finished within this long is taken to have died, and may be retried. */
const CLAIM_SECONDS = 120;

async function mark(key: Record<string, string>, values: Record<string, unknown>): Promise<void> {
  const names = Object.keys(values);
  await db.send(new UpdateCommand({
    TableName: table, Key: key,
    UpdateExpression: `SET ${names.map((n) => `#${n} = :${n}`).join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(names.map((n) => [`#${n}`, n])),
    ExpressionAttributeValues: Object.fromEntries(names.map((n) => [`:${n}`, values[n]])),
  }));
}

export async function deliver(request: MailRequest, now = new Date()): Promise<'sent' | 'skipped' | 'failed'> {
  mail ??= mailFromEnv();
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
  let raw: Uint8Array;
  try {
    raw = new TextEncoder().encode(buildMessage({
      messageId, date: new Date(request.createdAt), from, to: request.to, subject: request.subject, text: request.text, html: request.html,
      attachments: request.attachments, headers: { 'X-TinhSo-Reference': `${request.origin.service}:${request.origin.reference}` },
    }));
  } catch (err) {
    // A request the message builder refuses (an address it cannot write) will never succeed: record it, do not retry.
    if (!(err instanceof AppError)) throw err;
    await mark(key, { status: 'failed', failedAt: new Date().toISOString(), reason: err.code });
    return 'failed';
  }
  const stored = await storeRaw(mail, request.tenant, raw);
  const delivery = await deliverMessage(mail, request.tenant, stored, raw, request.to.map((t) => t.address), from.address);
  // The transport failed (SES throttled, a relay down): the stream retries; the mailboxes already filed keep one copy.
  if (Object.values(delivery).includes('failed')) throw new Error(`Mail request ${request.id}: the transport failed for some recipients`);
  await mark(key, { status: 'sent', sentAt: new Date().toISOString(), messageId, delivery });
  return 'sent';
}

// Counted in the tenant's consumption (shared/with-consumption.ts).
export const handler = withConsumption(handle);
async function handle(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const batchItemFailures: { itemIdentifier: string }[] = [];
  // Imported requests were sent by the deployment they were exported from (docs/archive.md).
  for (const record of await recordsToProcess(event.Records)) {
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
