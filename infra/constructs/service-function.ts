// One Lambda function of a service: bundled with the local esbuild (never Docker), Node.js 22 on arm64, its own
// encrypted log group and its own role. Tables are bound here and only here: `bindTable` sets the function's
// environment variable and grants the table in one step, so the two cannot drift.
import { join } from 'node:path';
import { Duration, type CfnResource } from 'aws-cdk-lib';
import { ArnPrincipal, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { EXCHANGE_BUCKET_ENV, EXCHANGE_KEY_ID_ENV, EXCHANGE_TENANTS_ENV, exchangeTable, type ExchangeTenants } from '#shared/exchange';
import { FILES_BUCKET_ENV } from '#shared/s3';
import { registryTable } from '#shared/registry';
import { usageTable } from '#shared/metering';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Architecture, Runtime, StartingPosition, Tracing } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption, type IQueue } from 'aws-cdk-lib/aws-sqs';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LAMBDA_BUNDLE } from '../bundling';
import { acknowledge, NAG } from './nag';
import type { TenantTable } from './tenant-table';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { VIDEO_ENV } from '#functions/meetings/video-config';
import type { Tenant } from '#shared/tenant';

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

/** A scheduled job's target: EventBridge's and Lambda's retries before a run goes to the dead-letter queue. */
export const SCHEDULE_TARGET = {
  retryAttempts: 2,
  /** A run not delivered within an hour is stale: the next scheduled run does its work. */
  maxEventAge: Duration.hours(1),
} as const;

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
  /** The deployment's tenants (DeployedTenant[] as JSON): TENANTS. Absent for the control plane's functions. */
  tenants?: string;
  /** A fixed physical name, only where something must reference the function before it exists. */
  functionName?: string;
  /** A fixed role name, only where another stack must name the role (the exchange hub's, in tenant stacks). */
  roleName?: string;
  /** 10 seconds unless given. */
  timeout?: Duration;
  /** 512 MB unless given. */
  memorySize?: number;
}

/**
 * What a tenant's exchanging functions may do with the platform's hub (shared/exchange.ts). The hub's table and
 * bucket are named, never referenced: they belong to the platform stack, and a tenant stack is deployed on its own.
 */
export interface ExchangeAccess {
  /** The tenant id: the prefix of the envelope keys (`<tenant>#ENVELOPE#…`) and of the objects (`<tenant>/…`) it writes. */
  tenant: string;
  /** The tenant's asymmetric exchange key (RSA_2048, SIGN_VERIFY): EXCHANGE_KEY_ID. */
  key: IKey;
  /** The hub table (`platform-exchange`) by name and by an ARN built from it. */
  tableName: string;
  tableArn: string;
  /** The hub bucket by name and by an ARN built from it. */
  bucketName: string;
  bucketArn: string;
  /** Every tenant the hub connects (EXCHANGE_TENANTS): mail to their domains goes through the hub. */
  peers: ExchangeTenants;
}

/**
 * The platform's tables as a tenant's functions see them (shared/registry.ts, shared/metering.ts): named, never
 * referenced (they belong to the platform stack), and limited to the tenant's own items by `dynamodb:LeadingKeys`.
 */
export interface TenantPlatformAccess {
  registryName: string;
  registryArn: string;
  usageName: string;
  usageArn: string;
  /** The partition keys of the tenant's own items (tenantLeadingKeys in infra/platform.ts). */
  leadingKeys: string[];
}

/** What the control plane's hub may do: its table and bucket, the tenants it connects, the inbound functions. */
export interface ExchangeHubAccess {
  table: TenantTable;
  bucket: IBucket;
  /** Every tenant of the platform: EXCHANGE_TENANTS. */
  tenants: ExchangeTenants;
  /** The ARN (with wildcards) of the tenants' inbound functions. */
  inboundFunctions: string;
}

export class ServiceFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  private readonly boundTables: TenantTable[] = [];
  private exchangeBound = false;
  private kmsWildcardsAcknowledged = false;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', { retention: FUNCTION_LOG_RETENTION, encryptionKey: props.encryptionKey });
    // Our own role instead of the AWSLambdaBasicExecutionRole managed policy: writing to this log group only.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      roleName: props.roleName,
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
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        ...(props.tenants === undefined ? {} : { TENANTS: props.tenants }),
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
    // The grant's kms:ReEncrypt* and kms:GenerateDataKey* come with a customer managed key only (not the hub table's).
    if (table.table.encryptionKey) this.acknowledgeKmsWildcards();
  }

  /** kms:ReEncrypt* and kms:GenerateDataKey*, from a grant on a table or queue encrypted with the deployment's key. */
  private acknowledgeKmsWildcards(): void {
    if (this.kmsWildcardsAcknowledged) return;
    this.kmsWildcardsAcknowledged = true;
    acknowledge(this.role, ...NAG.kmsDataKeyWildcards);
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
   * fails after the retries (or is older than a day) to an on-failure queue encrypted with the tenant's key: `onFailure`
   * (a tenant's one dead-letter queue) when given, else a queue of its own. The function is granted stream read on
   * that one table. The consumer must be idempotent: records can come twice.
   */
  consumeStream(table: TenantTable, encryptionKey: IKey, onFailure?: IQueue): IQueue {
    const failures = onFailure ?? new Queue(this, 'StreamFailures', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: encryptionKey,
      enforceSSL: true,
      retentionPeriod: STREAM_MAPPING.failureRetention,
    });
    if (!onFailure) acknowledge(failures, NAG.onFailureQueue);
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
    // Sending to the on-failure queue is a grant on its key.
    this.acknowledgeKmsWildcards();
    return failures;
  }

  /**
   * Runs the function on an EventBridge schedule expression (UTC), with the ScheduledEvent as its input. With a
   * dead-letter queue, a run that fails lands there either way it can fail: EventBridge could not invoke the function
   * (the rule target's dead-letter queue, after its retries), or the function ran and threw (EventBridge invokes
   * asynchronously: Lambda retries twice, then sends the event with the error to the on-failure destination).
   */
  runOnSchedule(expression: string, description: string, deadLetterQueue?: IQueue): Rule {
    if (deadLetterQueue) this.sendAsyncFailuresTo(deadLetterQueue);
    return new Rule(this, 'Schedule', {
      description,
      schedule: Schedule.expression(expression),
      targets: [new LambdaFunction(this.function, {
        retryAttempts: SCHEDULE_TARGET.retryAttempts,
        ...(deadLetterQueue ? { deadLetterQueue, maxEventAge: SCHEDULE_TARGET.maxEventAge } : {}),
      })],
    });
  }

  /** Asynchronous invocations that still fail after Lambda's retries go to `queue` (function role: SendMessage on it). */
  sendAsyncFailuresTo(queue: IQueue): void {
    this.function.configureAsyncInvoke({ onFailure: new SqsDestination(queue), retryAttempts: SCHEDULE_TARGET.retryAttempts });
    // Sending to a queue encrypted with the tenant's key is a grant on that key.
    if (queue.encryptionMasterKey) this.acknowledgeKmsWildcards();
  }

  /**
   * The platform's registry and usage tables, for every function of a tenant: TENANT_REGISTRY_TABLE with GetItem on
   * the tenant's own registry item (the status and quota checks), USAGE_TABLE with UpdateItem on its own usage items
   * (consumption tallies, ADD). The tables use AWS owned keys: no key grant.
   */
  bindTenantPlatform(access: TenantPlatformAccess): void {
    this.function.addEnvironment(registryTable.envVar, access.registryName);
    this.function.addEnvironment(usageTable.envVar, access.usageName);
    const own = { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': access.leadingKeys } };
    this.role.addToPolicy(new PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [access.registryArn], conditions: own }));
    this.role.addToPolicy(new PolicyStatement({ actions: ['dynamodb:UpdateItem'], resources: [access.usageArn], conditions: own }));
  }

  /**
   * Query on the tenant's own usage items (its stored bytes, the storageGb quota: shared/quota.ts storageCheck). The
   * LeadingKeys condition holds a Query to the tenant's partitions as it holds the UpdateItem of every function.
   */
  bindStoredBytes(access: TenantPlatformAccess): void {
    this.role.addToPolicy(new PolicyStatement({
      actions: ['dynamodb:Query'],
      resources: [access.usageArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': access.leadingKeys } },
    }));
  }

  /**
   * UpdateItem on the tenant's quota counters in another service's table, the partition `<tenant>#QUOTA` and no other
   * (the mailboxes gauge in the directory's table, counted by the mail service too). Reading that table is granted
   * apart (bindReadOnlyTable); writing an item needs the table's key for encryption.
   */
  bindQuotaCounter(table: TenantTable, tenant: string): void {
    this.function.addEnvironment(table.def.envVar, table.table.tableName);
    this.role.addToPolicy(new PolicyStatement({
      actions: ['dynamodb:UpdateItem'],
      resources: [table.table.tableArn],
      conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [`${tenant}#QUOTA`] } },
    }));
    if (table.table.encryptionKey) {
      table.table.encryptionKey.grantEncryptDecrypt(this.function);
      this.acknowledgeKmsWildcards();
    }
  }

  /** A metering consumer: counts events idempotently into its tenant's usage items (a marker Put, a conditional ADD). */
  bindUsageMeter(access: TenantPlatformAccess): void {
    this.role.addToPolicy(new PolicyStatement({
      actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
      resources: [access.usageArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': access.leadingKeys } },
    }));
  }

  /** lambda:InvokeFunction on functions named by an ARN pattern (the operator API: the tenants' operations). */
  allowInvokeOf(functionArnPattern: string): void {
    this.role.addToPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [functionArnPattern] }));
    acknowledge(this.role, NAG.tenantOperations(this.role, functionArnPattern));
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

  /**
   * The tenant's video provider: Jitsi (its domain, app id, and read access to the app secret) or Amazon Chime SDK
   * (create meetings and attendees; Chime SDK meetings have no resource-level permissions for creation).
   */
  bindVideo(tenant: Tenant, jitsiSecret: ISecret | undefined): void {
    const provider = tenant.video?.provider ?? 'jitsi';
    this.function.addEnvironment(VIDEO_ENV.provider, provider);
    if (provider === 'chime') {
      this.role.addToPolicy(new PolicyStatement({ actions: ['chime:CreateMeeting', 'chime:CreateAttendee'], resources: ['*'] }));
      acknowledge(this.role, NAG.chimeMeetings);
      return;
    }
    this.function.addEnvironment(VIDEO_ENV.jitsiDomain, tenant.video?.jitsiDomain ?? `meet.${tenant.domain}`);
    this.function.addEnvironment(VIDEO_ENV.jitsiAppId, `tinhso-${tenant.id}`);
    this.function.addEnvironment(VIDEO_ENV.jitsiSecretArn, jitsiSecret!.secretArn);
    jitsiSecret!.grantRead(this.function);
  }

  /** Sends through Amazon SES as the tenant's domain (DKIM-signed by its identity), and nothing else. */
  deliverMail(identityArn: string): void {
    this.function.addEnvironment('MAIL_TRANSPORT', 'ses');
    this.role.addToPolicy(new PolicyStatement({ actions: ['ses:SendEmail', 'ses:SendRawEmail'], resources: [identityArn] }));
  }

  /**
   * Exchanges through the platform's hub as `access.tenant`: EXCHANGE_KEY_ID (kms:Sign and kms:GetPublicKey on the
   * tenant's exchange key), EXCHANGE_TABLE (PutItem and GetItem on the hub table, on items whose partition key
   * begins with `<tenant>#` only: nobody sends in another tenant's name), EXCHANGE_BUCKET (write and read under
   * `<tenant>/`, and read anywhere: a recipient fetches the envelope whose key the hub hands it).
   */
  bindExchange(access: ExchangeAccess): void {
    if (this.exchangeBound) return;
    this.exchangeBound = true;
    this.function.addEnvironment(EXCHANGE_KEY_ID_ENV, access.key.keyArn);
    this.function.addEnvironment(exchangeTable.envVar, access.tableName);
    this.function.addEnvironment(EXCHANGE_BUCKET_ENV, access.bucketName);
    this.function.addEnvironment(EXCHANGE_TENANTS_ENV, JSON.stringify(access.peers));
    access.key.grant(this.function, 'kms:Sign', 'kms:GetPublicKey');
    this.role.addToPolicy(new PolicyStatement({
      actions: ['dynamodb:PutItem', 'dynamodb:GetItem'],
      resources: [access.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${access.tenant}#*`] } },
    }));
    const own = `${access.bucketArn}/${access.tenant}/*`;
    const any = `${access.bucketArn}/*`;
    this.role.addToPolicy(new PolicyStatement({ actions: ['s3:PutObject', 's3:GetObject'], resources: [own] }));
    this.role.addToPolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [any] }));
    acknowledge(this.role, ...NAG.exchangeBucket(this.role, own, any));
  }

  /**
   * The exchange hub (a control-plane stream consumer): EXCHANGE_TABLE (read/write: it records each envelope's
   * outcome), EXCHANGE_BUCKET (its name only: the hub hands recipients an envelope's object key and never reads the
   * object), EXCHANGE_TENANTS, and lambda:InvokeFunction on the tenants' inbound functions.
   */
  bindExchangeHub(hub: ExchangeHubAccess): void {
    this.bindTable(hub.table);
    this.function.addEnvironment(EXCHANGE_BUCKET_ENV, hub.bucket.bucketName);
    this.function.addEnvironment(EXCHANGE_TENANTS_ENV, JSON.stringify(hub.tenants));
    this.role.addToPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [hub.inboundFunctions] }));
    acknowledge(this.role, NAG.inboundFunctions(this.role, hub.inboundFunctions));
  }

  /** Lets a role of another stack, named by its ARN, invoke this function (a resource-based permission). */
  allowInvokeBy(id: string, roleArn: string): void {
    this.function.addPermission(id, { principal: new ArnPrincipal(roleArn) });
  }

  /** Allows the given cognito-idp actions on one user pool. */
  grantUserPool(userPoolArn: string, actions: readonly string[]): void {
    this.role.addToPolicy(new PolicyStatement({ actions: [...actions], resources: [userPoolArn] }));
  }
}
