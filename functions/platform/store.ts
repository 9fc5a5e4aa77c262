// The tenant registry in DynamoDB (PlatformStack's `platform-tenants`; key design in shared/registry.ts):
// `TENANT#<id>` / `PROFILE` per tenant, `DOMAIN#<domain>` / `LOCK` so that no two tenants share a mail domain.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor, isConditionalFailure, withoutKeys } from '#shared/ddb';
import { registryKey, TenantRecord } from '#shared/registry';

const LIST_PARTITION = 'TENANTS';
const domainKey = (domain: string) => ({ pk: `DOMAIN#${domain.toLowerCase()}`, sk: 'LOCK' });

export type CreateOutcome = 'created' | 'id-taken' | 'domain-taken';

export interface RegistryStore {
  get(id: string): Promise<TenantRecord | undefined>;
  list(options: { limit: number; cursor?: string }): Promise<{ items: TenantRecord[]; cursor?: string }>;
  /** Adds a tenant unless its id or its domain is taken; nothing is written when either is. */
  create(record: TenantRecord): Promise<CreateOutcome>;
  /** Replaces the item if its version is still `expected`; false when someone changed it meanwhile. */
  replace(record: TenantRecord, expected: number): Promise<boolean>;
}

const toRecord = (item: Record<string, unknown>): TenantRecord => TenantRecord.parse(withoutKeys(item));
const toItem = (record: TenantRecord) => ({ ...registryKey(record.id), gsi1pk: LIST_PARTITION, gsi1sk: record.id, ...record });

export function dynamoRegistryStore(db: DynamoDBDocumentClient, table: string): RegistryStore {
  return {
    async get(id) {
      const out = await db.send(new GetCommand({ TableName: table, Key: registryKey(id), ConsistentRead: true }));
      return out.Item ? toRecord(out.Item) : undefined;
    },

    async list({ limit, cursor }) {
      const out = await db.send(new QueryCommand({
        TableName: table, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': LIST_PARTITION },
        Limit: limit, ExclusiveStartKey: decodeCursor(cursor, 'gsi1pk', LIST_PARTITION),
      }));
      return { items: (out.Items ?? []).map(toRecord), cursor: encodeCursor(out.LastEvaluatedKey) };
    },

    async create(record) {
      try {
        await db.send(new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: table, Item: toItem(record), ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: table, Item: { ...domainKey(record.domain), tenant: record.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }));
        return 'created';
      } catch (err) {
        if (!(err instanceof TransactionCanceledException)) throw err;
        const [profile, domain] = (err.CancellationReasons ?? []).map((r) => r.Code);
        if (profile === 'ConditionalCheckFailed') return 'id-taken';
        if (domain === 'ConditionalCheckFailed') return 'domain-taken';
        throw err;
      }
    },

    async replace(record, expected) {
      try {
        await db.send(new PutCommand({
          TableName: table, Item: toItem(record),
          ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expected },
        }));
        return true;
      } catch (err) {
        if (isConditionalFailure(err)) return false;
        throw err;
      }
    },
  };
}
