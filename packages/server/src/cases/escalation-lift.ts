import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/database.ts';

/**
 * Lifts a case's escalation for an overdue promise once no promise of ours on it is open and overdue:
 * the promise was kept, cancelled or owned up to as missed, so the supervisors' queue no longer needs it.
 * An escalation for another reason stays. Audited when it lifts one.
 */
export async function liftSettledEscalation(db: Db, actor: Actor, caseId: string, now: Date): Promise<void> {
  const lifted = await db
    .updateTable('cases')
    .set({ escalated_at: null, escalation_reason: null, updated_at: now })
    .where('id', '=', caseId)
    .where('escalation_reason', '=', 'commitment_overdue')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('commitments')
            .select('commitments.id')
            .where('commitments.case_id', '=', caseId)
            .where('commitments.status', '=', 'open')
            .where('commitments.due_at', '<', now),
        ),
      ),
    )
    .returning('id')
    .executeTakeFirst();
  if (lifted) {
    await recordAudit(db, actor, {
      action: 'case.escalation_lifted',
      targetType: 'case',
      targetId: caseId,
      details: { reason: 'commitment_overdue' },
    });
  }
}
