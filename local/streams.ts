// The local event source mapping: polls each deployment's table streams on DynamoDB Local's Streams API and calls the
// catalog's stream consumers in that deployment's worker with real DynamoDBStreamEvents, as Lambda does in AWS
// (docs/streams.md): each tenant's (functions/index.ts `streams`) and the platform's (PLATFORM_STREAMS, the exchange
// hub). Per deployment and consumer: shards in order (a child after its parent), batches of up to 100 records,
// ReportBatchItemFailures honoured, checkpoints kept in DATA_DIR/streams.json.
import { setMaxListeners } from 'node:events';
import { readFileSync, renameSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand,
  type _Record as StreamRecord, type AttributeValue, type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { METER_CONSUMERS, PLATFORM_STREAMS, PLATFORM_TABLES, SERVICES, TENANT_TABLES, type StreamConsumerDef } from '#functions/index';
import { PLATFORM_DEPLOYMENT } from '#shared/exchange';
import { physicalTableName, type TableDef } from '#shared/table';
import type { DeployedTenant } from '#shared/tenant';
import { LOCAL_CREDENTIALS, LOCAL_REGION, type Endpoints } from './env';

export const STREAMS_FILE = 'streams.json';
/** The local stand-in for a consumer's SQS on-failure destination: records given up after the retries. */
export const STREAMS_FAILED_FILE = 'streams-failed.jsonl';

export interface StreamConsumer {
  def: StreamConsumerDef;
  table: TableDef;
}

/** One deployment's streams to poll: a tenant, or the platform; its physical tables are `<id>-<name>`. */
export interface StreamDeployment {
  id: string;
  /** The region put into the events' records (awsRegion). */
  region: string;
  consumers: StreamConsumer[];
}

function withTable(def: StreamConsumerDef, tables: TableDef[]): StreamConsumer {
  const table = tables.find((t) => t.name === def.table);
  if (!table) throw new Error(`Stream consumer ${def.name}: no table "${def.table}" in the catalog`);
  if (!table.stream) throw new Error(`Stream consumer ${def.name}: table "${def.table}" declares no stream`);
  return { def, table };
}

/**
 * The catalog's stream consumers with their tables (the services', and the platform's metering consumers that run in
 * each tenant's deployment); a consumer of a table without a stream is a catalog error.
 */
export function catalogConsumers(services = SERVICES, meters = METER_CONSUMERS): StreamConsumer[] {
  return [
    ...services.flatMap((service) => (service.streams ?? []).map((def) => withTable(def, [...service.tables, ...TENANT_TABLES]))),
    ...meters.map((def) => withTable(def, TENANT_TABLES)),
  ];
}

/** The control plane's stream consumers (the exchange hub) with their tables. */
export const platformConsumers = (): StreamConsumer[] => PLATFORM_STREAMS.map((def) => withTable(def, PLATFORM_TABLES));

/** Every tenant with the catalog's consumers (or those given), as the tenant stacks map them. */
export const tenantStreamDeployments = (tenants: DeployedTenant[], consumers = catalogConsumers()): StreamDeployment[] =>
  tenants.map((t) => ({ id: t.id, region: t.auth.region, consumers }));

/** The platform deployment with its consumers, as PlatformStack maps them. */
export const platformStreamDeployment = (region = LOCAL_REGION): StreamDeployment => ({ id: PLATFORM_DEPLOYMENT, region, consumers: platformConsumers() });

/** What the poller has done for one deployment's consumer: checkpoints and progress (also read by tests). */
export interface ConsumerProgress {
  /** The deployment: a tenant's id, or `platform`. */
  tenant: string;
  consumer: string;
  table: string;
  streamArn?: string;
  /** Per shard: the last sequence number delivered (and acknowledged), and whether the shard is read to its end. */
  shards: Record<string, { sequenceNumber?: string; finished?: boolean }>;
  /** Records handed to the consumer and acknowledged. */
  delivered: number;
  batches: number;
  /** Records given up after the retries (see STREAMS_FAILED_FILE). */
  discarded: number;
  /** Start of the latest polling round that found no new record on any shard: everything written before is handled. */
  caughtUpAt?: string;
  lastError?: string;
}

export interface StreamsState {
  updatedAt?: string;
  consumers: Record<string, ConsumerProgress>;
}

const stateKey = (tenant: string, consumer: string) => `${tenant}/${consumer}`;

export function readStreamsState(dataDir: string): StreamsState {
  try {
    return JSON.parse(readFileSync(join(dataDir, STREAMS_FILE), 'utf8')) as StreamsState;
  } catch {
    return { consumers: {} };
  }
}

/**
 * Waits until the named consumers (all of the deployment's when none is named) have handled every record written
 * before `since`: each has had a polling round, begun after `since`, that found nothing new. `tenant` is the deployment:
 * a tenant's id, or `platform` for the exchange hub.
 */
export async function waitForStreams(dataDir: string, options: { tenant: string; consumers?: string[]; since?: Date; timeoutMs?: number }): Promise<StreamsState> {
  const since = (options.since ?? new Date()).toISOString();
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    const state = readStreamsState(dataDir);
    const mine = Object.values(state.consumers).filter((c) => c.tenant === options.tenant && (!options.consumers || options.consumers.includes(c.consumer)));
    const ready = mine.length > 0 && (!options.consumers || mine.length === options.consumers.length) && mine.every((c) => c.caughtUpAt && c.caughtUpAt > since);
    if (ready) return state;
    if (Date.now() > deadline) throw new Error(`Stream consumers of ${options.tenant} did not catch up within ${options.timeoutMs ?? 60_000} ms: ${JSON.stringify(mine)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface StreamPollerOptions {
  /** What to poll; when absent, `tenants` with `consumers` (the catalog's when absent too). */
  deployments?: StreamDeployment[];
  tenants?: DeployedTenant[];
  consumers?: StreamConsumer[];
  endpoints: Endpoints;
  /** Calls a function in a deployment's worker (local/workers.ts). */
  invoke: (deployment: string, target: string, event: unknown) => Promise<unknown>;
  dataDir: string;
  /** Records per invocation, as the mapping's BatchSize (100 in the stacks). */
  batchSize?: number;
  /** Retries of a failing record before it is given up, as the mapping's RetryAttempts (5 in the stacks). */
  retryAttempts?: number;
  /** Longest wait between two polls of an idle stream. */
  maxIdleMs?: number;
  log?: (line: string) => void;
}

export interface StreamPollers {
  stop(): Promise<void>;
}

class Stopped extends Error {}

/** AttributeValues as Lambda serialises them in an event: binary as base64, everything else as the API gives it. */
function lambdaAttribute(value: AttributeValue): unknown {
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (value.M !== undefined) return { M: lambdaImage(value.M) };
  if (value.L !== undefined) return { L: value.L.map(lambdaAttribute) };
  const known = Object.entries(value).filter(([k, v]) => v !== undefined && k !== '$unknown');
  // The Streams client gives an empty map ({"M":{}} on the wire) back as {}: nothing else can come back empty.
  return known.length ? Object.fromEntries(known) : { M: {} };
}
const lambdaImage = (image: Record<string, AttributeValue> | undefined) =>
  image && Object.fromEntries(Object.entries(image).map(([k, v]) => [k, lambdaAttribute(v)]));

/** A Streams API record as Lambda hands it to a function (ApproximateCreationDateTime in epoch seconds). */
export function lambdaRecord(record: StreamRecord, streamArn: string, region: string): DynamoDBRecord {
  const d = record.dynamodb ?? {};
  const created = d.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    dynamodb: {
      ...(created ? { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) } : {}),
      Keys: lambdaImage(d.Keys),
      ...(d.NewImage ? { NewImage: lambdaImage(d.NewImage) } : {}),
      ...(d.OldImage ? { OldImage: lambdaImage(d.OldImage) } : {}),
      SequenceNumber: d.SequenceNumber,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType,
    },
    eventSourceARN: streamArn,
  } as DynamoDBRecord;
}

export function startStreamPollers(options: StreamPollerOptions): StreamPollers {
  const deployments = options.deployments ?? tenantStreamDeployments(options.tenants ?? [], options.consumers);
  const batchSize = options.batchSize ?? 100;
  const retryAttempts = options.retryAttempts ?? 5;
  const maxIdleMs = options.maxIdleMs ?? 500;
  const log = options.log ?? ((line: string) => console.error(line));
  const config = { endpoint: options.endpoints.dynamodb, region: deployments[0]?.region ?? LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const db = new DynamoDBClient(config);
  const streams = new DynamoDBStreamsClient(config);
  const stopping = new AbortController();
  setMaxListeners(0, stopping.signal); // one sleeping loop per deployment and consumer, each listening for the stop
  const file = join(options.dataDir, STREAMS_FILE);

  const state = readStreamsState(options.dataDir);
  let saveTimer: NodeJS.Timeout | undefined;
  const saveNow = () => {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    state.updatedAt = new Date().toISOString();
    writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2));
    renameSync(`${file}.tmp`, file);
  };
  let closed = false;
  const save = () => {
    if (!closed) saveTimer ??= setTimeout(saveNow, 50);
  };

  const sleep = (ms: number) => new Promise<void>((resolve, reject) => {
    if (stopping.signal.aborted) return reject(new Stopped());
    const timer = setTimeout(() => { stopping.signal.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(timer); reject(new Stopped()); };
    stopping.signal.addEventListener('abort', onAbort, { once: true });
  });

  async function run(deployment: StreamDeployment, consumer: StreamConsumer): Promise<void> {
    const key = stateKey(deployment.id, consumer.def.name);
    const tableName = physicalTableName(deployment.id, consumer.table);
    const progress: ConsumerProgress = state.consumers[key] ??= {
      tenant: deployment.id, consumer: consumer.def.name, table: tableName, shards: {}, delivered: 0, batches: 0, discarded: 0,
    };
    // Read again from the checkpoints after a restart; a caught-up mark of an earlier run means nothing now.
    delete progress.caughtUpAt;
    const iterators = new Map<string, string>();
    let shards: Shard[] = [];
    let listedAt = 0;
    let idleMs = 50;

    async function describe(): Promise<void> {
      const table = await db.send(new DescribeTableCommand({ TableName: tableName }));
      const arn = table.Table?.LatestStreamArn;
      if (!arn) throw new Error(`${tableName} has no stream`);
      if (progress.streamArn !== arn) {
        // A new stream (the table was created again): the old checkpoints belong to a stream that is gone.
        Object.assign(progress, { streamArn: arn, shards: {} });
        iterators.clear();
      }
      const listed: Shard[] = [];
      let start: string | undefined;
      do {
        const out = await streams.send(new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: start }));
        listed.push(...(out.StreamDescription?.Shards ?? []));
        start = out.StreamDescription?.LastEvaluatedShardId;
      } while (start);
      shards = listed.sort((a, b) => BigInt(a.SequenceNumberRange?.StartingSequenceNumber ?? '0') < BigInt(b.SequenceNumberRange?.StartingSequenceNumber ?? '0') ? -1 : 1);
      const ids = new Set(shards.map((s) => s.ShardId!));
      for (const id of Object.keys(progress.shards)) if (!ids.has(id)) delete progress.shards[id]; // trimmed away
      listedAt = Date.now();
    }

    /** Shards to read now: not read to their end, and whose parent (if still listed) is. */
    const active = () => shards.filter((s) => {
      if (progress.shards[s.ShardId!]?.finished) return false;
      const parent = s.ParentShardId;
      return !parent || !shards.some((p) => p.ShardId === parent) || !!progress.shards[parent]?.finished;
    });

    async function iterator(shardId: string): Promise<string> {
      const known = iterators.get(shardId);
      if (known) return known;
      const sequenceNumber = progress.shards[shardId]?.sequenceNumber;
      try {
        const out = await streams.send(new GetShardIteratorCommand({
          StreamArn: progress.streamArn, ShardId: shardId,
          ...(sequenceNumber ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: sequenceNumber } : { ShardIteratorType: 'TRIM_HORIZON' }),
        }));
        return out.ShardIterator!;
      } catch (err) {
        if ((err as Error).name !== 'TrimmedDataAccessException' || !sequenceNumber) throw err;
        log(`streams: ${key}: records after ${sequenceNumber} of ${shardId} were trimmed before delivery; reading on from the oldest kept`);
        delete progress.shards[shardId]!.sequenceNumber;
        return iterator(shardId);
      }
    }

    const checkpoint = (shardId: string, record: StreamRecord) => {
      const shard = progress.shards[shardId] ??= {};
      shard.sequenceNumber = record.dynamodb!.SequenceNumber!;
      save();
    };

    /** Hands records to the consumer in order, retrying from the first failed one (throws Stopped when stopped). */
    async function deliver(shardId: string, records: StreamRecord[]): Promise<void> {
      let pending = records;
      let limit = pending.length;
      let attempts = 0;
      while (pending.length) {
        if (stopping.signal.aborted) throw new Stopped();
        const batch = pending.slice(0, limit);
        const event: DynamoDBStreamEvent = { Records: batch.map((r) => lambdaRecord(r, progress.streamArn!, deployment.region)) };
        let failedAt: number | undefined;
        let functionError = false;
        try {
          const response = (await options.invoke(deployment.id, consumer.def.name, event)) as DynamoDBBatchResponse | undefined;
          const failures = response?.batchItemFailures ?? [];
          if (failures.length) {
            // As Lambda: retry from the lowest failed sequence number; an identifier not in the batch fails all of it.
            const indexes = failures.map((f) => batch.findIndex((r) => r.dynamodb?.SequenceNumber === f.itemIdentifier));
            const unknown = indexes.some((i) => i < 0);
            failedAt = unknown ? 0 : Math.min(...indexes);
            progress.lastError = unknown
              ? `batchItemFailures named a record not in the batch: ${failures.map((f) => f.itemIdentifier).join(', ')}`
              : `batchItemFailures from ${batch[failedAt]!.dynamodb?.SequenceNumber} (the consumer's log says why)`;
          }
        } catch (err) {
          if (stopping.signal.aborted) throw new Stopped();
          failedAt = 0;
          functionError = true;
          progress.lastError = (err as Error).message;
        }
        const done = failedAt === undefined ? batch.length : failedAt;
        if (done > 0) {
          checkpoint(shardId, batch[done - 1]!);
          progress.delivered += done;
          progress.batches += 1;
          pending = pending.slice(done);
          limit = pending.length;
          attempts = 0;
          continue;
        }
        if (functionError && limit > 1) {
          limit = Math.ceil(limit / 2); // bisect the batch on a function error, as BisectBatchOnFunctionError
          continue;
        }
        attempts += 1;
        if (attempts > retryAttempts) {
          const [given] = pending;
          appendFileSync(join(options.dataDir, STREAMS_FAILED_FILE), `${JSON.stringify({
            at: new Date().toISOString(), tenant: deployment.id, consumer: consumer.def.name, streamArn: progress.streamArn, shardId,
            sequenceNumber: given!.dynamodb?.SequenceNumber, keys: given!.dynamodb?.Keys, error: progress.lastError,
          })}\n`);
          log(`streams: ${key}: gave up record ${given!.dynamodb?.SequenceNumber} after ${retryAttempts} retries (${STREAMS_FAILED_FILE})`);
          checkpoint(shardId, given!);
          progress.discarded += 1;
          pending = pending.slice(1);
          limit = pending.length;
          attempts = 0;
          continue;
        }
        await sleep(Math.min(2000, 100 * 2 ** attempts));
      }
    }

    /** One GetRecords on a shard and the delivery of what it returned; the number of records. */
    async function poll(shardId: string): Promise<number> {
      let out;
      for (let attempt = 0; !out; attempt++) {
        try {
          out = await streams.send(new GetRecordsCommand({ ShardIterator: await iterator(shardId), Limit: batchSize }));
        } catch (err) {
          // An expired iterator, or (DynamoDB Local) one taken on a still empty shard that went stale meanwhile:
          // read again, once, from the checkpoint.
          const name = (err as Error).name;
          if (attempt > 0 || (name !== 'ExpiredIteratorException' && name !== 'TrimmedDataAccessException')) throw err;
          iterators.delete(shardId);
        }
      }
      const records = out.Records ?? [];
      iterators.delete(shardId);
      if (records.length) await deliver(shardId, records);
      if (out.NextShardIterator) iterators.set(shardId, out.NextShardIterator);
      else {
        // A closed shard read to its end: its children come next.
        (progress.shards[shardId] ??= {}).finished = true;
        listedAt = 0;
        save();
      }
      return records.length;
    }

    for (;;) {
      try {
        if (stopping.signal.aborted) return;
        if (!progress.streamArn || Date.now() - listedAt > 10_000) await describe();
        const roundStart = new Date();
        let found = 0;
        for (const shard of active()) found += await poll(shard.ShardId!);
        if (found === 0) {
          progress.caughtUpAt = roundStart.toISOString();
          save();
          await sleep(idleMs);
          idleMs = Math.min(maxIdleMs, idleMs * 2);
        } else {
          idleMs = 50;
        }
      } catch (err) {
        if (err instanceof Stopped || stopping.signal.aborted) return;
        const name = (err as Error).name;
        if (name === 'ResourceNotFoundException') listedAt = 0; // the table or stream is gone: look again
        iterators.clear();
        progress.lastError = `${name}: ${(err as Error).message}`;
        log(`streams: ${key}: ${progress.lastError}`);
        save();
        try {
          await sleep(1000);
        } catch {
          return;
        }
      }
    }
  }

  const loops = deployments.flatMap((deployment) => deployment.consumers.map((consumer) => run(deployment, consumer)));
  return {
    async stop() {
      stopping.abort();
      // Every loop, also when one failed: a loop still running would save into a data folder its owner may remove next.
      await Promise.allSettled(loops);
      saveNow();
      closed = true;
    },
  };
}
