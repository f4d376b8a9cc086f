import { type NewSavedView, type SavedView, type ViewFilters, ViewFiltersSchema } from '@calmdesk/contracts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, hasRole, userIdOf } from '../auth/actor.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { AppError, notFound } from '../errors.ts';

/** Views one person may keep, shared ones counted with their own. */
const MAX_VIEWS_PER_PERSON = 50;

function requireStaff(actor: Actor, what: string): string {
  const userId = userIdOf(actor);
  if (!userId) throw new AppError('forbidden', `only a signed-in staff member can ${what}`);
  return userId;
}

/** A shared view is deleted by whoever saved it, or by a supervisor or owner; a personal one by its owner. */
function canDelete(actor: Actor, view: { owner_id: string; shared: boolean }): boolean {
  return userIdOf(actor) === view.owner_id || (view.shared && hasRole(actor, 'supervisor'));
}

/** The views the staff member saved, then those others shared, each group by name. */
export async function listSavedViews(db: Db, actor: Actor): Promise<SavedView[]> {
  const userId = userIdOf(actor);
  const rows = await db
    .selectFrom('saved_views')
    .innerJoin('users', 'users.id', 'saved_views.owner_id')
    .selectAll('saved_views')
    .select('users.name as owner_name')
    .where((eb) =>
      eb.or([eb('saved_views.shared', '=', true), eb('saved_views.owner_id', '=', userId ?? '')]),
    )
    .execute();
  const views = rows.map((row) => ({
    id: row.id,
    name: row.name,
    shared: row.shared,
    // Kept as validated on the way in; read through the schema again so an older shape cannot leak out.
    filters: ViewFiltersSchema.catch({}).parse(row.filters) as ViewFilters,
    owner: { id: row.owner_id, name: row.owner_name },
    canDelete: canDelete(actor, row),
    createdAt: row.created_at.toISOString(),
  }));
  const mineFirst = (view: SavedView) => (view.owner.id === userId ? 0 : 1);
  return views.sort((a, b) => mineFirst(a) - mineFirst(b) || a.name.localeCompare(b.name));
}

export async function saveView(db: Db, actor: Actor, input: NewSavedView): Promise<SavedView> {
  const userId = requireStaff(actor, 'save a view');
  const shared = input.shared ?? false;
  return db.transaction().execute(async (trx) => {
    const own = await trx
      .selectFrom('saved_views')
      .select(['id', 'name'])
      .where('owner_id', '=', userId)
      .forUpdate()
      .execute();
    if (own.length >= MAX_VIEWS_PER_PERSON) {
      throw new AppError('conflict', `at most ${MAX_VIEWS_PER_PERSON} saved views each`, 'name');
    }
    if (own.some((view) => view.name.toLowerCase() === input.name.toLowerCase())) {
      throw new AppError('conflict', `you have a view called ${input.name} already`, 'name');
    }
    const row = await trx
      .insertInto('saved_views')
      .values({
        id: newId(),
        owner_id: userId,
        name: input.name,
        shared,
        filters: JSON.stringify(input.filters),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (shared) {
      await recordAudit(trx, actor, {
        action: 'view.share',
        targetType: 'view',
        targetId: row.id,
        details: { name: row.name },
      });
    }
    return {
      id: row.id,
      name: row.name,
      shared: row.shared,
      filters: input.filters,
      owner: { id: userId, name: actor.kind === 'user' ? actor.name : '' },
      canDelete: true,
      createdAt: row.created_at.toISOString(),
    };
  });
}

export async function deleteView(db: Db, actor: Actor, id: string): Promise<void> {
  requireStaff(actor, 'delete a view');
  await db.transaction().execute(async (trx) => {
    const view = await trx.selectFrom('saved_views').selectAll().where('id', '=', id).executeTakeFirst();
    // Someone else's personal view is as good as not there.
    if (!view || (!view.shared && view.owner_id !== userIdOf(actor))) throw notFound('view', id);
    if (!canDelete(actor, view))
      throw new AppError('forbidden', 'only its owner or a supervisor can delete it');
    await trx.deleteFrom('saved_views').where('id', '=', id).execute();
    if (view.shared) {
      await recordAudit(trx, actor, {
        action: 'view.delete',
        targetType: 'view',
        targetId: id,
        details: { name: view.name },
      });
    }
  });
}
