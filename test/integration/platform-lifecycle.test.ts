// The operator API's tenant registry and lifecycle (docs/operations.md), against the local suite: register a province,
// refuse a bad one with nothing written, change its quotas with a version, suspend it fully or read-only and resume it.
// Hà Tĩnh is the province whose status this file changes; no other test file uses it. At the end it is exported,
// restored into a second local suite, and offboarded.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AdminListGroupsForUserCommand, AdminSetUserPasswordCommand, InitiateAuthCommand, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { TENANT_TABLES } from '#functions/index';
import { toVietnamIso } from '#shared/clock';
import { waitForStreams } from '#local/streams';
import { startLocalSuite, type LocalSuiteProcess } from './process';
import {
  api, cognitoClient, DEMO_PASSWORD, eventually, mailboxMessages, officerOf, operatorToken, pdfBytes, signIn, suiteInfo, tenantOf, adminOf, unique,
  uploadFile, type SuiteInfo,
} from './support';

const TENANT = 'hatinh';

const newTenant = (overrides: Record<string, unknown> = {}) => ({
  id: `t${unique()}`.slice(0, 20), name: 'Lào Cai', provinceCode: '15', domain: `${unique()}.laocai.gov.vn`, rootAgency: '000.00.00.H25',
  tier: 'dedicated', plan: 'standard', services: ['directory', 'dossiers', 'documents', 'meetings', 'mail'], ...overrides,
});

describe('operator API: who may call it', () => {
  it('answers the operator, lists the demo provinces with their plans and quotas', async () => {
    const res = await api('GET', '/platform/v1/tenants?limit=100', { token: await operatorToken() });
    expect(res.status).toBe(200);
    const quangngai = res.body.items.find((t: { id: string }) => t.id === 'quangngai');
    expect(quangngai).toMatchObject({ plan: 'basic', status: 'active', quotas: { dossiers: 5000, meetingHours: 0 } });
  });

  it.each([
    ['no token', async () => undefined, 401, 'UNAUTHORIZED'],
    ['a tenant-admin\'s token', () => adminOf('nghean'), 401, 'UNAUTHORIZED'],
    ['an officer\'s token', () => officerOf('hue'), 401, 'UNAUTHORIZED'],
  ])('refuses %s, and changes nothing', async (_, token, status, code) => {
    const before = (await api('GET', `/platform/v1/tenants/${TENANT}`, { token: await operatorToken() })).body;
    for (const [method, path, body] of [
      ['GET', '/platform/v1/tenants', undefined],
      ['POST', '/platform/v1/tenants', newTenant()],
      ['POST', `/platform/v1/tenants/${TENANT}/suspend`, { reason: 'thử nghiệm' }],
      ['PATCH', `/platform/v1/tenants/${TENANT}`, { quotas: { dossiers: 1 }, version: before.version }],
    ] as const) {
      const res = await api(method, path, { token: await token(), body });
      expect([res.status, res.body.error.code]).toEqual([status, code]);
    }
    expect((await api('GET', `/platform/v1/tenants/${TENANT}`, { token: await operatorToken() })).body).toEqual(before);
  });
});

describe('registering a province', () => {
  it('registers a valid tenant file and says what to deploy next', async () => {
    const token = await operatorToken();
    const body = newTenant();
    const res = await api('POST', '/platform/v1/tenants', { token, body });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: body.id, status: 'active', plan: 'standard', version: 1, nextStep: `npx cdk deploy -c tenant=${body.id}` });
    expect(res.body.createdAt).toMatch(/\+07:00$/);
    expect((await api('GET', `/platform/v1/tenants/${body.id}`, { token })).body).toMatchObject({ id: body.id, domain: body.domain });
  });

  it.each([
    ['an unknown province code', { provinceCode: '99' }, 'provinceCode'],
    ['an unknown plan', { plan: 'gold' }, 'plan'],
    ['a service outside the plan', { plan: 'basic' }, 'services'],
    ['an invalid id', { id: 'Ha Noi' }, 'id'],
    ['the reserved id platform', { id: 'platform' }, 'id'],
    ['a name that is not the province\'s', { name: 'Lào Cay' }, 'name'],
  ])('refuses %s with 400 naming the field, and registers nothing', async (_, overrides, field) => {
    const token = await operatorToken();
    const body = newTenant(overrides);
    const res = await api('POST', '/platform/v1/tenants', { token, body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(`body.${field}`);
    if (/^[a-z][a-z0-9]+$/.test(body.id) && body.id !== 'platform') {
      expect((await api('GET', `/platform/v1/tenants/${body.id}`, { token })).status).toBe(404);
    }
  });

  it('refuses an id or a domain already taken with 409, and leaves the first tenant as it was', async () => {
    const token = await operatorToken();
    const nghean = (await api('GET', '/platform/v1/tenants/nghean', { token })).body;
    const sameId = await api('POST', '/platform/v1/tenants', { token, body: newTenant({ id: 'nghean', name: 'Nghệ An', provinceCode: '40' }) });
    expect([sameId.status, sameId.body.error.code]).toEqual([409, 'TENANT_EXISTS']);
    const other = newTenant({ domain: 'nghean.gov.vn' });
    const sameDomain = await api('POST', '/platform/v1/tenants', { token, body: other });
    expect([sameDomain.status, sameDomain.body.error.code]).toEqual([409, 'DOMAIN_TAKEN']);
    expect((await api('GET', `/platform/v1/tenants/${other.id}`, { token })).status).toBe(404);
    expect((await api('GET', '/platform/v1/tenants/nghean', { token })).body).toEqual(nghean);
  });

  it('registers one of two concurrent registrations of the same id', async () => {
    const token = await operatorToken();
    const body = newTenant();
    const results = await Promise.all([1, 2].map((n) => api('POST', '/platform/v1/tenants', { token, body: { ...body, domain: `${n}${body.domain}` } })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('lists by status in full pages: every page with a cursor holds `limit` tenants of that status', async () => {
    const token = await operatorToken();
    // Prepare: two suspended provinces among active ones, so that a filter applied to a page already cut comes up short.
    const suspended: string[] = [];
    for (let i = 0; i < 2; i++) {
      const body = newTenant();
      expect((await api('POST', '/platform/v1/tenants', { token, body })).status).toBe(201);
      expect((await api('POST', `/platform/v1/tenants/${body.id}/suspend`, { token, body: { reason: 'thử danh sách theo trạng thái' } })).status).toBe(200);
      suspended.push(body.id);
    }
    const walk = async (filter: string, limit: number): Promise<{ id: string; status: string }[]> => {
      const items = [];
      let cursor: string | undefined;
      do {
        const res = await api('GET', `/platform/v1/tenants?limit=${limit}${filter}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
        expect(res.status).toBe(200);
        if (res.body.cursor) expect(res.body.items).toHaveLength(limit);
        items.push(...res.body.items);
        cursor = res.body.cursor;
      } while (cursor);
      return items;
    };
    // Act
    const all = await walk('', 100);
    const bySuspended = await walk('&status=suspended', 1);
    const byActive = await walk('&status=active', 2);
    // Assess: the same tenants as the whole list holds in each status, in id order, none twice.
    expect(bySuspended.map((t) => t.id)).toEqual(all.filter((t) => t.status === 'suspended').map((t) => t.id));
    expect(bySuspended.map((t) => t.id)).toEqual(expect.arrayContaining(suspended));
    expect(byActive.map((t) => t.id)).toEqual(all.filter((t) => t.status === 'active').map((t) => t.id));
  });
});

describe('changing a tenant', () => {
  it('sets and clears a per-tenant quota over the plan, refusing a stale version', async () => {
    const token = await operatorToken();
    const body = newTenant();
    await api('POST', '/platform/v1/tenants', { token, body });
    const set = await api('PATCH', `/platform/v1/tenants/${body.id}`, { token, body: { quotas: { dossiers: 42 }, version: 1 } });
    expect(set.body).toMatchObject({ version: 2, quotaOverrides: { dossiers: 42 }, quotas: { dossiers: 42, documentsSent: 20_000 } });
    const stale = await api('PATCH', `/platform/v1/tenants/${body.id}`, { token, body: { quotas: { dossiers: 7 }, version: 1 } });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'VERSION_CONFLICT']);
    const cleared = await api('PATCH', `/platform/v1/tenants/${body.id}`, { token, body: { quotas: { dossiers: null }, version: 2 } });
    expect(cleared.body).toMatchObject({ version: 3, quotaOverrides: {}, quotas: { dossiers: 20_000 } });
  });

  it('refuses a plan that leaves out a service the tenant runs', async () => {
    const token = await operatorToken();
    const body = newTenant();
    await api('POST', '/platform/v1/tenants', { token, body });
    const res = await api('PATCH', `/platform/v1/tenants/${body.id}`, { token, body: { plan: 'basic', version: 1 } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'PLAN_EXCLUDES_SERVICE', details: { services: ['meetings', 'mail'] } });
    expect((await api('GET', `/platform/v1/tenants/${body.id}`, { token })).body).toMatchObject({ plan: 'standard', version: 1 });
  });

  it('answers 404 for a tenant the registry does not know, 400 for an empty change', async () => {
    const token = await operatorToken();
    expect((await api('GET', '/platform/v1/tenants/khongco', { token })).body.error.code).toBe('TENANT_NOT_FOUND');
    expect((await api('POST', '/platform/v1/tenants/khongco/resume', { token })).status).toBe(404);
    expect((await api('PATCH', '/platform/v1/tenants/nghean', { token, body: { version: 1 } })).status).toBe(400);
  });
});

describe('suspending and resuming (Hà Tĩnh)', () => {
  const ownUnits = async () => api('GET', `/v1/${TENANT}/units`, { token: await adminOf(TENANT) });
  const newUnit = async () => api('POST', `/v1/${TENANT}/units`, {
    token: await adminOf(TENANT), body: { code: `000.09.${String(Date.now() % 90 + 10)}.H30`, name: 'Ban thử nghiệm', level: 'department', parentCode: tenantOf(TENANT).rootAgency },
  });

  afterAll(async () => {
    await api('POST', `/platform/v1/tenants/${TENANT}/resume`, { token: await operatorToken() });
  });

  it('refuses every route with 403 TENANT_SUSPENDED, changes nothing, and resume restores service', async () => {
    const token = await operatorToken();
    const before = (await ownUnits()).body.items.length;
    const suspended = await api('POST', `/platform/v1/tenants/${TENANT}/suspend`, { token, body: { reason: 'Chưa gia hạn hợp đồng' } });
    expect(suspended.body).toMatchObject({ status: 'suspended', statusReason: 'Chưa gia hạn hợp đồng' });

    const refused = await eventually(async () => { const r = await ownUnits(); return r.status === 403 ? r : undefined; });
    expect(refused.body.error).toMatchObject({ code: 'TENANT_SUSPENDED', details: { mode: 'full' } });
    expect((await api('GET', `/v1/${TENANT}/config`)).body.error.code).toBe('TENANT_SUSPENDED');
    expect((await api('GET', `/v1/${TENANT}/procedures`)).status).toBe(403);
    const write = await newUnit();
    expect([write.status, write.body.error.code]).toEqual([403, 'TENANT_SUSPENDED']);
    // Another province is served as before.
    expect((await api('GET', '/v1/nghean/units', { token: await adminOf('nghean') })).status).toBe(200);

    const resumed = await api('POST', `/platform/v1/tenants/${TENANT}/resume`, { token });
    expect(resumed.body).toMatchObject({ status: 'active' });
    expect(resumed.body.statusReason).toBeUndefined();
    const served = await eventually(async () => { const r = await ownUnits(); return r.status === 200 ? r : undefined; });
    expect(served.body.items).toHaveLength(before);
  });

  it('suspended read-only, answers reads and refuses every write', async () => {
    const token = await operatorToken();
    await api('POST', `/platform/v1/tenants/${TENANT}/suspend`, { token, body: { mode: 'read-only', reason: 'Đang chuyển đổi dữ liệu' } });
    const write = await eventually(async () => { const r = await newUnit(); return r.status === 403 ? r : undefined; });
    expect(write.body.error).toMatchObject({ code: 'TENANT_SUSPENDED', details: { mode: 'read-only' } });
    expect((await ownUnits()).status).toBe(200);
    const citizen = await signIn(TENANT, 'congdan@example.vn');
    expect((await api('POST', `/v1/${TENANT}/dossiers`, { token: citizen, body: {} })).body.error.code).toBe('TENANT_SUSPENDED');
    await api('POST', `/platform/v1/tenants/${TENANT}/resume`, { token });
    await eventually(async () => ((await newUnit()).status === 201 ? true : undefined));
  });
});

// Export, import into a fresh deployment, and offboarding (docs/archive.md). Hà Tĩnh gets a dossier with its files, a
// document, a meeting with its invitations, and a mail with an attachment; the archive is restored into a second local
// suite started for this test (no demo data), and the two are compared item by item and byte by byte.
describe('export, import and offboarding (Hà Tĩnh)', () => {
  const REGION = 'ap-southeast-1';
  const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const BUCKET = `tinhso-${TENANT}`;
  const ARCHIVED = TENANT_TABLES.filter((t) => t.name !== 'idempotency');
  const first = suiteInfo();
  let second: LocalSuiteProcess;
  let secondInfo: SuiteInfo;
  let secondDir: string;
  let exportId: string;
  const clients: { destroy(): void }[] = [];
  const dbOf = (endpoint: string) => { const c = new DynamoDBClient({ endpoint, region: REGION, credentials: CREDENTIALS }); clients.push(c); return c; };
  const s3Of = (endpoint: string) => { const c = new S3Client({ endpoint, region: REGION, credentials: CREDENTIALS, forcePathStyle: true }); clients.push(c); return c; };

  /** An item as comparable text: attributes sorted, sets sorted, binaries as hex (independent of the archive's format). */
  const canonical = (value: unknown): unknown => {
    if (value instanceof Uint8Array) return `bytes:${Buffer.from(value).toString('hex')}`;
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b));
      return Object.fromEntries(entries.map(([k, v]) => [k, ['SS', 'NS', 'BS'].includes(k) ? (canonical(v) as string[]).sort() : canonical(v)]));
    }
    return value;
  };

  /** Every item of each of the tenant's archived tables, in a stable order. */
  async function tables(endpoint: string): Promise<Record<string, string[]>> {
    const db = dbOf(endpoint);
    const out: Record<string, string[]> = {};
    for (const table of ARCHIVED) {
      const items: string[] = [];
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page = await db.send(new ScanCommand({ TableName: `${TENANT}-${table.name}`, ConsistentRead: true, ExclusiveStartKey: start }));
        items.push(...(page.Items ?? []).map((i) => JSON.stringify(canonical(i))));
        start = page.LastEvaluatedKey;
      } while (start);
      out[table.name] = items.sort();
    }
    return out;
  }

  /** Every object of the tenant's bucket under `prefix`: key → content type and SHA-256 of the bytes. */
  async function objects(endpoint: string, prefix = `${TENANT}/`, options: { archives?: boolean } = {}): Promise<Record<string, { type?: string; sha256: string; bytes: Buffer }>> {
    const s3 = s3Of(endpoint);
    const out: Record<string, { type?: string; sha256: string; bytes: Buffer }> = {};
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix, ContinuationToken: token }));
      for (const { Key } of page.Contents ?? []) {
        if (!options.archives && Key!.startsWith(`${TENANT}/exports/`)) continue;
        const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key }));
        const bytes = Buffer.from(await got.Body!.transformToByteArray());
        out[Key!] = { type: got.ContentType, sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out;
  }

  const snapshot = async (endpoint: { dynamodb: string; s3: string }) => ({
    tables: await tables(endpoint.dynamodb),
    objects: Object.fromEntries(Object.entries(await objects(endpoint.s3)).map(([k, v]) => [k, { type: v.type, sha256: v.sha256 }])),
  });

  /** The tenant's data once its stream consumers have handled every record written until now. */
  async function settled(endpoint: { dynamodb: string; s3: string }, dataDir: string) {
    await waitForStreams(dataDir, { tenant: TENANT, since: new Date() });
    return snapshot(endpoint);
  }
  const firstDataDir = dirname(process.env.SUITE_FILE!);

  /** The tenant's registry item as the consumers read it (the operator's view leaves the import window out). */
  async function registryOf(info: SuiteInfo) {
    const db = DynamoDBDocumentClient.from(dbOf(info.endpoints.dynamodb));
    return (await db.send(new GetCommand({ TableName: 'platform-tenants', Key: { pk: `TENANT#${TENANT}`, sk: 'PROFILE' }, ConsistentRead: true }))).Item!;
  }

  async function secondApi(method: string, path: string, body?: unknown) {
    const out = await cognitoClient(secondInfo).send(new InitiateAuthCommand({
      ClientId: secondInfo.operator.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'operator@tinhso.vn', PASSWORD: DEMO_PASSWORD },
    }));
    const res = await fetch(`${secondInfo.url}${path}`, {
      method, headers: { authorization: `Bearer ${out.AuthenticationResult!.IdToken!}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  }

  async function copyArchive(files: Record<string, { type?: string; bytes: Buffer }>) {
    const s3 = s3Of(secondInfo.endpoints.s3);
    for (const [Key, { type, bytes }] of Object.entries(files)) await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: bytes, ContentType: type }));
  }

  /**
   * POSTs an export, import or offboarding, which answers 202 with its record `running` (an offboarding: the tenant with
   * its purge's), and polls the record's GET until the archive runner ended it: `started` is the POST's answer, `ended`
   * the record's GET. `call` is the suite's operator API (the first suite's, or secondApi).
   */
  async function untilEnded(action: 'export' | 'import' | 'offboard', body?: unknown, call: typeof secondApi = async (method, path, b) => api(method, path, { token: await operatorToken(), body: b })) {
    const started = await call('POST', `/platform/v1/tenants/${TENANT}/${action}`, body);
    const record = action === 'offboard' ? started.body.purge : started.body;
    expect([started.status, record?.status]).toEqual([202, 'running']);
    const path = { export: `exports/${record.exportId}`, import: `imports/${record.importId}`, offboard: `purges/${record.purgeId}` }[action];
    const ended = await eventually(async () => { const r = await call('GET', `/platform/v1/tenants/${TENANT}/${path}`); return r.body.status === 'running' ? undefined : r; }, 90_000);
    return { started, ended };
  }

  const year = new Date().getUTCFullYear() + 1;

  beforeAll(async () => {
    // The second deployment: Hà Tĩnh alone, no demo data, no timers; started while the first one is seeded.
    secondDir = mkdtempSync(join(tmpdir(), 'tinhso-import-'));
    const tenantsDir = join(secondDir, 'tenants');
    mkdirSync(tenantsDir);
    copyFileSync(join(import.meta.dirname, '..', '..', 'tenants', `${TENANT}.json`), join(tenantsDir, `${TENANT}.json`));
    const starting = startLocalSuite({ DATA_DIR: join(secondDir, 'data'), TINHSO_EPHEMERAL: '1', TENANTS_DIR: tenantsDir, SEED: 'off', SCHEDULES: 'off' });

    await eventually(async () => ((await api('GET', `/v1/${TENANT}/config`)).status === 200 ? true : undefined));
    const citizen = await signIn(TENANT, 'congdan@example.vn');
    const clerk = await signIn(TENANT, `vanthu@${tenantOf(TENANT).domain}`);
    const birth = '1.001193.000.00.00.H30';
    const dossier = await api('POST', `/v1/${TENANT}/dossiers`, {
      token: citizen,
      body: {
        procedureCode: birth,
        applicant: { fullName: 'Trần Thị Mai', idNumber: '042190001234', phone: '0912 345 678', address: 'Số 1, đường Phan Đình Phùng, Hà Tĩnh' },
        form: { hoTenTre: 'Trần Văn Bình', ngaySinh: '2026-11-20', gioiTinh: 'Nam', noiSinh: 'Bệnh viện Đa khoa Hà Tĩnh', hoTenMe: 'Trần Thị Mai', cccdMe: '042190001234', quanHe: 'Mẹ', soDienThoai: '0912345678' },
        documents: [
          { requirementId: 'to-khai', uploadId: await uploadFile(TENANT, citizen, 'tờ khai.pdf', 'application/pdf', pdfBytes('to khai ha tinh')) },
          { requirementId: 'giay-chung-sinh', uploadId: await uploadFile(TENANT, citizen, 'giấy chứng sinh.pdf', 'application/pdf', pdfBytes('chung sinh ha tinh')) },
        ],
      },
    });
    expect(dossier.status).toBe(201);
    const document = await api('POST', `/v1/${TENANT}/documents`, {
      token: clerk,
      body: {
        type: 'quyet-dinh', subject: 'Về việc chuyển đổi số năm 2026', draftingUnit: '000.01.00.H30', urgency: 'khan',
        signer: { name: 'Lê Văn Lãnh Đạo', position: 'Chủ tịch', authority: 'TM.', onBehalfOf: 'ỦY BAN NHÂN DÂN' },
        recipients: [{ agency: '000.00.31.H30' }], mainUploadId: await uploadFile(TENANT, clerk, 'du-thao.pdf', 'application/pdf', pdfBytes('du thao ha tinh')),
      },
    });
    expect(document.status).toBe(201);
    const meeting = await api('POST', `/v1/${TENANT}/meetings`, {
      token: clerk,
      body: { title: 'Giao ban chuyển đổi số', chairUnit: '000.00.00.H30', chairPerson: 'Chủ tịch UBND tỉnh', hostPoint: 'dc-000-02-00-h30', start: `${year}-03-02T08:00:00+07:00`, end: `${year}-03-02T09:00:00+07:00` },
    });
    expect(meeting.status).toBe(201);
    const subject = `Kế hoạch chuyển đổi số ${unique()}`;
    const mail = await api('POST', `/v1/${TENANT}/mail/messages`, {
      token: clerk,
      body: { to: [`canbo@${tenantOf(TENANT).domain}`], subject, text: 'Kính gửi anh,\nxin gửi kế hoạch.', attachments: [await uploadFile(TENANT, clerk, 'kế hoạch.pdf', 'application/pdf', pdfBytes('ke hoach ha tinh'))] },
    });
    expect(mail.status).toBe(201);
    // The meeting's invitation and the mail, through the outbox and the streams.
    await eventually(async () => ((await mailboxMessages(TENANT, `canbo@${tenantOf(TENANT).domain}`, '')).length >= 2 ? true : undefined), 60_000);

    second = await starting;
    secondInfo = JSON.parse(readFileSync(second.suiteFile, 'utf8')) as SuiteInfo;
  }, 240_000);

  afterAll(async () => {
    clients.forEach((c) => c.destroy());
    await second?.stop();
    rmSync(secondDir, { recursive: true, force: true });
  });

  it('refuses to offboard an active tenant, then a suspended one without an export, with 409 EXPORT_REQUIRED', async () => {
    const token = await operatorToken();
    const active = await api('POST', `/platform/v1/tenants/${TENANT}/offboard`, { token });
    expect([active.status, active.body.error.code, active.body.error.details.reason]).toEqual([409, 'EXPORT_REQUIRED', 'not-suspended']);
    const suspended = await api('POST', `/platform/v1/tenants/${TENANT}/suspend`, { token, body: { reason: 'Kết thúc hợp đồng' } });
    expect(suspended.body.status).toBe('suspended');
    const noExport = await api('POST', `/platform/v1/tenants/${TENANT}/offboard`, { token });
    expect([noExport.status, noExport.body.error.code, noExport.body.error.details.reason]).toEqual([409, 'EXPORT_REQUIRED', 'no-export']);
    expect((await api('GET', `/platform/v1/tenants/${TENANT}`, { token })).body.status).toBe('suspended');
  });

  it('answers an export at once with its record running, there to GET right after; unknown tenants and records are 404s', async () => {
    const token = await operatorToken();
    const started = await api('POST', `/platform/v1/tenants/${TENANT}/export`, { token });
    const seen = await api('GET', `/platform/v1/tenants/${TENANT}/exports/${started.body.exportId}`, { token });
    expect([started.status, started.body.status]).toEqual([202, 'running']);
    expect(seen.body).toMatchObject({ tenant: TENANT, exportId: started.body.exportId, startedAt: started.body.startedAt });
    // Locally the runner may already have finished a small tenant's export by then.
    expect(['running', 'completed']).toContain(seen.body.status);
    expect((await api('GET', `/platform/v1/tenants/${TENANT}/exports`, { token })).body.items[0].exportId).toBe(started.body.exportId);
    const done = await eventually(async () => { const r = await api('GET', `/platform/v1/tenants/${TENANT}/exports/${started.body.exportId}`, { token }); return r.body.status === 'running' ? undefined : r; }, 90_000);
    expect(done.body).toMatchObject({ status: 'completed', manifestKey: `${TENANT}/exports/${started.body.exportId}/manifest.json` });

    const unknownTenant = await api('POST', '/platform/v1/tenants/khongco/export', { token });
    expect([unknownTenant.status, unknownTenant.body.error.code]).toEqual([404, 'TENANT_NOT_FOUND']);
    for (const [path, code] of [['exports', 'EXPORT_NOT_FOUND'], ['imports', 'IMPORT_NOT_FOUND'], ['purges', 'PURGE_NOT_FOUND']]) {
      const res = await api('GET', `/platform/v1/tenants/${TENANT}/${path}/20200101T000000000Z-000000`, { token });
      expect([path, res.status, res.body.error.code]).toEqual([path, 404, code]);
    }
  }, 120_000);

  it('exports every table and object with a manifest whose counts and SHA-256 match the data', async () => {
    const data = await settled(first.endpoints, firstDataDir);
    const { started, ended: res } = await untilEnded('export');
    exportId = res.body.exportId;
    expect([res.status, started.body.exportId, started.body.startedAt]).toEqual([200, exportId, res.body.startedAt]);
    expect(res.body).toMatchObject({ tenant: TENANT, status: 'completed', manifestKey: `${TENANT}/exports/${exportId}/manifest.json` });
    expect(res.body.startedAt).toMatch(/\+07:00$/);
    expect(res.body.summary.items).toEqual(Object.fromEntries(Object.entries(data.tables).map(([t, items]) => [t, items.length])));
    expect(res.body.summary.objects).toBe(Object.keys(data.objects).length);
    // What was seeded is there: the dossier's files, the document's draft, the mail's attachment and raw .eml.
    expect(res.body.summary.items.dossiers).toBeGreaterThan(0);
    expect(res.body.summary.items.meetings).toBeGreaterThan(0);
    expect(res.body.summary.items.documents).toBeGreaterThan(0);
    expect(res.body.summary.items.mail).toBeGreaterThan(0);
    expect(Object.keys(data.objects).length).toBeGreaterThanOrEqual(5);

    const archive = await objects(first.endpoints.s3, `${TENANT}/exports/${exportId}/`, { archives: true });
    const manifest = JSON.parse(archive[res.body.manifestKey]!.bytes.toString('utf8'));
    const files = [...manifest.tables, ...manifest.objects, manifest.users] as { file: string; size: number; sha256: string }[];
    expect(Object.keys(archive).sort()).toEqual([res.body.manifestKey, ...files.map((f) => `${TENANT}/exports/${exportId}/${f.file}`)].sort());
    for (const f of files) {
      const stored = archive[`${TENANT}/exports/${exportId}/${f.file}`]!;
      expect([f.file, stored.bytes.length, stored.sha256]).toEqual([f.file, f.size, f.sha256]);
    }
    for (const o of manifest.objects as { key: string; sha256: string }[]) expect(o.sha256).toBe(data.objects[o.key]!.sha256);
    for (const t of manifest.tables as { table: string; file: string; items: number }[]) {
      expect(archive[`${TENANT}/exports/${exportId}/${t.file}`]!.bytes.toString('utf8').split('\n').filter(Boolean)).toHaveLength(data.tables[t.table]!.length);
    }
    // The user pool's accounts: every one of the pool, the demo officials and the citizen among them, with their groups
    // and attributes but no sub among the attributes, and no password (Cognito exports none).
    const pool = await cognitoClient().send(new ListUsersCommand({ UserPoolId: tenantOf(TENANT).auth.userPoolId }));
    const accounts = archive[`${TENANT}/exports/${exportId}/cognito/users.jsonl`]!.bytes.toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect([manifest.users.file, manifest.users.users, res.body.summary.users]).toEqual(['cognito/users.jsonl', accounts.length, accounts.length]);
    expect(accounts.map((a) => a.sub).sort()).toEqual(pool.Users!.map((u) => u.Attributes!.find((a) => a.Name === 'sub')!.Value).sort());
    const byEmail = Object.fromEntries(accounts.map((a) => [a.attributes.email, a]));
    const domain = tenantOf(TENANT).domain;
    for (const [email, group] of [[`admin@${domain}`, 'tenant-admin'], [`vanthu@${domain}`, 'clerk'], [`canbo@${domain}`, 'officer'], [`lanhdao@${domain}`, 'leader'], ['congdan@example.vn', 'citizen']] as const) {
      expect([email, byEmail[email]]).toEqual([email, expect.objectContaining({ enabled: true, groups: [group], attributes: expect.objectContaining({ email, email_verified: 'true', 'custom:tenant': TENANT }) })]);
    }
    expect(byEmail[`canbo@${domain}`].attributes['custom:unit']).toMatch(/\.H30$/);
    expect(accounts.filter((a) => 'sub' in a.attributes || /password/i.test(JSON.stringify(a)))).toEqual([]);

    const list = await api('GET', `/platform/v1/tenants/${TENANT}/exports`, { token: await operatorToken() });
    expect(list.body.items[0]).toMatchObject({ exportId, status: 'completed' });
  });

  it('refuses a corrupt archive with nothing written, then restores it into the empty deployment item by item and byte by byte', async () => {
    const archive = await objects(first.endpoints.s3, `${TENANT}/exports/${exportId}/`, { archives: true });
    const dossiersFile = `${TENANT}/exports/${exportId}/tables/dossiers.jsonl`;
    const tampered = archive[dossiersFile]!.bytes.toString('utf8').replace('Trần Văn Bình', 'Trần Văn Bính');
    await copyArchive({ ...archive, [dossiersFile]: { type: 'application/x-ndjson', bytes: Buffer.from(tampered) } });
    // A refusal of tenant-import ends the import record `refused`, with the status and code the route used to answer.
    const { ended: corrupt } = await untilEnded('import', { exportId }, secondApi);
    expect([corrupt.body.status, corrupt.body.refusal.status, corrupt.body.refusal.code, corrupt.body.refusal.details.file]).toEqual(['refused', 422, 'ARCHIVE_CORRUPT', 'tables/dossiers.jsonl']);
    const empty = await snapshot(secondInfo.endpoints);
    expect(Object.values(empty.tables).flat()).toEqual([]);
    expect(empty.objects).toEqual({});
    expect((await registryOf(secondInfo)).importWindow).toBeUndefined();
    const secondPool = tenantOf(TENANT, secondInfo).auth;
    expect((await cognitoClient(secondInfo).send(new ListUsersCommand({ UserPoolId: secondPool.userPoolId }))).Users).toEqual([]);

    await copyArchive({ [dossiersFile]: archive[dossiersFile]! });
    const { ended: missing } = await untilEnded('import', { exportId: '20200101T000000000Z-000000' }, secondApi);
    expect([missing.body.status, missing.body.refusal.status, missing.body.refusal.code]).toEqual(['refused', 404, 'ARCHIVE_NOT_FOUND']);
    const { ended: imported } = await untilEnded('import', { exportId }, secondApi);
    expect([imported.body.status, imported.body.exportId]).toEqual(['completed', exportId]);
    expect(imported.body.importWindow.to).toMatch(/\+07:00$/);
    const firstPoolUsers = (await cognitoClient().send(new ListUsersCommand({ UserPoolId: tenantOf(TENANT).auth.userPoolId }))).Users!;
    expect(imported.body.summary.accounts).toEqual({ created: firstPoolUsers.length, existing: 0 });

    const { ended: again } = await untilEnded('import', { exportId }, secondApi);
    expect([again.body.status, again.body.refusal.status, again.body.refusal.code]).toEqual(['refused', 409, 'DEPLOYMENT_NOT_EMPTY']);
    const imports = await secondApi('GET', `/platform/v1/tenants/${TENANT}/imports`);
    expect(imports.body.items.map((i: { importId: string; status: string }) => [i.importId, i.status])).toEqual(
      [again, imported, missing, corrupt].map((r) => [r.body.importId, r.body.status]));
    // The refusal put back the window of the import before, whose records the consumers may still be going through.
    expect((await registryOf(secondInfo)).importWindow).toEqual(imported.body.importWindow);

    // Once the second deployment's stream consumers went through every imported record (and, in the window, left them
    // alone): the same items and the same bytes as the first — no statistics counted twice, no mail filed again.
    const restored = await settled(secondInfo.endpoints, join(secondDir, 'data'));
    const original = await snapshot(first.endpoints);
    // But for the user ids: each account was made again in the new pool, with a new sub, and every old sub in the data
    // (keys and attributes) is the new one of the same account (same email).
    const subsOf = async (info: SuiteInfo) => Object.fromEntries(((await cognitoClient(info).send(new ListUsersCommand({ UserPoolId: tenantOf(TENANT, info).auth.userPoolId }))).Users ?? [])
      .map((u) => [u.Attributes!.find((a) => a.Name === 'email')!.Value!, u.Attributes!.find((a) => a.Name === 'sub')!.Value!]));
    const [oldSubs, newSubs] = [await subsOf(first), await subsOf(secondInfo)];
    expect(Object.keys(newSubs).sort()).toEqual(Object.keys(oldSubs).sort());
    expect(Object.values(newSubs).filter((sub) => Object.values(oldSubs).includes(sub))).toEqual([]);
    expect(Object.values(original.tables).flat().filter((item) => item.includes(oldSubs[`canbo@${tenantOf(TENANT).domain}`]!)).length).toBeGreaterThan(0);
    const renamed = (text: string) => Object.entries(oldSubs).reduce((t, [email, sub]) => t.split(sub).join(newSubs[email]!), text);
    for (const table of ARCHIVED) expect([table.name, restored.tables[table.name]]).toEqual([table.name, original.tables[table.name]!.map(renamed).sort()]);
    expect(restored.objects).toEqual(Object.fromEntries(Object.entries(original.objects).map(([key, o]) => [renamed(key), o])));
    // Nor metered as new writes: the metering consumers skipped the window, so no write of the tenant was seen there.
    const usage = DynamoDBDocumentClient.from(dbOf(secondInfo.endpoints.dynamodb));
    expect((await usage.send(new GetCommand({ TableName: 'platform-usage', Key: { pk: `TENANT#${TENANT}`, sk: 'LAST_WRITE' } }))).Item).toBeUndefined();

    // The people: an official is in the new pool with its groups and — once given a password (the operator's
    // invitation) — signs in and is found in the directory under its new id; the citizen finds its own dossiers.
    const canbo = `canbo@${tenantOf(TENANT).domain}`;
    const groups = await cognitoClient(secondInfo).send(new AdminListGroupsForUserCommand({ UserPoolId: secondPool.userPoolId, Username: newSubs[canbo] }));
    expect(groups.Groups!.map((g) => g.GroupName)).toEqual(['officer']);
    const signedIn = async (email: string) => {
      await cognitoClient(secondInfo).send(new AdminSetUserPasswordCommand({ UserPoolId: secondPool.userPoolId, Username: email, Password: DEMO_PASSWORD, Permanent: true }));
      const out = await cognitoClient(secondInfo).send(new InitiateAuthCommand({
        ClientId: secondPool.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: DEMO_PASSWORD },
      }));
      return async (path: string) => {
        const r = await fetch(`${secondInfo.url}${path}`, { headers: { authorization: `Bearer ${out.AuthenticationResult!.IdToken!}` } });
        return { status: r.status, body: await r.json() };
      };
    };
    const officer = await signedIn(canbo);
    const profile = await officer(`/v1/${TENANT}/users/${newSubs[canbo]}`);
    expect([profile.status, profile.body.id, profile.body.email, profile.body.roles]).toEqual([200, newSubs[canbo], canbo, ['officer']]);
    const citizen = await signedIn('congdan@example.vn');
    const own = await citizen(`/v1/${TENANT}/me/dossiers`);
    expect([own.status, own.body.items.length > 0]).toEqual([200, true]);
    expect((await citizen(`/v1/${TENANT}/dossiers/${own.body.items[0].code}`)).status).toBe(200);
  }, 120_000);

  it('refuses to offboard after a write that the export does not hold, then offboards: data gone, archive kept, every route 403', async () => {
    const token = await operatorToken();
    // A write after the export, as the metering consumers record it (pk TENANT#<id>, sk LAST_WRITE).
    const usage = DynamoDBDocumentClient.from(dbOf(first.endpoints.dynamodb));
    await usage.send(new PutCommand({ TableName: 'platform-usage', Item: { pk: `TENANT#${TENANT}`, sk: 'LAST_WRITE', at: toVietnamIso(new Date()) } }));
    const stale = await api('POST', `/platform/v1/tenants/${TENANT}/offboard`, { token });
    expect([stale.status, stale.body.error.code, stale.body.error.details.reason]).toEqual([409, 'EXPORT_REQUIRED', 'written-since-export']);

    // Times are kept to the second: an export started in the second of the last write does not prove it holds it.
    await new Promise((r) => setTimeout(r, 1100));
    const { ended: fresh } = await untilEnded('export');
    expect(fresh.body.status).toBe('completed');
    const { started: offboarded, ended: purge } = await untilEnded('offboard');
    expect(offboarded.body).toMatchObject({ status: 'offboarded', archive: { exportId: fresh.body.exportId } });
    expect(purge.body).toMatchObject({ status: 'completed', archive: { exportId: fresh.body.exportId } });
    expect(purge.body.purged.objects).toBeGreaterThanOrEqual(5);
    expect(purge.body.purged.users).toBeGreaterThanOrEqual(5); // the demo officials and the citizen

    const after = await settled(first.endpoints, firstDataDir);
    expect(Object.values(after.tables).flat()).toEqual([]);
    expect(after.objects).toEqual({});
    // Nor any account of the tenant in its pool: the people sign in no more (the archive keeps their accounts).
    expect((await cognitoClient().send(new ListUsersCommand({ UserPoolId: tenantOf(TENANT).auth.userPoolId }))).Users).toEqual([]);
    const kept = await objects(first.endpoints.s3, `${TENANT}/exports/`, { archives: true });
    expect(Object.keys(kept)).toContain(`${TENANT}/exports/${exportId}/manifest.json`);
    expect(Object.keys(kept)).toContain(`${TENANT}/exports/${fresh.body.exportId}/manifest.json`);

    expect((await api('GET', `/platform/v1/tenants/${TENANT}`, { token })).body.status).toBe('offboarded');
    const closed = await eventually(async () => { const r = await api('GET', `/v1/${TENANT}/config`); return r.status === 403 ? r : undefined; });
    expect(closed.body.error.code).toBe('TENANT_OFFBOARDED');
    expect((await api('GET', `/v1/${TENANT}/units`, { token: await adminOf(TENANT) })).body.error.code).toBe('TENANT_OFFBOARDED');
    const exportAgain = await api('POST', `/platform/v1/tenants/${TENANT}/export`, { token });
    expect([exportAgain.status, exportAgain.body.error.code]).toEqual([409, 'TENANT_OFFBOARDED']);
  }, 120_000);
});
