// Jitsi join links: a JWT (HS256) that the Jitsi server's token check accepts with the tenant's secret only.
import { createHmac } from 'node:crypto';
import { jitsiJoinLink, jitsiRoomName, verifyJitsiToken } from '#functions/meetings/jitsi';

const input = {
  domain: 'meet.nghean.gov.vn',
  appId: 'tinhso-nghean',
  appSecret: 'a-long-random-secret-of-the-tenant-0123456789',
  room: 'nghean-0123456789abcdef0123456789abcdef',
  displayName: 'Điểm cầu Sở Tư pháp',
  email: 'stp@nghean.gov.vn',
  moderator: false,
  notBefore: new Date('2026-11-30T07:30:00+07:00'),
  expiresAt: new Date('2026-11-30T12:00:00+07:00'),
};

const tokenOf = (link: string) => new URL(link).searchParams.get('jwt')!;
const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('Jitsi join link', () => {
  it('is https://<domain>/<room>?jwt=<token>', () => {
    // Prepare, Act
    const url = new URL(jitsiJoinLink(input));

    // Assess
    expect(url.protocol).toBe('https:');
    expect(url.host).toBe('meet.nghean.gov.vn');
    expect(url.pathname).toBe('/nghean-0123456789abcdef0123456789abcdef');
    expect([...url.searchParams.keys()]).toEqual(['jwt']);
    expect(url.searchParams.get('jwt')).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('carries the claims the Jitsi server checks, times in seconds', () => {
    // Prepare, Act
    const [header, payload] = tokenOf(jitsiJoinLink({ ...input, moderator: true })).split('.') as [string, string];

    // Assess: 07:30 and 12:00 on 30/11/2026 in Vietnam are 00:30 and 05:00 UTC.
    expect(decode(header)).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(decode(payload)).toEqual({
      aud: 'jitsi',
      iss: 'tinhso-nghean',
      sub: 'meet.nghean.gov.vn',
      room: 'nghean-0123456789abcdef0123456789abcdef',
      nbf: Date.UTC(2026, 10, 30, 0, 30) / 1000,
      exp: Date.UTC(2026, 10, 30, 5, 0) / 1000,
      context: { user: { name: 'Điểm cầu Sở Tư pháp', email: 'stp@nghean.gov.vn', moderator: true } },
    });
  });

  it('leaves out the email when there is none', () => {
    const payload = decode(tokenOf(jitsiJoinLink({ ...input, email: undefined })).split('.')[1]!);
    expect(payload.context).toEqual({ user: { name: 'Điểm cầu Sở Tư pháp', moderator: false } });
  });

  it('is signed with HMAC-SHA256 of the secret, base64url without padding: it verifies with that secret and no other', () => {
    // Prepare
    const token = tokenOf(jitsiJoinLink(input));
    const [header, payload, signature] = token.split('.') as [string, string, string];

    // Act
    const expected = createHmac('sha256', input.appSecret).update(`${header}.${payload}`).digest('base64url');

    // Assess
    expect(signature).toBe(expected);
    expect(token).not.toContain('=');
    expect(verifyJitsiToken(token, input.appSecret)).toMatchObject({ room: input.room, iss: input.appId });
    expect(verifyJitsiToken(token, 'another-tenant-secret')).toBeUndefined();
  });

  it('a token changed after signing does not verify', () => {
    // Prepare: make the participant a moderator without the secret.
    const [header, payload, signature] = tokenOf(jitsiJoinLink(input)).split('.') as [string, string, string];
    const claims = decode(payload) as { context: { user: { moderator: boolean } } };
    claims.context.user.moderator = true;
    const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;

    // Act, Assess
    expect(verifyJitsiToken(forged, input.appSecret)).toBeUndefined();
    expect(verifyJitsiToken('not.a.token', input.appSecret)).toBeUndefined();
    expect(verifyJitsiToken('', input.appSecret)).toBeUndefined();
  });

  it('verifies only within [nbf, exp) when asked at a time', () => {
    const token = tokenOf(jitsiJoinLink(input));
    expect(verifyJitsiToken(token, input.appSecret, new Date('2026-11-30T07:29:59+07:00'))).toBeUndefined();
    expect(verifyJitsiToken(token, input.appSecret, new Date('2026-11-30T07:30:00+07:00'))).toBeDefined();
    expect(verifyJitsiToken(token, input.appSecret, new Date('2026-11-30T11:59:59+07:00'))).toBeDefined();
    expect(verifyJitsiToken(token, input.appSecret, new Date('2026-11-30T12:00:00+07:00'))).toBeUndefined();
  });

  it.each([
    ['a domain with a path', { domain: 'meet.example.vn/evil' }],
    ['a domain with userinfo', { domain: 'user@meet.example.vn' }],
    ['a room with a slash', { room: 'a/b' }],
    ['a room in upper case (Jitsi lowercases rooms, the claim would not match)', { room: 'Nghean-Room' }],
    ['an expiry before the start', { expiresAt: new Date('2026-11-30T07:00:00+07:00') }],
    ['no secret', { appSecret: '' }],
  ])('refuses %s', (_, change) => {
    expect(() => jitsiJoinLink({ ...input, ...change })).toThrow(RangeError);
  });
});

describe('Jitsi room name', () => {
  const id = '3f1c9a52-8e3d-4b7a-9c21-5d8e6f7a0b14';

  it('is URL-safe, lower case, stable for a meeting, and does not disclose the meeting id', () => {
    // Prepare, Act
    const room = jitsiRoomName('nghean', id);

    // Assess
    expect(room).toMatch(/^nghean-[0-9a-f]{32}$/);
    expect(jitsiRoomName('nghean', id)).toBe(room);
    expect(room).not.toContain(id.replaceAll('-', '').slice(0, 8));
    expect(encodeURIComponent(room)).toBe(room);
  });

  it('differs between meetings and between tenants', () => {
    const rooms = new Set([jitsiRoomName('nghean', id), jitsiRoomName('nghean', `${id.slice(0, -1)}5`), jitsiRoomName('hue', id)]);
    expect(rooms.size).toBe(3);
  });

  it('makes a link the Jitsi adapter accepts', () => {
    expect(() => jitsiJoinLink({ ...input, room: jitsiRoomName('quang-tri', id) })).not.toThrow();
  });
});
