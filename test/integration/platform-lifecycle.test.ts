// The operator API's tenant registry and lifecycle (docs/operations.md), against the local suite: register a province,
// refuse a bad one with nothing written, change its quotas with a version, suspend it fully or read-only and resume it.
// Hà Tĩnh is the province whose status this file changes; no other test file uses it.
import { api, eventually, officerOf, operatorToken, signIn, tenantOf, adminOf, unique } from './support';

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
