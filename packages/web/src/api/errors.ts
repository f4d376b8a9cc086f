import type { TFunction } from 'i18next';
import { ApiError } from './client.ts';

/**
 * What to tell a person about a failed request, in their interface language: the reason the server
 * gave (`errors.reason.*`), else its code (`errors.code.*`), else a generic sentence. The server's own
 * English message is never shown: it is for logs and API users.
 */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.reason && t(`errors.reason.${error.reason}`, { defaultValue: '' })) {
      return t(`errors.reason.${error.reason}`, {
        limit: error.limit ?? '',
        columns: error.columns?.join(', ') ?? '',
        line: error.line ?? '',
      });
    }
    if (error.code !== 'http_error') return t(`errors.code.${error.code}`);
    return t('errors.generic');
  }
  // fetch rejects with a TypeError when the server cannot be reached at all.
  if (error instanceof TypeError) return t('errors.network');
  return t('errors.generic');
}

/**
 * Whether an error's field path (`body.customer.email`) is the form field named by its tail (`email`,
 * `customer.email`); an item of a list (`body.emails.1`) is its list's field.
 */
export function isAtField(error: unknown, field: string): boolean {
  if (!(error instanceof ApiError) || !error.path) return false;
  return [error.path, error.path.replace(/(\.\d+)+$/, '')].some(
    (path) => path === field || path.endsWith(`.${field}`),
  );
}

/**
 * A form's errors: `at(field)` for a field's Mantine `error` prop (the translated text when the error is
 * that field's), `above(...fields)` for the alert over the form (the text unless one of those fields shows it).
 */
export function formErrors(t: TFunction, error: unknown, fields: readonly string[] = []) {
  const text = error ? errorText(t, error) : undefined;
  const shownAtField = fields.some((field) => isAtField(error, field));
  return {
    at: (field: string): string | undefined => (text && isAtField(error, field) ? text : undefined),
    above: text && !shownAtField ? text : undefined,
  };
}
