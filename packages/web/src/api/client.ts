import type { ErrorBody, ErrorCode, ErrorReason } from '@calmdesk/contracts';

/** An error answer of the CalmDesk API (`ErrorBody`); `http_error` when the answer had no error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'http_error',
    message: string,
    readonly path?: string,
    readonly body?: unknown,
  ) {
    super(message);
  }

  /** Why the server refused, finer than the code (`required`, `too_long` …), when it said. */
  get reason(): ErrorReason | undefined {
    return (this.body as Partial<ErrorBody> | undefined)?.error?.reason;
  }

  /** The bound a `too_*` reason names. */
  get limit(): number | undefined {
    return (this.body as Partial<ErrorBody> | undefined)?.error?.limit;
  }

  /** The columns of an import file a reason is about. */
  get columns(): string[] | undefined {
    return (this.body as Partial<ErrorBody> | undefined)?.error?.columns;
  }

  /** The line of an import file a reason is about. */
  get line(): number | undefined {
    return (this.body as Partial<ErrorBody> | undefined)?.error?.line;
  }
}

export const CSRF_STORAGE_KEY = 'calmdesk.csrf';

export function rememberCsrfToken(token: string | undefined) {
  if (token) sessionStorage.setItem(CSRF_STORAGE_KEY, token);
  else sessionStorage.removeItem(CSRF_STORAGE_KEY);
}

/**
 * Calls the API with the session cookie; writes carry the CSRF token the session endpoint handed out.
 * `T` is the operation's answer type from `@calmdesk/contracts` (e.g. `api<CaseDetail>(…)`).
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const csrf = sessionStorage.getItem(CSRF_STORAGE_KEY);
  if (csrf && method !== 'GET') headers['x-csrf-token'] = csrf;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const error: Partial<ErrorBody['error']> = (data as Partial<ErrorBody> | undefined)?.error ?? {};
    throw new ApiError(
      response.status,
      error.code ?? 'http_error',
      error.message ?? response.statusText,
      error.path,
      data,
    );
  }
  return data as T;
}
