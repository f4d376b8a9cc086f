/** The SQLSTATE a database error carries (`23505`, `40001` …), or undefined for any other error. */
export function sqlStateOf(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** serialization_failure: the transaction lost a race (also raised by case_changed()). */
export const SERIALIZATION_FAILURE = '40001';
/** deadlock_detected: the database ended this transaction to free another. */
const DEADLOCK_DETECTED = '40P01';

/**
 * Did the database give up on the transaction itself, not on what it wrote? It was rolled back whole,
 * so running it again from the start is safe.
 */
export function isRetryableTransactionError(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state === SERIALIZATION_FAILURE || state === DEADLOCK_DETECTED;
}
