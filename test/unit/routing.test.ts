import * as z from 'zod';
import { defineRoutes } from '#shared/http/route';
import { routeTable } from '#local/routing';

const r = (method: 'GET' | 'POST', path: string) => ({ method, path, access: 'public' as const, response: z.object({}), summary: '' });
const table = routeTable([{ name: 'svc', routes: defineRoutes({
  health: r('GET', '/v1/health'),
  config: r('GET', '/v1/{tenant}/config'),
  unit: r('GET', '/v1/{tenant}/units/{code}'),
  units: r('POST', '/v1/{tenant}/units'),
  tenantHealth: r('GET', '/v1/{tenant}/health'),
}) }]);

describe('the local gateway\'s route matching', () => {
  it('fills path parameters, decoded', () => {
    expect(table.match('GET', '/v1/nghean/units/000.00.00.H41')).toMatchObject({
      routeKey: 'GET /v1/{tenant}/units/{code}', pathParameters: { tenant: 'nghean', code: '000.00.00.H41' },
    });
    expect(table.match('GET', '/v1/nghean/units/a%2Fb')).toMatchObject({ pathParameters: { code: 'a/b' } });
  });

  it('prefers literal segments to parameters, as API Gateway does', () => {
    expect(table.match('GET', '/v1/health')).toMatchObject({ routeKey: 'GET /v1/health' });
    expect(table.match('GET', '/v1/hue/health')).toMatchObject({ routeKey: 'GET /v1/{tenant}/health' });
  });

  it('tells a wrong method from an unknown path', () => {
    expect(table.match('DELETE', '/v1/nghean/units')).toEqual({ allowed: ['POST'] });
    expect(table.match('GET', '/v1/nghean/units/x/y')).toBeUndefined();
  });

  it('does not match a malformed escape', () => {
    expect(table.match('GET', '/v1/nghean/units/%E0%A4%A')).toBeUndefined();
  });
});
