// Dossier statistics end to end: a history of 300 dossiers written through the dossiers service itself (in this
// process, with a controlled clock, the real calendar and the real store) into the running suite's DynamoDB Local, so
// that the suite's stream poller feeds the statistics consumer exactly as Lambda would; then the API's figures for many
// periods and groupings must equal figures recomputed here, from the raw dossier items, by a separate implementation
// of DOMAIN.md's rules. Redelivering the whole stream to the consumer must change nothing.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';
import { S3Client } from '@aws-sdk/client-s3';
import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { Caller } from '#shared/auth';
import { mailOutboxTable } from '#shared/outbox';
import { uploadsTable } from '#shared/uploads';
import { dossierDeps } from '#functions/dossiers/deps';
import { demoProcedures } from '#functions/dossiers/procedures/seed';
import type { FormField, ProcedureVersion } from '#functions/dossiers/procedures/schemas';
import type { Dossier } from '#functions/dossiers/schemas';
import * as service from '#functions/dossiers/service';
import { lambdaRecord, waitForStreams } from '#local/streams';
import { TSX_CLI } from './process';
import { api, officerOf, signIn, suiteInfo, tenantOf } from './support';

const TENANT = 'quangngai';
const ROOT_AGENCY = '000.00.00.H55';
const TABLE = `${TENANT}-dossiers`;
const DOSSIERS = 300;
/** Submissions on the 12 days from Monday 6 October 2025 (two weekends inside); actions until the END. */
const FIRST_DAY = '2025-10-06';
const SUBMISSION_DAYS = 12;
const END = Date.parse('2025-11-07T17:00:00+07:00');
const SEED = 20251006;
const H = 3_600_000;

const info = suiteInfo();
const local = { region: 'ap-southeast-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } };
const raw = new DynamoDBClient({ endpoint: info.endpoints.dynamodb, ...local });
const db = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });

// ---------------------------------------------------------------------------------------------------------------
// Writing a history through the service

/** mulberry32: the same history on every run. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (min: number, max: number) => min + next() * (max - min),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

const official = (role: Caller['roles'][number], unit = ROOT_AGENCY): Caller => ({ id: `stats-${role}`, email: `${role}@${TENANT}.gov.vn`, tenant: TENANT, roles: [role], unit });
const CLERK = official('clerk');
const OFFICER = official('officer');
const LEADER = official('leader');

function formFor(fields: readonly FormField[]): Record<string, unknown> {
  const value = (f: FormField): unknown => {
    switch (f.type) {
      case 'text': return 'Nguyễn Văn Thống Kê'.slice(0, f.maxLength ?? 100);
      case 'number': return f.min ?? 1;
      case 'date': return '2025-09-01';
      case 'select': return f.options![0];
      case 'cccd': return '051090001234';
      case 'phone': return '0912345678';
    }
  };
  return Object.fromEntries(fields.map((f) => [f.id, value(f)]));
}

interface Story { code?: string; citizen?: Caller }

async function writeHistory(): Promise<string[]> {
  const base = dossierDeps({
    db, s3: new S3Client({ endpoint: info.endpoints.s3, forcePathStyle: true, ...local }), table: TABLE,
    uploadsTable: `${TENANT}-${uploadsTable.name}`, outboxTable: `${TENANT}-${mailOutboxTable.name}`, bucket: `tinhso-${TENANT}`, clock: () => new Date(),
  });
  // Files: nothing to upload here; a claim is checked against an item that never exists, so it writes nothing.
  const files: service.Files = {
    async claim(tenant, uploadId) {
      return {
        file: { uploadId, key: `${tenant}/stats-test/${uploadId}`, fileName: 'giay-to.pdf', contentType: 'application/pdf', size: 1000, sha256: '0'.repeat(64) },
        attach: { ConditionCheck: { TableName: TABLE, Key: { pk: `${tenant}#STATS-TEST#${uploadId}`, sk: 'NONE' }, ConditionExpression: 'attribute_not_exists(pk)' } },
      };
    },
  };
  const procedures: ProcedureVersion[] = [];
  for (const p of demoProcedures({ id: TENANT, rootAgency: ROOT_AGENCY })) procedures.push((await base.procedureStore.getPublished(TENANT, p.code))!);
  const online = procedures.filter((p) => p.level !== 2);

  async function story(i: number, out: Story): Promise<void> {
    const rnd = random(SEED + i * 7919);
    // Submissions on any day, some just before midnight (the day is Vietnam's), desks in office hours.
    const day = Date.parse(`${FIRST_DAY}T00:00:00+07:00`) + Math.floor(rnd.between(0, SUBMISSION_DAYS)) * 24 * H;
    const citizen = rnd.chance(0.55) ? { id: `stats-citizen-${i}`, email: `congdan${i}@example.vn`, tenant: TENANT, roles: ['citizen' as const] } : undefined;
    let t = day + (citizen ? (rnd.chance(0.1) ? rnd.between(23.5, 23.99) : rnd.between(0, 23.5)) : rnd.between(7.5, 16.5)) * H;
    const procedure = citizen ? rnd.pick(online) : rnd.pick(procedures);
    const deps = { ...base.deps, files, clock: () => new Date(t) };
    const later = (minHours: number, maxHours: number) => {
      t += rnd.between(minHours, maxHours) * H;
      return t <= END;
    };
    let d: Dossier = await service.submit(deps, TENANT, citizen ?? CLERK, {
      procedureCode: procedure.code,
      applicant: { fullName: `Người Nộp ${i}`, idNumber: '051090001234', phone: '0912345678', address: 'Số 1 Hùng Vương, Quảng Ngãi' },
      form: formFor(procedure.form),
      documents: procedure.documents.filter((r) => r.required).map((r) => ({ requirementId: r.id, uploadId: randomUUID() })),
      ...(citizen ? {} : { channel: rnd.pick([1, 3] as const) }),
    });
    Object.assign(out, { code: d.code, citizen });
    const act = async (caller: Caller, action: Record<string, unknown>) => {
      d = await service.act(deps, TENANT, caller, d.code, { ...action, version: d.version } as never);
    };
    const fate = rnd.next();
    if (fate < 0.05 || !later(0.5, 30)) return; // never accepted (yet)
    if (fate < 0.1) return act(CLERK, { action: 'refuse', reason: 'Hồ sơ không thuộc thẩm quyền' });
    if (fate < 0.13 && citizen) return act(citizen, { action: 'withdraw' });
    await act(CLERK, { action: 'accept' });
    if (!later(0.2, 20)) return;
    await act(OFFICER, { action: 'start' });
    const requests = rnd.pick([0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2]);
    for (let r = 0; r < requests; r++) {
      if (!later(1, 40)) return;
      await act(OFFICER, { action: 'request-supplement', missing: ['Bản sao giấy tờ tùy thân'] });
      if (rnd.chance(0.12)) {
        // Still waiting for the applicant at the end, or given up while waiting.
        if (rnd.chance(0.4) && later(24, 120)) await act(LEADER, { action: 'stop', reason: 'Quá hạn bổ sung' });
        return;
      }
      if (!later(2, 100)) return;
      await act(CLERK, { action: 'supplement', documents: [{ requirementId: procedure.documents[0]!.id, uploadId: randomUUID() }] });
    }
    if (rnd.chance(0.15) && later(1, 8)) await act(OFFICER, { action: 'forward', toUnit: `000.0${rnd.pick([2, 3, 4])}.00.H55` });
    if (d.dueAt && rnd.chance(0.12) && later(1, 24)) {
      await act(LEADER, { action: 'extend', newDueAt: new Date(Date.parse(d.dueAt) + 72 * H).toISOString(), reason: 'Cần xác minh thêm' });
    }
    const ending = rnd.next();
    if (ending < 0.08) return later(1, 200) ? act(LEADER, { action: 'stop', reason: 'Người nộp không đến' }) : undefined;
    if (ending < 0.12 && citizen) return later(1, 100) ? act(citizen, { action: 'withdraw', reason: 'Không cần nữa' }) : undefined;
    if (ending < 0.2) return; // still in progress at the end
    // Decided before the due date (on time) or after it (late); without a due date, some days later.
    const due = d.originalDueAt ?? d.dueAt;
    const target = due && rnd.chance(0.6) ? Date.parse(due) - rnd.between(0.5, 30) * H : (due ? Date.parse(due) : t) + rnd.between(1, 150) * H;
    t = Math.max(t + 0.2 * H, target);
    if (t > END) return;
    await act(OFFICER, { action: 'decide', resultUploadId: randomUUID(), summary: 'Đã giải quyết' });
    if (rnd.chance(0.25) || !later(0.5, 48)) return;
    await act(CLERK, { action: 'return' });
    if (citizen && rnd.chance(0.7) && later(1, 72)) {
      const score = rnd.pick(['very-satisfied', 'satisfied', 'satisfied', 'unsatisfied'] as const);
      d = { ...d, rating: await service.rate(deps, TENANT, citizen, d.code, { score }) };
    }
  }

  // Eight stories at a time; each draws from its own generator, so the history does not depend on timing.
  const stories: Story[] = Array.from({ length: DOSSIERS }, () => ({}));
  for (let i = 0; i < DOSSIERS; i += 8) {
    await Promise.all(stories.slice(i, i + 8).map((out, k) => story(i + k, out)));
  }
  return stories.map((s) => s.code!);
}

// ---------------------------------------------------------------------------------------------------------------
// The figures recomputed from the dossiers themselves (DOMAIN.md "On time or late", "Satisfaction"), instant by instant

type GroupBy = 'unit' | 'procedure' | 'field';

interface Expected {
  received: number; finishedOnTime: number; finishedLate: number; finished: number; inProgress: number; inProgressOnTime: number;
  inProgressOverdue: number; withdrawn: number; rated: number; complaints: number; onTimeRate: number | null; satisfactionIndex: number | null;
}

const midnight = (day: string) => Date.parse(`${day}T00:00:00+07:00`);
const rate = (part: number, whole: number) => (whole ? Math.round((part * 10_000) / whole) / 100 : null);

function expectedFigures(dossiers: Dossier[], q: { from: string; to: string; groupBy: GroupBy; unit?: string }) {
  const start = midnight(q.from);
  const end = midnight(q.to) + 24 * H; // the end of the period: 24:00 of its last day
  const within = (ms: number | undefined) => ms !== undefined && ms >= start && ms < end;
  const counts = new Map<string, Omit<Expected, 'finished' | 'inProgressOnTime' | 'onTimeRate' | 'satisfactionIndex'>>();
  for (const d of dossiers) {
    if (q.unit && d.receivingUnit !== q.unit) continue;
    const key = q.groupBy === 'unit' ? d.receivingUnit : q.groupBy === 'procedure' ? d.procedure.code : d.procedure.field;
    const c = counts.get(key) ?? { received: 0, finishedOnTime: 0, finishedLate: 0, inProgress: 0, inProgressOverdue: 0, withdrawn: 0, rated: 0, complaints: 0 };
    counts.set(key, c);
    const submitted = Date.parse(d.submittedAt);
    // Finish time: the first of decided, returned, stopped, refused; the service stamps it as finishedAt.
    const finishAction = d.history.find((h) => ['decide', 'return', 'stop', 'refuse'].includes(h.action));
    const finished = finishAction ? Date.parse(finishAction.at) : undefined;
    const withdrawn = d.history.find((h) => h.action === 'withdraw');
    const withdrawnAt = withdrawn ? Date.parse(withdrawn.at) : undefined;
    const requests = d.history.filter((h) => h.action === 'request-supplement').map((h) => Date.parse(h.at));
    // The due date the dossier is judged by: the pauses are already added to it; an apology's new date is not.
    const due = d.extension ? d.originalDueAt : d.dueAt;
    const dueMs = due ? Date.parse(due) : undefined;
    if (within(submitted)) c.received++;
    if (within(withdrawnAt)) c.withdrawn++;
    if (within(finished)) {
      const onTime = requests.length <= 1 && (dueMs === undefined || finished! <= dueMs);
      if (onTime) c.finishedOnTime++;
      else c.finishedLate++;
      if (d.rating) c.rated++;
      if (d.rating?.score === 'unsatisfied') c.complaints++;
    }
    const closed = finished ?? withdrawnAt;
    if (submitted < end && (closed === undefined || closed >= end)) {
      c.inProgress++;
      // Waiting for the applicant now (status 5) since before its due date: its clock stands still, nothing is overdue.
      const waitingSince = d.status.code === 5 ? requests.at(-1)! : undefined;
      const dueCounts = dueMs !== undefined && !(waitingSince !== undefined && dueMs >= waitingSince);
      const overdue = (dueCounts && dueMs! < end) || (requests.length > 1 && requests[1]! < end);
      if (overdue) c.inProgressOverdue++;
    }
  }
  const figures = (c: Omit<Expected, 'finished' | 'inProgressOnTime' | 'onTimeRate' | 'satisfactionIndex'>): Expected => {
    const finished = c.finishedOnTime + c.finishedLate;
    return {
      ...c, finished, inProgressOnTime: c.inProgress - c.inProgressOverdue,
      onTimeRate: rate(c.finishedOnTime, finished), satisfactionIndex: rate(finished - c.finishedLate - c.complaints, finished),
    };
  };
  const groups = [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, c]) => ({ key, ...figures(c) }))
    .filter((g) => g.received || g.finished || g.inProgress || g.withdrawn || g.rated);
  const sum = [...counts.values()].reduce((a, c) => {
    for (const k of Object.keys(a) as (keyof typeof a)[]) a[k] += c[k];
    return a;
  }, { received: 0, finishedOnTime: 0, finishedLate: 0, inProgress: 0, inProgressOverdue: 0, withdrawn: 0, rated: 0, complaints: 0 });
  return { groups, total: figures(sum) };
}

// ---------------------------------------------------------------------------------------------------------------

const dataDir = dirname(process.env.SUITE_FILE!);
let codes: string[];
let dossiers: Dossier[];
let leader: string;

async function readDossiers(all: string[]): Promise<Dossier[]> {
  const found: Dossier[] = [];
  for (let i = 0; i < all.length; i += 100) {
    const keys = all.slice(i, i + 100).map((code) => ({ pk: `${TENANT}#DOSSIER#${code}`, sk: 'DOSSIER' }));
    const out = await db.send(new BatchGetCommand({ RequestItems: { [TABLE]: { Keys: keys, ConsistentRead: true } } }));
    expect(out.UnprocessedKeys?.[TABLE]).toBeUndefined();
    found.push(...(out.Responses?.[TABLE] ?? []) as Dossier[]);
  }
  return found;
}

const stats = async (query: string, token = leader) => {
  const res = await api('GET', `/v1/${TENANT}/stats/dossiers?${query}`, { token });
  expect(res.status).toBe(200);
  return res.body as { groups: ({ key: string } & Expected)[]; total: Expected };
};

beforeAll(async () => {
  // The service finds the tenant's name in TENANTS, as in its function.
  process.env.TENANTS ??= JSON.stringify(info.tenants);
  const since = new Date();
  codes = await writeHistory();
  await waitForStreams(dataDir, { tenant: TENANT, consumers: ['dossiers-stats'], since: new Date(), timeoutMs: 90_000 });
  dossiers = await readDossiers(codes);
  leader = await signIn(TENANT, `lanhdao@${tenantOf(TENANT).domain}`);
  expect(Date.now() - since.getTime()).toBeLessThan(90_000);
}, 180_000);

describe('the history', () => {
  it('has every kind of dossier the figures distinguish', () => {
    const statuses = new Set(dossiers.map((d) => d.status.code));
    expect(dossiers).toHaveLength(DOSSIERS);
    expect([...statuses].sort((a, b) => a - b)).toEqual([1, 3, 4, 5, 7, 8, 9, 10]);
    expect(new Set(dossiers.map((d) => d.supplementRequests))).toEqual(new Set([0, 1, 2]));
    expect(dossiers.some((d) => d.extension)).toBe(true);
    expect(dossiers.some((d) => d.rating?.score === 'unsatisfied')).toBe(true);
    expect(dossiers.some((d) => d.procedure.processingDays === null)).toBe(true);
    expect(new Set(dossiers.map((d) => d.submittedAt.slice(0, 10))).size).toBe(SUBMISSION_DAYS);
  });
});

describe('the figures of the API equal those recomputed from the dossiers', () => {
  // Every day from the first submissions to well after the last (weekends included).
  const days = Array.from({ length: 18 }, (_, i) => new Date(Date.parse(`${FIRST_DAY}T00:00:00Z`) + i * 24 * H).toISOString().slice(0, 10));

  it.each(days)('the day %s, by unit', async (day) => {
    const q = { from: day, to: day, groupBy: 'unit' as const };
    expect(await stats(`from=${day}&to=${day}&groupBy=unit`)).toMatchObject(expectedFigures(dossiers, q));
  });

  it.each([
    ['2025-10-06', '2025-10-12', 'unit'], ['2025-10-13', '2025-10-19', 'procedure'], ['2025-10-20', '2025-10-26', 'field'],
    ['2025-10-01', '2025-10-31', 'unit'], ['2025-10-01', '2025-10-31', 'procedure'], ['2025-10-01', '2025-10-31', 'field'],
    ['2025-10-09', '2025-10-23', 'procedure'], ['2025-11-01', '2025-11-30', 'unit'],
    // A whole year (the longest period), and a month before anything happened.
    ['2025-10-01', '2026-09-30', 'field'], ['2025-09-01', '2025-09-30', 'unit'],
  ] as const)('%s to %s by %s', async (from, to, groupBy) => {
    const body = await stats(`from=${from}&to=${to}&groupBy=${groupBy}`);
    expect(body).toMatchObject(expectedFigures(dossiers, { from, to, groupBy }));
  });

  it('a leader may ask for one unit; an officer sees only their own', async () => {
    const unit = '000.02.00.H55';
    const asked = await stats(`from=2025-10-01&to=2025-10-31&groupBy=procedure&unit=${unit}`);
    expect(asked).toMatchObject({ unit, ...expectedFigures(dossiers, { from: '2025-10-01', to: '2025-10-31', groupBy: 'procedure', unit }) });
    expect(asked.total.received).toBeGreaterThan(0);
    const officer = await officerOf(TENANT);
    expect(await stats('from=2025-10-01&to=2025-10-31&groupBy=procedure', officer)).toEqual(asked);
    const other = await api('GET', `/v1/${TENANT}/stats/dossiers?from=2025-10-01&to=2025-10-31&unit=000.03.00.H55`, { token: officer });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('OTHER_UNIT');
  });

  it('the on-time rate and the satisfaction index are percentages of the dossiers finished in the period', async () => {
    const { total } = await stats('from=2025-10-01&to=2025-10-31');
    expect(total.finished).toBeGreaterThan(100);
    expect(total.finishedLate).toBeGreaterThan(0);
    expect(total.complaints).toBeGreaterThan(0);
    expect(total.onTimeRate).toBe(Math.round((total.finishedOnTime * 10_000) / total.finished) / 100);
    expect(total.satisfactionIndex).toBeCloseTo(100 - (100 * total.finishedLate) / total.finished - (100 * total.complaints) / total.finished, 1);
    const none = await stats('from=2025-09-01&to=2025-09-30');
    expect(none).toMatchObject({ groups: [], total: { finished: 0, onTimeRate: null, satisfactionIndex: null } });
  });

  it('refuses a period that ends before it starts or is longer than a year', async () => {
    for (const query of ['from=2025-10-10&to=2025-10-09', 'from=2025-01-01&to=2026-01-02', 'from=2025-02-30&to=2025-03-01']) {
      const res = await api('GET', `/v1/${TENANT}/stats/dossiers?${query}`, { token: leader });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('redelivery', () => {
  /** Every record of the tenant's dossiers stream so far, oldest first, read through the Streams API. */
  async function wholeStream(): Promise<{ records: _Record[]; arn: string }> {
    const streams = new DynamoDBStreamsClient({ endpoint: info.endpoints.dynamodb, ...local });
    const arn = (await raw.send(new DescribeTableCommand({ TableName: TABLE }))).Table!.LatestStreamArn!;
    const shards = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription!.Shards!;
    const records: _Record[] = [];
    for (const shard of shards) {
      let iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
      while (iterator) {
        const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        records.push(...(out.Records ?? []));
        if (!out.Records?.length) break; // the open shard's end, for now
        iterator = out.NextShardIterator;
      }
    }
    return { records, arn };
  }

  it('handing the consumer every record of the stream again, in order and newest batch first, changes no figure', async () => {
    // Prepare: the consumer's own module, configured as its function is
    Object.assign(process.env, {
      DOSSIERS_TABLE: TABLE, AWS_ENDPOINT_URL_DYNAMODB: info.endpoints.dynamodb, AWS_REGION: local.region,
      // It skips records of an import window or an offboarded tenant, which the platform's registry records.
      TENANT_REGISTRY_TABLE: 'platform-tenants',
      AWS_ACCESS_KEY_ID: local.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: local.credentials.secretAccessKey, POWERTOOLS_LOG_LEVEL: 'ERROR',
    });
    // Loaded only now (it reads its configuration when loaded, as in Lambda); jest runs CommonJS, hence requireActual.
    const { handler } = jest.requireActual<{ handler: (e: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse> }>('#functions/dossiers/stats/stream');
    const queries = ['from=2025-10-01&to=2025-10-31&groupBy=procedure', 'from=2025-10-08&to=2025-10-08', 'from=2025-10-13&to=2025-10-19&groupBy=field'];
    const before = await Promise.all(queries.map((q) => stats(q)));
    const { records, arn } = await wholeStream();
    const dossierRecords = records.filter((r) => r.dynamodb?.Keys?.sk?.S === 'DOSSIER' && codes.includes(r.dynamodb.Keys.pk!.S!.split('#DOSSIER#')[1]!));
    expect(dossierRecords.length).toBeGreaterThan(DOSSIERS * 3);
    const batches: DynamoDBStreamEvent[] = [];
    for (let i = 0; i < records.length; i += 100) batches.push({ Records: records.slice(i, i + 100).map((r) => lambdaRecord(r, arn, local.region)) });
    // Act: everything again in order, then again with the newest batches first (older images after newer ones)
    const responses = [];
    for (const event of [...batches, ...[...batches].reverse()]) responses.push(await handler(event));
    // Assess
    expect(responses.flatMap((r) => r.batchItemFailures)).toEqual([]);
    expect(await Promise.all(queries.map((q) => stats(q)))).toEqual(before);
    expect(before[0]).toMatchObject(expectedFigures(await readDossiers(codes), { from: '2025-10-01', to: '2025-10-31', groupBy: 'procedure' }));
  }, 120_000);
});

describe('the nightly daily report (a scheduled job)', () => {
  it('run now for a day, it freezes that day\'s figures by unit, and a second run keeps the first', async () => {
    // Act: `npx tsx local/schedules.ts <tenant> <job> <time>` against the running suite, as at 00:15 on 16 October
    const run = () => spawnSync(process.execPath, [TSX_CLI, join(import.meta.dirname, '..', '..', 'local', 'schedules.ts'), TENANT, 'dossiers-stats-daily', '2025-10-15T17:15:00Z'], {
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'ERROR', POWERTOOLS_LOG_LEVEL: 'ERROR' }, encoding: 'utf8', timeout: 60_000,
    });
    const first = run();
    const second = run();
    // Assess
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual([{ tenant: TENANT, day: '2025-10-15', created: true }]);
    expect(JSON.parse(second.stdout)).toEqual([{ tenant: TENANT, day: '2025-10-15', created: false }]);
    const snapshot = await api('GET', `/v1/${TENANT}/stats/dossiers/daily/2025-10-15`, { token: leader });
    expect(snapshot.status).toBe(200);
    const { takenAt, ...figures } = snapshot.body;
    expect(takenAt).toEqual(expect.any(String));
    expect(figures).toEqual(await stats('from=2025-10-15&to=2025-10-15&groupBy=unit'));
    expect(figures).toMatchObject(expectedFigures(dossiers, { from: '2025-10-15', to: '2025-10-15', groupBy: 'unit' }));
    const missing = await api('GET', `/v1/${TENANT}/stats/dossiers/daily/2025-10-16`, { token: leader });
    expect(missing.status).toBe(404);
  }, 120_000);
});
