// Verifies a bearer token as API Gateway's JWT authorizer does: signature against the issuing pool's JWKS,
// issuer, audience (the pool's app client), expiry. Any of the given pools may be the issuer (the tenants' for their
// API, the platform's for the operator API); whether the token's tenant may use the path's tenant is the tenant rule's
// business, not the signature's.
import { JwtRsaVerifier } from 'aws-jwt-verify';
import type { TenantAuth } from '#shared/tenant';

export type Claims = Record<string, unknown>;

export async function tokenVerifier(pools: TenantAuth[], cognitoEndpoint: string) {
  const issuers = pools.map((auth) => ({
    issuer: `${cognitoEndpoint}/${auth.userPoolId}`,
    audience: auth.clientId,
    jwksUri: `${cognitoEndpoint}/${auth.userPoolId}/.well-known/jwks.json`,
  }));
  const verifier = JwtRsaVerifier.create(issuers);
  // aws-jwt-verify fetches JWKS over https only; cognito-local serves http, so we load each pool's keys once.
  for (const { issuer, jwksUri } of issuers) {
    const response = await fetch(jwksUri);
    if (!response.ok) throw new Error(`Could not read the JWKS of ${issuer}: HTTP ${response.status}`);
    verifier.cacheJwks((await response.json()) as Parameters<typeof verifier.cacheJwks>[0], issuer);
  }
  return async (authorization: string | undefined): Promise<Claims | undefined> => {
    const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return undefined;
    try {
      return (await verifier.verify(token)) as Claims;
    } catch {
      return undefined;
    }
  };
}
