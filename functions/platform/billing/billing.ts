// The operator's invoice and cost report for a tenant and month: the registry record (plan, quotas, overage), the
// month's usage and consumption, and the pure rules of ./invoice and ./cost. No AWS types here.
import type { Clock } from '#shared/clock';
import { badRequest } from '#shared/errors';
import { monthOf, type Month, type MonthUsage } from '#shared/metering';
import { PLANS_DATA } from '#shared/plans';
import { effectiveQuotas } from '#shared/registry';
import { getTenant, type TenantsDeps } from '../tenants';
import { AWS_PRICES, type PriceSheet } from './aws-prices';
import { costReport, type CostReport } from './cost';
import { invoiceOf, type Invoice } from './invoice';
import type { UsageReader } from './store';

export interface BillingDeps {
  tenants: TenantsDeps;
  usage: UsageReader;
  clock: Clock;
  prices?: PriceSheet;
}

/** The month asked for, or the current one in Vietnam; a month not begun yet is a 400. */
export function resolveMonth(clock: Clock, month: Month | undefined): Month {
  const current = monthOf(clock());
  if (month === undefined) return current;
  if (month > current) {
    throw badRequest('MONTH_IN_FUTURE', `Tháng ${month} chưa bắt đầu.`, `The month ${month} has not begun.`, { month, current });
  }
  return month;
}

async function billedMonth(deps: BillingDeps, id: string, month: Month | undefined): Promise<{ invoice: Invoice; usage: MonthUsage }> {
  const record = await getTenant(deps.tenants, id);
  const resolved = resolveMonth(deps.clock, month);
  const usage = await deps.usage.usage(id, resolved);
  const invoice = invoiceOf({ tenant: id, month: resolved, planId: record.plan, plan: PLANS_DATA[record.plan], quotas: effectiveQuotas(record), overage: record.overage, usage });
  return { invoice, usage };
}

export async function invoiceFor(deps: BillingDeps, id: string, month: Month | undefined): Promise<Invoice> {
  return (await billedMonth(deps, id, month)).invoice;
}

export async function costFor(deps: BillingDeps, id: string, month: Month | undefined): Promise<CostReport> {
  const { invoice, usage } = await billedMonth(deps, id, month);
  const consumption = await deps.usage.consumption(id, invoice.month);
  return costReport({ tenant: id, month: invoice.month, consumption, storageGbMonths: usage.storageGbMonths, revenueVnd: invoice.subtotalVnd, prices: deps.prices ?? AWS_PRICES });
}
