// One Lambda function of a service: bundled with the local esbuild (never Docker), Node.js 22 on arm64, its own
// encrypted log group and its own role. Tables are bound here and only here: `bindTable` sets the function's
// environment variable and grants the table in one step, so the two cannot drift.
import { join } from 'node:path';
import { Duration, type CfnResource } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { FILES_BUCKET_ENV } from '#shared/s3';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Architecture, Runtime, StartingPosition, Tracing } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LAMBDA_BUNDLE } from '../bundling';
import { acknowledge, NAG } from './nag';
import type { TenantTable } from './tenant-table';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');

/** How long function logs are kept. */
export const FUNCTION_LOG_RETENTION = RetentionDays.THREE_MONTHS;

/** The cognito-idp actions the directory service calls to administer a tenant's officials. */
export const USER_POOL_ADMIN_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminDeleteUser',
  'cognito-idp:AdminUpdateUserAttributes',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminDisableUser',
] as const;

/** How a stream consumer reads its table's stream (docs/streams.md): the local poller follows the same numbers. */
export const STREAM_MAPPING = {
  batchSize: 100,
  retryAttempts: 5,
  /** Records older than this go to the on-failure queue unprocessed; a stream keeps records 24 hours. */
  maxRecordAge: Duration.days(1),
  /** How long the on-failure queue keeps what it got (the longest SQS allows). */
  failureRetention: Duration.days(14),
} as const;

export interface ServiceFunctionProps {
  /** The service (or trigger) name: POWERTOOLS_SERVICE_NAME and the function's description. */
  name: string;
  /** The entry file, relative to the repository root (as in functions/index.ts). */
  entry: string;
  /** Encrypts the log group. */
  encryptionKey: IKey;
  /** The deployment's tenants (DeployedTenant[] as JSON). */
  tenants: string;
  /** A fixed physical name, only where something must reference the function before it exists. */
  functionName?: string;
}

export class ServiceFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  private readonly boundTables: TenantTable[] = [];

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', { retention: FUNCTION_LOG_RETENTION, encryptionKey: props.encryptionKey });
    // Our own role instead of the AWSLambdaBasicExecutionRole managed policy: writing to this log group only.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${props.name} function`,
    });
    this.role.addToPolicy(new PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [this.logGroup.logGroupArn],
    }));

    this.function = new NodejsFunction(this, 'Function', {
      functionName: props.functionName,
      description: `Tinh So ${props.name}`,
      entry: join(REPO_ROOT, props.entry),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        TENANTS: props.tenants,
        POWERTOOLS_SERVICE_NAME: props.name,
        POWERTOOLS_METRICS_NAMESPACE: 'TinhSo',
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        minify: LAMBDA_BUNDLE.minify,
        sourceMap: LAMBDA_BUNDLE.sourcemap,
        target: LAMBDA_BUNDLE.target,
        format: OutputFormat.CJS,
        mainFields: [...LAMBDA_BUNDLE.mainFields],
        // Empty on purpose: the AWS SDK is bundled too (smaller to load, pinned to the tested version).
        externalModules: [...LAMBDA_BUNDLE.external],
        forceDockerBundling: false,
        logLevel: LogLevel.WARNING,
      },
    });
    // Tracing ACTIVE adds xray:PutTraceSegments/PutTelemetryRecords, which exist only on `*`.
    acknowledge(this.role, NAG.xrayWildcard);
    acknowledge(this.function, NAG.runtime);
  }

  /** Sets the table's environment variable and grants read/write on it (with its indexes and key): nothing else. */
  bindTable(table: TenantTable): void {
    if (this.boundTables.includes(table)) return;
    this.boundTables.push(table);
    this.function.addEnvironment(table.def.envVar, table.table.tableName);
    table.table.grantReadWriteData(this.function);
    if (table.def.indexes?.length) acknowledge(this.role, NAG.tableIndexes(table));
    if (this.boundTables.length === 1) acknowledge(this.role, ...NAG.kmsDataKeyWildcards);
  }

  /** Sets FILES_BUCKET and grants read/write on the tenant's files bucket (its key included). */
  bindFiles(bucket: IBucket): void {
    this.function.addEnvironment(FILES_BUCKET_ENV, bucket.bucketName);
    bucket.grantReadWrite(this.function);
    acknowledge(this.role, ...NAG.filesBucket(bucket.node.defaultChild as CfnResource));
  }

  /**
   * Feeds the function its table's stream (an event source mapping): from the oldest record, 100 at a time, halving a
   * batch that makes the function fail, retrying from the first record it reports failed, and sending what still
   * fails after the retries (or is older than a day) to an on-failure queue encrypted with the tenant's key. The
   * function is granted stream read on that one table. The consumer must be idempotent: records can come twice.
   */
  consumeStream(table: TenantTable, encryptionKey: IKey): Queue {
    const failures = new Queue(this, 'StreamFailures', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: encryptionKey,
      enforceSSL: true,
      retentionPeriod: STREAM_MAPPING.failureRetention,
    });
    acknowledge(failures, NAG.onFailureQueue);
    this.function.addEventSource(new DynamoEventSource(table.table, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: STREAM_MAPPING.batchSize,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      retryAttempts: STREAM_MAPPING.retryAttempts,
      maxRecordAge: STREAM_MAPPING.maxRecordAge,
      onFailure: new SqsDlq(failures),
    }));
    acknowledge(this.role, NAG.listStreams);
    return failures;
  }

  /** Runs the function on an EventBridge schedule expression (UTC), with the ScheduledEvent as its input. */
  runOnSchedule(expression: string, description: string): Rule {
    return new Rule(this, 'Schedule', {
      description,
      schedule: Schedule.expression(expression),
      targets: [new LambdaFunction(this.function, { retryAttempts: 2 })],
    });
  }

  /** Sets the table's environment variable and grants read access only (another service's table). */
  bindReadOnlyTable(table: TenantTable): void {
    this.function.addEnvironment(table.def.envVar, table.table.tableName);
    table.table.grantReadData(this.function);
    if (table.def.indexes?.length) acknowledge(this.role, NAG.tableIndexes(table));
  }

  /** MAIL_OUTBOX_TABLE, and PutItem on the mail outbox alone: a service requests mail, the mail service sends it. */
  bindOutbox(outbox: TenantTable, key: IKey): void {
    this.function.addEnvironment(outbox.def.envVar, outbox.table.tableName);
    outbox.table.grant(this.function, 'dynamodb:PutItem');
    key.grantEncryptDecrypt(this.function);
  }

  /** Sends through Amazon SES as the tenant's domain (DKIM-signed by its identity), and nothing else. */
  deliverMail(identityArn: string): void {
    this.function.addEnvironment('MAIL_TRANSPORT', 'ses');
    this.role.addToPolicy(new PolicyStatement({ actions: ['ses:SendEmail', 'ses:SendRawEmail'], resources: [identityArn] }));
  }

  /** Allows the given cognito-idp actions on one user pool. */
  grantUserPool(userPoolArn: string, actions: readonly string[]): void {
    this.role.addToPolicy(new PolicyStatement({ actions: [...actions], resources: [userPoolArn] }));
  }
}
