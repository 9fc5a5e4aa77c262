// Monthly quotas, enforced where the action happens (docs/plans.md). A counter item per tenant, quota and month lives
// in the acting service's OWN table and is incremented inside the same TransactWriteItems as the action: the count
// is exact under any concurrency, and a refused action writes nothing. When the tenant may go over (the plan prices
// the overage and the operator left overage on), the increment has no condition and the excess is billed instead.
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { AppError } from './errors';
import { planOf, type Plan } from './plans';
import { effectiveQuotas, tenantStates, type TenantRecord } from './registry';
import type { TableDef } from './table';
import { findTenant } from './tenancy';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The quotas counted per month (the gauges, mailboxes and storage, are not: docs/plans.md says why). */
export const MONTHLY_QUOTAS = ['dossiers', 'documentsSent', 'meetingHours'] as const;
export type MonthlyQuota = (typeof MONTHLY_QUOTAS)[number];

/**
 * Counter units per unit of the quota. Meeting hours are counted in point-minutes so that a 20-minute meeting is
 * exact (1/3 of an hour is not a finite decimal); the others are whole events.
 */
export const QUOTA_SCALE: Readonly<Record<MonthlyQuota, number>> = { dossiers: 1, documentsSent: 1, meetingHours: 60 };

const QUOTA_TEXT: Readonly<Record<MonthlyQuota, { vi: string; en: string }>> = {
  dossiers: { vi: 'số hồ sơ tiếp nhận trong tháng', en: 'dossiers per month' },
  documentsSent: { vi: 'số văn bản gửi đi trong tháng (mỗi nơi nhận một văn bản)', en: 'documents sent per month (one per recipient)' },
  meetingHours: { vi: 'số giờ họp trực tuyến trong tháng (giờ × điểm cầu)', en: 'meeting hours per month (hours × connection points)' },
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
 */
export function policyOf(record: Pick<TenantRecord, 'plan' | 'quotas' | 'overage'> | undefined, deployedPlan: Plan, quota: MonthlyQuota): QuotaPolicy {
  if (!record) return { limit: deployedPlan.quotas[quota], overage: deployedPlan.overageVnd[quota] !== undefined };
  return { limit: effectiveQuotas(record)[quota], overage: record.overage && planOf(record.plan).overageVnd[quota] !== undefined };
}

export type PolicyReader = (tenant: string, quota: MonthlyQuota) => Promise<QuotaPolicy>;

/** The policy as this function sees it: the registry item through the container's cached reader. */
export const registryPolicy: PolicyReader = async (tenant, quota) =>
  policyOf(await tenantStates().get(tenant), planOf(findTenant(tenant)?.plan), quota);

/** The counter's key in a service table: pk `{tenant}#QUOTA`, sk `{quota}#{month}` (one partition per tenant). */
export function counterKey(table: TableDef, tenant: string, quota: MonthlyQuota, month: string): Record<string, string> {
  if (!table.sortKey) return { [table.partitionKey]: `${tenant}#QUOTA#${quota}#${month}` };
  return { [table.partitionKey]: `${tenant}#QUOTA`, [table.sortKey]: `${quota}#${month}` };
}

export function quotaExceeded(quota: MonthlyQuota, limit: number, month: string): AppError {
  const text = QUOTA_TEXT[quota];
  return new AppError(429, 'QUOTA_EXCEEDED',
    `Đã vượt hạn mức ${text.vi} của gói dịch vụ (${limit}, tháng ${month}). Vui lòng liên hệ đơn vị vận hành để nâng hạn mức.`,
    `The ${quota} quota (${text.en}) of the plan is used up: ${limit} in ${month}. Ask the operator to raise it.`,
    { quota, limit, month });
}

/** The refusal each conditional counter item stands for, looked up by the item itself when a transaction fails. */
const refusals = new WeakMap<object, () => AppError>();

/**
 * How much of the month's counter may be left in the largest step of one action, for a limit in the quota's unit:
 * the condition `used <= limit × scale − units`, or undefined when a single action is already bigger than the limit.
 */
export function headroomAfter(limit: number, units: number, quota: MonthlyQuota): number | undefined {
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
