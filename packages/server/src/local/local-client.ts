import { AppError, type ErrorCode } from '../errors.ts';
import { LOCAL_SECRET_HEADER, type ServerFile } from './server-file.ts';

/** Sends one CLI command to the running server's local route; an error answer becomes an AppError. */
export async function callLocalServer<T>(server: ServerFile, path: string, body: unknown): Promise<T> {
  const response = await fetch(new URL(path, server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [LOCAL_SECRET_HEADER]: server.secret },
    body: JSON.stringify(body ?? {}),
    signal: AbortSignal.timeout(120_000),
  });
  const answer = (await response.json().catch(() => null)) as {
    error?: { code?: ErrorCode; message?: string; path?: string };
  } | null;
  if (!response.ok) {
    const error = answer?.error;
    throw new AppError(
      error?.code ?? 'bad_request',
      error?.message ?? `the server at ${server.url} answered ${response.status}`,
      error?.path,
    );
  }
  return answer as T;
}
