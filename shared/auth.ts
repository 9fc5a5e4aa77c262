// The caller as API Gateway's JWT authorizer hands it over: requestContext.authorizer.jwt.claims.
import { OPERATOR_GROUP, ROLES, type Role } from './http/route';

export interface Caller {
  /** Cognito `sub`: the user's id. */
  id: string;
  email: string;
  name?: string;
  tenant: string;
  unit?: string;
  roles: Role[];
}

export type JwtClaims = Record<string, string | number | boolean | string[] | undefined>;

/**
 * API Gateway HTTP APIs flatten array claims into one string, `"[officer leader]"`; tests and other
 * front doors may pass real arrays. Both mean the same.
 */
export function claimList(value: JwtClaims[string]): string[] {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'string' || value === '') return [];
  const inner = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  return inner.split(/[\s,]+/).filter(Boolean);
}

/** API Gateway's rendering of a claim value. */
export function flattenClaim(value: unknown): string | number | boolean {
  if (Array.isArray(value)) return `[${value.join(' ')}]`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Returns the caller, or undefined when the claims lack what every token of ours carries. */
export function callerFromClaims(claims: JwtClaims | undefined): Caller | undefined {
  if (!claims) return undefined;
  const id = claims.sub;
  const tenant = claims['custom:tenant'];
  if (typeof id !== 'string' || typeof tenant !== 'string' || tenant === '') return undefined;
  const roles = claimList(claims['cognito:groups']).filter((g): g is Role => (ROLES as readonly string[]).includes(g));
  const unit = claims['custom:unit'];
  const name = claims.name;
  return {
    id,
    email: typeof claims.email === 'string' ? claims.email : '',
    tenant,
    roles,
    ...(typeof unit === 'string' && unit !== '' ? { unit } : {}),
    ...(typeof name === 'string' && name !== '' ? { name } : {}),
  };
}

export function hasAnyRole(caller: Caller, roles: readonly Role[]): boolean {
  return caller.roles.some((role) => roles.includes(role));
}

/**
 * The operator of the platform, from a token of the platform's user pool: a member of its `operator` group. Such a token
 * carries no tenant; undefined for anyone else.
 */
export function operatorFromClaims(claims: JwtClaims | undefined): Caller | undefined {
  if (!claims || typeof claims.sub !== 'string') return undefined;
  if (!claimList(claims['cognito:groups']).includes(OPERATOR_GROUP)) return undefined;
  return { id: claims.sub, email: typeof claims.email === 'string' ? claims.email : '', tenant: '', roles: [] };
}
