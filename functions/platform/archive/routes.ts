// Export of a tenant's data, import of an archive into an empty deployment, and offboarding (docs/archive.md).
import * as z from 'zod';
import { defineRoutes } from '#shared/http/route';
import { TenantIdParams } from '../schemas';
import { ExportList, ExportView, ImportTenant, ImportView, ListExportsQuery, OffboardedTenant } from './schemas';

export const archiveRoutes = defineRoutes({
  exportTenant: {
    method: 'POST', path: '/platform/v1/tenants/{id}/export', access: 'operator', params: TenantIdParams, body: z.strictObject({}).optional(),
    response: ExportView, status: 201,
    summary: 'Xuất toàn bộ dữ liệu của thuê bao vào kho tệp của nó / Export all of a tenant\'s data into its bucket',
  },
  listExports: {
    method: 'GET', path: '/platform/v1/tenants/{id}/exports', access: 'operator', params: TenantIdParams, query: ListExportsQuery, response: ExportList,
    summary: 'Các lần xuất dữ liệu của thuê bao, mới nhất trước / A tenant\'s exports, newest first',
  },
  importTenant: {
    method: 'POST', path: '/platform/v1/tenants/{id}/import', access: 'operator', params: TenantIdParams, body: ImportTenant, response: ImportView,
    summary: 'Khôi phục một bản xuất vào hệ thống trống của thuê bao / Restore an archive into the tenant\'s empty deployment',
  },
  offboardTenant: {
    method: 'POST', path: '/platform/v1/tenants/{id}/offboard', access: 'operator', params: TenantIdParams, body: z.strictObject({}).optional(),
    response: OffboardedTenant,
    summary: 'Ngừng phục vụ thuê bao và xóa dữ liệu (cần bản xuất mới) / Offboard a tenant and delete its data (needs a fresh export)',
  },
});
