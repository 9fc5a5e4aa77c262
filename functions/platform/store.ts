// The tenant registry in DynamoDB (PlatformStack's `platform-tenants`; key design in shared/registry.ts):
// `TENANT#<id>` / `PROFILE` per tenant, `DOMAIN#<domain>` / `LOCK` so that no two tenants share a mail domain.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor, isConditionalFailure, withoutKeys } from '#shared/ddb';
import { registryKey, TenantRecord, type TenantStatus } from '#shared/registry';

const LIST_PARTITION = 'TENANTS';
const domainKey = (domain: string) => ({ pk: `DOMAIN#${domain.toLowerCase()}`, sk: 'LOCK' });

export type CreateOutcome = 'created' | 'id-taken' | 'domain-taken';

export interface RegistryStore {
  get(id: string): Promise<TenantRecord | undefined>;
  /**
   * Up to `limit` tenants in id order, only those in `status` when given; `cursor` is absent after the last page.
   * A filtered page is full unless it is the last: the filter is applied while reading, not to a page already cut.
   */
  list(options: { limit: number; cursor?: string; status?: TenantStatus }): Promise<{ items: TenantRecord[]; cursor?: string }>;
  /** Adds a tenant unless its id or its domain is taken; nothing is written when either is. */
  create(record: TenantRecord): Promise<CreateOutcome>;
  /** Replaces the item if its version is still `expected`; false when someone changed it meanwhile. */
  replace(record: TenantRecord, expected: number): Promise<boolean>;
}

const toRecord = (item: Record<string, unknown>): TenantRecord => TenantRecord.parse(withoutKeys(item));
/** Where a page that ends at `item` resumes: its table key and its gsi1 key, as DynamoDB's LastEvaluatedKey of gsi1. */
const listKey = (item: Record<string, unknown>) => ({ pk: item.pk, sk: item.sk, gsi1pk: item.gsi1pk, gsi1sk: item.gsi1sk }) as Record<string, string>;
const toItem = (record: TenantRecord) => ({ ...registryKey(record.id), gsi1pk: LIST_PARTITION, gsi1sk: record.id, ...record });

export function dynamoRegistryStore(db: DynamoDBDocumentClient, table: string): RegistryStore {
  return {
    async get(id) {
      const out = await db.send(new GetCommand({ TableName: table, Key: registryKey(id), ConsistentRead: true }));
      return out.Item ? toRecord(out.Item) : undefined;
    },

    async list({ limit, cursor, status }) {
      // The registry is small (a few dozen tenants, one partition of gsi1), so a filtered list reads on through the
      // partition until the page is full, rather than keep an index per status. DynamoDB's Limit counts items read,
      // not items that pass the filter, so a filtered Query reads whole pages (1 MB) and the page ends at the last
      // tenant taken: the cursor is that tenant's key when a Query page held more matches than the page had room for.
      const items: Record<string, unknown>[] = [];
      let start = decodeCursor(cursor, 'gsi1pk', LIST_PARTITION);
      do {
        const out = await db.send(new QueryCommand({
          TableName: table, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p',
          ...(status
            ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':p': LIST_PARTITION, ':status': status } }
            : { ExpressionAttributeValues: { ':p': LIST_PARTITION }, Limit: limit - items.length }),
          ExclusiveStartKey: start,
        }));
        const found = out.Items ?? [];
        const room = limit - items.length;
        items.push(...found.slice(0, room));
        start = found.length > room ? listKey(found[room - 1]!) : out.LastEvaluatedKey;
      } while (items.length < limit && start);
      return { items: items.map(toRecord), cursor: encodeCursor(start) };
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
