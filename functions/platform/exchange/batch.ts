// How the hub works through one batch of its stream (hub.ts), without I/O: the new envelopes of a batch are delivered
// concurrently, at most BATCH_CONCURRENCY at a time, because each delivery waits on the recipient's inbound function
// and one at a time made a document to 50 agencies of another province take 50 round trips end to end.
//
// Order is kept where it means something: envelopes between the same two agencies form a line and go one after
// another in stream order (a recall must not overtake the document it recalls; a copy's statuses stay in order), and
// a line stops at its first failure. Other lines go on. The batch reports its earliest failed record: Lambda retries
// from there, so everything after it comes again, delivered or not — safe, because every delivery is idempotent
// (the recipient files an envelope once, keyed by its id).
import type { AttributeValue, DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/** Deliveries in flight at once, per batch (each holds an invocation of a recipient's inbound function). */
export const BATCH_CONCURRENCY = 10;

export interface BatchOptions {
  concurrency?: number;
  /** Called for each record whose handling threw (the record and the later ones of its line are retried). */
  onError?: (record: DynamoDBRecord, error: unknown) => void;
}

/** The hub's work in a record: a new item (INSERT); its own marks come back as MODIFY and expiries as REMOVE. */
const isNew = (record: DynamoDBRecord) => record.eventName === 'INSERT' && !!record.dynamodb?.NewImage;

/** The line a record belongs to: the pair of agencies of its envelope, or a line of its own when it names none. */
function lineOf(item: Record<string, unknown> | undefined, index: number): string {
  const { fromAgency, toAgency } = item ?? {};
  return typeof fromAgency === 'string' && typeof toAgency === 'string' ? `${fromAgency}\n${toAgency}` : `#${index}`;
}

export async function processBatch(
  records: DynamoDBRecord[], handle: (item: Record<string, unknown>) => Promise<void>, options: BatchOptions = {},
): Promise<DynamoDBBatchResponse> {
  const items = new Map<number, Record<string, unknown> | undefined>();
  const lines = new Map<string, number[]>();
  records.forEach((record, index) => {
    if (!isNew(record)) return;
    let item: Record<string, unknown> | undefined;
    try {
      item = unmarshall(record.dynamodb!.NewImage as Record<string, AttributeValue> as never);
    } catch {
      item = undefined; // handled below as a failure of its own line
    }
    items.set(index, item);
    const line = lineOf(item, index);
    lines.set(line, [...(lines.get(line) ?? []), index]);
  });

  const queue = [...lines.values()];
  let earliestFailure: number | undefined;
  const worker = async () => {
    for (let line = queue.shift(); line; line = queue.shift()) {
      for (const index of line) {
        try {
          const item = items.get(index);
          if (!item) throw new Error('The stream record\'s NewImage could not be read');
          await handle(item);
        } catch (err) {
          options.onError?.(records[index]!, err);
          earliestFailure = Math.min(earliestFailure ?? index, index);
          break; // the rest of this line waits for the retry, in order
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? BATCH_CONCURRENCY, queue.length) }, worker));

  return {
    batchItemFailures: earliestFailure === undefined ? [] : [{ itemIdentifier: records[earliestFailure]!.dynamodb!.SequenceNumber! }],
  };
}
