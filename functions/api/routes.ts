// The API's own routes: health, the OpenAPI document, and a tenant's public configuration.
import * as z from 'zod';
import { defineRoutes } from '#shared/http/route';

export const TenantConfig = z.object({
  id: z.string(),
  name: z.string(),
  provinceCode: z.string(),
  domain: z.string(),
  services: z.array(z.string()),
  auth: z.object({ region: z.string(), userPoolId: z.string(), clientId: z.string(), endpoint: z.string().optional() }),
});

export const apiRoutes = defineRoutes({
  health: {
    method: 'GET', path: '/v1/health', access: 'public', response: z.object({ status: z.literal('ok') }),
    summary: 'Kiểm tra hoạt động / Health check',
  },
  openApi: {
    method: 'GET', path: '/v1/openapi.json', access: 'public', response: z.record(z.string(), z.unknown()),
    summary: 'Tài liệu API (OpenAPI 3.1) / This document',
  },
  tenantConfig: {
    method: 'GET', path: '/v1/{tenant}/config', access: 'public', params: z.strictObject({ tenant: z.string() }), response: TenantConfig,
    summary: 'Cấu hình công khai của tỉnh (đăng nhập ở đâu) / A tenant\'s public configuration',
  },
});
