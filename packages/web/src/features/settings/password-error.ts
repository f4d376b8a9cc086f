import { MIN_PASSWORD_LENGTH } from '@calmdesk/contracts/enums';
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';

/** A refused password in the person's language, saying which rule it broke; other errors as errorText words them. */
export function passwordErrorText(t: TFunction, error: Error): string {
  if (error instanceof ApiError && error.code === 'bad_request' && /password$/i.test(error.path ?? '')) {
    const reason = (error.body as { error?: { reason?: string } } | undefined)?.error?.reason;
    if (reason === 'password_too_common') return t('staff.passwordTooCommon');
    if (reason === 'password_wrong') return t('staff.currentPasswordWrong');
    return t('staff.passwordTooShort', { min: MIN_PASSWORD_LENGTH });
  }
  return errorText(t, error);
}
