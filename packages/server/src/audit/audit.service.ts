import type { AuditPage } from '@calmdesk/contracts';
import type { Actor } from '../auth/actor.ts';
import { auditName } from '../auth/actor.ts';
import type { Db } from '../db/database.ts';

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

/** Records a staff action; call it inside the transaction of the action it records. */
export async function recordAudit(db: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  await auditInsert(db, actor, entry).execute();
}

/**
 * The audit insert of a staff action, not yet run: for a caller that sends it in the same statement as
 * the action itself (a data-modifying CTE), so recording costs no round trip of its own.
 */
export function auditInsert(db: Db, actor: Actor, entry: AuditEntry) {
  return db.insertInto('audit_log').values(auditValues(auditName(actor), entry));
}

function auditValues(actor: string, entry: AuditEntry) {
  return {
    actor,
    action: entry.action,
    target_type: entry.targetType ?? null,
    target_id: entry.targetId ?? null,
    details: entry.details ? JSON.stringify(entry.details) : null,
  };
}

/** Records what CalmDesk itself did (the escalation sweep), as the actor `system`. */
export async function recordSystemAudit(db: Db, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(entries.map((entry) => auditValues('system', entry)))
    .execute();
}

export interface AuditFilters {
  limit: number;
  before?: string | undefined;
  targetId?: string | undefined;
  actor?: string | undefined;
  /** An action, or its family when it ends in a dot (`user.`). */
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * The newest audit entries first, filtered; `before` continues after the last id of a page, and
 * `nextBefore` is that id when older entries may follow.
 */
export async function listAudit(db: Db, query: AuditFilters): Promise<AuditPage> {
  let select = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor')
    .selectAll('audit_log')
    .select('users.name as actor_name');
  if (query.before) select = select.where('audit_log.id', '<', query.before);
  if (query.targetId) select = select.where('audit_log.target_id', '=', query.targetId);
  if (query.actor) select = select.where('audit_log.actor', '=', query.actor);
  if (query.action?.endsWith('.')) {
    select = select.where('audit_log.action', 'like', `${query.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  } else if (query.action) select = select.where('audit_log.action', '=', query.action);
  if (query.from) select = select.where('audit_log.at', '>=', new Date(query.from));
  if (query.to) select = select.where('audit_log.at', '<', new Date(query.to));
  const rows = await select
    .orderBy('audit_log.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: String(row.id),
      at: row.at.toISOString(),
      actor: row.actor,
      actorName: row.actor_name,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      details: (row.details as Record<string, unknown> | null) ?? null,
    })),
    nextBefore: rows.length > query.limit && last ? String(last.id) : null,
  };
}

/** The distinct actions the log holds, for the filter's choices. */
export async function listAuditActions(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
  return rows.map((row) => row.action);
}
