// What a tenant (a province) is: the schema of tenants/<id>.json and of the tenants a deployment serves.
import * as z from 'zod';
import { AgencyCode } from './agency';
import { PLANS_DATA } from './plans';
import { PROVINCES } from './provinces';

/** Services a plan can enable for a tenant. */
export const TENANT_SERVICES = ['directory', 'dossiers', 'documents', 'meetings', 'mail'] as const;
export type TenantService = (typeof TENANT_SERVICES)[number];

export const PLANS = ['basic', 'standard', 'premium'] as const;

/** Deployment names that are not tenants: `platform` is the control plane's (its tables are `platform-<name>`). */
export const RESERVED_TENANT_IDS: readonly string[] = ['platform'];

export const TenantId = z.string().regex(/^[a-z][a-z0-9]{2,30}$/, {
  message: 'id: 3–31 lowercase letters or digits, starting with a letter (e.g. nghean)',
}).refine((id) => !RESERVED_TENANT_IDS.includes(id), { message: 'reserved for the platform' });

export const TenantFile = z
  .strictObject({
    id: TenantId,
    name: z.string().min(2),
    provinceCode: z.string().refine((code) => code in PROVINCES, { message: 'not one of the 34 province codes of Decision 19/2025/QĐ-TTg' }),
    domain: z.string().regex(/^(?:[a-z0-9-]+\.)+[a-z]{2,}$/, { message: 'a mail domain such as nghean.gov.vn' }),
    rootAgency: AgencyCode,
    tier: z.enum(['dedicated', 'shared']),
    plan: z.enum(PLANS),
    services: z.array(z.enum(TENANT_SERVICES)).min(1).refine((s) => s.includes('directory'), { message: 'directory is always enabled' }),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/).default('ap-southeast-1'),
    /** Video meetings: the province's own Jitsi Meet (`meet.<domain>` unless said) or Amazon Chime SDK. */
    video: z.strictObject({
      provider: z.enum(['jitsi', 'chime']).default('jitsi'),
      jitsiDomain: z.string().regex(/^(?:[a-z0-9-]+\.)+[a-z]{2,}$/).optional(),
    }).optional(),
    note: z.string().optional(),
  })
  .refine((t) => PROVINCES[t.provinceCode] === t.name, {
    path: ['name'],
    message: 'must be the official name of the province code (see shared/provinces.ts)',
  })
  .refine((t) => t.services.every((s) => (PLANS_DATA[t.plan].services as readonly string[]).includes(s)), {
    path: ['services'],
    message: 'only services of the plan (see shared/plans.ts)',
  });
export type Tenant = z.infer<typeof TenantFile>;

/** Where a tenant's users sign in: the Cognito user pool and app client, and locally the endpoint to call. */
export const TenantAuth = z.strictObject({
  region: z.string(),
  userPoolId: z.string().min(1),
  clientId: z.string().min(1),
  endpoint: z.string().url().optional(),
});
export type TenantAuth = z.infer<typeof TenantAuth>;

/** A tenant as a deployment serves it (the TENANTS environment variable). */
export const DeployedTenant = z.object({
  id: TenantId,
  name: z.string(),
  provinceCode: z.string(),
  domain: z.string(),
  rootAgency: z.string(),
  services: z.array(z.string()),
  /** The plan it rents (quotas such as the mailbox size follow from it). */
  plan: z.enum(PLANS).optional(),
  auth: TenantAuth,
});
export type DeployedTenant = z.infer<typeof DeployedTenant>;
export const DeployedTenants = z.array(DeployedTenant);
