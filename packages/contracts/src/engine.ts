import type { Analysis, Coaching } from '@calmdesk/analysis';
import {
  COACH_RULES,
  ELEMENTS,
  FLAGS,
  LANGS,
  LEVELS,
  PROBLEM_CATEGORIES,
} from '@calmdesk/analysis/vocabulary';
import { z } from 'zod';
import { ADDRESS_FORMS, FAULTS, PREFERABLE_COMPENSATION_KINDS } from './enums.ts';

export const LangSchema = z.enum(LANGS);
export const DetectedLangSchema = z.enum([...LANGS, 'und']);
export const LevelSchema = z.enum(LEVELS);
export const FlagSchema = z.enum(FLAGS);
export const SeveritySchema = z.enum(['block', 'warn', 'hint']);

const SpanSchema = { start: z.number(), end: z.number() };

/** The engine's `Analysis` of a message, as stored with the message and answered by `POST /api/analyze`. */
export const AnalysisSchema = z.object({
  lang: DetectedLangSchema,
  level: LevelSchema,
  anger: z.number(),
  flags: z.array(FlagSchema),
  issues: z.number(),
  problems: z.array(z.object({ category: z.enum(PROBLEM_CATEGORIES), ...SpanSchema })),
  evidence: z.array(z.object({ flag: FlagSchema, ...SpanSchema, text: z.string(), rule: z.string() })),
  signals: z.array(
    z.object({
      kind: z.enum(['negative', 'strong_negative', 'positive']),
      ...SpanSchema,
      text: z.string(),
      rule: z.string(),
    }),
  ),
  truncated: z.boolean(),
}) satisfies z.ZodType<Analysis>;

/** The engine's `Coaching` of a draft reply, as stored with the reply and answered by `POST /api/coach`. */
export const CoachingSchema = z.object({
  lang: DetectedLangSchema,
  score: z.number(),
  findings: z.array(
    z.object({
      rule: z.enum(COACH_RULES),
      severity: SeveritySchema,
      ...SpanSchema,
      text: z.string(),
      why: z.string(),
      suggestion: z.string(),
      /** Only on a finding the learned model added: the words of its strongest features. */
      evidence: z.array(z.object({ ...SpanSchema, text: z.string(), rule: z.string() })).optional(),
    }),
  ),
  has: z.array(z.enum(ELEMENTS)),
  missing: z.array(z.enum(ELEMENTS)),
  advice: z.array(
    z.object({
      rule: z.enum(['set_boundary', 'liability', 'compensation_policy', 'unaddressed_problems']),
      severity: SeveritySchema,
      why: z.string(),
      suggestion: z.string(),
      problems: z.array(z.enum(PROBLEM_CATEGORIES)).optional(),
    }),
  ),
}) satisfies z.ZodType<Coaching>;

/** A message body: text as typed, up to 100,000 characters (a long e-mail thread fits). */
export const MessageBodySchema = z.string().min(1, 'the body is empty').max(100_000);
const TextSchema = z.string().max(100_000);

/** The parts of a customer's analysis the coach reads; extra fields of a full Analysis pass through. */
const CustomerAnalysisSchema = z.looseObject({
  lang: DetectedLangSchema.default('und'),
  level: LevelSchema,
  flags: z.array(z.string()).default([]),
  problems: z.array(z.looseObject({ category: z.string() })).default([]),
});

export const CoachContextSchema = z.strictObject({
  customer: z.array(CustomerAnalysisSchema).max(50).optional(),
  fault: z.enum(FAULTS).optional(),
  addressForm: z.enum(ADDRESS_FORMS).optional(),
  problems: z.number().int().min(0).max(100).optional(),
  policy: z
    .strictObject({
      prefer: z.array(z.enum(PREFERABLE_COMPENSATION_KINDS)).optional(),
      cashRefundLimit: z.number().min(0).optional(),
      currency: z.string().optional(),
    })
    .optional(),
  statutoryRefund: z.boolean().optional(),
  agentName: z.string().max(200).optional(),
  lang: LangSchema.optional(),
  explainIn: LangSchema.optional(),
});
export type CoachContextInput = z.infer<typeof CoachContextSchema>;

export const AnalyzeBodySchema = z.strictObject({ text: TextSchema, lang: LangSchema.optional() });
export const CoachBodySchema = z.strictObject({
  text: TextSchema,
  lang: LangSchema.optional(),
  context: CoachContextSchema.optional(),
});
