// The operator API (PlatformStack's HTTP API, the platform's own user pool, group `operator`): the tenant registry and
// lifecycle here; export and offboarding in ./archive; usage in ./metering; invoices and cost in ./billing.
import * as z from 'zod';
import { defineRoutes } from '#shared/http/route';
import { archiveRoutes } from './archive/routes';
import { billingRoutes } from './billing/routes';
import { meteringRoutes } from './metering/routes';
import { CreatedTenant, CreateTenant, ListTenantsQuery, SuspendTenant, TenantIdParams, TenantList, TenantView, UpdateTenant } from './schemas';

export const tenantRoutes = defineRoutes({
  listTenants: {
    method: 'GET', path: '/platform/v1/tenants', access: 'operator', query: ListTenantsQuery, response: TenantList,
    summary: 'Danh sách thuê bao (tỉnh) / List the tenants (provinces)',
  },
  createTenant: {
    method: 'POST', path: '/platform/v1/tenants', access: 'operator', body: CreateTenant, response: CreatedTenant, status: 201,
    summary: 'Đăng ký một tỉnh thuê hệ thống / Register a province as a tenant',
  },
  getTenant: {
    method: 'GET', path: '/platform/v1/tenants/{id}', access: 'operator', params: TenantIdParams, response: TenantView,
    summary: 'Xem một thuê bao / Get a tenant',
  },
  updateTenant: {
    method: 'PATCH', path: '/platform/v1/tenants/{id}', access: 'operator', params: TenantIdParams, body: UpdateTenant, response: TenantView,
    summary: 'Đổi gói, hạn mức của thuê bao / Change a tenant\'s plan or quotas',
  },
  suspendTenant: {
    method: 'POST', path: '/platform/v1/tenants/{id}/suspend', access: 'operator', params: TenantIdParams, body: SuspendTenant, response: TenantView,
    summary: 'Tạm dừng thuê bao (toàn bộ hoặc chỉ xem) / Suspend a tenant (fully or read-only)',
  },
  resumeTenant: {
    method: 'POST', path: '/platform/v1/tenants/{id}/resume', access: 'operator', params: TenantIdParams, body: z.strictObject({}).optional(), response: TenantView,
    summary: 'Khôi phục thuê bao / Resume a tenant',
  },
});

export const platformRoutes = { ...tenantRoutes, ...archiveRoutes, ...meteringRoutes, ...billingRoutes };
