import type { CoachContext } from '@calmdesk/analysis';
import { z } from 'zod';

const Level = z.enum(['calm', 'upset', 'angry', 'hostile']);

/** The parts of a customer's analysis the coach reads; extra fields of a full Analysis pass through. */
const CustomerAnalysisSchema = z.looseObject({
  lang: z.enum(['pl', 'et', 'en', 'und']).default('und'),
  level: Level,
  flags: z.array(z.string()).default([]),
  problems: z.array(z.looseObject({ category: z.string() })).default([]),
});

export const CoachContextSchema = z.strictObject({
  customer: z.array(CustomerAnalysisSchema).max(50).optional(),
  fault: z.enum(['unknown', 'ours', 'customer', 'third_party']).optional(),
  addressForm: z.enum(['formal', 'informal']).optional(),
  problems: z.number().int().min(0).max(100).optional(),
  policy: z
    .strictObject({
      prefer: z.array(z.enum(['repair', 'replacement', 'voucher', 'free_session', 'discount'])).optional(),
      cashRefundLimit: z.number().min(0).optional(),
      currency: z.string().optional(),
    })
    .optional(),
  statutoryRefund: z.boolean().optional(),
  agentName: z.string().max(200).optional(),
  lang: z.enum(['pl', 'et', 'en']).optional(),
});

export function toCoachContext(parsed: z.infer<typeof CoachContextSchema>): CoachContext {
  return parsed as CoachContext;
}
