const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why PostgreSQL would not store or compare this text as it was sent, or null: it refuses NUL in text,
 * and a lone surrogate has no UTF-8 form, so it would be stored as something else.
 */
export function unstorableTextProblem(text: string): string | null {
  if (LONE_SURROGATE.test(text)) return 'the text holds a lone surrogate (not valid Unicode)';
  if (text.includes('\u0000')) return 'the text holds a NUL character';
  return null;
}
