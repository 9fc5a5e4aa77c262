// The control plane: the tenant registry (which provinces exist, their plans and deployments) and the exchange hub
// (ARCHITECTURE.md, Between services; shared/exchange.ts) through which tenants send each other envelopes.
// The operator API (its own user pool, group `operator`) runs the tenants' lifecycle, and the operator's alarm topic
// gathers every tenant's alarms (docs/operations.md).
// Tenant stacks never reference this stack: they name what they use of it (infra/platform.ts), because each tenant
// stack is deployed on its own. This stack is deployed first.
import { ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, type HttpRoute, type HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccountRecovery, FeaturePlan, Mfa, UserPool, UserPoolClientIdentityProvider, type UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { ReceiptRuleSet } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { PLATFORM_API, PLATFORM_STREAMS, PLATFORM_TABLES } from '#functions/index';
import { ARCHIVE_RUNNER, ARCHIVE_RUNNER_FUNCTION } from '#functions/platform/archive/catalog';
import { ENVELOPE_RETENTION_SECONDS, exchangeTable, exchangeTenantsOf } from '#shared/exchange';
import { registryTable } from '#shared/registry';
import { usageTable } from '#shared/metering';
import type { Tenant } from '#shared/tenant';
import { deploymentKey } from '../constructs/deployment-key';
import { ServiceFunction, STREAM_MAPPING } from '../constructs/service-function';
import { accessLogsBucket } from '../constructs/access-logs';
import { TenantTable } from '../constructs/tenant-table';
import { ARCHIVE_RUNNER_ROLE_NAME, hubBucketName, INBOUND_FUNCTION_PATTERN, MAIL_RULE_SET_NAME, OPERATOR_ALARM_TOPIC_NAME, OPERATOR_API, OPERATOR_API_ROLE_NAME, PLATFORM, platformRoleName, TENANT_OPERATION_FUNCTION_PATTERN } from '../platform';
import { OPERATOR_POOL_GROUPS, PASSWORD_POLICY } from '../identity';
import { loggedDefaultStage } from '../constructs/api-stage';
import { acknowledge, NAG } from '../constructs/nag';

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

/** The archive runner waits for a tenant's operation, which may take Lambda's 15 minutes (the TenantStack's OPERATION_TIMEOUT). */
const RUNNER_TIMEOUT = Duration.minutes(15);

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
  /** The operators' own user pool (group `operator`, no self sign-up, TOTP MFA required) and its app client. */
  readonly operatorPool: UserPool;
  readonly operatorClient: UserPoolClient;
  /** The archive runner (ARCHIVE_RUNNER): runs the exports, imports and purges the operator API records. */
  readonly archiveRunner: ServiceFunction;
  /** Where the runner's asynchronous invocations go after Lambda's retries failed (docs/archive.md). */
  readonly archiveRunnerFailures: Queue;
  /** The operator API (PLATFORM_API): its function, HTTP API, stage and routes. */
  readonly operatorFunction: ServiceFunction;
  readonly operatorApi: HttpApi;
  readonly operatorStage: HttpStage;
  readonly operatorRoutes: HttpRoute[] = [];
  /** Every tenant's alarms notify this topic (OPERATOR_ALARM_TOPIC_NAME); operators subscribe to it. */
  readonly alarmTopic: Topic;

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
    const hubFailures: [string, IQueue][] = [];
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
      const failures = fn.consumeStream(this.table(def.table), this.key);
      hubFailures.push([def.name, failures]);
      return [def.name, fn] as const;
    }));

    // Not activated here: one rule set is active per account and region, and activating this one would displace any
    // the account already uses for other mail. The operator activates it once (docs/deploy.md).
    this.mailRules = new ReceiptRuleSet(this, 'MailRules', { receiptRuleSetName: MAIL_RULE_SET_NAME });

    this.alarmTopic = this.createAlarmTopic();
    const { runner, failures } = this.createArchiveRunner();
    this.archiveRunner = runner;
    this.archiveRunnerFailures = failures;
    // A batch the hub gave up on (a recipient's inbound function kept failing), or an archive run that could not record
    // its outcome, pages the operator like a tenant's.
    for (const [name, queue] of [...hubFailures, [ARCHIVE_RUNNER.name, failures] as [string, IQueue]]) {
      new Alarm(this, `Failures-${name}`, {
        alarmName: `${platformRoleName(name)}-failures`,
        alarmDescription: name === ARCHIVE_RUNNER.name
          ? 'Tinh So platform: an export, import or purge run failed after Lambda\'s retries; redrive it (docs/archive.md, The asynchronous path)'
          : `Tinh So platform: ${name} gave up on a stream batch; redrive it (docs/operations.md, Dead-letter queue and redrive)`,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(new SnsAction(this.alarmTopic));
    }
    const { pool, client } = this.createOperatorPool();
    this.operatorPool = pool;
    this.operatorClient = client;
    this.operatorFunction = this.createOperatorFunction();
    const { api, stage } = this.createOperatorApi();
    this.operatorApi = api;
    this.operatorStage = stage;

    Tags.of(this).add('TenantId', PLATFORM);

    new CfnOutput(this, 'OperatorApiUrl', { value: stage.url, description: 'Base URL of the operator API (/platform/v1/...)' });
    new CfnOutput(this, 'OperatorUserPoolId', { value: pool.userPoolId });
    new CfnOutput(this, 'OperatorUserPoolClientId', { value: client.userPoolClientId });
    new CfnOutput(this, 'OperatorAlarmTopicArn', { value: this.alarmTopic.topicArn });
  }

  /**
   * The operators' pool: created by an administrator only (no self sign-up), TOTP MFA required of everyone, one group
   * (`operator`). Its tokens open the operator API and nothing of any tenant: a tenant's API trusts its own pool only.
   */
  private createOperatorPool(): { pool: UserPool; client: UserPoolClient } {
    const pool = new UserPool(this, 'OperatorPool', {
      userPoolName: 'tinhso-operators',
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: { ...PASSWORD_POLICY },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(pool, NAG.operatorThreatProtection);
    for (const [groupName, description] of Object.entries(OPERATOR_POOL_GROUPS)) pool.addGroup(`Group-${groupName}`, { groupName, description });
    const client = pool.addClient('OperatorClient', {
      userPoolClientName: 'tinhso-operator-console',
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      disableOAuth: true,
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
    });
    return { pool, client };
  }

  /**
   * The archive runner: fixed function name (the operator API names it, as the local gateway does) and fixed role name
   * (each tenant stack lets that role, by name, invoke its operations), the registry and usage tables (read/write), and
   * lambda:InvokeFunction on the tenants' operations (`tinhso-*-tenant-*`) and nothing else. 15 minutes: it waits for the
   * tenant's operation. Asynchronous invocations that still fail after Lambda's two retries go to its own queue,
   * encrypted with the platform's key, kept 14 days.
   */
  private createArchiveRunner(): { runner: ServiceFunction; failures: Queue } {
    const runner = new ServiceFunction(this, `Runner-${ARCHIVE_RUNNER.name}`, {
      name: ARCHIVE_RUNNER.name,
      entry: ARCHIVE_RUNNER.entry,
      encryptionKey: this.key,
      functionName: ARCHIVE_RUNNER_FUNCTION,
      roleName: ARCHIVE_RUNNER_ROLE_NAME,
      timeout: RUNNER_TIMEOUT,
    });
    for (const def of PLATFORM_API.tables) runner.bindTable(this.table(def.name));
    runner.allowInvokeOf(this.formatArn({ service: 'lambda', region: '*', resource: 'function', resourceName: TENANT_OPERATION_FUNCTION_PATTERN, arnFormat: ArnFormat.COLON_RESOURCE_NAME }));
    const failures = new Queue(this, 'ArchiveRunnerFailures', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      retentionPeriod: STREAM_MAPPING.failureRetention,
    });
    acknowledge(failures, NAG.asyncFailureQueue);
    runner.sendAsyncFailuresTo(failures);
    return { runner, failures };
  }

  /**
   * The operator API's function: the registry and usage tables (read/write), under a fixed role name, and
   * lambda:InvokeFunction on the archive runner alone: it records an export, import or purge and hands it over.
   */
  private createOperatorFunction(): ServiceFunction {
    const fn = new ServiceFunction(this, `Api-${OPERATOR_API}`, {
      name: PLATFORM_API.name,
      entry: PLATFORM_API.entry,
      encryptionKey: this.key,
      roleName: OPERATOR_API_ROLE_NAME,
      // Every route answers within API Gateway's 30 s: the tenant operations run in the archive runner.
      timeout: Duration.seconds(29),
    });
    for (const def of PLATFORM_API.tables) fn.bindTable(this.table(def.name));
    // The function itself, not grantInvoke's `<arn>:*` too: the runner is invoked unqualified, never a version.
    fn.role.addToPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.archiveRunner.function.functionArn] }));
    return fn;
  }

  /** The operator HTTP API: one route per PLATFORM_API route, every one behind the operator pool's JWT authorizer. */
  private createOperatorApi(): { api: HttpApi; stage: HttpStage } {
    const api = new HttpApi(this, 'OperatorApi', {
      apiName: 'tinhso-operator',
      description: 'Tinh So operator API (tenants, usage, invoices)',
      createDefaultStage: false,
    });
    const stage = loggedDefaultStage(this, 'OperatorApi', api, this.key);
    // The operator console sends the ID token: it carries cognito:groups, and its audience is the app client.
    const jwt = new HttpJwtAuthorizer('OperatorCognito', `https://cognito-idp.${this.region}.amazonaws.com/${this.operatorPool.userPoolId}`, {
      authorizerName: 'operator-cognito',
      jwtAudience: [this.operatorClient.userPoolClientId],
    });
    const integration = new HttpLambdaIntegration('OperatorIntegration', this.operatorFunction.function);
    for (const [name, route] of Object.entries(PLATFORM_API.routes)) {
      // The handler refuses non-operators too; a route open to anyone else has no place in this API.
      if (route.access !== 'operator') throw new Error(`Operator API route "${name}" must have access 'operator'`);
      this.operatorRoutes.push(...api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration, authorizer: jwt }));
    }
    return { api, stage };
  }

  /**
   * The operator's alarm topic: fixed name (tenant stacks build its ARN), encrypted with the platform's key, TLS only.
   * CloudWatch alarms of this account publish to it as a service: the topic and the key let cloudwatch.amazonaws.com.
   */
  private createAlarmTopic(): Topic {
    const topic = new Topic(this, 'OperatorAlarms', {
      topicName: OPERATOR_ALARM_TOPIC_NAME,
      displayName: 'Tinh So operator alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    const cloudwatch = new ServicePrincipal('cloudwatch.amazonaws.com');
    const ofThisAccount = { StringEquals: { 'aws:SourceAccount': this.account } };
    topic.addToResourcePolicy(new PolicyStatement({ sid: 'CloudWatchAlarmsOfThisAccount', principals: [cloudwatch], actions: ['sns:Publish'], resources: [topic.topicArn], conditions: ofThisAccount }));
    this.key.addToResourcePolicy(new PolicyStatement({
      sid: 'CloudWatchAlarmsToTheOperatorTopic',
      principals: [cloudwatch],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: ofThisAccount,
    }));
    return topic;
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
