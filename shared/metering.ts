// The platform's usage table (PlatformStack's `platform-usage`): what each tenant used per month, counted from the
// services' streams by the metering consumers (functions/platform/metering) and read by the operator's usage, invoice
// and cost reports (functions/platform/billing). Tenant functions write only items of their own tenant
// (pk `TENANT#<id>`…); the operator API reads them.
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TableDef } from './table';

export const usageTable: TableDef = {
  name: 'usage',
  envVar: 'USAGE_TABLE',
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
};

/** `YYYY-MM`, the month in Vietnam's time. */
export type Month = string;

/** A tenant's billable usage in one month (docs/operations.md, Metering). */
export interface MonthUsage {
  tenant: string;
  month: Month;
  /** Dossiers submitted. */
  dossiers: number;
  /** Documents sent, counted once per recipient agency. */
  documentsSent: number;
  /** Meeting hours, counted per connection point (a 2-hour meeting of 3 points is 6). */
  meetingHours: number;
  /** Messages officials sent from their mailboxes. */
  mailSent: number;
  /** Officials with an account at the end of the month (now, for the current month). */
  activeOfficials: number;
  /** Mailboxes (officials' and shared) at the end of the month. */
  mailboxes: number;
  /** Stored files and mail, in GB-months (GB held × the fraction of the month held). */
  storageGbMonths: number;
}

// ——— How usage is kept (docs/metering.md) ———
// One item per tenant and month, `TENANT#<id>` / `MONTH#<YYYY-MM>`, whose numbers only ever grow or shrink by ADD, so
// that the consumers of several tables can count into it at once without reading it. Events (dossiers, documents,
// meeting hours, mail) are counted in their month. Gauges (officials, mailboxes, stored bytes) are kept as monthly
// deltas: the level at the end of a month is the sum of the deltas of that month and every month before it. Stored
// bytes are also integrated over time, exactly: a change of `d` bytes at `t` adds `d × (end of its month − t)` byte-
// seconds to its month; a month's byte-seconds are then the level carried in × the month's length, plus its own.

/** The numbers a month item holds, all added to with ADD. */
export const METER_FIELDS = [
  'dossiers', 'documentsSent', 'meetingHours', 'mailSent', 'officialsDelta', 'mailboxesDelta', 'storageBytesDelta', 'storageByteSeconds',
] as const;
export type MeterField = (typeof METER_FIELDS)[number];
export type MonthCounts = Partial<Record<MeterField, number>>;
/** Changes to apply, by month. */
export type UsageDeltas = Record<Month, MonthCounts>;

/** The unit storage is billed in: a GiB (2^30 bytes), as AWS bills its "GB". */
export const BYTES_PER_GB = 2 ** 30;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

export const usageKeys = {
  pk: (tenant: string) => `TENANT#${tenant}`,
  month: (month: Month) => `MONTH#${month}`,
  /** A stream record already counted (the idempotency marker), kept about two days: longer than a stream's 24 h. */
  event: (eventId: string) => `EVENT#${eventId}`,
  /** When the tenant's tables were last written (offboarding needs an export after it). */
  lastWrite: 'LAST_WRITE',
};

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month in Vietnam that `instant` falls in. */
export const monthOf = (instant: Date): Month => new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 7);

/** Where a month begins and ends (exclusive), as instants: midnight in Vietnam. */
export function monthBounds(month: Month): { start: Date; end: Date } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return { start: new Date(Date.UTC(year, m - 1, 1) - VIETNAM_OFFSET_MS), end: new Date(Date.UTC(year, m, 1) - VIETNAM_OFFSET_MS) };
}

/** Adds `amount` to a field of a month in `deltas` (in place); zeros are left out. */
export function addDelta(deltas: UsageDeltas, month: Month, field: MeterField, amount: number): UsageDeltas {
  if (amount === 0 || !Number.isFinite(amount)) return deltas;
  const counts = (deltas[month] ??= {});
  counts[field] = (counts[field] ?? 0) + amount;
  if (counts[field] === 0) delete counts[field];
  if (Object.keys(counts).length === 0) delete deltas[month];
  return deltas;
}

/** A change of the stored bytes by `bytes` at `at`: the level's delta and its byte-seconds up to the end of the month. */
export function storageChange(deltas: UsageDeltas, at: Date, bytes: number): UsageDeltas {
  if (bytes === 0) return deltas;
  const month = monthOf(at);
  const remainingSeconds = Math.round((monthBounds(month).end.getTime() - at.getTime()) / 1000);
  addDelta(deltas, month, 'storageBytesDelta', bytes);
  return addDelta(deltas, month, 'storageByteSeconds', bytes * remainingSeconds);
}

/** A month item as read back: its month and counts. */
export interface MonthItem extends MonthCounts {
  month: Month;
}

/** What the operator sees beside MonthUsage: the stored bytes at the end of the month. */
export interface MonthUsageDetail extends MonthUsage {
  storageBytes: number;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** A month's usage from the items of that month and the months before it (others are ignored). */
export function usageFromItems(tenant: string, month: Month, items: MonthItem[]): MonthUsageDetail {
  const sum = (field: MeterField, filter: (m: Month) => boolean) => items.filter((i) => filter(i.month)).reduce((s, i) => s + (i[field] ?? 0), 0);
  const same = (m: Month) => m === month;
  const upTo = (m: Month) => m <= month;
  const before = (m: Month) => m < month;
  const { start, end } = monthBounds(month);
  const seconds = (end.getTime() - start.getTime()) / 1000;
  const byteSeconds = sum('storageBytesDelta', before) * seconds + sum('storageByteSeconds', same);
  return {
    tenant, month,
    dossiers: sum('dossiers', same),
    documentsSent: sum('documentsSent', same),
    meetingHours: round(sum('meetingHours', same), 6),
    mailSent: sum('mailSent', same),
    activeOfficials: sum('officialsDelta', upTo),
    mailboxes: sum('mailboxesDelta', upTo),
    storageGbMonths: round(byteSeconds / (BYTES_PER_GB * seconds), 9),
    storageBytes: sum('storageBytesDelta', upTo),
  };
}

/** A tenant's usage in `month`: one Query over its month items up to that month (gauges carry levels forward). */
export async function readMonthUsage(db: DynamoDBDocumentClient, tableName: string, tenant: string, month: Month): Promise<MonthUsageDetail> {
  const items: MonthItem[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const out = await db.send(new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': usageKeys.pk(tenant), ':from': usageKeys.month('0000-00'), ':to': usageKeys.month(month) },
      ExclusiveStartKey: cursor,
    }));
    for (const item of out.Items ?? []) {
      const counts = Object.fromEntries(METER_FIELDS.filter((f) => typeof item[f] === 'number').map((f) => [f, item[f] as number]));
      items.push({ month: String(item.sk).slice('MONTH#'.length), ...counts });
    }
    cursor = out.LastEvaluatedKey;
  } while (cursor);
  return usageFromItems(tenant, month, items);
}
