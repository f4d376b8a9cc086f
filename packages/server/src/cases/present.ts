import type { Analysis, Coaching } from '@calmdesk/analysis';
import type { CaseSummary, Commitment, Compensation, Delivery, Interaction } from '@calmdesk/contracts';
import { toMajor } from '@calmdesk/contracts';
import type { CaseRow, CommitmentRow, CompensationRow, InteractionRow } from '../db/schema.ts';

export type { CaseSummary, Commitment, Compensation, Interaction };

export type CaseSummaryRow = CaseRow & { customer_name: string; assignee_name: string | null };

export function presentCaseSummary(row: CaseSummaryRow): CaseSummary {
  return {
    id: row.id,
    subject: row.subject,
    status: row.status,
    channel: row.channel,
    priority: row.priority,
    level: row.level,
    peakLevel: row.peak_level,
    // The engine wrote them: flags and problem categories of its vocabulary.
    flags: row.flags as CaseSummary['flags'],
    problems: row.problems as CaseSummary['problems'],
    language: row.language,
    firstResponseDueAt: iso(row.first_response_due_at),
    firstRespondedAt: iso(row.first_responded_at),
    nextResponseDueAt: iso(row.next_response_due_at),
    slaPaused:
      row.sla_paused_at === null
        ? null
        : { since: row.sla_paused_at.toISOString(), remainingMinutes: row.sla_remaining_minutes ?? 0 },
    escalatedAt: iso(row.escalated_at),
    escalationReason: row.escalation_reason,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    customer: { id: row.customer_id, name: row.customer_name },
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
  };
}

/** What came with an entry by e-mail: the stored mail, or the delivery of the reply. */
export interface MailOfEntry {
  mail: Interaction['mail'];
  delivery: Delivery | null;
}

const NO_MAIL: MailOfEntry = { mail: null, delivery: null };

export function presentInteraction(
  row: InteractionRow & { author_name?: string | null },
  mail: MailOfEntry = NO_MAIL,
): Interaction {
  return {
    id: row.id,
    caseId: row.case_id,
    seq: row.seq,
    kind: row.kind,
    body: row.body,
    author: row.author_id ? { id: row.author_id, name: row.author_name ?? '' } : null,
    analysis: (row.analysis as Analysis | null) ?? null,
    coaching: (row.coaching as Coaching | null) ?? null,
    overriddenBy: row.overridden_by,
    createdAt: row.created_at.toISOString(),
    hash: row.hash,
    mail: mail.mail,
    delivery: mail.delivery,
    via: row.via ?? null,
    call:
      row.call_direction === null || row.call_direction === undefined
        ? null
        : { direction: row.call_direction, minutes: row.call_minutes ?? 0 },
  };
}

export function presentCommitment(row: CommitmentRow): Commitment {
  return {
    id: row.id,
    caseId: row.case_id,
    interactionId: row.interaction_id,
    who: row.who,
    text: row.text,
    dueAt: row.due_at.toISOString(),
    status: row.status,
    escalatedAt: iso(row.escalated_at),
    createdAt: row.created_at.toISOString(),
  };
}

export function presentCompensation(row: CompensationRow): Compensation {
  return {
    id: row.id,
    caseId: row.case_id,
    kind: row.kind,
    amount:
      row.amount_minor === null || row.currency === null ? null : toMajor(row.amount_minor, row.currency),
    currency: row.amount_minor === null ? null : row.currency,
    statutory: row.statutory,
    status: row.status,
    proposedBy: row.proposed_by,
    approverId: row.approver_id,
    decidedAt: iso(row.decided_at),
    note: row.note,
    createdAt: row.created_at.toISOString(),
  };
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
