import { z } from 'zod';
import { InstantSchema } from './common.ts';
import { LANGS, SALUTATIONS, SPEAKER_FORMS } from './enums.ts';

/**
 * The variables a saved reply may hold, filled in when it is put into a case's reply box. A variable
 * with nothing to fill it (a case with no promised date) stays as written, for the agent to replace.
 */
export const REPLY_VARIABLES = [
  'customer_name',
  'customer_first_name',
  'case_ref',
  'agent_name',
  'business_name',
  'today',
  'due_date',
] as const;
export type ReplyVariable = (typeof REPLY_VARIABLES)[number];

/** Shared replies are the team's (a supervisor or owner manages them); personal ones are one agent's. */
export const REPLY_SCOPES = ['shared', 'personal'] as const;
export type ReplyScope = (typeof REPLY_SCOPES)[number];

export const CannedReplyInputSchema = z.strictObject({
  lang: z.enum(LANGS),
  title: z.string().trim().min(1, 'a title is needed').max(120, 'at most 120 characters'),
  body: z.string().trim().min(1, 'the text is needed').max(10_000, 'at most 10000 characters'),
  scope: z.enum(REPLY_SCOPES),
});
export type CannedReplyInput = z.infer<typeof CannedReplyInputSchema>;

export const CannedReplyPatchSchema = CannedReplyInputSchema.omit({ scope: true })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');
export type CannedReplyPatch = z.infer<typeof CannedReplyPatchSchema>;

export const CannedReplySchema = z.object({
  id: z.string(),
  lang: z.enum(LANGS),
  title: z.string(),
  body: z.string(),
  scope: z.enum(REPLY_SCOPES),
  /** May the asking person change or delete it. */
  canEdit: z.boolean(),
  updatedAt: InstantSchema,
});
export type CannedReply = z.infer<typeof CannedReplySchema>;

export const CannedReplyQuerySchema = z.strictObject({
  lang: z.enum(LANGS).optional(),
});

/** A saved reply written out for one case: variables filled, gendered forms chosen. */
export const FilledReplySchema = CannedReplySchema.extend({
  text: z.string(),
  /** Variables that had nothing to fill them and stay in the text. */
  unfilled: z.array(z.enum(REPLY_VARIABLES)),
});
export type FilledReply = z.infer<typeof FilledReplySchema>;

/** `GET /api/cases/{id}/replies`: the saved replies for a case, its language first, and the forms in use. */
export const CaseRepliesSchema = z.object({
  lang: z.enum(LANGS),
  forms: z.object({
    speaker: z.enum(SPEAKER_FORMS).nullable(),
    addressee: z.enum(SALUTATIONS).nullable(),
  }),
  /** What goes out under a reply sent by e-mail. */
  signature: z.string(),
  /** The case came by e-mail, so a reply is mailed with the signature under it. */
  mailed: z.boolean(),
  items: z.array(FilledReplySchema),
});
export type CaseReplies = z.infer<typeof CaseRepliesSchema>;
