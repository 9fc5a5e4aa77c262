// The consumption tally (shared/consumption.ts): how ConsumedCapacity is read, when a container flushes, what the
// flush writes, and that the DynamoDB middleware asks for capacity without changing what the caller asked; the wrapper
// every entry point goes through (shared/with-consumption.ts), and that every entry the deployment runs uses it. No
// I/O: the middleware is driven with a stand-in `next`, and the wrapper's tally has an interval that is never due here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { capacityMiddleware, CONSUMPTION_FLUSH_ENV, ConsumptionTally, flushCommand, pendingConsumption, resetConsumption, unitsOf } from '#shared/consumption';
import { withConsumption } from '#shared/with-consumption';
import { tenantFunctions } from '#local/workers';

describe('reading ConsumedCapacity', () => {
  it('TOTAL of a read or a write: CapacityUnits by the kind of operation', () => {
    expect(unitsOf('read', { CapacityUnits: 0.5 })).toEqual({ read: 0.5, write: 0 });
    expect(unitsOf('write', { CapacityUnits: 1 })).toEqual({ read: 0, write: 1 });
  });

  it('batches and transactions: one entry per table, split reads and writes taken as given', () => {
    expect(unitsOf('write', [{ CapacityUnits: 2 }, { CapacityUnits: 4, ReadCapacityUnits: 0, WriteCapacityUnits: 4 }])).toEqual({ read: 0, write: 6 });
    expect(unitsOf('read', undefined)).toEqual({ read: 0, write: 0 });
  });
});

describe('the tally of a container', () => {
  it('counts invocations and GB-seconds (duration rounded up to the millisecond × memory), API requests apart', () => {
    const tally = new ConsumptionTally(60_000, 0);
    // An HTTP request: one API Gateway request and one invocation; a stream batch: an invocation only.
    tally.addRequest();
    tally.addInvocation(99.2, 512);
    tally.addInvocation(1, 1024);
    tally.addCapacity(1.5, 3);
    expect(tally.snapshot()).toEqual({ requests: 1, invocations: 2, readUnits: 1.5, writeUnits: 3, gbSeconds: 0.1 * 0.5 + 0.001 * 1 });
  });

  it('an invocation without a known memory size still counts, with no GB-seconds', () => {
    const tally = new ConsumptionTally(60_000, 0);
    tally.addInvocation(10, Number.NaN);
    tally.addInvocation(0, 512);
    expect(tally.snapshot()).toMatchObject({ invocations: 2, gbSeconds: 0 });
  });

  it('flushes at most once per interval, then starts again from zero', () => {
    const tally = new ConsumptionTally(60_000, 0);
    tally.addInvocation(10, 512);
    expect(tally.takeIfDue(59_999)).toBeUndefined();
    expect(tally.takeIfDue(60_000)).toMatchObject({ invocations: 1 });
    expect(tally.snapshot()).toEqual({ requests: 0, invocations: 0, readUnits: 0, writeUnits: 0, gbSeconds: 0 });
    tally.addInvocation(10, 512);
    expect(tally.takeIfDue(61_000)).toBeUndefined();
    expect(tally.takeIfDue(120_000)).toMatchObject({ invocations: 1 });
  });

  it('writes nothing when nothing was counted', () => {
    expect(new ConsumptionTally(0, 0).takeIfDue(1)).toBeUndefined();
  });
});

describe('the flush', () => {
  it('ADDs each count to the tenant\'s item of the month in Vietnam, rounded to 6 decimals', () => {
    // 17:30 UTC on 31 March is 00:30 on 1 April in Vietnam.
    const command = flushCommand('tinhso-platform-usage', 'hue', { requests: 3, invocations: 5, readUnits: 2.5, writeUnits: 0, gbSeconds: 0.1 + 0.2 }, new Date('2026-03-31T17:30:00Z'));
    expect(command.input).toEqual({
      TableName: 'tinhso-platform-usage',
      Key: { pk: 'TENANT#hue', sk: 'CONSUMPTION#2026-04' },
      UpdateExpression: 'ADD #requests :requests, #invocations :invocations, #readUnits :readUnits, #gbSeconds :gbSeconds SET #updatedAt = :updatedAt',
      ExpressionAttributeNames: { '#requests': 'requests', '#invocations': 'invocations', '#readUnits': 'readUnits', '#gbSeconds': 'gbSeconds', '#updatedAt': 'updatedAt' },
      ExpressionAttributeValues: { ':requests': 3, ':invocations': 5, ':readUnits': 2.5, ':gbSeconds': 0.3, ':updatedAt': '2026-04-01T00:30:00+07:00' },
    });
  });
});

describe('the DynamoDB middleware', () => {
  const run = async (commandName: string, input: Record<string, unknown>, output: unknown, enabled = true) => {
    const recorded: [number, number][] = [];
    const seen: unknown[] = [];
    const middleware = capacityMiddleware((r, w) => recorded.push([r, w]), () => enabled);
    const handler = middleware(async (args) => {
      seen.push(args.input);
      return { output };
    }, { commandName });
    const result = await handler({ input });
    return { recorded, seen, result };
  };

  it('asks for TOTAL on operations that accept it and records what comes back', async () => {
    const { recorded, seen } = await run('GetItemCommand', { TableName: 't', Key: {} }, { ConsumedCapacity: { CapacityUnits: 0.5 } });
    expect(seen).toEqual([{ TableName: 't', Key: {}, ReturnConsumedCapacity: 'TOTAL' }]);
    expect(recorded).toEqual([[0.5, 0]]);
  });

  it('keeps what the caller asked for, and leaves other operations and a disabled tally alone', async () => {
    expect((await run('QueryCommand', { ReturnConsumedCapacity: 'INDEXES' }, {})).seen).toEqual([{ ReturnConsumedCapacity: 'INDEXES' }]);
    expect((await run('DescribeTableCommand', { TableName: 't' }, {})).seen).toEqual([{ TableName: 't' }]);
    expect(await run('PutItemCommand', { TableName: 't' }, {}, false)).toMatchObject({ seen: [{ TableName: 't' }], recorded: [] });
  });

  it('hands back the response untouched even when it cannot be read', async () => {
    const { result, recorded } = await run('PutItemCommand', {}, null);
    expect(result).toEqual({ output: null });
    expect(recorded).toEqual([]);
  });
});

describe('the wrapper of an entry point', () => {
  const saved = { ...process.env };
  const context = { memoryLimitInMB: '1024' } as Context;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeEach(() => {
    // A dedicated deployment's container whose interval is never due during the test: nothing is written.
    process.env.TENANTS = JSON.stringify([{ id: 'hue' }]);
    process.env.USAGE_TABLE = 'tinhso-platform-usage';
    process.env[CONSUMPTION_FLUSH_ENV] = '3600';
    resetConsumption();
  });
  afterEach(() => {
    process.env = { ...saved };
    resetConsumption();
  });

  it('counts one invocation and its GB-seconds, no API request, and hands back what the handler returned', async () => {
    const handler = withConsumption(async (event: { n: number }) => {
      await sleep(20);
      return { batchItemFailures: [], n: event.n };
    });
    expect(await handler({ n: 7 }, context)).toEqual({ batchItemFailures: [], n: 7 });
    const counted = pendingConsumption()!;
    expect(counted).toMatchObject({ requests: 0, invocations: 1, readUnits: 0, writeUnits: 0 });
    // At least the 20 ms it slept, at 1 GB; well under a second.
    expect(counted.gbSeconds).toBeGreaterThanOrEqual(0.019);
    expect(counted.gbSeconds).toBeLessThan(1);
  });

  it('counts an invocation that throws, and throws the same error', async () => {
    const failure = new Error('batch failed');
    const handler = withConsumption(async () => {
      throw failure;
    });
    await expect(handler({}, context)).rejects.toBe(failure);
    expect(pendingConsumption()).toMatchObject({ invocations: 1 });
  });

  it('takes the memory from the environment when no context is given', async () => {
    process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE = '2048';
    const handler = withConsumption(async () => sleep(5));
    await handler({}, undefined as unknown as Context);
    expect(pendingConsumption()!.gbSeconds).toBeGreaterThanOrEqual(0.005 * 2);
  });

  it('counts nothing in a shared deployment (several tenants)', async () => {
    process.env.TENANTS = JSON.stringify([{ id: 'hue' }, { id: 'danang' }]);
    resetConsumption();
    await withConsumption(async () => 'ok')({}, context);
    expect(pendingConsumption()).toBeUndefined();
  });
});

describe('every function of a tenant deployment', () => {
  // The functions the local runtime runs for a tenant are the TenantStack's (the same lists in functions/index.ts):
  // HTTP services, stream consumers, schedules, inbound, mail receiving, the trigger, metering, tenant operations.
  const entries = [...new Set(Object.values(tenantFunctions()))];

  it('has some of each kind', () => {
    expect(entries).toEqual(expect.arrayContaining([
      'functions/dossiers/handler.ts', 'functions/dossiers/stats/stream.ts', 'functions/dossiers/overdue.ts', 'functions/mail/inbound.ts',
      'functions/directory/signup.ts', 'functions/platform/metering/stream.ts', 'functions/platform/archive/purge.ts',
    ]));
  });

  it.each(entries)('%s exports a handler that tallies its consumption', (entry) => {
    const source = readFileSync(join(__dirname, '..', '..', entry), 'utf8');
    expect(source).toMatch(/^export const handler = (withConsumption|httpHandler)\(/m);
  });
});
