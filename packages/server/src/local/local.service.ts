import { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { createToken } from '../auth/auth.service.ts';
import { verifyAllLogs } from '../cases/cases.service.ts';
import type { Db } from '../db/database.ts';
import { addUser, NewUserSchema, type PublicUser, RoleSchema } from '../users/users.service.ts';

/** Whoever runs the `calmdesk` CLI on this machine owns the data folder, so it acts as an owner. */
export const CLI_ACTOR: Actor = { kind: 'cli', role: 'owner' };

export const LocalUserSchema = NewUserSchema.omit({ signature: true });
export type LocalUser = z.infer<typeof LocalUserSchema>;

export const LocalTokenSchema = z.strictObject({
  role: RoleSchema,
  label: z.string().trim().min(1).max(200).optional(),
});
export type LocalToken = z.infer<typeof LocalTokenSchema>;

export interface CreatedToken {
  id: string;
  token: string;
  role: LocalToken['role'];
  label: string | null;
}

export type LogReport = Awaited<ReturnType<typeof verifyAllLogs>>;

/** `calmdesk user add`: the same rules as the API, audited as `cli`. */
export function addUserAsCli(db: Db, input: LocalUser): Promise<PublicUser> {
  return addUser(db, CLI_ACTOR, input);
}

/** `calmdesk token create`: the token is returned once; only its hash stays in the database. */
export async function createTokenAsCli(db: Db, input: LocalToken): Promise<CreatedToken> {
  const label = input.label ?? null;
  return db.transaction().execute(async (trx) => {
    const { id, token } = await createToken(trx, input.role, label);
    await recordAudit(trx, CLI_ACTOR, {
      action: 'token.create',
      targetType: 'api_token',
      targetId: id,
      details: { role: input.role, label },
    });
    return { id, token, role: input.role, label };
  });
}

/** `calmdesk verify-log`: every case's hash chain, checked from its first entry. */
export function verifyLogsAsCli(db: Db): Promise<LogReport> {
  return verifyAllLogs(db);
}
