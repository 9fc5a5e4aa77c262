// Lambda entry of the API's own routes. The OpenAPI document is built once per cold start from every
// service's route declarations (the catalog), so it grows with each service by itself.
import { httpHandler } from '#shared/http/handler';
import { openApiDocument } from '#shared/openapi';
import { findTenant } from '#shared/tenancy';
import { SERVICES } from '../index';
import { apiRoutes } from './routes';

let document: ReturnType<typeof openApiDocument> | undefined;

export const handler = httpHandler('api', apiRoutes, {
  health: async () => ({ status: 'ok' as const }),
  openApi: async () => (document ??= openApiDocument(SERVICES)),
  tenantConfig: async ({ tenant }) => {
    const t = findTenant(tenant)!;
    return { id: t.id, name: t.name, provinceCode: t.provinceCode, domain: t.domain, services: t.services, auth: t.auth };
  },
});
