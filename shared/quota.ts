// Quotas, enforced where the action happens (docs/plans.md). A counter item per tenant, quota and month lives in the
// acting service's OWN table and is incremented inside the same TransactWriteItems as the action: the count is exact
// under any concurrency, and a refused action writes nothing. When the tenant may go over (the plan prices the overage
// and the operator left overage on), the increment has no condition and the excess is billed instead. Of the two
// gauges, `mailboxes` is one counter item of the same kind (no month) in the directory's table; `storageGb` is read
// from metering (storageCheck below) because bytes leave by paths no request passes.
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { AppError } from './errors';
import { BYTES_PER_GB, readMonthUsage } from './metering';
import { planLimits, planOf, type Plan } from './plans';
import { effectiveQuotas, tenantStates, type TenantRecord } from './registry';
import type { TableDef } from './table';
import { findTenant } from './tenancy';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The quotas counted per month. */
export const MONTHLY_QUOTAS = ['dossiers', 'documentsSent', 'meetingHours'] as const;
export type MonthlyQuota = (typeof MONTHLY_QUOTAS)[number];
/** The quotas on a level held over time (a gauge): never reset, given back when what they count goes. */
export const GAUGE_QUOTAS = ['mailboxes', 'storageGb'] as const;
export type GaugeQuota = (typeof GAUGE_QUOTAS)[number];
export type Quota = MonthlyQuota | GaugeQuota;

/** The quotas kept as counter items: the monthly ones, and the mailboxes gauge. */
export type CountedQuota = MonthlyQuota | 'mailboxes';

/**
 * Counter units per unit of the quota. Meeting hours are counted in point-minutes so that a 20-minute meeting is
 * exact (1/3 of an hour is not a finite decimal); the others are whole events or mailboxes.
 */
export const QUOTA_SCALE: Readonly<Record<CountedQuota, number>> = { dossiers: 1, documentsSent: 1, meetingHours: 60, mailboxes: 1 };

const QUOTA_TEXT: Readonly<Record<Quota, { vi: string; en: string }>> = {
  dossiers: { vi: 'số hồ sơ tiếp nhận trong tháng', en: 'dossiers per month' },
  documentsSent: { vi: 'số văn bản gửi đi trong tháng (mỗi nơi nhận một văn bản)', en: 'documents sent per month (one per recipient)' },
  meetingHours: { vi: 'số giờ họp trực tuyến trong tháng (giờ × điểm cầu)', en: 'meeting hours per month (hours × connection points)' },
  mailboxes: { vi: 'số hộp thư công vụ (của cán bộ, hộp thư dùng chung và nhóm thư)', en: 'mailboxes: officials\' own, shared mailboxes and lists' },
  storageGb: { vi: 'dung lượng lưu trữ (GB)', en: 'storage, in GB' },
};

const VIETNAM_OFFSET_MS = 7 * 60 * 60_000; // Vietnam has no daylight saving time.

/** `YYYY-MM`: the month an action belongs to, in Vietnam's time (23:30 UTC on the 31st is already next month there). */
export function vietnamMonth(at: Date): string {
  return new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 7);
}

/** What holds for one tenant and quota now: the limit (in the quota's unit) and whether going over is admitted. */
export interface QuotaPolicy {
  limit: number;
  overage: boolean;
}

/**
 * The policy from the registry item (the operator's overrides and overage switch), or, for a tenant the registry does
 * not know, its deployed plan with overage on. Overage needs both a price in the plan and the tenant's switch on.
 * A quota the plan does not limit (`planLimits`: mailboxes on a plan without mail) is counted and always admitted.
 */
export function policyOf(record: Pick<TenantRecord, 'plan' | 'quotas' | 'overage'> | undefined, deployedPlan: Plan, quota: Quota): QuotaPolicy {
  const plan = record ? planOf(record.plan) : deployedPlan;
  const limit = record ? effectiveQuotas(record)[quota] : deployedPlan.quotas[quota];
  if (!planLimits(plan, quota)) return { limit, overage: true };
  return { limit, overage: (record?.overage ?? true) && plan.overageVnd[quota] !== undefined };
}

export type PolicyReader = (tenant: string, quota: Quota) => Promise<QuotaPolicy>;

/** For in-process tools that must keep a gauge true without being limited by it (the local seed, the benches). */
export const unlimited: PolicyReader = async () => ({ limit: Number.POSITIVE_INFINITY, overage: true });

/** The policy as this function sees it: the registry item through the container's cached reader. */
export const registryPolicy: PolicyReader = async (tenant, quota) =>
  policyOf(await tenantStates().get(tenant), planOf(findTenant(tenant)?.plan), quota);

/** The counter's key in a service table: pk `{tenant}#QUOTA`, sk `{quota}#{month}` (one partition per tenant). */
export function counterKey(table: TableDef, tenant: string, quota: MonthlyQuota, month: string): Record<string, string> {
  if (!table.sortKey) return { [table.partitionKey]: `${tenant}#QUOTA#${quota}#${month}` };
  return { [table.partitionKey]: `${tenant}#QUOTA`, [table.sortKey]: `${quota}#${month}` };
}

/**
 * 429 QUOTA_EXCEEDED naming the quota and its limit (in the quota's unit): a monthly quota says the month it is used
 * up in; a gauge has no month, and its details say what is held now (e.g. `usedBytes`, `requestedBytes`).
 */
export function quotaExceeded(quota: MonthlyQuota, limit: number, month: string): AppError;
export function quotaExceeded(quota: GaugeQuota, limit: number, held?: Record<string, number>): AppError;
export function quotaExceeded(quota: Quota, limit: number, scope?: string | Record<string, number>): AppError {
  const text = QUOTA_TEXT[quota];
  const ask = { vi: 'Vui lòng liên hệ đơn vị vận hành để nâng hạn mức.', en: 'Ask the operator to raise it.' };
  if (typeof scope === 'string') {
    return new AppError(429, 'QUOTA_EXCEEDED',
      `Đã vượt hạn mức ${text.vi} của gói dịch vụ (${limit}, tháng ${scope}). ${ask.vi}`,
      `The ${quota} quota (${text.en}) of the plan is used up: ${limit} in ${scope}. ${ask.en}`,
      { quota, limit, month: scope });
  }
  return new AppError(429, 'QUOTA_EXCEEDED',
    `Đã vượt hạn mức ${text.vi} của gói dịch vụ (${limit}). ${ask.vi}`,
    `The ${quota} quota (${text.en}) of the plan is used up: ${limit}. ${ask.en}`,
    { quota, limit, ...scope });
}

/** The refusal each conditional counter item stands for, looked up by the item itself when a transaction fails. */
const refusals = new WeakMap<object, () => AppError>();

/**
 * How much of the month's counter may be left in the largest step of one action, for a limit in the quota's unit:
 * the condition `used <= limit × scale − units`, or undefined when a single action is already bigger than the limit.
 */
export function headroomAfter(limit: number, units: number, quota: CountedQuota): number | undefined {
  const max = limit * QUOTA_SCALE[quota] - units;
  return max < 0 ? undefined : max;
}

export interface QuotaMeter {
  /**
   * The transaction item that counts `units` (in QUOTA_SCALE units, negative to give back) of `quota` in `month`:
   * conditional unless overage is admitted. Throws QUOTA_EXCEEDED at once when one action is bigger than the limit.
   * Undefined for zero units.
   */
  charge(tenant: string, quota: MonthlyQuota, units: number, month: string): Promise<TransactItem | undefined>;
  /**
   * A cheap look before side effects that a transaction cannot undo (a dossier number taken from a counter): throws
   * QUOTA_EXCEEDED when `units` more would not fit now. The transaction's condition stays the exact check.
   */
  precheck(tenant: string, quota: MonthlyQuota, units: number, month: string): Promise<void>;
}

/** A meter on one service table (its TableDef and physical name). */
export function quotaMeter(db: DynamoDBDocumentClient, table: TableDef, tableName: string, policies: PolicyReader = registryPolicy): QuotaMeter {
  return {
    async charge(tenant, quota, units, month) {
      if (units === 0) return undefined;
      const Key = counterKey(table, tenant, quota, month);
      const add = { TableName: tableName, Key, UpdateExpression: 'ADD #used :units', ExpressionAttributeNames: { '#used': 'used' } };
      // Giving back (a meeting shortened or cancelled) is never refused.
      if (units < 0) return { Update: { ...add, ExpressionAttributeValues: { ':units': units } } };
      const policy = await policies(tenant, quota);
      if (policy.overage) return { Update: { ...add, ExpressionAttributeValues: { ':units': units } } };
      const max = headroomAfter(policy.limit, units, quota);
      if (max === undefined) throw quotaExceeded(quota, policy.limit, month);
      const item: TransactItem = {
        Update: {
          ...add,
          ConditionExpression: 'attribute_not_exists(#used) OR #used <= :max',
          ExpressionAttributeValues: { ':units': units, ':max': max },
        },
      };
      refusals.set(item, () => quotaExceeded(quota, policy.limit, month));
      return item;
    },
    async precheck(tenant, quota, units, month) {
      const policy = await policies(tenant, quota);
      if (policy.overage) return;
      const max = headroomAfter(policy.limit, units, quota);
      if (max === undefined) throw quotaExceeded(quota, policy.limit, month);
      const out = await db.send(new GetCommand({ TableName: tableName, Key: counterKey(table, tenant, quota, month), ConsistentRead: true }));
      if (Number(out.Item?.used ?? 0) > max) throw quotaExceeded(quota, policy.limit, month);
    },
  };
}

// ——— The mailboxes gauge: one counter per tenant, `{tenant}#QUOTA` / `mailboxes`, in the directory's table. Every
// official has a mailbox (enabled or not: their mail is kept), and so has every shared mailbox and list (the mail
// table): the directory and the mail service both count into this one item, each in the transaction that creates or
// deletes a mailbox, so it is exact and a refused creation writes nothing.

/** The gauge counter's key in a table: pk `{tenant}#QUOTA`, sk `mailboxes` (beside the monthly `{quota}#{month}`). */
export function gaugeKey(table: TableDef, tenant: string, quota: 'mailboxes'): Record<string, string> {
  if (!table.sortKey) return { [table.partitionKey]: `${tenant}#QUOTA#${quota}` };
  return { [table.partitionKey]: `${tenant}#QUOTA`, [table.sortKey]: quota };
}

export interface MailboxCounter {
  /**
   * The transaction item that counts `units` more mailboxes (negative: fewer, never refused), conditional unless going
   * over is admitted. Throws QUOTA_EXCEEDED at once when `units` alone is over the limit.
   */
  charge(tenant: string, units: number): Promise<TransactItem>;
  /**
   * A cheap look before a side effect a transaction cannot undo (the official's sign-in in Cognito): throws
   * QUOTA_EXCEEDED when `units` more would not fit now. The transaction's condition stays the exact check.
   */
  precheck(tenant: string, units: number): Promise<void>;
}

/**
 * The mailboxes counter in the directory table (`table`, physically `tableName`). A missing counter reads as 0: a
 * tenant starts with none, and every path that makes a mailbox counts it from the first (docs/plans.md).
 */
export function mailboxCounter(db: DynamoDBDocumentClient, table: TableDef, tableName: string, policies: PolicyReader = registryPolicy): MailboxCounter {
  const refused = (limit: number) => quotaExceeded('mailboxes', limit);
  return {
    async charge(tenant, units) {
      const add = { TableName: tableName, Key: gaugeKey(table, tenant, 'mailboxes'), UpdateExpression: 'ADD #used :units', ExpressionAttributeNames: { '#used': 'used' } };
      if (units <= 0) return { Update: { ...add, ExpressionAttributeValues: { ':units': units } } };
      const policy = await policies(tenant, 'mailboxes');
      if (policy.overage) return { Update: { ...add, ExpressionAttributeValues: { ':units': units } } };
      const max = headroomAfter(policy.limit, units, 'mailboxes');
      if (max === undefined) throw refused(policy.limit);
      const item: TransactItem = {
        Update: { ...add, ConditionExpression: 'attribute_not_exists(#used) OR #used <= :max', ExpressionAttributeValues: { ':units': units, ':max': max } },
      };
      refusals.set(item, () => refused(policy.limit));
      return item;
    },
    async precheck(tenant, units) {
      const policy = await policies(tenant, 'mailboxes');
      if (policy.overage) return;
      const max = headroomAfter(policy.limit, units, 'mailboxes');
      if (max === undefined) throw refused(policy.limit);
      const out = await db.send(new GetCommand({ TableName: tableName, Key: gaugeKey(table, tenant, 'mailboxes'), ConsistentRead: true }));
      if (Number(out.Item?.used ?? 0) > max) throw refused(policy.limit);
    },
  };
}

// ——— The storageGb gauge: read from metering, not counted here. Bytes leave the bucket by paths that pass no request
// (pending uploads expire by TTL and lifecycle, mail is deleted, generated files are replaced) and arrive without one
// (inbound mail, exchange deliveries); metering sees them all in the tables' streams. Its level lags the streams by
// seconds, so a burst of uploads can pass the quota by what those seconds bring (docs/plans.md).

/** The refusal of `requestedBytes` more when `usedBytes` are stored under `policy` (limit in GiB); undefined to admit. */
export function storageRefusal(policy: QuotaPolicy, usedBytes: number, requestedBytes: number): AppError | undefined {
  if (policy.overage) return undefined;
  const limitBytes = policy.limit * BYTES_PER_GB;
  if (usedBytes + requestedBytes <= limitBytes) return undefined;
  return quotaExceeded('storageGb', policy.limit, { usedBytes, requestedBytes, limitBytes });
}

/** Throws QUOTA_EXCEEDED when the tenant may not store `bytes` more now. */
export type StorageCheck = (tenant: string, bytes: number) => Promise<void>;

/**
 * The check on the platform usage table (USAGE_TABLE): the tenant's stored bytes are the sum of `storageBytesDelta`
 * over its month items, one Query, read fresh on every request (nothing cached across requests). When overage is
 * admitted nothing is read.
 */
export function storageCheck(db: DynamoDBDocumentClient, usageTableName: string, policies: PolicyReader = registryPolicy, now: () => Date = () => new Date()): StorageCheck {
  return async (tenant, bytes) => {
    const policy = await policies(tenant, 'storageGb');
    if (policy.overage) return;
    const { storageBytes } = await readMonthUsage(db, usageTableName, tenant, vietnamMonth(now()));
    const refusal = storageRefusal(policy, storageBytes, bytes);
    if (refusal) throw refusal;
  };
}

type Reasons = { Code?: string }[];
const reasonsOf = (err: unknown): Reasons | undefined =>
  err instanceof Error && err.name === 'TransactionCanceledException' ? (err as Error & { CancellationReasons?: Reasons }).CancellationReasons ?? [] : undefined;

/**
 * The QUOTA_EXCEEDED error when `err` is a transaction of `items` cancelled by a quota counter's condition (found by
 * index in CancellationReasons, which follow the order of the items); undefined for any other failure.
 */
export function quotaRefusal(err: unknown, items: readonly TransactItem[]): AppError | undefined {
  const reasons = reasonsOf(err);
  if (!reasons) return undefined;
  for (const [i, reason] of reasons.entries()) {
    const refusal = reason.Code === 'ConditionalCheckFailed' && items[i] ? refusals.get(items[i]) : undefined;
    if (refusal) return refusal();
  }
  return undefined;
}

/** Cancelled only because another transaction held one of the items (nothing was written: safe to try again). */
export function lostToConflict(err: unknown): boolean {
  const reasons = reasonsOf(err);
  return !!reasons && reasons.some((r) => r.Code === 'TransactionConflict') && !reasons.some((r) => r.Code === 'ConditionalCheckFailed');
}

/**
 * TransactWriteItems for a transaction that counts a quota: every action of a tenant now touches the same counter, so
 * simultaneous ones conflict (TransactionConflict) far more often than before; those are tried again after a jittered
 * pause. A quota refusal becomes QUOTA_EXCEEDED; any other failure is thrown as DynamoDB gave it.
 */
export async function transactWrite(db: DynamoDBDocumentClient, items: TransactItem[], attempts = 8): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (err) {
      const refused = quotaRefusal(err, items);
      if (refused) throw refused;
      if (attempt >= attempts || !lostToConflict(err)) throw err;
      await new Promise((r) => setTimeout(r, Math.min(400, 15 * 2 ** attempt) * (0.5 + Math.random())));
    }
  }
}
