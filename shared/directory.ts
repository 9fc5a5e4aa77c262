// The directory's keys and the one read other services make of it: who works in a unit (e.g. its leaders, to tell
// them of overdue dossiers). The directory service owns the table; others are granted read access only.
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TableDef } from './table';

/**
 * The directory table. Access patterns (every key starts with the tenant id):
 * - units of a tenant, by code:        pk `{tenant}#UNIT`,  sk `{agency code}`
 * - officials of a tenant, by id:      pk `{tenant}#USER`,  sk `{user id}`
 * - officials of a unit, by email:     gsi1pk `{tenant}#UNIT#{code}#USERS`, gsi1sk `{email}`
 * - email → official (uniqueness):     pk `{tenant}#EMAIL`, sk `{email}`
 */
export const directoryTable: TableDef = {
  name: 'directory',
  envVar: 'DIRECTORY_TABLE',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [{ name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }],
  stream: true,
};

export const directoryKeys = {
  unit: (tenant: string) => `${tenant}#UNIT`,
  user: (tenant: string) => `${tenant}#USER`,
  email: (tenant: string) => `${tenant}#EMAIL`,
  unitUsers: (tenant: string, unit: string) => `${tenant}#UNIT#${unit}#USERS`,
};

export interface DirectoryMember {
  email: string;
  name: string;
  roles: string[];
  enabled: boolean;
}

/** The members of a unit with one of these roles, enabled, read from the directory's unit index. */
export async function unitMembers(db: DynamoDBDocumentClient, tableName: string, tenant: string, unit: string, roles: readonly string[]): Promise<DirectoryMember[]> {
  const members: DirectoryMember[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const out = await db.send(new QueryCommand({
      TableName: tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': directoryKeys.unitUsers(tenant, unit) }, ExclusiveStartKey: cursor,
    }));
    for (const item of out.Items ?? []) {
      const member = { email: String(item.email), name: String(item.name), roles: (item.roles as string[]) ?? [], enabled: item.enabled !== false };
      if (member.enabled && member.roles.some((r) => roles.includes(r))) members.push(member);
    }
    cursor = out.LastEvaluatedKey;
  } while (cursor);
  return members;
}

/** A unit's parent, to go up the hierarchy when a unit has nobody in a role. */
export async function parentUnit(db: DynamoDBDocumentClient, tableName: string, tenant: string, unit: string): Promise<string | undefined> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: { pk: directoryKeys.unit(tenant), sk: unit } }));
  return out.Item?.parentCode as string | undefined;
}
