// Lambda entry of the directory service: wires the DynamoDB store and the tenant's user pool to the routes.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { requireEnv } from '#shared/config';
import { systemClock } from '#shared/clock';
import { documentClient } from '#shared/ddb';
import { httpHandler } from '#shared/http/handler';
import { powertoolsIdempotency } from '#shared/http/idempotency';
import { mailboxCounter } from '#shared/quota';
import { findTenant } from '#shared/tenancy';
import { directoryRoutes } from './routes';
import * as directory from './service';
import { dynamoDirectoryStore } from './store';
import { directoryTable } from './tables';
import { cognitoUserPool } from './user-pool';

const db = documentClient();
const tableName = requireEnv(directoryTable.envVar);
const store = dynamoDirectoryStore(db, tableName);
const cognito = new CognitoIdentityProviderClient({});
const deps = { store, clock: systemClock };
/** The mailboxes gauge, limited by the tenant's plan and the operator's overrides (the registry). */
const mailboxes = mailboxCounter(db, directoryTable, tableName);

/** The tenant was checked before any implementation runs, so its pool is known here. */
const withPool = (tenant: string) => ({ ...deps, mailboxes, pool: cognitoUserPool(cognito, findTenant(tenant)!.auth.userPoolId) });

export const handler = httpHandler('directory', directoryRoutes, {
  getMe: async ({ caller }) => directory.me(deps, caller),
  listUnits: async ({ tenant, query }) => store.listUnits(tenant, query),
  createUnit: async ({ tenant, body }) => directory.createUnit(deps, tenant, body),
  getUnit: async ({ tenant, params }) => directory.getUnit(deps, tenant, params.code),
  updateUnit: async ({ tenant, params, body }) => directory.updateUnit(deps, tenant, params.code, body),
  listUsers: async ({ tenant, query }) => store.listUsers(tenant, query),
  createUser: async ({ tenant, body }) => directory.createUser(withPool(tenant), tenant, body),
  getUser: async ({ tenant, params }) => directory.getUser(deps, tenant, params.id),
  updateUser: async ({ tenant, params, body }) => directory.updateUser(withPool(tenant), tenant, params.id, body),
  deleteUser: async ({ tenant, params, query }) => directory.deleteUser(withPool(tenant), tenant, params.id, query.version),
}, powertoolsIdempotency());
