// The HTTP adapter every service uses, driven with API Gateway v2 events and no I/O: the implementation of a
// route only runs for a request that passed every check.
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { httpHandler, type HttpEvent } from '#shared/http/handler';
import { defineRoutes } from '#shared/http/route';
import type { TenantRecord, TenantStateReader } from '#shared/registry';

process.env.TENANTS = JSON.stringify(['nghean', 'hue'].map((id) => ({
  id, name: id, provinceCode: '40', domain: `${id}.gov.vn`, rootAgency: '000.00.00.H41', services: ['directory'],
  auth: { region: 'ap-southeast-1', userPoolId: `pool-${id}`, clientId: 'client' },
})));
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const routes = defineRoutes({
  publicThing: { method: 'GET', path: '/v1/{tenant}/things', access: 'public', response: z.object({ ok: z.boolean() }), summary: 't' },
  adminThing: {
    method: 'POST', path: '/v1/{tenant}/things', access: ['tenant-admin'], summary: 't', status: 201, maxBodyBytes: 100,
    body: z.strictObject({ name: z.string().min(2) }), response: z.object({ name: z.string() }),
  },
});

const calls: string[] = [];
/** What the registry says of each tenant: absent means not registered (served as deployed). */
const statuses = new Map<string, TenantRecord['status']>();
const tenantStates: TenantStateReader = {
  get: async (id) => (statuses.has(id) ? ({ id, status: statuses.get(id) } as TenantRecord) : undefined),
  forget: () => undefined,
};
const handler = httpHandler('test', routes, {
  publicThing: async () => { calls.push('publicThing'); return { ok: true }; },
  adminThing: async ({ body }) => {
    calls.push('adminThing');
    if (body.name === 'boom') throw new Error('secret table name nghean-directory');
    return { name: body.name, internal: 'not for clients' } as { name: string };
  },
}, undefined, { tenantStates });

const context = { functionName: 'test', awsRequestId: 'r', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

function event(method: string, tenant: string, options: { claims?: Record<string, string>; body?: string; contentType?: string } = {}): HttpEvent {
  return {
    version: '2.0', routeKey: `${method} /v1/{tenant}/things`, rawPath: `/v1/${tenant}/things`, rawQueryString: '',
    headers: { 'content-type': options.contentType ?? 'application/json' }, pathParameters: { tenant },
    body: options.body, isBase64Encoded: false,
    requestContext: {
      requestId: 'req-1', routeKey: `${method} /v1/{tenant}/things`, http: { method, path: `/v1/${tenant}/things` },
      ...(options.claims ? { authorizer: { jwt: { claims: options.claims, scopes: [] } } } : {}),
    },
  } as unknown as HttpEvent;
}

const admin = (tenant: string) => ({ sub: 'u1', 'custom:tenant': tenant, 'cognito:groups': '[tenant-admin]' });

async function call(e: HttpEvent) {
  const result = await handler(e, context);
  return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') };
}

beforeEach(() => { calls.length = 0; statuses.clear(); });

describe('httpHandler', () => {
  it('runs a valid request and answers with the route status and only the documented fields', async () => {
    const res = await call(event('POST', 'nghean', { claims: admin('nghean'), body: '{"name":"Sở"}' }));
    expect(res).toEqual({ status: 201, body: { name: 'Sở' } });
    expect(calls).toEqual(['adminThing']);
  });

  it('refuses a token of another tenant with 403 before the implementation runs', async () => {
    const res = await call(event('POST', 'nghean', { claims: admin('hue'), body: '{"name":"Sở"}' }));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('TENANT_MISMATCH');
    expect(calls).toEqual([]);
  });

  it('answers 401 without claims, 403 for a role the route does not allow', async () => {
    expect((await call(event('POST', 'nghean', { body: '{"name":"Sở"}' }))).status).toBe(401);
    const officer = { ...admin('nghean'), 'cognito:groups': '[officer]' };
    expect((await call(event('POST', 'nghean', { claims: officer, body: '{"name":"Sở"}' }))).body.error.code).toBe('FORBIDDEN');
    expect(calls).toEqual([]);
  });

  it('answers 404 TENANT_NOT_FOUND on a public route of a tenant this deployment does not serve', async () => {
    const res = await call(event('GET', 'hanoi'));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('TENANT_NOT_FOUND');
  });

  it.each([
    ['invalid JSON', { body: '{"name"' }, 400, 'INVALID_JSON'],
    ['a wrong field', { body: '{"name":"x"}' }, 400, 'VALIDATION_FAILED'],
    ['an unknown field', { body: '{"name":"Sở","admin":true}' }, 400, 'VALIDATION_FAILED'],
    ['no body', { body: undefined }, 400, 'VALIDATION_FAILED'],
    ['too large a body', { body: JSON.stringify({ name: 'x'.repeat(200) }) }, 413, 'PAYLOAD_TOO_LARGE'],
    ['another content type', { body: 'name=x', contentType: 'text/plain' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ])('answers %s with a 4xx and a machine-readable code', async (_, options, status, code) => {
    const res = await call(event('POST', 'nghean', { claims: admin('nghean'), ...options }));
    expect(res.status).toBe(status);
    expect(res.body.error).toMatchObject({ code, message: expect.any(String), messageEn: expect.any(String) });
    expect(calls).toEqual([]);
  });

  it('names the invalid field in details', async () => {
    const res = await call(event('POST', 'nghean', { claims: admin('nghean'), body: '{"name":"x"}' }));
    expect(res.body.error.details).toEqual([{ path: 'body.name', message: expect.any(String) }]);
  });

  it('turns an unexpected failure into a plain 500 that leaks nothing', async () => {
    const res = await call(event('POST', 'nghean', { claims: admin('nghean'), body: '{"name":"boom"}' }));
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('INTERNAL_ERROR');
    expect(JSON.stringify(res.body)).not.toContain('nghean-directory');
  });

  it('refuses to build a handler whose idempotent routes have no idempotency store', () => {
    const idempotentRoutes = defineRoutes({
      create: { ...routes.adminThing, idempotent: true },
    });
    expect(() => httpHandler('test', idempotentRoutes, { create: async () => ({ name: 'x' }) })).toThrow(/create is idempotent/);
  });

  describe('the registry\'s status of the tenant', () => {
    const read = () => call(event('GET', 'nghean'));
    const write = () => call(event('POST', 'nghean', { claims: admin('nghean'), body: '{"name":"Sở"}' }));

    it('serves an active tenant, and one the registry does not know yet', async () => {
      expect((await write()).status).toBe(201);
      statuses.set('nghean', 'active');
      expect((await write()).status).toBe(201);
    });

    it('refuses every route of a suspended tenant with 403 TENANT_SUSPENDED, before the implementation runs', async () => {
      statuses.set('nghean', 'suspended');
      for (const res of [await read(), await write()]) {
        expect(res.status).toBe(403);
        expect(res.body.error).toMatchObject({ code: 'TENANT_SUSPENDED', details: { mode: 'full' } });
      }
      expect(calls).toEqual([]);
    });

    it('lets a tenant suspended read-only read, and nothing else', async () => {
      statuses.set('nghean', 'read-only');
      expect((await read()).status).toBe(200);
      const res = await write();
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'TENANT_SUSPENDED', details: { mode: 'read-only' } });
      expect(calls).toEqual(['publicThing']);
    });

    it('refuses everything of an offboarded tenant with 403 TENANT_OFFBOARDED', async () => {
      statuses.set('nghean', 'offboarded');
      expect((await read()).body.error.code).toBe('TENANT_OFFBOARDED');
      expect(calls).toEqual([]);
    });

    it('checks another tenant\'s token before the registry: the suspension of a province is not disclosed to others', async () => {
      statuses.set('nghean', 'suspended');
      const res = await call(event('POST', 'nghean', { claims: admin('hue'), body: '{"name":"Sở"}' }));
      expect(res.body.error.code).toBe('TENANT_MISMATCH');
    });
  });

  describe('operator routes', () => {
    const operatorRoutes = defineRoutes({
      list: { method: 'GET', path: '/platform/v1/tenants', access: 'operator', response: z.object({ who: z.string() }), summary: 't' },
    });
    const operatorHandler = httpHandler('platform', operatorRoutes, { list: async ({ caller }) => ({ who: caller.id }) }, undefined, { tenantStates });
    const operatorEvent = (claims?: Record<string, string>) => ({
      ...event('GET', 'x', { claims }), routeKey: 'GET /platform/v1/tenants', pathParameters: undefined,
    }) as HttpEvent;
    const callOperator = async (claims?: Record<string, string>) => {
      const result = await operatorHandler(operatorEvent(claims), context);
      return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') };
    };

    it('admits a member of the operator group', async () => {
      expect(await callOperator({ sub: 'op1', 'cognito:groups': '[operator]' })).toEqual({ status: 200, body: { who: 'op1' } });
    });

    it('refuses a token without the operator group (a tenant-admin\'s claims included) with 403, and none with 401', async () => {
      expect((await callOperator(admin('nghean'))).body.error.code).toBe('FORBIDDEN');
      expect((await callOperator({ sub: 'u2', 'cognito:groups': '[]' })).status).toBe(403);
      expect((await callOperator()).status).toBe(401);
    });
  });
});
