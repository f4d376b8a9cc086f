import type { StaffMember, StaffPatch } from '@calmdesk/contracts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, requireRole } from '../auth/actor.ts';
import { normaliseEmail } from '../customers/customers.service.ts';
import type { Db } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';

/**
 * Changes a staff member's name, e-mail address or role (owner). The last active owner keeps the role,
 * so the organisation is never left without someone who can manage it.
 */
export async function updateStaffMember(
  db: Db,
  actor: Actor,
  userId: string,
  patch: StaffPatch,
): Promise<StaffMember> {
  requireRole(actor, 'owner', 'change a staff member');
  const email = patch.email === undefined ? undefined : normaliseEmail(patch.email);
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('users')
      .select(['id', 'name', 'email', 'role', 'disabled_at'])
      .where('id', '=', userId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound('user', userId);
    if (email !== undefined && email !== before.email) {
      const taken = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
      if (taken) throw new AppError('conflict', `a user with e-mail ${email} exists already`, 'email');
    }
    if (patch.role !== undefined && patch.role !== 'owner' && before.role === 'owner') {
      // Locks every owner row, so two owners demoting each other at once cannot both succeed.
      const owners = await trx
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'owner')
        .where('disabled_at', 'is', null)
        .forUpdate()
        .execute();
      if (owners.every((owner) => owner.id === userId)) {
        throw new AppError('conflict', 'the last owner keeps the owner role', 'role');
      }
    }
    const row = await trx
      .updateTable('users')
      .set({
        ...(patch.name === undefined ? {} : { name: patch.name }),
        ...(email === undefined ? {} : { email }),
        ...(patch.role === undefined ? {} : { role: patch.role }),
      })
      .where('id', '=', userId)
      .returning(['id', 'name', 'email', 'role', 'signature', 'disabled_at'])
      .executeTakeFirstOrThrow();
    const changed = (['name', 'email', 'role'] as const).filter((field) => row[field] !== before[field]);
    await recordAudit(trx, actor, {
      action: 'user.update',
      targetType: 'user',
      targetId: userId,
      details: {
        changed,
        ...(changed.includes('email') ? { email: { before: before.email, after: row.email } } : {}),
        ...(changed.includes('role') ? { role: { before: before.role, after: row.role } } : {}),
      },
    });
    return {
      id: row.id,
      name: row.name,
      email: row.email,
      role: row.role,
      signature: row.signature,
      disabledAt: row.disabled_at?.toISOString() ?? null,
    };
  });
}
