// Routes as plain data: CDK builds API Gateway routes from them, the local gateway serves them, OpenAPI documents them.
import type { z } from 'zod';

export const ROLES = ['citizen', 'officer', 'clerk', 'leader', 'tenant-admin'] as const;
export type Role = (typeof ROLES)[number];

/** Every role that works for the province (everybody but citizens). */
export const STAFF_ROLES: readonly Role[] = ['officer', 'clerk', 'leader', 'tenant-admin'];

/**
 * 'public': no token; 'authenticated': any signed-in user of the tenant; a list: one of these roles; 'operator': a member
 * of the group `operator` of the platform's own user pool (the operator API, /platform/v1/…; never a tenant's token).
 */
export type Access = 'public' | 'authenticated' | 'operator' | readonly Role[];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDef {
  method: HttpMethod;
  /** API Gateway path template, e.g. `/v1/{tenant}/units/{code}`. */
  path: string;
  access: Access;
  /** One line, Vietnamese then English. */
  summary: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  /** Status of a success; 200 unless said. */
  status?: number;
  /** Whether the route honours an `Idempotency-Key` header (POSTs that create things). */
  idempotent?: boolean;
  /** Largest accepted request body in bytes; larger ones get 413. */
  maxBodyBytes?: number;
  /** `xml`: the body is an XML document (application/xml or text/xml), handed over as a string for `body` to check. */
  bodyFormat?: 'json' | 'xml';
  /**
   * Media types the route may answer with besides JSON (e.g. `text/csv` for a register): its implementation returns
   * `rawResponse(...)` for those, and `response` describes the JSON form.
   */
  produces?: readonly string[];
}

export type Routes = Record<string, RouteDef>;

/** Keeps each route's literal type so handlers get their inputs typed from the schemas. */
export const defineRoutes = <R extends Routes>(routes: R): R => routes;

export const routeKey = (route: Pick<RouteDef, 'method' | 'path'>): string => `${route.method} ${route.path}`;

export const isTenantScoped = (route: Pick<RouteDef, 'path'>): boolean => route.path.startsWith('/v1/{tenant}');

/** The operator API's routes (PlatformStack's HTTP API, the platform's user pool). */
export const isPlatformRoute = (route: Pick<RouteDef, 'path'>): boolean => route.path.startsWith('/platform/');

/** The group of the platform's user pool whose members may call the operator API. */
export const OPERATOR_GROUP = 'operator';

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
