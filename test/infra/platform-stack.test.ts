// The control plane's stack: its key, the tenant registry, and the exchange hub (table, bucket, stream consumer).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { PLATFORM_API, PLATFORM_STREAMS } from '#functions/index';
import { ENVELOPE_RETENTION_SECONDS, exchangeTable, ExchangeTenants } from '#shared/exchange';
import { buildApp } from '#infra/app';
import { ARCHIVE_RUNNER_ROLE_NAME, EXCHANGE_HUB_ROLE_NAME, OPERATOR_API_ROLE_NAME, PLATFORM_REGION } from '#infra/platform';
import type { CfnElement } from 'aws-cdk-lib';
import type { PlatformStack } from '#infra/stacks/platform-stack';
import { loadTenants } from '#infra/tenants';

type Json = Record<string, unknown>;
interface Resource { Type: string; Properties: Json; DeletionPolicy?: string; UpdateReplacePolicy?: string }

let outdir: string;
let stack: PlatformStack;
let template: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  // The whole app, as synth builds it: the platform receives every tenant file.
  outdir = mkdtempSync(join(tmpdir(), 'tinhso-platform-stack-'));
  stack = buildApp({ outdir }).platform!;
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, Resource>;
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const ofType = (type: string): [string, Resource][] => Object.entries(resources).filter(([, r]) => r.Type === type);

/** Turns an Fn::Join of strings and Refs into one string, each Ref as `<LogicalId>`. */
function joinToString(value: unknown): string {
  if (typeof value === 'string') return value;
  const [sep, parts] = (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  return parts.map((p) => (typeof p === 'string' ? p : `<${(p as { Ref: string }).Ref}>`)).join(sep);
}

const tableNamed = (name: string): [string, Resource] => {
  const found = ofType('AWS::DynamoDB::Table').filter(([, r]) => r.Properties.TableName === name);
  expect(found).toHaveLength(1);
  return found[0]!;
};

const hubBucket = (): [string, Resource] => {
  const found = ofType('AWS::S3::Bucket').filter(([, b]) => b.Properties.BucketName !== undefined);
  expect(found).toHaveLength(1);
  return found[0]!;
};

const hubFunction = (name: string): [string, Resource] => {
  const found = ofType('AWS::Lambda::Function').filter(([, r]) => (r.Properties.Environment as { Variables: Json }).Variables.POWERTOOLS_SERVICE_NAME === name);
  expect(found).toHaveLength(1);
  return found[0]!;
};

/** Every policy statement attached to a role. */
const statementsOfRole = (roleId: string): Json[] => ofType('AWS::IAM::Policy')
  .filter(([, p]) => (p.Properties.Roles as unknown[]).some((r) => (r as { Ref?: string }).Ref === roleId))
  .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Json[] }).Statement);

it('is in the platform region', () => {
  expect(stack.region).toBe(PLATFORM_REGION);
});

it('holds the tenant registry: platform-tenants, pk/sk, on-demand, PITR, deletion protection, AWS owned key, stream, retained', () => {
  // Act
  const [, table] = tableNamed('platform-tenants');
  // Assess
  expect(table).toMatchObject({
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    Properties: {
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      // Every tenant function reads its own item: the AWS owned key needs no grant on a key of this stack.
      SSESpecification: { SSEEnabled: false },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    },
  });
});

it('has a rotating key, and everything is tagged TenantId=platform', () => {
  // Assess
  template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', Properties: { EnableKeyRotation: true } });
  for (const type of ['AWS::KMS::Key', 'AWS::DynamoDB::Table', 'AWS::S3::Bucket', 'AWS::Lambda::Function', 'AWS::IAM::Role']) {
    for (const r of Object.values(template.findResources(type))) {
      expect(r.Properties.Tags).toContainEqual({ Key: 'TenantId', Value: 'platform' });
    }
  }
});

describe('exchange hub', () => {
  it('the hub table: platform-exchange, pk/sk, stream NEW_AND_OLD_IMAGES, TTL on expiresAt, PITR, deletion protection, retained', () => {
    // Act
    const [, table] = tableNamed('platform-exchange');
    // Assess
    expect(table).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: {
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        TimeToLiveSpecification: { AttributeName: exchangeTable.ttlAttribute, Enabled: true },
      },
    });
  });

  it('the hub table is encrypted with the AWS owned key, not the platform key (tenant functions need no key grant)', () => {
    // Act
    const [, table] = tableNamed('platform-exchange');
    // Assess: no customer managed key named anywhere on it
    expect(JSON.stringify(table.Properties.SSESpecification ?? {})).not.toContain('KMSMasterKeyId');
    expect(table.Properties.SSESpecification).not.toMatchObject({ SSEType: 'KMS' });
  });

  it('the hub bucket: fixed name tinhso-exchange-<account>-<region>, S3-managed keys, private, TLS only, 30 days, access-logged', () => {
    // Prepare
    const [bucketId, bucket] = hubBucket();
    const policies = ofType('AWS::S3::BucketPolicy');
    // Act
    const name = joinToString(bucket.Properties.BucketName);
    // Assess
    expect(name).toBe(`tinhso-exchange-<AWS::AccountId>-${PLATFORM_REGION}`);
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties).toMatchObject({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: { DestinationBucketName: { Ref: expect.any(String) } },
    });
    expect((bucket.Properties.LifecycleConfiguration as { Rules: Json[] }).Rules).toContainEqual(
      expect.objectContaining({ ExpirationInDays: ENVELOPE_RETENTION_SECONDS / 86_400, Status: 'Enabled' }));
    expect(ENVELOPE_RETENTION_SECONDS / 86_400).toBe(30);
    const policy = policies.find(([, p]) => (p.Properties.Bucket as { Ref?: string }).Ref === bucketId);
    expect((policy![1].Properties.PolicyDocument as { Statement: Json[] }).Statement).toContainEqual(expect.objectContaining({
      Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }));
  });

  it('every bucket blocks all public access', () => {
    for (const [, bucket] of ofType('AWS::S3::Bucket')) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    }
  });

  it.each(PLATFORM_STREAMS.map((def) => [def.name, def] as const))('%s: EXCHANGE_TABLE, EXCHANGE_BUCKET, and EXCHANGE_TENANTS listing every tenant file', (name) => {
    // Prepare
    const [fnId, fn] = hubFunction(name);
    const [tableId] = tableNamed('platform-exchange');
    const [bucketId] = hubBucket();
    const vars = (fn.Properties.Environment as { Variables: Json }).Variables;
    // Act
    const tenants = ExchangeTenants.parse(JSON.parse(vars.EXCHANGE_TENANTS as string));
    // Assess
    expect(vars.EXCHANGE_TABLE).toEqual({ Ref: tableId });
    expect(vars.EXCHANGE_BUCKET).toEqual({ Ref: bucketId });
    expect(vars.TENANTS).toBeUndefined();
    expect(tenants).toEqual(loadTenants().map((t) => ({ id: t.id, name: t.name, rootAgency: t.rootAgency, domain: t.domain })));
    // Fed by the hub table's stream.
    const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => JSON.stringify(m.Properties.FunctionName).includes(fnId));
    expect(mappings.map(([, m]) => m.Properties.EventSourceArn)).toEqual([{ 'Fn::GetAtt': [tableId, 'StreamArn'] }]);
  });

  it('the hub role has the fixed name tenant stacks name it by, and may invoke every tenant\'s inbound functions and nothing else', () => {
    // Prepare
    const [, fn] = hubFunction('exchange-hub');
    const roleId = (fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
    // Act
    const invoke = statementsOfRole(roleId).filter((s) => [s.Action].flat().some((a) => String(a).startsWith('lambda:')));
    // Assess
    expect(resources[roleId]!.Properties.RoleName).toBe(EXCHANGE_HUB_ROLE_NAME);
    expect(EXCHANGE_HUB_ROLE_NAME).toBe('tinhso-platform-exchange-hub');
    expect(invoke).toHaveLength(1);
    expect(invoke[0]).toMatchObject({ Effect: 'Allow', Action: 'lambda:InvokeFunction' });
    expect(joinToString(invoke[0]!.Resource)).toBe('arn:aws:lambda:*:<AWS::AccountId>:function:tinhso-*-*-inbound');
  });

  it('the hub touches no bucket (recipients fetch an envelope\'s object themselves) and writes only its own table', () => {
    // Prepare
    const [, fn] = hubFunction('exchange-hub');
    const roleId = (fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
    const [tableId] = tableNamed('platform-exchange');
    // Act
    const statements = statementsOfRole(roleId);
    const s3 = statements.filter((s) => [s.Action].flat().some((a) => String(a).startsWith('s3:')));
    const dynamo = statements.filter((s) => [s.Action].flat().some((a) => String(a).startsWith('dynamodb:') && a !== 'dynamodb:ListStreams'));
    // Assess
    expect(s3).toEqual([]);
    for (const st of dynamo) expect(JSON.stringify(st.Resource)).toContain(tableId);
  });
});

describe('operator API', () => {
  const idOf = (construct: { node: { defaultChild?: unknown } }): string => stack.getLogicalId(construct.node.defaultChild as CfnElement);
  const operatorFunction = (): [string, Resource] => hubFunction(PLATFORM_API.name);
  const roleOf = (fn: Resource): string => (fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;

  it('its own user pool: tinhso-operators, no self sign-up, TOTP MFA required of everyone, retained', () => {
    // Act
    const pools = ofType('AWS::Cognito::UserPool');
    // Assess
    expect(pools).toHaveLength(1);
    expect(pools[0]![1]).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: {
        UserPoolName: 'tinhso-operators',
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        DeletionProtection: 'ACTIVE',
        Policies: { PasswordPolicy: { MinimumLength: 8, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true } },
      },
    });
  });

  it('one group, operator, in that pool; one app client without a secret', () => {
    // Prepare
    const poolId = idOf(stack.operatorPool);
    // Act
    const groups = ofType('AWS::Cognito::UserPoolGroup');
    const clients = ofType('AWS::Cognito::UserPoolClient');
    // Assess
    expect(groups.map(([, g]) => [g.Properties.GroupName, g.Properties.UserPoolId])).toEqual([['operator', { Ref: poolId }]]);
    expect(clients).toHaveLength(1);
    expect(clients[0]![1].Properties).toMatchObject({ UserPoolId: { Ref: poolId }, GenerateSecret: false, ClientName: 'tinhso-operator-console' });
  });

  it('one route per PLATFORM_API route, every one behind the JWT authorizer', () => {
    // Prepare
    const authorizerIds = ofType('AWS::ApiGatewayV2::Authorizer').map(([id]) => id);
    // Act
    const routes = ofType('AWS::ApiGatewayV2::Route');
    // Assess
    expect(authorizerIds).toHaveLength(1);
    expect(routes.map(([, r]) => r.Properties.RouteKey).sort()).toEqual(Object.values(PLATFORM_API.routes).map((r) => `${r.method} ${r.path}`).sort());
    for (const [, r] of routes) {
      expect(r.Properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerIds[0] }, ApiId: { Ref: idOf(stack.operatorApi) } });
    }
  });

  it('the authorizer trusts the operator pool\'s ID tokens only: issuer the pool, audience its client', () => {
    // Act
    const [, authorizer] = ofType('AWS::ApiGatewayV2::Authorizer')[0]!;
    // Assess
    const jwt = authorizer.Properties.JwtConfiguration as { Audience: unknown[]; Issuer: unknown };
    expect(authorizer.Properties.AuthorizerType).toBe('JWT');
    expect(jwt.Audience).toEqual([{ Ref: idOf(stack.operatorClient) }]);
    expect(joinToString(jwt.Issuer)).toBe(`https://cognito-idp.${PLATFORM_REGION}.amazonaws.com/<${idOf(stack.operatorPool)}>`);
  });

  it('logs access on its $default stage to a log group encrypted with the platform key', () => {
    // Act
    const [, stage] = ofType('AWS::ApiGatewayV2::Stage')[0]!;
    // Assess
    const settings = stage.Properties.AccessLogSettings as { DestinationArn: { 'Fn::GetAtt': string[] }; Format: string };
    expect(stage.Properties).toMatchObject({ StageName: '$default', AutoDeploy: true });
    const group = resources[settings.DestinationArn['Fn::GetAtt'][0]!]!;
    expect(group.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [idOf(stack.key), 'Arn'] });
    expect(JSON.parse(settings.Format)).toMatchObject({ status: '$context.status', routeKey: '$context.routeKey', latency: '$context.responseLatency' });
  });

  it('its function reads and writes the registry and usage tables, under the fixed role name', () => {
    // Prepare
    const [, fn] = operatorFunction();
    const [registryId] = tableNamed('platform-tenants');
    const [usageId] = tableNamed('platform-usage');
    // Act
    const vars = (fn.Properties.Environment as { Variables: Json }).Variables;
    const dynamo = statementsOfRole(roleOf(fn)).filter((st) => [st.Action].flat().some((a) => String(a).startsWith('dynamodb:')));
    // Assess
    expect(resources[roleOf(fn)]!.Properties.RoleName).toBe(OPERATOR_API_ROLE_NAME);
    expect(OPERATOR_API_ROLE_NAME).toBe('tinhso-platform-operator-api');
    expect(vars).toMatchObject({ TENANT_REGISTRY_TABLE: { Ref: registryId }, USAGE_TABLE: { Ref: usageId } });
    for (const st of dynamo) expect([registryId, usageId].some((id) => JSON.stringify(st.Resource).includes(id))).toBe(true);
    expect(dynamo.flatMap((st) => [st.Action].flat())).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:Query']));
  });

  it('may invoke the archive runner and no other function: never a tenant\'s', () => {
    // Prepare
    const [, fn] = operatorFunction();
    const [runnerId] = hubFunction('archive-runner');
    // Act
    const invoke = statementsOfRole(roleOf(fn)).filter((st) => [st.Action].flat().some((a) => String(a).startsWith('lambda:')));
    // Assess
    expect(invoke).toHaveLength(1);
    expect(invoke[0]).toMatchObject({ Effect: 'Allow', Action: 'lambda:InvokeFunction' });
    const resources = [invoke[0]!.Resource].flat();
    expect(resources.length).toBeGreaterThan(0);
    for (const r of resources) expect(JSON.stringify(r)).toContain(runnerId);
    expect(JSON.stringify(invoke)).not.toContain('tenant-');
  });
});

describe('archive runner', () => {
  const runner = (): [string, Resource] => hubFunction('archive-runner');
  const roleOfFn = (fn: Resource): string => (fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;

  it('the fixed names the operator API and tenant stacks name it by, 15 minutes, the registry and usage tables', () => {
    // Prepare
    const [, fn] = runner();
    const [registryId] = tableNamed('platform-tenants');
    const [usageId] = tableNamed('platform-usage');
    // Act
    const vars = (fn.Properties.Environment as { Variables: Json }).Variables;
    const dynamo = statementsOfRole(roleOfFn(fn)).filter((st) => [st.Action].flat().some((a) => String(a).startsWith('dynamodb:')));
    // Assess
    expect(fn.Properties).toMatchObject({ FunctionName: 'tinhso-platform-archive-runner', Timeout: 900 });
    expect(resources[roleOfFn(fn)]!.Properties.RoleName).toBe(ARCHIVE_RUNNER_ROLE_NAME);
    expect(ARCHIVE_RUNNER_ROLE_NAME).toBe('tinhso-platform-archive-runner');
    expect(vars).toMatchObject({ TENANT_REGISTRY_TABLE: { Ref: registryId }, USAGE_TABLE: { Ref: usageId } });
    for (const st of dynamo) expect([registryId, usageId].some((id) => JSON.stringify(st.Resource).includes(id))).toBe(true);
    expect(dynamo.flatMap((st) => [st.Action].flat())).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:GetItem', 'dynamodb:Query']));
  });

  it('may invoke the tenants\' operations, tinhso-*-tenant-*, and no other function', () => {
    // Prepare
    const [, fn] = runner();
    // Act
    const invoke = statementsOfRole(roleOfFn(fn)).filter((st) => [st.Action].flat().some((a) => String(a).startsWith('lambda:')));
    // Assess
    expect(invoke).toHaveLength(1);
    expect(invoke[0]).toMatchObject({ Effect: 'Allow', Action: 'lambda:InvokeFunction' });
    expect(joinToString(invoke[0]!.Resource)).toBe('arn:aws:lambda:*:<AWS::AccountId>:function:tinhso-*-tenant-*');
  });

  it('sends an invocation that failed after two retries to its own queue (the platform key, TLS only, 14 days), which pages the operator', () => {
    // Prepare
    const [fnId, fn] = runner();
    const keyId = stack.getLogicalId(stack.key.node.defaultChild as CfnElement);
    // Act
    const configs = ofType('AWS::Lambda::EventInvokeConfig').filter(([, c]) => JSON.stringify(c.Properties.FunctionName).includes(fnId));
    // Assess
    expect(configs).toHaveLength(1);
    const config = configs[0]![1].Properties as { MaximumRetryAttempts: number; DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': string[] } } } };
    expect(config.MaximumRetryAttempts).toBe(2);
    const queueId = config.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0]!;
    expect(resources[queueId]).toMatchObject({ Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] }, MessageRetentionPeriod: 14 * 24 * 3600 } });
    const sends = statementsOfRole(roleOfFn(fn)).filter((st) => [st.Action].flat().includes('sqs:SendMessage'));
    expect(sends.map((st) => st.Resource)).toEqual([{ 'Fn::GetAtt': [queueId, 'Arn'] }]);
    const tls = ofType('AWS::SQS::QueuePolicy').filter(([, p]) => JSON.stringify(p.Properties.Queues).includes(queueId))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Json[] }).Statement);
    expect(tls).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    const alarms = ofType('AWS::CloudWatch::Alarm').filter(([, a]) => a.Properties.AlarmName === 'tinhso-platform-archive-runner-failures');
    expect(alarms).toHaveLength(1);
    expect(alarms[0]![1].Properties).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }], Threshold: 1 });
  });
});

describe('operator alarm topic', () => {
  const topic = (): [string, Resource] => {
    const found = ofType('AWS::SNS::Topic');
    expect(found).toHaveLength(1);
    return found[0]!;
  };

  it('tinhso-operator-alarms, encrypted with the platform key, TLS only', () => {
    // Prepare
    const [topicId, t] = topic();
    // Act
    const statements = ofType('AWS::SNS::TopicPolicy').filter(([, p]) => JSON.stringify(p.Properties.Topics).includes(topicId))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Json[] }).Statement);
    // Assess
    expect(t.Properties).toMatchObject({ TopicName: 'tinhso-operator-alarms', KmsMasterKeyId: { 'Fn::GetAtt': [stack.getLogicalId(stack.key.node.defaultChild as CfnElement), 'Arn'] } });
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
  });

  it('CloudWatch alarms of this account may publish to it and use the key for it', () => {
    // Prepare
    const [topicId] = topic();
    const keyId = stack.getLogicalId(stack.key.node.defaultChild as CfnElement);
    const ofThisAccount = { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } };
    // Act
    const topicStatements = ofType('AWS::SNS::TopicPolicy').flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Json[] }).Statement);
    const keyStatements = (resources[keyId]!.Properties.KeyPolicy as { Statement: Json[] }).Statement;
    // Assess
    expect(topicStatements).toContainEqual(expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: { Ref: topicId }, Condition: ofThisAccount }));
    expect(keyStatements).toContainEqual(expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Condition: ofThisAccount }));
  });

  it('the hub\'s stream consumer keeps an on-failure queue of its own (the platform has no tenant dead-letter queue)', () => {
    // Prepare
    const [fnId] = hubFunction('exchange-hub');
    // Act
    const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => JSON.stringify(m.Properties.FunctionName).includes(fnId));
    // Assess
    const queueId = ((mappings[0]![1].Properties.DestinationConfig as { OnFailure: { Destination: { 'Fn::GetAtt': string[] } } }).OnFailure.Destination['Fn::GetAtt'])[0]!;
    expect(resources[queueId]!.Type).toBe('AWS::SQS::Queue');
    // Whatever lands there pages the operator.
    const [topicId] = topic();
    const alarms = ofType('AWS::CloudWatch::Alarm').filter(([, a]) => a.Properties.AlarmName === 'tinhso-platform-exchange-hub-failures');
    expect(alarms).toHaveLength(1);
    expect(alarms[0]![1].Properties).toMatchObject({
      AlarmName: 'tinhso-platform-exchange-hub-failures', Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }], Threshold: 1, AlarmActions: [{ Ref: topicId }],
    });
  });
});
