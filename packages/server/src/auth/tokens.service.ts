import type { CreatedToken, NewToken, TokenListing } from '@calmdesk/contracts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/database.ts';
import type { Role } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { type Actor, requireRole } from './actor.ts';
import { createToken, forgetCachedToken } from './auth.service.ts';

export type { CreatedToken, TokenListing };

const LISTED = ['id', 'role', 'label', 'created_at', 'revoked_at'] as const;

function presentToken(row: {
  id: string;
  role: Role;
  label: string | null;
  created_at: Date;
  revoked_at: Date | null;
}): TokenListing {
  return {
    id: row.id,
    role: row.role,
    label: row.label,
    createdAt: row.created_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

/** Every API token, revoked ones too, newest first (owner). */
export async function listTokens(db: Db, actor: Actor): Promise<TokenListing[]> {
  requireRole(actor, 'owner', 'list API tokens');
  const rows = await db
    .selectFrom('api_tokens')
    .select(LISTED)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(presentToken);
}

/** Creates an API token (owner), audited; the token is returned once and only its hash is kept. */
export async function issueToken(db: Db, actor: Actor, input: NewToken): Promise<CreatedToken> {
  requireRole(actor, 'owner', 'create API tokens');
  const label = input.label ?? null;
  return db.transaction().execute(async (trx) => {
    const { id, token } = await createToken(trx, input.role, label);
    await recordAudit(trx, actor, {
      action: 'token.create',
      targetType: 'api_token',
      targetId: id,
      details: { role: input.role, label },
    });
    return { id, token, role: input.role, label };
  });
}

/**
 * Revokes an API token (owner); revoking it again keeps the first revokedAt and records nothing. `db`
 * must be the database requests authenticate on, so this process forgets the token at once.
 */
export async function revokeToken(db: Db, actor: Actor, id: string, now: Date): Promise<TokenListing> {
  requireRole(actor, 'owner', 'revoke API tokens');
  const listing = await db.transaction().execute(async (trx) => {
    const revoked = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returning(LISTED)
      .executeTakeFirst();
    if (revoked) {
      await recordAudit(trx, actor, {
        action: 'token.revoke',
        targetType: 'api_token',
        targetId: id,
        details: { role: revoked.role, label: revoked.label },
      });
      return presentToken(revoked);
    }
    const row = await trx.selectFrom('api_tokens').select(LISTED).where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('API token', id);
    return presentToken(row);
  });
  forgetCachedToken(db, id);
  return listing;
}
