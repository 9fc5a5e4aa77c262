// Signing in with the tenant's Cognito user pool, by the same Cognito API calls in AWS and locally (cognito-local):
// the tenant's config route says which endpoint and app client. Plain fetch keeps the SDK out of the bundle.
import type { Text } from './i18n';
import { store } from './store';

export interface TenantAuth { region: string; userPoolId: string; clientId: string; endpoint?: string }

export interface TenantConfig {
  id: string;
  name: string;
  provinceCode: string;
  domain: string;
  services: string[];
  auth: TenantAuth;
}

export type Role = 'citizen' | 'officer' | 'clerk' | 'leader' | 'tenant-admin';

export interface Session {
  tenant: string;
  email: string;
  name: string;
  roles: Role[];
  unit: string | undefined;
  idToken: string;
  refreshToken: string | undefined;
  /** Epoch ms at which the ID token stops being accepted. */
  expiresAt: number;
}

export class AuthError extends Error {
  constructor(readonly code: string, readonly text: Text) {
    super(text.en);
  }
}

const AUTH_TEXT: Record<string, Text> = {
  NotAuthorizedException: { vi: 'Email hoặc mật khẩu không đúng.', en: 'Wrong email or password.' },
  UserNotFoundException: { vi: 'Email hoặc mật khẩu không đúng.', en: 'Wrong email or password.' },
  UserNotConfirmedException: { vi: 'Tài khoản chưa được xác nhận: hãy nhập mã xác nhận đã gửi tới email.', en: 'The account is not confirmed yet: enter the code sent to your email.' },
  UsernameExistsException: { vi: 'Email này đã được đăng ký. Hãy đăng nhập.', en: 'This email is already registered. Sign in instead.' },
  InvalidPasswordException: { vi: 'Mật khẩu chưa đủ mạnh: ít nhất 8 ký tự, có chữ hoa, chữ thường, chữ số và ký tự đặc biệt.', en: 'The password is too weak: at least 8 characters with upper and lower case letters, a digit and a symbol.' },
  CodeMismatchException: { vi: 'Mã xác nhận không đúng.', en: 'The confirmation code is wrong.' },
  ExpiredCodeException: { vi: 'Mã xác nhận đã hết hạn: hãy yêu cầu mã mới.', en: 'The confirmation code has expired: ask for a new one.' },
  InvalidParameterException: { vi: 'Thông tin chưa hợp lệ.', en: 'Some details are not valid.' },
  LimitExceededException: { vi: 'Thử quá nhiều lần. Hãy đợi ít phút rồi thử lại.', en: 'Too many attempts. Wait a few minutes and try again.' },
  TooManyRequestsException: { vi: 'Thử quá nhiều lần. Hãy đợi ít phút rồi thử lại.', en: 'Too many attempts. Wait a few minutes and try again.' },
  NETWORK: { vi: 'Mất kết nối mạng. Hãy kiểm tra kết nối rồi thử lại.', en: 'The connection was lost. Check it and try again.' },
};
const UNKNOWN: Text = { vi: 'Không đăng nhập được lúc này. Hãy thử lại sau.', en: 'Signing in failed. Try again later.' };

const endpointOf = (auth: TenantAuth) => auth.endpoint ?? `https://cognito-idp.${auth.region}.amazonaws.com/`;

async function cognito<T>(auth: TenantAuth, action: string, body: Record<string, unknown>, texts: Record<string, Text> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(endpointOf(auth), {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${action}` },
      body: JSON.stringify(body),
    });
  } catch {
    throw new AuthError('NETWORK', AUTH_TEXT.NETWORK!);
  }
  const payload = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const code = String(payload.__type ?? payload.code ?? 'Unknown').split('#').pop()!;
    throw new AuthError(code, texts[code] ?? AUTH_TEXT[code] ?? UNKNOWN);
  }
  return payload as T;
}

export function claimsOf(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const json = decodeURIComponent(Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
  return JSON.parse(json) as Record<string, unknown>;
}

function sessionFrom(tenant: string, idToken: string, refreshToken: string | undefined): Session {
  const claims = claimsOf(idToken);
  const groups = claims['cognito:groups'];
  return {
    tenant,
    email: String(claims.email ?? ''),
    name: String(claims.name ?? claims.email ?? ''),
    roles: (Array.isArray(groups) ? groups : typeof groups === 'string' ? groups.split(/[ ,]/) : []) as Role[],
    unit: typeof claims['custom:unit'] === 'string' && claims['custom:unit'] ? claims['custom:unit'] : undefined,
    idToken,
    refreshToken,
    expiresAt: Number(claims.exp ?? 0) * 1000,
  };
}

const storageKey = (tenant: string) => `tinhso.session.${tenant}`;

function load(tenant: string): Session | undefined {
  try {
    const raw = localStorage.getItem(storageKey(tenant));
    return raw ? (JSON.parse(raw) as Session) : undefined;
  } catch {
    return undefined;
  }
}

/** The signed-in user of the current tenant, or undefined. */
export const session = store<Session | undefined>(undefined);
/** Set when the API refused the token and it could not be refreshed: the page keeps its state and asks to sign in again. */
export const sessionExpired = store(false);

/** Makes `session` the stored session of this tenant (each tenant signs in apart). */
export function selectTenantSession(tenant: string): void {
  if (session.get()?.tenant !== tenant) session.set(load(tenant));
}

function save(s: Session): void {
  try { localStorage.setItem(storageKey(s.tenant), JSON.stringify(s)); } catch { /* private mode: this page only */ }
  session.set(s);
  sessionExpired.set(false);
}

interface AuthResult { AuthenticationResult?: { IdToken?: string; RefreshToken?: string }; ChallengeName?: string }

export async function signIn(config: TenantConfig, email: string, password: string): Promise<Session> {
  const out = await cognito<AuthResult>(config.auth, 'InitiateAuth', {
    ClientId: config.auth.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email.trim(), PASSWORD: password },
  }, { InvalidPasswordException: AUTH_TEXT.NotAuthorizedException! }); // cognito-local's answer to a wrong password
  const id = out.AuthenticationResult?.IdToken;
  if (!id) throw new AuthError(out.ChallengeName ?? 'Challenge', { vi: 'Tài khoản cần một bước xác thực mà trang này chưa hỗ trợ. Hãy liên hệ quản trị.', en: 'The account needs a sign-in step this page does not support. Contact the administrator.' });
  const s = sessionFrom(config.id, id, out.AuthenticationResult?.RefreshToken);
  save(s);
  return s;
}

/** A new ID token from the refresh token; false when there is none or it was refused. */
export async function refresh(config: TenantConfig): Promise<boolean> {
  const current = session.get();
  if (!current?.refreshToken || current.tenant !== config.id) return false;
  try {
    const out = await cognito<AuthResult>(config.auth, 'InitiateAuth', {
      ClientId: config.auth.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: current.refreshToken },
    });
    const id = out.AuthenticationResult?.IdToken;
    if (!id) return false;
    save(sessionFrom(config.id, id, current.refreshToken));
    return true;
  } catch {
    return false;
  }
}

export function signOut(): void {
  const current = session.get();
  if (current) {
    try { localStorage.removeItem(storageKey(current.tenant)); } catch { /* nothing stored */ }
  }
  session.set(undefined);
  sessionExpired.set(false);
}

/** Citizens register themselves; Cognito sends a code to the email, which confirmSignUp takes. */
export async function signUp(config: TenantConfig, input: { email: string; password: string; name: string; phone?: string }): Promise<void> {
  const attributes = [{ Name: 'email', Value: input.email.trim() }, { Name: 'name', Value: input.name.trim() }];
  await cognito(config.auth, 'SignUp', { ClientId: config.auth.clientId, Username: input.email.trim(), Password: input.password, UserAttributes: attributes });
}

export async function confirmSignUp(config: TenantConfig, email: string, code: string): Promise<void> {
  await cognito(config.auth, 'ConfirmSignUp', { ClientId: config.auth.clientId, Username: email.trim(), ConfirmationCode: code.trim() });
}

export async function resendCode(config: TenantConfig, email: string): Promise<void> {
  await cognito(config.auth, 'ResendConfirmationCode', { ClientId: config.auth.clientId, Username: email.trim() });
}

export const hasRole = (s: Session | undefined, ...roles: Role[]): boolean => !!s && s.roles.some((r) => roles.includes(r));
export const isStaff = (s: Session | undefined): boolean => hasRole(s, 'officer', 'clerk', 'leader', 'tenant-admin');
