// The API client, generated from the committed OpenAPI document (`npm run openapi` writes schema.d.ts).
// Every request carries the session's token; a 401 ends the session and returns to the login page.

import createClient, { type Middleware } from 'openapi-fetch';
import { clearSession, readToken } from '../auth/session';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

/** A field the server refused, as its validation names it (`members[0].idNumber`). */
export interface FieldError {
  field: string;
  message: string;
}

/** The API's error body: a code, a Chinese message, and the refused fields where there are any. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }
}

const authenticate: Middleware = {
  onRequest({ request }) {
    const token = readToken();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401 && readToken()) {
      clearSession();
      window.location.assign(
        `/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`,
      );
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '/api' });
api.use(authenticate);

interface ErrorBody {
  code?: string;
  message?: string;
  errors?: FieldError[];
}

/** The answer's data, or an ApiError with the server's Chinese message (a network failure says so too). */
export async function unwrap<T>(
  request: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: Awaited<typeof request>;
  try {
    result = await request;
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (result.response.ok) return result.data as T;
  const body = (result.error ?? {}) as ErrorBody;
  throw new ApiError(
    result.response.status,
    body.code ?? 'HTTP_ERROR',
    body.message ?? `请求失败（${result.response.status}）`,
    body.errors ?? [],
  );
}
