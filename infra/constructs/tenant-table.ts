// A DynamoDB table of a deployment, built from its TableDef (the same data the local runtime creates tables from).
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { physicalTableName, type TableDef } from '#shared/table';

export interface TenantTableProps {
  /** The deployment the table belongs to: a tenant id, or `platform`. */
  deployment: string;
  def: TableDef;
  /**
   * The deployment's customer managed key. Absent only for a table that other deployments' functions use (the
   * exchange hub): it is then encrypted with the AWS owned key, so they need no grant on a key of another stack.
   */
  encryptionKey?: IKey;
}

/**
 * On-demand, point-in-time recovery, deletion protection, encrypted with the deployment's key (or, for a table
 * shared with other deployments, the AWS owned key), kept when the stack goes. Every key attribute is a string: keys begin with the tenant id (ARCHITECTURE.md, Tenancy).
 */
export class TenantTable extends Construct {
  readonly def: TableDef;
  readonly table: Table;

  constructor(scope: Construct, id: string, props: TenantTableProps) {
    super(scope, id);
    const { def } = props;
    this.def = def;
    this.table = new Table(this, 'Table', {
      tableName: physicalTableName(props.deployment, def),
      partitionKey: { name: def.partitionKey, type: AttributeType.STRING },
      sortKey: def.sortKey ? { name: def.sortKey, type: AttributeType.STRING } : undefined,
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      ...(props.encryptionKey
        ? { encryption: TableEncryption.CUSTOMER_MANAGED, encryptionKey: props.encryptionKey }
        : { encryption: TableEncryption.DEFAULT }),
      stream: def.stream ? StreamViewType.NEW_AND_OLD_IMAGES : undefined,
      timeToLiveAttribute: def.ttlAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of def.indexes ?? []) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: index.sortKey ? { name: index.sortKey, type: AttributeType.STRING } : undefined,
        ...(index.include ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: index.include } : { projectionType: ProjectionType.ALL }),
      });
    }
  }
}
