// A tenant's stack, asserted property by property against the service catalog it is built from.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { mailOutboxTable } from '#shared/outbox';
import { SERVICES, TENANT_TABLES, USER_POOL_TRIGGERS, type ServiceDef } from '#functions/index';
import { ROLES } from '#shared/http/route';
import { DeployedTenants } from '#shared/tenant';
import { buildApp } from '#infra/app';
import { CLIENT_READ_ATTRIBUTES, CLIENT_WRITE_ATTRIBUTES, CUSTOM_ATTRIBUTES, USER_POOL_GROUPS } from '#infra/identity';
import { USER_POOL_ADMIN_ACTIONS } from '#infra/constructs/service-function';
import { HUB_TABLE_NAME } from '#infra/platform';
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

/** A statement on the platform's exchange hub table (named by ARN; test/infra/exchange.test.ts checks those). */
const onHubTable = (statement: Json): boolean => JSON.stringify(statement.Resource).includes(`:table/${HUB_TABLE_NAME}`);

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
    expect(ofType('AWS::Lambda::Function')).toHaveLength(ALL_SERVICES.length);
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
    expect(tableVars.sort()).toEqual([...new Set([...tables.map((t) => t.envVar), ...(service.exchange ? ['EXCHANGE_TABLE'] : [])])].sort());
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
    const dynamo = all.filter((s) => !onHubTable(s));
    expect(all.filter(onHubTable).map((s) => dynamoActionsOf(s).sort())).toEqual(service.exchange ? [['dynamodb:GetItem', 'dynamodb:PutItem']] : []);
    const granted = new Set([...referencedIds(dynamo.map((s) => s.Resource))].filter((id) => tableIds.has(id)));
    // Assess: its own tables, and a mail sender the outbox, where it may put requests and do nothing else
    expect(granted).toEqual(new Set([...declared, ...readOnly, ...(service.sendsMail ? [outboxId] : [])]));
    const onOutbox = dynamo.filter((st) => [st.Resource].flat().some((r) => referencedIds(r).has(outboxId)));
    if (service.sendsMail && !declared.has(outboxId)) expect(onOutbox.flatMap((st) => dynamoActionsOf(st))).toEqual(['dynamodb:PutItem']);
    if (service.sendsMail) declared.add(outboxId);
    // Another service's table: reads only
    const onReadOnly = dynamo.filter((st) => [st.Resource].flat().some((r) => [...referencedIds(r)].some((id) => readOnly.has(id))));
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
});

describe('logs, tags and outputs', () => {
  it('every log group has a retention and is encrypted with the tenant key', () => {
    // Prepare
    const keyId = keyLogicalId();
    // Act
    const groups = ofType('AWS::Logs::LogGroup');
    // Assess
    expect(groups).toHaveLength(ALL_SERVICES.length + 1);
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
    expect(rule.Properties.Targets).toEqual([expect.objectContaining({ Arn: { 'Fn::GetAtt': [fnId, 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 2 } })]);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] }, SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] },
    });
  });

  it('one rule per scheduled job and one mapping per consumer, nothing else', () => {
    expect(ofType('AWS::Events::Rule')).toHaveLength(jobs.length);
    expect(ofType('AWS::Lambda::EventSourceMapping')).toHaveLength(consumers.length);
    // Plus the mail-receiving function's on-failure queue (test/infra/mail-receiving.test.ts).
    expect(ofType('AWS::SQS::Queue')).toHaveLength(consumers.length + (RECEIVER ? 1 : 0));
  });
});
