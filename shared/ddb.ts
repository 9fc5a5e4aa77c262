// DynamoDB access shared by every store: one document client per module, opaque cursors, conditional-write errors.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { tallyCapacity } from './consumption';
import { badRequest } from './errors';

let client: DynamoDBDocumentClient | undefined;

/** The endpoint comes from the SDK's own AWS_ENDPOINT_URL_DYNAMODB, so the same code runs in AWS and locally. */
export function documentClient(): DynamoDBDocumentClient {
  if (client) return client;
  const base = new DynamoDBClient({});
  // The tenant's consumed read/write units, for the operator's cost report (shared/consumption.ts).
  tallyCapacity(base);
  client = DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
  return client;
}

const CursorKey = z.record(z.string(), z.union([z.string(), z.number()]));

/** LastEvaluatedKey → opaque string a client hands back. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;
}

/**
 * A client's cursor → ExclusiveStartKey, refusing anything we did not issue for this partition:
 * a cursor of another tenant or a forged key is a 400, never a read of foreign data.
 */
export function decodeCursor(cursor: string | undefined, partitionAttr: string, partition: string): Record<string, string | number> | undefined {
  if (cursor === undefined) return undefined;
  const invalid = () => badRequest('INVALID_CURSOR', 'Con trỏ phân trang không hợp lệ.', 'The pagination cursor is invalid.');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const key = CursorKey.safeParse(decoded);
  if (!key.success || key.data[partitionAttr] !== partition) throw invalid();
  return key.data;
}

export const isConditionalFailure = (err: unknown): boolean =>
  err instanceof Error && (err.name === 'ConditionalCheckFailedException' || err.name === 'TransactionCanceledException');

/** Whether a cancelled transaction failed on its condition (not throttling or a conflict with another transaction). */
export function cancelledOnCondition(err: unknown): boolean {
  if (!(err instanceof Error) || err.name !== 'TransactionCanceledException') return err instanceof Error && err.name === 'ConditionalCheckFailedException';
  const reasons = (err as Error & { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.some((r) => r.Code === 'ConditionalCheckFailed');
}

const INDEX_KEY = /^gsi\d+(pk|sk)$/;

/** A stored item without its table and index keys (and any other storage-only attributes named): what it holds. */
export function withoutKeys<T>(item: Record<string, unknown>, alsoDrop: readonly string[] = []): T {
  return Object.fromEntries(Object.entries(item).filter(([k]) => k !== 'pk' && k !== 'sk' && !INDEX_KEY.test(k) && !alsoDrop.includes(k))) as T;
}

/**
 * Puts and deletes in BatchWriteItem requests of 25, retrying what DynamoDB leaves unprocessed (throttling) with a
 * growing pause. Each request must be idempotent: a batch is not a transaction.
 */
export async function batchWriteAll(db: DynamoDBDocumentClient, table: string, requests: readonly Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let pending = requests.slice(i, i + 25);
    for (let attempt = 0; pending.length; attempt++) {
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending as never } }));
      pending = (out.UnprocessedItems?.[table] ?? []) as Record<string, unknown>[];
      if (pending.length) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
    }
  }
}
