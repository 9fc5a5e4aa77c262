// The metering consumer without Lambda: turns a batch of one tenant table's stream records into usage, each record
// counted at most once (docs/metering.md, "Idempotency"), and keeps the tenant's LAST_WRITE.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { toVietnamIso } from '#shared/clock';
import { STREAM_TIME_GRANULARITY_SECONDS } from '#shared/import-window';
import { deltasOf, type Image, type RecordFacts } from './events';
import type { MeterStore } from './store';

/** A counted record's marker outlives the stream's 24-hour retention (and Lambda's retries within it). */
export const MARKER_TTL_SECONDS = 2 * 24 * 3600;

export interface MeterOptions {
  store: MeterStore;
  /** The tenants this deployment serves: records of any other are not ours to count (none should come). */
  tenants: ReadonlySet<string>;
  now: () => Date;
  log?: (message: string, details: Record<string, unknown>) => void;
}

const image = (value: unknown): Image | undefined => (value ? unmarshall(value as Record<string, AttributeValue>) : undefined);

/** The record's tenant: every key of a tenant table begins with `<tenant>#`. */
export const tenantOf = (pk: string): string | undefined => (pk.indexOf('#') > 0 ? pk.slice(0, pk.indexOf('#')) : undefined);

/** When the record was written: the stream's time (whole seconds), or now when a record lacks it. */
export function recordTime(record: DynamoDBRecord, now: () => Date): Date {
  const seconds = record.dynamodb?.ApproximateCreationDateTime;
  return typeof seconds === 'number' ? new Date(seconds * 1000) : now();
}

export function factsOf(record: DynamoDBRecord, now: () => Date): RecordFacts | undefined {
  const keys = record.dynamodb?.Keys;
  const pk = keys?.pk?.S;
  const sk = keys?.sk?.S;
  if (!pk || sk === undefined || !record.eventName) return undefined;
  return { eventName: record.eventName, pk, sk, oldImage: image(record.dynamodb?.OldImage), newImage: image(record.dynamodb?.NewImage), at: recordTime(record, now) };
}

/** DynamoDB's own TTL deletions: expired data leaving, not a write by anyone (it still frees storage). */
const isTtlRemoval = (record: DynamoDBRecord) => record.userIdentity?.type === 'Service' && record.userIdentity?.principalId === 'dynamodb.amazonaws.com';

/** How coarse the stream's times can be (shared/import-window.ts): AWS rounds them down to the second, DynamoDB Local to the minute. */
const STREAM_TIME_GRANULARITY_MS = STREAM_TIME_GRANULARITY_SECONDS * 1000;

/**
 * The tenant's last write as LAST_WRITE holds it: the latest instant the write can have happened, so that an export
 * finished before it never passes for one made after it (offboarding then asks for another export). The stream rounds
 * its times down, so the write may be up to its granularity later than the record says; and it happened before this
 * consumer read it. Rounded up to the second, as the ISO text carries no fractions.
 */
export function lastWriteOf(recorded: Date, seen: Date): string {
  const latest = Math.min(recorded.getTime() + STREAM_TIME_GRANULARITY_MS, Math.max(seen.getTime(), recorded.getTime()));
  return toVietnamIso(new Date(Math.ceil(latest / 1000) * 1000));
}

/**
 * Applies a batch (records of imported archives already left out). LAST_WRITE first — raising it for records not yet
 * counted is harmless, they were written — then one transaction per billable record. On a failure the batch reports
 * that record, so that Lambda retries from it; records after it that were counted are skipped then by their markers.
 */
export async function meter(records: DynamoDBRecord[], options: MeterOptions): Promise<DynamoDBBatchResponse> {
  const facts = records.map((record) => ({ record, facts: factsOf(record, options.now) }))
    .filter((r): r is { record: DynamoDBRecord; facts: RecordFacts } => !!r.facts && options.tenants.has(tenantOf(r.facts.pk) ?? ''));
  const latest = new Map<string, Date>();
  for (const { record, facts: f } of facts) {
    if (isTtlRemoval(record)) continue;
    const tenant = tenantOf(f.pk)!;
    if (!latest.has(tenant) || latest.get(tenant)! < f.at) latest.set(tenant, f.at);
  }
  const expiresAt = Math.floor(options.now().getTime() / 1000) + MARKER_TTL_SECONDS;
  const first = facts[0]?.record.dynamodb?.SequenceNumber;
  const seen = options.now();
  try {
    for (const [tenant, at] of latest) await options.store.raiseLastWrite(tenant, lastWriteOf(at, seen));
  } catch (err) {
    options.log?.('LAST_WRITE not raised; the batch is retried', { error: (err as Error).message });
    return { batchItemFailures: first ? [{ itemIdentifier: first }] : [] };
  }
  for (const { record, facts: f } of facts) {
    const deltas = deltasOf(f);
    if (Object.keys(deltas).length === 0) continue;
    try {
      const outcome = await options.store.apply(tenantOf(f.pk)!, record.eventID ?? `${record.eventSourceARN}#${record.dynamodb?.SequenceNumber}`, deltas, expiresAt);
      if (outcome === 'duplicate') options.log?.('stream record counted before; skipped', { eventID: record.eventID });
    } catch (err) {
      options.log?.('usage not counted; the batch is retried from this record', { eventID: record.eventID, error: (err as Error).message });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb!.SequenceNumber! }] };
    }
  }
  return { batchItemFailures: [] };
}
