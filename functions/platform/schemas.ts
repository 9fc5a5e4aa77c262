// Request and response shapes of the operator API's tenant routes.
import * as z from 'zod';
import { QuotaOverrides, TENANT_STATUSES } from '#shared/registry';
import { PLANS, TenantFile, TenantId } from '#shared/tenant';

const Timestamp = z.string().describe('ISO 8601 with the +07:00 offset');

export const TenantIdParams = z.strictObject({ id: TenantId });

export const ListTenantsQuery = z.strictObject({
  status: z.enum(TENANT_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(512).optional(),
});

/** A new tenant: exactly what tenants/<id>.json holds (shared/tenant.ts), validated the same way. */
export const CreateTenant = TenantFile;

export const UpdateTenant = z.strictObject({
  plan: z.enum(PLANS).optional(),
  /** Per-tenant quotas over the plan's; `null` for a quota goes back to the plan's. */
  quotas: z.strictObject(Object.fromEntries(Object.keys(QuotaOverrides.shape).map((q) => [q, z.number().int().min(0).max(10_000_000).nullable().optional()])) as Record<keyof typeof QuotaOverrides.shape, z.ZodOptional<z.ZodNullable<z.ZodNumber>>>).optional(),
  overage: z.boolean().optional(),
  note: z.string().max(1000).optional(),
  /** The version the operator read (GET): a PATCH over a change they did not see is a 409. */
  version: z.number().int().min(1),
}).refine((b) => Object.keys(b).length > 1, { message: 'nothing to change' });

export const SuspendTenant = z.strictObject({
  /** `full`: every route refused; `read-only`: reads still answered (e.g. while a contract is renewed). */
  mode: z.enum(['full', 'read-only']).default('full'),
  reason: z.string().trim().min(3).max(500),
});

const Quotas = z.object({ dossiers: z.number(), documentsSent: z.number(), meetingHours: z.number(), mailboxes: z.number(), storageGb: z.number() });

export const TenantView = z.object({
  id: z.string(),
  name: z.string(),
  provinceCode: z.string(),
  domain: z.string(),
  rootAgency: z.string(),
  tier: z.string(),
  plan: z.string(),
  services: z.array(z.string()),
  region: z.string(),
  status: z.enum(TENANT_STATUSES),
  statusReason: z.string().optional(),
  statusChangedAt: Timestamp,
  /** The operator's per-tenant overrides, and the quotas that hold (plan's with the overrides). */
  quotaOverrides: QuotaOverrides,
  quotas: Quotas,
  overage: z.boolean(),
  note: z.string().optional(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number(),
});
export type TenantView = z.infer<typeof TenantView>;

export const CreatedTenant = TenantView.extend({
  /** What the operator does next to serve the tenant (its stack). */
  nextStep: z.string(),
});

export const TenantList = z.object({ items: z.array(TenantView), cursor: z.string().optional() });
