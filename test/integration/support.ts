// What integration tests share: where the suite runs, signing in through its Cognito, calling its API.
import { readFileSync } from 'node:fs';
import {
  AdminConfirmSignUpCommand, AdminGetUserCommand, CognitoIdentityProviderClient, InitiateAuthCommand, SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { DeployedTenant } from '#shared/tenant';

export interface SuiteInfo {
  url: string;
  /** `smtp`: the SMTP server taking mail for the tenants' domains, as `smtp://127.0.0.1:<port>`. */
  endpoints: { dynamodb: string; s3: string; cognito: string; smtp: string };
  tenants: DeployedTenant[];
  /** The platform's user pool (the operator API). */
  operator: DeployedTenant['auth'];
}

export const DEMO_PASSWORD = 'TinhSo@2026';

export function suiteInfo(file = process.env.SUITE_FILE): SuiteInfo {
  if (!file) throw new Error('SUITE_FILE is not set: run integration tests through jest (global setup starts the suite)');
  return JSON.parse(readFileSync(file, 'utf8')) as SuiteInfo;
}

export function tenantOf(id: string, info = suiteInfo()): DeployedTenant {
  const tenant = info.tenants.find((t) => t.id === id);
  if (!tenant) throw new Error(`No tenant ${id} in the suite`);
  return tenant;
}

export function cognitoClient(info = suiteInfo()): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint: info.endpoints.cognito, region: 'ap-southeast-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
}

const tokens = new Map<string, string>();

/** The ID token of a user of a tenant (cached per test file; pass fresh to sign in again). */
export async function signIn(tenantId: string, email: string, options: { password?: string; fresh?: boolean } = {}): Promise<string> {
  const key = `${tenantId}/${email}`;
  const cached = tokens.get(key);
  if (cached && !options.fresh) return cached;
  const out = await cognitoClient().send(new InitiateAuthCommand({
    ClientId: tenantOf(tenantId).auth.clientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: email, PASSWORD: options.password ?? DEMO_PASSWORD },
  }));
  const token = out.AuthenticationResult?.IdToken;
  if (!token) throw new Error(`No token for ${email}: challenge ${out.ChallengeName}`);
  tokens.set(key, token);
  return token;
}

/** The ID token of a user of the platform's pool: `operator@tinhso.vn` (group `operator`) unless said. */
export async function operatorToken(email = 'operator@tinhso.vn', options: { password?: string; fresh?: boolean } = {}): Promise<string> {
  const key = `platform/${email}`;
  const cached = tokens.get(key);
  if (cached && !options.fresh) return cached;
  const out = await cognitoClient().send(new InitiateAuthCommand({
    ClientId: suiteInfo().operator.clientId, AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: email, PASSWORD: options.password ?? DEMO_PASSWORD },
  }));
  const token = out.AuthenticationResult?.IdToken;
  if (!token) throw new Error(`No token for ${email}: challenge ${out.ChallengeName}`);
  tokens.set(key, token);
  return token;
}

export const adminOf = (tenantId: string) => signIn(tenantId, `admin@${tenantOf(tenantId).domain}`);
export const officerOf = (tenantId: string) => signIn(tenantId, `canbo@${tenantOf(tenantId).domain}`);

export interface ApiResponse<T = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  status: number;
  body: T;
  headers: Headers;
}

export async function api(method: string, path: string, options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${suiteInfo().url}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: the test sees the text
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

export async function poolHasUser(tenantId: string, email: string): Promise<boolean> {
  try {
    await cognitoClient().send(new AdminGetUserCommand({ UserPoolId: tenantOf(tenantId).auth.userPoolId, Username: email }));
    return true;
  } catch (err) {
    if ((err as Error).name === 'UserNotFoundException') return false;
    throw err;
  }
}

/** A unique suffix so tests can run again and again on the same data. */
export const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A small, real PDF's bytes (the magic number is what the upload check reads). */
export const pdfBytes = (text = 'Tinh So') => new TextEncoder().encode(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

/** Requests an upload through the API and POSTs the bytes to the presigned form, as a browser does. */
export async function uploadFile(tenant: string, token: string, fileName: string, contentType: string, bytes: Uint8Array): Promise<string> {
  const created = await api('POST', `/v1/${tenant}/uploads`, { token, body: { fileName, contentType, size: bytes.length } });
  if (created.status !== 201) throw new Error(`upload request failed: ${created.status} ${JSON.stringify(created.body)}`);
  const form = new FormData();
  for (const [name, value] of Object.entries(created.body.fields as Record<string, string>)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }), fileName);
  const posted = await fetch(created.body.url, { method: 'POST', body: form });
  if (posted.status >= 300) throw new Error(`upload POST failed: ${posted.status}`);
  return created.body.uploadId;
}

/** A citizen who just signed up and was confirmed (through the real sign-up trigger): a stranger to every dossier. */
export async function newCitizen(tenantId: string): Promise<string> {
  const email = `nguoimoi.${unique()}@example.vn`;
  const { auth } = tenantOf(tenantId);
  await cognitoClient().send(new SignUpCommand({ ClientId: auth.clientId, Username: email, Password: DEMO_PASSWORD, UserAttributes: [{ Name: 'email', Value: email }] }));
  await cognitoClient().send(new AdminConfirmSignUpCommand({ UserPoolId: auth.userPoolId, Username: email }));
  return signIn(tenantId, email);
}

/** Polls until `probe` gives a value (async work: stream consumers, the outbox), or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * The messages in an official's INBOX whose Message-ID starts with `prefix`, each with its raw .eml: notifications to
 * the province's own officials are filed in their mailboxes (the ones to anyone else go out through the transport).
 */
export async function mailboxMessages(tenantId: string, email: string, prefix: string): Promise<{ id: string; messageId: string; raw: string }[]> {
  const token = await signIn(tenantId, email);
  const found: { id: string; messageId: string }[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 10; page++) {
    const res = await api('GET', `/v1/${tenantId}/mail/folders/INBOX/messages?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token });
    if (res.status !== 200) throw new Error(`INBOX of ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    found.push(...(res.body.items as { id: string; messageId: string }[]).filter((m) => m.messageId.startsWith(prefix)));
    cursor = res.body.cursor;
    if (!cursor) break;
  }
  return Promise.all(found.map(async (m) => ({ ...m, raw: (await api('GET', `/v1/${tenantId}/mail/messages/${m.id}/raw`, { token })).body as string })));
}

/** Waits until the INBOX of `email` holds the message `messageId`, and returns its raw .eml. */
export async function mailboxMessage(tenantId: string, email: string, messageId: string): Promise<string> {
  return eventually(async () => (await mailboxMessages(tenantId, email, messageId)).find((m) => m.messageId === messageId)?.raw);
}
