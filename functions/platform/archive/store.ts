// The operator API's records of exports (in the registry table, next to the tenant's profile: pk `TENANT#<id>`, sk
// `EXPORT#<exportId>`, exportIds sorting by time) and the tenant's last write as the metering consumers keep it in the
// usage table (pk `TENANT#<id>`, sk `LAST_WRITE`, `at`).
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { withoutKeys } from '#shared/ddb';
import { ArchiveSummary } from './operations';

export const ExportRecord = z.object({
  tenant: z.string(),
  exportId: z.string(),
  status: z.enum(['running', 'completed', 'failed']),
  /** When the operator API asked for it: an export covers every write before this instant. */
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  manifestKey: z.string().optional(),
  summary: ArchiveSummary.optional(),
  error: z.string().optional(),
});
export type ExportRecord = z.infer<typeof ExportRecord>;

export interface ArchiveStore {
  putExport(record: ExportRecord): Promise<void>;
  /** The tenant's exports, newest first. */
  listExports(tenant: string, limit: number): Promise<ExportRecord[]>;
  /** The newest export that completed, if any. */
  latestCompletedExport(tenant: string): Promise<ExportRecord | undefined>;
  /** When the tenant's data last changed, as metering saw it; undefined when no write was ever seen. */
  lastWrite(tenant: string): Promise<string | undefined>;
}

const exportKey = (tenant: string, exportId: string) => ({ pk: `TENANT#${tenant}`, sk: `EXPORT#${exportId}` });
export const lastWriteKey = (tenant: string) => ({ pk: `TENANT#${tenant}`, sk: 'LAST_WRITE' });

export function dynamoArchiveStore(db: DynamoDBDocumentClient, registryTable: string, usageTable: string): ArchiveStore {
  async function* newestFirst(tenant: string, pageSize: number) {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await db.send(new QueryCommand({
        TableName: registryTable, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ExpressionAttributeValues: { ':pk': `TENANT#${tenant}`, ':sk': 'EXPORT#' }, ScanIndexForward: false, Limit: pageSize,
        ConsistentRead: true, ExclusiveStartKey: start,
      }));
      for (const item of out.Items ?? []) yield ExportRecord.parse(withoutKeys(item));
      start = out.LastEvaluatedKey;
    } while (start);
  }
  return {
    async putExport(record) {
      await db.send(new PutCommand({ TableName: registryTable, Item: { ...exportKey(record.tenant, record.exportId), ...record } }));
    },
    async listExports(tenant, limit) {
      const records: ExportRecord[] = [];
      for await (const record of newestFirst(tenant, limit)) {
        records.push(record);
        if (records.length >= limit) break;
      }
      return records;
    },
    async latestCompletedExport(tenant) {
      for await (const record of newestFirst(tenant, 10)) if (record.status === 'completed') return record;
      return undefined;
    },
    async lastWrite(tenant) {
      const out = await db.send(new GetCommand({ TableName: usageTable, Key: lastWriteKey(tenant), ConsistentRead: true }));
      return typeof out.Item?.at === 'string' ? out.Item.at : undefined;
    },
  };
}
