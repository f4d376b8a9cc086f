import type { Notification, NotificationKind, NotificationList, Role } from '@calmdesk/contracts';
import { sql } from 'kysely';
import { type Actor, userIdOf } from '../auth/actor.ts';
import type { Db } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';

/** Who is told: named people (an assignee, a proposer) and everyone active in these roles. */
export interface Recipients {
  users?: ReadonlyArray<string | null>;
  roles?: readonly Role[];
  /** Never the person whose own action it was. */
  except?: string | null;
}

export interface NewNotification {
  kind: NotificationKind;
  to: Recipients;
  caseId?: string | null;
  title: string;
  details?: Record<string, string | number | null>;
  /** With the user, what makes it the same notification: a sweep that runs twice tells nobody twice. */
  dedupeKey: string;
}

/**
 * These notifications as one INSERT … SELECT over the users, not yet run: it can ride in the statement
 * or transaction of what caused them, and a sweep tells a thousand people in one round trip. Each
 * person's e-mail choice is read in the same statement; disabled staff are left out; a notification
 * already given (same user and key) is kept as it was.
 */
export function notificationsInsert(notifications: readonly NewNotification[], now: Date) {
  const rows = notifications.map((n) => ({
    kind: n.kind,
    case_id: n.caseId ?? null,
    title: n.title.slice(0, 300),
    details: n.details ?? {},
    dedupe_key: n.dedupeKey,
    users: (n.to.users ?? []).filter((id): id is string => id !== null),
    roles: n.to.roles ?? [],
    except_id: n.to.except ?? null,
  }));
  return sql`INSERT INTO notifications (id, user_id, kind, case_id, title, details, dedupe_key, email_state, created_at)
    SELECT gen_random_uuid()::text, u.id, n.kind, n.case_id, n.title, n.details, n.dedupe_key,
      CASE WHEN n.kind = ANY(u.email_notifications) THEN 'pending' ELSE 'none' END, ${now}::timestamptz
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS n(kind text, case_id text, title text,
      details jsonb, dedupe_key text, users jsonb, roles jsonb, except_id text)
    JOIN users u ON u.disabled_at IS NULL
      AND (u.id IN (SELECT jsonb_array_elements_text(n.users)) OR u.role IN (SELECT jsonb_array_elements_text(n.roles)))
      AND (n.except_id IS NULL OR u.id <> n.except_id)
    ON CONFLICT (user_id, dedupe_key) DO NOTHING`;
}

/** Tells the recipients now; the answer is how many people were told (those told before are not counted). */
export async function notify(
  db: Db,
  notifications: NewNotification | readonly NewNotification[],
  now: Date,
): Promise<number> {
  const list = Array.isArray(notifications) ? notifications : [notifications as NewNotification];
  if (list.length === 0) return 0;
  const result = await notificationsInsert(list, now).execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** The signed-in person's newest notifications and how many are unread. */
export async function listNotifications(
  db: Db,
  actor: Actor,
  query: { unread?: 'true' | 'false'; limit: number },
): Promise<NotificationList> {
  const userId = requireUser(actor);
  const [rows, unread] = await Promise.all([
    db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', userId)
      .$if(query.unread === 'true', (q) => q.where('read_at', 'is', null))
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(query.limit)
      .execute(),
    db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(presentNotification), unread: Number(unread.n) };
}

export async function markNotificationRead(
  db: Db,
  actor: Actor,
  id: string,
  now: Date,
): Promise<Notification> {
  const userId = requireUser(actor);
  const row = await db
    .updateTable('notifications')
    .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(now)) }))
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound('notification', id);
  return presentNotification(row);
}

/** Marks every unread notification of the signed-in person read; the answer is how many. */
export async function markAllNotificationsRead(db: Db, actor: Actor, now: Date): Promise<number> {
  const userId = requireUser(actor);
  const result = await db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Marks every notification made before `cutoff` read (a seeded history's old news). */
export async function markNotificationsReadBefore(db: Db, cutoff: Date, now: Date): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('created_at', '<', cutoff)
    .where('read_at', 'is', null)
    .execute();
}

/** Notifications wanted by e-mail and not yet queued, claimed for this transaction. */
export async function claimNotificationsToMail(db: Db, limit: number) {
  return db
    .updateTable('notifications')
    .set({ email_state: 'queued' })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('notifications')
        .select('id')
        .where('email_state', '=', 'pending')
        .orderBy('created_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

function presentNotification(row: {
  id: string;
  kind: NotificationKind;
  case_id: string | null;
  title: string;
  details: Record<string, string | number | null>;
  created_at: Date;
  read_at: Date | null;
}): Notification {
  return {
    id: row.id,
    kind: row.kind,
    caseId: row.case_id,
    title: row.title,
    details: row.details ?? {},
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}

/** Notifications are a person's own: API tokens and the CLI have none. */
function requireUser(actor: Actor): string {
  const id = userIdOf(actor);
  if (!id)
    throw new AppError('forbidden', 'notifications belong to a signed-in staff member, not to an API token');
  return id;
}
