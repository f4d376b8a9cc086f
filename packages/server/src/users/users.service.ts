import type { NewUser, User as PublicUser } from '@calmdesk/contracts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { requireRole } from '../auth/actor.ts';
import { hashPassword } from '../auth/secrets.ts';
import { normaliseEmail } from '../customers/customers.service.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { UserRow } from '../db/schema.ts';
import { AppError } from '../errors.ts';

export type { PublicUser };

export function presentUser(row: Pick<UserRow, 'id' | 'name' | 'email' | 'role' | 'signature'>): PublicUser {
  return { id: row.id, name: row.name, email: row.email, role: row.role, signature: row.signature };
}

/** Adds a staff member; only an owner may add a supervisor or another owner. */
export async function addUser(db: Db, actor: Actor, input: NewUser): Promise<PublicUser> {
  requireRole(actor, input.role === 'agent' ? 'supervisor' : 'owner', `add a user with role ${input.role}`);
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (taken) throw new AppError('conflict', `a user with e-mail ${email} exists already`, 'email');
    const row = await trx
      .insertInto('users')
      .values({
        id: newId(),
        name: input.name,
        email,
        role: input.role,
        password_hash: passwordHash,
        signature: input.signature ?? null,
      })
      .returning(['id', 'name', 'email', 'role', 'signature'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'user.add',
      targetType: 'user',
      targetId: row.id,
      details: { email, role: row.role },
    });
    return presentUser(row);
  });
}

export async function listUsers(db: Db): Promise<PublicUser[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'role', 'signature'])
    .where('disabled_at', 'is', null)
    .orderBy('name')
    .execute();
  return rows.map(presentUser);
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
