import { z } from 'zod';
import { InstantSchema } from './common.ts';

/**
 * What keeps a customer's data from being erased (GDPR Art. 17(3)(e): data needed for a legal claim):
 * a case not yet resolved or closed, a compensation proposed or approved but not issued or rejected, and a
 * boundary letter still waiting in the outbox.
 */
export const LEGAL_HOLDS = ['open_case', 'pending_compensation', 'boundary_in_progress'] as const;
export type LegalHoldKind = (typeof LEGAL_HOLDS)[number];

export const LegalHoldSchema = z.object({
  kind: z.enum(LEGAL_HOLDS),
  /** The case, compensation or boundary decision that holds the data. */
  id: z.string(),
  /** The case it belongs to, for a link. */
  caseId: z.string().nullable(),
});
export type LegalHold = z.infer<typeof LegalHoldSchema>;

/** The parts of a person's data an erasure removes, each with how many rows it touched. */
export const ERASED_PARTS = [
  'customer',
  'case_subjects',
  'messages',
  'commitments',
  'compensation_notes',
  'mail',
  'attachments',
  'outbox_mail',
  'notifications',
  'bookings',
  'prepaid_packages',
  'invoices_past_retention',
  'boundary_decisions',
] as const;
export type ErasedPart = (typeof ERASED_PARTS)[number];

/** What an erasure keeps, and why. */
export const KEPT_PARTS = ['invoices', 'case_facts', 'log_chain', 'audit_entries'] as const;
export type KeptPart = (typeof KEPT_PARTS)[number];

export const KEEP_REASONS = [
  /** Accounting law: Polish Accounting Act art. 74 (5 years), Estonian Accounting Act § 12 (7 years). */
  'accounting_law',
  /** Statuses, levels and dates with nothing personal: the organisation's own statistics. */
  'no_personal_data',
  /** The logs' hashes prove the remaining history was not altered; they hold no text. */
  'tamper_evidence',
] as const;
export type KeepReason = (typeof KEEP_REASONS)[number];

export const CustomerEraseInputSchema = z.strictObject({
  /** Why (a request under Art. 17, the end of a retention period …): kept in the audit log, so no names. */
  reason: z.string().trim().min(1).max(500),
});
export type CustomerEraseInput = z.infer<typeof CustomerEraseInputSchema>;

export const ErasureResultSchema = z.object({
  customerId: z.string(),
  erasedAt: InstantSchema,
  erased: z.array(z.object({ part: z.enum(ERASED_PARTS), count: z.number().int() })),
  kept: z.array(
    z.object({
      part: z.enum(KEPT_PARTS),
      count: z.number().int(),
      reason: z.enum(KEEP_REASONS),
      /** Until when it must be kept (invoices); null: as long as the organisation keeps its records. */
      until: InstantSchema.nullable(),
    }),
  ),
  /** The law the invoices are kept under, as the organisation's time zone implies. */
  accountingYears: z.number().int(),
});
export type ErasureResult = z.infer<typeof ErasureResultSchema>;

export const RetentionCandidateSchema = z.object({
  customerId: z.string(),
  name: z.string(),
  lastActivityAt: InstantSchema,
  /** The last activity plus the retention period. */
  dueAt: InstantSchema,
  /** The earliest the retention job erases them: a week after they first appeared in this report. */
  eraseFrom: InstantSchema,
  holds: z.array(LegalHoldSchema),
});
export type RetentionCandidate = z.infer<typeof RetentionCandidateSchema>;

export const RetentionReportSchema = z.object({
  retentionMonths: z.number().int().nullable(),
  items: z.array(RetentionCandidateSchema),
});
export type RetentionReport = z.infer<typeof RetentionReportSchema>;
