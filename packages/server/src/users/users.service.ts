import type {
  NewUser,
  NotificationKind,
  OwnProfile,
  PasswordChange,
  PasswordResetResult,
  User as PublicUser,
  StaffMember,
} from '@calmdesk/contracts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { requireRole } from '../auth/actor.ts';
import { endSessionsOf } from '../auth/auth.service.ts';
import { requireAcceptablePassword } from '../auth/password-rule.ts';
import { hashPassword, isPasswordCorrect, newSecret } from '../auth/secrets.ts';
import { normaliseEmail } from '../customers/customers.service.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { UserRow } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';

export type { PublicUser };

export function presentUser(
  row: Pick<UserRow, 'id' | 'name' | 'email' | 'role' | 'signature'> &
    Partial<Pick<UserRow, 'grammatical_gender'>>,
): PublicUser {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    signature: row.signature,
    grammaticalGender: row.grammatical_gender ?? null,
  };
}

/** One's own account as the session shows it: the signature and grammatical gender included. */
export async function getOwnUser(db: Db, userId: string): Promise<PublicUser> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'role', 'signature', 'grammatical_gender'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row) throw notFound('user', userId);
  return presentUser(row);
}

/** Changes one's own signature and grammatical gender; an API token has no person to change. */
export async function updateOwnProfile(db: Db, actor: Actor, profile: OwnProfile): Promise<PublicUser> {
  if (actor.kind !== 'user') throw new AppError('forbidden', 'only a signed-in person has a profile');
  const row = await db
    .updateTable('users')
    .set({ signature: profile.signature?.trim() || null, grammatical_gender: profile.grammaticalGender })
    .where('id', '=', actor.id)
    .returning(['id', 'name', 'email', 'role', 'signature', 'grammatical_gender'])
    .executeTakeFirst();
  if (!row) throw notFound('user', actor.id);
  await recordAudit(db, actor, {
    action: 'user.profile',
    targetType: 'user',
    targetId: actor.id,
    details: { changed: Object.keys(profile) },
  });
  return presentUser(row);
}

/** Adds a staff member; only an owner may add a supervisor or another owner. */
export async function addUser(db: Db, actor: Actor, input: NewUser): Promise<PublicUser> {
  requireRole(actor, input.role === 'agent' ? 'supervisor' : 'owner', `add a user with role ${input.role}`);
  requireAcceptablePassword(input.password, 'password');
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (taken) {
      throw new AppError('conflict', `a user with e-mail ${email} exists already`, 'email', {
        reason: 'email_taken',
      });
    }
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

const STAFF_COLUMNS = ['id', 'name', 'email', 'role', 'signature', 'disabled_at'] as const;

function presentStaffMember(
  row: Pick<UserRow, 'id' | 'name' | 'email' | 'role' | 'signature' | 'disabled_at'>,
): StaffMember {
  return { ...presentUser(row), disabledAt: row.disabled_at?.toISOString() ?? null };
}

/** The id of the staff member with this e-mail address, for the CLI, which names people by e-mail. */
export async function userIdByEmail(db: Db, email: string): Promise<string> {
  const normalised = normaliseEmail(email);
  const row = await db.selectFrom('users').select('id').where('email', '=', normalised).executeTakeFirst();
  if (!row) throw new AppError('not_found', `no staff member has the e-mail ${normalised}`, 'email');
  return row.id;
}

/** Every staff member, disabled ones too (owner), for managing their accounts. */
export async function listStaff(db: Db, actor: Actor): Promise<StaffMember[]> {
  requireRole(actor, 'owner', 'list disabled staff');
  const rows = await db.selectFrom('users').select(STAFF_COLUMNS).orderBy('name').execute();
  return rows.map(presentStaffMember);
}

/**
 * Disables or re-enables a staff member (owner). Disabling signs them out everywhere at once: their
 * sessions are deleted, and a disabled account can neither sign in nor use a session.
 */
export async function setUserDisabled(
  db: Db,
  actor: Actor,
  userId: string,
  disabled: boolean,
  now: Date,
): Promise<StaffMember> {
  requireRole(actor, 'owner', 'disable or enable staff');
  if (disabled && actor.kind === 'user' && actor.id === userId) {
    throw new AppError('bad_request', 'you cannot disable your own account', 'disabled');
  }
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('users')
      .set({ disabled_at: disabled ? now : null })
      .where('id', '=', userId)
      .returning(STAFF_COLUMNS)
      .executeTakeFirst();
    if (!row) throw notFound('user', userId);
    const endedSessions = disabled ? await endSessionsOf(trx, userId) : 0;
    await recordAudit(trx, actor, {
      action: disabled ? 'user.disable' : 'user.enable',
      targetType: 'user',
      targetId: userId,
      details: { email: row.email, endedSessions },
    });
    return presentStaffMember(row);
  });
}

/** Signs a staff member out everywhere (owner): every session of theirs ends at once. */
export async function signOutEverywhere(db: Db, actor: Actor, userId: string): Promise<void> {
  if (!(actor.kind === 'user' && actor.id === userId)) requireRole(actor, 'owner', 'sign others out');
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst();
    if (!user) throw notFound('user', userId);
    const endedSessions = await endSessionsOf(trx, userId);
    await recordAudit(trx, actor, {
      action: 'user.sign_out_everywhere',
      targetType: 'user',
      targetId: userId,
      details: { email: user.email, endedSessions },
    });
  });
}

/**
 * Resets a staff member's password (owner): the one given, or a one-time password returned once. Their
 * sessions end, so whoever knew the old password is out.
 */
export async function resetPassword(
  db: Db,
  actor: Actor,
  userId: string,
  password: string | undefined,
): Promise<PasswordResetResult> {
  requireRole(actor, 'owner', "reset someone's password");
  if (password !== undefined) requireAcceptablePassword(password, 'password');
  const newPassword = password ?? newSecret(15);
  const oneTimePassword = password === undefined ? newPassword : null;
  const passwordHash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('users')
      .set({ password_hash: passwordHash })
      .where('id', '=', userId)
      .returning('email')
      .executeTakeFirst();
    if (!row) throw notFound('user', userId);
    const endedSessions = await endSessionsOf(trx, userId);
    await recordAudit(trx, actor, {
      action: 'user.password_reset',
      targetType: 'user',
      targetId: userId,
      details: { email: row.email, oneTime: oneTimePassword !== null, endedSessions },
    });
  });
  return { oneTimePassword };
}

/**
 * Changes one's own password, the current one required; every other session of theirs ends, the one
 * that asked (`keepCookie`) stays.
 */
export async function changeOwnPassword(
  db: Db,
  actor: Actor,
  input: PasswordChange,
  keepCookie: string | undefined,
): Promise<void> {
  if (actor.kind !== 'user') {
    throw new AppError('forbidden', 'only a signed-in staff member has a password to change');
  }
  const user = await db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', actor.id)
    .executeTakeFirst();
  if (!user || !(await isPasswordCorrect(user.password_hash, input.currentPassword))) {
    throw new AppError('bad_request', 'the current password is wrong', 'currentPassword', {
      reason: 'password_wrong',
    });
  }
  requireAcceptablePassword(input.newPassword, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', actor.id).execute();
    const endedSessions = await endSessionsOf(trx, actor.id, keepCookie);
    await recordAudit(trx, actor, {
      action: 'user.password_change',
      targetType: 'user',
      targetId: actor.id,
      details: { endedSessions },
    });
  });
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
