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

export interface AuditRecord {
  id: string;
  at: string;
  actor: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown> | null;
}

/** The newest audit entries first; `before` continues after the last id of a page. */
export async function listAudit(
  db: Db,
  query: { limit: number; before?: string | undefined; targetId?: string | undefined },
): Promise<AuditRecord[]> {
  let select = db.selectFrom('audit_log').selectAll();
  if (query.before) select = select.where('id', '<', query.before);
  if (query.targetId) select = select.where('target_id', '=', query.targetId);
  const rows = await select.orderBy('id', 'desc').limit(query.limit).execute();
  return rows.map((row) => ({
    id: String(row.id),
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    details: (row.details as Record<string, unknown> | null) ?? null,
  }));
}
