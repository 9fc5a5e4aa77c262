// The statistics' stream consumer, without Lambda: turns a batch of the dossiers table's stream records into
// counter changes, idempotently (docs/statistics.md, "Idempotency").
//
// Each dossier's contribution to the counters is a function of its whole state (model.ts). A record per dossier
// (`{tenant}#DOSSIER#{code}` / `STATS`) holds the contribution the counters currently include and the dossier version
// it came from; a change writes the new record (conditional on the one read) and adds new − old to the counters in
// the same transaction. So a redelivered or older image (version ≤ the record's) changes nothing, skipped events are
// caught up by the next image, and a failure leaves the counters and the record as they were.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import * as z from 'zod';
import { contributionDiff, contributionOf, type DossierFacts } from './model';
import { MAX_TRANSACTION_ITEMS, type ContributionChange, type ContributionRecord, type StatsStore } from './store';

const Timestamp = z.string();
/** The part of a dossier item the statistics read; the rest of the item is the service's business. */
export const DossierFactsSchema = z.object({
  code: z.string(),
  version: z.number().int(),
  status: z.object({ code: z.number().int() }),
  procedure: z.object({ code: z.string(), field: z.string() }),
  receivingUnit: z.string(),
  submittedAt: Timestamp,
  dueAt: Timestamp.optional(),
  originalDueAt: Timestamp.optional(),
  finishedAt: Timestamp.optional(),
  pauses: z.array(z.object({ from: Timestamp, to: Timestamp.optional() })),
  supplementRequests: z.number().int(),
  rating: z.object({ score: z.string() }).optional(),
  history: z.array(z.object({ at: Timestamp, action: z.string() })),
}) satisfies z.ZodType<DossierFacts>;

const DOSSIER_PK = /^([^#]+)#DOSSIER#(.+)$/;

/** One dossier of the batch: its latest state in the batch and where its records are. */
interface Entry {
  tenant: string;
  code: string;
  /** The latest image; undefined when the latest record removed the item. */
  image?: Record<string, unknown>;
  /** The version of the removed item (REMOVE records). */
  removedVersion?: number;
  /** Sequence number of the dossier's first record in the batch: where a retry must start to cover it. */
  firstSequence: string;
}

const image = (value: unknown) => (value ? unmarshall(value as Record<string, AttributeValue>) : undefined);

/** Dossier items only (sk `DOSSIER`); public views, counters and the statistics' own writes are not events here. */
export function dossierEntries(records: DynamoDBRecord[]): Entry[] {
  const entries = new Map<string, Entry>();
  for (const record of records) {
    const keys = record.dynamodb?.Keys;
    const pk = keys?.pk?.S;
    if (keys?.sk?.S !== 'DOSSIER' || !pk) continue;
    const match = DOSSIER_PK.exec(pk);
    if (!match) continue;
    const [, tenant, code] = match as unknown as [string, string, string];
    const id = `${tenant}\n${code}`;
    const entry = entries.get(id) ?? { tenant, code, firstSequence: record.dynamodb!.SequenceNumber! };
    if (record.eventName === 'REMOVE') {
      entry.image = undefined;
      entry.removedVersion = (image(record.dynamodb?.OldImage)?.version as number | undefined) ?? 0;
    } else {
      entry.image = image(record.dynamodb?.NewImage);
      entry.removedVersion = undefined;
    }
    entries.set(id, entry);
  }
  return [...entries.values()];
}

/** The change that brings the counters from `previous` to the entry's state; undefined when they already hold it. */
export function changeFor(entry: Entry, previous: ContributionRecord | undefined): ContributionChange | undefined {
  if (previous?.removed) return undefined;
  let next: ContributionRecord;
  if (entry.image) {
    const facts = DossierFactsSchema.parse(entry.image);
    if (previous && previous.version >= facts.version) return undefined;
    next = { version: facts.version, contribution: contributionOf(facts) };
  } else {
    next = { version: Math.max(entry.removedVersion ?? 0, previous?.version ?? 0), removed: true };
  }
  return { tenant: entry.tenant, code: entry.code, previous, next, diff: contributionDiff(previous?.contribution, next.contribution) };
}

export interface ConsumerOptions {
  store: StatsStore;
  now: () => Date;
  /** Dossiers read and written per transaction (fewer when their counters would not fit in one). */
  chunk?: number;
  log?: (message: string, details: Record<string, unknown>) => void;
}

/**
 * Applies a batch. Returns the batch item failures Lambda expects with ReportBatchItemFailures: the first record of
 * the first dossier not applied, so that the retry starts there (dossiers before it are applied; those after it that
 * were applied are skipped on redelivery by their version).
 */
export async function consume(records: DynamoDBRecord[], options: ConsumerOptions): Promise<DynamoDBBatchResponse> {
  const entries = dossierEntries(records);
  const size = options.chunk ?? 25;
  for (let i = 0; i < entries.length; i += size) {
    const chunk = entries.slice(i, i + size);
    try {
      await applyChunk(chunk, options);
    } catch (err) {
      options.log?.('statistics not updated; the batch is retried from this dossier', { code: chunk[0]!.code, error: (err as Error).message });
      return { batchItemFailures: [{ itemIdentifier: chunk[0]!.firstSequence }] };
    }
  }
  return { batchItemFailures: [] };
}

async function applyChunk(chunk: Entry[], options: ConsumerOptions, attempt = 0): Promise<void> {
  const byTenant = new Map<string, Entry[]>();
  for (const e of chunk) byTenant.set(e.tenant, [...(byTenant.get(e.tenant) ?? []), e]);
  const changes: ContributionChange[] = [];
  for (const [tenant, entries] of byTenant) {
    const records = await options.store.records(tenant, entries.map((e) => e.code));
    for (const e of entries) {
      const change = changeFor(e, records.get(e.code));
      if (change) changes.push(change);
    }
  }
  await applyChanges(changes, options, chunk, attempt);
}

async function applyChanges(changes: ContributionChange[], options: ConsumerOptions, chunk: Entry[], attempt: number): Promise<void> {
  if (!changes.length) return;
  if (changes.length > 1 && options.store.itemCount(changes) > MAX_TRANSACTION_ITEMS) {
    const half = Math.ceil(changes.length / 2);
    await applyChanges(changes.slice(0, half), options, chunk, attempt);
    await applyChanges(changes.slice(half), options, chunk, attempt);
    return;
  }
  if (await options.store.apply(changes, options.now().toISOString())) return;
  // A record moved since it was read (another invocation applied a newer image): read again and recompute.
  if (attempt >= 3) throw new Error('contribution records keep changing under this consumer');
  const codes = new Set(changes.map((c) => `${c.tenant}\n${c.code}`));
  await applyChunk(chunk.filter((e) => codes.has(`${e.tenant}\n${e.code}`)), options, attempt + 1);
}
