// The tenant functions' side of the archive in AWS terms: the tenant's items in each of its tables, and its objects in
// the files bucket. Every key of a tenant begins with the tenant id (`<tenant>#…` in DynamoDB, `<tenant>/…` in S3),
// so that the same code serves a dedicated deployment and a shared one: nothing of another tenant is read or touched.
import { BatchWriteItemCommand, DynamoDBClient, ScanCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { TENANT_TABLES } from '#functions/index';
import { requireEnv } from '#shared/config';
import { tallyCapacity } from '#shared/consumption';
import { FILES_BUCKET_ENV, s3Client } from '#shared/s3';
import { idempotencyTable, type TableDef } from '#shared/table';
import { exportsPrefix, type Item } from './format';

// The low-level client: items stay as AttributeValues, so numbers keep their digits and sets and binaries their types.
const db = new DynamoDBClient({});
// Its Scans and batch writes are the tenant's consumption as well (shared/consumption.ts, docs/billing.md).
tallyCapacity(db);
const s3 = s3Client();

export interface TenantTable {
  /** The TableDef name: what the archive calls it, whatever the deployment's physical name. */
  name: string;
  physical: string;
  partitionKey: string;
  sortKey?: string;
}

const physical = (t: TableDef): TenantTable => ({ name: t.name, physical: requireEnv(t.envVar), partitionKey: t.partitionKey, sortKey: t.sortKey });

/**
 * The tables an archive holds: every tenant table but the idempotency records, which are keyed by a hash of the
 * request (not by tenant) and expire within hours; a restored tenant starts without them.
 */
export const archivedTables = (): TenantTable[] => TENANT_TABLES.filter((t) => t.name !== idempotencyTable.name).map(physical);
export const idempotencyTableOf = (): TenantTable => physical(idempotencyTable);

/** The tenant's items of a table, page by page (a Scan: fine here, this is no request path). */
export async function* scanTenant(table: TenantTable, tenant: string, options: { keysOnly?: boolean } = {}): AsyncGenerator<Item[]> {
  let start: Item | undefined;
  do {
    const out = await db.send(new ScanCommand({
      TableName: table.physical, ConsistentRead: true, ExclusiveStartKey: start,
      FilterExpression: 'begins_with(#pk, :prefix)',
      ExpressionAttributeNames: { '#pk': table.partitionKey, ...(options.keysOnly && table.sortKey ? { '#sk': table.sortKey } : {}) },
      ExpressionAttributeValues: { ':prefix': { S: `${tenant}#` } },
      ...(options.keysOnly ? { ProjectionExpression: table.sortKey ? '#pk, #sk' : '#pk' } : {}),
    }));
    if (out.Items?.length) yield out.Items;
    start = out.LastEvaluatedKey;
  } while (start);
}

/** Every item of a table, whoever's (the idempotency table of a dedicated deployment). */
export async function* scanAll(table: TenantTable): AsyncGenerator<Item[]> {
  let start: Item | undefined;
  do {
    const out = await db.send(new ScanCommand({
      TableName: table.physical, ExclusiveStartKey: start, ProjectionExpression: '#pk', ExpressionAttributeNames: { '#pk': table.partitionKey },
    }));
    if (out.Items?.length) yield out.Items;
    start = out.LastEvaluatedKey;
  } while (start);
}

/** Whether the table holds any item of the tenant: one small Scan page when the table is empty. */
export async function hasTenantItems(table: TenantTable, tenant: string): Promise<boolean> {
  for await (const page of scanTenant(table, tenant, { keysOnly: true })) if (page.length) return true;
  return false;
}

const BATCH = 25;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Writes (puts or deletes) in batches of 25, retrying what DynamoDB left unprocessed with a growing pause. */
export async function batchWrite(table: TenantTable, requests: WriteRequest[]): Promise<void> {
  for (let i = 0; i < requests.length; i += BATCH) {
    let pending: WriteRequest[] = requests.slice(i, i + BATCH);
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt > 8) throw new Error(`${table.physical}: ${pending.length} writes left unprocessed after ${attempt} attempts`);
      if (attempt) await pause(50 * 2 ** attempt);
      const out = await db.send(new BatchWriteItemCommand({ RequestItems: { [table.physical]: pending } }));
      pending = out.UnprocessedItems?.[table.physical] ?? [];
    }
  }
}

export const putRequests = (items: Item[]): WriteRequest[] => items.map((Item) => ({ PutRequest: { Item } }));
export const deleteRequests = (table: TenantTable, items: Item[]): WriteRequest[] => items.map((item) => ({
  DeleteRequest: { Key: { [table.partitionKey]: item[table.partitionKey]!, ...(table.sortKey ? { [table.sortKey]: item[table.sortKey]! } : {}) } },
}));

export const filesBucket = () => requireEnv(FILES_BUCKET_ENV);

/** The tenant's object keys (`<tenant>/…`), with or without its archives (`<tenant>/exports/…`). */
export async function listObjects(tenant: string, options: { archives: boolean }): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const out = await s3.send(new ListObjectsV2Command({ Bucket: filesBucket(), Prefix: `${tenant}/`, ContinuationToken: token }));
    for (const o of out.Contents ?? []) if (o.Key && (options.archives || !o.Key.startsWith(exportsPrefix(tenant)))) keys.push(o.Key);
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

/** Whether the tenant has any object besides its archives: a delimited listing, one or two small requests. */
export async function hasTenantObjects(tenant: string): Promise<boolean> {
  const out = await s3.send(new ListObjectsV2Command({ Bucket: filesBucket(), Prefix: `${tenant}/`, Delimiter: '/', MaxKeys: 10 }));
  if (out.Contents?.length) return true;
  return (out.CommonPrefixes ?? []).some((p) => p.Prefix !== exportsPrefix(tenant));
}

export interface StoredObject {
  bytes: Uint8Array;
  contentType?: string;
  metadata?: Record<string, string>;
}

/** An object's bytes, or undefined when there is none under the key. */
export async function getObject(key: string): Promise<StoredObject | undefined> {
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: filesBucket(), Key: key }));
    const metadata = out.Metadata && Object.keys(out.Metadata).length ? out.Metadata : undefined;
    return { bytes: await out.Body!.transformToByteArray(), ...(out.ContentType ? { contentType: out.ContentType } : {}), ...(metadata ? { metadata } : {}) };
  } catch (err) {
    if ((err as Error).name === 'NoSuchKey') return undefined;
    throw err;
  }
}

export async function putObject(key: string, object: StoredObject): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: filesBucket(), Key: key, Body: object.bytes, ContentType: object.contentType, Metadata: object.metadata }));
}

/** Deletes objects, a thousand per request. */
export async function deleteObjects(keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 1000) {
    const out = await s3.send(new DeleteObjectsCommand({ Bucket: filesBucket(), Delete: { Objects: keys.slice(i, i + 1000).map((Key) => ({ Key })), Quiet: true } }));
    if (out.Errors?.length) throw new Error(`${out.Errors.length} objects not deleted, e.g. ${out.Errors[0]!.Key}: ${out.Errors[0]!.Code}`);
  }
}
