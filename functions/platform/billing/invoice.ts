// A tenant's invoice for one month (docs/billing.md): the plan's monthly fee, then one line per quota with what was
// included, used and over, and what the overage costs; a subtotal, VAT and the total, all in whole VND. Pure: the
// route hands in the registry record's plan, quotas and overage flag and the month's usage.
import type { Month, MonthUsage } from '#shared/metering';
import { planLimits, type Plan, type PlanId } from '#shared/plans';
import type { QuotaName } from '#shared/registry';

/**
 * VAT on the rent: 10%, the standard rate. The plans' prices are before VAT. A contract that classes the rent as a
 * software service (VAT-exempt in Vietnam) sets the rate to 0 here; the invoice always shows the rate it used.
 */
export const VAT_RATE = 0.1;

/** Which usage figure each quota is measured by, and how its lines read. */
const QUOTA_LINES: Record<QuotaName, { usage: keyof Omit<MonthUsage, 'tenant' | 'month'>; label: string; labelEn: string; unit: string }> = {
  dossiers: { usage: 'dossiers', label: 'Hồ sơ thủ tục hành chính được nộp', labelEn: 'Dossiers submitted', unit: 'hồ sơ' },
  documentsSent: { usage: 'documentsSent', label: 'Văn bản gửi đi (theo từng nơi nhận)', labelEn: 'Documents sent (per recipient)', unit: 'văn bản' },
  meetingHours: { usage: 'meetingHours', label: 'Giờ họp trực tuyến (theo từng điểm cầu)', labelEn: 'Meeting hours (per connection point)', unit: 'giờ' },
  mailboxes: { usage: 'mailboxes', label: 'Hộp thư điện tử công vụ', labelEn: 'Mailboxes', unit: 'hộp thư' },
  storageGb: { usage: 'storageGbMonths', label: 'Dung lượng lưu trữ', labelEn: 'Storage', unit: 'GB-tháng' },
};

export const INVOICE_QUOTAS = Object.keys(QUOTA_LINES) as QuotaName[];

/**
 * Why a quota that was exceeded is not billed: its plan has no overage price for it, or the operator turned overage off
 * for the tenant. Either way the action was refused at the quota (429 QUOTA_EXCEEDED), so being over is an anomaly
 * (e.g. a quota lowered mid-month) the operator should see. `not-limited`: the plan counts that quota without limiting
 * or billing it (planLimits: the officials' mailboxes on a plan without mail), so being over it is expected.
 */
export type UnbilledReason = 'no-overage-price' | 'overage-off' | 'not-limited';

export interface QuotaLine {
  quota: QuotaName;
  label: string;
  labelEn: string;
  unit: string;
  included: number;
  /** What was used, as measured (meeting hours and GB-months may be fractional). */
  used: number;
  /** Whole units over the quota: ceil(used) − included, never below 0. */
  over: number;
  /** VND per unit over the quota; 0 where the plan has none. */
  unitPriceVnd: number;
  amountVnd: number;
  /** Set when `over` > 0 but nothing is billed for it. */
  unbilled?: UnbilledReason;
}

export interface Invoice {
  tenant: string;
  month: Month;
  plan: PlanId;
  currency: 'VND';
  subscription: { label: string; labelEn: string; amountVnd: number };
  quotas: QuotaLine[];
  /** Subscription plus every billed overage, before VAT. */
  subtotalVnd: number;
  vatRate: number;
  vatVnd: number;
  totalVnd: number;
}

export interface InvoiceInput {
  tenant: string;
  month: Month;
  planId: PlanId;
  plan: Plan;
  /** The quotas that hold for the tenant (plan's with the operator's overrides: effectiveQuotas). */
  quotas: Plan['quotas'];
  /** The registry's overage flag: false refuses (and never bills) anything over a quota. */
  overage: boolean;
  usage: MonthUsage;
}

/**
 * Whole billable units of a measured amount: rounded up (a started meeting hour or GB-month is a whole one). The
 * tolerance keeps a sum of fractions that should be whole (0.1 + 0.2 …) from being billed one unit more.
 */
export function billableUnits(used: number): number {
  if (!(used > 0)) return 0;
  return Math.ceil(used - 1e-9);
}

/** VAT on a subtotal, in whole VND, rounded half up. */
export const vatOf = (subtotalVnd: number, rate = VAT_RATE): number => Math.round(subtotalVnd * rate);

export function quotaLine(quota: QuotaName, input: Pick<InvoiceInput, 'plan' | 'quotas' | 'overage' | 'usage'>): QuotaLine {
  const { usage: field, ...text } = QUOTA_LINES[quota];
  const included = input.quotas[quota];
  const used = input.usage[field] as number;
  const over = Math.max(0, billableUnits(used) - included);
  const price = input.plan.overageVnd[quota];
  const unbilled: UnbilledReason | undefined = over === 0 ? undefined
    : !planLimits(input.plan, quota) ? 'not-limited' : price === undefined ? 'no-overage-price' : !input.overage ? 'overage-off' : undefined;
  return {
    quota, ...text, included, used, over,
    unitPriceVnd: price ?? 0,
    amountVnd: over > 0 && !unbilled ? over * price! : 0,
    ...(unbilled ? { unbilled } : {}),
  };
}

export function invoiceOf(input: InvoiceInput): Invoice {
  const quotas = INVOICE_QUOTAS.map((q) => quotaLine(q, input));
  const subscription = {
    label: `Phí thuê bao gói ${input.plan.name}`,
    labelEn: `Subscription, plan ${input.planId}`,
    amountVnd: input.plan.monthlyPriceVnd,
  };
  const subtotalVnd = subscription.amountVnd + quotas.reduce((sum, l) => sum + l.amountVnd, 0);
  const vatVnd = vatOf(subtotalVnd);
  return { tenant: input.tenant, month: input.month, plan: input.planId, currency: 'VND', subscription, quotas, subtotalVnd, vatRate: VAT_RATE, vatVnd, totalVnd: subtotalVnd + vatVnd };
}

const csvCell = (v: string | number) => {
  const s = String(v);
  // A leading = + - @ would run as a formula in a spreadsheet: quote it as text.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n;]/.test(safe) || safe !== s ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The header line of the invoice's CSV: Vietnamese, as the province's accountants read it. */
export const INVOICE_CSV_HEADER = ['Khoản mục', 'Đơn vị tính', 'Hạn mức', 'Đã dùng', 'Vượt hạn mức', 'Đơn giá (VND)', 'Thành tiền (VND)', 'Ghi chú'];

const UNBILLED_NOTE: Record<UnbilledReason, string> = {
  'no-overage-price': 'Vượt hạn mức, gói không tính phí vượt (đã chặn khi vượt)',
  'overage-off': 'Vượt hạn mức, không áp dụng phí vượt cho thuê bao này (đã chặn khi vượt)',
  'not-limited': 'Gói không có thư công vụ: hộp thư của cán bộ được đếm, không giới hạn và không tính phí',
};

/** The invoice as CSV (UTF-8 with a BOM so spreadsheets read the Vietnamese, CRLF lines). */
export function invoiceCsv(invoice: Invoice): string {
  const rows: (string | number)[][] = [
    INVOICE_CSV_HEADER,
    [invoice.subscription.label, 'tháng', '', '', '', invoice.subscription.amountVnd, invoice.subscription.amountVnd, `Tháng ${invoice.month}`],
    ...invoice.quotas.map((l) => [l.label, l.unit, l.included, l.used, l.over, l.unitPriceVnd, l.amountVnd, l.unbilled ? UNBILLED_NOTE[l.unbilled] : '']),
    ['Cộng tiền trước thuế', '', '', '', '', '', invoice.subtotalVnd, ''],
    [`Thuế GTGT ${Math.round(invoice.vatRate * 100)}%`, '', '', '', '', '', invoice.vatVnd, ''],
    ['Tổng cộng thanh toán', '', '', '', '', '', invoice.totalVnd, ''],
  ];
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
