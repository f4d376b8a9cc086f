import { PROBLEM_CATEGORIES } from '@calmdesk/analysis/vocabulary';
import { z } from 'zod';
import { InstantSchema, NamedSchema } from './common.ts';
import { CustomerInputSchema, CustomerSchema } from './customers.ts';
import { DeliverySchema } from './delivery.ts';
import { AnalysisSchema, CoachingSchema, FlagSchema, LevelSchema, MessageBodySchema } from './engine.ts';
import {
  CALL_DIRECTIONS,
  CASE_STATUSES,
  CHANNELS,
  COMMITMENT_STATUSES,
  COMPENSATION_DECISIONS,
  COMPENSATION_KINDS,
  COMPENSATION_STATUSES,
  ESCALATION_REASONS,
  FAULTS,
  INTERACTION_KINDS,
  MESSAGE_VIAS,
  PARTIES,
} from './enums.ts';
import { AmountInputSchema, AmountSchema, CurrencySchema, checkAmount } from './money.ts';

export const ChannelSchema = z.enum(CHANNELS);
export const CaseStatusSchema = z.enum(CASE_STATUSES);

export const NewCaseSchema = z.strictObject({
  customer: CustomerInputSchema.pick({ name: true, email: true, phone: true, language: true }).strict(),
  channel: ChannelSchema,
  subject: z.string().trim().min(1).max(300),
  message: z.strictObject({ body: MessageBodySchema }).optional(),
});
export type NewCase = z.infer<typeof NewCaseSchema>;

export const CaseQuerySchema = z.strictObject({
  status: z.union([CaseStatusSchema, z.literal('active')]).optional(),
  level: LevelSchema.optional(),
  channel: ChannelSchema.optional(),
  /** A user id, `me`, `none`, or `me_or_none` (mine and nobody's: an agent's inbox). */
  assignee: z.string().max(100).optional(),
  customer: z.string().max(100).optional(),
  /** `true`: only escalated cases still in progress (the supervisors' queue). */
  escalated: z.enum(['true', 'false']).optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(['priority', 'created', 'due']).default('priority'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type CaseQuery = z.infer<typeof CaseQuerySchema>;

export const CasePatchSchema = z
  .strictObject({
    status: CaseStatusSchema,
    stage: z.string().trim().max(100).nullable(),
    fault: z.enum(FAULTS),
    assignee: z.string().max(100).nullable(),
    subject: z.string().trim().min(1).max(300),
    /** Hand the case to a supervisor (an agent passes a hostile customer on in one step, as the advice on drawing lines says). */
    escalate: z.literal(true),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, {
    message: 'nothing to change',
    params: { reason: 'nothing_to_change' },
  });
export type CasePatch = z.infer<typeof CasePatchSchema>;

export const MessageViaSchema = z.enum(MESSAGE_VIAS);

/** A phone call's direction (who rang) and length in whole minutes. */
export const CallDetailsSchema = z.strictObject({
  direction: z.enum(CALL_DIRECTIONS),
  minutes: z.number().int().min(0).max(1440),
});
export type CallDetails = z.infer<typeof CallDetailsSchema>;

export const NewInteractionSchema = z
  .strictObject({
    kind: z.enum(INTERACTION_KINDS),
    body: MessageBodySchema,
    /** Send an outbound reply despite `block` findings (supervisor or owner). */
    override: z.boolean().optional(),
    /** An inbound message logged by hand: how it reached us (a text, said at a visit, another address …). */
    via: MessageViaSchema.optional(),
    /** A `call`: who rang and for how long; the body holds the notes. */
    call: CallDetailsSchema.optional(),
  })
  .refine((entry) => entry.via === undefined || entry.kind === 'inbound', {
    message: 'only an inbound message says how it reached us',
    path: ['via'],
  })
  .refine((entry) => entry.call === undefined || entry.kind === 'call', {
    message: 'only a call has a direction and length',
    path: ['call'],
  });
export type NewInteraction = z.infer<typeof NewInteractionSchema>;

export const CaseSummarySchema = z.object({
  id: z.string(),
  subject: z.string(),
  status: CaseStatusSchema,
  channel: ChannelSchema,
  priority: z.number(),
  level: LevelSchema.nullable(),
  peakLevel: LevelSchema.nullable(),
  flags: z.array(FlagSchema),
  problems: z.array(z.enum(PROBLEM_CATEGORIES)),
  language: z.string().nullable(),
  /** When the first reply is due (business hours counted); kept once answered. */
  firstResponseDueAt: InstantSchema.nullable(),
  firstRespondedAt: InstantSchema.nullable(),
  /** When the reply to the customer's latest message is due, after we had answered them; null when none is. */
  nextResponseDueAt: InstantSchema.nullable(),
  /**
   * The running deadline is paused while the case waits on the customer: `remainingMinutes` business
   * minutes are left, and the clock goes on when they write. Null when nothing is paused.
   */
  slaPaused: z.object({ since: InstantSchema, remainingMinutes: z.number().int() }).nullable(),
  escalatedAt: InstantSchema.nullable(),
  escalationReason: z.enum(ESCALATION_REASONS).nullable(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
  customer: NamedSchema,
  assignee: NamedSchema.nullable(),
});
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

/** A case as the inbox lists it. */
export const CaseListItemSchema = CaseSummarySchema.extend({
  /** The customer wrote since the one asking last opened the case (never, for an API token). */
  unread: z.boolean(),
});
export type CaseListItem = z.infer<typeof CaseListItemSchema>;

export const CasePageSchema = z.object({
  items: z.array(CaseListItemSchema),
  nextCursor: z.string().nullable(),
});
export type CasePage = z.infer<typeof CasePageSchema>;

/** A file that came with a customer's mail; `content` is null when it was over the size limit. */
export const AttachmentSchema = z.object({
  id: z.string(),
  filename: z.string().nullable(),
  contentType: z.string(),
  size: z.number().int(),
  inline: z.boolean(),
  stored: z.boolean(),
  note: z.string().nullable(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

export const InteractionSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  seq: z.number(),
  kind: z.enum(INTERACTION_KINDS),
  body: z.string(),
  author: NamedSchema.nullable(),
  analysis: AnalysisSchema.nullable(),
  coaching: CoachingSchema.nullable(),
  overriddenBy: z.string().nullable(),
  createdAt: InstantSchema,
  hash: z.string(),
  /** For a message that came by e-mail: the stored mail (its raw source and attachments). */
  mail: z.object({ id: z.string(), attachments: z.array(AttachmentSchema) }).nullable(),
  /** For a reply that goes out by e-mail: its delivery. */
  delivery: DeliverySchema.nullable(),
  /** For a customer's message logged by hand: how it reached us. */
  via: MessageViaSchema.nullable(),
  /** For a logged phone call: who rang and for how long. */
  call: CallDetailsSchema.nullable(),
});
export type Interaction = z.infer<typeof InteractionSchema>;

export const CommitmentSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  interactionId: z.string().nullable(),
  who: z.enum(PARTIES),
  text: z.string(),
  dueAt: InstantSchema,
  status: z.enum(COMMITMENT_STATUSES),
  escalatedAt: InstantSchema.nullable(),
  createdAt: InstantSchema,
});
export type Commitment = z.infer<typeof CommitmentSchema>;

export const NewCompensationSchema = z
  .strictObject({
    kind: z.enum(COMPENSATION_KINDS),
    /** In major units of `currency` (else the policy's currency), with no more decimals than it has. */
    amount: AmountInputSchema.optional(),
    currency: CurrencySchema.optional(),
    /** A consumer's statutory right (e.g. withdrawal): never steered to a voucher, never over a limit. */
    statutory: z.boolean().default(false),
    note: z.string().max(2000).optional(),
  })
  .refine((c) => c.kind !== 'cash_refund' || c.amount !== undefined, {
    message: 'a cash refund needs an amount',
    params: { reason: 'cash_refund_needs_amount' },
    path: ['amount'],
  })
  .superRefine((c, ctx) => checkAmount(ctx, c.amount, c.currency, 'amount'));
export type NewCompensation = z.infer<typeof NewCompensationSchema>;
/** What a client sends: `statutory` may be left out. */
export type NewCompensationInput = z.input<typeof NewCompensationSchema>;

export const CompensationDecisionSchema = z.strictObject({
  decision: z.enum(COMPENSATION_DECISIONS),
  note: z.string().max(2000).optional(),
});
export type CompensationDecisionInput = z.infer<typeof CompensationDecisionSchema>;

export const CompensationSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  kind: z.enum(COMPENSATION_KINDS),
  amount: AmountSchema.nullable(),
  currency: z.string().nullable(),
  statutory: z.boolean(),
  status: z.enum(COMPENSATION_STATUSES),
  proposedBy: z.string().nullable(),
  approverId: z.string().nullable(),
  decidedAt: InstantSchema.nullable(),
  note: z.string().nullable(),
  createdAt: InstantSchema,
});
export type Compensation = z.infer<typeof CompensationSchema>;

/** How many of a case's newest log entries come with it, and the longest page of older ones. */
export const INTERACTION_PAGE = 100;
export const MAX_INTERACTION_PAGE = 500;

export const CaseDetailSchema = CaseSummarySchema.extend({
  stage: z.string().nullable(),
  fault: z.enum(FAULTS),
  interactions: z
    .array(InteractionSchema)
    .describe(
      `The newest ${INTERACTION_PAGE} log entries, oldest first; older ones by GET /api/cases/{id}/interactions`,
    ),
  /** Every entry the log holds, shown or not. */
  interactionCount: z.number().int().nonnegative(),
  /** The `before` of the next older page of the log, or null when `interactions` starts at the first entry. */
  interactionsBefore: z.number().int().positive().nullable(),
  commitments: z.array(CommitmentSchema),
  compensations: z.array(CompensationSchema),
});
export type CaseDetail = z.infer<typeof CaseDetailSchema>;

/**
 * What broke a log: an entry `altered` (or its stored part), entries `missing` (removed, the newest
 * ones included), an entry `unrecorded` by its case (added outside CalmDesk), or a log that was already
 * broken when migration 0016 hashed it again (`altered_before_migration`).
 */
export const ChainProblemSchema = z.enum(['altered', 'missing', 'unrecorded', 'altered_before_migration']);
export type ChainProblem = z.infer<typeof ChainProblemSchema>;

/** `GET /api/cases/:id/interactions`: the entries before the entry `before` (its seq), newest pages first. */
export const InteractionPageQuerySchema = z.strictObject({
  before: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_INTERACTION_PAGE).default(INTERACTION_PAGE),
});
export type InteractionPageQuery = z.infer<typeof InteractionPageQuerySchema>;

export const InteractionPageSchema = z.object({
  /** Oldest first, like a case's `interactions`. */
  items: z.array(InteractionSchema),
  /** The `before` of the next older page, or null when `items` starts at the first entry. */
  before: z.number().int().positive().nullable(),
});
export type InteractionPage = z.infer<typeof InteractionPageSchema>;

/** `GET /api/cases/:id/verify`. */
export const ChainVerdictSchema = z.object({
  ok: z.boolean(),
  entries: z.number(),
  /** The seq of the first entry that was altered, removed or added outside CalmDesk. */
  brokenAt: z.number().optional(),
  problem: ChainProblemSchema.optional(),
});
export type ChainVerdict = z.infer<typeof ChainVerdictSchema>;

/** `GET /api/customers/:id`: the customer with every case, each with its log. */
export const CustomerDetailSchema = CustomerSchema.extend({ cases: z.array(CaseDetailSchema) });
export type CustomerDetail = z.infer<typeof CustomerDetailSchema>;
