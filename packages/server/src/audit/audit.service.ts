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
  await db
    .insertInto('audit_log')
    .values({
      actor: auditName(actor),
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .execute();
}
