// The documents' DynamoDB adapter (key design in tables.ts). Multi-item changes go through one transaction.
import {
  GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { batchWriteAll, cancelledOnCondition, decodeCursor, encodeCursor, isConditionalFailure, withoutKeys } from '#shared/ddb';
import { quotaRefusal } from '#shared/quota';
import { urgency } from './catalog';
import type { Series } from './numbering';
import type { IncomingDocument, ListRow, OutgoingDocument, RecipientTrace } from './schemas';
import { OPEN_INCOMING } from './status';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
export interface Page<T> { items: T[]; cursor?: string }

export const keys = {
  doc: (t: string, id: string) => ({ pk: `${t}#DOC#${id}`, sk: 'DOC' }),
  trace: (t: string, id: string, agency: string) => ({ pk: `${t}#DOC#${id}`, sk: `TO#${agency}` }),
  incoming: (t: string, id: string) => ({ pk: `${t}#IN#${id}`, sk: 'IN' }),
  status: (t: string, incomingId: string, seq: number) => ({ pk: `${t}#IN#${incomingId}`, sk: `STATUS#${String(seq).padStart(4, '0')}` }),
  edxml: (t: string, documentId: string, side: string) => ({ pk: `${t}#EDXML#${documentId}`, sk: side }),
  counter: (t: string, unit: string, series: Series, year: number) => ({ pk: `${t}#COUNTER`, sk: `${unit}#${series}#${year}` }),
  find: (t: string, key: string, date: string, id: string) => ({ pk: `${t}#FIND#${key}`, sk: `${date}#${id}` }),
  trusted: (t: string, fingerprint: string) => ({ pk: `${t}#TRUSTED`, sk: fingerprint }),
  registerPk: (t: string, unit: string, series: Series, year: number) => `${t}#REG#${unit}#${series}#${year}`,
  inboxPk: (t: string, unit: string) => `${t}#INBOX#${unit}`,
  outboxPk: (t: string, unit: string) => `${t}#OUTBOX#${unit}`,
  tasksPk: (t: string, assignee: { unit?: string; userId?: string }) => assignee.userId ? `${t}#TASKS#USER#${assignee.userId}` : `${t}#TASKS#UNIT#${assignee.unit}`,
  assignerPk: (t: string, userId: string) => `${t}#ASSIGNER#${userId}`,
  taskDuePk: (t: string) => `${t}#TASKDUE`,
};

export const strip = <T>(item: Record<string, unknown>): T => withoutKeys<T>(item);
const pad6 = (n: number) => String(n).padStart(6, '0');

export function outgoingItem(t: string, d: OutgoingDocument) {
  return {
    ...keys.doc(t, d.id), ...d,
    gsi1pk: keys.outboxPk(t, d.draftingUnit.code), gsi1sk: `${d.updatedAt}#${d.id}`,
    ...(d.status !== 'draft' && d.status !== 'approved' && d.number !== undefined
      ? { gsi2pk: keys.registerPk(t, d.issuingUnit.code, d.series as Series, d.year!), gsi2sk: pad6(d.number) } : {}),
  };
}

export function incomingItem(t: string, d: IncomingDocument) {
  const open = OPEN_INCOMING.includes(d.status);
  const task = d.assignment?.deadline && (d.status === '04' || d.status === '05') ? d.assignment : undefined;
  return {
    ...keys.incoming(t, d.id), ...d,
    // Urgent first (hỏa tốc hẹn giờ = priority 4 sorts as 0), then by arrival.
    ...(open ? { gsi1pk: keys.inboxPk(t, d.unit), gsi1sk: `${4 - urgency(d.urgency).priority}#${d.arrivedAt}#${d.id}` } : {}),
    ...(d.arrivalNumber !== undefined ? { gsi2pk: keys.registerPk(t, d.unit, 'in', d.year!), gsi2sk: pad6(d.arrivalNumber) } : {}),
    ...(task ? {
      gsi3pk: keys.tasksPk(t, task), gsi3sk: `${task.deadline}#${d.id}`,
      gsi4pk: keys.assignerPk(t, task.by.id), gsi4sk: `${task.deadline}#${d.id}`,
      gsi5pk: keys.taskDuePk(t), gsi5sk: `${task.deadline}#${d.id}`,
    } : {}),
  };
}

export const traceItem = (t: string, docId: string, r: RecipientTrace & { version: number }) => ({ ...keys.trace(t, docId, r.agency), docId, ...r });

export interface DocumentsStore {
  table: string;
  /** Transaction items on this table: a plain put, a put of what must not exist, a put if the version is still `expected`. */
  put(item: Record<string, unknown>): TransactItem;
  putNew(item: Record<string, unknown>): TransactItem;
  putIfVersion(item: Record<string, unknown>, expected: number): TransactItem;
  /** A register counter moved from `last` to `last + 1`, only if nobody moved it first (numbers without gaps). */
  counterStep(key: { pk: string; sk: string }, last: number): TransactItem;
  write(items: TransactItem[]): Promise<boolean>;
  get<T>(key: { pk: string; sk: string }, consistent?: boolean): Promise<T | undefined>;
  getOutgoing(t: string, id: string): Promise<OutgoingDocument | undefined>;
  getIncoming(t: string, id: string): Promise<IncomingDocument | undefined>;
  traces(t: string, docId: string): Promise<(RecipientTrace & { version: number })[]>;
  counter(t: string, unit: string, series: Series, year: number): Promise<number>;
  /** Items put once each (absent ones only), outside a transaction: trace lines, search entries. */
  putIfAbsent(item: Record<string, unknown>): Promise<boolean>;
  batchPut(items: Record<string, unknown>[]): Promise<void>;
  query(params: { index?: string; pk: string; from?: string; to?: string; forward: boolean; limit: number; cursor?: string; filter?: { expression: string; values: Record<string, unknown>; names?: Record<string, string> } }): Promise<Page<Record<string, unknown>>>;
  queryAll(params: { index?: string; pk: string; from?: string; to?: string; forward?: boolean }): Promise<Record<string, unknown>[]>;
}

const lostRace = (err: unknown) => err instanceof Error && err.name === 'TransactionCanceledException'
  && ((err as Error & { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict');

export function dynamoDocumentsStore(db: DynamoDBDocumentClient, table: string): DocumentsStore {
  const store: DocumentsStore = {
    table,
    put: (Item) => ({ Put: { TableName: table, Item } }),
    putNew: (Item) => ({ Put: { TableName: table, Item, ConditionExpression: 'attribute_not_exists(pk)' } }),
    putIfVersion: (Item, expected) => ({ Put: { TableName: table, Item, ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expected } } }),
    counterStep: (key, last) => (last === 0
      ? store.putNew({ ...key, last: 1 })
      : { Put: { TableName: table, Item: { ...key, last: last + 1 }, ConditionExpression: '#l = :prev', ExpressionAttributeNames: { '#l': 'last' }, ExpressionAttributeValues: { ':prev': last } } }),
    async write(items) {
      try {
        await db.send(new TransactWriteCommand({ TransactItems: items }));
        return true;
      } catch (err) {
        // A quota counter's condition is the tenant's limit, not a race: 429 QUOTA_EXCEEDED, nothing written.
        const refused = quotaRefusal(err, items);
        if (refused) throw refused;
        // A lost race (a condition, or another transaction on the same item at once) is the caller's to answer.
        if (cancelledOnCondition(err) || lostRace(err)) return false;
        throw err;
      }
    },
    async get<T>(key: { pk: string; sk: string }, consistent = true) {
      const out = await db.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: consistent }));
      return out.Item ? strip<T>(out.Item) : undefined;
    },
    getOutgoing: (t, id) => store.get<OutgoingDocument>(keys.doc(t, id)),
    getIncoming: (t, id) => store.get<IncomingDocument>(keys.incoming(t, id)),
    async traces(t, docId) {
      const items = await store.queryAll({ pk: keys.doc(t, docId).pk, from: 'TO#', to: 'TO#\uffff' });
      return items.map((i) => strip<RecipientTrace & { version: number }>(i));
    },
    async counter(t, unit, series, year) {
      const item = await store.get<{ last: number }>(keys.counter(t, unit, series, year));
      return item?.last ?? 0;
    },
    async putIfAbsent(item) {
      try {
        await db.send(new PutCommand({ TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
        return true;
      } catch (err) {
        if (isConditionalFailure(err)) return false;
        throw err;
      }
    },
    batchPut: (items) => batchWriteAll(db, table, items.map((Item) => ({ PutRequest: { Item } }))),
    async query(p) {
      const pkAttr = p.index ? `${p.index}pk` : 'pk';
      const skAttr = p.index ? `${p.index}sk` : 'sk';
      const values: Record<string, unknown> = { ':p': p.pk, ...(p.filter?.values ?? {}) };
      let range = '';
      if (p.from !== undefined && p.to !== undefined) { range = ' AND #s BETWEEN :from AND :to'; Object.assign(values, { ':from': p.from, ':to': p.to }); }
      else if (p.from !== undefined) { range = ' AND #s >= :from'; values[':from'] = p.from; }
      else if (p.to !== undefined) { range = ' AND #s <= :to'; values[':to'] = p.to; }
      const out = await db.send(new QueryCommand({
        TableName: table, IndexName: p.index,
        KeyConditionExpression: `#p = :p${range}`,
        ExpressionAttributeNames: { '#p': pkAttr, ...(range ? { '#s': skAttr } : {}), ...(p.filter?.names ?? {}) },
        ExpressionAttributeValues: values,
        ...(p.filter ? { FilterExpression: p.filter.expression } : {}),
        ScanIndexForward: p.forward, Limit: p.limit,
        ExclusiveStartKey: decodeCursor(p.cursor, pkAttr, p.pk),
      }));
      return { items: out.Items ?? [], cursor: out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey) : undefined };
    },
    async queryAll(p) {
      const all: Record<string, unknown>[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.query({ ...p, forward: p.forward ?? true, limit: 500, cursor });
        all.push(...page.items);
        cursor = page.cursor;
      } while (cursor);
      return all;
    },
  };
  return store;
}

/** A list line of a box or register. */
export function listRow(item: Record<string, unknown>): ListRow {
  const i = strip<Record<string, unknown>>(item);
  return {
    id: String(i.id), kind: i.kind as ListRow['kind'], status: String(i.status), type: String(i.type), subject: String(i.subject),
    urgency: String(i.urgency), numberSymbol: i.numberSymbol as string | undefined, issuedAt: i.issuedAt as string | undefined,
    arrivedAt: i.arrivedAt as string | undefined, arrivalNumber: i.arrivalNumber as number | undefined,
    from: i.from ? { agency: (i.from as { agency: string }).agency, name: (i.from as { name: string }).name } : undefined,
    assignment: i.assignment as ListRow['assignment'], updatedAt: i.updatedAt as string | undefined,
  };
}
