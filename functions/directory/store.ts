// The directory's DynamoDB adapter (key design in tables.ts).
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { cancelledOnCondition, decodeCursor, encodeCursor, withoutKeys } from '#shared/ddb';
import { directoryKeys } from '#shared/directory';
import { transactWrite } from '#shared/quota';
import type { DirectoryStore, Page } from './service';
import { Unit, User } from './schemas';

const { unit: unitPk, user: userPk, email: emailPk, unitUsers: unitUsersPk } = directoryKeys;

const strip = (item: Record<string, unknown>) => withoutKeys<Record<string, unknown>>(item);

async function swallowConditionFailure(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (err) {
    if (cancelledOnCondition(err)) return false;
    throw err;
  }
}

export function dynamoDirectoryStore(db: DynamoDBDocumentClient, tableName: string): DirectoryStore {
  const userItem = (tenant: string, user: User) => ({
    pk: userPk(tenant), sk: user.id, gsi1pk: unitUsersPk(tenant, user.unit), gsi1sk: user.email, ...user,
  });

  async function query<T>(schemaParse: (item: unknown) => T, params: {
    partition: string; index?: string; limit: number; cursor?: string; filter?: Record<string, string | undefined>;
  }): Promise<Page<T>> {
    const partitionAttr = params.index ? 'gsi1pk' : 'pk';
    const filters = Object.entries(params.filter ?? {}).filter((e): e is [string, string] => e[1] !== undefined);
    const names: Record<string, string> = { '#p': partitionAttr };
    const values: Record<string, unknown> = { ':p': params.partition };
    const expressions = filters.map(([attr, value], i) => {
      names[`#f${i}`] = attr;
      values[`:f${i}`] = value;
      return attr === 'roles' ? `contains(#f${i}, :f${i})` : `#f${i} = :f${i}`;
    });
    const out = await db.send(new QueryCommand({
      TableName: tableName,
      IndexName: params.index,
      KeyConditionExpression: '#p = :p',
      FilterExpression: expressions.length ? expressions.join(' AND ') : undefined,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      Limit: params.limit,
      ExclusiveStartKey: decodeCursor(params.cursor, partitionAttr, params.partition),
    }));
    return { items: (out.Items ?? []).map((i) => schemaParse(strip(i))), cursor: encodeCursor(out.LastEvaluatedKey) };
  }

  return {
    async getUnit(tenant, code) {
      const out = await db.send(new GetCommand({ TableName: tableName, Key: { pk: unitPk(tenant), sk: code } }));
      return out.Item ? Unit.parse(strip(out.Item)) : undefined;
    },
    listUnits(tenant, f) {
      return query((i) => Unit.parse(i), { partition: unitPk(tenant), limit: f.limit, cursor: f.cursor, filter: { level: f.level, parentCode: f.parent } });
    },
    insertUnit(tenant, unit) {
      return swallowConditionFailure(db.send(new PutCommand({
        TableName: tableName,
        Item: { pk: unitPk(tenant), sk: unit.code, ...unit },
        ConditionExpression: 'attribute_not_exists(pk)',
      })));
    },
    replaceUnit(tenant, unit, expectedVersion) {
      return swallowConditionFailure(db.send(new PutCommand({
        TableName: tableName,
        Item: { pk: unitPk(tenant), sk: unit.code, ...unit },
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': expectedVersion },
      })));
    },
    async getUser(tenant, id) {
      const out = await db.send(new GetCommand({ TableName: tableName, Key: { pk: userPk(tenant), sk: id } }));
      return out.Item ? User.parse(strip(out.Item)) : undefined;
    },
    async getUserIdByEmail(tenant, email) {
      const out = await db.send(new GetCommand({ TableName: tableName, Key: { pk: emailPk(tenant), sk: email } }));
      return out.Item?.userId as string | undefined;
    },
    listUsers(tenant, f) {
      return f.unit
        ? query((i) => User.parse(i), { partition: unitUsersPk(tenant, f.unit), index: 'gsi1', limit: f.limit, cursor: f.cursor, filter: { roles: f.role } })
        : query((i) => User.parse(i), { partition: userPk(tenant), limit: f.limit, cursor: f.cursor, filter: { roles: f.role } });
    },
    insertUser(tenant, user, also = []) {
      // The profile and its email claim are written together: never a user without its unique email, nor the reverse.
      // transactWrite turns a refusal of the mailboxes counter (in `also`) into QUOTA_EXCEEDED, which is not swallowed.
      return swallowConditionFailure(transactWrite(db, [
        { Put: { TableName: tableName, Item: userItem(tenant, user), ConditionExpression: 'attribute_not_exists(pk)' } },
        { Put: { TableName: tableName, Item: { pk: emailPk(tenant), sk: user.email, userId: user.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
        ...also,
      ]));
    },
    deleteUser(tenant, user, expectedVersion, also = []) {
      return swallowConditionFailure(transactWrite(db, [
        { Delete: { TableName: tableName, Key: { pk: userPk(tenant), sk: user.id }, ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } } },
        { Delete: { TableName: tableName, Key: { pk: emailPk(tenant), sk: user.email }, ConditionExpression: 'userId = :id', ExpressionAttributeValues: { ':id': user.id } } },
        ...also,
      ]));
    },
    replaceUser(tenant, user, expectedVersion) {
      return swallowConditionFailure(db.send(new PutCommand({
        TableName: tableName,
        Item: userItem(tenant, user),
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': expectedVersion },
      })));
    },
  };
}
