// The control plane. For now: the tenant registry (which provinces exist, their plans and deployments).
// The operator API, metering and the cross-tenant exchange hub (ARCHITECTURE.md, Between services) arrive with
// later issues and belong here too.
import { RemovalPolicy, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { TableDef } from '#shared/table';
import { TenantTable } from '../constructs/tenant-table';

/** The deployment name of the control plane: its tables are `platform-<name>`. */
export const PLATFORM = 'platform';

/**
 * The tenant registry. pk `TENANT#{id}`, sk `PROFILE` (and later `PLAN#…`, `DEPLOYMENT#…`); its stream feeds
 * provisioning and metering. Declared here until the platform service (functions/platform) owns it.
 */
export const tenantRegistryTable: TableDef = {
  name: 'tenants',
  envVar: 'TENANT_REGISTRY_TABLE',
  partitionKey: 'pk',
  sortKey: 'sk',
  stream: true,
};

export class PlatformStack extends Stack {
  readonly key: Key;
  readonly registry: TenantTable;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.key = new Key(this, 'Key', {
      alias: 'alias/tinhso-platform',
      description: 'Tinh So control plane: tenant registry',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.registry = new TenantTable(this, 'Table-tenants', { deployment: PLATFORM, def: tenantRegistryTable, encryptionKey: this.key });
    Tags.of(this).add('TenantId', PLATFORM);
  }
}
