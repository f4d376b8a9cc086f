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
 * The notifications for these recipients as one INSERT … SELECT over the users, not yet run: it can ride
 * in the statement or transaction of what caused it. Each person's e-mail choice is read in the same
 * statement; disabled staff are left out; a notification already given (same user and key) is kept.
 */
export function notificationsInsert(db: Db, notification: NewNotification, now: Date) {
  const users = (notification.to.users ?? []).filter((id): id is string => id !== null);
  const roles = notification.to.roles ?? [];
  return db
    .insertInto('notifications')
    .columns([
      'id',
      'user_id',
      'kind',
      'case_id',
      'title',
      'details',
      'dedupe_key',
      'email_state',
      'created_at',
    ])
    .expression(
      db
        .selectFrom('users')
        .select((eb) => [
          sql<string>`gen_random_uuid()::text`.as('id'),
          'users.id as user_id',
          eb.val(notification.kind).as('kind'),
          eb.val(notification.caseId ?? null).as('case_id'),
          eb.val(notification.title.slice(0, 300)).as('title'),
          sql<string>`${JSON.stringify(notification.details ?? {})}::jsonb`.as('details'),
          eb.val(notification.dedupeKey).as('dedupe_key'),
          sql<string>`CASE WHEN ${notification.kind} = ANY(users.email_notifications) THEN 'pending' ELSE 'none' END`.as(
            'email_state',
          ),
          sql<Date>`${now}::timestamptz`.as('created_at'),
        ])
        .where('users.disabled_at', 'is', null)
        .where((eb) =>
          eb.or([
            ...(users.length > 0 ? [eb('users.id', 'in', users)] : []),
            ...(roles.length > 0 ? [eb('users.role', 'in', [...roles])] : []),
            eb.lit(false),
          ]),
        )
        .$if(Boolean(notification.to.except), (query) =>
          query.where('users.id', '!=', notification.to.except as string),
        ),
    )
    .onConflict((conflict) => conflict.columns(['user_id', 'dedupe_key']).doNothing());
}

/** Tells the recipients now; the answer is how many were told (those told before are not counted). */
export async function notify(db: Db, notification: NewNotification, now: Date): Promise<number> {
  const result = await notificationsInsert(db, notification, now).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
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
