// The control plane: the tenant registry (which provinces exist, their plans and deployments) and the exchange hub
// (ARCHITECTURE.md, Between services; shared/exchange.ts) through which tenants send each other envelopes.
// The operator API and metering arrive with later issues and belong here too.
// Tenant stacks never reference this stack: they name what they use of it (infra/platform.ts), because each tenant
// stack is deployed on its own. This stack is deployed first.
import { ArnFormat, Duration, RemovalPolicy, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { ReceiptRuleSet } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { PLATFORM_STREAMS, PLATFORM_TABLES } from '#functions/index';
import { ENVELOPE_RETENTION_SECONDS, exchangeTable, exchangeTenantsOf } from '#shared/exchange';
import { registryTable } from '#shared/registry';
import { usageTable } from '#shared/metering';
import type { Tenant } from '#shared/tenant';
import { deploymentKey } from '../constructs/deployment-key';
import { ServiceFunction } from '../constructs/service-function';
import { accessLogsBucket } from '../constructs/access-logs';
import { TenantTable } from '../constructs/tenant-table';
import { hubBucketName, INBOUND_FUNCTION_PATTERN, MAIL_RULE_SET_NAME, PLATFORM, platformRoleName } from '../platform';

export { PLATFORM } from '../platform';


/**
 * PLATFORM_TABLES that tenant functions use directly. The hub table holds transit copies of envelopes, kept 30 days
 * (ENVELOPE_RETENTION_SECONDS; both tenants keep their own records): it is encrypted with the AWS owned key rather
 * than the platform's key, so that every tenant function that puts an envelope needs no grant on a key of another
 * stack (and the platform's key policy need not list every tenant's roles). Its access control is IAM on the table.
 */
const SHARED_WITH_TENANTS = new Set([exchangeTable.name, registryTable.name, usageTable.name]);

/** How long the hub's stream consumers may run: each recipient is invoked synchronously (up to its 10 s timeout). */
const HUB_TIMEOUT = Duration.minutes(5);

export interface PlatformStackProps extends StackProps {
  /** Every tenant of the platform (tenants/*.json): the hub's EXCHANGE_TENANTS. */
  tenants: readonly Tenant[];
}

export class PlatformStack extends Stack {
  readonly key: Key;
  readonly registry: TenantTable;
  /** PLATFORM_TABLES, by TableDef name. */
  readonly tables: ReadonlyMap<string, TenantTable>;
  /** The exchange hub's bucket: edXML envelopes too large for an item, under `<from tenant>/`. */
  readonly hubBucket: Bucket;
  /** PLATFORM_STREAMS, by name. */
  readonly consumers: ReadonlyMap<string, ServiceFunction>;
  /** The SES receipt rule set that every tenant stack adds its domain's rule to (MAIL_RULE_SET_NAME). */
  readonly mailRules: ReceiptRuleSet;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    this.key = deploymentKey(this, 'Key', {
      alias: 'alias/tinhso-platform',
      description: 'Tinh So control plane: tenant registry, logs and queues',
    });
    this.tables = new Map(PLATFORM_TABLES.map((def) => [def.name, new TenantTable(this, `Table-${def.name}`, {
      deployment: PLATFORM,
      def,
      encryptionKey: SHARED_WITH_TENANTS.has(def.name) ? undefined : this.key,
    })]));

    // The tenant registry (shared/registry.ts): the operator API writes it; every tenant function reads its own item.
    this.registry = this.table(registryTable.name);
    this.hubBucket = this.createHubBucket();

    const tenants = exchangeTenantsOf(props.tenants);
    const inboundFunctions = this.formatArn({ service: 'lambda', region: '*', resource: 'function', resourceName: INBOUND_FUNCTION_PATTERN, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    this.consumers = new Map(PLATFORM_STREAMS.map((def) => {
      const fn = new ServiceFunction(this, `Stream-${def.name}`, {
        name: def.name,
        entry: def.entry,
        encryptionKey: this.key,
        // Fixed: tenant stacks let this role, by name, invoke their inbound functions.
        roleName: platformRoleName(def.name),
        timeout: HUB_TIMEOUT,
      });
      fn.bindExchangeHub({ table: this.table(exchangeTable.name), bucket: this.hubBucket, tenants, inboundFunctions });
      fn.consumeStream(this.table(def.table), this.key);
      return [def.name, fn] as const;
    }));

    // Not activated here: one rule set is active per account and region, and activating this one would displace any
    // the account already uses for other mail. The operator activates it once (docs/deploy.md).
    this.mailRules = new ReceiptRuleSet(this, 'MailRules', { receiptRuleSetName: MAIL_RULE_SET_NAME });

    Tags.of(this).add('TenantId', PLATFORM);
  }

  table(name: string): TenantTable {
    const table = this.tables.get(name);
    if (!table) throw new Error(`Table "${name}" is not in PLATFORM_TABLES`);
    return table;
  }

  /** The hub bucket: fixed name, private, TLS only, S3-managed keys (tenants need no key grant), 30 days, access-logged. */
  private createHubBucket(): Bucket {
    const accessLogs = accessLogsBucket(this);

    return new Bucket(this, 'HubBucket', {
      bucketName: hubBucketName(this.account, this.region),
      // Transit copies (like the hub table): S3-managed keys, so that tenant functions need no grant on a key.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [{
        expiration: Duration.seconds(ENVELOPE_RETENTION_SECONDS),
        abortIncompleteMultipartUploadAfter: Duration.days(1),
      }],
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'exchange/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
