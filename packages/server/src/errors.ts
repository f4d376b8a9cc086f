import type { ErrorCode as AnswerCode } from '@calmdesk/contracts';

/** The codes an expected failure carries (`@calmdesk/contracts` lists them); `internal` is the 500's alone. */
export type ErrorCode = Exclude<AnswerCode, 'internal'>;

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  training_not_active: 409,
  legal_hold: 409,
  payload_too_large: 413,
  coaching_blocked: 422,
  approval_required: 422,
  too_many_requests: 429,
  idempotency_key_reused: 422,
  idempotency_key_in_progress: 409,
  backup_invalid: 422,
  restore_target_not_empty: 409,
};

/** An expected failure with a stable code; `details` travels to the client next to the message. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly path?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

export function notFound(what: string, id: string): AppError {
  return new AppError('not_found', `${what} ${id} does not exist`);
}
