// What the benches share to count DynamoDB capacity and S3 requests on the local suite's stand-ins: a DynamoDB
// client that asks for ReturnConsumedCapacity on every call and also prices each call by DynamoDB's published rules
// (DynamoDB Local miscounts some writes: bench/results/meetings.md), an S3 client that counts requests per command,
// and batch writes for seeding.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { TableDef } from '#shared/table';

/** The stand-ins take any credentials; the suite uses these. */
export const LOCAL = { region: 'ap-southeast-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } };

export type Item = Record<string, unknown>;

// ---- DynamoDB: consumed capacity, as returned and by the pricing rules

export interface Usage {
  /** What DynamoDB Local returned as ConsumedCapacity, reads and writes apart, and per command. */
  read: number; write: number; units: Record<string, number>;
  /** The same by DynamoDB's published rules, from the requests and the items they carried or got back (an estimate). */
  estRead: number; estWrite: number; estUnits: Record<string, number>;
  calls: Record<string, number>; itemsRead: number; noCapacity: string[];
  /** Updates to price by their item's size once the operation is over (`settleUpdates`); empty unless `sizeUpdates`. */
  pendingUpdates: PendingUpdate[];
}
interface PendingUpdate { command: string; table: string; key: Item; factor: number }
export const newUsage = (): Usage => ({ read: 0, write: 0, units: {}, estRead: 0, estWrite: 0, estUnits: {}, calls: {}, itemsRead: 0, noCapacity: [], pendingUpdates: [] });

type Consumed = { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };

/** DynamoDB's size of a (native, unmarshalled) value, approximately: numbers about 1 byte per 2 digits + 1. */
function valueSize(v: unknown): number {
  if (typeof v === 'string') return Buffer.byteLength(v);
  if (typeof v === 'number') return Math.ceil(String(Math.abs(v)).replace('.', '').replace(/^0+/, '').length / 2) + 1;
  if (v instanceof Uint8Array) return v.length;
  if (v instanceof Set) return [...v].reduce((s: number, x) => s + valueSize(x), 0);
  if (Array.isArray(v)) return 3 + v.reduce((s: number, x) => s + 1 + valueSize(x), 0);
  if (v && typeof v === 'object') return 3 + Object.entries(v).reduce((s, [k, x]) => s + 1 + Buffer.byteLength(k) + valueSize(x), 0);
  return 1; // boolean, null
}
export const itemSize = (item: Item) => Object.entries(item).reduce((s, [k, v]) => s + Buffer.byteLength(k) + valueSize(v), 0);
const writeUnits = (item?: Item) => (item ? Math.max(1, Math.ceil(itemSize(item) / 1024)) : 1);
const readUnits = (bytes: number, consistent: boolean) => Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);

const ATTRIBUTE_VALUE = /^(S|N|B|SS|NS|BS|M|L|NULL|BOOL)$/;
/** Items and keys of low-level commands (sent through the document client as they are) are marshalled: unmarshall them. */
function native(item: Item | undefined): Item | undefined {
  if (!item) return item;
  const values = Object.values(item);
  const marshalled = values.length > 0 && values.every((v) => v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && ATTRIBUTE_VALUE.test(Object.keys(v)[0]!));
  return marshalled ? unmarshall(item as never) : item;
}

/** Physical table name → its definition: with it, writes of items carrying an index's keys also pay the index's write. */
export type TableDefs = Record<string, Pick<TableDef, 'partitionKey' | 'sortKey' | 'indexes'>>;

/** Write units of the global secondary index copies of `item` (1 unit per started KB of the projected item each). */
function indexUnits(tables: TableDefs | undefined, table: string, item: Item | undefined): number {
  const def = tables?.[table];
  if (!def?.indexes || !item) return 0;
  return def.indexes.reduce((s, index) => {
    if (item[index.partitionKey] === undefined || (index.sortKey && item[index.sortKey] === undefined)) return s;
    const projected = index.include
      ? Object.fromEntries(Object.entries(item).filter(([k]) => [def.partitionKey, def.sortKey, index.partitionKey, index.sortKey, ...index.include!].includes(k)))
      : item;
    return s + writeUnits(projected);
  }, 0);
}

/**
 * Capacity by DynamoDB's rules: a put is 1 unit per started KB of the item, plus the same for each global secondary
 * index copy when `tables` says which indexes the table has (index copies are not doubled in a transaction); an
 * update or delete is counted as 1 here (with `sizeUpdates`, updates are priced later by their item's size: see
 * `settleUpdates`); everything inside a transaction counts twice. A Query reads the items' total size in 4 KB units,
 * a BatchGet or GetItem each item's, half for eventually consistent reads.
 */
function estimate(command: string, input: Item, output: Item, tables?: TableDefs): number {
  const put = (table: string, item: Item | undefined, factor: number) => factor * writeUnits(native(item)) + indexUnits(tables, table, native(item));
  switch (command) {
    case 'PutItem': return put(input.TableName as string, input.Item as Item, 1);
    case 'UpdateItem': case 'DeleteItem': return 1;
    case 'TransactWriteItems':
      return (input.TransactItems as Item[]).reduce((s, t) => {
        if ('Put' in t) return s + put((t.Put as Item).TableName as string, (t.Put as Item).Item as Item, 2);
        return s + 2;
      }, 0);
    case 'BatchWriteItem':
      return Object.entries(input.RequestItems as Record<string, Item[]>)
        .reduce((s, [table, requests]) => s + requests.reduce((t, r) => t + ('PutRequest' in r ? put(table, (r.PutRequest as Item).Item as Item, 1) : 1), 0), 0);
    case 'Query': return readUnits(((output.Items ?? []) as Item[]).reduce((s, i) => s + itemSize(native(i)!), 0), !!input.ConsistentRead);
    case 'GetItem': return readUnits(output.Item ? itemSize(native(output.Item as Item)!) : 0, !!input.ConsistentRead);
    case 'BatchGetItem':
      return Object.entries((output.Responses ?? {}) as Record<string, Item[]>).reduce((s, [table, items]) => {
        const consistent = !!(input.RequestItems as Record<string, Item>)[table]?.ConsistentRead;
        return s + items.reduce((t, i) => t + readUnits(itemSize(native(i)!), consistent), 0);
      }, 0);
    default: return 0;
  }
}

export interface MeterOptions {
  /** Physical table definitions, to price index copies of the items written. */
  tables?: TableDefs;
  /**
   * Remember every UpdateItem (alone or in a transaction) so that `settleUpdates` can price it by its item's size
   * after the operation, instead of 1 unit. For updates that only grow their item (DynamoDB bills the larger of
   * the sizes before and after).
   */
  sizeUpdates?: boolean;
}

export interface CapacityMeter {
  /** The document client to measure through. */
  client: DynamoDBDocumentClient;
  /** What is being summed now. */
  current: Usage;
  /** Starts summing afresh; returns the new usage (filled in by the calls that follow). */
  reset(): Usage;
  /** Every command name seen, and whether DynamoDB Local returned ConsumedCapacity for it every time. */
  returnedBy: Map<string, boolean>;
}

/** A document client that asks for ReturnConsumedCapacity TOTAL on every call and adds what comes back to `meter.current`. */
export function capacityMeter(endpoint: string, options: MeterOptions = {}): CapacityMeter {
  const base = new DynamoDBClient({ endpoint, ...LOCAL });
  const meter: CapacityMeter = {
    client: DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } }),
    current: newUsage(),
    reset: () => (meter.current = newUsage()),
    returnedBy: new Map(),
  };
  // At the initialize step the document client's input and output are native values (marshalled further in).
  base.middlewareStack.add((next, context) => async (args) => {
    const input = args.input as Item;
    input.ReturnConsumedCapacity = 'TOTAL';
    const command = (context.commandName ?? 'unknown').replace(/Command$/, '');
    const current = meter.current;
    const out = await next(args);
    const output = out.output as unknown as Item & { ConsumedCapacity?: Consumed | Consumed[]; Count?: number; Responses?: Record<string, unknown[]> };
    current.calls[command] = (current.calls[command] ?? 0) + 1;
    const consumed = Array.isArray(output.ConsumedCapacity) ? output.ConsumedCapacity : output.ConsumedCapacity ? [output.ConsumedCapacity] : [];
    const isWrite = /Put|Update|Delete|TransactWrite|BatchWrite/.test(command);
    meter.returnedBy.set(command, (meter.returnedBy.get(command) ?? true) && consumed.length > 0);
    if (!consumed.length && !current.noCapacity.includes(command)) current.noCapacity.push(command);
    for (const c of consumed) {
      const units = isWrite ? c.WriteCapacityUnits ?? c.CapacityUnits ?? 0 : c.ReadCapacityUnits ?? c.CapacityUnits ?? 0;
      if (isWrite) current.write += units;
      else current.read += units;
      current.units[command] = (current.units[command] ?? 0) + units;
    }
    const est = estimate(command, input, output, options.tables);
    if (isWrite) current.estWrite += est;
    else current.estRead += est;
    current.estUnits[command] = (current.estUnits[command] ?? 0) + est;
    if (options.sizeUpdates) {
      if (command === 'UpdateItem') current.pendingUpdates.push({ command, table: input.TableName as string, key: native(input.Key as Item)!, factor: 1 });
      if (command === 'TransactWriteItems') {
        for (const t of input.TransactItems as Item[]) {
          if ('Update' in t) current.pendingUpdates.push({ command, table: (t.Update as Item).TableName as string, key: native((t.Update as Item).Key as Item)!, factor: 2 });
        }
      }
    }
    if (typeof output.Count === 'number') current.itemsRead += output.Count;
    if (output.Responses && !Array.isArray(output.Responses)) current.itemsRead += Object.values(output.Responses).reduce((s, r) => s + r.length, 0);
    return out;
  }, { step: 'initialize', name: 'benchConsumedCapacity' });
  return meter;
}

/**
 * Prices the updates `usage` remembered (`sizeUpdates`) by the size of their item now, read through `reader` (a client
 * that is not metered): 1 unit per started KB (×2 in a transaction), plus each index copy, instead of the 1 unit
 * counted when they ran. Call it after the measured operation and before the next one touches the same items.
 */
export async function settleUpdates(usage: Usage, reader: DynamoDBDocumentClient, tables?: TableDefs): Promise<void> {
  await pool(usage.pendingUpdates.splice(0), 16, async (u) => {
    const item = (await reader.send(new GetCommand({ TableName: u.table, Key: u.key, ConsistentRead: true }))).Item;
    const extra = u.factor * writeUnits(item) + indexUnits(tables, u.table, item) - u.factor;
    usage.estWrite += extra;
    usage.estUnits[u.command] = (usage.estUnits[u.command] ?? 0) + extra;
  });
}

// ---- S3: requests per command

export interface S3Usage {
  /** Requests sent, per command (PutObject, HeadObject, GetObject, …); SDK retries are not counted again. */
  requests: Record<string, number>;
  /** Bytes sent in PutObject bodies. */
  bytesPut: number;
}
export const newS3Usage = (): S3Usage => ({ requests: {}, bytesPut: 0 });

export interface S3Meter { client: S3Client; current: S3Usage; reset(): S3Usage }

/** An S3 client for the suite's s3rver that counts every request by command into `meter.current`. */
export function s3Meter(endpoint: string): S3Meter {
  const client = new S3Client({ endpoint, forcePathStyle: true, ...LOCAL });
  const meter: S3Meter = { client, current: newS3Usage(), reset: () => (meter.current = newS3Usage()) };
  client.middlewareStack.add((next, context) => async (args) => {
    const command = (context.commandName ?? 'unknown').replace(/Command$/, '');
    const current = meter.current;
    current.requests[command] = (current.requests[command] ?? 0) + 1;
    const body = (args.input as { Body?: unknown }).Body;
    if (command === 'PutObject') current.bytesPut += typeof body === 'string' ? Buffer.byteLength(body) : body instanceof Uint8Array ? body.length : 0;
    return next(args);
  }, { step: 'initialize', name: 'benchS3Requests' });
  return meter;
}

// ---- seeding

/** Runs `work` over `items`, at most `limit` at a time. */
export async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

/** Writes requests 25 at a time, `concurrency` batches at once, retrying unprocessed items with backoff. */
export async function batchWrite(db: DynamoDBDocumentClient, table: string, requests: Record<string, unknown>[], concurrency = 8): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < requests.length; i += 25) batches.push(requests.slice(i, i + 25));
  await pool(batches, concurrency, async (batch) => {
    let pending = batch;
    for (let attempt = 0; pending.length; attempt++) {
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending as never } }));
      pending = (out.UnprocessedItems?.[table] ?? []) as Record<string, unknown>[];
      if (pending.length) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
    }
  });
}
