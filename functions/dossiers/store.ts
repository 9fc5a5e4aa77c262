// The dossiers' DynamoDB adapter (key design in tables.ts).
import {
  GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { cancelledOnCondition, decodeCursor, encodeCursor, withoutKeys } from '#shared/ddb';
import { transactWrite } from '#shared/quota';
import { CLOSED_STATUSES } from './status';
import { Dossier, DossierListRow, type PublicDossier } from './schemas';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Stored beside the public view: who may look it up, without keeping the phone number itself there. */
export interface PublicRecord extends PublicDossier {
  phoneHash: string;
}

export interface Page<T> {
  items: T[];
  cursor?: string;
}

export interface DossierStore {
  /** The next number of a unit's daily counter: unique under any concurrency, never reused. */
  nextSequence(tenant: string, unit: string, day: string): Promise<number>;
  /** false when the code exists or one of `extra`'s conditions failed. */
  insert(tenant: string, dossier: Dossier, publicView: PublicRecord, extra: TransactItem[]): Promise<boolean>;
  /** false when the stored version is not `expectedVersion` or one of `extra`'s conditions failed. */
  replace(tenant: string, dossier: Dossier, publicView: PublicRecord, expectedVersion: number, extra: TransactItem[]): Promise<boolean>;
  get(tenant: string, code: string): Promise<Dossier | undefined>;
  getPublic(tenant: string, code: string): Promise<PublicRecord | undefined>;
  inbox(tenant: string, unit: string, f: { fromDue?: string; toDue?: string; status?: number; limit: number; cursor?: string }): Promise<Page<DossierListRow>>;
  byApplicant(tenant: string, userId: string, f: { limit: number; cursor?: string }): Promise<Page<DossierListRow>>;
  /** Unfinished dossiers whose due time is in (after, until], every page. */
  dueBetween(tenant: string, after: string, until: string): Promise<DossierListRow[]>;
}

const dossierPk = (tenant: string, code: string) => `${tenant}#DOSSIER#${code}`;
const inboxPk = (tenant: string, unit: string) => `${tenant}#INBOX#${unit}`;
const applicantPk = (tenant: string, userId: string) => `${tenant}#APPLICANT#${userId}`;
/** Dossiers not yet accepted have no due date: they sort after every dated one. */
const NO_DUE = '9999-12-31T23:59:59+07:00';

const strip = (item: Record<string, unknown>) => withoutKeys<Record<string, unknown>>(item);

export function dynamoDossierStore(db: DynamoDBDocumentClient, tableName: string): DossierStore {
  /** Open dossiers sit in their current unit's inbox (gsi1); closed ones leave it. Applicants find theirs by gsi2. */
  function dossierItem(tenant: string, d: Dossier) {
    const open = !CLOSED_STATUSES.includes(d.status.code as never);
    return {
      pk: dossierPk(tenant, d.code), sk: 'DOSSIER', ...d, applicantName: d.applicant.fullName,
      ...(open ? { gsi1pk: inboxPk(tenant, d.currentUnit), gsi1sk: `${d.dueAt ?? NO_DUE}#${d.code}` } : {}),
      ...(d.applicantUserId ? { gsi2pk: applicantPk(tenant, d.applicantUserId), gsi2sk: `${d.submittedAt}#${d.code}` } : {}),
      ...(open && d.dueAt && !d.finishedAt ? { gsi3pk: `${tenant}#DUE`, gsi3sk: `${d.dueAt}#${d.code}` } : {}),
    };
  }
  const publicItem = (tenant: string, p: PublicRecord) => ({ pk: dossierPk(tenant, p.code), sk: 'PUBLIC', ...p });

  /** A quota counter among the items turns its refusal into 429 QUOTA_EXCEEDED (thrown); conflicts are retried. */
  async function write(items: TransactItem[]): Promise<boolean> {
    try {
      await transactWrite(db, items);
      return true;
    } catch (err) {
      if (cancelledOnCondition(err)) return false;
      throw err;
    }
  }

  async function page(params: { index: 'gsi1' | 'gsi2'; partition: string; from?: string; to?: string; forward: boolean; status?: number; limit: number; cursor?: string }): Promise<Page<DossierListRow>> {
    const pkAttr = `${params.index}pk`;
    const skAttr = `${params.index}sk`;
    const values: Record<string, unknown> = { ':p': params.partition };
    let range = '';
    if (params.from !== undefined && params.to !== undefined) {
      range = ` AND #s BETWEEN :from AND :to`;
      Object.assign(values, { ':from': params.from, ':to': params.to });
    } else if (params.to !== undefined) {
      range = ' AND #s < :to';
      values[':to'] = params.to;
    }
    if (params.status !== undefined) values[':status'] = params.status;
    const out = await db.send(new QueryCommand({
      TableName: tableName,
      IndexName: params.index,
      KeyConditionExpression: `#p = :p${range}`,
      FilterExpression: params.status !== undefined ? '#status.#code = :status' : undefined,
      ExpressionAttributeNames: { '#p': pkAttr, ...(range ? { '#s': skAttr } : {}), ...(params.status !== undefined ? { '#status': 'status', '#code': 'code' } : {}) },
      ExpressionAttributeValues: values,
      ScanIndexForward: params.forward,
      Limit: params.limit,
      ExclusiveStartKey: decodeCursor(params.cursor, pkAttr, params.partition),
    }));
    return { items: (out.Items ?? []).map((i) => DossierListRow.parse(strip(i))), cursor: encodeCursor(out.LastEvaluatedKey) };
  }

  return {
    async nextSequence(tenant, unit, day) {
      const out = await db.send(new UpdateCommand({
        TableName: tableName,
        Key: { pk: `${tenant}#COUNTER#${unit}`, sk: day },
        UpdateExpression: 'ADD #n :one',
        ExpressionAttributeNames: { '#n': 'n' },
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }));
      return out.Attributes!.n as number;
    },
    insert(tenant, dossier, publicView, extra) {
      return write([
        { Put: { TableName: tableName, Item: dossierItem(tenant, dossier), ConditionExpression: 'attribute_not_exists(pk)' } },
        { Put: { TableName: tableName, Item: publicItem(tenant, publicView) } },
        ...extra,
      ]);
    },
    replace(tenant, dossier, publicView, expectedVersion, extra) {
      return write([
        {
          Put: {
            TableName: tableName, Item: dossierItem(tenant, dossier),
            ConditionExpression: '#v = :v', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': expectedVersion },
          },
        },
        { Put: { TableName: tableName, Item: publicItem(tenant, publicView) } },
        ...extra,
      ]);
    },
    async get(tenant, code) {
      const out = await db.send(new GetCommand({ TableName: tableName, Key: { pk: dossierPk(tenant, code), sk: 'DOSSIER' } }));
      return out.Item ? Dossier.parse(strip(out.Item)) : undefined;
    },
    async getPublic(tenant, code) {
      // Eventually consistent and a small item: half a read unit.
      const out = await db.send(new GetCommand({ TableName: tableName, Key: { pk: dossierPk(tenant, code), sk: 'PUBLIC' } }));
      return out.Item ? (strip(out.Item) as unknown as PublicRecord) : undefined;
    },
    inbox(tenant, unit, f) {
      return page({ index: 'gsi1', partition: inboxPk(tenant, unit), from: f.fromDue, to: f.toDue, forward: true, status: f.status, limit: f.limit, cursor: f.cursor });
    },
    async dueBetween(tenant, after, until) {
      const rows: DossierListRow[] = [];
      let cursor: Record<string, unknown> | undefined;
      do {
        const out = await db.send(new QueryCommand({
          TableName: tableName, IndexName: 'gsi3',
          // '~' sorts after every character of a code: a dossier due exactly at `after` is excluded, at `until` included.
          KeyConditionExpression: 'gsi3pk = :p AND gsi3sk BETWEEN :after AND :until',
          ExpressionAttributeValues: { ':p': `${tenant}#DUE`, ':after': `${after}#~`, ':until': `${until}#~` },
          ExclusiveStartKey: cursor,
        }));
        rows.push(...(out.Items ?? []).map((i) => DossierListRow.parse(strip(i))));
        cursor = out.LastEvaluatedKey;
      } while (cursor);
      return rows;
    },
    byApplicant(tenant, userId, f) {
      return page({ index: 'gsi2', partition: applicantPk(tenant, userId), forward: false, limit: f.limit, cursor: f.cursor });
    },
  };
}
