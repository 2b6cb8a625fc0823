/**
 * The one place that talks to the linkledger API: builds URLs (relative to the page, so the dashboard
 * also works behind a reverse proxy under a sub-path), sends the token, and turns every failure into an
 * ApiError with a message fit to show (the API's own `{error: {message}}` when it sent one).
 */
import { currentToken, requestToken } from './auth.ts';
import type { ApiErrorBody } from './types.ts';

export type QueryValue = string | number | boolean | readonly string[] | null | undefined;
export type Query = Readonly<Record<string, QueryValue>>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * `api/v1/<path>?<query>` as an absolute URL. Empty values and `false` are left out, so a filter that is
 * off is simply absent (the API's default), and arrays become repeated parameters.
 */
export function apiUrl(path: string, query: Query = {}): string {
  const url = new URL(`api/v1/${path}`, document.baseURI);
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === false || value === '') continue;
    if (Array.isArray(value)) {
      for (const v of value as readonly string[]) if (v !== '') url.searchParams.append(name, v);
    } else url.searchParams.set(name, String(value));
  }
  return url.toString();
}

export function authHeaders(): Record<string, string> {
  const token = currentToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

interface RequestOptions {
  query?: Query;
  method?: 'GET' | 'POST';
  body?: unknown;
  signal?: AbortSignal;
}

/** Fetches and checks a response; on 401/403 it also opens the token prompt. */
export async function apiResponse(path: string, options: RequestOptions = {}): Promise<Response> {
  const url = apiUrl(path, options.query);
  const init: RequestInit = {
    method: options.method ?? 'GET',
    headers: {
      accept: 'application/json',
      ...authHeaders(),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
  };
  if (options.body !== undefined) init.body = JSON.stringify(options.body);
  if (options.signal) init.signal = options.signal;
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', `Cannot reach the linkledger server (${new URL(url).host}).`);
  }
  if (response.ok) return response;
  const failure = await errorOf(response);
  if (response.status === 401) requestToken(currentToken() ? 'rejected' : 'missing');
  if (response.status === 403) requestToken('forbidden');
  throw failure;
}

export async function apiJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await apiResponse(path, options);
  return (await response.json()) as T;
}

async function errorOf(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's HTML page, say): fall back to the status line.
  }
  const error = (body as Partial<ApiErrorBody> | null)?.error;
  if (error && typeof error.message === 'string')
    return new ApiError(response.status, error.code ?? 'ERROR', error.message, error.field ?? null);
  const text = response.statusText || 'request failed';
  return new ApiError(response.status, 'HTTP', `The server answered ${response.status} ${text}.`);
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
