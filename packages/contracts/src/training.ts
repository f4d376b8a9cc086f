import { z } from 'zod';
import { IdParamsSchema, InstantSchema, NamedSchema, RowIdSchema } from './common.ts';
import { CoachingSchema, LangSchema } from './engine.ts';
import { CLIENT_TYPES } from './enums.ts';

/** How a practice session ended: the customer calmed and agreed, was handed up, or walked away. */
export const TRAINING_OUTCOMES = ['resolved', 'escalated', 'lost'] as const;
export const TrainingOutcomeSchema = z.enum(TRAINING_OUTCOMES);
export type TrainingOutcome = z.infer<typeof TrainingOutcomeSchema>;

export const TRAINING_STATUSES = ['assigned', 'active', ...TRAINING_OUTCOMES] as const;
export const TrainingStatusSchema = z.enum(TRAINING_STATUSES);
export type TrainingStatus = z.infer<typeof TrainingStatusSchema>;

/** The customer's anger in a scenario: 0 calm … 5 about to explode. */
export const TrainingAngerSchema = z.number().int().min(0).max(5);

export const TrainingScenarioSummarySchema = z.object({
  id: z.string(),
  language: LangSchema,
  title: z.string(),
  /** A difficult-client type of the product's vocabulary. */
  persona: z.enum(CLIENT_TYPES),
  /** One or two sentences for the trainee, in the scenario's language. */
  situation: z.string(),
  startAnger: TrainingAngerSchema,
  /** The most replies a play-through can take. */
  turnsAtMost: z.number().int().min(1),
});
export type TrainingScenarioSummary = z.infer<typeof TrainingScenarioSummarySchema>;

export const TrainingScenarioQuerySchema = z.strictObject({ language: LangSchema.optional() });
export const TrainingScenarioListSchema = z.object({ scenarios: z.array(TrainingScenarioSummarySchema) });
export type TrainingScenarioList = z.infer<typeof TrainingScenarioListSchema>;

export const TrainingTurnSchema = z.object({
  /** The customer's message the trainee answers. */
  customer: z.string(),
  angerBefore: TrainingAngerSchema,
  reply: z.string().nullable(),
  /** Exactly what `POST /api/coach` answers for this reply with this case's context. */
  coaching: CoachingSchema.nullable(),
  /** Coach codes: elements present and findings avoided that the scenario asked for. */
  worked: z.array(z.string()),
  /** Coach codes: findings made and required elements missing. */
  missed: z.array(z.string()),
  /** A good reply, in the scenario's language. */
  modelAnswer: z.string().nullable(),
  angerAfter: TrainingAngerSchema.nullable(),
});
export type TrainingTurn = z.infer<typeof TrainingTurnSchema>;

/** A skill to practise: an element or finding code, and in how many of the session's turns it went wrong. */
export const TrainingPractiseSchema = z.object({
  skill: z.string(),
  times: z.number().int().min(0),
  of: z.number().int().min(0),
});
export type TrainingPractise = z.infer<typeof TrainingPractiseSchema>;

const trainingSessionFields = {
  id: z.string(),
  scenarioId: z.string(),
  scenarioTitle: z.string(),
  language: LangSchema,
  persona: z.enum(CLIENT_TYPES),
  user: NamedSchema,
  assignedBy: NamedSchema.nullable(),
  status: TrainingStatusSchema,
  anger: TrainingAngerSchema,
  /** Set when ended: 0–100 from the turns' coach scores and the outcome. */
  score: z.number().int().min(0).max(100).nullable(),
  /** Set when ended (empty before): the skills to practise, worst first. */
  practise: z.array(TrainingPractiseSchema),
  createdAt: InstantSchema,
  startedAt: InstantSchema.nullable(),
  endedAt: InstantSchema.nullable(),
};

export const TrainingSessionSchema = z.object({
  ...trainingSessionFields,
  /** The last one has `reply: null` while the session is active. */
  turns: z.array(TrainingTurnSchema),
});
export type TrainingSession = z.infer<typeof TrainingSessionSchema>;

export const TrainingSessionSummarySchema = z.object(trainingSessionFields);
export type TrainingSessionSummary = z.infer<typeof TrainingSessionSummarySchema>;

/** `POST /api/training/sessions`: without `userId` (or with one's own) practise now; else assign. */
export const NewTrainingSessionSchema = z.strictObject({
  scenario: z.string().min(1).max(200),
  userId: RowIdSchema.optional(),
});
export type NewTrainingSession = z.infer<typeof NewTrainingSessionSchema>;

export const TrainingReplyBodySchema = z.strictObject({
  text: z.string().trim().min(1, 'the reply is empty').max(20_000),
});
export type TrainingReplyBody = z.infer<typeof TrainingReplyBodySchema>;

export const TrainingReplyAnswerSchema = z.object({
  session: TrainingSessionSchema,
  /** The turn just answered, with its coaching, worked, missed, model answer and anger after. */
  turn: TrainingTurnSchema,
});
export type TrainingReplyAnswer = z.infer<typeof TrainingReplyAnswerSchema>;

export const TrainingSessionParamsSchema = IdParamsSchema;

export const TrainingSessionQuerySchema = z.strictObject({
  user: RowIdSchema.optional(),
  status: TrainingStatusSchema.optional(),
});
export const TrainingSessionListSchema = z.object({ sessions: z.array(TrainingSessionSummarySchema) });
export type TrainingSessionList = z.infer<typeof TrainingSessionListSchema>;

export const TrainingProgressSchema = z.object({
  people: z.array(
    z.object({
      user: NamedSchema,
      sessions: z.number().int(),
      ended: z.number().int(),
      averageScore: z.number().nullable(),
      lastAt: InstantSchema.nullable(),
      /** Summed over their ended sessions, worst first, at most 3. */
      practise: z.array(TrainingPractiseSchema),
    }),
  ),
});
export type TrainingProgress = z.infer<typeof TrainingProgressSchema>;
