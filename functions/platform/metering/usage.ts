// The operator's view of a tenant's usage in a month: what was metered, next to the quotas that hold for it.
import type { Clock } from '#shared/clock';
import { monthOf, type Month, type MonthUsageDetail } from '#shared/metering';
import { effectiveQuotas } from '#shared/registry';
import type { Plan } from '#shared/plans';
import { getTenant, type TenantsDeps } from '../tenants';

export interface UsageDeps {
  tenants: TenantsDeps;
  /** readMonthUsage bound to the usage table. */
  read: (tenant: string, month: Month) => Promise<MonthUsageDetail>;
  clock: Clock;
}

export type UsageView = MonthUsageDetail & { quotas: Plan['quotas'] };

export async function usageOf(deps: UsageDeps, id: string, month: Month | undefined): Promise<UsageView> {
  const record = await getTenant(deps.tenants, id); // 404 for a tenant the registry does not know
  // A later month is answered too: the meeting hours already booked in it, and the levels as they stand.
  const resolved = month ?? monthOf(deps.clock());
  return { ...(await deps.read(id, resolved)), quotas: effectiveQuotas(record) };
}
