import type { NewUser, NotificationKind, User as PublicUser } from '@calmdesk/contracts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { requireRole } from '../auth/actor.ts';
import { hashPassword } from '../auth/secrets.ts';
import { normaliseEmail } from '../customers/customers.service.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { UserRow } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';

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

/** The notification kinds a staff member also gets by e-mail. */
export async function getEmailNotifications(db: Db, userId: string): Promise<NotificationKind[]> {
  const row = await db
    .selectFrom('users')
    .select('email_notifications')
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row) throw notFound('user', userId);
  return row.email_notifications;
}

/** Sets which notification kinds a staff member also gets by e-mail (their own choice). */
export async function setEmailNotifications(
  db: Db,
  actor: Actor,
  userId: string,
  kinds: readonly NotificationKind[],
): Promise<NotificationKind[]> {
  const chosen = [...new Set(kinds)];
  const row = await db
    .updateTable('users')
    .set({ email_notifications: chosen })
    .where('id', '=', userId)
    .returning('email_notifications')
    .executeTakeFirst();
  if (!row) throw notFound('user', userId);
  await recordAudit(db, actor, {
    action: 'user.email_notifications',
    targetType: 'user',
    targetId: userId,
    details: { email: chosen },
  });
  return row.email_notifications;
}
