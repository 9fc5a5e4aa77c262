// Citizens register themselves through Cognito sign-up and land in the `citizen` group of that province;
// the tenant attribute is the province's, whatever the client sent.
import { AdminConfirmSignUpCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { api, cognitoClient, signIn, tenantOf, unique } from './support';

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());

describe('citizen sign-up', () => {
  it('makes a confirmed sign-up a citizen of the province whose pool it used', async () => {
    // Prepare: a hostile client also tries to claim another province and a unit
    const email = `nguoidan.${unique()}@example.vn`;
    const cognito = cognitoClient();
    const { auth } = tenantOf('danang');
    await cognito.send(new SignUpCommand({
      ClientId: auth.clientId, Username: email, Password: 'CongDan@2026',
      UserAttributes: [{ Name: 'email', Value: email }, { Name: 'name', Value: 'Người Dân' }, { Name: 'custom:tenant', Value: 'nghean' }, { Name: 'custom:unit', Value: '000.00.00.H41' }],
    }));
    // Act: confirmation runs the PostConfirmation trigger through the local Lambda Invoke endpoint
    await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: auth.userPoolId, Username: email }));
    // Assess
    const token = await signIn('danang', email, { password: 'CongDan@2026' });
    expect(claimsOf(token)).toMatchObject({ 'custom:tenant': 'danang', 'cognito:groups': ['citizen'] });
    expect(claimsOf(token)['custom:unit'] ?? '').toBe('');
    const me = await api('GET', '/v1/danang/me', { token });
    expect(me.body).toMatchObject({ email, tenant: 'danang', roles: ['citizen'] });
    expect((await api('GET', '/v1/nghean/me', { token })).status).toBe(403);
  });
});
