// A tenant's stack, asserted property by property against the service catalog it is built from.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { mailOutboxTable } from '#shared/outbox';
import { METER_CONSUMERS, SERVICES, TENANT_OPERATIONS, TENANT_TABLES, USER_POOL_TRIGGERS, type ServiceDef } from '#functions/index';
import { ROLES } from '#shared/http/route';
import { DeployedTenants } from '#shared/tenant';
import { buildApp } from '#infra/app';
import { CLIENT_READ_ATTRIBUTES, CLIENT_WRITE_ATTRIBUTES, CUSTOM_ATTRIBUTES, USER_POOL_GROUPS } from '#infra/identity';
import { USER_POOL_ADMIN_ACTIONS } from '#infra/constructs/service-function';
import { HUB_TABLE_NAME, TENANT_REGISTRY_TABLE_NAME, USAGE_TABLE_NAME } from '#infra/platform';
import type { TenantStack } from '#infra/stacks/tenant-stack';

type Json = Record<string, unknown>;
interface Resource { Type: string; Properties: Json; DeletionPolicy?: string; UpdateReplacePolicy?: string }

const TENANT = 'hue';
let outdir: string;
let stack: TenantStack;
let template: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'tinhso-tenant-stack-'));
  const built = buildApp({ context: { tenant: TENANT }, outdir });
  stack = built.tenants[0]!;
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, Resource>;
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const ofType = (type: string): [string, Resource][] => Object.entries(resources).filter(([, r]) => r.Type === type);

/** Logical ids named by Ref / Fn::GetAtt anywhere inside a JSON value. */
function referencedIds(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => referencedIds(v, into));
  else if (value && typeof value === 'object') {
    const obj = value as Json;
    if (typeof obj.Ref === 'string') into.add(obj.Ref);
    const getAtt = obj['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') into.add(getAtt[0]);
    Object.values(obj).forEach((v) => referencedIds(v, into));
  }
  return into;
}

/** Turns an Fn::Join of strings and Refs into one string, each Ref as `<LogicalId>`. */
function joinToString(value: unknown): string {
  if (typeof value === 'string') return value;
  const [sep, parts] = (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  return parts.map((p) => (typeof p === 'string' ? p : `<${(p as { Ref: string }).Ref}>`)).join(sep);
}

/** The tenant's data key (tables, files, logs, queues), as opposed to its exchange key. */
const keyLogicalId = (): string => stack.getLogicalId(stack.key.node.defaultChild as CfnElement);

const tableLogicalId = (name: string): string => {
  const found = ofType('AWS::DynamoDB::Table').filter(([, r]) => r.Properties.TableName === `${TENANT}-${name}`);
  expect(found).toHaveLength(1);
  return found[0]![0];
};

const functionByService = (name: string): [string, Resource] => {
  const found = ofType('AWS::Lambda::Function').filter(([, r]) => (r.Properties.Environment as { Variables: Json }).Variables.POWERTOOLS_SERVICE_NAME === name);
  expect(found).toHaveLength(1);
  return found[0]!;
};

/** Every policy statement that applies to a function's role (inline policies and attached AWS::IAM::Policy). */
function statementsOf(fn: Resource): Json[] {
  const roleId = ((fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'])[0]!;
  const role = resources[roleId]!;
  expect(role.Properties.ManagedPolicyArns ?? []).toEqual([]);
  const inline = ((role.Properties.Policies ?? []) as { PolicyDocument: { Statement: Json[] } }[]).flatMap((p) => p.PolicyDocument.Statement);
  const attached = ofType('AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as unknown[]).some((r) => (r as { Ref?: string }).Ref === roleId))
    .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Json[] }).Statement);
  return [...inline, ...attached];
}

const actionsOf = (statement: Json): string[] => [statement.Action].flat() as string[];
const dynamoActionsOf = (statement: Json): string[] => actionsOf(statement).filter((a) => a.startsWith('dynamodb:'));

const grantsOf = (s: ServiceDef) => ({ tables: s.tables, reads: s.reads ?? [], userPoolAdmin: s.userPoolAdmin ?? false, sendsMail: s.sendsMail ?? false, deliversMail: s.deliversMail ?? false, exchange: s.exchange ?? false });
/** The function SES invokes with received mail (the catalog's `receivesMail`). */
const RECEIVER = SERVICES.find((s) => s.receivesMail)?.receivesMail?.name;
const ALL_SERVICES = [...SERVICES.map((s) => ({ name: s.name, ...grantsOf(s) })),
  // Stream consumers, scheduled jobs, inbound functions and the mail-receiving one run with their service's tables and grants.
  ...SERVICES.flatMap((s) => [...(s.streams ?? []), ...(s.schedules ?? []), ...(s.inbound ? [s.inbound] : []), ...(s.receivesMail ? [s.receivesMail] : [])].map((f) => ({ name: f.name, ...grantsOf(s) }))),
  { name: USER_POOL_TRIGGERS.postConfirmation.name, tables: [], reads: [], userPoolAdmin: false, sendsMail: false, deliversMail: false, exchange: false }];

/** The functions of the services that enforce a gauge of the plan outside their own tables (the catalog's `gauges`). */
const gaugeFunctions = (gauge: 'mailboxes' | 'storageGb'): Set<string> => new Set(SERVICES.filter((s) => s.gauges?.includes(gauge))
  .flatMap((s) => [s.name, ...[...(s.streams ?? []), ...(s.schedules ?? []), ...(s.inbound ? [s.inbound] : []), ...(s.receivesMail ? [s.receivesMail] : [])].map((f) => f.name)]));
/** The one write another service may make in the directory's table: UpdateItem of the tenant's quota counters only. */
const QUOTA_COUNTER_ONLY = { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [`${TENANT}#QUOTA`] } };
const isQuotaCounterGrant = (st: Json): boolean => dynamoActionsOf(st).join() === 'dynamodb:UpdateItem' && JSON.stringify(st.Condition) === JSON.stringify(QUOTA_COUNTER_ONLY);
/** A statement on the platform's exchange hub table (named by ARN; test/infra/exchange.test.ts checks those). */
const onHubTable = (statement: Json): boolean => JSON.stringify(statement.Resource).includes(`:table/${HUB_TABLE_NAME}`);
/** A statement on the platform's registry or usage table (named by ARN; 'the platform's tables' below checks those). */
const onRegistryOrUsage = (statement: Json): boolean => [TENANT_REGISTRY_TABLE_NAME, USAGE_TABLE_NAME].some((name) => JSON.stringify(statement.Resource).includes(`:table/${name}`));
/** The platform's functions that run in the tenant's stack (metering consumers, operations): 'platform functions' below. */
const PLATFORM_FUNCTIONS = [...METER_CONSUMERS, ...TENANT_OPERATIONS];

describe('tables', () => {
  it('creates exactly one table per TENANT_TABLES entry, named <tenant>-<name>', () => {
    // Prepare
    const expected = TENANT_TABLES.map((t) => `${TENANT}-${t.name}`).sort();
    // Act
    const names = ofType('AWS::DynamoDB::Table').map(([, r]) => r.Properties.TableName).sort();
    // Assess
    expect(names).toEqual(expected);
  });

  it.each(TENANT_TABLES.map((t) => [t.name, t] as const))('%s: on-demand, PITR, deletion protection, KMS, retained', (name, def) => {
    // Prepare
    const id = tableLogicalId(name);
    const keyId = keyLogicalId();
    // Act
    const table = resources[id]!;
    // Assess
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
      KeySchema: [{ AttributeName: def.partitionKey, KeyType: 'HASH' }, ...(def.sortKey ? [{ AttributeName: def.sortKey, KeyType: 'RANGE' }] : [])],
    });
  });

  it.each(TENANT_TABLES.map((t) => [t.name, t] as const))('%s: stream, TTL and GSIs as declared', (name, def) => {
    // Prepare
    const props = resources[tableLogicalId(name)]!.Properties;
    // Act
    const indexes = (props.GlobalSecondaryIndexes ?? []) as Json[];
    // Assess
    expect(props.StreamSpecification).toEqual(def.stream ? { StreamViewType: 'NEW_AND_OLD_IMAGES' } : undefined);
    expect(props.TimeToLiveSpecification).toEqual(def.ttlAttribute ? { AttributeName: def.ttlAttribute, Enabled: true } : undefined);
    expect(indexes).toEqual((def.indexes ?? []).map((index) => ({
      IndexName: index.name,
      KeySchema: [{ AttributeName: index.partitionKey, KeyType: 'HASH' }, ...(index.sortKey ? [{ AttributeName: index.sortKey, KeyType: 'RANGE' }] : [])],
      Projection: index.include ? { ProjectionType: 'INCLUDE', NonKeyAttributes: index.include } : { ProjectionType: 'ALL' },
    })));
  });
});

describe('key', () => {
  it('rotates, is retained, and lets CloudWatch Logs of this region use it for log groups', () => {
    // Act: the one symmetric key (an exchanging tenant also has its asymmetric exchange key, see exchange.test.ts)
    const keys = ofType('AWS::KMS::Key').filter(([, k]) => k.Properties.KeySpec === undefined);
    // Assess
    expect(keys).toHaveLength(1);
    const [keyId, key] = keys[0]!;
    expect(keyId).toBe(keyLogicalId());
    expect(key.DeletionPolicy).toBe('Retain');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: `logs.${stack.region}.amazonaws.com` },
          Action: Match.arrayWith(['kms:Decrypt*', 'kms:Encrypt*', 'kms:GenerateDataKey*']), // sorted, as synthesised
          Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': Match.anyValue() } },
        })]),
      },
    });
  });
});

describe('buckets', () => {
  const filesBucket = (): [string, Resource] => {
    const found = ofType('AWS::S3::Bucket').filter(([, b]) =>
      JSON.stringify(b.Properties.BucketEncryption).includes('aws:kms'));
    expect(found).toHaveLength(1);
    return found[0]!;
  };

  it('the files bucket: versioned, KMS with the tenant key, access-logged, aborts incomplete uploads after a day, retained', () => {
    // Prepare
    const keyId = keyLogicalId();
    // Act
    const [, bucket] = filesBucket();
    // Assess
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] } } }] },
      LoggingConfiguration: { DestinationBucketName: { Ref: expect.any(String) } },
    });
    expect((bucket.Properties.LifecycleConfiguration as { Rules: Json[] }).Rules).toContainEqual(
      expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' }));
  });

  it('every bucket blocks all public access and denies requests without TLS', () => {
    // Prepare
    const buckets = ofType('AWS::S3::Bucket');
    const policies = ofType('AWS::S3::BucketPolicy');
    // Act / Assess
    expect(buckets.length).toBeGreaterThanOrEqual(2);
    for (const [id, bucket] of buckets) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
      const policy = policies.find(([, p]) => (p.Properties.Bucket as { Ref?: string }).Ref === id);
      expect(policy).toBeDefined();
      expect((policy![1].Properties.PolicyDocument as { Statement: Json[] }).Statement).toContainEqual(expect.objectContaining({
        Effect: 'Deny',
        Action: 's3:*',
        Principal: { AWS: '*' },
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }));
    }
  });
});

describe('user pool', () => {
  it('lets citizens sign up by email, verifies it, keeps the pool, and has the custom attributes tenant and unit', () => {
    // Act
    const pools = ofType('AWS::Cognito::UserPool');
    // Assess
    expect(pools).toHaveLength(1);
    const [, pool] = pools[0]!;
    expect(pool.DeletionPolicy).toBe('Retain');
    expect(pool.Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      DeletionProtection: 'ACTIVE',
      Policies: { PasswordPolicy: { MinimumLength: 8, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true } },
    });
    for (const name of CUSTOM_ATTRIBUTES) {
      expect(pool.Properties.Schema).toContainEqual({ Name: name, AttributeDataType: 'String', Mutable: true });
    }
    expect(CUSTOM_ATTRIBUTES).toEqual(['tenant', 'unit']);
  });

  it('has the five role groups with their descriptions', () => {
    // Act
    const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties);
    // Assess
    expect(groups).toHaveLength(5);
    expect(groups.map((g) => g.GroupName).sort()).toEqual([...ROLES].sort());
    for (const g of groups) expect(g.Description).toBe(USER_POOL_GROUPS[g.GroupName as keyof typeof USER_POOL_GROUPS]);
  });

  it('has one app client, without a secret, that can never write custom:tenant or custom:unit', () => {
    // Act
    const clients = ofType('AWS::Cognito::UserPoolClient');
    // Assess
    expect(clients).toHaveLength(1);
    const props = clients[0]![1].Properties;
    expect(props.GenerateSecret).toBe(false);
    expect(props.ExplicitAuthFlows).toEqual(expect.arrayContaining(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']));
    expect(props.WriteAttributes).toEqual([...CLIENT_WRITE_ATTRIBUTES].sort());
    expect(props.WriteAttributes).not.toContain('custom:tenant');
    expect(props.WriteAttributes).not.toContain('custom:unit');
    expect((props.WriteAttributes as string[]).some((a) => a.startsWith('custom:'))).toBe(false);
    expect(props.ReadAttributes).toEqual([...CLIENT_READ_ATTRIBUTES].sort());
  });

  it('calls the sign-up function on PostConfirmation by name, without a circular reference, and lets it in', () => {
    // Prepare
    const [signupId, signup] = functionByService(USER_POOL_TRIGGERS.postConfirmation.name);
    const [poolId, pool] = ofType('AWS::Cognito::UserPool')[0]!;
    // Act
    const triggerArn = joinToString((pool.Properties.LambdaConfig as Json).PostConfirmation);
    // Assess
    expect(triggerArn).toMatch(new RegExp(`^arn:aws:lambda:${stack.region}:<AWS::AccountId>:function:${signup.Properties.FunctionName as string}$`));
    expect(referencedIds(pool.Properties).has(signupId)).toBe(false);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'cognito-idp.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [signupId, 'Arn'] },
      SourceArn: { 'Fn::GetAtt': [poolId, 'Arn'] },
    });
    const cognito = statementsOf(signup).filter((s) => actionsOf(s).some((a) => a.startsWith('cognito-idp:')));
    expect(cognito).toEqual([expect.objectContaining({ Resource: { 'Fn::GetAtt': [poolId, 'Arn'] } })]);
    expect(actionsOf(cognito[0]!).sort()).toEqual(['cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminUpdateUserAttributes']);
  });
});

describe('functions', () => {
  it('one function per service, stream consumer and scheduled job, plus the sign-up trigger', () => {
    expect(allFunctions()).toHaveLength(ALL_SERVICES.length + PLATFORM_FUNCTIONS.length);
  });

  it.each(ALL_SERVICES.map((s) => [s.name, s] as const))('%s: Node.js 22 on arm64, 512 MB, 10 s (a minute to receive mail), traced, logging to its own log group', (name) => {
    // Act
    const [, fn] = functionByService(name);
    // Assess
    const timeout = name === RECEIVER ? 60 : 10;
    expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], MemorySize: 512, Timeout: timeout, TracingConfig: { Mode: 'Active' }, Handler: 'index.handler' });
    const logGroupId = ((fn.Properties.LoggingConfig as { LogGroup: Json }).LogGroup as { Ref: string }).Ref;
    expect(resources[logGroupId]?.Type).toBe('AWS::Logs::LogGroup');
  });

  it.each(ALL_SERVICES.map((s) => [s.name, s] as const))('%s: environment has TENANTS (a valid DeployedTenant list) and its table variables', (name, service) => {
    // Prepare
    const [, fn] = functionByService(name);
    const vars = (fn.Properties.Environment as { Variables: Json }).Variables;
    const poolId = ofType('AWS::Cognito::UserPool')[0]![0];
    const clientId = ofType('AWS::Cognito::UserPoolClient')[0]![0];
    // Act
    const tenants = DeployedTenants.parse(JSON.parse(joinToString(vars.TENANTS)));
    // Assess
    expect(tenants).toEqual([expect.objectContaining({ id: TENANT, auth: { region: stack.region, userPoolId: `<${poolId}>`, clientId: `<${clientId}>` } })]);
    expect(vars).toMatchObject({ POWERTOOLS_SERVICE_NAME: name, POWERTOOLS_METRICS_NAMESPACE: 'TinhSo', NODE_OPTIONS: '--enable-source-maps' });
    const tables = [...service.tables, ...service.reads, ...(service.sendsMail ? [mailOutboxTable] : [])];
    for (const table of tables) expect(vars[table.envVar]).toEqual({ Ref: tableLogicalId(table.name) });
    // The platform's hub table is named, not referenced: another stack's.
    if (service.exchange) expect(vars.EXCHANGE_TABLE).toBe(HUB_TABLE_NAME);
    const tableVars = Object.keys(vars).filter((k) => k.endsWith('_TABLE'));
    // The platform's registry and usage tables, by name: every function of the tenant has them.
    expect(vars).toMatchObject({ TENANT_REGISTRY_TABLE: TENANT_REGISTRY_TABLE_NAME, USAGE_TABLE: USAGE_TABLE_NAME });
    expect(tableVars.sort()).toEqual([...new Set([...tables.map((t) => t.envVar), ...(service.exchange ? ['EXCHANGE_TABLE'] : []), 'TENANT_REGISTRY_TABLE', 'USAGE_TABLE'])].sort());
  });

  it.each(ALL_SERVICES.map((s) => [s.name, s] as const))('%s: DynamoDB access to its declared tables and nothing else', (name, service) => {
    // Prepare
    const [, fn] = functionByService(name);
    const tableIds = new Set(ofType('AWS::DynamoDB::Table').map(([id]) => id));
    const declared = new Set(service.tables.map((t) => tableLogicalId(t.name)));
    const outboxId = tableLogicalId(mailOutboxTable.name);
    const readOnly = new Set(service.reads.map((t) => tableLogicalId(t.name)));
    // Act
    // A stream consumer's dynamodb:ListStreams names no resource (see 'reads the stream of its table and of no other').
    const all = statementsOf(fn).filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')) && dynamoActionsOf(s).join() !== 'dynamodb:ListStreams');
    // The hub table (an exchanging service's only table outside the stack): PutItem and GetItem, see exchange.test.ts.
    const dynamo = all.filter((s) => !onHubTable(s) && !onRegistryOrUsage(s));
    expect(all.filter(onHubTable).map((s) => dynamoActionsOf(s).sort())).toEqual(service.exchange ? [['dynamodb:GetItem', 'dynamodb:PutItem']] : []);
    const granted = new Set([...referencedIds(dynamo.map((s) => s.Resource))].filter((id) => tableIds.has(id)));
    // Assess: its own tables, and a mail sender the outbox, where it may put requests and do nothing else
    expect(granted).toEqual(new Set([...declared, ...readOnly, ...(service.sendsMail ? [outboxId] : [])]));
    const onOutbox = dynamo.filter((st) => [st.Resource].flat().some((r) => referencedIds(r).has(outboxId)));
    if (service.sendsMail && !declared.has(outboxId)) expect(onOutbox.flatMap((st) => dynamoActionsOf(st))).toEqual(['dynamodb:PutItem']);
    if (service.sendsMail) declared.add(outboxId);
    // Another service's table: reads only
    // (the mailboxes counter, for a service that counts mailboxes: 'the mailboxes counter' below checks that grant)
    const onReadOnly = dynamo.filter((st) => !(gaugeFunctions('mailboxes').has(name) && isQuotaCounterGrant(st)) && [st.Resource].flat().some((r) => [...referencedIds(r)].some((id) => readOnly.has(id))));
    for (const st of onReadOnly) expect(dynamoActionsOf(st).filter((a) => !/^dynamodb:(BatchGet|Get|Query|Scan|ConditionCheck|Describe)/.test(a))).toEqual([]);
    for (const id of readOnly) declared.add(id);
    if (service.tables.length === 0) expect(dynamo).toEqual([]);
    for (const statement of dynamo) {
      for (const resource of [statement.Resource].flat()) {
        expect(resource).not.toBe('*');
        expect([...referencedIds(resource)].every((id) => declared.has(id))).toBe(true);
      }
    }
  });

  it.each(ALL_SERVICES.map((s) => [s.name, s] as const))('%s: user pool administration only where the service declares it', (name, service) => {
    // Prepare
    const [, fn] = functionByService(name);
    const poolId = ofType('AWS::Cognito::UserPool')[0]![0];
    // Act
    const actions = statementsOf(fn)
      .filter((s) => actionsOf(s).some((a) => a.startsWith('cognito-idp:')))
      .flatMap((s) => { expect(s.Resource).toEqual({ 'Fn::GetAtt': [poolId, 'Arn'] }); return actionsOf(s); });
    // Assess
    if (service.userPoolAdmin) expect(actions.sort()).toEqual([...USER_POOL_ADMIN_ACTIONS].sort());
    else if (name !== USER_POOL_TRIGGERS.postConfirmation.name) expect(actions).toEqual([]);
  });
});

describe('mail', () => {
  it('sends as the tenant\'s domain through SES, from the mail service and its consumer only', () => {
    // Prepare
    const identities = ofType('AWS::SES::EmailIdentity');
    // Assess
    expect(identities).toHaveLength(1);
    expect(identities[0]![1].Properties.EmailIdentity).toBe(`${TENANT}.gov.vn`);
    for (const service of ALL_SERVICES) {
      const [, fn] = functionByService(service.name);
      const ses = statementsOf(fn).filter((st) => actionsOf(st).some((a) => a.startsWith('ses:')));
      const vars = (fn.Properties.Environment as { Variables: Json }).Variables;
      if (service.deliversMail) {
        expect(ses.flatMap(actionsOf).sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
        expect(vars.MAIL_TRANSPORT).toBe('ses');
      } else {
        expect({ name: service.name, ses }).toEqual({ name: service.name, ses: [] });
      }
    }
  });
});

describe('HTTP API', () => {
  const allRoutes = SERVICES.flatMap((s) => Object.values(s.routes).map((r) => ({ service: s.name, key: `${r.method} ${r.path}`, isPublic: r.access === 'public' })));

  it('has one route per declared route', () => {
    // Act
    const keys = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey).sort();
    // Assess
    expect(keys).toHaveLength(allRoutes.length);
    expect(keys).toEqual(allRoutes.map((r) => r.key).sort());
  });

  it.each(allRoutes.map((r) => [r.key, r] as const))('%s: authorizer and integration as declared', (key, route) => {
    // Prepare
    const [authorizerId] = ofType('AWS::ApiGatewayV2::Authorizer')[0]!;
    const [fnId] = functionByService(route.service);
    // Act
    const [, r] = ofType('AWS::ApiGatewayV2::Route').find(([, x]) => x.Properties.RouteKey === key)!;
    // Assess
    if (route.isPublic) {
      expect(r.Properties.AuthorizationType).toBe('NONE');
      expect(r.Properties.AuthorizerId).toBeUndefined();
    } else {
      expect(r.Properties.AuthorizationType).toBe('JWT');
      expect(r.Properties.AuthorizerId).toEqual({ Ref: authorizerId });
    }
    const integrationId = [...referencedIds(r.Properties.Target)].find((id) => resources[id]?.Type === 'AWS::ApiGatewayV2::Integration')!;
    expect(referencedIds(resources[integrationId]!.Properties.IntegrationUri).has(fnId)).toBe(true);
  });

  it('verifies the user pool\'s ID tokens: issuer is the pool, audience the app client', () => {
    // Prepare
    const poolId = ofType('AWS::Cognito::UserPool')[0]![0];
    const clientId = ofType('AWS::Cognito::UserPoolClient')[0]![0];
    // Act
    const [, authorizer] = ofType('AWS::ApiGatewayV2::Authorizer')[0]!;
    const jwt = authorizer.Properties.JwtConfiguration as { Issuer: unknown; Audience: unknown };
    // Assess
    expect(authorizer.Properties.AuthorizerType).toBe('JWT');
    expect(joinToString(jwt.Issuer)).toBe(`https://cognito-idp.${stack.region}.amazonaws.com/<${poolId}>`);
    expect(jwt.Audience).toEqual([{ Ref: clientId }]);
  });

  it('logs access on the $default stage to an encrypted log group', () => {
    // Act
    const stages = ofType('AWS::ApiGatewayV2::Stage');
    // Assess
    expect(stages).toHaveLength(1);
    const props = stages[0]![1].Properties;
    expect(props).toMatchObject({ StageName: '$default', AutoDeploy: true });
    const settings = props.AccessLogSettings as { DestinationArn: { 'Fn::GetAtt': string[] }; Format: string };
    expect(resources[settings.DestinationArn['Fn::GetAtt'][0]!]?.Type).toBe('AWS::Logs::LogGroup');
    expect(JSON.parse(settings.Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
  });

  it('throttles every route at the rate limit of the tenant\'s plan (Huế is on standard: 200 requests/s, bursts of 400)', () => {
    const [, stage] = ofType('AWS::ApiGatewayV2::Stage')[0]!;
    expect(stage.Properties.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 });
  });
});

describe('logs, tags and outputs', () => {
  it('every log group has a retention and is encrypted with the tenant key', () => {
    // Prepare
    const keyId = keyLogicalId();
    // Act
    const groups = ofType('AWS::Logs::LogGroup');
    // Assess
    // One per function, and the API's access logs.
    expect(groups).toHaveLength(ALL_SERVICES.length + PLATFORM_FUNCTIONS.length + 1);
    for (const [, g] of groups) {
      expect(g.Properties.RetentionInDays).toEqual(expect.any(Number));
      expect(g.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    }
  });

  it.each(['AWS::DynamoDB::Table', 'AWS::S3::Bucket', 'AWS::Lambda::Function', 'AWS::KMS::Key', 'AWS::IAM::Role', 'AWS::Logs::LogGroup'])(
    '%s: tagged TenantId and ProvinceCode', (type) => {
      // Act
      const found = ofType(type);
      // Assess
      expect(found.length).toBeGreaterThan(0);
      for (const [, r] of found) {
        expect(r.Properties.Tags).toEqual(expect.arrayContaining([{ Key: 'TenantId', Value: TENANT }, { Key: 'ProvinceCode', Value: stack.tenant.provinceCode }]));
      }
    });

  it('tags the user pool and the API too (map-style tags)', () => {
    const expected = { TenantId: TENANT, ProvinceCode: stack.tenant.provinceCode };
    template.hasResourceProperties('AWS::Cognito::UserPool', { UserPoolTags: Match.objectLike(expected) });
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { Tags: Match.objectLike(expected) });
  });

  it('outputs the API URL, the user pool and client ids and the bucket name', () => {
    // Act
    const outputs = Object.keys(template.toJSON().Outputs as Json);
    // Assess
    expect(outputs).toEqual(expect.arrayContaining(['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'BucketName']));
  });
});

describe('stream consumers and scheduled jobs', () => {
  const consumers = SERVICES.flatMap((s) => (s.streams ?? []).map((def) => [def.name, def, s] as const));
  const jobs = SERVICES.flatMap((s) => (s.schedules ?? []).map((def) => [def.name, def, s] as const));
  /** What a stream read grant adds (GetRecords and GetShardIterator are also in a table's read/write grant). */
  const STREAM_ACTIONS = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'];

  it('the catalog has the dossier statistics consumer and their nightly job', () => {
    expect(consumers.map(([name]) => name)).toContain('dossiers-stats');
    expect(jobs.map(([name]) => name)).toContain('dossiers-stats-daily');
  });

  it.each(consumers)('%s: a mapping from its table\'s stream: oldest first, 100 a batch, bisect, partial failures, 5 retries, a day, on-failure queue', (name, def) => {
    // Prepare
    const [fnId] = functionByService(name);
    const tableId = tableLogicalId(def.table);
    const keyId = keyLogicalId();
    // Act
    const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => referencedIds(m.Properties.FunctionName).has(fnId));
    // Assess
    expect(mappings).toHaveLength(1);
    const props = mappings[0]![1].Properties;
    expect(props).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [tableId, 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 86_400,
    });
    const queueId = ((props.DestinationConfig as { OnFailure: { Destination: { 'Fn::GetAtt': string[] } } }).OnFailure.Destination['Fn::GetAtt'])[0]!;
    expect(resources[queueId]!.Type).toBe('AWS::SQS::Queue');
    expect(resources[queueId]!.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(statementsOf(resources[fnId]!)).toContainEqual(expect.objectContaining({ Action: expect.arrayContaining(['sqs:SendMessage']), Resource: { 'Fn::GetAtt': [queueId, 'Arn'] } }));
  });

  it.each(consumers)('%s: reads the stream of its table and of no other', (name, def) => {
    // Prepare
    const [, fn] = functionByService(name);
    const tableIds = ofType('AWS::DynamoDB::Table').map(([id]) => id);
    // Act
    const streamStatements = statementsOf(fn).filter((s) => actionsOf(s).includes('dynamodb:DescribeStream'));
    const listStreams = statementsOf(fn).filter((s) => actionsOf(s).includes('dynamodb:ListStreams'));
    // Assess
    expect(streamStatements).toHaveLength(1);
    expect(actionsOf(streamStatements[0]!).sort()).toEqual(STREAM_ACTIONS);
    expect(streamStatements[0]!.Resource).toEqual({ 'Fn::GetAtt': [tableLogicalId(def.table), 'StreamArn'] });
    // ListStreams has no resource-level permission (acknowledged in nag.ts); no other table's stream appears anywhere.
    expect(listStreams.map((s) => [dynamoActionsOf(s), s.Resource])).toEqual([[['dynamodb:ListStreams'], '*']]);
    const streamArnsNamed = statementsOf(fn).flatMap((s) => [s.Resource].flat())
      .filter((r) => Array.isArray((r as { 'Fn::GetAtt'?: string[] })?.['Fn::GetAtt']) && (r as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][1] === 'StreamArn')
      .map((r) => (r as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]);
    expect(new Set(streamArnsNamed)).toEqual(new Set([tableLogicalId(def.table)]));
    expect(tableIds).toContain(tableLogicalId(def.table));
  });

  it.each([...consumers, ...jobs])('%s: the environment and table grants of its service, through the same bindings', (name, _def, service) => {
    // Prepare
    const [, fn] = functionByService(name);
    const [, serviceFn] = functionByService(service.name);
    const vars = (f: Resource) => (f.Properties.Environment as { Variables: Json }).Variables;
    const dynamoResources = (f: Resource) => statementsOf(f)
      .filter((s) => !actionsOf(s).includes('dynamodb:DescribeStream') && actionsOf(s).some((a) => a.startsWith('dynamodb:') && a !== 'dynamodb:ListStreams'))
      .map((s) => ({ actions: actionsOf(s).sort(), resource: s.Resource }));
    // Act
    const { POWERTOOLS_SERVICE_NAME: own, ...rest } = vars(fn);
    const { POWERTOOLS_SERVICE_NAME: _svc, ...serviceRest } = vars(serviceFn);
    // Assess
    expect(own).toBe(name);
    expect(rest).toEqual(serviceRest);
    expect(dynamoResources(fn)).toEqual(dynamoResources(serviceFn));
  });

  it.each(jobs)('%s: an EventBridge rule with its expression, targeting its function, which lets EventBridge invoke it', (name, def) => {
    // Prepare
    const [fnId] = functionByService(name);
    // Act
    const rules = ofType('AWS::Events::Rule').filter(([, r]) => (r.Properties.Targets as Json[]).some((t) => referencedIds(t.Arn).has(fnId)));
    // Assess
    expect(rules).toHaveLength(1);
    const [ruleId, rule] = rules[0]!;
    expect(rule.Properties).toMatchObject({ ScheduleExpression: def.schedule, State: 'ENABLED' });
    expect(rule.Properties.Targets).toEqual([expect.objectContaining({
      Arn: { 'Fn::GetAtt': [fnId, 'Arn'] },
      RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
      DeadLetterConfig: { Arn: { 'Fn::GetAtt': [stack.getLogicalId(stack.deadLetters.node.defaultChild as CfnElement), 'Arn'] } },
    })]);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] }, SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] },
    });
  });

  it('one rule per scheduled job and one mapping per consumer, nothing else', () => {
    expect(ofType('AWS::Events::Rule')).toHaveLength(jobs.length);
    expect(ofType('AWS::Lambda::EventSourceMapping')).toHaveLength(consumers.length + METER_CONSUMERS.length);
    // The tenant's dead-letter queue, and the mail-receiving function's on-failure queue (test/infra/mail-receiving.test.ts).
    expect(ofType('AWS::SQS::Queue')).toHaveLength(1 + (RECEIVER ? 1 : 0));
  });
});

/** Every function of the stack, by logical id; not CDK's own deploy-time handler that copies the web app (WebHosting). */
const allFunctions = (): [string, Resource][] => ofType('AWS::Lambda::Function').filter(([id]) => !id.startsWith('CustomCDKBucketDeployment'));
const idOf = (construct: { node: { defaultChild?: unknown } }): string => stack.getLogicalId(construct.node.defaultChild as CfnElement);
const platformTableArn = (name: string) => `arn:aws:dynamodb:ap-southeast-1:<AWS::AccountId>:table/${name}`;
const OWN_ITEMS = { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`TENANT#${TENANT}`, `TENANT#${TENANT}#*`] } };
/** The statements of a role on one of the platform's tables, as [actions, condition]. */
const onPlatformTable = (fn: Resource, name: string) => statementsOf(fn)
  .filter((st) => [st.Resource].flat().some((r) => (typeof r === 'string' || (r as Json)['Fn::Join'] !== undefined) && joinToString(r) === platformTableArn(name)))
  .map((st) => [dynamoActionsOf(st).sort(), st.Condition]);

describe('the platform\'s tables (registry, usage)', () => {
  it('every function may GetItem its tenant\'s own registry item and UpdateItem its own usage items, and nothing more there', () => {
    // Act
    const functions = allFunctions();
    // Assess
    expect(functions.length).toBeGreaterThan(ALL_SERVICES.length);
    for (const [id, fn] of functions) {
      const meter = METER_CONSUMERS.some((m) => (fn.Properties.Environment as { Variables: Json }).Variables.POWERTOOLS_SERVICE_NAME === m.name);
      expect({ id, registry: onPlatformTable(fn, TENANT_REGISTRY_TABLE_NAME) }).toEqual({ id, registry: [[['dynamodb:GetItem'], OWN_ITEMS]] });
      // A metering consumer also records each event once (PutItem of a marker, ConditionCheckItem in a transaction).
      const statements = onPlatformTable(fn, USAGE_TABLE_NAME);
      const actions = [...new Set(statements.flatMap(([a]) => a as string[]))].sort();
      // A function that enforces the storage quota also reads its tenant's stored bytes there (Query).
      const readsStorage = gaugeFunctions('storageGb').has((fn.Properties.Environment as { Variables: Json }).Variables.POWERTOOLS_SERVICE_NAME as string);
      expect({ id, actions }).toEqual({ id, actions: meter ? ['dynamodb:ConditionCheckItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] : readsStorage ? ['dynamodb:Query', 'dynamodb:UpdateItem'] : ['dynamodb:UpdateItem'] });
      for (const [, condition] of statements) expect(condition).toEqual(OWN_ITEMS);
    }
  });
});

describe('the plan\'s gauges enforced outside a service\'s own tables', () => {
  it('the uploads function may Query its tenant\'s own usage items (the stored bytes), no other function may', () => {
    expect(gaugeFunctions('storageGb')).toEqual(new Set(['uploads']));
    for (const [id, fn] of allFunctions()) {
      // (CDK merges it with the UpdateItem of the same resource and condition into one statement)
      const queries = onPlatformTable(fn, USAGE_TABLE_NAME).filter(([actions]) => (actions as string[]).includes('dynamodb:Query')).map(([, condition]) => condition);
      const name = (fn.Properties.Environment as { Variables: Json }).Variables.POWERTOOLS_SERVICE_NAME;
      expect({ id, queries }).toEqual({ id, queries: name === 'uploads' ? [OWN_ITEMS] : [] });
    }
  });

  it('the mail functions may UpdateItem the tenant\'s quota counters in the directory\'s table (the mailboxes counter), and nothing else there', () => {
    // Prepare
    const directoryId = tableLogicalId('directory');
    const mail = gaugeFunctions('mailboxes');
    expect(mail).toEqual(new Set(['mail', 'mail-outbox', 'mail-inbound', 'mail-receive']));
    for (const name of mail) {
      // Act
      const [, fn] = functionByService(name);
      const writes = statementsOf(fn).filter((st) => [st.Resource].flat().some((r) => referencedIds(r).has(directoryId)) && dynamoActionsOf(st).some((a) => !/^dynamodb:(BatchGet|Get|Query|Scan|ConditionCheck|Describe)/.test(a)));
      // Assess
      expect(writes.map((st) => [dynamoActionsOf(st), st.Condition, st.Resource])).toEqual([[['dynamodb:UpdateItem'], QUOTA_COUNTER_ONLY, { 'Fn::GetAtt': [directoryId, 'Arn'] }]]);
      expect((fn.Properties.Environment as { Variables: Json }).Variables.DIRECTORY_TABLE).toEqual({ Ref: directoryId });
    }
  });
});

describe('platform functions in the tenant', () => {
  it('the catalogs have the metering consumers and the export, import and purge operations', () => {
    expect(METER_CONSUMERS.length).toBeGreaterThan(0);
    expect(TENANT_OPERATIONS.map((o) => o.name)).toEqual(expect.arrayContaining(['tenant-export', 'tenant-import', 'tenant-purge']));
  });

  it.each(METER_CONSUMERS.map((m) => [m.name, m] as const))('%s (metering): reads its table\'s stream, failures to the dead-letter queue, no tenant table grants', (name, def) => {
    // Prepare
    const [fnId, fn] = functionByService(name);
    // Act
    const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => referencedIds(m.Properties.FunctionName).has(fnId));
    // Assess
    expect(mappings).toHaveLength(1);
    expect(mappings[0]![1].Properties).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [tableLogicalId(def.table), 'StreamArn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [idOf(stack.deadLetters), 'Arn'] } } },
    });
    const tableIds = new Set(ofType('AWS::DynamoDB::Table').map(([id]) => id));
    const writes = statementsOf(fn).filter((st) => dynamoActionsOf(st).some((a) => /Put|Update|Delete|BatchWrite/.test(a)) && [...referencedIds(st.Resource)].some((id) => tableIds.has(id)));
    expect(writes).toEqual([]);
  });

  it.each(TENANT_OPERATIONS.map((o) => [o.name, o] as const))('%s: fixed name, 15 minutes, 1 GB or more, read/write on every tenant table and the files bucket', (name) => {
    // Prepare
    const [, fn] = functionByService(name);
    // Act
    const statements = statementsOf(fn);
    const granted = (tableId: string) => statements.filter((st) => [st.Resource].flat().some((r) => referencedIds(r).has(tableId))).flatMap(dynamoActionsOf);
    // Assess
    expect(fn.Properties.FunctionName).toBe(`tinhso-${TENANT}-${name}`);
    expect(fn.Properties.Timeout).toBe(900);
    expect(fn.Properties.MemorySize).toBeGreaterThanOrEqual(1024);
    for (const table of TENANT_TABLES) expect(granted(tableLogicalId(table.name))).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchWriteItem']));
    const bucketId = idOf(stack.bucket);
    const onObjects = statements.filter((st) => [st.Resource].flat().some((r) => JSON.stringify(r).includes(bucketId)));
    expect(onObjects.flatMap(actionsOf)).toEqual(expect.arrayContaining(['s3:GetObject*', 's3:PutObject', 's3:DeleteObject*', 's3:List*']));
    expect(statements.flatMap(actionsOf)).toEqual(expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey*']));
  });

  it.each(TENANT_OPERATIONS.map((o) => [o.name] as const))('%s: the archive runner\'s role, by its fixed name, may invoke it', (name) => {
    // Prepare
    const [fnId] = functionByService(name);
    // Act
    const permissions = ofType('AWS::Lambda::Permission').filter(([, p]) => referencedIds(p.Properties.FunctionName).has(fnId));
    // Assess
    expect(permissions.map(([, p]) => [p.Properties.Action, joinToString(p.Properties.Principal)])).toEqual([
      ['lambda:InvokeFunction', 'arn:aws:iam::<AWS::AccountId>:role/tinhso-platform-archive-runner'],
    ]);
  });

  it.each([
    ['tenant-export', ['cognito-idp:ListGroups', 'cognito-idp:ListUsers', 'cognito-idp:ListUsersInGroup']],
    ['tenant-import', ['cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminCreateUser', 'cognito-idp:AdminDisableUser', 'cognito-idp:AdminGetUser']],
    ['tenant-purge', ['cognito-idp:AdminDeleteUser', 'cognito-idp:ListUsers']],
  ] as const)('%s: its own user pool actions (the archive\'s accounts), on the tenant\'s pool only, and the pool id in TENANTS', (name, expected) => {
    // Prepare
    const [, fn] = functionByService(name);
    const poolId = ofType('AWS::Cognito::UserPool')[0]![0];
    // Act
    const onPool = statementsOf(fn).filter((s) => actionsOf(s).some((a) => a.startsWith('cognito-idp:')));
    // Assess
    expect(onPool.map((s) => s.Resource)).toEqual(onPool.map(() => ({ 'Fn::GetAtt': [poolId, 'Arn'] })));
    expect(onPool.flatMap(actionsOf).sort()).toEqual(expected);
    const tenants = (fn.Properties.Environment as { Variables: Json }).Variables.TENANTS;
    expect(referencedIds(tenants).has(poolId)).toBe(true);
  });
});

describe('dead-letter queue', () => {
  const jobs = SERVICES.flatMap((s) => s.schedules ?? []);

  it('one per tenant: tinhso-<tenant>-dead-letters, the tenant key, TLS only, 14 days', () => {
    // Prepare
    const queueId = idOf(stack.deadLetters);
    // Act
    const queue = resources[queueId]!;
    const policies = ofType('AWS::SQS::QueuePolicy').filter(([, p]) => referencedIds(p.Properties.Queues).has(queueId));
    const statements = policies.flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Json[] }).Statement);
    // Assess
    expect(queue.Properties).toMatchObject({ QueueName: `tinhso-${TENANT}-dead-letters`, KmsMasterKeyId: { 'Fn::GetAtt': [keyLogicalId(), 'Arn'] }, MessageRetentionPeriod: 14 * 24 * 3600 });
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    // EventBridge puts a schedule's undeliverable events there: the queue policy and the key let it, of this account.
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage' }));
    const keyStatements = (resources[keyLogicalId()]!.Properties.KeyPolicy as { Statement: Json[] }).Statement;
    expect(keyStatements).toContainEqual(expect.objectContaining({
      Sid: 'EventBridgeDeadLettersOfThisAccount', Principal: { Service: 'events.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    }));
  });

  it('every stream consumer (services\' and metering) sends the batches it gives up on there', () => {
    // Act
    const mappings = ofType('AWS::Lambda::EventSourceMapping');
    // Assess
    expect(mappings).toHaveLength(SERVICES.flatMap((s) => s.streams ?? []).length + METER_CONSUMERS.length);
    for (const [, m] of mappings) expect(m.Properties.DestinationConfig).toEqual({ OnFailure: { Destination: { 'Fn::GetAtt': [idOf(stack.deadLetters), 'Arn'] } } });
  });

  it.each(jobs.map((j) => [j.name] as const))('%s: a failed run (after Lambda\'s two retries) goes there, and the function may send it', (name) => {
    // Prepare
    const [fnId, fn] = functionByService(name);
    const queueId = idOf(stack.deadLetters);
    // Act
    const configs = ofType('AWS::Lambda::EventInvokeConfig').filter(([, c]) => referencedIds(c.Properties.FunctionName).has(fnId));
    // Assess
    expect(configs).toHaveLength(1);
    expect(configs[0]![1].Properties).toMatchObject({ MaximumRetryAttempts: 2, DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } } });
    expect(statementsOf(fn)).toContainEqual(expect.objectContaining({ Action: expect.arrayContaining(['sqs:SendMessage']), Resource: { 'Fn::GetAtt': [queueId, 'Arn'] } }));
  });
});

describe('dashboard and alarms', () => {
  const TOPIC = 'arn:aws:sns:ap-southeast-1:<AWS::AccountId>:tinhso-operator-alarms';
  const alarmNamed = (name: string): Json => {
    const found = ofType('AWS::CloudWatch::Alarm').filter(([, a]) => a.Properties.AlarmName === `tinhso-${TENANT}-${name}`);
    expect(found).toHaveLength(1);
    return found[0]![1].Properties;
  };
  const apiId = () => idOf(stack.api);
  type Query = { Id: string; Expression?: string; MetricStat?: { Metric: { MetricName: string; Namespace: string; Dimensions: Json[] }; Stat: string; Period: number } };

  it('a dashboard per tenant with the API, Lambda, streams, dead letters and overdue dossiers', () => {
    // Act
    const dashboards = ofType('AWS::CloudWatch::Dashboard');
    // Assess
    expect(dashboards).toHaveLength(1);
    const props = dashboards[0]![1].Properties;
    expect(props.DashboardName).toBe(`tinhso-${TENANT}`);
    const body = JSON.stringify(props.DashboardBody);
    for (const title of ['API requests', 'API 4xx / 5xx', 'API p99 latency (ms)', 'Lambda errors', 'Lambda throttles', 'Lambda duration p99 (ms)', 'Stream iterator age (ms)', 'Dead-letter queue depth', 'Overdue dossiers']) {
      expect(body).toContain(`\\"title\\":\\"${title}\\"`);
    }
    for (const metric of ['\\"AWS/ApiGateway\\",\\"Count\\"', '\\"AWS/ApiGateway\\",\\"4xx\\"', '\\"AWS/ApiGateway\\",\\"5xx\\"', '\\"AWS/ApiGateway\\",\\"Latency\\"',
      '\\"AWS/Lambda\\",\\"Errors\\"', '\\"AWS/Lambda\\",\\"Throttles\\"', '\\"AWS/Lambda\\",\\"Duration\\"', '\\"AWS/Lambda\\",\\"IteratorAge\\"',
      '\\"AWS/SQS\\",\\"ApproximateNumberOfMessagesVisible\\"', '\\"TinhSo\\",\\"OverdueDossiers\\"']) {
      expect(body).toContain(metric);
    }
    // Every function's errors: one line per function.
    expect(body.split('\\"AWS/Lambda\\",\\"Errors\\"').length - 1).toBe(allFunctions().length);
  });

  it('every alarm notifies the operator\'s topic, by its ARN, on alarm and when it clears', () => {
    // Act
    const alarms = ofType('AWS::CloudWatch::Alarm');
    // Assess
    expect(alarms.length).toBeGreaterThanOrEqual(5);
    for (const [, a] of alarms) {
      expect((a.Properties.AlarmActions as unknown[]).map(joinToString)).toEqual([TOPIC]);
      expect((a.Properties.OKActions as unknown[]).map(joinToString)).toEqual([TOPIC]);
      expect(a.Properties.TreatMissingData).toBe('notBreaching');
    }
  });

  it('5xx rate: 100 × 5xx / requests of the API, 5 % or more in 2 of 3 five-minute periods', () => {
    // Act
    const alarm = alarmNamed('api-5xx-rate');
    const queries = alarm.Metrics as Query[];
    // Assess
    expect(alarm).toMatchObject({ Threshold: 5, ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 3, DatapointsToAlarm: 2 });
    expect(queries.find((q) => q.Expression)?.Expression).toBe('IF(requests > 0, 100 * errors / requests, 0)');
    const stat = (id: string) => queries.find((q) => q.Id === id)!.MetricStat!;
    expect(stat('requests')).toMatchObject({ Metric: { Namespace: 'AWS/ApiGateway', MetricName: 'Count', Dimensions: [{ Name: 'ApiId', Value: { Ref: apiId() } }] }, Stat: 'Sum', Period: 300 });
    expect(stat('errors')).toMatchObject({ Metric: { Namespace: 'AWS/ApiGateway', MetricName: '5xx', Dimensions: [{ Name: 'ApiId', Value: { Ref: apiId() } }] }, Stat: 'Sum', Period: 300 });
  });

  it('API p99 latency: 3 s or more for three five-minute periods', () => {
    expect(alarmNamed('api-p99-latency')).toMatchObject({
      Namespace: 'AWS/ApiGateway', MetricName: 'Latency', Dimensions: [{ Name: 'ApiId', Value: { Ref: apiId() } }], ExtendedStatistic: 'p99', Period: 300,
      Threshold: 3000, ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 3,
    });
  });

  it('Lambda throttles: every function of the tenant in exactly one alarm of at most 10 queries, one throttle is enough', () => {
    // Act
    const alarms = ofType('AWS::CloudWatch::Alarm').filter(([, a]) => String(a.Properties.AlarmName).startsWith(`tinhso-${TENANT}-lambda-throttles-`));
    const watched = alarms.flatMap(([, a]) => (a.Properties.Metrics as Query[]).filter((q) => q.MetricStat).map((q) => {
      expect(q.MetricStat!.Metric).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Throttles' });
      return (q.MetricStat!.Metric.Dimensions[0] as { Value: { Ref: string } }).Value.Ref;
    }));
    // Assess
    for (const [, a] of alarms) {
      expect((a.Properties.Metrics as Query[]).length).toBeLessThanOrEqual(10);
      expect(a.Properties).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 1 });
      expect((a.Properties.Metrics as Query[]).find((q) => q.Expression)?.Expression).toMatch(/^SUM\(\[t0(, t\d)*\]\)$/);
    }
    expect(watched.sort()).toEqual(allFunctions().map(([id]) => id).sort());
  });

  it('failed stream batches and scheduled runs: any message visible in the dead-letter queue', () => {
    expect(alarmNamed('dead-letters')).toMatchObject({
      Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [idOf(stack.deadLetters), 'QueueName'] } }],
      Statistic: 'Maximum', Period: 300, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 1,
    });
  });

  it('overdue dossiers: the daily job\'s OverdueDossiers of this tenant, one or more', () => {
    expect(alarmNamed('overdue-dossiers')).toMatchObject({
      Namespace: 'TinhSo', MetricName: 'OverdueDossiers',
      Dimensions: expect.arrayContaining([{ Name: 'service', Value: 'dossiers-overdue' }, { Name: 'tenant', Value: TENANT }]),
      Statistic: 'Maximum', Period: 86_400, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 1,
    });
  });
});
