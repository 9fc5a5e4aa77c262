// The operator's invoice and cost report (docs/billing.md) against the local suite: the invoice of a month in JSON and
// CSV, refusals (unknown tenant, bad month, a tenant's token), and the consumption tally rising as a province's
// officials use the suite and as its scheduled job runs. Thanh Hóa is read here; its registry record is never changed
// (the job writes the frozen daily report of a day in 2020, which nothing else reads).
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { consumptionKey } from '#shared/consumption';
import { waitForStreams } from '#local/streams';
import { usageTable } from '#shared/metering';
import { PLATFORM_DEPLOYMENT } from '#shared/exchange';
import { physicalTableName } from '#shared/table';
import { adminOf, api, eventually, officerOf, operatorToken, suiteInfo } from './support';

const TENANT = 'thanhhoa';
/** The plans' published monthly prices (shared/plans.ts), written out: the invoice must come to these. */
const MONTHLY_PRICE: Record<string, number> = { basic: 15_000_000, standard: 45_000_000, premium: 120_000_000 };
/** A month before the suite existed: no usage at all. */
const EMPTY_MONTH = '2020-01';

const get = async (path: string) => api('GET', path, { token: await operatorToken() });

describe('invoice', () => {
  it('a month without usage: the plan\'s price plus 10% VAT, every quota line at zero', async () => {
    const tenant = (await get(`/platform/v1/tenants/${TENANT}`)).body;
    const res = await get(`/platform/v1/tenants/${TENANT}/invoice?month=${EMPTY_MONTH}`);
    expect(res.status).toBe(200);
    const price = MONTHLY_PRICE[tenant.plan]!;
    expect(res.body).toMatchObject({ tenant: TENANT, month: EMPTY_MONTH, plan: tenant.plan, currency: 'VND', subtotalVnd: price, vatRate: 0.1, vatVnd: price / 10, totalVnd: price * 11 / 10 });
    expect(res.body.subscription.label).toMatch(/^Phí thuê bao gói /);
    expect(res.body.quotas.map((l: { quota: string; included: number; used: number; amountVnd: number }) => [l.quota, l.included, l.used, l.amountVnd])).toEqual(
      Object.entries(tenant.quotas).map(([quota, included]) => [quota, included, 0, 0]),
    );
  });

  it('the current month by default, in Vietnam', async () => {
    const res = await get(`/platform/v1/tenants/${TENANT}/invoice`);
    expect(res.status).toBe(200);
    const vietnamNow = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
    expect(res.body.month).toBe(vietnamNow);
    expect(res.body.totalVnd).toBeGreaterThanOrEqual(res.body.subtotalVnd);
  });

  it('as CSV: text/csv, a download, Vietnamese header, the totals last', async () => {
    const res = await get(`/platform/v1/tenants/${TENANT}/invoice?month=${EMPTY_MONTH}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(`hoa-don-${TENANT}-${EMPTY_MONTH}.csv`);
    const lines = String(res.body).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Khoản mục,Đơn vị tính,Hạn mức,Đã dùng,Vượt hạn mức,Đơn giá (VND),Thành tiền (VND),Ghi chú');
    const tenant = (await get(`/platform/v1/tenants/${TENANT}`)).body;
    expect(lines.at(-1)).toBe(`Tổng cộng thanh toán,,,,,,${MONTHLY_PRICE[tenant.plan]! * 11 / 10},`);
  });
});

describe('refusals', () => {
  it.each(['invoice', 'cost'])('%s: 404 for an unknown tenant, 400 for a bad or future month', async (what) => {
    const unknown = await get(`/platform/v1/tenants/khongcotinhnay/${what}?month=${EMPTY_MONTH}`);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'TENANT_NOT_FOUND']);
    for (const month of ['2026-13', '2026-1', 'tháng 3']) {
      const bad = await get(`/platform/v1/tenants/${TENANT}/${what}?month=${encodeURIComponent(month)}`);
      expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    const future = await get(`/platform/v1/tenants/${TENANT}/${what}?month=2999-01`);
    expect([future.status, future.body.error.code]).toEqual([400, 'MONTH_IN_FUTURE']);
  });

  it.each([
    ['a tenant-admin\'s token', () => adminOf(TENANT)],
    ['an officer\'s token', () => officerOf(TENANT)],
  ])('answers 401 to %s (operator routes take the operator pool\'s tokens only)', async (_, token) => {
    for (const what of ['invoice', 'cost']) {
      const res = await api('GET', `/platform/v1/tenants/${TENANT}/${what}`, { token: await token() });
      expect([res.status, res.body.error.code]).toEqual([401, 'UNAUTHORIZED']);
    }
  });
});

describe('cost report', () => {
  it('a month without usage costs nothing and earns the plan price', async () => {
    const tenant = (await get(`/platform/v1/tenants/${TENANT}`)).body;
    const res = await get(`/platform/v1/tenants/${TENANT}/cost?month=${EMPTY_MONTH}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      tenant: TENANT, month: EMPTY_MONTH, prices: { region: 'ap-southeast-1' },
      consumption: { requests: 0, invocations: 0, readUnits: 0, writeUnits: 0, gbSeconds: 0, storageGbMonths: 0 },
      costUsd: 0, costVnd: 0, revenueVnd: MONTHLY_PRICE[tenant.plan], marginVnd: MONTHLY_PRICE[tenant.plan], marginRate: 1,
    });
    expect(res.body.prices.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('consumption rises as the province\'s officials use the suite, and costs something', async () => {
    const before = (await get(`/platform/v1/tenants/${TENANT}/cost`)).body;
    const token = await officerOf(TENANT);
    for (let i = 0; i < 5; i++) expect((await api('GET', `/v1/${TENANT}/units?limit=5`, { token })).status).toBe(200);
    // A container flushes at the end of an invocation once its interval (1 s locally) has passed: keep calling.
    const after = await eventually(async () => {
      await api('GET', `/v1/${TENANT}/units?limit=1`, { token });
      const now = (await get(`/platform/v1/tenants/${TENANT}/cost`)).body;
      return now.consumption.requests >= before.consumption.requests + 5 && now.consumption.readUnits > before.consumption.readUnits ? now : undefined;
    });
    expect(after.consumption.gbSeconds).toBeGreaterThan(before.consumption.gbSeconds);
    // Each HTTP request is a Lambda invocation too.
    expect(after.consumption.invocations - before.consumption.invocations).toBeGreaterThanOrEqual(after.consumption.requests - before.consumption.requests);
    expect(after.costUsd).toBeGreaterThan(before.costUsd);
    const lambda = after.lines.find((l: { service: string; unit: string }) => l.service === 'Lambda' && l.unit === 'GB-s');
    expect(lambda.quantity).toBe(after.consumption.gbSeconds);
  });

  it('a scheduled job\'s invocation and GB-seconds reach the report, with no HTTP request to flush them', async () => {
    const consumption = async () => (await get(`/platform/v1/tenants/${TENANT}/cost`)).body.consumption;
    // Invocations that were not API requests: only a function other than the HTTP ones adds to this.
    const notHttp = (c: { invocations: number; requests: number }) => c.invocations - c.requests;
    // As EventBridge invokes it (Lambda's Invoke API, which the local gateway serves): the nightly report of Thanh Hóa,
    // for a day of 2020, frozen at the first run and only read at the next ones.
    const event = {
      version: '0', id: randomUUID(), 'detail-type': 'Scheduled Event', source: 'aws.events', account: '000000000000', time: '2020-01-01T17:15:00Z',
      region: 'ap-southeast-1', resources: [`arn:aws:events:ap-southeast-1:000000000000:rule/tinhso-${TENANT}-dossiers-stats-daily`], detail: {},
    };
    const runJob = async () => {
      const res = await fetch(`${suiteInfo().url}/2015-03-31/functions/tinhso-${TENANT}-dossiers-stats-daily/invocations`, { method: 'POST', body: JSON.stringify(event) });
      expect([res.status, res.headers.get('x-amz-function-error')]).toEqual([200, null]);
      return (await res.json() as { tenant: string; day: string; created: boolean }[])[0]!;
    };
    // Prepare: the report exists, and the stream consumers its write woke have run, so that below only the job runs.
    await runJob();
    await waitForStreams(dirname(process.env.SUITE_FILE!), { tenant: TENANT, consumers: ['dossiers-stats', 'meter-dossiers'], since: new Date() });
    const before = await consumption();
    // Act: the job alone, until its own end-of-invocation flush (once the interval, 1 s locally, has passed) lands.
    const after = await eventually(async () => {
      expect(await runJob()).toEqual({ tenant: TENANT, day: '2020-01-01', created: false });
      const now = await consumption();
      return notHttp(now) > notHttp(before) ? now : undefined;
    });
    // Assess
    expect(after.gbSeconds).toBeGreaterThan(before.gbSeconds);
  });

  it('the tally\'s item stays one small item: a flush costs one write unit', async () => {
    const info = suiteInfo();
    const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: info.endpoints.dynamodb, region: 'ap-southeast-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }));
    const month = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
    // What a flush does, adding nothing: DynamoDB reports the units of writing the item as it now is.
    const out = await db.send(new UpdateCommand({
      TableName: physicalTableName(PLATFORM_DEPLOYMENT, usageTable), Key: consumptionKey(TENANT, month),
      UpdateExpression: 'ADD #r :zero', ExpressionAttributeNames: { '#r': 'requests' }, ExpressionAttributeValues: { ':zero': 0 }, ReturnConsumedCapacity: 'TOTAL',
    }));
    expect(out.ConsumedCapacity?.CapacityUnits).toBe(1);
  });
});
