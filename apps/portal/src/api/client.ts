import { apiKey, signOut } from '../session';
import type { PageMeta } from './types';

export interface ApiErrorItem {
  code: string;
  title: string;
  detail?: string;
  source?: { pointer?: string };
}

/** A non-2xx answer, with the API's error envelope (or one made up when the body had none). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ApiErrorItem[],
  ) {
    super(errors.map((e) => e.detail ?? e.title).join(' '));
  }

  has(code: string): boolean {
    return this.errors.some((e) => e.code === code);
  }
}

export interface Answer<T> {
  data: T;
  meta?: PageMeta;
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when the API refuses the key, so the app can send the user back to sign in. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

async function readErrors(response: Response): Promise<ApiErrorItem[]> {
  try {
    const body = (await response.json()) as { errors?: ApiErrorItem[] };
    if (Array.isArray(body.errors) && body.errors.length > 0) return body.errors;
  } catch {
    // not JSON: fall through to a generic error
  }
  return [{ code: 'http_error', title: `The service answered ${response.status}` }];
}

export interface CallOptions {
  /** Another key than the signed-in one (sign-in checks the pasted key this way). */
  key?: string | null;
  headers?: Record<string, string>;
}

/** One call to the public API, same origin, with the signed-in key. */
export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  options: CallOptions = {},
): Promise<Answer<T>> {
  const key = options.key === undefined ? apiKey() : options.key;
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, [{ code: 'network_error', title: 'The service could not be reached' }]);
  }
  if (!response.ok) {
    const error = new ApiError(response.status, await readErrors(response));
    if (response.status === 401 && key === apiKey()) {
      signOut();
      unauthorizedListeners.forEach((listener) => listener());
    }
    throw error;
  }
  if (response.status === 204) return { data: undefined as T };
  return (await response.json()) as Answer<T>;
}

/** A query string from the defined values only. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function phonePath(phoneNumber: string): string {
  return encodeURIComponent(phoneNumber);
}
