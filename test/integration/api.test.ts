// Health, the OpenAPI document and a tenant's public configuration.
import { SERVICES } from '#functions/index';
import { api, tenantOf } from './support';

describe('GET /v1/health', () => {
  it('says the suite is up', async () => {
    const res = await api('GET', '/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });
});

describe('GET /v1/openapi.json', () => {
  it('documents every declared route with its auth and error responses', async () => {
    // Act
    const res = await api('GET', '/v1/openapi.json');
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const service of SERVICES) {
      for (const [operationId, route] of Object.entries(service.routes)) {
        const operation = res.body.paths[route.path]?.[route.method.toLowerCase()];
        expect({ operationId, documented: operation?.operationId }).toEqual({ operationId, documented: operationId });
        if (route.access === 'public') {
          expect(operation.security).toEqual([]);
        } else {
          expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403']));
        }
        if (route.body) expect(operation.requestBody.content[route.bodyFormat === 'xml' ? 'application/xml' : 'application/json'].schema).toBeDefined();
      }
    }
  });

  it('describes inputs from the zod schemas, e.g. the agency code pattern of a new unit', async () => {
    const res = await api('GET', '/v1/openapi.json');
    const schema = res.body.paths['/v1/{tenant}/units'].post.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['code', 'name', 'level']));
    expect(schema.properties.code.pattern).toBe('^\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}$');
  });
});

describe('GET /v1/{tenant}/config', () => {
  it('tells a client who the province is and where its users sign in', async () => {
    // Prepare
    const nghean = tenantOf('nghean');
    // Act
    const res = await api('GET', '/v1/nghean/config');
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: 'nghean', name: 'Nghệ An', provinceCode: '40', domain: 'nghean.gov.vn',
      services: ['directory', 'dossiers', 'documents', 'meetings', 'mail'],
      auth: { region: 'ap-southeast-1', userPoolId: nghean.auth.userPoolId, clientId: nghean.auth.clientId, endpoint: nghean.auth.endpoint },
    });
  });

  it('gives each province its own user pool', async () => {
    const [a, b] = await Promise.all([api('GET', '/v1/nghean/config'), api('GET', '/v1/danang/config')]);
    expect(b.body.name).toBe('Đà Nẵng');
    expect(b.body.auth.userPoolId).not.toBe(a.body.auth.userPoolId);
  });

  it('answers 404 TENANT_NOT_FOUND for a province that is not a tenant', async () => {
    const res = await api('GET', '/v1/hanoi/config');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'TENANT_NOT_FOUND', message: expect.stringContaining('Không tìm thấy') });
  });
});
