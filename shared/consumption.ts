// What a tenant's deployment consumes of AWS, measured where it happens, for the operator's cost report
// (functions/platform/billing, docs/billing.md): DynamoDB read and write request units (from ConsumedCapacity, which
// the shared document client asks for on every command), API Gateway requests, and the invocations and GB-seconds of
// every Lambda function of the deployment (shared/with-consumption.ts wraps each entry point). Counted in memory per
// container and added to the usage table at most once per flush interval, checked at the end of an invocation: one
// UpdateItem (1 WRU) per container per interval. A tally never fails an invocation: errors are logged and the counts
// dropped.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { toVietnamIso } from './clock';
import { usageTable, type Month } from './metering';

/** Seconds between flushes (60 unless said; the local suite sets 1 so that tests see counts at once). */
export const CONSUMPTION_FLUSH_ENV = 'CONSUMPTION_FLUSH_SECONDS';

export interface Consumption {
  /** HTTP requests served through API Gateway (each is also one of `invocations`). */
  requests: number;
  /**
   * Lambda invocations of every function: HTTP, stream consumers (one per batch), schedules, inbound, mail receiving,
   * tenant operations, Cognito triggers. Lambda bills per invocation, API Gateway per request: not the same count.
   */
  invocations: number;
  /** DynamoDB read request units. */
  readUnits: number;
  /** DynamoDB write request units. */
  writeUnits: number;
  /** Lambda duration × memory of every invocation, in GB-seconds. */
  gbSeconds: number;
}

export const CONSUMPTION_FIELDS = ['requests', 'invocations', 'readUnits', 'writeUnits', 'gbSeconds'] as const satisfies readonly (keyof Consumption)[];

export const consumptionKey = (tenant: string, month: Month) => ({ pk: `TENANT#${tenant}`, sk: `CONSUMPTION#${month}` });

const empty = (): Consumption => ({ requests: 0, invocations: 0, readUnits: 0, writeUnits: 0, gbSeconds: 0 });

/** DynamoDB operations that accept ReturnConsumedCapacity, and whether their units are reads or writes. */
const CAPACITY_OPERATIONS: Readonly<Record<string, 'read' | 'write'>> = {
  GetItemCommand: 'read', QueryCommand: 'read', ScanCommand: 'read', BatchGetItemCommand: 'read', TransactGetItemsCommand: 'read',
  PutItemCommand: 'write', UpdateItemCommand: 'write', DeleteItemCommand: 'write', BatchWriteItemCommand: 'write', TransactWriteItemsCommand: 'write',
};

interface ConsumedCapacityLike {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

/** Read and write units of a response's ConsumedCapacity (one object, or one per table for batches and transactions). */
export function unitsOf(kind: 'read' | 'write', consumed: ConsumedCapacityLike | ConsumedCapacityLike[] | undefined): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const c of consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed]) {
    // TOTAL usually answers CapacityUnits only; where DynamoDB splits reads and writes (transactions), take the split.
    if (c.ReadCapacityUnits !== undefined || c.WriteCapacityUnits !== undefined) {
      read += c.ReadCapacityUnits ?? 0;
      write += c.WriteCapacityUnits ?? 0;
    } else if (kind === 'read') read += c.CapacityUnits ?? 0;
    else write += c.CapacityUnits ?? 0;
  }
  return { read, write };
}

/** The counts of one container, and when they were last flushed. Pure: the flush's write is handed in. */
export class ConsumptionTally {
  private counts = empty();
  private lastFlush: number;

  constructor(readonly intervalMs: number, now: number) {
    this.lastFlush = now;
  }

  addCapacity(read: number, write: number): void {
    this.counts.readUnits += read;
    this.counts.writeUnits += write;
  }

  /** One API Gateway request (its invocation is counted by addInvocation, as for any function). */
  addRequest(): void {
    this.counts.requests += 1;
  }

  /** One Lambda invocation that ran `durationMs` in a function of `memoryMb`. */
  addInvocation(durationMs: number, memoryMb: number): void {
    this.counts.invocations += 1;
    // Lambda bills duration rounded up to the millisecond.
    if (durationMs > 0 && memoryMb > 0) this.counts.gbSeconds += (Math.ceil(durationMs) / 1000) * (memoryMb / 1024);
  }

  snapshot(): Consumption {
    return { ...this.counts };
  }

  /** The counts to write now, reset, when the interval has passed and there is something to write; else undefined. */
  takeIfDue(now: number): Consumption | undefined {
    if (now - this.lastFlush < this.intervalMs) return undefined;
    this.lastFlush = now;
    const taken = this.counts;
    this.counts = empty();
    return CONSUMPTION_FIELDS.some((f) => taken[f] > 0) ? taken : undefined;
  }
}

/** The UpdateItem of a flush: ADD of each count (rounded, so a float's tail does not become a 38-digit number). */
export function flushCommand(tableName: string, tenant: string, counts: Consumption, at: Date): UpdateCommand {
  const fields = CONSUMPTION_FIELDS.filter((f) => counts[f] > 0);
  return new UpdateCommand({
    TableName: tableName,
    // The month in Vietnam of the flush: a window of counts that spans midnight of the 1st lands in the new month.
    Key: consumptionKey(tenant, toVietnamIso(at).slice(0, 7)),
    UpdateExpression: `ADD ${fields.map((f) => `#${f} :${f}`).join(', ')} SET #updatedAt = :updatedAt`,
    ExpressionAttributeNames: { ...Object.fromEntries(fields.map((f) => [`#${f}`, f])), '#updatedAt': 'updatedAt' },
    ExpressionAttributeValues: { ...Object.fromEntries(fields.map((f) => [`:${f}`, Math.round(counts[f] * 1e6) / 1e6])), ':updatedAt': toVietnamIso(at) },
  });
}

// ——— The container's tally: on in a dedicated deployment (TENANTS names exactly one tenant) with a usage table ———

interface Sink {
  tenant: string;
  table: string;
  tally: ConsumptionTally;
}

let sink: Sink | null | undefined;

/** The deployment's single tenant, or undefined in a shared deployment (its consumption is not split by tenant here). */
function singleTenant(): string | undefined {
  try {
    const tenants = JSON.parse(process.env.TENANTS ?? '[]') as { id?: unknown }[];
    return Array.isArray(tenants) && tenants.length === 1 && typeof tenants[0]?.id === 'string' ? tenants[0].id : undefined;
  } catch {
    return undefined;
  }
}

function currentSink(): Sink | null {
  if (sink !== undefined) return sink;
  const tenant = singleTenant();
  const table = process.env[usageTable.envVar];
  const seconds = Number(process.env[CONSUMPTION_FLUSH_ENV] ?? '60');
  sink = tenant && table ? { tenant, table, tally: new ConsumptionTally((Number.isFinite(seconds) && seconds >= 0 ? seconds : 60) * 1000, Date.now()) } : null;
  return sink;
}

/** Whether this container tallies (the DynamoDB middleware asks for ConsumedCapacity only then). */
export const consumptionEnabled = (): boolean => currentSink() !== null;

/** An API Gateway request (shared/http/handler.ts). */
export function recordRequest(): void {
  currentSink()?.tally.addRequest();
}

/** A Lambda invocation of `durationMs` in a function of `memoryMb` (shared/with-consumption.ts). */
export function recordInvocation(durationMs: number, memoryMb: number): void {
  currentSink()?.tally.addInvocation(durationMs, memoryMb);
}

/**
 * Adds the tally to the usage table when the interval has passed. Called at the end of an invocation, so that the
 * write is done before Lambda freezes the container; a failure is logged and its counts dropped (a retry could count
 * twice if the first write did land).
 */
export async function flushConsumptionIfDue(db: () => DynamoDBDocumentClient, log: (message: string, error: unknown) => void, now = new Date()): Promise<void> {
  const current = currentSink();
  if (!current) return;
  const counts = current.tally.takeIfDue(now.getTime());
  if (!counts) return;
  try {
    await db().send(flushCommand(current.table, current.tenant, counts, now));
  } catch (err) {
    log('consumption tally dropped', err);
  }
}

/** For tests: what the container has counted and not flushed yet (undefined when it does not tally). */
export const pendingConsumption = (): Consumption | undefined => currentSink()?.tally.snapshot();

/** For tests: forget the container's tally so that the environment is read again. */
export function resetConsumption(): void {
  sink = undefined;
}

/**
 * A middleware for the DynamoDB client: asks for ReturnConsumedCapacity TOTAL on the commands that accept it (unless the
 * caller asked for something already) and adds what the response says to `record`. Never throws on its own account.
 */
export function capacityMiddleware(record: (read: number, write: number) => void, enabled: () => boolean) {
  return (next: (args: { input: unknown }) => Promise<{ output: unknown }>, context: { commandName?: string }) => async (args: { input: unknown }) => {
    const kind = context.commandName ? CAPACITY_OPERATIONS[context.commandName] : undefined;
    if (!kind || !enabled()) return next(args);
    const input = args.input as Record<string, unknown>;
    const asked = input.ReturnConsumedCapacity === undefined;
    const result = await next(asked ? { ...args, input: { ...input, ReturnConsumedCapacity: 'TOTAL' } } : args);
    try {
      const { read, write } = unitsOf(kind, (result.output as { ConsumedCapacity?: ConsumedCapacityLike | ConsumedCapacityLike[] }).ConsumedCapacity);
      record(read, write);
    } catch {
      // a response we could not read costs a count, never the request
    }
    return result;
  };
}

/** Installs the capacity middleware on a DynamoDB client's stack (shared/ddb.ts does, for the shared document client). */
export function tallyCapacity(client: DynamoDBClient): void {
  client.middlewareStack.add(capacityMiddleware((read, write) => currentSink()?.tally.addCapacity(read, write), consumptionEnabled) as never, {
    step: 'initialize', name: 'tinhsoConsumedCapacity', override: true,
  });
}
