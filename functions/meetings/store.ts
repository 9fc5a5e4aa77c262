// DynamoDB access of the meetings service: points, meetings, their index rows and the points' booking leases.
// Rules live in booking.ts and meetings.ts; this file only knows keys and requests.
import {
  BatchGetCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, DeleteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { batchWriteAll, decodeCursor, encodeCursor, withoutKeys as strip } from '#shared/ddb';
import { transactWrite } from '#shared/quota';
import type { Meeting, Point } from './schemas';

export const keys = {
  point: (t: string, id: string) => ({ pk: `${t}#POINT`, sk: id }),
  lease: (t: string, point: string) => ({ pk: `${t}#LEASE`, sk: point }),
  meeting: (t: string, id: string) => ({ pk: `${t}#MEETING#${id}`, sk: 'MEETING' }),
  checkIn: (t: string, id: string, occurrence: string, point: string) => ({ pk: `${t}#MEETING#${id}`, sk: `CHECKIN#${occurrence}#${point}` }),
  busy: (t: string, point: string) => `${t}#BUSY#${point}`,
  unit: (t: string, unit: string) => `${t}#UNIT#${unit}`,
  calendar: (t: string) => `${t}#CAL`,
  remind: (t: string) => `${t}#REMIND`,
  feed: (t: string, owner: string) => ({ pk: `${t}#FEED`, sk: owner }),
  feedToken: (t: string, token: string) => ({ pk: `${t}#FEEDTOKEN#${token}`, sk: 'FEED' }),
};

/** An index row: where an occurrence shows (a point's occupancy, a unit's or the tenant's calendar, a reminder). */
export interface Row {
  pk: string;
  sk: string;
  meetingId: string;
  occurrence: string;
  start: string;
  end: string;
  /** For a reminder row: which one (`24h` or `30m`). */
  remind?: string;
}

export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];


export function meetingsStore(db: DynamoDBDocumentClient, table: string) {
  return {
    table,
    async getPoint(t: string, id: string): Promise<Point | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: keys.point(t, id) }));
      return out.Item ? strip<Point>(out.Item) : undefined;
    },
    async listPoints(t: string): Promise<Point[]> {
      const items: Point[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await db.send(new QueryCommand({
          TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.point(t, '').pk }, ExclusiveStartKey: start,
        }));
        items.push(...(out.Items ?? []).map((i) => strip<Point>(i)));
        start = out.LastEvaluatedKey;
      } while (start);
      return items;
    },
    /** false when the id is taken (or, with expectedVersion, when the stored version is another). */
    async putPoint(t: string, point: Point, expectedVersion?: number): Promise<boolean> {
      try {
        await db.send(new PutCommand({
          TableName: table, Item: { ...keys.point(t, point.id), ...point },
          ...(expectedVersion === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
        }));
        return true;
      } catch (err) {
        if ((err as Error).name === 'ConditionalCheckFailedException') return false;
        throw err;
      }
    },
    async getMeeting(t: string, id: string, consistent = false): Promise<Meeting | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: keys.meeting(t, id), ConsistentRead: consistent }));
      return out.Item ? strip<Meeting>(out.Item) : undefined;
    },
    /** Meetings by id (strongly consistent: the conflict check must see the last committed booking). */
    async getMeetings(t: string, ids: string[]): Promise<Map<string, Meeting>> {
      const found = new Map<string, Meeting>();
      const unique = [...new Set(ids)];
      for (let i = 0; i < unique.length; i += 100) {
        let request: Record<string, unknown>[] = unique.slice(i, i + 100).map((id) => keys.meeting(t, id));
        for (let attempt = 0; request.length; attempt++) {
          const out = await db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: request, ConsistentRead: true } } }));
          for (const item of out.Responses?.[table] ?? []) found.set(item.id as string, strip<Meeting>(item));
          request = (out.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, unknown>[];
          if (request.length) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
        }
      }
      return found;
    },
    /** Index rows of a partition whose sort key lies in [from, to], oldest first, a page at a time. */
    async rows(pk: string, from: string, to: string, page?: { limit: number; cursor?: string }): Promise<{ rows: Row[]; cursor?: string }> {
      const rows: Row[] = [];
      let start = page ? decodeCursor(page.cursor, 'pk', pk) : undefined;
      do {
        const out = await db.send(new QueryCommand({
          TableName: table, KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': pk, ':from': from, ':to': to }, ExclusiveStartKey: start,
          ConsistentRead: !page, ...(page ? { Limit: page.limit } : {}),
        }));
        rows.push(...((out.Items ?? []) as Row[]));
        start = out.LastEvaluatedKey;
        if (page) return { rows, cursor: encodeCursor(start) };
      } while (start);
      return { rows };
    },
    putRows: (rows: Row[]) => batchWriteAll(db, table, rows.map((Item) => ({ PutRequest: { Item } }))),
    deleteRows: (rows: Pick<Row, 'pk' | 'sk'>[]) => batchWriteAll(db, table, rows.map(({ pk, sk }) => ({ DeleteRequest: { Key: { pk, sk } } }))),
    /** Takes every lease at once, or none: false when one is held by a live booking (or the items are contended). */
    async acquireLeases(t: string, points: string[], token: string, now: Date, seconds: number): Promise<boolean> {
      const updates = points.map((p) => ({
        TableName: table, Key: keys.lease(t, p),
        UpdateExpression: 'SET holder = :token, leaseUntil = :until',
        ConditionExpression: 'attribute_not_exists(holder) OR leaseUntil < :now',
        ExpressionAttributeValues: { ':token': token, ':until': now.getTime() + seconds * 1000, ':now': now.getTime() },
      }));
      try {
        // One point: a conditional update (1 WCU); several: a transaction, all or none (2 WCU each).
        if (updates.length === 1) await db.send(new UpdateCommand(updates[0]!));
        else await db.send(new TransactWriteCommand({ TransactItems: updates.map((Update) => ({ Update })) }));
        return true;
      } catch (err) {
        if (['TransactionCanceledException', 'ConditionalCheckFailedException', 'TransactionConflictException'].includes((err as Error).name)) return false;
        throw err;
      }
    },
    /** The transaction item that releases a lease, and fails the transaction unless we still hold it. */
    releaseItem: (t: string, point: string, token: string): TransactItem => ({
      Update: {
        TableName: table, Key: keys.lease(t, point), UpdateExpression: 'REMOVE holder, leaseUntil',
        ConditionExpression: 'holder = :token', ExpressionAttributeValues: { ':token': token },
      },
    }),
    /** Gives leases back after a refused booking; one already taken over by another booking is left alone. */
    async releaseLeases(t: string, points: string[], token: string): Promise<void> {
      await Promise.all(points.map((p) => db.send(new UpdateCommand({
        TableName: table, Key: keys.lease(t, p), UpdateExpression: 'REMOVE holder, leaseUntil',
        ConditionExpression: 'holder = :token', ExpressionAttributeValues: { ':token': token },
      })).catch((err: Error) => { if (err.name !== 'ConditionalCheckFailedException') throw err; })));
    },
    /** The put of a meeting item, conditioned on its version (absent for a new meeting). */
    meetingItem: (t: string, meeting: Meeting, expectedVersion?: number): TransactItem => ({
      Put: {
        TableName: table, Item: { ...keys.meeting(t, meeting.id), ...meeting },
        ...(expectedVersion === undefined
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
      },
    }),
    // Through the quota module: a counter's refusal is 429 QUOTA_EXCEEDED, and a conflict on a tenant's counter (any
    // two bookings at once share it) is tried again instead of failing the booking.
    transact: (items: TransactItem[]) => transactWrite(db, items),
    async putCheckIn(t: string, id: string, record: { occurrence: string; point: string; at: string; by: string; byName?: string }): Promise<boolean> {
      try {
        await db.send(new PutCommand({ TableName: table, Item: { ...keys.checkIn(t, id, record.occurrence, record.point), ...record }, ConditionExpression: 'attribute_not_exists(pk)' }));
        return true;
      } catch (err) {
        if ((err as Error).name === 'ConditionalCheckFailedException') return false;
        throw err;
      }
    },
    async checkIns(t: string, id: string) {
      const out = await db.send(new QueryCommand({
        TableName: table, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': keys.meeting(t, id).pk, ':p': 'CHECKIN#' },
      }));
      return (out.Items ?? []).map((i) => strip<{ occurrence: string; point: string; at: string; by: string; byName?: string }>(i));
    },
    async getFeed(t: string, owner: string): Promise<{ token: string; createdAt: string } | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: keys.feed(t, owner) }));
      return out.Item as { token: string; createdAt: string } | undefined;
    },
    async feedOwner(t: string, token: string): Promise<string | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: keys.feedToken(t, token) }));
      return out.Item?.owner as string | undefined;
    },
    /** Replaces an owner's token: the new one and its lookup in, the old lookup out, in one transaction. */
    async rotateFeed(t: string, owner: string, token: string, createdAt: string, old?: string): Promise<void> {
      await db.send(new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table, Item: { ...keys.feed(t, owner), owner, token, createdAt } } },
          { Put: { TableName: table, Item: { ...keys.feedToken(t, token), owner, createdAt }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ...(old ? [{ Delete: { TableName: table, Key: keys.feedToken(t, old) } }] : []),
        ],
      }));
    },
    deleteItem: (key: { pk: string; sk: string }) => db.send(new DeleteCommand({ TableName: table, Key: key })),
  };
}

export type MeetingsStore = ReturnType<typeof meetingsStore>;
