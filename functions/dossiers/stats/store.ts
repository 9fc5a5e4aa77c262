// The statistics' DynamoDB adapter (key design in docs/statistics.md and tables.ts). Counters are written only by the
// stream consumer, together with each dossier's contribution record, in one transaction; the API reads prefix sums.
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionalFailure } from '#shared/ddb';
import type { TransactItem } from '../store';
import { addTotals, groupKey, MEASURES, prefixParts, type Contribution, type CounterDelta, type Day, type Group, type PrefixSums, type Totals, zeroTotals } from './model';

/** What the counters currently hold of one dossier: its contribution as of `version`. */
export interface ContributionRecord {
  version: number;
  /** The dossier item was deleted: it contributes nothing, and nothing older may be applied again. */
  removed?: boolean;
  contribution?: Contribution;
}

/** One dossier's move from what the counters hold of it to its new state. */
export interface ContributionChange {
  tenant: string;
  code: string;
  previous?: ContributionRecord;
  next: ContributionRecord;
  diff: CounterDelta[];
}

export interface StatsStore {
  /** The contribution records of these dossiers (strongly consistent). */
  records(tenant: string, codes: string[]): Promise<Map<string, ContributionRecord>>;
  /** How many items applying these changes in one transaction writes. */
  itemCount(changes: ContributionChange[]): number;
  /** All changes in one transaction; false when a record moved since it was read (nothing is written then). */
  apply(changes: ContributionChange[], at: string): Promise<boolean>;
  /**
   * The prefix sums at the end of each day, per group: three Query calls per day (fewer when days share a year or a
   * month: each distinct query runs once), plus one per extra page, whatever the length of the history.
   */
  prefixes(tenant: string, days: Day[]): Promise<PrefixSums[]>;
  /** Keeps a day's report; false when one was kept already (a snapshot never changes). */
  putSnapshot(tenant: string, day: Day, snapshot: Record<string, unknown>): Promise<boolean>;
  getSnapshot(tenant: string, day: Day): Promise<Record<string, unknown> | undefined>;
}

/** Largest TransactWriteItems DynamoDB accepts. */
export const MAX_TRANSACTION_ITEMS = 100;

const snapshotKey = (tenant: string, day: Day) => ({ pk: `${tenant}#STATS#SNAPSHOT`, sk: day });
const recordKey = (tenant: string, code: string) => ({ pk: `${tenant}#DOSSIER#${code}`, sk: 'STATS' });

/**
 * Counter items: the deltas of one group summed over a day, a month and a year, so that a prefix sum up to any day
 * reads whole years, whole months of its year and days of its month (three partitions).
 */
export const counterKeys = (tenant: string, day: Day, group: Group) => {
  const { year, month } = prefixParts(day);
  const g = groupKey(group);
  return [
    { pk: `${tenant}#STATS#D#${month}`, sk: `${day}#${g}` },
    { pk: `${tenant}#STATS#M#${year}`, sk: `${month}#${g}` },
    { pk: `${tenant}#STATS#Y`, sk: `${year}#${g}` },
  ];
};

interface CounterUpdate {
  key: { pk: string; sk: string };
  group: Group;
  add: Partial<Totals>;
}

function counterUpdates(changes: ContributionChange[]): CounterUpdate[] {
  const updates = new Map<string, CounterUpdate>();
  for (const change of changes) {
    for (const delta of change.diff) {
      for (const key of counterKeys(change.tenant, delta.day, delta.group)) {
        const id = `${key.pk}\n${key.sk}`;
        let update = updates.get(id);
        if (!update) updates.set(id, (update = { key, group: delta.group, add: {} }));
        update.add[delta.measure] = (update.add[delta.measure] ?? 0) + delta.n;
      }
    }
  }
  return [...updates.values()].filter((u) => Object.values(u.add).some((n) => n !== 0));
}

export function dynamoStatsStore(db: DynamoDBDocumentClient, tableName: string): StatsStore {
  async function queryAll(pk: string, below: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await db.send(new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND sk < :below',
        ExpressionAttributeValues: { ':pk': pk, ':below': below },
        ExclusiveStartKey: start,
      }));
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  return {
    async records(tenant, codes) {
      const found = new Map<string, ContributionRecord>();
      for (let i = 0; i < codes.length; i += 100) {
        let keys: Record<string, unknown>[] = codes.slice(i, i + 100).map((code) => recordKey(tenant, code));
        for (let attempt = 0; keys.length; attempt++) {
          // Keys left unprocessed (throttling) are asked again, after a short and growing pause.
          if (attempt) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
          const out = await db.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }));
          for (const item of out.Responses?.[tableName] ?? []) {
            found.set(item.code as string, { version: item.version as number, removed: item.removed as boolean | undefined, contribution: item.contribution as Contribution | undefined });
          }
          keys = (out.UnprocessedKeys?.[tableName]?.Keys ?? []) as Record<string, unknown>[];
        }
      }
      return found;
    },

    itemCount: (changes) => changes.length + counterUpdates(changes).length,

    async apply(changes, at) {
      const items: TransactItem[] = changes.map((c) => ({
        Put: {
          TableName: tableName,
          Item: { ...recordKey(c.tenant, c.code), code: c.code, ...c.next, updatedAt: at },
          ...(c.previous
            ? { ConditionExpression: '#v = :v', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': c.previous.version } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      }));
      for (const u of counterUpdates(changes)) {
        const measures = MEASURES.filter((m) => (u.add[m] ?? 0) !== 0);
        items.push({
          Update: {
            TableName: tableName,
            Key: u.key,
            UpdateExpression: `SET #unit = :unit, #procedure = :procedure, #field = :field ADD ${measures.map((m) => `#${m} :${m}`).join(', ')}`,
            ExpressionAttributeNames: { '#unit': 'unit', '#procedure': 'procedure', '#field': 'field', ...Object.fromEntries(measures.map((m) => [`#${m}`, m])) },
            ExpressionAttributeValues: {
              ':unit': u.group.unit, ':procedure': u.group.procedure, ':field': u.group.field,
              ...Object.fromEntries(measures.map((m) => [`:${m}`, u.add[m]])),
            },
          },
        });
      }
      if (items.length > MAX_TRANSACTION_ITEMS) throw new RangeError(`${items.length} items in one transaction (at most ${MAX_TRANSACTION_ITEMS})`);
      try {
        await db.send(new TransactWriteCommand({ TransactItems: items }));
        return true;
      } catch (err) {
        const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
        if ((err as Error).name === 'TransactionCanceledException' && reasons.some((r) => r.Code === 'ConditionalCheckFailed')) return false;
        throw err;
      }
    },

    async prefixes(tenant, days) {
      const queries = new Map<string, Promise<Record<string, unknown>[]>>();
      const query = (pk: string, below: string) => {
        const id = `${pk}\n${below}`;
        if (!queries.has(id)) queries.set(id, queryAll(pk, below));
        return queries.get(id)!;
      };
      return Promise.all(days.map(async (day) => {
        const { year, month } = prefixParts(day);
        // '$' sorts right after '#': every `{day}#…` key of the day is below `{day}$`, the next day's keys above it.
        const parts = await Promise.all([
          query(`${tenant}#STATS#Y`, year),
          query(`${tenant}#STATS#M#${year}`, month),
          query(`${tenant}#STATS#D#${month}`, `${day}$`),
        ]);
        const sums: PrefixSums = new Map();
        for (const item of parts.flat()) {
          const group = { unit: item.unit as string, procedure: item.procedure as string, field: item.field as string };
          const key = groupKey(group);
          let entry = sums.get(key);
          if (!entry) sums.set(key, (entry = { group, totals: zeroTotals() }));
          addTotals(entry.totals, item as Partial<Totals>);
        }
        return sums;
      }));
    },

    async putSnapshot(tenant, day, snapshot) {
      try {
        await db.send(new PutCommand({ TableName: tableName, Item: { ...snapshot, ...snapshotKey(tenant, day) }, ConditionExpression: 'attribute_not_exists(pk)' }));
        return true;
      } catch (err) {
        if (isConditionalFailure(err)) return false;
        throw err;
      }
    },

    async getSnapshot(tenant, day) {
      const out = await db.send(new GetCommand({ TableName: tableName, Key: snapshotKey(tenant, day) }));
      if (!out.Item) return undefined;
      const { pk: _pk, sk: _sk, ...snapshot } = out.Item;
      return snapshot;
    },
  };
}
