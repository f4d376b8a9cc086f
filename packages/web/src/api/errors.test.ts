import { ERROR_CODES, ERROR_REASONS } from '@calmdesk/contracts/enums';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { et } from '../i18n/et.ts';
import { i18next } from '../i18n/index.ts';
import { pl } from '../i18n/pl.ts';
import { ApiError } from './client.ts';
import { errorText, formErrors } from './errors.ts';

const apiError = (code: string, extra: Record<string, unknown> = {}, status = 400) =>
  new ApiError(status, code as ApiError['code'], 'english text from the server', extra.path as string, {
    error: { code, message: 'english text from the server', ...extra },
  });

describe('error texts', () => {
  it.each([
    ['en', en],
    ['pl', pl],
    ['et', et],
  ] as const)('has a %s text for every code and every reason the contracts list', (_language, messages) => {
    const codes = messages.errors.code as Record<string, string>;
    const reasons = messages.errors.reason as Record<string, string>;
    expect(ERROR_CODES.filter((code) => !codes[code]?.trim())).toEqual([]);
    expect(ERROR_REASONS.filter((reason) => !reasons[reason]?.trim())).toEqual([]);
    expect(Object.keys(codes).sort()).toEqual([...ERROR_CODES].sort());
    expect(Object.keys(reasons).sort()).toEqual([...ERROR_REASONS].sort());
  });

  it('says why in Polish, with the bound the server named, never the server’s English', () => {
    const t = i18next.getFixedT('pl');
    const error = apiError('bad_request', { path: 'body.subject', reason: 'too_long', limit: 300 });
    expect(errorText(t, error)).toBe('Wpisz najwyżej 300 znaków.');
    expect(errorText(t, apiError('bad_request', { reason: 'cash_refund_needs_amount' }))).toBe(
      'Zwrot pieniędzy wymaga podania kwoty.',
    );
  });

  it('falls back to the code, then to a generic sentence', () => {
    const t = i18next.getFixedT('et');
    expect(errorText(t, apiError('forbidden', {}, 403))).toBe(et.errors.code.forbidden);
    expect(errorText(t, apiError('conflict', { reason: 'a reason this build does not know' }, 409))).toBe(
      et.errors.code.conflict,
    );
    expect(errorText(t, new ApiError(502, 'http_error', 'Bad Gateway'))).toBe(et.errors.generic);
    expect(errorText(t, new TypeError('Failed to fetch'))).toBe(et.errors.network);
    expect(errorText(t, new Error('boom'))).toBe(et.errors.generic);
  });

  it('puts a field’s error under that field and keeps the alert for the rest', () => {
    const t = i18next.getFixedT('en');
    const atEmail = formErrors(
      t,
      apiError('bad_request', { path: 'body.customer.email', reason: 'not_an_email' }),
      ['email', 'name'],
    );
    expect(atEmail.at('email')).toBe(en.errors.reason.not_an_email);
    expect(atEmail.at('name')).toBeUndefined();
    expect(atEmail.above).toBeUndefined();
    const elsewhere = formErrors(t, apiError('forbidden', {}, 403), ['email']);
    expect(elsewhere.at('email')).toBeUndefined();
    expect(elsewhere.above).toBe(en.errors.code.forbidden);
    expect(formErrors(t, null, ['email']).above).toBeUndefined();
    const listItem = formErrors(
      t,
      apiError('bad_request', { path: 'body.emails.1', reason: 'not_an_email' }),
      ['emails'],
    );
    expect(listItem.at('emails')).toBe(en.errors.reason.not_an_email);
  });
});
