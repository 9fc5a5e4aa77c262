// Request and response shapes of the operator API's invoice and cost routes.
import * as z from 'zod';
import { MONTH_PATTERN } from '#shared/metering';
import { TenantId } from '#shared/tenant';

export const BillingParams = z.strictObject({ id: TenantId });

const Month = z.string().regex(MONTH_PATTERN, 'a month as YYYY-MM').describe('YYYY-MM, in Vietnam; the current month unless given');

export const InvoiceQuery = z.strictObject({
  month: Month.optional(),
  /** `csv`: the invoice as a spreadsheet, with Vietnamese headers. */
  format: z.enum(['json', 'csv']).default('json'),
});

export const CostQuery = z.strictObject({ month: Month.optional() });

const Vnd = z.number().int().describe('VND');

export const InvoiceView = z.object({
  tenant: z.string(),
  month: z.string(),
  plan: z.string(),
  currency: z.literal('VND'),
  subscription: z.object({ label: z.string(), labelEn: z.string(), amountVnd: Vnd }),
  quotas: z.array(z.object({
    quota: z.string(),
    label: z.string(),
    labelEn: z.string(),
    unit: z.string(),
    included: z.number(),
    used: z.number(),
    over: z.number().int(),
    unitPriceVnd: Vnd,
    amountVnd: Vnd,
    unbilled: z.enum(['no-overage-price', 'overage-off', 'not-limited']).optional(),
  })),
  subtotalVnd: Vnd,
  vatRate: z.number(),
  vatVnd: Vnd,
  totalVnd: Vnd,
});

export const CostView = z.object({
  tenant: z.string(),
  month: z.string(),
  prices: z.object({ region: z.string(), asOf: z.string(), usdToVnd: z.number() }),
  consumption: z.object({ requests: z.number(), invocations: z.number(), readUnits: z.number(), writeUnits: z.number(), gbSeconds: z.number(), storageGbMonths: z.number() }),
  lines: z.array(z.object({
    service: z.string(), item: z.string(), quantity: z.number(), unit: z.string(), priceUsd: z.number(), perUnits: z.number(), costUsd: z.number(),
  })),
  costUsd: z.number(),
  costVnd: Vnd,
  revenueVnd: Vnd,
  marginVnd: Vnd,
  marginRate: z.number().nullable(),
  notMeasured: z.array(z.string()),
});
