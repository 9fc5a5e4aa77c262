import { callerFromClaims, claimList, flattenClaim } from '#shared/auth';

describe('claims as API Gateway hands them over', () => {
  it('reads groups flattened by the HTTP API JWT authorizer', () => {
    // Prepare
    const claims = { sub: 'u1', 'custom:tenant': 'nghean', 'cognito:groups': '[officer leader]', email: 'a@nghean.gov.vn' };
    // Act
    const caller = callerFromClaims(claims);
    // Assess
    expect(caller).toEqual({ id: 'u1', tenant: 'nghean', email: 'a@nghean.gov.vn', roles: ['officer', 'leader'] });
  });

  it('flattens an array claim the way API Gateway does and reads it back', () => {
    expect(flattenClaim(['clerk', 'tenant-admin'])).toBe('[clerk tenant-admin]');
    expect(claimList(flattenClaim(['clerk', 'tenant-admin']) as string)).toEqual(['clerk', 'tenant-admin']);
  });

  it('ignores groups that are not roles of the suite', () => {
    expect(callerFromClaims({ sub: 'u1', 'custom:tenant': 'hue', 'cognito:groups': ['admin', 'citizen'] })?.roles).toEqual(['citizen']);
  });

  it('refuses claims without a tenant: such a token is no caller of ours', () => {
    expect(callerFromClaims({ sub: 'u1', 'cognito:groups': '[tenant-admin]' })).toBeUndefined();
    expect(callerFromClaims({ sub: 'u1', 'custom:tenant': '' })).toBeUndefined();
  });
});
