import { z } from 'zod';
import { CommitmentSchema } from './cases.ts';
import { InstantSchema, NamedSchema } from './common.ts';
import { COMMITMENT_STATUSES, PARTIES } from './enums.ts';

export const CommitmentQuerySchema = z.strictObject({
  status: z.enum(COMMITMENT_STATUSES).optional(),
  who: z.enum(PARTIES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** `true`: only promises on cases the signed-in person holds. */
  mine: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type CommitmentQuery = z.infer<typeof CommitmentQuerySchema>;

export const CommitmentPatchSchema = z.strictObject({ status: z.enum(COMMITMENT_STATUSES) });
export type CommitmentPatch = z.infer<typeof CommitmentPatchSchema>;

/** A promise with the case it was made on: its subject, customer and who holds it. Soonest due first. */
export const CommitmentListItemSchema = CommitmentSchema.extend({
  case: z.object({
    id: z.string(),
    subject: z.string(),
    customer: NamedSchema,
    assignee: NamedSchema.nullable(),
  }),
});
export type CommitmentListItem = z.infer<typeof CommitmentListItemSchema>;

export const CommitmentListSchema = z.object({ items: z.array(CommitmentListItemSchema) });
export type CommitmentList = z.infer<typeof CommitmentListSchema>;

export const AlertSchema = z.object({
  kind: z.enum(['commitment_overdue', 'first_response_missed', 'next_response_missed']),
  caseId: z.string(),
  subject: z.string(),
  customer: NamedSchema,
  dueAt: InstantSchema,
  /** Who must act now: an overdue item goes up to a supervisor. */
  escalateTo: z.literal('supervisor'),
  escalatedAt: InstantSchema.nullable(),
  commitment: z.object({ id: z.string(), text: z.string(), who: z.enum(PARTIES) }).optional(),
});
export type Alert = z.infer<typeof AlertSchema>;
