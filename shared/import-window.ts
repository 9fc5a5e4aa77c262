// Which stream records a tenant's consumers must leave alone (docs/archive.md). While an archive is imported, the
// imported items pass through the streams like new writes: counting them again (statistics, metering), dispatching
// documents again or re-sending mail would be wrong — they already happened in the exported deployment. The operator
// API sets `importWindow` on the registry record around the import; consumers skip records created inside it. An
// offboarded tenant's records (its purge deletes everything) are skipped too, so that no consumer writes counters back.
import type { DynamoDBRecord } from 'aws-lambda';
import { tenantStates, type TenantRecord } from './registry';

export type ImportWindow = NonNullable<TenantRecord['importWindow']>;

/**
 * Whether a record created at `createdSeconds` (the stream's ApproximateCreationDateTime, whole epoch seconds) falls in
 * the window: from ≤ t ≤ to, or from ≤ t while `to` is not set yet. The bounds are widened to whole seconds, since the
 * stream rounds its times down: a record written in the window's first second must not escape it.
 */
export function inImportWindow(window: ImportWindow | undefined, createdSeconds: number | undefined): boolean {
  if (!window || createdSeconds === undefined) return false;
  const from = Math.floor(Date.parse(window.from) / 1000);
  if (createdSeconds < from) return false;
  return window.to === undefined || createdSeconds <= Math.ceil(Date.parse(window.to) / 1000);
}

/** The tenant a record belongs to: every key of a tenant table begins with `<tenant>#`. */
export function tenantOfRecord(record: DynamoDBRecord): string | undefined {
  const keys = record.dynamodb?.Keys ?? {};
  for (const value of Object.values(keys)) {
    const text = value?.S;
    const at = text?.indexOf('#') ?? -1;
    if (text && at > 0) return text.slice(0, at);
  }
  return undefined;
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
