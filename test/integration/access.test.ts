// Walks every route the services declare (new services are picked up by themselves) and proves the two rules
// every tenant relies on: no token → 401 on protected routes, another province's token → 403.
import { SERVICES } from '#functions/index';
import { isTenantScoped, type RouteDef } from '#shared/http/route';
import { adminOf, api, signIn } from './support';

/** A concrete path for a template: the tenant, and harmless values of the right shape for the other parameters. */
function concretePath(route: RouteDef, tenant: string): string {
  const samples: Record<string, string> = { tenant, code: '000.00.00.H41', id: '6f1c2a52-3f7b-4c1e-9a55-2d1f4d5e6a7b' };
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => samples[name] ?? 'sample');
}

const routes = SERVICES.flatMap((service) => Object.entries(service.routes).map(([operation, route]) => ({ service: service.name, operation, route })));
const protectedRoutes = routes.filter((r) => r.route.access !== 'public');
const tenantRoutes = protectedRoutes.filter((r) => isTenantScoped(r.route));

describe('every declared route', () => {
  it('is walked: the catalog declares protected, tenant-scoped routes', () => {
    expect(tenantRoutes.length).toBeGreaterThanOrEqual(9);
  });

  it.each(protectedRoutes.map((r) => [`${r.route.method} ${r.route.path}`, r] as const))('%s answers 401 without a token', async (_, { route }) => {
    // Act
    const res = await api(route.method, concretePath(route, 'nghean'), { body: route.body ? {} : undefined });
    // Assess
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
  });

  it.each(protectedRoutes.map((r) => [`${r.route.method} ${r.route.path}`, r] as const))('%s answers 401 for a forged token', async (_, { route }) => {
    // Prepare: a real token of the tenant with its payload altered, so the signature no longer matches
    const [header, payload, signature] = (await adminOf('nghean')).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = [header, Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['tenant-admin', 'leader'] })).toString('base64url'), signature].join('.');
    // Act
    const res = await api(route.method, concretePath(route, 'nghean'), { token: forged, body: route.body ? {} : undefined });
    // Assess
    expect(res.status).toBe(401);
  });

  it.each(tenantRoutes.map((r) => [`${r.route.method} ${r.route.path}`, r] as const))('%s answers 403 to a token of another province', async (_, { route }) => {
    // Prepare: Huế's administrator, the most powerful role, on Nghệ An's routes
    const hueAdmin = await adminOf('hue');
    // Act
    const res = await api(route.method, concretePath(route, 'nghean'), { token: hueAdmin, body: route.body ? {} : undefined });
    // Assess
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('TENANT_MISMATCH');
  });

  it.each(tenantRoutes.map((r) => [`${r.route.method} ${r.route.path}`, r] as const))('%s answers 403 to a citizen of another province', async (_, { route }) => {
    const hueCitizen = await signIn('hue', 'congdan@example.vn');
    const res = await api(route.method, concretePath(route, 'nghean'), { token: hueCitizen, body: route.body ? {} : undefined });
    expect(res.status).toBe(403);
  });
});

describe('routes outside any tenant', () => {
  it('an unknown path is a 404 in the error shape', async () => {
    const res = await api('GET', '/v1/nghean/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('a known path with another method is a 405 naming the allowed ones', async () => {
    const res = await api('DELETE', '/v1/health');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
  });
});
