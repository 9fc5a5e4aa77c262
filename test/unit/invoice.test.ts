// The invoice from a known month of usage equals a total computed by hand from the plans' published numbers
// (shared/plans.ts, docs/billing.md): the expected amounts are written as arithmetic on those numbers, not taken from
// the code under test.
import type { MonthUsage } from '#shared/metering';
import { PLANS_DATA, type PlanId } from '#shared/plans';
import { billableUnits, invoiceCsv, invoiceOf, INVOICE_CSV_HEADER, type InvoiceInput } from '#functions/platform/billing/invoice';
import { AWS_PRICES } from '#functions/platform/billing/aws-prices';
import { costReport } from '#functions/platform/billing/cost';

const usage = (over: Partial<MonthUsage> = {}): MonthUsage => ({
  tenant: 'hue', month: '2026-03', dossiers: 0, documentsSent: 0, meetingHours: 0, mailSent: 0, activeOfficials: 0, mailboxes: 0, storageGbMonths: 0, ...over,
});

const input = (planId: PlanId, used: Partial<MonthUsage>, options: { quotas?: Partial<InvoiceInput['quotas']>; overage?: boolean } = {}): InvoiceInput => ({
  tenant: 'hue', month: '2026-03', planId, plan: PLANS_DATA[planId], quotas: { ...PLANS_DATA[planId].quotas, ...options.quotas }, overage: options.overage ?? true, usage: usage(used),
});

describe('invoice of a known month', () => {
  it('standard plan, a month over on several quotas: the hand-computed total', () => {
    // Standard (Tiêu chuẩn): 45,000,000 a month; 20,000 dossiers then 1,500 each; 20,000 documents then 800 each;
    // 500 meeting hours then 50,000 each; 2,000 mailboxes then 10,000 each; 200 GB then 15,000 per GB-month.
    const invoice = invoiceOf(input('standard', {
      dossiers: 20_150, documentsSent: 20_000, meetingHours: 500.25, mailboxes: 2_001, storageGbMonths: 212.4, mailSent: 90_000, activeOfficials: 1_900,
    }));
    const subtotal = 45_000_000 + 150 * 1_500 + 0 * 800 + 1 * 50_000 + 1 * 10_000 + 13 * 15_000; // 45,480,000
    expect(invoice.subtotalVnd).toBe(subtotal);
    expect(invoice.vatVnd).toBe(subtotal / 10);
    expect(invoice.totalVnd).toBe(50_028_000);
    expect(invoice.subscription).toEqual({ label: 'Phí thuê bao gói Tiêu chuẩn (Standard)', labelEn: 'Subscription, plan standard', amountVnd: 45_000_000 });
    const byQuota = Object.fromEntries(invoice.quotas.map((l) => [l.quota, l]));
    expect(byQuota.dossiers).toMatchObject({ included: 20_000, used: 20_150, over: 150, unitPriceVnd: 1_500, amountVnd: 225_000 });
    expect(byQuota.storageGb).toMatchObject({ included: 200, used: 212.4, over: 13, unitPriceVnd: 15_000, amountVnd: 195_000 });
    expect(invoice.quotas.every((l) => l.unbilled === undefined)).toBe(true);
  });

  it('a month within every quota costs the plan price plus VAT', () => {
    const invoice = invoiceOf(input('premium', { dossiers: 99_999, documentsSent: 12, meetingHours: 2_999.5, mailboxes: 10_000, storageGbMonths: 999.9 }));
    expect([invoice.subtotalVnd, invoice.vatVnd, invoice.totalVnd]).toEqual([120_000_000, 12_000_000, 132_000_000]);
    expect(invoice.quotas.map((l) => l.over)).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('quota edges', () => {
  it('exactly at a quota: nothing over; one more: one unit billed', () => {
    const at = invoiceOf(input('basic', { dossiers: 5_000 })).quotas.find((l) => l.quota === 'dossiers')!;
    expect([at.over, at.amountVnd]).toEqual([0, 0]);
    const oneOver = invoiceOf(input('basic', { dossiers: 5_001 }));
    expect(oneOver.quotas.find((l) => l.quota === 'dossiers')).toMatchObject({ over: 1, amountVnd: 2_000 });
    expect(oneOver.subtotalVnd).toBe(15_000_000 + 2_000);
  });

  it('storage: a fraction of a GB-month over the quota is a whole one; exactly at it is none', () => {
    const line = (gbMonths: number) => invoiceOf(input('basic', { storageGbMonths: gbMonths })).quotas.find((l) => l.quota === 'storageGb')!;
    expect(line(50).over).toBe(0);
    expect(line(50.01)).toMatchObject({ over: 1, amountVnd: 20_000 });
    expect(line(51.99)).toMatchObject({ over: 2, amountVnd: 2 * 20_000 });
  });

  it('rounds fractions up but not float noise', () => {
    expect([billableUnits(0), billableUnits(0.1 + 0.2 + 0.7), billableUnits(2.0000001), billableUnits(-1)]).toEqual([0, 1, 3, 0]);
  });

  it('a per-tenant quota override moves the line', () => {
    const line = invoiceOf(input('standard', { dossiers: 20_150 }, { quotas: { dossiers: 25_000 } })).quotas.find((l) => l.quota === 'dossiers')!;
    expect([line.included, line.over, line.amountVnd]).toEqual([25_000, 0, 0]);
  });

  it('over a quota the plan has no overage price for: shown, flagged, not billed', () => {
    // Basic has no meetings and no mailboxes (quota 0, no overage price).
    const invoice = invoiceOf(input('basic', { meetingHours: 3, mailboxes: 2 }));
    expect(invoice.quotas.find((l) => l.quota === 'meetingHours')).toMatchObject({ over: 3, unitPriceVnd: 0, amountVnd: 0, unbilled: 'no-overage-price' });
    expect(invoice.subtotalVnd).toBe(15_000_000);
  });

  it('officials\' mailboxes on a plan without mail: counted, not limited, not billed, and the CSV says so (not "blocked")', () => {
    const invoice = invoiceOf(input('basic', { mailboxes: 40 }));
    expect(invoice.quotas.find((l) => l.quota === 'mailboxes')).toMatchObject({ included: 0, used: 40, over: 40, amountVnd: 0, unbilled: 'not-limited' });
    expect(invoice.subtotalVnd).toBe(15_000_000);
    const row = invoiceCsv(invoice).split('\r\n').find((line) => line.startsWith('Hộp thư'))!;
    expect(row).toContain('không giới hạn');
    expect(row).not.toContain('đã chặn');
  });

  it('over a quota with overage turned off for the tenant: shown, flagged, not billed', () => {
    const invoice = invoiceOf(input('standard', { dossiers: 20_010 }, { overage: false }));
    expect(invoice.quotas.find((l) => l.quota === 'dossiers')).toMatchObject({ over: 10, unitPriceVnd: 1_500, amountVnd: 0, unbilled: 'overage-off' });
    expect(invoice.totalVnd).toBe(45_000_000 + 4_500_000);
  });
});

describe('invoice as CSV', () => {
  it('Vietnamese header, one row per line, the totals last', () => {
    const csv = invoiceCsv(invoiceOf(input('basic', { dossiers: 5_001, meetingHours: 1 })));
    const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe(INVOICE_CSV_HEADER.join(','));
    expect(lines[0]).toBe('Khoản mục,Đơn vị tính,Hạn mức,Đã dùng,Vượt hạn mức,Đơn giá (VND),Thành tiền (VND),Ghi chú');
    expect(lines[1]).toBe('Phí thuê bao gói Cơ bản (Basic),tháng,,,,15000000,15000000,Tháng 2026-03');
    expect(lines).toHaveLength(1 + 1 + 5 + 3);
    expect(lines.at(-1)).toBe(`Tổng cộng thanh toán,,,,,,${(15_000_000 + 2_000) * 11 / 10},`);
    expect(lines.find((l) => l.startsWith('Giờ họp'))).toContain('gói không tính phí vượt');
  });
});

describe('cost report of a known month (functions/platform/billing/cost.ts)', () => {
  // The list prices of aws-prices.ts written out: $0.1425 per million RRU, $0.7125 per million WRU, Lambda $0.20 per
  // million invocations and $0.0000133334 per GB-s, API Gateway $1.25 per million requests, S3 $0.025 per GB-month.
  const report = costReport({
    tenant: 'hue', month: '2026-03', storageGbMonths: 10, revenueVnd: 45_000_000, prices: AWS_PRICES,
    // 1 million API requests, and 3 million invocations: the API's, plus stream batches, schedules and the others.
    consumption: { requests: 1_000_000, invocations: 3_000_000, readUnits: 2_000_000, writeUnits: 1_000_000, gbSeconds: 100_000 },
  });

  it('prices Lambda by invocations and API Gateway by requests, each at its own count', () => {
    const byUnit = Object.fromEntries(report.lines.map((l) => [`${l.service} ${l.unit}`, l]));
    expect(byUnit['Lambda invocations']).toMatchObject({ quantity: 3_000_000, costUsd: 0.6 });
    expect(byUnit['API Gateway requests']).toMatchObject({ quantity: 1_000_000, costUsd: 1.25 });
    expect(byUnit['Lambda GB-s']).toMatchObject({ quantity: 100_000, costUsd: 1.33334 });
    const costUsd = 2 * 0.1425 + 1 * 0.7125 + 3 * 0.2 + 100_000 * 0.0000133334 + 1 * 1.25 + 10 * 0.025; // 4.43084
    expect(report.costUsd).toBeCloseTo(costUsd, 6);
    expect(report.costVnd).toBe(Math.round(4.43084 * 26_300)); // 116,531
    expect(report.marginVnd).toBe(45_000_000 - 116_531);
  });

  it('no longer lists the Lambda time of non-HTTP functions as not measured', () => {
    expect(report.notMeasured.join(' ')).not.toMatch(/Lambda/);
    expect(report.consumption).toMatchObject({ requests: 1_000_000, invocations: 3_000_000, storageGbMonths: 10 });
  });
});
