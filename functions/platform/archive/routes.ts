// Export of a tenant's data, import of an archive into an empty deployment, and offboarding (docs/archive.md). The
// POSTs record the operation and answer 202 with the `running` record; the archive runner does the work, and the
// operator polls the record's GET until it is no longer running.
import * as z from 'zod';
import { defineRoutes } from '#shared/http/route';
import { TenantIdParams } from '../schemas';
import {
  ExportList, ExportParams, ExportView, ImportList, ImportParams, ImportTenant, ImportView, ListQuery, OffboardedTenant, PurgeParams, PurgeView,
} from './schemas';

export const archiveRoutes = defineRoutes({
  exportTenant: {
    method: 'POST', path: '/platform/v1/tenants/{id}/export', access: 'operator', params: TenantIdParams, body: z.strictObject({}).optional(),
    response: ExportView, status: 202,
    summary: 'Bắt đầu xuất toàn bộ dữ liệu của thuê bao vào kho tệp của nó / Start exporting all of a tenant\'s data into its bucket',
  },
  listExports: {
    method: 'GET', path: '/platform/v1/tenants/{id}/exports', access: 'operator', params: TenantIdParams, query: ListQuery, response: ExportList,
    summary: 'Các lần xuất dữ liệu của thuê bao, mới nhất trước / A tenant\'s exports, newest first',
  },
  getExport: {
    method: 'GET', path: '/platform/v1/tenants/{id}/exports/{exportId}', access: 'operator', params: ExportParams, response: ExportView,
    summary: 'Một lần xuất dữ liệu: đang chạy, hoàn tất hay thất bại / One export: running, completed or failed',
  },
  importTenant: {
    method: 'POST', path: '/platform/v1/tenants/{id}/import', access: 'operator', params: TenantIdParams, body: ImportTenant,
    response: ImportView, status: 202,
    summary: 'Bắt đầu khôi phục một bản xuất vào hệ thống trống của thuê bao / Start restoring an archive into the tenant\'s empty deployment',
  },
  listImports: {
    method: 'GET', path: '/platform/v1/tenants/{id}/imports', access: 'operator', params: TenantIdParams, query: ListQuery, response: ImportList,
    summary: 'Các lần khôi phục dữ liệu của thuê bao, mới nhất trước / A tenant\'s imports, newest first',
  },
  getImport: {
    method: 'GET', path: '/platform/v1/tenants/{id}/imports/{importId}', access: 'operator', params: ImportParams, response: ImportView,
    summary: 'Một lần khôi phục: đang chạy, hoàn tất, bị từ chối hay thất bại / One import: running, completed, refused or failed',
  },
  offboardTenant: {
    method: 'POST', path: '/platform/v1/tenants/{id}/offboard', access: 'operator', params: TenantIdParams, body: z.strictObject({}).optional(),
    response: OffboardedTenant, status: 202,
    summary: 'Ngừng phục vụ thuê bao và bắt đầu xóa dữ liệu (cần bản xuất mới) / Offboard a tenant and start deleting its data (needs a fresh export)',
  },
  getPurge: {
    method: 'GET', path: '/platform/v1/tenants/{id}/purges/{purgeId}', access: 'operator', params: PurgeParams, response: PurgeView,
    summary: 'Một lần xóa dữ liệu khi ngừng phục vụ / One deletion of a tenant\'s data at offboarding',
  },
});
