// The procedure catalogue's storage: the port the service uses, and its DynamoDB adapter (key design in ../tables.ts).
import {
  GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { cancelledOnCondition, decodeCursor, encodeCursor, withoutKeys } from '#shared/ddb';
import { foldVietnamese } from '#shared/text';
import { AdminProcedureVersion, ProcedureSummary } from './schemas';

export interface Page<T> {
  items: T[];
  cursor?: string;
}

export interface SummaryFilter {
  /** true: only procedures with a published version (the public catalogue). */
  publishedOnly: boolean;
  /** Lĩnh vực, compared folded (no diacritics, any case) and whole. */
  field?: string;
  level?: number;
  unit?: string;
  /** Folded, then looked for as a phrase in the folded name or the folded field. */
  q?: string;
  limit: number;
  cursor?: string;
}

/** Strongly consistent reads are for the write paths (check, then write conditionally); public reads need none. */
export interface ReadOptions {
  consistent?: boolean;
}

export interface ProcedureStore {
  getSummary(tenant: string, code: string, options?: ReadOptions): Promise<ProcedureSummary | undefined>;
  getVersion(tenant: string, code: string, version: number, options?: ReadOptions): Promise<AdminProcedureVersion | undefined>;
  /**
   * The version citizens see and submit under, or undefined if the procedure was never published. Two reads of
   * small items: the summary's `publishedVersion` pointer, then that version.
   */
  getPublished(tenant: string, code: string): Promise<AdminProcedureVersion | undefined>;
  /** Newest first. */
  listVersions(tenant: string, code: string, page: { limit: number; cursor?: string }): Promise<Page<AdminProcedureVersion>>;
  /** The catalogue, in code order. Never a Scan: a Query of the tenant's catalogue partition with filters. */
  listSummaries(tenant: string, filter: SummaryFilter): Promise<Page<ProcedureSummary>>;
  /** Version 1 (a draft) and the summary, together. false when the code is taken. */
  insert(tenant: string, first: AdminProcedureVersion): Promise<boolean>;
  /**
   * A new draft `draft.version` after the published `draft.version - 1`. false when that one is no longer the
   * latest published version (someone made a draft first).
   */
  addDraft(tenant: string, draft: AdminProcedureVersion): Promise<boolean>;
  /**
   * Replaces the draft `draft.version`. false unless it is still the latest version, still a draft, at
   * `expectedRevision`. `listed`: the catalogue line shows this draft (the procedure was never published), so it
   * follows the draft's name, field, unit...; otherwise it keeps showing the published version.
   */
  replaceDraft(tenant: string, draft: AdminProcedureVersion, expectedRevision: number, listed: boolean): Promise<boolean>;
  /**
   * Marks `published.version` published and points the summary at it, in one transaction. false unless that version
   * is still the latest, still a draft, at `expectedRevision` (so the summary lists exactly the content published).
   */
  publish(tenant: string, published: AdminProcedureVersion, expectedRevision: number): Promise<boolean>;
}

const catalogPk = (tenant: string) => `${tenant}#PROC`;
const versionsPk = (tenant: string, code: string) => `${tenant}#PROC#${code}`;
const versionSk = (version: number) => `V#${String(version).padStart(4, '0')}`;

/** The folded name and field are search keys, not the procedure's. */
const strip = (item: Record<string, unknown>) => withoutKeys<Record<string, unknown>>(item, ['nameFolded', 'fieldFolded']);

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The catalogue line's listing fields, from the version it shows, with their folded search forms. */
function listing(v: AdminProcedureVersion) {
  return {
    code: v.code, name: v.name, nameFolded: foldVietnamese(v.name), field: v.field, fieldFolded: foldVietnamese(v.field),
    unit: v.unit, level: v.level, processingDays: v.processingDays, fee: v.fee,
  };
}

/** `SET #a = :a, …` for the given attributes, filling names and values. */
function setClause(fields: Record<string, unknown>, names: Record<string, string>, values: Record<string, unknown>): string {
  return Object.entries(fields).map(([attr, value], i) => {
    names[`#u${i}`] = attr;
    values[`:u${i}`] = value;
    return `#u${i} = :u${i}`;
  }).join(', ');
}

const isTransactionConflict = (err: unknown): boolean => {
  const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return err instanceof Error && err.name === 'TransactionCanceledException'
    && reasons.some((r) => r.Code === 'TransactionConflict') && !reasons.some((r) => r.Code === 'ConditionalCheckFailed');
};

/** Rounds of reading per catalogue request: bounds what one search costs (see docs/procedures.md). */
const MAX_ROUNDS = 4;
const MAX_ROUND_ITEMS = 200;

export function dynamoProcedureStore(db: DynamoDBDocumentClient, tableName: string): ProcedureStore {
  const versionItem = (tenant: string, v: AdminProcedureVersion) => ({ pk: versionsPk(tenant, v.code), sk: versionSk(v.version), ...v });

  /**
   * One transaction; false when it was cancelled on a condition. Two transactions on the same items at once can
   * cancel each other (TransactionConflict): we try again, and the loser then fails on its condition as it should.
   */
  async function transact(items: TransactItem[]): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await db.send(new TransactWriteCommand({ TransactItems: items }));
        return true;
      } catch (err) {
        if (cancelledOnCondition(err)) return false;
        if (!isTransactionConflict(err) || attempt >= 5) throw err;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
      }
    }
  }

  async function getVersion(tenant: string, code: string, version: number, options: ReadOptions = {}) {
    const out = await db.send(new GetCommand({
      TableName: tableName, Key: { pk: versionsPk(tenant, code), sk: versionSk(version) }, ConsistentRead: options.consistent,
    }));
    return out.Item ? AdminProcedureVersion.parse(strip(out.Item)) : undefined;
  }

  async function getSummary(tenant: string, code: string, options: ReadOptions = {}) {
    const out = await db.send(new GetCommand({ TableName: tableName, Key: { pk: catalogPk(tenant), sk: code }, ConsistentRead: options.consistent }));
    return out.Item ? ProcedureSummary.parse(strip(out.Item)) : undefined;
  }


  /**
   * Writes version `version` over its draft (still a draft, still at `expectedRevision`) and sets `summary` on the
   * catalogue line (still pointing at that version as the latest, plus `extraCondition`), in one transaction.
   */
  function rewriteDraft(tenant: string, version: AdminProcedureVersion, expectedRevision: number, summary: Record<string, unknown>, extraCondition: string) {
    const names: Record<string, string> = { '#latest': 'latestVersion' };
    const values: Record<string, unknown> = { ':version': version.version };
    const set = setClause(summary, names, values);
    return transact([
      {
        Put: {
          TableName: tableName, Item: versionItem(tenant, version),
          ConditionExpression: '#status = :draft AND #revision = :revision',
          ExpressionAttributeNames: { '#status': 'status', '#revision': 'revision' },
          ExpressionAttributeValues: { ':draft': 'draft', ':revision': expectedRevision },
        },
      },
      {
        Update: {
          TableName: tableName, Key: { pk: catalogPk(tenant), sk: version.code },
          UpdateExpression: `SET ${set}`,
          ConditionExpression: `#latest = :version${extraCondition}`,
          ExpressionAttributeNames: names, ExpressionAttributeValues: values,
        },
      },
    ]);
  }
  return {
    getSummary,
    getVersion,

    async getPublished(tenant, code) {
      const summary = await getSummary(tenant, code);
      if (summary?.publishedVersion === undefined) return undefined;
      const version = await getVersion(tenant, code, summary.publishedVersion);
      // A published version never changes again; an eventually consistent read taken just after its publication
      // may still show it as a draft: read it again, consistently.
      if (version?.status === 'published') return version;
      const fresh = await getVersion(tenant, code, summary.publishedVersion, { consistent: true });
      return fresh?.status === 'published' ? fresh : undefined;
    },

    async listVersions(tenant, code, page) {
      const partition = versionsPk(tenant, code);
      const out = await db.send(new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :v)',
        ExpressionAttributeValues: { ':p': partition, ':v': 'V#' },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, 'pk', partition),
      }));
      return { items: (out.Items ?? []).map((i) => AdminProcedureVersion.parse(strip(i))), cursor: encodeCursor(out.LastEvaluatedKey) };
    },

    async listSummaries(tenant, filter) {
      const partition = catalogPk(tenant);
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = { ':p': partition };
      const conditions: string[] = [];
      if (filter.publishedOnly) conditions.push('attribute_exists(publishedVersion)');
      const equal = (attr: string, value: unknown) => {
        names[`#${attr}`] = attr;
        values[`:${attr}`] = value;
        conditions.push(`#${attr} = :${attr}`);
      };
      if (filter.level !== undefined) equal('level', filter.level);
      if (filter.unit !== undefined) equal('unit', filter.unit);
      const field = filter.field === undefined ? '' : foldVietnamese(filter.field);
      if (field) equal('fieldFolded', field);
      const q = filter.q === undefined ? '' : foldVietnamese(filter.q);
      if (q) {
        values[':q'] = q;
        conditions.push('(contains(nameFolded, :q) OR contains(fieldFolded, :q))');
      }
      const filtered = conditions.length > (filter.publishedOnly ? 1 : 0);

      // Filters apply after the read, so one Query round may return fewer items than asked. Read on until the page
      // is full, the partition ends, or the rounds run out; a page cut in the middle of a round resumes right after
      // its last item, so no item is skipped or repeated.
      const items: Record<string, unknown>[] = [];
      let startKey = decodeCursor(filter.cursor, 'pk', partition);
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const wanted = filter.limit - items.length;
        const out = await db.send(new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :p',
          FilterExpression: conditions.length ? conditions.join(' AND ') : undefined,
          ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
          ExpressionAttributeValues: values,
          // Unfiltered, most lines match: read about what is wanted. Filtered, read larger rounds.
          Limit: Math.min(MAX_ROUND_ITEMS, filtered ? Math.max(wanted * 4, 50) : wanted + 5),
          ExclusiveStartKey: startKey,
        }));
        const found = out.Items ?? [];
        if (found.length >= wanted) {
          const page = [...items, ...found.slice(0, wanted)];
          const last = page[page.length - 1]!;
          const more = found.length > wanted || out.LastEvaluatedKey !== undefined;
          return { items: page.map((i) => ProcedureSummary.parse(strip(i))), cursor: more ? encodeCursor({ pk: last.pk, sk: last.sk }) : undefined };
        }
        items.push(...found);
        startKey = out.LastEvaluatedKey as typeof startKey;
        if (!startKey) break;
      }
      return { items: items.map((i) => ProcedureSummary.parse(strip(i))), cursor: encodeCursor(startKey) };
    },

    insert(tenant, first) {
      const summary = {
        pk: catalogPk(tenant), sk: first.code, ...listing(first),
        latestVersion: first.version, latestStatus: first.status, createdAt: first.createdAt, updatedAt: first.updatedAt,
      };
      return transact([
        { Put: { TableName: tableName, Item: summary, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Put: { TableName: tableName, Item: versionItem(tenant, first), ConditionExpression: 'attribute_not_exists(pk)' } },
      ]);
    },

    addDraft(tenant, draft) {
      const names: Record<string, string> = { '#latest': 'latestVersion', '#status': 'latestStatus' };
      const values: Record<string, unknown> = { ':previous': draft.version - 1, ':published': 'published' };
      const set = setClause({ latestVersion: draft.version, latestStatus: 'draft', updatedAt: draft.updatedAt }, names, values);
      return transact([
        { Put: { TableName: tableName, Item: versionItem(tenant, draft), ConditionExpression: 'attribute_not_exists(pk)' } },
        {
          Update: {
            TableName: tableName, Key: { pk: catalogPk(tenant), sk: draft.code },
            UpdateExpression: `SET ${set}`,
            ConditionExpression: '#latest = :previous AND #status = :published',
            ExpressionAttributeNames: names, ExpressionAttributeValues: values,
          },
        },
      ]);
    },

    replaceDraft(tenant, draft, expectedRevision, listed) {
      return rewriteDraft(tenant, draft, expectedRevision, { ...(listed ? listing(draft) : {}), updatedAt: draft.updatedAt },
        listed ? ' AND attribute_not_exists(publishedVersion)' : '');
    },

    publish(tenant, published, expectedRevision) {
      return rewriteDraft(tenant, published, expectedRevision, {
        ...listing(published), latestStatus: 'published', publishedVersion: published.version,
        publishedAt: published.publishedAt, updatedAt: published.updatedAt,
      }, '');
    },
  };
}
