import { type ErrorCode as AnswerCode, ERROR_REASONS, type ErrorReason } from '@calmdesk/contracts';

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

/** Facts sent next to the message: `reason` (one of ERROR_REASONS) tells a person's screen what to say. */
export type ErrorDetails = { reason?: ErrorReason; limit?: number } & Record<string, unknown>;

/** An expected failure with a stable code; `details` travels to the client next to the message. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly path?: string,
    readonly details?: ErrorDetails,
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

/** The parts of a zod issue a reason is read from (zod 4's issue, as the validator hands it over). */
export interface IssueLike {
  code?: string;
  input?: unknown;
  origin?: string;
  format?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  params?: { reason?: unknown; limit?: unknown };
  expected?: string;
}

const REASONS: ReadonlySet<string> = new Set(ERROR_REASONS);
const SIZED = new Set(['array', 'set', 'map', 'file']);

/** Why a schema check failed, as a stable reason, and the bound it names (`too_short` … 12). */
export function reasonOfIssue(issue: IssueLike | undefined): { reason: ErrorReason; limit?: number } {
  const bound = (value: number | bigint | undefined) =>
    value === undefined || !Number.isFinite(Number(value)) ? {} : { limit: Number(value) };
  switch (issue?.code) {
    case 'invalid_type':
      // zod names a fraction where a whole number belongs by the type it expected: `int`.
      if (issue.expected === 'int') return { reason: 'not_whole' };
      if (issue.input === undefined || issue.input === null) return { reason: 'required' };
      return { reason: 'wrong_type' };
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? { reason: 'required' }
          : { reason: 'too_short', ...bound(issue.minimum) };
      }
      if (SIZED.has(issue.origin ?? '')) return { reason: 'too_few', ...bound(issue.minimum) };
      return { reason: 'too_small', ...bound(issue.minimum) };
    case 'too_big':
      if (issue.origin === 'string') return { reason: 'too_long', ...bound(issue.maximum) };
      if (SIZED.has(issue.origin ?? '')) return { reason: 'too_many', ...bound(issue.maximum) };
      return { reason: 'too_big', ...bound(issue.maximum) };
    case 'invalid_format':
      if (issue.format === 'email') return { reason: 'not_an_email' };
      if (issue.format === 'date' || issue.format === 'datetime') return { reason: 'not_a_date' };
      return { reason: 'invalid_format' };
    case 'invalid_value':
    case 'invalid_union':
      return { reason: 'not_a_choice' };
    case 'unrecognized_keys':
      return { reason: 'unknown_field' };
    case 'not_multiple_of':
      return { reason: 'not_whole' };
    case 'custom': {
      const named = issue.params?.reason;
      const reason = typeof named === 'string' && REASONS.has(named) ? (named as ErrorReason) : 'invalid';
      const limit = issue.params?.limit;
      return typeof limit === 'number' ? { reason, limit } : { reason };
    }
    default:
      return { reason: 'invalid' };
  }
}
