// Creates each tenant's tables, bucket and user pool on the stand-ins, from the same definitions CDK uses, and the
// platform's (the exchange hub's table and bucket) and each tenant's exchange key.
// Idempotent: what exists is found and kept, so data survives restarts.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  CreateTableCommand, DescribeTableCommand, DynamoDBClient, UpdateTableCommand, ResourceInUseException, UpdateTimeToLiveCommand, waitUntilTableExists,
  type AttributeDefinition, type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutBucketCorsCommand, S3Client } from '@aws-sdk/client-s3';
import { BROWSER_UPLOAD_CORS } from '#shared/uploads';
import {
  CognitoIdentityProviderClient, CreateGroupCommand, CreateUserPoolClientCommand, CreateUserPoolCommand,
  ListGroupsCommand, ListUserPoolClientsCommand, ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { PLATFORM_TABLES, TENANT_TABLES } from '#functions/index';
import { CLIENT_READ_ATTRIBUTES, CLIENT_WRITE_ATTRIBUTES, CUSTOM_ATTRIBUTES, OPERATOR_POOL_GROUPS, PASSWORD_POLICY, USER_POOL_GROUPS } from '#infra/identity';
import { physicalTableName, type TableDef } from '#shared/table';
import { PLATFORM_DEPLOYMENT } from '#shared/exchange';
import type { DeployedTenant, Tenant, TenantAuth } from '#shared/tenant';
import { exchangeKeyFile, jitsiSecretFile, LOCAL_CREDENTIALS, LOCAL_REGION, localBucketName, localExchangeBucket, type Endpoints } from './env';

export { LOCAL_REGION } from './env';
const poolName = (tenantId: string) => `tinhso-${tenantId}`;
const CLIENT_NAME = 'web';

export function tableInput(deployment: string, table: TableDef): CreateTableCommandInput {
  const attributes = new Map<string, AttributeDefinition>();
  const keyAttr = (name: string) => attributes.set(name, { AttributeName: name, AttributeType: 'S' });
  const keySchema = (pk: string, sk?: string) => {
    keyAttr(pk);
    if (sk) keyAttr(sk);
    return [{ AttributeName: pk, KeyType: 'HASH' as const }, ...(sk ? [{ AttributeName: sk, KeyType: 'RANGE' as const }] : [])];
  };
  return {
    TableName: physicalTableName(deployment, table),
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: keySchema(table.partitionKey, table.sortKey),
    GlobalSecondaryIndexes: table.indexes?.map((index) => ({
      IndexName: index.name,
      KeySchema: keySchema(index.partitionKey, index.sortKey),
      Projection: index.include ? { ProjectionType: 'INCLUDE', NonKeyAttributes: index.include } : { ProjectionType: 'ALL' },
    })),
    StreamSpecification: table.stream ? { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } : undefined,
    AttributeDefinitions: [...attributes.values()],
  };
}

async function ensureTables(db: DynamoDBClient, deployment: string, tables: TableDef[]): Promise<void> {
  for (const table of tables) {
    const input = tableInput(deployment, table);
    try {
      await db.send(new CreateTableCommand(input));
      await waitUntilTableExists({ client: db, maxWaitTime: 30 }, { TableName: input.TableName });
      if (table.ttlAttribute) {
        await db.send(new UpdateTimeToLiveCommand({
          TableName: input.TableName, TimeToLiveSpecification: { Enabled: true, AttributeName: table.ttlAttribute },
        }));
      }
    } catch (err) {
      if (!(err instanceof ResourceInUseException)) throw err;
      await addMissingIndexes(db, input);
      await enableMissingStream(db, input);
    }
  }
}

/** A table kept from an earlier start gets the indexes added to its definition since (as a deploy adds them). */
async function addMissingIndexes(db: DynamoDBClient, input: CreateTableCommandInput): Promise<void> {
  const existing = await db.send(new DescribeTableCommand({ TableName: input.TableName }));
  const have = new Set((existing.Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  for (const index of input.GlobalSecondaryIndexes ?? []) {
    if (have.has(index.IndexName)) continue;
    const names = new Set(index.KeySchema!.map((k) => k.AttributeName));
    await db.send(new UpdateTableCommand({
      TableName: input.TableName,
      AttributeDefinitions: input.AttributeDefinitions!.filter((a) => names.has(a.AttributeName)),
      GlobalSecondaryIndexUpdates: [{ Create: { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection } }],
    }));
  }
}

/** A table kept from an earlier start gets the stream its definition has since declared (as a deploy enables it). */
async function enableMissingStream(db: DynamoDBClient, input: CreateTableCommandInput): Promise<void> {
  if (!input.StreamSpecification?.StreamEnabled) return;
  const existing = await db.send(new DescribeTableCommand({ TableName: input.TableName }));
  if (existing.Table?.StreamSpecification?.StreamEnabled) return;
  await db.send(new UpdateTableCommand({ TableName: input.TableName, StreamSpecification: input.StreamSpecification }));
}

async function ensureBucket(s3: S3Client, bucket: string): Promise<void> {
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (err) {
    const name = (err as Error).name;
    if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw err;
  }
}

async function ensureUserPool(
  cognito: CognitoIdentityProviderClient, tenantId: string, poolGroups: Record<string, string> = USER_POOL_GROUPS,
): Promise<{ userPoolId: string; clientId: string }> {
  const pools = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  let userPoolId = pools.UserPools?.find((p) => p.Name === poolName(tenantId))?.Id;
  if (!userPoolId) {
    const created = await cognito.send(new CreateUserPoolCommand({
      PoolName: poolName(tenantId),
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      Policies: {
        PasswordPolicy: {
          MinimumLength: PASSWORD_POLICY.minLength, RequireLowercase: PASSWORD_POLICY.requireLowercase,
          RequireUppercase: PASSWORD_POLICY.requireUppercase, RequireNumbers: PASSWORD_POLICY.requireDigits,
          RequireSymbols: PASSWORD_POLICY.requireSymbols,
        },
      },
      Schema: CUSTOM_ATTRIBUTES.map((name) => ({ Name: name, AttributeDataType: 'String', Mutable: true })),
    }));
    userPoolId = created.UserPool!.Id!;
  }
  const groups = await cognito.send(new ListGroupsCommand({ UserPoolId: userPoolId }));
  for (const [GroupName, Description] of Object.entries(poolGroups)) {
    if (!groups.Groups?.some((g) => g.GroupName === GroupName)) {
      await cognito.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName, Description }));
    }
  }
  const clients = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
  let clientId = clients.UserPoolClients?.find((c) => c.ClientName === CLIENT_NAME)?.ClientId;
  if (!clientId) {
    const created = await cognito.send(new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: CLIENT_NAME,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      ReadAttributes: [...CLIENT_READ_ATTRIBUTES],
      WriteAttributes: [...CLIENT_WRITE_ATTRIBUTES],
    }));
    clientId = created.UserPoolClient!.ClientId!;
  }
  return { userPoolId, clientId };
}

const clients = (endpoints: Endpoints) => ({
  db: new DynamoDBClient({ endpoint: endpoints.dynamodb, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
  s3: new S3Client({ endpoint: endpoints.s3, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, forcePathStyle: true }),
});

export async function provisionTenants(tenants: Tenant[], endpoints: Endpoints): Promise<DeployedTenant[]> {
  const credentials = LOCAL_CREDENTIALS;
  const { db, s3 } = clients(endpoints);
  const cognito = new CognitoIdentityProviderClient({ endpoint: endpoints.cognito, region: LOCAL_REGION, credentials });
  const deployed: DeployedTenant[] = [];
  for (const tenant of tenants) {
    await ensureTables(db, tenant.id, TENANT_TABLES);
    await ensureBucket(s3, localBucketName(tenant.id));
    await s3.send(new PutBucketCorsCommand({
      Bucket: localBucketName(tenant.id),
      CORSConfiguration: { CORSRules: [{
        AllowedOrigins: ['*'], AllowedMethods: [...BROWSER_UPLOAD_CORS.allowedMethods], AllowedHeaders: [...BROWSER_UPLOAD_CORS.allowedHeaders],
        ExposeHeaders: [...BROWSER_UPLOAD_CORS.exposedHeaders], MaxAgeSeconds: BROWSER_UPLOAD_CORS.maxAgeSeconds,
      }] },
    }));
    const pool = await ensureUserPool(cognito, tenant.id);
    deployed.push({
      id: tenant.id, name: tenant.name, provinceCode: tenant.provinceCode, domain: tenant.domain, rootAgency: tenant.rootAgency,
      services: tenant.services, plan: tenant.plan,
      auth: { region: LOCAL_REGION, ...pool, endpoint: endpoints.cognito },
    });
  }
  return deployed;
}

/**
 * The control plane's part: its tables (`platform-<name>`: the exchange hub's, the tenant registry), the hub bucket,
 * and the operators' user pool (`tinhso-platform`, group `operator`), whose pool and client it returns.
 */
export async function provisionPlatform(endpoints: Endpoints): Promise<TenantAuth> {
  const { db, s3 } = clients(endpoints);
  await ensureTables(db, PLATFORM_DEPLOYMENT, PLATFORM_TABLES);
  await ensureBucket(s3, localExchangeBucket);
  const cognito = new CognitoIdentityProviderClient({ endpoint: endpoints.cognito, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const pool = await ensureUserPool(cognito, PLATFORM_DEPLOYMENT, OPERATOR_POOL_GROUPS);
  return { region: LOCAL_REGION, ...pool, endpoint: endpoints.cognito };
}

/**
 * Each tenant's exchange signing key (an asymmetric KMS key in AWS): RSA-2048, PKCS#8 PEM in `<dataDir>/keys/<tenant>.pem`,
 * readable by this user only. Made once: a key kept from an earlier start is kept, so what was signed stays verifiable.
 */
export function ensureExchangeKeys(dataDir: string, tenantIds: string[]): void {
  for (const id of tenantIds) {
    const file = exchangeKeyFile(dataDir, id);
    if (existsSync(file)) continue;
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    writeFileSync(file, privateKey, { mode: 0o600, flag: 'wx' });
  }
}

/**
 * Each tenant's Jitsi app secret (a Secrets Manager secret in AWS): 32 random bytes, hex, in `<dataDir>/keys/<tenant>.jitsi`.
 * Made once, so join links already handed out stay valid across restarts.
 */
export function ensureJitsiSecrets(dataDir: string, tenantIds: string[]): void {
  for (const id of tenantIds) {
    const file = jitsiSecretFile(dataDir, id);
    if (existsSync(file)) continue;
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
}
