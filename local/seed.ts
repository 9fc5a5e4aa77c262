// Seeds each tenant's units and demo accounts. Idempotent: what exists is left as it is (passwords included).
import {
  AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminGetUserCommand, AdminSetUserPasswordCommand, CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as directory from '#functions/directory/service';
import { dynamoDirectoryStore } from '#functions/directory/store';
import { directoryTable } from '#functions/directory/tables';
import { seedProcedures } from '#functions/dossiers/procedures/seed';
import { dynamoProcedureStore } from '#functions/dossiers/procedures/store';
import { meetingsStore } from '#functions/meetings/store';
import { meetingsTable } from '#functions/meetings/tables';
import { dossiersTable } from '#functions/dossiers/tables';
import { cognitoUserPool } from '#functions/directory/user-pool';
import { keys as mailKeys } from '#functions/mail/store';
import { mailTable } from '#functions/mail/tables';
import { directoryKeys } from '#shared/directory';
import { isConditionalFailure } from '#shared/ddb';
import { gaugeKey, mailboxCounter, unlimited } from '#shared/quota';
import { systemClock, toVietnamIso } from '#shared/clock';
import type { Role } from '#shared/http/route';
import { physicalTableName } from '#shared/table';
import type { DeployedTenant, Tenant } from '#shared/tenant';
import { LOCAL_OPERATOR_EMAIL } from '#infra/identity';
import { dynamoRegistryStore } from '#functions/platform/store';
import { recordOf } from '#functions/platform/tenants';
import { PLATFORM_DEPLOYMENT } from '#shared/exchange';
import { OPERATOR_GROUP } from '#shared/http/route';
import { registryTable } from '#shared/registry';
import type { TenantAuth } from '#shared/tenant';
import { LOCAL_CREDENTIALS, type Endpoints } from './env';
import { LOCAL_REGION } from './provision';
import { CITIZEN_EMAIL, DEMO_OFFICIALS, demoUnits } from './seed-data';

export interface DemoAccount {
  email: string;
  role: Role;
}

export function demoAccounts(tenant: Pick<Tenant, 'domain'>): DemoAccount[] {
  return [
    ...DEMO_OFFICIALS.map((o) => ({ email: `${o.local}@${tenant.domain}`, role: o.role as Role })),
    { email: CITIZEN_EMAIL, role: 'citizen' as Role },
  ];
}

async function exists(cognito: CognitoIdentityProviderClient, userPoolId: string, email: string): Promise<boolean> {
  try {
    await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
    return true;
  } catch (err) {
    if ((err as Error).name === 'UserNotFoundException') return false;
    throw err;
  }
}

export async function seedTenant(tenant: Tenant, deployed: DeployedTenant, endpoints: Endpoints, password: string): Promise<void> {
  const credentials = LOCAL_CREDENTIALS;
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: endpoints.dynamodb, region: LOCAL_REGION, credentials }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const cognito = new CognitoIdentityProviderClient({ endpoint: endpoints.cognito, region: LOCAL_REGION, credentials });
  const { userPoolId } = deployed.auth;
  const directoryName = physicalTableName(tenant.id, directoryTable);
  const deps = {
    store: dynamoDirectoryStore(db, directoryName),
    pool: cognitoUserPool(cognito, userPoolId),
    clock: systemClock,
    // The demo officials count as mailboxes like any other (the gauge stays true), but the seed is not limited by it.
    mailboxes: mailboxCounter(db, directoryTable, directoryName, unlimited),
  };
  await ensureMailboxCounter(db, tenant.id, directoryName, physicalTableName(tenant.id, mailTable));

  const units = demoUnits(tenant);
  for (const unit of units) {
    if (!(await deps.store.getUnit(tenant.id, unit.code))) await directory.createUnit(deps, tenant.id, unit);
  }
  for (const official of DEMO_OFFICIALS) {
    const email = `${official.local}@${tenant.domain}`;
    if (await deps.store.getUserIdByEmail(tenant.id, email)) continue;
    await directory.createUser(deps, tenant.id, {
      email, name: official.name, unit: units[official.unitIndex]!.code, roles: [official.role], temporaryPassword: password,
    });
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: email, Password: password, Permanent: true }));
  }
  await seedPoints(db, tenant, units);
  await seedProcedures(dynamoProcedureStore(db, physicalTableName(tenant.id, dossiersTable)), tenant, systemClock);
  if (!(await exists(cognito, userPoolId, CITIZEN_EMAIL))) {
    await cognito.send(new AdminCreateUserCommand({
      UserPoolId: userPoolId, Username: CITIZEN_EMAIL, MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: CITIZEN_EMAIL }, { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: 'Công Dân Mẫu' }, { Name: 'custom:tenant', Value: tenant.id },
      ],
    }));
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: CITIZEN_EMAIL, Password: password, Permanent: true }));
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: CITIZEN_EMAIL, GroupName: 'citizen' }));
  }
}

/** How many items a partition holds (Select COUNT, page by page). */
async function countItems(db: DynamoDBDocumentClient, tableName: string, pk: string): Promise<number> {
  let count = 0;
  let cursor: Record<string, unknown> | undefined;
  do {
    const out = await db.send(new QueryCommand({
      TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, Select: 'COUNT', ExclusiveStartKey: cursor,
    }));
    count += out.Count ?? 0;
    cursor = out.LastEvaluatedKey;
  } while (cursor);
  return count;
}

/**
 * The mailboxes gauge of a data directory made before the gauge existed: counted once from what is there (officials
 * and shared mailboxes), written only if still missing. A fresh directory gets 0 here and the demo officials count
 * themselves as they are created; a counter that exists is never recomputed (the services keep it exact).
 */
async function ensureMailboxCounter(db: DynamoDBDocumentClient, tenant: string, directoryName: string, mailName: string): Promise<void> {
  const Key = gaugeKey(directoryTable, tenant, 'mailboxes');
  if ((await db.send(new GetCommand({ TableName: directoryName, Key, ConsistentRead: true }))).Item) return;
  const used = (await countItems(db, directoryName, directoryKeys.user(tenant))) + (await countItems(db, mailName, mailKeys.shared(tenant, '').pk));
  try {
    await db.send(new PutCommand({ TableName: directoryName, Item: { ...Key, used }, ConditionExpression: 'attribute_not_exists(pk)' }));
  } catch (err) {
    if (!isConditionalFailure(err)) throw err;
  }
}

/** One connection point (the meeting room) per demo unit, e.g. `dc-000-02-00-h41`; one kept from an earlier start stays. */
async function seedPoints(db: DynamoDBDocumentClient, tenant: Tenant, units: { code: string; name: string; level: string }[]): Promise<void> {
  const store = meetingsStore(db, physicalTableName(tenant.id, meetingsTable));
  const now = toVietnamIso(new Date());
  for (const unit of units) {
    const big = unit.level === 'province';
    await store.putPoint(tenant.id, {
      id: `dc-${unit.code.toLowerCase().replace(/\./g, '-')}`, unit: unit.code,
      name: big ? `Hội trường ${unit.name}` : `Phòng họp trực tuyến ${unit.name}`,
      capacity: big ? 200 : 30, equipment: big ? ['camera PTZ', 'màn hình LED', 'micro hội nghị'] : ['camera', 'màn hình', 'micro'],
      active: true, version: 1, createdAt: now, updatedAt: now,
    });
  }
}

const documentClientOf = (endpoints: Endpoints) => DynamoDBDocumentClient.from(
  new DynamoDBClient({ endpoint: endpoints.dynamodb, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
  { marshallOptions: { removeUndefinedValues: true } },
);

/**
 * Registers each tenant file in the platform's registry, active on its file's plan, as `npm run tenant -- add` does.
 * A tenant already registered keeps what the operator decided since (status, quotas): its file is not re-read into it.
 */
export async function registerTenants(tenants: Tenant[], endpoints: Endpoints, log: (line: string) => void): Promise<void> {
  const store = dynamoRegistryStore(documentClientOf(endpoints), physicalTableName(PLATFORM_DEPLOYMENT, registryTable));
  for (const tenant of tenants) {
    const outcome = await store.create(recordOf(tenant, systemClock()));
    if (outcome === 'domain-taken') log(`Tenant ${tenant.id}: not registered, its domain ${tenant.domain} belongs to another tenant of the registry`);
  }
}

/** The platform's operator, `operator@tinhso.vn` in the group `operator` of the platform's pool, with the demo password. */
export async function seedOperator(auth: TenantAuth, endpoints: Endpoints, password: string): Promise<void> {
  const cognito = new CognitoIdentityProviderClient({ endpoint: endpoints.cognito, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  if (await exists(cognito, auth.userPoolId, LOCAL_OPERATOR_EMAIL)) return;
  await cognito.send(new AdminCreateUserCommand({
    UserPoolId: auth.userPoolId, Username: LOCAL_OPERATOR_EMAIL, MessageAction: 'SUPPRESS',
    UserAttributes: [{ Name: 'email', Value: LOCAL_OPERATOR_EMAIL }, { Name: 'email_verified', Value: 'true' }, { Name: 'name', Value: 'Vận hành Tỉnh Số' }],
  }));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: auth.userPoolId, Username: LOCAL_OPERATOR_EMAIL, Password: password, Permanent: true }));
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: auth.userPoolId, Username: LOCAL_OPERATOR_EMAIL, GroupName: OPERATOR_GROUP }));
}
