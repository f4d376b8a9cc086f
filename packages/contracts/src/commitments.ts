import { z } from 'zod';
import { CommitmentSchema } from './cases.ts';
import { InstantSchema, NamedSchema } from './common.ts';
import { COMMITMENT_STATUSES, PARTIES } from './enums.ts';

export const CommitmentQuerySchema = z.strictObject({
  status: z.enum(COMMITMENT_STATUSES).optional(),
  who: z.enum(PARTIES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type CommitmentQuery = z.infer<typeof CommitmentQuerySchema>;

export const CommitmentPatchSchema = z.strictObject({ status: z.enum(COMMITMENT_STATUSES) });

export const CommitmentListSchema = z.object({ items: z.array(CommitmentSchema) });

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
