import { readFileSync } from 'node:fs';
import { MIN_PASSWORD_LENGTH } from '@calmdesk/contracts';
import { AppError } from '../errors.ts';
import { packageFile } from '../package-root.ts';

let commonPasswords: Set<string> | undefined;

function commonPasswordsList(): Set<string> {
  commonPasswords ??= new Set(
    readFileSync(packageFile('src/auth/data/common-passwords.txt'), 'utf8')
      .split('\n')
      .filter((line) => line !== ''),
  );
  return commonPasswords;
}

/** Whether a password is among the 10,000 most common ones, ignoring case. */
export function isCommonPassword(password: string): boolean {
  return commonPasswordsList().has(password.toLowerCase());
}

/**
 * Refuses a new password that is too short or too common, as a 400 naming `field`; `details.reason`
 * lets the web app say it in the person's language.
 */
export function requireAcceptablePassword(password: string, field: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new AppError(
      'bad_request',
      `${field}: a password needs at least ${MIN_PASSWORD_LENGTH} characters`,
      field,
      { reason: 'password_too_short', minLength: MIN_PASSWORD_LENGTH, limit: MIN_PASSWORD_LENGTH },
    );
  }
  if (isCommonPassword(password)) {
    throw new AppError(
      'bad_request',
      `${field}: this password is one of the 10,000 most common ones; choose another`,
      field,
      { reason: 'password_too_common' },
    );
  }
}
