// Units of a province: the tenant-admin manages them, officials read them, nobody else sees them.
import { adminOf, api, officerOf, signIn, unique } from './support';

const ROOT = '000.00.00.H41';
let seq = 0;
/** A fresh agency code per test run (units are never deleted). */
function newCode(): string {
  const n = (Date.now() / 1000 + seq++) % 1000;
  return `${String(Math.floor(n)).padStart(3, '0')}.${String(Math.floor(Math.random() * 90) + 10)}.${String(Math.floor(Math.random() * 90) + 10)}.H41`;
}

async function createUnit(extra: Record<string, unknown> = {}) {
  const body = { code: newCode(), name: `Phòng thử nghiệm ${unique()}`, level: 'department', parentCode: ROOT, ...extra };
  return { body, res: await api('POST', '/v1/nghean/units', { token: await adminOf('nghean'), body }) };
}

describe('units', () => {
  it('lists the seeded People\'s Committee, departments and communes', async () => {
    // Act
    const res = await api('GET', '/v1/nghean/units?limit=100', { token: await officerOf('nghean') });
    // Assess
    expect(res.status).toBe(200);
    const levels = res.body.items.map((u: { level: string }) => u.level);
    expect(levels.filter((l: string) => l === 'province')).toHaveLength(1);
    expect(levels.filter((l: string) => l === 'department').length).toBeGreaterThanOrEqual(4);
    expect(levels.filter((l: string) => l === 'commune').length).toBeGreaterThanOrEqual(6);
    expect(res.body.items.find((u: { code: string }) => u.code === ROOT).name).toBe('Ủy ban nhân dân tỉnh Nghệ An');
  });

  it('filters by level and pages with a cursor without repeating a unit', async () => {
    const token = await officerOf('nghean');
    const first = await api('GET', '/v1/nghean/units?level=commune&limit=4', { token });
    const all = new Set(first.body.items.map((u: { code: string }) => u.code));
    let cursor = first.body.cursor;
    while (cursor) {
      const next = await api('GET', `/v1/nghean/units?level=commune&limit=4&cursor=${cursor}`, { token });
      expect(next.status).toBe(200);
      next.body.items.forEach((u: { code: string }) => {
        expect(all.has(u.code)).toBe(false);
        all.add(u.code);
      });
      cursor = next.body.cursor;
    }
    expect(all.size).toBeGreaterThanOrEqual(6);
    expect(first.body.items.every((u: { level: string }) => u.level === 'commune')).toBe(true);
  });

  it('creates a unit with the agency code as its address, readable at once', async () => {
    // Act
    const { body, res } = await createUnit({ shortName: 'PTN', email: 'PTN@NGHEAN.GOV.VN' });
    // Assess
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ...body, email: 'ptn@nghean.gov.vn', active: true, version: 1 });
    expect(res.body.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
    const read = await api('GET', `/v1/nghean/units/${body.code}`, { token: await officerOf('nghean') });
    expect(read.body).toEqual(res.body);
  });

  it('refuses a code that is taken, with 409 UNIT_EXISTS', async () => {
    const { body } = await createUnit();
    const again = await api('POST', '/v1/nghean/units', { token: await adminOf('nghean'), body: { ...body, name: 'Tên khác' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('UNIT_EXISTS');
  });

  it('refuses a malformed agency code, naming the field', async () => {
    const { res } = await createUnit({ code: '000.00.00.h41' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'body.code', message: expect.stringContaining('xxx.yy.zz.Xnn') })]);
  });

  it('refuses a parent that does not exist, and a department without a parent', async () => {
    const orphan = await createUnit({ parentCode: '999.99.99.H41' });
    expect(orphan.res.status).toBe(400);
    expect(orphan.res.body.error.code).toBe('PARENT_NOT_FOUND');
    const noParent = await createUnit({ parentCode: undefined });
    expect(noParent.res.status).toBe(400);
    expect(noParent.res.body.error.code).toBe('INVALID_PARENT');
  });

  it('refuses to make a unit its own ancestor', async () => {
    // Prepare: parent → child
    const parent = await createUnit();
    const child = await createUnit({ parentCode: parent.body.code });
    // Act: parent under child
    const res = await api('PATCH', `/v1/nghean/units/${parent.body.code}`, {
      token: await adminOf('nghean'), body: { version: 1, parentCode: child.body.code },
    });
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_PARENT');
  });

  it('updates with the version read, and refuses a stale version with 409', async () => {
    const { body } = await createUnit();
    const token = await adminOf('nghean');
    const updated = await api('PATCH', `/v1/nghean/units/${body.code}`, { token, body: { version: 1, name: 'Phòng đã đổi tên' } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'Phòng đã đổi tên', version: 2 });
    const stale = await api('PATCH', `/v1/nghean/units/${body.code}`, { token, body: { version: 1, name: 'Ghi đè' } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect((await api('GET', `/v1/nghean/units/${body.code}`, { token })).body.name).toBe('Phòng đã đổi tên');
  });

  it('lets exactly one of two administrators acting at once win', async () => {
    const { body } = await createUnit();
    const token = await adminOf('nghean');
    const results = await Promise.all(['Tên A', 'Tên B', 'Tên C'].map((name) =>
      api('PATCH', `/v1/nghean/units/${body.code}`, { token, body: { version: 1, name } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const winner = results.find((r) => r.status === 200)!.body.name;
    expect((await api('GET', `/v1/nghean/units/${body.code}`, { token })).body).toMatchObject({ name: winner, version: 2 });
  });

  it('answers a retried POST with the same Idempotency-Key by the first answer, creating one unit', async () => {
    const token = await adminOf('nghean');
    const body = { code: newCode(), name: 'Phòng gửi lại', level: 'department', parentCode: ROOT };
    const headers = { 'idempotency-key': `unit-${unique()}` };
    const first = await api('POST', '/v1/nghean/units', { token, body, headers });
    const retry = await api('POST', '/v1/nghean/units', { token, body, headers });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const reused = await api('POST', '/v1/nghean/units', { token, body: { ...body, name: 'Khác' }, headers });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('is managed by the tenant-admin only: an officer reads but cannot create or change', async () => {
    const token = await officerOf('nghean');
    const create = await api('POST', '/v1/nghean/units', { token, body: { code: newCode(), name: 'Không được', level: 'department', parentCode: ROOT } });
    expect(create.status).toBe(403);
    expect(create.body.error.code).toBe('FORBIDDEN');
    const patch = await api('PATCH', `/v1/nghean/units/${ROOT}`, { token, body: { version: 1, name: 'Không được' } });
    expect(patch.status).toBe(403);
  });

  it('is not for citizens', async () => {
    const res = await api('GET', '/v1/nghean/units', { token: await signIn('nghean', 'congdan@example.vn') });
    expect(res.status).toBe(403);
  });

  it('keeps provinces apart: Huế does not see a unit Nghệ An created', async () => {
    const { body } = await createUnit();
    const res = await api('GET', `/v1/hue/units/${body.code}`, { token: await adminOf('hue') });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('UNIT_NOT_FOUND');
  });

  it('refuses a cursor it did not issue for this list', async () => {
    const token = await adminOf('hue');
    const forged = Buffer.from(JSON.stringify({ pk: 'nghean#UNIT', sk: ROOT })).toString('base64url');
    for (const cursor of [forged, 'not-a-cursor', '%7B%7D']) {
      const res = await api('GET', `/v1/hue/units?cursor=${cursor}`, { token });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('INVALID_CURSOR');
    }
  });
});

describe('hostile and broken input', () => {
  it('answers a body that is not JSON with 400 INVALID_JSON', async () => {
    const res = await api('POST', '/v1/nghean/units', { token: await adminOf('nghean'), rawBody: '{"code":', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_JSON');
  });

  it('answers another content type with 415', async () => {
    const res = await api('POST', '/v1/nghean/units', { token: await adminOf('nghean'), rawBody: 'code=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(415);
  });

  it('answers an oversized body with 413 and writes nothing', async () => {
    const code = newCode();
    const res = await api('POST', '/v1/nghean/units', {
      token: await adminOf('nghean'), body: { code, name: 'x'.repeat(70 * 1024), level: 'department', parentCode: ROOT },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await api('GET', `/v1/nghean/units/${code}`, { token: await adminOf('nghean') })).status).toBe(404);
  });

  it('refuses fields it does not know instead of storing them', async () => {
    const { res } = await createUnit({ tenant: 'hue', version: 99 });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['body']);
  });

  it('treats a path with an invalid code as a validation error, not a lookup', async () => {
    const res = await api('GET', '/v1/nghean/units/..%2F..%2Fetc', { token: await adminOf('nghean') });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('params.code');
  });
});
