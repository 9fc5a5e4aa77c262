// Jitsi Meet join links: the room URL with a JWT (HS256) that a Jitsi deployment with token authentication
// (prosody's token_verification, app id and secret per tenant) checks before letting a connection point in.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface JitsiClaims {
  aud: 'jitsi';
  /** The app id configured on the Jitsi server. */
  iss: string;
  /** The Jitsi domain. */
  sub: string;
  room: string;
  /** Not valid before / expires, seconds since the epoch. */
  nbf: number;
  exp: number;
  context: { user: { name: string; email?: string; moderator: boolean } };
}

export interface JitsiLinkInput {
  domain: string;
  appId: string;
  appSecret: string;
  room: string;
  displayName: string;
  email?: string;
  moderator: boolean;
  notBefore: Date;
  expiresAt: Date;
}

// A host name with an optional port, nothing that could turn the link into another URL (no path, no userinfo).
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?::\d{1,5})?$/i;
// Prosody lowercases room names (they are XMPP node names), so the `room` claim must already be lower case to match.
const ROOM = /^[a-z0-9][a-z0-9_-]{0,127}$/;

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');
const sign = (input: string, secret: string) => createHmac('sha256', secret).update(input).digest('base64url');

/** The JWT (HS256, base64url without padding) for the claims. */
export function signJitsiToken(claims: JitsiClaims, secret: string): string {
  const signingInput = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
  return `${signingInput}.${sign(signingInput, secret)}`;
}

/** `https://<domain>/<room>?jwt=<token>`: what one participant (a connection point) opens to join. */
export function jitsiJoinLink(input: JitsiLinkInput): string {
  if (input.domain.length > 253 || !DOMAIN.test(input.domain)) throw new RangeError(`not a Jitsi host name: ${input.domain}`);
  if (!ROOM.test(input.room)) throw new RangeError(`not a Jitsi room name (lower-case letters, digits, - and _): ${input.room}`);
  if (!input.appId || !input.appSecret) throw new RangeError('a Jitsi app id and secret are required');
  const nbf = Math.floor(input.notBefore.getTime() / 1000);
  const exp = Math.floor(input.expiresAt.getTime() / 1000);
  if (!(nbf < exp)) throw new RangeError('a Jitsi token must expire after it becomes valid');
  const user = { name: input.displayName, ...(input.email === undefined ? {} : { email: input.email }), moderator: input.moderator };
  const claims: JitsiClaims = { aud: 'jitsi', iss: input.appId, sub: input.domain, room: input.room, nbf, exp, context: { user } };
  return `https://${input.domain}/${input.room}?jwt=${signJitsiToken(claims, input.appSecret)}`;
}

/**
 * A room name for a meeting of a tenant: the tenant (readable in the Jitsi server's logs) and 128 bits of a hash of
 * tenant and meeting id. As unguessable as the (random) meeting id, stable for the meeting, and it does not
 * disclose the id, which appears in the suite's API paths.
 */
export function jitsiRoomName(tenant: string, meetingId: string): string {
  if (!tenant || !meetingId) throw new RangeError('a tenant and a meeting id are required');
  const prefix = tenant.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 30) || 'tinhso';
  const digest = createHash('sha256').update(`tinh-so/meetings/${tenant}/${meetingId}`).digest('hex').slice(0, 32);
  return `${prefix}-${digest}`;
}

/**
 * The claims of a token signed with `secret` (HS256 only), or undefined when the signature, the header or the
 * shape is wrong. With `at`, also undefined outside [nbf, exp). What the Jitsi server does, for tests and checks.
 */
export function verifyJitsiToken(token: string, secret: string, at?: Date): JitsiClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts as [string, string, string];
  const expected = Buffer.from(sign(`${header}.${payload}`, secret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown; typ?: unknown };
    if (head.alg !== 'HS256') return undefined;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as JitsiClaims;
    if (typeof claims.nbf !== 'number' || typeof claims.exp !== 'number') return undefined;
    if (at && (at.getTime() / 1000 < claims.nbf || at.getTime() / 1000 >= claims.exp)) return undefined;
    return claims;
  } catch {
    return undefined;
  }
}
