// Turning an API Gateway HTTP API v2 event into validated inputs, with a 4xx for anything wrong in it.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { AppError, badRequest } from '../errors';
import { DEFAULT_MAX_BODY_BYTES, type RouteDef } from './route';

export interface FieldIssue {
  path: string;
  message: string;
}

export function validationError(issues: FieldIssue[]): AppError {
  return badRequest('VALIDATION_FAILED', 'Dữ liệu gửi lên không hợp lệ, xem chi tiết từng trường.', 'The request is invalid; see the fields in details.', issues);
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw validationError(
    result.error.issues.map((issue) => ({ path: [where, ...issue.path.map(String)].join('.'), message: issue.message })),
  );
}

export function readBody(event: APIGatewayProxyEventV2, route: RouteDef): unknown {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  const limit = route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (bytes.length > limit) {
    throw new AppError(413, 'PAYLOAD_TOO_LARGE', `Dữ liệu gửi lên vượt quá ${limit} byte.`, `The request body exceeds ${limit} bytes.`, { limit });
  }
  if (bytes.length === 0) return undefined;
  const contentType = event.headers['content-type'] ?? '';
  if (route.bodyFormat === 'xml') {
    if (!/^(application|text)\/xml\b/i.test(contentType)) {
      throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Dữ liệu phải ở dạng XML (Content-Type: application/xml).', 'Send XML with Content-Type: application/xml.');
    }
    return bytes.toString('utf8');
  }
  if (!/^application\/json\b/i.test(contentType)) {
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Dữ liệu phải ở dạng JSON (Content-Type: application/json).', 'Send JSON with Content-Type: application/json.');
  }
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw badRequest('INVALID_JSON', 'Dữ liệu gửi lên không phải JSON hợp lệ.', 'The request body is not valid JSON.');
  }
}
