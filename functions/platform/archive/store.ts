// The operator API's records of the tenant operations it starts, in the registry table next to the tenant's profile
// (pk `TENANT#<id>`; sk `EXPORT#<exportId>`, `IMPORT#<importId>`, `PURGE#<purgeId>`, ids sorting by time), and the
// tenant's last write as the metering consumers keep it in the usage table (pk `TENANT#<id>`, sk `LAST_WRITE`, `at`).
// A record is `running` from the route's 202 until the archive runner writes its outcome (docs/archive.md).
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { isConditionalFailure, withoutKeys } from '#shared/ddb';
import { ArchiveSummary, PurgeResult, Refusal } from './operations';

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

export const ImportRecord = z.object({
  tenant: z.string(),
  importId: z.string(),
  /** The archive restored, under `<tenant>/exports/<exportId>/` in the tenant's bucket. */
  exportId: z.string(),
  /** `refused`: tenant-import wrote nothing (`refusal` says why); `failed`: it threw, and may have written part. */
  status: z.enum(['running', 'completed', 'refused', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  summary: ArchiveSummary.optional(),
  /** The stream records of this span were the import's, and were left alone by the consumers. */
  importWindow: z.object({ from: z.string(), to: z.string().optional() }).optional(),
  refusal: Refusal.omit({ outcome: true }).optional(),
  error: z.string().optional(),
});
export type ImportRecord = z.infer<typeof ImportRecord>;

export const PurgeRecord = z.object({
  tenant: z.string(),
  purgeId: z.string(),
  status: z.enum(['running', 'completed', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  /** What tenant-purge deleted (items of every table, objects of the bucket but the archives). */
  purged: PurgeResult.omit({ outcome: true }).optional(),
  /** The newest completed export when the purge started: the archive that was kept. */
  archive: z.object({ exportId: z.string(), manifestKey: z.string() }).optional(),
  error: z.string().optional(),
});
export type PurgeRecord = z.infer<typeof PurgeRecord>;

export interface OperationRecords { export: ExportRecord; import: ImportRecord; purge: PurgeRecord }
export type OperationKind = keyof OperationRecords;
export type OperationRecord = OperationRecords[OperationKind];

const KINDS = {
  export: { prefix: 'EXPORT#', schema: ExportRecord, id: (r: ExportRecord) => r.exportId },
  import: { prefix: 'IMPORT#', schema: ImportRecord, id: (r: ImportRecord) => r.importId },
  purge: { prefix: 'PURGE#', schema: PurgeRecord, id: (r: PurgeRecord) => r.purgeId },
} as const;

export const operationId = <K extends OperationKind>(kind: K, record: OperationRecords[K]): string => (KINDS[kind].id as (r: OperationRecords[K]) => string)(record);

/** What claiming a record's run found: it is this run's now, it ended already, another run holds it, or there is none. */
export type Claim<K extends OperationKind> = { state: 'claimed'; record: OperationRecords[K] } | { state: 'ended' | 'busy' | 'missing' };

export interface ArchiveStore {
  put<K extends OperationKind>(kind: K, record: OperationRecords[K]): Promise<void>;
  get<K extends OperationKind>(kind: K, tenant: string, id: string): Promise<OperationRecords[K] | undefined>;
  /** The tenant's records of that kind, newest first. */
  list<K extends OperationKind>(kind: K, tenant: string, limit: number): Promise<OperationRecords[K][]>;
  /** The newest export that completed, if any. */
  latestCompletedExport(tenant: string): Promise<ExportRecord | undefined>;
  /** When the tenant's data last changed, as metering saw it; undefined when no write was ever seen. */
  lastWrite(tenant: string): Promise<string | undefined>;
  /**
   * Takes the run of a `running` record until `until` (epoch ms), unless another run holds it until later: the guard
   * against two deliveries of the same asynchronous invocation running at once.
   */
  claim<K extends OperationKind>(kind: K, tenant: string, id: string, now: Date, until: Date): Promise<Claim<K>>;
  /** Gives the claim back (a run that broke before it could write the outcome), so that a retry may take it. */
  release(kind: OperationKind, tenant: string, id: string): Promise<void>;
  /** Replaces a `running` record by its outcome; false, and nothing written, when it was no longer running. */
  finish<K extends OperationKind>(kind: K, record: OperationRecords[K]): Promise<boolean>;
}

const recordKey = (kind: OperationKind, tenant: string, id: string) => ({ pk: `TENANT#${tenant}`, sk: `${KINDS[kind].prefix}${id}` });
export const lastWriteKey = (tenant: string) => ({ pk: `TENANT#${tenant}`, sk: 'LAST_WRITE' });
const RUNNING = { ConditionExpression: '#status = :running', ExpressionAttributeNames: { '#status': 'status' } } as const;

export function dynamoArchiveStore(db: DynamoDBDocumentClient, registryTable: string, usageTable: string): ArchiveStore {
  const parse = <K extends OperationKind>(kind: K, item: Record<string, unknown>) => KINDS[kind].schema.parse(withoutKeys(item)) as OperationRecords[K];
  async function* newestFirst<K extends OperationKind>(kind: K, tenant: string, pageSize: number) {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await db.send(new QueryCommand({
        TableName: registryTable, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ExpressionAttributeValues: { ':pk': `TENANT#${tenant}`, ':sk': KINDS[kind].prefix }, ScanIndexForward: false, Limit: pageSize,
        ConsistentRead: true, ExclusiveStartKey: start,
      }));
      for (const item of out.Items ?? []) yield parse(kind, item);
      start = out.LastEvaluatedKey;
    } while (start);
  }
  return {
    async put(kind, record) {
      await db.send(new PutCommand({ TableName: registryTable, Item: { ...recordKey(kind, record.tenant, operationId(kind, record)), ...record } }));
    },
    async get(kind, tenant, id) {
      const out = await db.send(new GetCommand({ TableName: registryTable, Key: recordKey(kind, tenant, id), ConsistentRead: true }));
      return out.Item ? parse(kind, out.Item) : undefined;
    },
    async list(kind, tenant, limit) {
      const records: OperationRecords[typeof kind][] = [];
      for await (const record of newestFirst(kind, tenant, limit)) {
        records.push(record);
        if (records.length >= limit) break;
      }
      return records;
    },
    async latestCompletedExport(tenant) {
      for await (const record of newestFirst('export', tenant, 10)) if (record.status === 'completed') return record;
      return undefined;
    },
    async lastWrite(tenant) {
      const out = await db.send(new GetCommand({ TableName: usageTable, Key: lastWriteKey(tenant), ConsistentRead: true }));
      return typeof out.Item?.at === 'string' ? out.Item.at : undefined;
    },
    async claim(kind, tenant, id, now, until) {
      try {
        const out = await db.send(new UpdateCommand({
          TableName: registryTable, Key: recordKey(kind, tenant, id), UpdateExpression: 'SET claimedUntil = :until',
          ConditionExpression: '#status = :running AND (attribute_not_exists(claimedUntil) OR claimedUntil < :now)',
          ExpressionAttributeNames: RUNNING.ExpressionAttributeNames,
          ExpressionAttributeValues: { ':running': 'running', ':now': now.getTime(), ':until': until.getTime() }, ReturnValues: 'ALL_NEW',
        }));
        return { state: 'claimed', record: parse(kind, out.Attributes!) };
      } catch (err) {
        if (!isConditionalFailure(err)) throw err;
        const out = await db.send(new GetCommand({ TableName: registryTable, Key: recordKey(kind, tenant, id), ConsistentRead: true }));
        return { state: !out.Item ? 'missing' : out.Item.status === 'running' ? 'busy' : 'ended' };
      }
    },
    async release(kind, tenant, id) {
      try {
        await db.send(new UpdateCommand({
          TableName: registryTable, Key: recordKey(kind, tenant, id), UpdateExpression: 'REMOVE claimedUntil', ...RUNNING, ExpressionAttributeValues: { ':running': 'running' },
        }));
      } catch (err) {
        if (!isConditionalFailure(err)) throw err;
      }
    },
    async finish(kind, record) {
      try {
        // A Put: the outcome replaces the whole item, the claim with it.
        await db.send(new PutCommand({
          TableName: registryTable, Item: { ...recordKey(kind, record.tenant, operationId(kind, record)), ...record }, ...RUNNING, ExpressionAttributeValues: { ':running': 'running' },
        }));
        return true;
      } catch (err) {
        if (isConditionalFailure(err)) return false;
        throw err;
      }
    },
  };
}
