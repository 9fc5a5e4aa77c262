// The platform's tenant registry (PlatformStack's `platform-tenants` table): what the operator decides about each
// tenant at run time — its status (active, suspended, read-only, offboarded), plan and per-tenant quotas. The tenant
// files (tenants/<id>.json) say what is deployed; the registry says what a deployed tenant may do now. Tenant functions
// read their own item (GetItem on `TENANT#<id>`, cached a few seconds) and never write it: the operator API does.
import * as z from 'zod';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PLANS, TENANT_SERVICES } from './tenant';
import { PLANS_DATA, type Plan, type PlanId } from './plans';
import { optionalEnv, requireEnv } from './config';
import { documentClient } from './ddb';
import type { TableDef } from './table';

export const registryTable: TableDef = {
  name: 'tenants',
  envVar: 'TENANT_REGISTRY_TABLE',
  partitionKey: 'pk',
  sortKey: 'sk',
  // Every tenant, for the operator's list (no Scan on a request path): gsi1pk `TENANTS`, gsi1sk the id.
  indexes: [{ name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }],
  stream: true,
};

/** How long a function trusts what it read of its tenant's registry item (TENANT_STATE_CACHE_SECONDS; 10 s unless said). */
export const TENANT_STATE_CACHE_ENV = 'TENANT_STATE_CACHE_SECONDS';

export const TENANT_STATUSES = ['active', 'suspended', 'read-only', 'offboarded'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export type QuotaName = keyof Plan['quotas'];
export const QUOTA_NAMES = ['dossiers', 'documentsSent', 'meetingHours', 'mailboxes', 'storageGb'] as const satisfies readonly QuotaName[];

/** Per-tenant quotas over the plan's (the operator's PATCH): a number replaces the plan's quota for that tenant. */
export const QuotaOverrides = z.strictObject(Object.fromEntries(QUOTA_NAMES.map((q) => [q, z.number().int().min(0).max(10_000_000).optional()])) as Record<QuotaName, z.ZodOptional<z.ZodNumber>>);
export type QuotaOverrides = z.infer<typeof QuotaOverrides>;

/** The registry item of a tenant (pk `TENANT#<id>`, sk `PROFILE`). */
export const TenantRecord = z.object({
  id: z.string(),
  name: z.string(),
  provinceCode: z.string(),
  domain: z.string(),
  rootAgency: z.string(),
  tier: z.enum(['dedicated', 'shared']),
  plan: z.enum(PLANS),
  services: z.array(z.enum(TENANT_SERVICES)),
  region: z.string(),
  status: z.enum(TENANT_STATUSES),
  quotas: QuotaOverrides.default({}),
  /** Whether going over a quota with an overage price is admitted and billed (true) or refused (429). */
  overage: z.boolean().default(true),
  note: z.string().optional(),
  /** Why it was suspended, as the operator wrote it. */
  statusReason: z.string().optional(),
  statusChangedAt: z.string(),
  /** While an archive is imported, and until its records have passed the streams: consumers skip records of then. */
  importWindow: z.object({ from: z.string(), to: z.string().optional() }).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type TenantRecord = z.infer<typeof TenantRecord>;

export const registryKey = (id: string) => ({ pk: `TENANT#${id}`, sk: 'PROFILE' });

/** The quotas that hold for a tenant: its plan's, with the operator's per-tenant overrides on top. */
export function effectiveQuotas(record: Pick<TenantRecord, 'plan' | 'quotas'>): Plan['quotas'] {
  const plan = PLANS_DATA[record.plan as PlanId] as Plan;
  return { ...plan.quotas, ...Object.fromEntries(Object.entries(record.quotas ?? {}).filter(([, v]) => v !== undefined)) };
}

export interface TenantStateReader {
  /** The tenant's registry item, or undefined when the registry does not know it. At most `ttl` old. */
  get(tenantId: string): Promise<TenantRecord | undefined>;
  /** Drops what was cached (tests, and after this function itself changed the item). */
  forget(tenantId?: string): void;
}

/** Reads registry items through a small per-container cache: one GetItem (0.5 RCU) per tenant per `ttlMs` at most. */
export function tenantStateReader(db: DynamoDBDocumentClient, tableName: string, ttlMs: number, now: () => number = Date.now): TenantStateReader {
  const cache = new Map<string, { at: number; value: Promise<TenantRecord | undefined> }>();
  return {
    get(tenantId) {
      const hit = cache.get(tenantId);
      if (hit && now() - hit.at < ttlMs) return hit.value;
      const value = db.send(new GetCommand({ TableName: tableName, Key: registryKey(tenantId) }))
        .then((out) => (out.Item ? TenantRecord.parse(out.Item) : undefined));
      cache.set(tenantId, { at: now(), value });
      value.catch(() => cache.delete(tenantId));
      return value;
    },
    forget(tenantId) {
      if (tenantId) cache.delete(tenantId);
      else cache.clear();
    },
  };
}

let defaultReader: TenantStateReader | undefined;
/**
 * The registry as this function reads it (TENANT_REGISTRY_TABLE, cached TENANT_STATE_CACHE_SECONDS): one reader per
 * container, shared by the HTTP adapter's status check, quotas and stream consumers.
 */
export function tenantStates(): TenantStateReader {
  defaultReader ??= tenantStateReader(documentClient(), requireEnv(registryTable.envVar), Number(optionalEnv(TENANT_STATE_CACHE_ENV, '10')) * 1000);
  return defaultReader;
}
