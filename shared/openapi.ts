// OpenAPI 3.1 from the routes' zod schemas (zod's JSON Schema output is draft 2020-12, which OpenAPI 3.1 uses).
import * as z from 'zod';
import { isTenantScoped, type RouteDef } from './http/route';

const ErrorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'messageEn'],
      properties: {
        code: { type: 'string', description: 'machine-readable, e.g. UNIT_NOT_FOUND' },
        message: { type: 'string', description: 'Vietnamese' },
        messageEn: { type: 'string', description: 'English' },
        details: { description: 'e.g. the invalid fields with their paths' },
      },
    },
  },
};

const ERROR_TEXT: Record<number, string> = {
  400: 'Dữ liệu không hợp lệ / Invalid input',
  401: 'Chưa đăng nhập / No or invalid token',
  403: 'Không có quyền, hoặc tài khoản thuộc tỉnh khác / Wrong role or tenant',
  404: 'Không tìm thấy / Not found',
  409: 'Xung đột dữ liệu / Conflict',
  413: 'Dữ liệu quá lớn / Too large',
  415: 'Không phải JSON / Not JSON',
  422: 'Idempotency-Key đã dùng cho yêu cầu khác / Idempotency-Key reused',
  500: 'Lỗi hệ thống / Internal error',
};

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!(schema instanceof z.ZodObject)) return [];
  const shape = schema.shape as Record<string, z.ZodType>;
  return Object.entries(shape).map(([name, field]) => ({
    name,
    in: where,
    required: where === 'path' || !field.safeParse(undefined).success,
    schema: jsonSchema(field, 'input'),
  }));
}

function errorStatuses(route: RouteDef): number[] {
  const statuses = new Set<number>([500]);
  if (route.params || route.query || route.body) statuses.add(400);
  if (route.access !== 'public') [401, 403].forEach((s) => statuses.add(s));
  if (isTenantScoped(route) || route.params) statuses.add(404);
  if (route.body) [413, 415].forEach((s) => statuses.add(s));
  if (route.method === 'PATCH' || route.method === 'POST') statuses.add(409);
  if (route.idempotent) statuses.add(422);
  return [...statuses].sort();
}

export function openApiDocument(services: { name: string; routes: Record<string, RouteDef> }[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const service of services) {
    for (const [operationId, route] of Object.entries(service.routes)) {
      const responses: Record<string, unknown> = {
        [String(route.status ?? 200)]: {
          description: 'OK',
          content: {
            'application/json': { schema: jsonSchema(route.response, 'output') },
            ...Object.fromEntries((route.produces ?? []).map((type) => [type, { schema: { type: 'string' } }])),
          },
        },
      };
      for (const status of errorStatuses(route)) {
        responses[String(status)] = { description: ERROR_TEXT[status], content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
      }
      const headers = route.idempotent
        ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', minLength: 8, maxLength: 128 } }]
        : [];
      paths[route.path] ??= {};
      paths[route.path]![route.method.toLowerCase()] = {
        operationId,
        tags: [service.name],
        summary: route.summary,
        ...(route.access === 'public' ? { security: [] } : {}),
        ...(Array.isArray(route.access) ? { 'x-roles': route.access } : {}),
        parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query'), ...headers],
        ...(route.body ? { requestBody: { required: true, content: { [route.bodyFormat === 'xml' ? 'application/xml' : 'application/json']: { schema: jsonSchema(route.body, 'input') } } } } : {}),
        responses,
      };
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Tỉnh Số API', version: '1', description: 'Nền tảng chính quyền số cho tỉnh / E-government suite for provinces' },
    servers: [{ url: '/' }],
    security: [{ cognito: [] }],
    components: {
      securitySchemes: { cognito: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Cognito ID token of the tenant\'s user pool' } },
      schemas: { Error: ErrorSchema },
    },
    paths,
  };
}
