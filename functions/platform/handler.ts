// Lambda entry of the operator API: the tenant registry, lifecycle, export and billing routes.
import { systemClock } from '#shared/clock';
import { requireEnv } from '#shared/config';
import { documentClient } from '#shared/ddb';
import { httpHandler, rawResponse } from '#shared/http/handler';
import { readMonthUsage, usageTable } from '#shared/metering';
import { registryTable } from '#shared/registry';
import * as archive from './archive/service';
import { ARCHIVE_RUNNER_FUNCTION } from './archive/catalog';
import { lambdaArchiveRunner } from './archive/invoke';
import { dynamoArchiveStore } from './archive/store';
import * as billing from './billing/billing';
import { invoiceCsv } from './billing/invoice';
import { dynamoUsageReader } from './billing/store';
import { usageOf, type UsageDeps } from './metering/usage';
import { platformRoutes } from './routes';
import { dynamoRegistryStore } from './store';
import * as tenants from './tenants';

const deps: tenants.TenantsDeps = { store: dynamoRegistryStore(documentClient(), requireEnv(registryTable.envVar)), clock: systemClock };

const billingDeps: billing.BillingDeps = { tenants: deps, usage: dynamoUsageReader(documentClient(), requireEnv(usageTable.envVar)), clock: systemClock };

const usageDeps: UsageDeps = { tenants: deps, read: (id, month) => readMonthUsage(documentClient(), requireEnv(usageTable.envVar), id, month), clock: systemClock };

// The routes record an export, import or purge and hand it to the archive runner (asynchronously): docs/archive.md.
const archiveDeps: archive.StartDeps = {
  ...deps, archive: dynamoArchiveStore(documentClient(), requireEnv(registryTable.envVar), requireEnv(usageTable.envVar)), runner: lambdaArchiveRunner(ARCHIVE_RUNNER_FUNCTION),
};

export const handler = httpHandler('platform', platformRoutes, {
  listTenants: async ({ query }) => tenants.listTenants(deps, query),
  createTenant: async ({ body }) => tenants.createTenant(deps, body),
  getTenant: async ({ params }) => tenants.viewOf(await tenants.getTenant(deps, params.id)),
  updateTenant: async ({ params, body }) => tenants.viewOf(await tenants.updateTenant(deps, params.id, body)),
  suspendTenant: async ({ params, body }) => tenants.viewOf(await tenants.suspendTenant(deps, params.id, body)),
  resumeTenant: async ({ params }) => tenants.viewOf(await tenants.resumeTenant(deps, params.id)),
  exportTenant: async ({ params }) => archive.startExport(archiveDeps, params.id),
  listExports: async ({ params, query }) => ({ items: await archive.listOperations(archiveDeps, 'export', params.id, query.limit) }),
  getExport: async ({ params }) => archive.getOperation(archiveDeps, 'export', params.id, params.exportId),
  importTenant: async ({ params, body }) => archive.startImport(archiveDeps, params.id, body.exportId),
  listImports: async ({ params, query }) => ({ items: await archive.listOperations(archiveDeps, 'import', params.id, query.limit) }),
  getImport: async ({ params }) => archive.getOperation(archiveDeps, 'import', params.id, params.importId),
  offboardTenant: async ({ params }) => archive.startOffboarding(archiveDeps, params.id),
  getPurge: async ({ params }) => archive.getOperation(archiveDeps, 'purge', params.id, params.purgeId),
  getUsage: async ({ params, query }) => usageOf(usageDeps, params.id, query.month),
  async getInvoice({ params, query }) {
    const invoice = await billing.invoiceFor(billingDeps, params.id, query.month);
    return query.format === 'csv' ? rawResponse('text/csv', invoiceCsv(invoice), `hoa-don-${invoice.tenant}-${invoice.month}.csv`) : invoice;
  },
  getCost: async ({ params, query }) => billing.costFor(billingDeps, params.id, query.month),
});
