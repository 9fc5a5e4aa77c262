// The operator's tenant lifecycle (docs/operations.md): register a province, change its plan and quotas, suspend it
// (fully or read-only) and resume it. Offboarding, which needs an export first, is in ./archive. No AWS types here.
import { toVietnamIso, type Clock } from '#shared/clock';
import { AppError, conflict, notFound } from '#shared/errors';
import { PLANS_DATA } from '#shared/plans';
import { effectiveQuotas, type QuotaOverrides, type TenantRecord, type TenantStatus } from '#shared/registry';
import type { Tenant } from '#shared/tenant';
import type { RegistryStore } from './store';
import type { TenantView } from './schemas';

export interface TenantsDeps {
  store: RegistryStore;
  clock: Clock;
}

export const tenantNotRegistered = () =>
  notFound('TENANT_NOT_FOUND', 'Không có tỉnh/thành phố này trong danh sách thuê bao.', 'No such tenant in the registry.');
const versionConflict = () =>
  conflict('VERSION_CONFLICT', 'Thuê bao vừa được người khác thay đổi, vui lòng tải lại.', 'Someone else changed this tenant; reload it.');
export const offboardedTenant = () =>
  conflict('TENANT_OFFBOARDED', 'Tỉnh/thành phố này đã ngừng sử dụng hệ thống; không thể thay đổi.', 'This tenant is offboarded; it cannot change.');

/** What the operator reads of a tenant: the record, with the quotas that hold for it. */
export function viewOf(record: TenantRecord): TenantView {
  const { quotas, importWindow: _importWindow, ...rest } = record;
  return { ...rest, quotaOverrides: quotas, quotas: effectiveQuotas(record) };
}

/** A registry record for a tenant file: active, on the file's plan, no overrides. */
export function recordOf(tenant: Tenant, now: Date): TenantRecord {
  const at = toVietnamIso(now);
  return {
    id: tenant.id, name: tenant.name, provinceCode: tenant.provinceCode, domain: tenant.domain, rootAgency: tenant.rootAgency,
    tier: tenant.tier, plan: tenant.plan, services: [...tenant.services], region: tenant.region, status: 'active', quotas: {}, overage: true,
    ...(tenant.note ? { note: tenant.note } : {}),
    statusChangedAt: at, createdAt: at, updatedAt: at, version: 1,
  };
}

/** Registers a tenant; 409 TENANT_EXISTS or DOMAIN_TAKEN, and nothing written, when its id or its mail domain is taken. */
export async function createTenant(deps: TenantsDeps, tenant: Tenant): Promise<TenantView & { nextStep: string }> {
  const record = recordOf(tenant, deps.clock());
  const outcome = await deps.store.create(record);
  if (outcome === 'id-taken') throw conflict('TENANT_EXISTS', `Mã thuê bao "${tenant.id}" đã được dùng.`, `The tenant id "${tenant.id}" is taken.`);
  if (outcome === 'domain-taken') throw conflict('DOMAIN_TAKEN', `Tên miền ${tenant.domain} đã thuộc một thuê bao khác.`, `The domain ${tenant.domain} belongs to another tenant.`);
  return { ...viewOf(record), nextStep: `npx cdk deploy -c tenant=${tenant.id}` };
}

/** A page of tenants in id order, those in `status` only when given: full (`limit`) unless it is the last. */
export async function listTenants(deps: TenantsDeps, query: { limit: number; cursor?: string; status?: TenantStatus }): Promise<{ items: TenantView[]; cursor?: string }> {
  const page = await deps.store.list(query);
  return { items: page.items.map(viewOf), cursor: page.cursor };
}

export async function getTenant(deps: TenantsDeps, id: string): Promise<TenantRecord> {
  const record = await deps.store.get(id);
  if (!record) throw tenantNotRegistered();
  return record;
}

/** Applies `change` to the tenant's record if nobody changed it since `expected` (the caller's version, or the one read). */
async function change(deps: TenantsDeps, id: string, edit: (record: TenantRecord) => TenantRecord, expected?: number): Promise<TenantRecord> {
  const current = await getTenant(deps, id);
  if (expected !== undefined && current.version !== expected) throw versionConflict();
  if (current.status === 'offboarded') throw offboardedTenant();
  const next = { ...edit(current), updatedAt: toVietnamIso(deps.clock()), version: current.version + 1 };
  if (!(await deps.store.replace(next, current.version))) throw versionConflict();
  return next;
}

export interface TenantChange {
  plan?: TenantRecord['plan'];
  quotas?: Partial<Record<keyof QuotaOverrides, number | null>>;
  overage?: boolean;
  note?: string;
  version: number;
}

/**
 * Plan, per-tenant quotas, overage, note. A plan that leaves out a service the tenant runs is refused (409
 * PLAN_EXCLUDES_SERVICE): its services are deployed from its tenant file, which changes first.
 */
export async function updateTenant(deps: TenantsDeps, id: string, body: TenantChange): Promise<TenantRecord> {
  return change(deps, id, (record) => {
    if (body.plan) {
      const missing = record.services.filter((s) => !(PLANS_DATA[body.plan!].services as readonly string[]).includes(s));
      if (missing.length) {
        throw new AppError(409, 'PLAN_EXCLUDES_SERVICE', `Gói ${PLANS_DATA[body.plan].name} không có dịch vụ đang dùng: ${missing.join(', ')}.`,
          `Plan ${body.plan} leaves out services the tenant runs: ${missing.join(', ')}.`, { services: missing });
      }
    }
    const quotas: QuotaOverrides = { ...record.quotas };
    for (const [name, value] of Object.entries(body.quotas ?? {})) {
      if (value === null) delete quotas[name as keyof QuotaOverrides];
      else if (value !== undefined) quotas[name as keyof QuotaOverrides] = value;
    }
    return {
      ...record, quotas,
      ...(body.plan ? { plan: body.plan } : {}),
      ...(body.overage !== undefined ? { overage: body.overage } : {}),
      ...(body.note !== undefined ? { note: body.note } : {}),
    };
  }, body.version);
}

/** Suspends the tenant (every route 403, or writes only when read-only); suspending again changes the mode or reason. */
export async function suspendTenant(deps: TenantsDeps, id: string, body: { mode: 'full' | 'read-only'; reason: string }): Promise<TenantRecord> {
  const status = body.mode === 'read-only' ? 'read-only' : 'suspended';
  return change(deps, id, (record) => ({
    ...record, status, statusReason: body.reason, statusChangedAt: record.status === status ? record.statusChangedAt : toVietnamIso(deps.clock()),
  }));
}

/** Restores service; resuming an active tenant changes nothing. */
export async function resumeTenant(deps: TenantsDeps, id: string): Promise<TenantRecord> {
  const current = await getTenant(deps, id);
  if (current.status === 'active') return current;
  return change(deps, id, ({ statusReason: _reason, ...record }) => ({ ...record, status: 'active', statusChangedAt: toVietnamIso(deps.clock()) }));
}
