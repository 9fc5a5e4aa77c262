// Which stream records a tenant's consumers must leave alone (docs/archive.md). While an archive is imported, the
// imported items pass through the streams like new writes: counting them again (statistics, metering), dispatching
// documents again or re-sending mail would be wrong — they already happened in the exported deployment. The operator
// API sets `importWindow` on the registry record around the import; consumers skip records created inside it. An
// offboarded tenant's records (its purge deletes everything) are skipped too, so that no consumer writes counters back.
import type { DynamoDBRecord } from 'aws-lambda';
import { tenantStates, type TenantRecord } from './registry';

export type ImportWindow = NonNullable<TenantRecord['importWindow']>;

/**
 * How coarse a stream record's time may be: AWS stamps ApproximateCreationDateTime to the second, DynamoDB Local to the
 * minute. A record stamped t was written somewhere in [t, t + this), and is held by the window if that span meets it.
 */
export const STREAM_TIME_GRANULARITY_SECONDS = 60;

/**
 * Whether a record stamped `createdSeconds` (the stream's ApproximateCreationDateTime, epoch seconds, rounded down) may
 * have been written in the window: from ≤ write ≤ to, or from ≤ write while `to` is not set yet. The window's bounds
 * are widened to whole seconds. So records written up to a minute before the window opened count as imported too: an
 * import goes into an empty, idle deployment (docs/archive.md), where there are none.
 */
export function inImportWindow(window: ImportWindow | undefined, createdSeconds: number | undefined): boolean {
  if (!window || createdSeconds === undefined) return false;
  const from = Math.floor(Date.parse(window.from) / 1000);
  if (createdSeconds + STREAM_TIME_GRANULARITY_SECONDS <= from) return false;
  return window.to === undefined || createdSeconds <= Math.ceil(Date.parse(window.to) / 1000);
}

/**
 * The tenant a record belongs to: every partition key of a tenant table (`pk`) begins with `<tenant>#`. The sort key
 * may hold a `#` too (`V#0001`), so it is never read for this.
 */
export function tenantOfRecord(record: DynamoDBRecord): string | undefined {
  const pk = record.dynamodb?.Keys?.pk?.S;
  const at = pk?.indexOf('#') ?? -1;
  return pk && at > 0 ? pk.slice(0, at) : undefined;
}

/** Whether a consumer must skip the record, given its tenant's registry record. */
export function skippedRecord(record: DynamoDBRecord, tenant: Pick<TenantRecord, 'status' | 'importWindow'> | undefined): boolean {
  if (!tenant) return false;
  if (tenant.status === 'offboarded') return true;
  return inImportWindow(tenant.importWindow, record.dynamodb?.ApproximateCreationDateTime);
}

/**
 * The records a consumer should process: those not imported and not of an offboarded tenant. The registry is read
 * afresh once per tenant per batch (one GetItem), not from the few-seconds cache: a cached record without the window,
 * or with a window still open after the import closed it, would let imported records through or hold new ones back.
 */
export async function recordsToProcess<T extends DynamoDBRecord>(records: T[]): Promise<T[]> {
  const tenants = [...new Set(records.map(tenantOfRecord).filter((t): t is string => !!t))];
  const reader = tenantStates();
  const states = new Map(await Promise.all(tenants.map(async (id) => {
    reader.forget(id);
    return [id, await reader.get(id)] as const;
  })));
  return records.filter((r) => {
    const tenant = tenantOfRecord(r);
    return !tenant || !skippedRecord(r, states.get(tenant));
  });
}
