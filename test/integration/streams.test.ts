// The local event source mapping (local/streams.ts) on the suite's DynamoDB Local, with a consumer played by the test:
// real DynamoDBStreamEvents in order and in batches, ReportBatchItemFailures honoured, a failing record retried and
// then given up to the on-failure file, checkpoints that survive a restart, and the caught-up mark tests wait for.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { TableDef } from '#shared/table';
import type { DeployedTenant } from '#shared/tenant';
import { tableInput } from '#local/provision';
import { readStreamsState, startStreamPollers, STREAMS_FAILED_FILE, waitForStreams, type StreamPollers } from '#local/streams';
import { suiteInfo } from './support';

const info = suiteInfo();
const local = { region: 'ap-southeast-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } };
const raw = new DynamoDBClient({ endpoint: info.endpoints.dynamodb, ...local });
const db = DynamoDBDocumentClient.from(raw);
const tenant = { id: 'streamtest', auth: { region: local.region, userPoolId: 'none', clientId: 'none' } } as DeployedTenant;

let dataDir: string;
let pollers: StreamPollers | undefined;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'tinhso-streams-'));
});

afterEach(async () => {
  await pollers?.stop();
  pollers = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

let tables = 0;
/** A fresh table with a stream, named as a tenant table (`streamtest-events<n>`). */
async function table(): Promise<TableDef> {
  const def: TableDef = { name: `events${++tables}`, envVar: 'EVENTS_TABLE', partitionKey: 'pk', sortKey: 'sk', stream: true };
  const input = tableInput(tenant.id, def);
  await raw.send(new CreateTableCommand(input));
  await waitUntilTableExists({ client: raw, maxWaitTime: 30 }, { TableName: input.TableName });
  return def;
}

async function write(def: TableDef, from: number, count: number): Promise<void> {
  for (let i = from; i < from + count; i++) {
    await db.send(new PutCommand({ TableName: `${tenant.id}-${def.name}`, Item: { pk: `item#${String(i).padStart(4, '0')}`, sk: 'A', n: i, flags: { seen: false }, tags: [], empty: {} } }));
  }
}

/** A consumer played by the test: records every event it gets and answers what `respond` says. */
function consumer(respond: (event: DynamoDBStreamEvent, call: number) => DynamoDBBatchResponse | Promise<DynamoDBBatchResponse> = () => ({ batchItemFailures: [] })) {
  const events: DynamoDBStreamEvent[] = [];
  return {
    events,
    delivered: () => events.flatMap((e) => e.Records.map((r) => r.dynamodb!.NewImage!.n!.N)),
    invoke: async (tenantId: string, target: string, event: unknown) => {
      expect([tenantId, target]).toEqual([tenant.id, 'test-consumer']);
      events.push(event as DynamoDBStreamEvent);
      return respond(event as DynamoDBStreamEvent, events.length);
    },
  };
}

function start(def: TableDef, invoke: (tenant: string, target: string, event: unknown) => Promise<unknown>, options: { retryAttempts?: number } = {}) {
  pollers = startStreamPollers({
    tenants: [tenant], endpoints: info.endpoints, invoke, dataDir, log: () => undefined, retryAttempts: options.retryAttempts,
    consumers: [{ def: { name: 'test-consumer', table: def.name, entry: 'none' }, table: def }],
  });
  return pollers;
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const numbers = (from: number, count: number) => Array.from({ length: count }, (_, i) => String(from + i));

it('hands every record over once, in order, at most 100 at a time, as Lambda shapes a DynamoDBStreamEvent', async () => {
  // Prepare
  const def = await table();
  await write(def, 0, 250);
  const c = consumer();
  // Act
  start(def, c.invoke);
  await until(() => c.delivered().length >= 250, '250 records');
  const update = new Date();
  await db.send(new UpdateCommand({ TableName: `${tenant.id}-${def.name}`, Key: { pk: 'item#0007', sk: 'A' }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': 1000 } }));
  await waitForStreams(dataDir, { tenant: tenant.id, consumers: ['test-consumer'], since: update });
  // Assess
  expect(c.delivered()).toEqual([...numbers(0, 250), '1000']);
  expect(c.events.every((e) => e.Records.length <= 100)).toBe(true);
  const [first] = c.events[0]!.Records as [DynamoDBRecord];
  expect(first).toMatchObject({
    eventName: 'INSERT', eventSource: 'aws:dynamodb', awsRegion: local.region, eventSourceARN: expect.stringContaining(`table/${tenant.id}-${def.name}/stream/`),
    dynamodb: {
      Keys: { pk: { S: 'item#0000' }, sk: { S: 'A' } },
      NewImage: { pk: { S: 'item#0000' }, n: { N: '0' }, flags: { M: { seen: { BOOL: false } } }, tags: { L: [] }, empty: { M: {} } },
      StreamViewType: 'NEW_AND_OLD_IMAGES', SequenceNumber: expect.any(String), SizeBytes: expect.any(Number), ApproximateCreationDateTime: expect.any(Number),
    },
  });
  expect(first.eventID).toEqual(expect.any(String));
  const modify = c.events.at(-1)!.Records[0]!;
  expect(modify).toMatchObject({ eventName: 'MODIFY', dynamodb: { OldImage: { n: { N: '7' } }, NewImage: { n: { N: '1000' } } } });
  const sequence = c.events.flatMap((e) => e.Records.map((r) => BigInt(r.dynamodb!.SequenceNumber!)));
  expect(sequence).toEqual([...sequence].sort((a, b) => (a < b ? -1 : 1)));
  expect(readStreamsState(dataDir).consumers[`${tenant.id}/test-consumer`]).toMatchObject({ delivered: 251, discarded: 0 });
});

it('honours batchItemFailures: the retry starts at the first failed record, nothing before it comes again', async () => {
  // Prepare
  const def = await table();
  await write(def, 0, 60);
  const c = consumer((event, call) => {
    // The first answer fails record 30 (and, out of order, 40): retry from 30.
    if (call === 1) {
      const seq = (n: string) => event.Records.find((r) => r.dynamodb!.NewImage!.n!.N === n)!.dynamodb!.SequenceNumber!;
      return { batchItemFailures: [{ itemIdentifier: seq('40') }, { itemIdentifier: seq('30') }] };
    }
    return { batchItemFailures: [] };
  });
  // Act
  start(def, c.invoke);
  await until(() => c.delivered().length >= 90, 'the retry');
  await waitForStreams(dataDir, { tenant: tenant.id, since: new Date() });
  // Assess
  expect(c.events[0]!.Records).toHaveLength(60);
  expect(c.events.slice(1).flatMap((e) => e.Records.map((r) => r.dynamodb!.NewImage!.n!.N))).toEqual(numbers(30, 30));
});

it('a record that keeps failing is retried, then given up to the on-failure file, and the stream goes on', async () => {
  // Prepare
  const def = await table();
  await write(def, 0, 20);
  const c = consumer((event) => {
    if (event.Records.some((r) => r.dynamodb!.NewImage!.n!.N === '13')) throw new Error('cannot handle 13');
    return { batchItemFailures: [] };
  });
  // Act
  start(def, c.invoke, { retryAttempts: 2 });
  await until(() => readStreamsState(dataDir).consumers[`${tenant.id}/test-consumer`]?.discarded === 1, 'the record to be given up');
  await waitForStreams(dataDir, { tenant: tenant.id, since: new Date() });
  // Assess: bisected down to record 13 alone, 1 + 2 retries of it, then on without it
  const handled = c.events.filter((e) => !e.Records.some((r) => r.dynamodb!.NewImage!.n!.N === '13')).flatMap((e) => e.Records.map((r) => r.dynamodb!.NewImage!.n!.N));
  expect([...new Set(handled)].sort((a, b) => Number(a) - Number(b))).toEqual(numbers(0, 20).filter((n) => n !== '13'));
  expect(c.events.filter((e) => e.Records.length === 1 && e.Records[0]!.dynamodb!.NewImage!.n!.N === '13')).toHaveLength(3);
  const failed = readFileSync(join(dataDir, STREAMS_FAILED_FILE), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  expect(failed).toEqual([expect.objectContaining({ tenant: tenant.id, consumer: 'test-consumer', keys: { pk: { S: 'item#0013' }, sk: { S: 'A' } }, error: 'cannot handle 13' })]);
});

it('keeps its checkpoints in DATA_DIR: started again, it goes on after the last record handled', async () => {
  // Prepare: a first run handles 30 records and stops
  const def = await table();
  await write(def, 0, 30);
  const first = consumer();
  start(def, first.invoke);
  await until(() => first.delivered().length >= 30, 'the first run');
  await waitForStreams(dataDir, { tenant: tenant.id, since: new Date() });
  await pollers!.stop();
  pollers = undefined;
  expect(existsSync(join(dataDir, 'streams.json'))).toBe(true);
  await write(def, 30, 5);
  // Act
  const second = consumer();
  start(def, second.invoke);
  await until(() => second.delivered().length >= 5, 'the second run');
  await waitForStreams(dataDir, { tenant: tenant.id, since: new Date() });
  // Assess
  expect(first.delivered()).toEqual(numbers(0, 30));
  expect(second.delivered()).toEqual(numbers(30, 5));
});
