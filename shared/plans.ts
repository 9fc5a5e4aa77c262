// The plans a province rents the suite on, as data (issue #7 builds metering and invoices on them). Prices in VND
// per month; quotas per month unless said. Which services a plan enables is enforced on every route of the service
// (403 SERVICE_NOT_IN_PLAN); the mailbox size here is what the mail service enforces.
import type { TenantService } from './tenant';

export interface Plan {
  /** Vietnamese first, as the province's administrators read it. */
  name: string;
  services: readonly TenantService[];
  quotas: { dossiers: number; documentsSent: number; meetingHours: number; mailboxes: number; storageGb: number };
  /** Requests per second and burst per tenant at the API. */
  rateLimit: { rps: number; burst: number };
  monthlyPriceVnd: number;
  /** VND per unit over the quota; none where going over is refused instead. */
  overageVnd: Partial<Record<keyof Plan['quotas'], number>>;
  mailboxQuotaBytes: number;
}

const GIB = 1024 ** 3;

export const PLANS_DATA = {
  basic: {
    name: 'Cơ bản (Basic)',
    services: ['directory', 'dossiers', 'documents'],
    quotas: { dossiers: 5_000, documentsSent: 5_000, meetingHours: 0, mailboxes: 0, storageGb: 50 },
    rateLimit: { rps: 50, burst: 100 },
    monthlyPriceVnd: 15_000_000,
    overageVnd: { dossiers: 2_000, documentsSent: 1_000, storageGb: 20_000 },
    mailboxQuotaBytes: 2 * GIB,
  },
  standard: {
    name: 'Tiêu chuẩn (Standard)',
    services: ['directory', 'dossiers', 'documents', 'meetings', 'mail'],
    quotas: { dossiers: 20_000, documentsSent: 20_000, meetingHours: 500, mailboxes: 2_000, storageGb: 200 },
    rateLimit: { rps: 200, burst: 400 },
    monthlyPriceVnd: 45_000_000,
    overageVnd: { dossiers: 1_500, documentsSent: 800, meetingHours: 50_000, mailboxes: 10_000, storageGb: 15_000 },
    mailboxQuotaBytes: 5 * GIB,
  },
  premium: {
    name: 'Cao cấp (Premium)',
    services: ['directory', 'dossiers', 'documents', 'meetings', 'mail'],
    quotas: { dossiers: 100_000, documentsSent: 100_000, meetingHours: 3_000, mailboxes: 10_000, storageGb: 1_000 },
    rateLimit: { rps: 500, burst: 1_000 },
    monthlyPriceVnd: 120_000_000,
    overageVnd: { dossiers: 1_000, documentsSent: 500, meetingHours: 40_000, mailboxes: 8_000, storageGb: 10_000 },
    mailboxQuotaBytes: 20 * GIB,
  },
} as const satisfies Record<string, Plan>;

export type PlanId = keyof typeof PLANS_DATA;
export const planOf = (id: PlanId | undefined): Plan => PLANS_DATA[id ?? 'standard'];

/**
 * Which plan service an HTTP service's routes belong to (the catalog's service names): the forms are the dossiers'.
 * Services not listed (api, uploads) belong to every plan.
 */
export const PLAN_SERVICE_OF: Readonly<Record<string, TenantService>> = {
  directory: 'directory', dossiers: 'dossiers', 'dossier-forms': 'dossiers', documents: 'documents', meetings: 'meetings', mail: 'mail',
};

/**
 * Whether a plan limits (and bills) a quota. Every plan does, but one: a plan without the mail service (basic:
 * `mailboxes` 0, no overage price) counts its officials' mailboxes without limiting or billing them. The directory is in
 * every plan, and a limit of 0 would forbid every new official; their mailboxes only open, and count against a limit,
 * once the tenant is on a plan with mail. Read by the quotas (shared/quota.ts) and the invoice alike.
 */
export const planLimits = (plan: Plan, quota: keyof Plan['quotas']): boolean => quota !== 'mailboxes' || plan.services.includes('mail');
