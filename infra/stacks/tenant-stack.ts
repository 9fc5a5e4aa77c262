// One province's dedicated deployment: its key, tables, bucket, user pool, functions and HTTP API, all built from the
// service catalog (functions/index.ts) so that what is deployed and what runs locally cannot drift.
import { Annotations, CfnOutput, Duration, RemovalPolicy, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, HttpNoneAuthorizer, type HttpRoute, type HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { mailOutboxTable } from '#shared/outbox';
import { directoryTable } from '#shared/directory';
import { planOf } from '#shared/plans';
import { incomingPrefix } from '#functions/mail/incoming';
import { POOL_ACTIONS as ARCHIVE_POOL_ACTIONS } from '#functions/platform/archive/users';
import type { Construct } from 'constructs';
import { METER_CONSUMERS, SERVICES, TENANT_OPERATIONS, TENANT_OPERATION_PREFIX, TENANT_TABLES, USER_POOL_TRIGGERS, type ServiceDef } from '#functions/index';
import { exchangeTenantsOf, tenantFunctionName } from '#shared/exchange';
import type { DeployedTenant, Tenant } from '#shared/tenant';
import { deploymentKey } from '../constructs/deployment-key';
import { accessLogsBucket } from '../constructs/access-logs';
import { MailReceiving } from '../constructs/mail-receiving';
import { acknowledge, NAG } from '../constructs/nag';
import { ServiceFunction, USER_POOL_ADMIN_ACTIONS, type ExchangeAccess, type TenantPlatformAccess } from '../constructs/service-function';
import { loggedDefaultStage } from '../constructs/api-stage';
import { TenantMonitoring } from '../constructs/tenant-monitoring';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { TenantTable } from '../constructs/tenant-table';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { TenantUserPool } from '../constructs/tenant-user-pool';
import { WebHosting } from '../constructs/web-hosting';
import { EXCHANGE_HUB_ROLE_NAME, HUB_TABLE_NAME, hubBucketName, INBOUND_SUFFIX, MAIL_RULE_SET_NAME, ARCHIVE_RUNNER_ROLE_NAME, OPERATOR_ALARM_TOPIC_NAME, PLATFORM_REGION, TENANT_REGISTRY_TABLE_NAME, tenantLeadingKeys, USAGE_TABLE_NAME } from '../platform';

export interface TenantStackProps extends StackProps {
  tenant: Tenant;
  /** Every tenant of the suite (the exchange hub connects them); just this one when absent. */
  peers?: Tenant[];
}

/** What the PostConfirmation trigger may do to a new citizen: set custom:tenant, put them in `citizen`. */
const SIGNUP_ACTIONS = ['cognito-idp:AdminUpdateUserAttributes', 'cognito-idp:AdminAddUserToGroup'];

/** The receiving function parses and stores messages of up to MAX_MESSAGE_BYTES (25 MB): more than 10 s. */
const RECEIVE_TIMEOUT = Duration.minutes(1);
/** How long SES's copy of a received message stays under `<tenant>/mail/incoming/`: filing keeps its own copy. */
const INCOMING_RETENTION = Duration.days(7);

/** A tenant operation (export, import, purge) walks every table and object of the tenant: Lambda's longest run. */
const OPERATION_TIMEOUT = Duration.minutes(15);
const OPERATION_MEMORY_MB = 1024;
/** How long the dead-letter queue keeps a failure (the longest SQS allows): two weeks to look and redrive. */
const DEAD_LETTER_RETENTION = Duration.days(14);

export class TenantStack extends Stack {
  readonly tenant: Tenant;
  private readonly peers?: Tenant[];
  readonly key: Key;
  /** By TableDef name. */
  readonly tables: ReadonlyMap<string, TenantTable>;
  readonly bucket: Bucket;
  /** The tenant's mail domain in SES (Easy DKIM): what mail to people is sent and signed as. */
  readonly mailIdentity: EmailIdentity;
  readonly users: TenantUserPool;
  /** By service name. */
  readonly functions: ReadonlyMap<string, ServiceFunction>;
  /** Stream consumers and scheduled jobs, by their catalog names (functions/index.ts `streams`, `schedules`). */
  readonly consumers: ReadonlyMap<string, ServiceFunction>;
  readonly jobs: ReadonlyMap<string, ServiceFunction>;
  /** The platform's metering consumers (METER_CONSUMERS) and operations (TENANT_OPERATIONS) in this tenant, by name. */
  readonly meters: ReadonlyMap<string, ServiceFunction>;
  readonly operations: ReadonlyMap<string, ServiceFunction>;
  /**
   * The tenant's one dead-letter queue: stream batches its consumers gave up on (the event source mappings'
   * on-failure destination), and scheduled runs that failed (EventBridge's and Lambda's). Redrive: docs/operations.md.
   */
  readonly deadLetters: Queue;
  /** The tenant's dashboard and alarms (to the operator's topic). */
  readonly monitoring: TenantMonitoring;
  readonly signup: ServiceFunction;
  /** The tenant's signing key for the exchange hub; absent when no service exchanges (`exchange` in the catalog). */
  readonly exchangeKey?: Key;
  /** The functions the platform's exchange hub invokes, by their catalog names (`inbound`). */
  readonly inbound: ReadonlyMap<string, ServiceFunction>;
  /** The function SES invokes with mail for the tenant's domain (the catalog's `receivesMail`), and its receipt rule. */
  readonly mailReceiver?: { fn: ServiceFunction; receiving: MailReceiving };
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly routes: HttpRoute[] = [];
  /** The web app on the tenant's domain (CloudFront, /v1/* to the API): docs/web.md. */
  readonly web: WebHosting;

  constructor(scope: Construct, id: string, props: TenantStackProps) {
    super(scope, id, props);
    const { tenant } = props;
    this.tenant = tenant;
    this.peers = props.peers;

    // One key for the tenant's data at rest: tables, files, logs.
    this.key = deploymentKey(this, 'Key', { alias: `alias/tinhso-${tenant.id}`, description: `Tinh So ${tenant.id}: tables, files and logs` });

    this.tables = new Map(TENANT_TABLES.map((def) => [def.name, new TenantTable(this, `Table-${def.name}`, { deployment: tenant.id, def, encryptionKey: this.key })]));

    this.bucket = this.createBucket();
    // The province publishes the DKIM records SES gives (see docs/deploy.md) before mail leaves for real.
    this.mailIdentity = new EmailIdentity(this, 'MailDomain', { identity: Identity.domain(tenant.domain) });

    this.users = new TenantUserPool(this, 'Users', { tenant });
    this.deadLetters = this.createDeadLetterQueue();

    const exchange = this.createExchange();
    this.exchangeKey = exchange?.key;

    const deployed: DeployedTenant = {
      id: tenant.id,
      name: tenant.name,
      provinceCode: tenant.provinceCode,
      domain: tenant.domain,
      rootAgency: tenant.rootAgency,
      services: [...tenant.services],
      plan: tenant.plan,
      auth: { region: this.region, userPoolId: this.users.pool.userPoolId, clientId: this.users.client.userPoolClientId },
    };
    const tenants = this.toJsonString([deployed]);

    // The trigger has a fixed name so that the pool can name it without a reference (see setPostConfirmationTrigger).
    const trigger = USER_POOL_TRIGGERS.postConfirmation;
    const signupName = `tinhso-${tenant.id}-${trigger.name}`;
    this.signup = new ServiceFunction(this, `Trigger-${trigger.name}`, {
      name: trigger.name,
      entry: trigger.entry,
      encryptionKey: this.key,
      tenants,
      functionName: signupName,
    });
    this.signup.grantUserPool(this.users.pool.userPoolArn, SIGNUP_ACTIONS);
    this.users.setPostConfirmationTrigger(this.signup.function, signupName);

    // A service's stream consumers and scheduled jobs are functions of their own with the service's environment and
    // grants (bindService), plus their stream (read on that one table) or their EventBridge rule.
    const serviceFunction = (id: string, name: string, entry: string, service: ServiceDef, functionName?: string) =>
      this.bindService(new ServiceFunction(this, id, { name, entry, encryptionKey: this.key, tenants, functionName }), service, exchange);
    this.functions = new Map(SERVICES.map((service) => [service.name, serviceFunction(`Service-${service.name}`, service.name, service.entry, service)]));
    this.consumers = new Map(SERVICES.flatMap((service) => (service.streams ?? []).map((def) => {
      const fn = serviceFunction(`Stream-${def.name}`, def.name, def.entry, service);
      fn.consumeStream(this.table(def.table), this.key, this.deadLetters);
      return [def.name, fn] as const;
    })));
    this.jobs = new Map(SERVICES.flatMap((service) => (service.schedules ?? []).map((def) => {
      const fn = serviceFunction(`Job-${def.name}`, def.name, def.entry, service);
      fn.runOnSchedule(def.schedule, `Tinh So ${tenant.id} ${def.name}`, this.deadLetters);
      return [def.name, fn] as const;
    })));
    // The hub (another stack, deployed first) invokes a service's inbound function by its fixed name, as its role.
    const hubRole = this.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: EXCHANGE_HUB_ROLE_NAME });
    this.inbound = new Map(SERVICES.flatMap((service) => (service.inbound ? [service.inbound] : []).map(({ name, entry }) => {
      if (!service.exchange) throw new Error(`Service "${service.name}": an inbound function needs \`exchange: true\` (it reads the hub)`);
      if (!name.endsWith(INBOUND_SUFFIX)) throw new Error(`Service "${service.name}": inbound function "${name}" must end in ${INBOUND_SUFFIX} (the hub may invoke no other)`);
      const fn = serviceFunction(`Inbound-${name}`, name, entry, service, tenantFunctionName(tenant.id, name));
      fn.allowInvokeBy('InvokedByExchangeHub', hubRole);
      return [name, fn] as const;
    })));

    this.mailReceiver = this.createMailReceiving(tenants, exchange);

    const platform = this.platformAccess();
    this.meters = new Map(METER_CONSUMERS.map((def) => {
      const fn = new ServiceFunction(this, `Meter-${def.name}`, { name: def.name, entry: def.entry, encryptionKey: this.key, tenants });
      fn.consumeStream(this.table(def.table), this.key, this.deadLetters);
      fn.bindUsageMeter(platform);
      return [def.name, fn] as const;
    }));
    // The platform's archive runner (another stack, deployed first) invokes each operation by its fixed name, as its role.
    const runnerRole = this.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: ARCHIVE_RUNNER_ROLE_NAME });
    this.operations = new Map(TENANT_OPERATIONS.map((def) => {
      if (!def.name.startsWith(TENANT_OPERATION_PREFIX)) throw new Error(`Tenant operation "${def.name}" must start with ${TENANT_OPERATION_PREFIX} (the archive runner may invoke no other)`);
      const fn = new ServiceFunction(this, `Operation-${def.name}`, {
        name: def.name,
        entry: def.entry,
        encryptionKey: this.key,
        tenants,
        functionName: tenantFunctionName(tenant.id, def.name),
        timeout: OPERATION_TIMEOUT,
        memorySize: OPERATION_MEMORY_MB,
      });
      for (const table of this.tables.values()) fn.bindTable(table);
      fn.bindFiles(this.bucket);
      // The accounts of the archive (docs/archive.md, The user pool): each operation's own actions, on this pool only.
      const poolActions = ARCHIVE_POOL_ACTIONS[def.name];
      if (poolActions) fn.grantUserPool(this.users.pool.userPoolArn, poolActions);
      fn.allowInvokeBy('InvokedByArchiveRunner', runnerRole);
      return [def.name, fn] as const;
    }));

    // Every function of the tenant checks its registry item (status, plan, quotas) and tallies its consumption.
    for (const fn of this.node.findAll().filter((c): c is ServiceFunction => c instanceof ServiceFunction)) fn.bindTenantPlatform(platform);

    const { api, stage } = this.createApi();
    this.api = api;
    this.stage = stage;
    this.web = new WebHosting(this, 'Web', { tenant, api, files: this.bucket, accessLogs: this.node.findChild('AccessLogs') as Bucket });

    this.monitoring = new TenantMonitoring(this, 'Monitoring', {
      tenant: tenant.id,
      api,
      functions: this.node.findAll().filter((c): c is ServiceFunction => c instanceof ServiceFunction),
      streamConsumers: [...this.consumers.values(), ...this.meters.values()],
      deadLetters: this.deadLetters,
      alarmTopicArn: this.formatArn({ service: 'sns', region: PLATFORM_REGION, resource: OPERATOR_ALARM_TOPIC_NAME }),
    });
    if (this.region !== PLATFORM_REGION) {
      Annotations.of(this).addWarningV2('tinhso:alarm-region', `Tenant ${tenant.id} is in ${this.region}, the operator's alarm topic in ${PLATFORM_REGION}: an alarm notifies a topic of its own region only (docs/operations.md)`);
    }

    Tags.of(this).add('TenantId', tenant.id);
    Tags.of(this).add('ProvinceCode', tenant.provinceCode);

    new CfnOutput(this, 'ApiUrl', { value: this.stage.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'UserPoolId', { value: this.users.pool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.users.client.userPoolClientId });
    new CfnOutput(this, 'BucketName', { value: this.bucket.bucketName });
    new CfnOutput(this, 'WebUrl', { value: this.web.url, description: 'The web app (citizen portal and console)' });
    new CfnOutput(this, 'WebDistributionDomain', { value: this.web.distribution.distributionDomainName, description: 'Point the tenant domain here (CNAME or alias)' });
  }

  /**
   * Mail from the Internet to the tenant's domain: the receiving function of the one service that `receivesMail`,
   * with that service's environment and grants (its files bucket: it reads what SES stored and files it), and the SES
   * receipt rule that stores each message and invokes it. No fixed name: nothing names it before it exists, and the
   * exchange hub's invoke pattern (`tinhso-*-*-inbound`) must not cover it.
   */
  private createMailReceiving(tenants: string, exchange: ExchangeAccess | undefined): TenantStack['mailReceiver'] {
    const receivers = SERVICES.filter((s) => s.receivesMail);
    if (receivers.length === 0) return undefined;
    if (receivers.length > 1) throw new Error(`Services ${receivers.map((s) => `"${s.name}"`).join(', ')} all receive mail: a domain has one receipt rule, so one service may`);
    const service = receivers[0]!;
    const { name, entry } = service.receivesMail!;
    if (!service.files) throw new Error(`Service "${service.name}": receiving mail needs \`files: true\` (SES stores the raw message in the files bucket)`);
    if (this.region !== PLATFORM_REGION) {
      Annotations.of(this).addWarningV2('tinhso:mail-region', `Tenant ${this.tenant.id} is in ${this.region}, the platform's receipt rule set in ${PLATFORM_REGION}: its domain's rule needs a rule set of that region (docs/deploy.md)`);
    }
    const fn = this.bindService(new ServiceFunction(this, `Receive-${name}`, { name, entry, encryptionKey: this.key, tenants, timeout: RECEIVE_TIMEOUT }), service, exchange);
    const receiving = new MailReceiving(this, 'MailReceiving', { tenant: this.tenant, fn, bucket: this.bucket, key: this.key, ruleSetName: MAIL_RULE_SET_NAME });
    return { fn, receiving };
  }

  private jitsiSecret?: Secret;

  /** The Jitsi app secret of the tenant (made by CloudFormation, shared with the province's Jitsi server's JWT config). */
  private videoSecret(): Secret | undefined {
    if ((this.tenant.video?.provider ?? 'jitsi') !== 'jitsi') return undefined;
    this.jitsiSecret ??= new Secret(this, 'JitsiAppSecret', {
      secretName: `tinhso/${this.tenant.id}/jitsi-app-secret`,
      description: `Tinh So ${this.tenant.id}: signs Jitsi join links (HS256); the same value goes into the Jitsi server's JWT settings`,
      encryptionKey: this.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    acknowledge(this.jitsiSecret, NAG.jitsiSecret);
    return this.jitsiSecret;
  }

  /**
   * A service's environment and grants: its tables, the user pool if it administers it, the files bucket if it uses
   * it, the mail outbox or SES if it sends or delivers mail, the exchange hub and key if it exchanges.
   */
  private bindService(fn: ServiceFunction, service: ServiceDef, exchange: ExchangeAccess | undefined): ServiceFunction {
    for (const def of service.tables) fn.bindTable(this.table(def.name));
    for (const def of service.reads ?? []) fn.bindReadOnlyTable(this.table(def.name));
    if (service.userPoolAdmin) fn.grantUserPool(this.users.pool.userPoolArn, USER_POOL_ADMIN_ACTIONS);
    if (service.files) fn.bindFiles(this.bucket);
    if (service.sendsMail) fn.bindOutbox(this.table(mailOutboxTable.name), this.key);
    if (service.deliversMail) fn.deliverMail(this.mailIdentity.emailIdentityArn);
    if (service.exchange) fn.bindExchange(exchange!);
    if (service.video) fn.bindVideo(this.tenant, this.videoSecret());
    if (service.gauges?.includes('mailboxes')) fn.bindQuotaCounter(this.table(directoryTable.name), this.tenant.id);
    if (service.gauges?.includes('storageGb')) fn.bindStoredBytes(this.platformAccess());
    return fn;
  }

  /**
   * When a service exchanges with other tenants: the tenant's signing key, and the platform's hub table and bucket,
   * named by the fixed names the platform stack gives them (infra/platform.ts), never by a reference to that stack.
   */
  private createExchange(): (ExchangeAccess & { key: Key }) | undefined {
    if (!SERVICES.some((s) => s.exchange)) return undefined;
    if (this.region !== PLATFORM_REGION) {
      // Functions reach the hub's table and bucket by name, in their own region.
      Annotations.of(this).addWarningV2('tinhso:exchange-region', `Tenant ${this.tenant.id} is in ${this.region}, the exchange hub in ${PLATFORM_REGION}: its services cannot exchange documents until tenants may live in another region (docs/deploy.md)`);
    }
    // Signs the edXML envelopes the tenant sends (XML signature over RSA). Automatic rotation does not exist for
    // asymmetric keys (cdk-nag's KMS5 checks symmetric keys only); a new key is a deliberate, announced change.
    const key = new Key(this, 'ExchangeKey', {
      alias: `alias/tinhso-${this.tenant.id}-exchange`,
      description: `Tinh So ${this.tenant.id}: signs the envelopes it sends through the exchange hub`,
      keySpec: KeySpec.RSA_2048,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const bucketName = hubBucketName(this.account, PLATFORM_REGION);
    return {
      tenant: this.tenant.id,
      key,
      tableName: HUB_TABLE_NAME,
      tableArn: this.formatArn({ service: 'dynamodb', region: PLATFORM_REGION, resource: 'table', resourceName: HUB_TABLE_NAME }),
      bucketName,
      bucketArn: this.formatArn({ service: 's3', region: '', account: '', resource: bucketName }),
      peers: exchangeTenantsOf(this.peers ?? [this.tenant]),
    };
  }

  /**
   * The platform's registry and usage tables (PlatformStack, PLATFORM_REGION), named by their fixed names and
   * limited to this tenant's items: a tenant can neither read another's registry item nor count into its usage.
   */
  private platformAccess(): TenantPlatformAccess {
    const arn = (name: string) => this.formatArn({ service: 'dynamodb', region: PLATFORM_REGION, resource: 'table', resourceName: name });
    return {
      registryName: TENANT_REGISTRY_TABLE_NAME,
      registryArn: arn(TENANT_REGISTRY_TABLE_NAME),
      usageName: USAGE_TABLE_NAME,
      usageArn: arn(USAGE_TABLE_NAME),
      leadingKeys: tenantLeadingKeys(this.tenant.id),
    };
  }

  /**
   * The dead-letter queue: encrypted with the tenant's key, TLS only. EventBridge (a scheduled rule's target) sends
   * to it as a service, so the key lets events.amazonaws.com of this account encrypt for it.
   */
  private createDeadLetterQueue(): Queue {
    const queue = new Queue(this, 'DeadLetters', {
      queueName: `tinhso-${this.tenant.id}-dead-letters`,
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      retentionPeriod: DEAD_LETTER_RETENTION,
    });
    acknowledge(queue, NAG.tenantDeadLetterQueue);
    this.key.addToResourcePolicy(new PolicyStatement({
      sid: 'EventBridgeDeadLettersOfThisAccount',
      principals: [new ServicePrincipal('events.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
    }));
    return queue;
  }

  table(name: string): TenantTable {
    const table = this.tables.get(name);
    if (!table) throw new Error(`Table "${name}" is not in TENANT_TABLES`);
    return table;
  }

  /** Files (uploads through presigned URLs, raw mail): private, TLS only, versioned, KMS, access-logged. */
  private createBucket(): Bucket {
    const accessLogs = accessLogsBucket(this);

    return new Bucket(this, 'Files', {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      lifecycleRules: [
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // SES's transit copies of received mail: the receiving function stores each message once by its SHA-256.
        ...(SERVICES.some((s) => s.receivesMail)
          ? [{ id: 'ReceivedMailTransit', prefix: incomingPrefix(this.tenant.id), expiration: INCOMING_RETENTION, noncurrentVersionExpiration: Duration.days(1) }]
          : []),
      ],
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'files/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** The HTTP API: one route per RouteDef; `public` routes open, all others behind the user pool's JWT authorizer. */
  private createApi(): { api: HttpApi; stage: HttpStage } {
    const api = new HttpApi(this, 'Api', {
      apiName: `tinhso-${this.tenant.id}`,
      description: `Tinh So ${this.tenant.id}`,
      createDefaultStage: false,
    });
    // The plan's API rate limit (shared/plans.ts), for the whole tenant: one province cannot starve the account's quota.
    const stage = loggedDefaultStage(this, 'Api', api, this.key, planOf(this.tenant.plan).rateLimit);

    // Clients send the ID token: it carries custom:tenant and cognito:groups, and its audience is the app client.
    const jwt = new HttpJwtAuthorizer('Cognito', `https://cognito-idp.${this.region}.amazonaws.com/${this.users.pool.userPoolId}`, {
      authorizerName: 'cognito',
      jwtAudience: [this.users.client.userPoolClientId],
    });
    for (const service of SERVICES) {
      const fn = this.functions.get(service.name)!;
      const integration = new HttpLambdaIntegration(`Integration-${service.name}`, fn.function);
      for (const route of Object.values(service.routes)) {
        const isPublic = route.access === 'public';
        const created = api.addRoutes({
          path: route.path,
          methods: [HttpMethod[route.method]],
          integration,
          authorizer: isPublic ? new HttpNoneAuthorizer() : jwt,
        });
        if (isPublic) for (const r of created) acknowledge(r, NAG.publicRoute);
        this.routes.push(...created);
      }
    }
    return { api, stage };
  }
}
