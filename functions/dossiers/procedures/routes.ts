// The procedure catalogue's HTTP routes: citizens read the published catalogue, the tenant-admin writes it.
import { defineRoutes } from '#shared/http/route';
import {
  AdminProcedureVersion, ListProceduresQuery, ListVersionsQuery, ProcedureInput, ProcedurePage, ProcedureParams, ProcedureVersion,
  ProcedureVersionPage, ProcedureVersionParams, PublishProcedure, TenantParams, UpdateProcedure,
} from './schemas';

const ADMIN = ['tenant-admin'] as const;

export const procedureRoutes = defineRoutes({
  listProcedures: {
    method: 'GET', path: '/v1/{tenant}/procedures', access: 'public', params: TenantParams, query: ListProceduresQuery, response: ProcedurePage,
    summary: 'Danh mục thủ tục hành chính đã công bố, tìm kiếm không dấu / The published procedures, searchable without diacritics',
  },
  getProcedure: {
    method: 'GET', path: '/v1/{tenant}/procedures/{code}', access: 'public', params: ProcedureParams, response: ProcedureVersion,
    summary: 'Xem thủ tục (phiên bản đang công bố) / A procedure as published',
  },
  listProcedureVersions: {
    method: 'GET', path: '/v1/{tenant}/procedures/{code}/versions', access: ADMIN, params: ProcedureParams, query: ListVersionsQuery,
    response: ProcedureVersionPage,
    summary: 'Các phiên bản của thủ tục, kể cả dự thảo / Every version of a procedure, drafts included',
  },
  getProcedureVersion: {
    method: 'GET', path: '/v1/{tenant}/procedures/{code}/versions/{version}', access: ADMIN, params: ProcedureVersionParams,
    response: AdminProcedureVersion,
    summary: 'Xem một phiên bản của thủ tục / One version of a procedure',
  },
  createProcedure: {
    method: 'POST', path: '/v1/{tenant}/procedures', access: ADMIN, params: TenantParams, body: ProcedureInput, response: AdminProcedureVersion,
    status: 201, idempotent: true,
    summary: 'Thêm thủ tục (phiên bản 1, dự thảo) / Create a procedure (version 1, a draft)',
  },
  updateProcedure: {
    method: 'PUT', path: '/v1/{tenant}/procedures/{code}', access: ADMIN, params: ProcedureParams, body: UpdateProcedure, response: AdminProcedureVersion,
    summary: 'Sửa thủ tục: sửa dự thảo, hoặc tạo phiên bản mới nếu đã công bố / Edit a procedure: the draft, or a new version after a published one',
  },
  publishProcedure: {
    method: 'POST', path: '/v1/{tenant}/procedures/{code}/publish', access: ADMIN, params: ProcedureParams, body: PublishProcedure,
    response: AdminProcedureVersion,
    summary: 'Công bố phiên bản dự thảo mới nhất / Publish the latest draft',
  },
});
