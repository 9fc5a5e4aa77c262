// The consumption tally (shared/consumption.ts): how ConsumedCapacity is read, when a container flushes, what the
// flush writes, and that the DynamoDB middleware asks for capacity without changing what the caller asked. No I/O: the
// middleware is driven with a stand-in `next`.
import { capacityMiddleware, ConsumptionTally, flushCommand, unitsOf } from '#shared/consumption';

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
  it('counts requests and GB-seconds (duration rounded up to the millisecond × memory)', () => {
    const tally = new ConsumptionTally(60_000, 0);
    tally.addRequest(99.2, 512);
    tally.addRequest(1, 1024);
    tally.addCapacity(1.5, 3);
    expect(tally.snapshot()).toEqual({ requests: 2, readUnits: 1.5, writeUnits: 3, gbSeconds: 0.1 * 0.5 + 0.001 * 1 });
  });

  it('flushes at most once per interval, then starts again from zero', () => {
    const tally = new ConsumptionTally(60_000, 0);
    tally.addRequest(10, 512);
    expect(tally.takeIfDue(59_999)).toBeUndefined();
    expect(tally.takeIfDue(60_000)).toMatchObject({ requests: 1 });
    expect(tally.snapshot()).toEqual({ requests: 0, readUnits: 0, writeUnits: 0, gbSeconds: 0 });
    tally.addRequest(10, 512);
    expect(tally.takeIfDue(61_000)).toBeUndefined();
  });

  it('writes nothing when nothing was counted', () => {
    expect(new ConsumptionTally(0, 0).takeIfDue(1)).toBeUndefined();
  });
});

describe('the flush', () => {
  it('ADDs each count to the tenant\'s item of the month in Vietnam, rounded to 6 decimals', () => {
    // 17:30 UTC on 31 March is 00:30 on 1 April in Vietnam.
    const command = flushCommand('tinhso-platform-usage', 'hue', { requests: 3, readUnits: 2.5, writeUnits: 0, gbSeconds: 0.1 + 0.2 }, new Date('2026-03-31T17:30:00Z'));
    expect(command.input).toEqual({
      TableName: 'tinhso-platform-usage',
      Key: { pk: 'TENANT#hue', sk: 'CONSUMPTION#2026-04' },
      UpdateExpression: 'ADD #requests :requests, #readUnits :readUnits, #gbSeconds :gbSeconds SET #updatedAt = :updatedAt',
      ExpressionAttributeNames: { '#requests': 'requests', '#readUnits': 'readUnits', '#gbSeconds': 'gbSeconds', '#updatedAt': 'updatedAt' },
      ExpressionAttributeValues: { ':requests': 3, ':readUnits': 2.5, ':gbSeconds': 0.3, ':updatedAt': '2026-04-01T00:30:00+07:00' },
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
