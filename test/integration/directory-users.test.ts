// Officials of a province: created by the tenant-admin in the province's user pool with unit and roles,
// changed, disabled; what the directory says is what their token says.
import { AdminGetUserCommand, InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import { adminOf, api, cognitoClient, officerOf, poolHasUser, signIn, tenantOf, unique } from './support';

const UNIT = '000.02.00.H41';
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());

async function createOfficial(extra: Record<string, unknown> = {}) {
  const body = { email: `canbo.${unique()}@nghean.gov.vn`, name: 'Phạm Thị Thử', unit: UNIT, roles: ['officer'], ...extra };
  return { body, res: await api('POST', '/v1/nghean/users', { token: await adminOf('nghean'), body }) };
}

/** First sign-in of a new official: the temporary password must be replaced. */
async function firstSignIn(email: string, temporaryPassword: string, newPassword = 'Moi@2026pass'): Promise<string> {
  const cognito = cognitoClient();
  const clientId = tenantOf('nghean').auth.clientId;
  const start = await cognito.send(new InitiateAuthCommand({
    ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: temporaryPassword },
  }));
  expect(start.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  const done = await cognito.send(new RespondToAuthChallengeCommand({
    ClientId: clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: start.Session,
    ChallengeResponses: { USERNAME: email, NEW_PASSWORD: newPassword },
  }));
  return done.AuthenticationResult!.IdToken!;
}

describe('officials', () => {
  it('creates an official who signs in with the tenant, unit and role in the token', async () => {
    // Act
    const { body, res } = await createOfficial({ temporaryPassword: 'Tam@2026thoi', position: 'Chuyên viên' });
    // Assess
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: body.email, unit: UNIT, roles: ['officer'], enabled: true, version: 1, position: 'Chuyên viên' });
    expect(res.body.temporaryPassword).toBeUndefined();
    const token = await firstSignIn(body.email, 'Tam@2026thoi');
    expect(claimsOf(token)).toMatchObject({ 'custom:tenant': 'nghean', 'custom:unit': UNIT, 'cognito:groups': ['officer'], sub: res.body.id });
    const me = await api('GET', '/v1/nghean/me', { token });
    expect(me.body).toEqual({
      id: res.body.id, email: body.email, name: 'Phạm Thị Thử', tenant: 'nghean', unit: UNIT, unitName: 'Sở Tư pháp', roles: ['officer'],
    });
  });

  it('returns a generated temporary password once when none is given', async () => {
    const { body, res } = await createOfficial();
    expect(res.status).toBe(201);
    expect(res.body.temporaryPassword).toMatch(/^.{16,}$/);
    await expect(firstSignIn(body.email, res.body.temporaryPassword)).resolves.toEqual(expect.any(String));
    const read = await api('GET', `/v1/nghean/users/${res.body.id}`, { token: await officerOf('nghean') });
    expect(read.body.temporaryPassword).toBeUndefined();
  });

  it('refuses an email that already has an account, even when two requests race', async () => {
    // Prepare
    const email = `trung.${unique()}@nghean.gov.vn`;
    const token = await adminOf('nghean');
    const body = { email, name: 'Người Trùng', unit: UNIT, roles: ['clerk'] };
    // Act
    const results = await Promise.all([1, 2, 3].map(() => api('POST', '/v1/nghean/users', { token, body })));
    // Assess
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    results.filter((r) => r.status === 409).forEach((r) => expect(r.body.error.code).toBe('USER_EXISTS'));
    const listed = await api('GET', `/v1/nghean/users?unit=${UNIT}&limit=100`, { token });
    expect(listed.body.items.filter((u: { email: string }) => u.email === email)).toHaveLength(1);
    expect(await poolHasUser('nghean', email)).toBe(true);
  });

  it('writes nothing when the unit does not exist: no profile, no sign-in', async () => {
    const { body, res } = await createOfficial({ unit: '999.99.99.H41' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('UNIT_NOT_FOUND');
    expect(await poolHasUser('nghean', body.email)).toBe(false);
  });

  it('refuses the citizen role and unknown roles for officials', async () => {
    const { res } = await createOfficial({ roles: ['citizen'] });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('body.roles.0');
  });

  it('changes roles and unit: the next token carries them', async () => {
    // Prepare
    const { body, res } = await createOfficial({ temporaryPassword: 'Tam@2026thoi' });
    await firstSignIn(body.email, 'Tam@2026thoi');
    // Act
    const patched = await api('PATCH', `/v1/nghean/users/${res.body.id}`, {
      token: await adminOf('nghean'), body: { version: 1, roles: ['leader', 'clerk'], unit: '000.03.00.H41' },
    });
    // Assess
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ roles: ['leader', 'clerk'], unit: '000.03.00.H41', version: 2 });
    const token = await signIn('nghean', body.email, { password: 'Moi@2026pass', fresh: true });
    expect(claimsOf(token)['cognito:groups'].sort()).toEqual(['clerk', 'leader']);
    expect(claimsOf(token)['custom:unit']).toBe('000.03.00.H41');
  });

  it('disables an official in the user pool, and enables them again', async () => {
    // cognito-local does not refuse a disabled user's sign-in as Cognito does, so the test reads the pool's own flag.
    const { res } = await createOfficial();
    const admin = await adminOf('nghean');
    const enabledInPool = async () => (await cognitoClient().send(new AdminGetUserCommand({
      UserPoolId: tenantOf('nghean').auth.userPoolId, Username: res.body.email,
    }))).Enabled;
    const disabled = await api('PATCH', `/v1/nghean/users/${res.body.id}`, { token: admin, body: { version: 1, enabled: false } });
    expect(disabled.body).toMatchObject({ enabled: false, version: 2 });
    expect(await enabledInPool()).toBe(false);
    const enabled = await api('PATCH', `/v1/nghean/users/${res.body.id}`, { token: admin, body: { version: 2, enabled: true } });
    expect(enabled.body.enabled).toBe(true);
    expect(await enabledInPool()).toBe(true);
  });

  it('keeps the user pool as it was when a stale version loses', async () => {
    const { res } = await createOfficial();
    const admin = await adminOf('nghean');
    await api('PATCH', `/v1/nghean/users/${res.body.id}`, { token: admin, body: { version: 1, name: 'Tên mới' } });
    const stale = await api('PATCH', `/v1/nghean/users/${res.body.id}`, { token: admin, body: { version: 1, roles: ['tenant-admin'] } });
    expect(stale.status).toBe(409);
    const pooled = await cognitoClient().send(new AdminGetUserCommand({ UserPoolId: tenantOf('nghean').auth.userPoolId, Username: res.body.email }));
    expect(pooled.UserAttributes?.find((a) => a.Name === 'name')?.Value).toBe('Tên mới');
    const read = await api('GET', `/v1/nghean/users/${res.body.id}`, { token: admin });
    expect(read.body.roles).toEqual(['officer']);
  });

  it('lists officials by unit and by role', async () => {
    const { res } = await createOfficial({ roles: ['leader'] });
    const token = await officerOf('nghean');
    const byUnit = await api('GET', `/v1/nghean/users?unit=${UNIT}&limit=100`, { token });
    expect(byUnit.body.items.map((u: { id: string }) => u.id)).toContain(res.body.id);
    expect(byUnit.body.items.every((u: { unit: string }) => u.unit === UNIT)).toBe(true);
    const leaders = await api('GET', `/v1/nghean/users?role=leader&limit=100`, { token });
    expect(leaders.body.items.every((u: { roles: string[] }) => u.roles.includes('leader'))).toBe(true);
  });

  it('answers 404 USER_NOT_FOUND for an id that is not an official of the province', async () => {
    const hueOfficer = await api('GET', '/v1/hue/users?limit=1', { token: await officerOf('hue') });
    const res = await api('GET', `/v1/nghean/users/${hueOfficer.body.items[0].id}`, { token: await officerOf('nghean') });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('USER_NOT_FOUND');
  });

  it('answers /me for a citizen from their token', async () => {
    const token = await signIn('quangngai', 'congdan@example.vn');
    const me = await api('GET', '/v1/quangngai/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'congdan@example.vn', tenant: 'quangngai', roles: ['citizen'] });
  });
});
