// Quotas (shared/quota.ts, functions/meetings/quota.ts): the month an action falls in, the policy that holds, the
// counter's condition, which failed item of a transaction is the quota's, what a booking counts, and the two gauges
// (the mailboxes counter, the storage check on metering's stored bytes). Expected
// values are written by hand (calendars, hours × points), never computed by the code under test.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AppError } from '#shared/errors';
import { PLANS_DATA } from '#shared/plans';
import {
  counterKey, gaugeKey, headroomAfter, lostToConflict, mailboxCounter, policyOf, quotaExceeded, quotaMeter, quotaRefusal, storageCheck, storageRefusal,
  transactWrite, vietnamMonth, type TransactItem,
} from '#shared/quota';
import type { TableDef } from '#shared/table';
import { meetingUsageDelta } from '#functions/meetings/quota';
import type { Meeting } from '#functions/meetings/schemas';

const TABLE: TableDef = { name: 'dossiers', envVar: 'X', partitionKey: 'pk', sortKey: 'sk' };

describe('the month of an action', () => {
  it.each([
    ['2026-11-30T16:59:59Z', '2026-11'], // 23:59:59 on 30/11 in Vietnam
    ['2026-11-30T17:00:00Z', '2026-12'], // 00:00 on 1/12 in Vietnam, still November in UTC
    ['2026-12-31T17:00:00Z', '2027-01'], // new year in Vietnam
    ['2027-02-28T16:59:59Z', '2027-02'],
  ])('%s is %s in Vietnam', (instant, month) => {
    expect(vietnamMonth(new Date(instant))).toBe(month);
  });
});

describe('the policy that holds', () => {
  const record = { plan: 'premium' as const, quotas: {}, overage: true };

  it('is the plan\'s quota with overage when the plan prices it and the operator left it on', () => {
    expect(policyOf(record, PLANS_DATA.basic, 'dossiers')).toEqual({ limit: 100_000, overage: true });
  });

  it('takes the operator\'s override and overage switch', () => {
    expect(policyOf({ ...record, quotas: { dossiers: 3 }, overage: false }, PLANS_DATA.basic, 'dossiers')).toEqual({ limit: 3, overage: false });
  });

  it('never admits overage the plan does not price, whatever the switch', () => {
    expect(policyOf({ plan: 'basic', quotas: {}, overage: true }, PLANS_DATA.premium, 'meetingHours')).toEqual({ limit: 0, overage: false });
  });

  it('falls back to the deployed plan, overage on, for a tenant the registry does not know', () => {
    expect(policyOf(undefined, PLANS_DATA.standard, 'documentsSent')).toEqual({ limit: 20_000, overage: true });
    expect(policyOf(undefined, PLANS_DATA.basic, 'meetingHours')).toEqual({ limit: 0, overage: false });
  });
});

describe('the counter', () => {
  it('is keyed in the service table by tenant, quota and month', () => {
    expect(counterKey(TABLE, 'nghean', 'dossiers', '2026-11')).toEqual({ pk: 'nghean#QUOTA', sk: 'dossiers#2026-11' });
    expect(counterKey({ ...TABLE, sortKey: undefined, partitionKey: 'id' }, 'hue', 'meetingHours', '2027-01')).toEqual({ id: 'hue#QUOTA#meetingHours#2027-01' });
  });

  it('admits an action while what is used before it is at most limit − amount (meeting hours in point-minutes)', () => {
    expect(headroomAfter(5, 1, 'dossiers')).toBe(4);
    expect(headroomAfter(5, 5, 'documentsSent')).toBe(0);
    expect(headroomAfter(5, 6, 'documentsSent')).toBeUndefined();
    expect(headroomAfter(2, 90, 'meetingHours')).toBe(30); // 2 h = 120 point-minutes, 90 asked
  });

  const fixed = (limit: number, overage: boolean) => quotaMeter({} as DynamoDBDocumentClient, TABLE, 'nghean-dossiers', async () => ({ limit, overage }));

  it('is a conditional increment when going over is refused', async () => {
    const item = await fixed(10, false).charge('nghean', 'dossiers', 1, '2026-11');
    expect(item?.Update).toMatchObject({
      TableName: 'nghean-dossiers', Key: { pk: 'nghean#QUOTA', sk: 'dossiers#2026-11' },
      UpdateExpression: 'ADD #used :units', ConditionExpression: 'attribute_not_exists(#used) OR #used <= :max',
      ExpressionAttributeValues: { ':units': 1, ':max': 9 },
    });
  });

  it('is a plain increment with overage, and a plain decrement when giving back', async () => {
    const over = await fixed(10, true).charge('nghean', 'dossiers', 3, '2026-11');
    expect(over?.Update?.ConditionExpression).toBeUndefined();
    const back = await fixed(10, false).charge('nghean', 'meetingHours', -120, '2026-11');
    expect(back?.Update).toMatchObject({ ExpressionAttributeValues: { ':units': -120 } });
    expect(back?.Update?.ConditionExpression).toBeUndefined();
    expect(await fixed(10, false).charge('nghean', 'dossiers', 0, '2026-11')).toBeUndefined();
  });

  it('refuses at once an action bigger than the whole quota', async () => {
    await expect(fixed(2, false).charge('nghean', 'documentsSent', 3, '2026-11')).rejects.toMatchObject({
      status: 429, code: 'QUOTA_EXCEEDED', details: { quota: 'documentsSent', limit: 2, month: '2026-11' },
    });
  });
});

const cancelled = (...codes: string[]) => Object.assign(new Error('cancelled'), { name: 'TransactionCanceledException', CancellationReasons: codes.map((Code) => ({ Code })) });

describe('a cancelled transaction', () => {
  it('is a quota refusal only when the failed item is the quota counter, found by index', async () => {
    const counter = (await quotaMeter({} as DynamoDBDocumentClient, TABLE, 't', async () => ({ limit: 7, overage: false })).charge('hue', 'dossiers', 1, '2026-12'))!;
    const other: TransactItem = { Put: { TableName: 't', Item: { pk: 'a', sk: 'b' }, ConditionExpression: 'attribute_not_exists(pk)' } };
    const refusal = quotaRefusal(cancelled('None', 'ConditionalCheckFailed'), [other, counter]);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ status: 429, code: 'QUOTA_EXCEEDED', details: { quota: 'dossiers', limit: 7, month: '2026-12' } });
    expect(refusal!.message).toContain('hồ sơ');
    expect(refusal!.messageEn).toContain('dossiers');
    expect(quotaRefusal(cancelled('ConditionalCheckFailed', 'None'), [other, counter])).toBeUndefined();
    expect(quotaRefusal(cancelled('None', 'TransactionConflict'), [other, counter])).toBeUndefined();
    expect(quotaRefusal(new Error('other'), [other, counter])).toBeUndefined();
  });

  it('is tried again when it lost only to another transaction, and not when a condition failed', async () => {
    expect(lostToConflict(cancelled('None', 'TransactionConflict'))).toBe(true);
    expect(lostToConflict(cancelled('ConditionalCheckFailed', 'TransactionConflict'))).toBe(false);
    let calls = 0;
    const flaky = { send: async () => { calls += 1; if (calls < 3) throw cancelled('TransactionConflict'); return {}; } } as unknown as DynamoDBDocumentClient;
    await transactWrite(flaky, []);
    expect(calls).toBe(3);
    const refusing = { send: async () => { throw cancelled('ConditionalCheckFailed'); } } as unknown as DynamoDBDocumentClient;
    await expect(transactWrite(refusing, [])).rejects.toMatchObject({ name: 'TransactionCanceledException' });
  });

  it('names the quota in both languages', () => {
    const err = quotaExceeded('meetingHours', 3, '2027-01');
    expect([err.status, err.code]).toEqual([429, 'QUOTA_EXCEEDED']);
    expect(err.message).toContain('giờ họp');
    expect(err.messageEn).toContain('meetingHours');
  });
});

describe('what a booking counts of the meeting hours (point-minutes per month)', () => {
  const NOW = new Date('2026-11-24T10:00:00+07:00');
  const meeting = (over: Partial<Meeting> = {}) => ({
    start: '2026-11-26T08:00:00+07:00', end: '2026-11-26T10:00:00+07:00', points: ['a', 'b', 'c'],
    exceptions: {}, status: 'scheduled' as const, ...over,
  });

  it('counts a new meeting as hours × points in its month', () => {
    expect([...meetingUsageDelta(undefined, meeting(), NOW)]).toEqual([['2026-11', 2 * 60 * 3]]);
  });

  it('counts each occurrence of a series in the month it starts in (Vietnam time)', () => {
    // Mondays 30/11, 7/12, 14/12 at 06:30 in Vietnam (23:30 UTC the evening before): one in November, two in December.
    const series = meeting({ start: '2026-11-30T06:30:00+07:00', end: '2026-11-30T07:15:00+07:00', points: ['a', 'b'], recurrence: 'FREQ=WEEKLY;BYDAY=MO;COUNT=3' });
    expect(Object.fromEntries(meetingUsageDelta(undefined, series, NOW))).toEqual({ '2026-11': 45 * 2, '2026-12': 2 * 45 * 2 });
  });

  it('charges only the difference of a change, and gives back what a cancellation frees', () => {
    const before = meeting();
    expect([...meetingUsageDelta(before, { ...before, points: ['a', 'b', 'c', 'd'] }, NOW)]).toEqual([['2026-11', 120]]);
    expect([...meetingUsageDelta(before, { ...before, end: '2026-11-26T09:00:00+07:00' }, NOW)]).toEqual([['2026-11', -180]]);
    expect([...meetingUsageDelta(before, { ...before, status: 'cancelled' }, NOW)]).toEqual([['2026-11', -360]]);
    expect([...meetingUsageDelta(before, { ...before }, NOW)]).toEqual([]);
  });

  it('moves the hours when a meeting moves to another month', () => {
    const before = meeting();
    const moved = { ...before, start: '2026-12-01T08:00:00+07:00', end: '2026-12-01T10:00:00+07:00' };
    expect(Object.fromEntries(meetingUsageDelta(before, moved, NOW))).toEqual({ '2026-11': -360, '2026-12': 360 });
  });

  it('never gives back an occurrence that has begun', () => {
    const before = meeting({ start: '2026-11-24T09:00:00+07:00', end: '2026-11-24T11:00:00+07:00' });
    expect([...meetingUsageDelta(before, { ...before, status: 'cancelled' }, NOW)]).toEqual([]);
  });
});

describe('the mailboxes gauge', () => {
  const DIRECTORY: TableDef = { name: 'directory', envVar: 'DIRECTORY_TABLE', partitionKey: 'pk', sortKey: 'sk' };
  const counter = (limit: number, overage: boolean, used?: number) => mailboxCounter(
    { send: async () => ({ Item: used === undefined ? undefined : { used } }) } as unknown as DynamoDBDocumentClient,
    DIRECTORY, 'hue-directory', async () => ({ limit, overage }),
  );

  it('is one counter per tenant in the directory table, with no month', () => {
    expect(gaugeKey(DIRECTORY, 'hue', 'mailboxes')).toEqual({ pk: 'hue#QUOTA', sk: 'mailboxes' });
  });

  it('on a plan without mail counts officials\' mailboxes without limiting them; elsewhere overage follows the plan\'s price', () => {
    // Basic: mailboxes 0 and no overage price, but the directory is in the plan and officials must be creatable.
    expect(policyOf({ plan: 'basic', quotas: {}, overage: false }, PLANS_DATA.basic, 'mailboxes')).toEqual({ limit: 0, overage: true });
    expect(policyOf({ plan: 'standard', quotas: { mailboxes: 3 }, overage: false }, PLANS_DATA.basic, 'mailboxes')).toEqual({ limit: 3, overage: false });
    expect(policyOf({ plan: 'premium', quotas: {}, overage: true }, PLANS_DATA.basic, 'mailboxes')).toEqual({ limit: 10_000, overage: true });
    expect(policyOf({ plan: 'basic', quotas: {}, overage: false }, PLANS_DATA.basic, 'storageGb')).toEqual({ limit: 50, overage: false });
    expect(policyOf({ plan: 'basic', quotas: {}, overage: true }, PLANS_DATA.basic, 'storageGb')).toEqual({ limit: 50, overage: true });
  });

  it('admits a mailbox while at most limit − 1 are counted, refuses at once when the limit is 0', async () => {
    const item = await counter(10, false).charge('hue', 1);
    expect(item.Update).toMatchObject({
      TableName: 'hue-directory', Key: { pk: 'hue#QUOTA', sk: 'mailboxes' }, UpdateExpression: 'ADD #used :units',
      ConditionExpression: 'attribute_not_exists(#used) OR #used <= :max', ExpressionAttributeValues: { ':units': 1, ':max': 9 },
    });
    await expect(counter(0, false).charge('hue', 1)).rejects.toMatchObject({ status: 429, details: { quota: 'mailboxes', limit: 0 } });
  });

  it('has no condition with overage admitted, nor when a mailbox is given back', async () => {
    expect((await counter(10, true).charge('hue', 1)).Update!.ConditionExpression).toBeUndefined();
    const back = await counter(0, false).charge('hue', -1);
    expect(back.Update).toMatchObject({ ExpressionAttributeValues: { ':units': -1 } });
    expect(back.Update!.ConditionExpression).toBeUndefined();
  });

  it('names the mailboxes quota when a transaction is cancelled on its counter', async () => {
    const item = await counter(4, false).charge('hue', 1);
    const other: TransactItem = { Put: { TableName: 't', Item: { pk: 'a', sk: 'b' }, ConditionExpression: 'attribute_not_exists(pk)' } };
    const refusal = quotaRefusal(cancelled('None', 'ConditionalCheckFailed'), [other, item]);
    expect(refusal).toMatchObject({ status: 429, code: 'QUOTA_EXCEEDED', details: { quota: 'mailboxes', limit: 4 } });
    expect(refusal!.details).not.toHaveProperty('month');
    expect(refusal!.message).toContain('hộp thư');
    expect(refusal!.messageEn).toContain('mailboxes');
  });

  it('looks before the sign-in is made: refuses when the counter is at the limit, reads a missing counter as 0', async () => {
    await expect(counter(5, false, 5).precheck('hue', 1)).rejects.toMatchObject({ status: 429 });
    await expect(counter(5, false, 4).precheck('hue', 1)).resolves.toBeUndefined();
    await expect(counter(1, false).precheck('hue', 1)).resolves.toBeUndefined();
    await expect(counter(5, true, 99).precheck('hue', 1)).resolves.toBeUndefined();
  });
});

describe('the storage gauge', () => {
  const GIB = 1024 ** 3;

  it('admits bytes up to exactly the quota in GiB (2^30 bytes) and refuses one byte more, naming what is stored', () => {
    expect(storageRefusal({ limit: 2, overage: false }, 2 * GIB - 1_000, 1_000)).toBeUndefined();
    const refusal = storageRefusal({ limit: 2, overage: false }, 2 * GIB - 1_000, 1_001);
    expect(refusal).toMatchObject({ status: 429, code: 'QUOTA_EXCEEDED', details: { quota: 'storageGb', limit: 2, usedBytes: 2 * GIB - 1_000, requestedBytes: 1_001, limitBytes: 2 * GIB } });
    expect(refusal!.message).toContain('dung lượng lưu trữ');
    expect(refusal!.messageEn).toContain('storageGb');
    expect(storageRefusal({ limit: 2, overage: true }, 5 * GIB, 1_000)).toBeUndefined();
  });

  it('sums the stored-bytes deltas of every month up to this one from one Query, and reads nothing with overage', async () => {
    const sent: unknown[] = [];
    const db = { send: async (command: { input: unknown }) => {
      sent.push(command.input);
      return { Items: [{ sk: 'MONTH#2026-10', storageBytesDelta: GIB }, { sk: 'MONTH#2026-11', storageBytesDelta: -200 }, { sk: 'MONTH#2026-11', dossiers: 3 }] };
    } } as unknown as DynamoDBDocumentClient;
    const at = () => new Date('2026-11-24T03:00:00Z');
    await expect(storageCheck(db, 'platform-usage', async () => ({ limit: 1, overage: false }), at)('hue', 200)).resolves.toBeUndefined();
    await expect(storageCheck(db, 'platform-usage', async () => ({ limit: 1, overage: false }), at)('hue', 201))
      .rejects.toMatchObject({ status: 429, details: { quota: 'storageGb', usedBytes: GIB - 200, requestedBytes: 201 } });
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({ TableName: 'platform-usage', ExpressionAttributeValues: { ':pk': 'TENANT#hue', ':to': 'MONTH#2026-11' } });
    await storageCheck(db, 'platform-usage', async () => ({ limit: 0, overage: true }), at)('hue', 10 * GIB);
    expect(sent).toHaveLength(2);
  });
});
