import {
  type LocalToken,
  type LocalTokenId,
  type LocalUser,
  LocalUserSchema,
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
import { verifyAllLogs } from '../cases/cases.service.ts';
import type { Db } from '../db/database.ts';
import { addUser, type PublicUser } from '../users/users.service.ts';

export { LocalTokenIdSchema, LocalTokenSchema } from '@calmdesk/contracts';
export type { CreatedToken, LocalToken, LocalTokenId, LocalUser, LogReport, TokenListing };
/** Whoever runs the `calmdesk` CLI on this machine owns the data folder, so it acts as an owner. */
// The CLI's `user add` checks its input with the same schema the route uses.
export { LocalUserSchema };

export const CLI_ACTOR: Actor = { kind: 'cli', role: 'owner' };

/** `calmdesk user add`: the same rules as the API, audited as `cli`. */
export function addUserAsCli(db: Db, input: LocalUser): Promise<PublicUser> {
  return addUser(db, CLI_ACTOR, input);
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

/** `calmdesk verify-log`: every case's hash chain, checked from its first entry. */
export function verifyLogsAsCli(db: Db): Promise<LogReport> {
  return verifyAllLogs(db);
}
