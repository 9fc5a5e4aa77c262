// DynamoDB and S3 access of the mailboxes: keys and requests only (rules are in mailboxes.ts, filing.ts, reading.ts).
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { cancelledOnCondition, decodeCursor, encodeCursor, withoutKeys as strip } from '#shared/ddb';
import { transactWrite } from '#shared/quota';
import type { SharedMailbox, StoredMessage } from './schemas';

export const keys = {
  shared: (t: string, address: string) => ({ pk: `${t}#MAILBOX`, sk: address }),
  box: (t: string, address: string) => `${t}#MBX#${address}`,
  usage: (t: string, address: string) => ({ pk: `${t}#MBX#${address}`, sk: 'USAGE' }),
  message: (t: string, address: string, id: string) => ({ pk: `${t}#MBX#${address}`, sk: `M#${id}` }),
  messageId: (t: string, address: string, messageId: string) => ({ pk: `${t}#MBX#${address}`, sk: `MID#${messageId}` }),
  folder: (t: string, address: string, name: string) => ({ pk: `${t}#MBX#${address}`, sk: `FOLDER#${name}` }),
  find: (t: string, address: string, key: string) => `${t}#MBX#${address}#FIND#${key}`,
  inFolder: (t: string, address: string, folder: string) => `${t}#MBX#${address}#F#${folder}`,
  inThread: (t: string, address: string, thread: string) => `${t}#MBX#${address}#T#${thread}`,
};

/**
 * Where a message sorts in its folder, its thread and its search entries: its arrival, then its id. Derived from the
 * item each time (filing, moving, purging), so every writer and deleter of those keys computes the same one.
 */
export const sortKeyOf = (m: Pick<StoredMessage, 'receivedAt' | 'id'>): string => `${new Date(m.receivedAt).toISOString()}#${m.id}`;

/** A message's item, with its folder's and its thread's index keys. */
export const messageItem = (t: string, address: string, m: StoredMessage) => ({
  ...keys.message(t, address, m.id), ...m,
  gsi1pk: keys.inFolder(t, address, m.folder), gsi1sk: sortKeyOf(m), gsi2pk: keys.inThread(t, address, m.threadId), gsi2sk: sortKeyOf(m),
});

export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];


export function mailStore(db: DynamoDBDocumentClient, s3: S3Client, table: string, bucket: string) {
  async function page(query: { index?: string; pkName: string; pk: string; from?: string; to?: string; newestFirst?: boolean; limit: number; cursor?: string }) {
    const range = query.from !== undefined && query.to !== undefined;
    const skName = query.index ? `${query.index}sk` : 'sk';
    const out = await db.send(new QueryCommand({
      TableName: table, IndexName: query.index,
      KeyConditionExpression: `${query.pkName} = :pk${range ? ` AND ${skName} BETWEEN :from AND :to` : ''}`,
      ExpressionAttributeValues: { ':pk': query.pk, ...(range ? { ':from': query.from, ':to': query.to } : {}) },
      ScanIndexForward: !query.newestFirst, Limit: query.limit, ExclusiveStartKey: decodeCursor(query.cursor, query.pkName, query.pk),
    }));
    return { items: out.Items ?? [], cursor: encodeCursor(out.LastEvaluatedKey) };
  }

  return {
    table,
    bucket,
    async getShared(t: string, address: string): Promise<SharedMailbox | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: keys.shared(t, address) }));
      return out.Item ? strip<SharedMailbox>(out.Item) : undefined;
    },
    async listShared(t: string): Promise<SharedMailbox[]> {
      const out = await db.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.shared(t, '').pk } }));
      return (out.Items ?? []).map((i) => strip<SharedMailbox>(i));
    },
    /** false when the address is taken (or, with expectedVersion, when it changed meanwhile). */
    async putShared(t: string, box: SharedMailbox, expectedVersion?: number): Promise<boolean> {
      try {
        await db.send(new PutCommand({
          TableName: table, Item: { ...keys.shared(t, box.address), ...box },
          ...(expectedVersion === undefined ? { ConditionExpression: 'attribute_not_exists(pk)' } : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
        }));
        return true;
      } catch (err) {
        if ((err as Error).name === 'ConditionalCheckFailedException') return false;
        throw err;
      }
    },
    /**
     * A new shared mailbox or list with the mailboxes counter (`counted`, in the directory's table) in one transaction:
     * false when the address is taken; QUOTA_EXCEEDED when the counter refuses; nothing written either way.
     */
    async createShared(t: string, box: SharedMailbox, counted: TransactItem): Promise<boolean> {
      try {
        await transactWrite(db, [{ Put: { TableName: table, Item: { ...keys.shared(t, box.address), ...box }, ConditionExpression: 'attribute_not_exists(pk)' } }, counted]);
        return true;
      } catch (err) {
        if (cancelledOnCondition(err)) return false;
        throw err;
      }
    },
    async usage(t: string, address: string): Promise<number> {
      const out = await db.send(new GetCommand({ TableName: table, Key: keys.usage(t, address) }));
      return (out.Item?.usedBytes as number | undefined) ?? 0;
    },
    async getMessage(t: string, address: string, id: string): Promise<StoredMessage | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: keys.message(t, address, id), ConsistentRead: true }));
      return out.Item ? strip<StoredMessage>(out.Item) : undefined;
    },
    async byMessageId(t: string, address: string, messageId: string): Promise<{ id: string; threadId: string } | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: keys.messageId(t, address, messageId), ConsistentRead: true }));
      return out.Item as { id: string; threadId: string } | undefined;
    },
    async folders(t: string, address: string): Promise<string[]> {
      const out = await db.send(new QueryCommand({
        TableName: table, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :f)', ExpressionAttributeValues: { ':pk': keys.box(t, address), ':f': 'FOLDER#' },
      }));
      return (out.Items ?? []).map((i) => i.name as string);
    },
    putFolder: (t: string, address: string, name: string) => db.send(new PutCommand({ TableName: table, Item: { ...keys.folder(t, address, name), name } })),
    async inFolder(t: string, address: string, folder: string, limit: number, cursor?: string) {
      const found = await page({ index: 'gsi1', pkName: 'gsi1pk', pk: keys.inFolder(t, address, folder), newestFirst: true, limit, cursor });
      return { items: found.items.map((i) => strip<StoredMessage>(i)), cursor: found.cursor };
    },
    async inThread(t: string, address: string, thread: string) {
      return (await page({ index: 'gsi2', pkName: 'gsi2pk', pk: keys.inThread(t, address, thread), limit: 200 })).items.map((i) => strip<StoredMessage>(i));
    },
    findPage: (pk: string, from: string, to: string, limit: number, cursor?: string) => page({ pkName: 'pk', pk, from, to, newestFirst: true, limit, cursor }),
    setUndelivered: (t: string, address: string, id: string, undelivered: Record<string, string>) => db.send(new UpdateCommand({
      TableName: table, Key: keys.message(t, address, id), UpdateExpression: 'SET undelivered = :u', ExpressionAttributeValues: { ':u': undelivered },
    })),
    /** Messages of a mailbox by id (search results). */
    async getMessages(t: string, address: string, ids: string[]): Promise<StoredMessage[]> {
      if (!ids.length) return [];
      const out = await db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: [...new Set(ids)].map((id) => keys.message(t, address, id)) } } }));
      const byId = new Map((out.Responses?.[table] ?? []).map((i) => [i.id as string, strip<StoredMessage>(i)]));
      return ids.map((id) => byId.get(id)).filter((m): m is StoredMessage => !!m);
    },
    transact: (items: TransactItem[]) => db.send(new TransactWriteCommand({ TransactItems: items })),
    // ---- S3: the raw message once, its attachments once each
    async putObject(key: string, body: Uint8Array | string, contentType: string): Promise<void> {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
    },
    async exists(key: string): Promise<boolean> {
      try {
        await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return true;
      } catch {
        return false;
      }
    },
    async getObject(key: string): Promise<Uint8Array> {
      const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return out.Body!.transformToByteArray();
    },
    deleteObject: (key: string) => s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })),
    link: (key: string, fileName: string) => getSignedUrl(s3, new GetObjectCommand({
      Bucket: bucket, Key: key, ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    }), { expiresIn: 300 }),
  };
}

export type MailStore = ReturnType<typeof mailStore>;
