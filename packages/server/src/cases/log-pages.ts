import { INTERACTION_PAGE, type InteractionPage, type InteractionPageQuery } from '@calmdesk/contracts';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { InteractionRow } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { mailOfEntries } from '../mail/mail-of-entries.ts';
import { presentInteraction } from './present.ts';

type EntryRow = InteractionRow & { author_name: string | null };

/** A page of one case's log: its entries oldest first, and where the next older page ends. */
export interface LogPage {
  entries: InteractionPage['items'];
  before: number | null;
}

/**
 * The newest `limit` entries of each case's log, in one query however many cases: one more is read
 * per case to know whether older ones exist (PostgreSQL stops each case's backward scan there).
 */
export async function newestLogPages(
  db: Db,
  caseIds: readonly string[],
  limit = INTERACTION_PAGE,
): Promise<Map<string, LogPage>> {
  const pages = new Map<string, LogPage>();
  if (caseIds.length === 0) return pages;
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('interactions')
        .selectAll()
        .select(sql<number>`row_number() OVER (PARTITION BY case_id ORDER BY seq DESC)`.as('rank'))
        .where('case_id', 'in', caseIds)
        .as('i'),
    )
    .leftJoin('users', 'users.id', 'i.author_id')
    .selectAll('i')
    .select('users.name as author_name')
    .where('i.rank', '<=', limit + 1)
    .orderBy('i.case_id')
    .orderBy('i.seq')
    .execute();
  const byCase = new Map<string, EntryRow[]>();
  for (const row of rows) {
    const group = byCase.get(row.case_id);
    if (group) group.push(row);
    else byCase.set(row.case_id, [row]);
  }
  const mail = await mailOfEntries(db, caseIds, pageIds(byCase, limit));
  for (const id of caseIds) pages.set(id, pageOf(byCase.get(id) ?? [], limit, mail));
  return pages;
}

/** `GET /api/cases/:id/interactions`: the `limit` entries before seq `before` (the newest without it). */
export async function olderLogPage(
  db: Db,
  caseId: string,
  query: InteractionPageQuery,
): Promise<InteractionPage> {
  const exists = await db.selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst();
  if (!exists) throw notFound('case', caseId);
  let select = db
    .selectFrom('interactions')
    .leftJoin('users', 'users.id', 'interactions.author_id')
    .selectAll('interactions')
    .select('users.name as author_name')
    .where('interactions.case_id', '=', caseId);
  if (query.before !== undefined) select = select.where('interactions.seq', '<', query.before);
  const newestFirst = await select
    .orderBy('interactions.seq', 'desc')
    .limit(query.limit + 1)
    .execute();
  const rows = newestFirst.reverse();
  const mail = await mailOfEntries(db, [caseId], pageIds(new Map([[caseId, rows]]), query.limit));
  const page = pageOf(rows, query.limit, mail);
  return { items: page.entries, before: page.before };
}

/** The ids of the entries a page shows: each group's last `limit` (the first may be the one extra). */
function pageIds(groups: Map<string, EntryRow[]>, limit: number): string[] {
  return [...groups.values()].flatMap((rows) => rows.slice(-limit).map((row) => row.id));
}

function pageOf(rows: EntryRow[], limit: number, mail: Awaited<ReturnType<typeof mailOfEntries>>): LogPage {
  const shown = rows.slice(-limit);
  const hasOlder = rows.length > limit;
  return {
    entries: shown.map((row) => presentInteraction(row, mail.get(row.id))),
    before: hasOlder ? (shown[0]?.seq ?? null) : null,
  };
}
