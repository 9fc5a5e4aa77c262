// The CDK app: the control plane and one stack per tenant (tenants/<id>.json); `-c tenant=<id>` builds only that
// tenant's stack. cdk-nag's AwsSolutions pack checks everything at synth (accepted findings: constructs/nag.ts).
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { Tenant } from '#shared/tenant';
import { PLATFORM_REGION } from './platform';
import { PlatformStack } from './stacks/platform-stack';
import { TenantStack } from './stacks/tenant-stack';
import { loadTenants, TenantFileError } from './tenants';

/** Where the control plane lives (declared in infra/platform.ts, which the tenant stacks import too). */
export { PLATFORM_REGION } from './platform';

export const platformStackName = 'TinhSo-Platform';
export const tenantStackName = (id: string): string => `TinhSo-Tenant-${id}`;

export class UnknownTenantError extends Error {}

/** cdk.json's context (feature flags): the CLI passes it in; tests and a direct run get the same from here. */
const CDK_JSON_CONTEXT = (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> }).context ?? {};

export interface BuildAppOptions {
  /** Where the tenant files are; tenants/ by default. */
  tenantsDir?: string;
  /** CDK context as `-c key=value` gives it (the CLI hands it to `new App()` itself), over cdk.json's. */
  context?: Record<string, unknown>;
  /** Cloud assembly directory; the CLI's (or a temporary one) by default. */
  outdir?: string;
}

export interface BuiltApp {
  app: App;
  /** Absent when one tenant was asked for. */
  platform?: PlatformStack;
  tenants: TenantStack[];
}

/** Builds the app; throws TenantFileError for an invalid tenant file, UnknownTenantError for `-c tenant=<unknown>`. */
export function buildApp(options: BuildAppOptions = {}): BuiltApp {
  const all = loadTenants(options.tenantsDir);
  const app = new App({ context: { ...CDK_JSON_CONTEXT, ...options.context }, outdir: options.outdir });
  const account = process.env.CDK_DEFAULT_ACCOUNT;

  const only: unknown = app.node.tryGetContext('tenant');
  let selected: Tenant[] = all;
  let platform: PlatformStack | undefined;
  if (only === undefined) {
    platform = new PlatformStack(app, platformStackName, {
      stackName: platformStackName,
      description: 'Tinh So control plane',
      env: { account, region: PLATFORM_REGION },
      // Every tenant, whichever are deployed: the exchange hub connects them all.
      tenants: all,
    });
  } else {
    selected = all.filter((t) => t.id === String(only));
    if (selected.length === 0) {
      throw new UnknownTenantError(`Unknown tenant "${String(only)}" (-c tenant=...); known tenants: ${all.map((t) => t.id).join(', ')}`);
    }
  }
  const tenants = selected.map((tenant) => new TenantStack(app, tenantStackName(tenant.id), {
    stackName: tenantStackName(tenant.id),
    description: `Tinh So tenant ${tenant.id} (province code ${tenant.provinceCode})`,
    env: { account, region: tenant.region },
    tenant,
    // Every tenant, whichever are deployed: mail to another province's domain goes through the hub.
    peers: all,
  }));

  // Tenant stacks name the platform's hub (table, bucket, role) rather than reference it: deploy the platform first.
  // An ordering only (no export, no import), and only when both are in the app; `-c tenant=<id>` builds no platform.
  if (platform) for (const stack of tenants) stack.addStackDependency(platform, 'names the exchange hub of the platform');

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, platform, tenants };
}

function main(): void {
  try {
    buildApp().app.synth();
  } catch (err) {
    if (err instanceof TenantFileError || err instanceof UnknownTenantError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

/** True when this file is the program (`tsx infra/app.ts`), false when imported (tests). */
function invokedDirectly(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) main();
