import type { PasswordResetResult, StaffMember } from '@calmdesk/contracts';
import {
  type LocalPasswordReset,
  type LocalToken,
  type LocalTokenId,
  type LocalUser,
  type LocalUserDisabled,
  LocalUserSchema,
  type LocalVerifyLog,
  type LogHeads,
  type LogReport,
} from '@calmdesk/contracts';
import type { Actor } from '../auth/actor.ts';
import {
  type CreatedToken,
  issueToken,
  listTokens,
  revokeToken,
  type TokenListing,
} from '../auth/tokens.service.ts';
import type { Db } from '../db/database.ts';
import { takeLogHeads, verifyEvidence } from '../evidence/evidence.service.ts';
import {
  addUser,
  type PublicUser,
  resetPassword,
  setUserDisabled,
  userIdByEmail,
} from '../users/users.service.ts';

export {
  LocalPasswordResetSchema,
  LocalTokenIdSchema,
  LocalTokenSchema,
  LocalUserDisabledSchema,
} from '@calmdesk/contracts';
// The CLI refuses a common password as bad usage, before it opens the database.
export { isCommonPassword } from '../auth/password-rule.ts';
export type {
  CreatedToken,
  LocalPasswordReset,
  LocalToken,
  LocalTokenId,
  LocalUser,
  LocalUserDisabled,
  LocalVerifyLog,
  LogHeads,
  LogReport,
  PasswordResetResult,
  StaffMember,
  TokenListing,
};
/** Whoever runs the `calmdesk` CLI on this machine owns the data folder, so it acts as an owner. */
// The CLI's `user add` checks its input with the same schema the route uses.
export { LocalUserSchema };

export const CLI_ACTOR: Actor = { kind: 'cli', role: 'owner' };

/** `calmdesk user add`: the same rules as the API, audited as `cli`. */
export function addUserAsCli(db: Db, input: LocalUser): Promise<PublicUser> {
  return addUser(db, CLI_ACTOR, input);
}

/** `calmdesk user disable|enable`: disabling signs the person out everywhere at once. */
export async function setUserDisabledAsCli(db: Db, input: LocalUserDisabled): Promise<StaffMember> {
  return setUserDisabled(db, CLI_ACTOR, await userIdByEmail(db, input.email), input.disabled, new Date());
}

/** `calmdesk user password`: the password given or a one-time one; the person's sessions end. */
export async function resetPasswordAsCli(db: Db, input: LocalPasswordReset): Promise<PasswordResetResult> {
  return resetPassword(db, CLI_ACTOR, await userIdByEmail(db, input.email), input.password);
}

/** `calmdesk token create`: the token is returned once; only its hash stays in the database. */
export function createTokenAsCli(db: Db, input: LocalToken): Promise<CreatedToken> {
  return issueToken(db, CLI_ACTOR, input);
}

/** `calmdesk token list`: every token, newest first, without secrets. */
export async function listTokensAsCli(db: Db): Promise<{ items: TokenListing[] }> {
  return { items: await listTokens(db, CLI_ACTOR) };
}

/** `calmdesk token revoke`: `db` is the server's own database, so the server forgets the token at once. */
export function revokeTokenAsCli(db: Db, input: LocalTokenId): Promise<TokenListing> {
  return revokeToken(db, CLI_ACTOR, input.id, new Date());
}

/** `calmdesk verify-log`: every chain checked from its start, and against a checkpoint's heads when given. */
export function verifyLogsAsCli(db: Db, input: LocalVerifyLog = {}): Promise<LogReport> {
  return verifyEvidence(db, input.checkpoint);
}

/** `calmdesk log checkpoint`: the chains checked and where they end, for the CLI to sign. */
export function logHeadsAsCli(db: Db): Promise<LogHeads> {
  return takeLogHeads(db);
}
