import { z } from 'zod';
import {
  IdParamsSchema,
  InstantInputSchema,
  InstantSchema,
  RowIdSchema,
  SentenceParamsSchema,
} from './common.ts';
import { DeliverySchema } from './delivery.ts';
import { LangSchema } from './engine.ts';
import {
  BOUNDARY_LEVELS,
  BOUNDARY_OUTCOMES,
  BOUNDARY_RULES,
  BOUNDARY_STATES,
  EVIDENCE_KINDS,
} from './enums.ts';
import { EvidenceRecordSchema } from './profiles.ts';

export const BoundaryLevelSchema = z.enum(BOUNDARY_LEVELS);
export const BoundaryRuleSchema = z.enum(BOUNDARY_RULES);

/** Evidence a person attaches to a decision: the record's kind and id; the rest when they have it. */
export const EvidenceInputSchema = z.strictObject({
  kind: z.enum(EVIDENCE_KINDS),
  id: RowIdSchema,
  at: z.string().max(40).optional(),
  excerpt: z.string().max(500).optional(),
  caseId: z.string().max(100).optional(),
});

export const NewBoundarySchema = z.strictObject({
  level: BoundaryLevelSchema,
  reason: z.string().trim().min(1).max(2000),
  /** ISO date-time; omitted = the level's default expiry from the profile rules; null = until revoked. */
  expiresAt: InstantInputSchema.nullable().optional(),
  evidence: z.array(EvidenceInputSchema).max(200).optional(),
  /** The recommendation this confirms: its evidence and its wording go into the decision and letter. */
  rule: BoundaryRuleSchema.optional(),
  /** The letter's language; by default the customer's, else their last message's, else the firm's first. */
  language: LangSchema.optional(),
});
export type NewBoundary = z.infer<typeof NewBoundarySchema>;

export const ReasonSchema = z.strictObject({ reason: z.string().trim().min(1).max(2000) });

export const RecommendationParamsSchema = IdParamsSchema.extend({ rule: BoundaryRuleSchema });

export const RecommendationSchema = z.object({
  rule: BoundaryRuleSchema,
  level: BoundaryLevelSchema,
  /** One English sentence; `params` lets the web (and the letter) say it in pl/et/en. */
  reason: z.string(),
  params: SentenceParamsSchema,
  evidence: z.array(EvidenceRecordSchema),
});
export type Recommendation = z.infer<typeof RecommendationSchema>;

export const LetterSchema = z.object({ lang: LangSchema, subject: z.string(), body: z.string() });
export type Letter = z.infer<typeof LetterSchema>;

const DeciderSchema = z.object({ id: z.string(), name: z.string().nullable() });

export const BoundaryDecisionSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  level: BoundaryLevelSchema,
  outcome: z.enum(BOUNDARY_OUTCOMES),
  state: z.enum(BOUNDARY_STATES),
  rule: BoundaryRuleSchema.nullable(),
  reason: z.string(),
  /** As the person attached it: `at` and `excerpt` only when they were given. */
  evidence: z.array(EvidenceRecordSchema.partial({ at: true, excerpt: true })),
  letter: LetterSchema.nullable(),
  /** The letter sent by e-mail: its newest delivery. */
  letterDelivery: DeliverySchema.nullable(),
  decidedBy: DeciderSchema,
  createdAt: InstantSchema,
  expiresAt: InstantSchema.nullable(),
  revokedAt: InstantSchema.nullable(),
  revokedBy: DeciderSchema.nullable(),
  revokeReason: z.string().nullable(),
});
export type BoundaryDecision = z.infer<typeof BoundaryDecisionSchema>;

/** `GET /api/customers/:id/standing`: what a booking system needs to know. */
export const StandingSchema = z.object({
  /** The highest level in force, or 'none'. */
  level: z.union([BoundaryLevelSchema, z.literal('none')]),
  canBookOnline: z.boolean(),
  /** The deposit percentage while a deposit decision is in force, else false. */
  depositRequired: z.union([z.number(), z.literal(false)]),
  prepaymentRequired: z.boolean(),
  reasons: z.array(
    z.object({
      decisionId: z.string(),
      level: BoundaryLevelSchema,
      reason: z.string(),
      expiresAt: InstantSchema.nullable(),
    }),
  ),
});
export type Standing = z.infer<typeof StandingSchema>;
