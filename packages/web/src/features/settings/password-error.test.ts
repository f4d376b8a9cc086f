import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { en } from '../../i18n/en.ts';
import { et } from '../../i18n/et.ts';
import { pl } from '../../i18n/pl.ts';
import { passwordErrorText } from './password-error.ts';

const refusal = (path: string, reason?: string) =>
  new ApiError(400, 'bad_request', 'the server words it in English', path, {
    error: { code: 'bad_request', message: 'the server words it in English', path, reason },
  });

describe.each([
  ['pl', pl],
  ['et', et],
  ['en', en],
] as const)('a refused password in %s', (language, messages) => {
  const t = i18next.createInstance();
  void t.init({ lng: language, resources: { [language]: { translation: messages } } });

  it('says why in the interface language, whichever password field it was', () => {
    expect(passwordErrorText(t.t, refusal('body.password'))).toBe(
      messages.staff.passwordTooShort.replace('{{min}}', '12'),
    );
    expect(passwordErrorText(t.t, refusal('newPassword', 'password_too_common'))).toBe(
      messages.staff.passwordTooCommon,
    );
    expect(passwordErrorText(t.t, refusal('currentPassword', 'password_wrong'))).toBe(
      messages.staff.currentPasswordWrong,
    );
  });

  it('words other errors in the interface language too, never in the server’s English', () => {
    const taken = new ApiError(409, 'conflict', 'a user with e-mail x exists', 'email', {
      error: {
        code: 'conflict',
        message: 'a user with e-mail x exists',
        path: 'email',
        reason: 'email_taken',
      },
    });
    expect(passwordErrorText(t.t, taken)).toBe(messages.errors.reason.email_taken);
  });
});
