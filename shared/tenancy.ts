// The tenants this deployment serves, read once from the TENANTS environment variable.
import { requireJsonEnv } from './config';
import { DeployedTenants, type DeployedTenant } from './tenant';

let registry: Map<string, DeployedTenant> | undefined;

/** Read lazily so modules that never look up a tenant do not need the variable. */
function tenants(): Map<string, DeployedTenant> {
  registry ??= new Map(requireJsonEnv('TENANTS', DeployedTenants).map((t) => [t.id, t]));
  return registry;
}

export function findTenant(id: string): DeployedTenant | undefined {
  return tenants().get(id);
}

export function tenantByUserPool(userPoolId: string): DeployedTenant | undefined {
  return [...tenants().values()].find((t) => t.auth.userPoolId === userPoolId);
}

/** The tenant whose mail domain `domain` is (case-insensitive): who receives mail sent to `…@<domain>`. */
export function tenantByDomain(domain: string): DeployedTenant | undefined {
  const lower = domain.toLowerCase();
  return [...tenants().values()].find((t) => t.domain.toLowerCase() === lower);
}
