// `tenant-purge` (functions/platform/archive/catalog.ts): deletes the tenant's data at offboarding — every item of every
// tenant table, every object of its bucket and every account of its user pool — except its archives (`<tenant>/exports/`), which the operator keeps or
// hands over. Safe to run again: a second run finds less or nothing. The operator API runs it only once the tenant is
// offboarded in the registry, so that the stream consumers skip the deletions (shared/import-window.ts).
import { requireJsonEnv } from '#shared/config';
import { DeployedTenants } from '#shared/tenant';
import { findTenant } from '#shared/tenancy';
import { PurgeRequest, WrongDeploymentError, type PurgeResult } from './operations';
import { archivedTables, batchWrite, deleteObjects, deleteRequests, idempotencyTableOf, listObjects, scanAll, scanTenant } from './tenant-data';
import { deleteAccount, listAccounts } from './user-pool';
import { belongsTo } from './users';
import { withConsumption } from '#shared/with-consumption';

// Counted in the tenant's consumption (shared/with-consumption.ts).
export const handler = withConsumption(handle);
async function handle(event: unknown): Promise<PurgeResult> {
  const { tenant } = PurgeRequest.parse(event);
  if (!findTenant(tenant)) throw new WrongDeploymentError(`This deployment does not serve tenant ${tenant}`);
  let items = 0;
  for (const table of archivedTables()) {
    for await (const page of scanTenant(table, tenant, { keysOnly: true })) {
      await batchWrite(table, deleteRequests(table, page));
      items += page.length;
    }
  }
  // Idempotency records are keyed by a hash, not by tenant: emptied in a dedicated deployment; in a shared one they are
  // left to their TTL (hours).
  if (requireJsonEnv('TENANTS', DeployedTenants).length === 1) {
    const table = idempotencyTableOf();
    for await (const page of scanAll(table)) {
      await batchWrite(table, deleteRequests(table, page));
      items += page.length;
    }
  }
  const keys = await listObjects(tenant, { archives: false });
  await deleteObjects(keys);
  // Last: the accounts are what the people sign in with, kept until their data is gone (a purge that failed half way
  // and runs again finds them). The archive keeps them (cognito/users.jsonl), without passwords.
  const userPoolId = findTenant(tenant)!.auth.userPoolId;
  const accounts = (await listAccounts(userPoolId, { groups: false })).filter((u) => belongsTo(u, tenant));
  for (const account of accounts) await deleteAccount(userPoolId, account.username);
  return { outcome: 'purged', items, objects: keys.length, users: accounts.length };
}
