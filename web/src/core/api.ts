// Calls to the tenant's API (/v1/… on the same origin: no CORS). Errors arrive as ApiError with the API's
// machine-readable code and its Vietnamese and English messages; a lost connection and an expired session are
// errors of their own, so a page can say so and keep what the user typed.
import { refresh, session, sessionExpired, type TenantConfig } from './auth';
import type { Text } from './i18n';
import { store } from './store';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, readonly text: Text, readonly details?: unknown) {
    super(`${code}: ${text.en}`);
  }
}

export const NETWORK_TEXT: Text = {
  vi: 'Mất kết nối mạng. Những gì bạn đã nhập vẫn được giữ nguyên; hãy thử lại khi có mạng.',
  en: 'The connection was lost. What you typed is kept; try again when you are back online.',
};
export const EXPIRED_TEXT: Text = {
  vi: 'Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại; những gì bạn đã nhập vẫn được giữ nguyên.',
  en: 'Your session has expired. Sign in again; what you typed is kept.',
};

/** False while the browser reports no network, or after a request failed for lack of one. */
export const online = store(typeof navigator === 'undefined' ? true : navigator.onLine);
if (typeof window !== 'undefined') {
  window.addEventListener('online', () => online.set(true));
  window.addEventListener('offline', () => online.set(false));
}

let currentConfig: TenantConfig | undefined;
/** The tenant whose API and user pool the calls use (set by the app once the tenant's config is loaded). */
export const setApiTenant = (config: TenantConfig): void => { currentConfig = config; };

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as Idempotency-Key: a retried POST (after a lost connection) then creates one thing, not two. */
  idempotencyKey?: string;
  /** Return the Response itself (CSV, files) rather than parsed JSON. */
  raw?: boolean;
  /** Send without the token even when signed in. */
  anonymous?: boolean;
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
  const headers: Record<string, string> = { accept: options.raw ? '*/*' : 'application/json' };
  const token = options.anonymous ? undefined : session.get()?.idToken;
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  try {
    const response = await fetch(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    online.set(true);
    return response;
  } catch {
    online.set(false);
    throw new ApiError(0, 'NETWORK', NETWORK_TEXT);
  }
}

export async function request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  let response = await send(method, path, options);
  if (response.status === 401 && !options.anonymous && session.get()) {
    if (currentConfig && (await refresh(currentConfig))) response = await send(method, path, options);
    if (response.status === 401) {
      sessionExpired.set(true);
      throw new ApiError(401, 'SESSION_EXPIRED', EXPIRED_TEXT);
    }
  }
  if (!response.ok) {
    const payload = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string; messageEn?: string; details?: unknown } } | undefined;
    const error = payload?.error;
    throw new ApiError(response.status, error?.code ?? `HTTP_${response.status}`, {
      vi: error?.message ?? `Máy chủ trả lời lỗi ${response.status}. Hãy thử lại sau.`,
      en: error?.messageEn ?? `The server answered ${response.status}. Try again later.`,
    }, error?.details);
  }
  if (options.raw) return response as T;
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const get = <T>(path: string, query?: RequestOptions['query']) => request<T>('GET', path, { query });
export const post = <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) => request<T>('POST', path, { ...options, body: body ?? {} });
export const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, { body });
export const put = <T>(path: string, body: unknown) => request<T>('PUT', path, { body });
export const del = <T>(path: string) => request<T>('DELETE', path);

/** A fresh Idempotency-Key for one user intent (keep it across retries of that intent). */
export const newKey = (): string => crypto.randomUUID();

/**
 * Field-level problems of a 400 VALIDATION_FAILED, as { field: message } for the form to show. The API lists them
 * in details as { path: 'body.fieldName', message }.
 */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return {};
  const out: Record<string, string> = {};
  for (const issue of err.details as { path?: string; message?: string }[]) {
    if (issue.path && issue.message) out[issue.path.replace(/^(body|query|params)\./, '')] = issue.message;
  }
  return out;
}

/** Saves a response body as a file with its own name (Content-Disposition) or the given one. */
export async function download(path: string, fallbackName: string, query?: RequestOptions['query']): Promise<void> {
  const response = await request<Response>('GET', path, { raw: true, query });
  const disposition = response.headers.get('content-disposition') ?? '';
  const named = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const name = named ? decodeURIComponent(named) : fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
