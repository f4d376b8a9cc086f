import { z } from 'zod';
import { InstantSchema, SentenceParamsSchema } from './common.ts';
import { CustomerSchema } from './customers.ts';
import { BOOKING_STATUSES, CLIENT_TYPES, EVIDENCE_KINDS } from './enums.ts';
import { MoneyByCurrencySchema } from './money.ts';

/** One record behind a type or a recommendation, with enough to show it without another request. */
export const EvidenceRecordSchema = z.object({
  kind: z.enum(EVIDENCE_KINDS),
  id: z.string(),
  /** When it happened (ISO). */
  at: z.string(),
  excerpt: z.string(),
  caseId: z.string().optional(),
});
export type EvidenceRecord = z.infer<typeof EvidenceRecordSchema>;

export const ClientTypeResultSchema = z.object({
  type: z.enum(CLIENT_TYPES),
  /** 0–1; 0.5 is the threshold, 1 is twice the threshold or more. */
  score: z.number(),
  /** One English sentence; `params` lets the web say it in pl/et/en. */
  sentence: z.string(),
  params: SentenceParamsSchema,
  evidence: z.array(EvidenceRecordSchema),
});
export type ClientTypeResult = z.infer<typeof ClientTypeResultSchema>;

export const SatisfiedMessageSchema = z.object({
  interactionId: z.string(),
  caseId: z.string(),
  at: InstantSchema,
  excerpt: z.string(),
  /** `gratitude`: thanks or praise; `calm`: a calm message with no complaint in it. */
  reason: z.enum(['gratitude', 'calm']),
});
export type SatisfiedMessage = z.infer<typeof SatisfiedMessageSchema>;

const KeptBrokenSchema = z.object({ kept: z.number(), broken: z.number(), open: z.number() });
export type KeptBroken = z.infer<typeof KeptBrokenSchema>;

const bookingCounts = Object.fromEntries(BOOKING_STATUSES.map((status) => [status, z.number()])) as Record<
  (typeof BOOKING_STATUSES)[number],
  z.ZodNumber
>;

export const ProfileStatsSchema = z.object({
  revenue: z.object({ last12Months: MoneyByCurrencySchema, total: MoneyByCurrencySchema }),
  unpaid: z.object({
    amount: MoneyByCurrencySchema,
    overdueAmount: MoneyByCurrencySchema,
    invoices: z.number(),
    overdueInvoices: z.number(),
  }),
  bookings: z.object({
    ...bookingCounts,
    total: z.number(),
    /** `late_cancelled` plus `cancelled` inside the notice period. */
    lateCancellations: z.number(),
  }),
  cases: z.object({ total: z.number(), open: z.number(), faultOurs: z.number(), faultCustomer: z.number() }),
  incidents: z.object({ total: z.number(), last12Months: z.number(), violence: z.number() }),
  commitments: z.object({ customer: KeptBrokenSchema, us: KeptBrokenSchema }),
});
export type ProfileStats = z.infer<typeof ProfileStatsSchema>;

/** `GET /api/customers/:id/profile`. */
export const CustomerProfileSchema = z.object({
  customer: CustomerSchema,
  types: z.array(ClientTypeResultSchema),
  stats: ProfileStatsSchema,
  satisfiedEarlier: z.array(SatisfiedMessageSchema),
});
export type CustomerProfile = z.infer<typeof CustomerProfileSchema>;

const Days = z.number().int().min(1).max(3650);
const Hours = z
  .number()
  .int()
  .min(1)
  .max(24 * 365);
const Count = z.number().int().min(1).max(1000);
const Share = z.number().min(0).max(1);

/** Thresholds of the client types and the boundary ladder. */
export const ProfileRulesSchema = z.strictObject({
  /** A cancellation less than this many hours before the start is late (the advice on customers who do not respect one's time). */
  lateCancelNoticeHours: Hours,
  /** A customer's open promise this many hours past its due time counts as broken. */
  commitmentGraceHours: Hours,
  types: z.strictObject({
    impatient: z.strictObject({ windowDays: Days, repeatHours: Hours, minSignals: Count }),
    nonPayer: z.strictObject({ windowDays: Days, latePaymentDays: Days, minSignals: Count }),
    nitpicker: z.strictObject({ windowDays: Days, minCases: Count, maxJustifiedShare: Share }),
    abusive: z.strictObject({ windowDays: Days, minIncidents: Count }),
    disengaged: z.strictObject({ windowDays: Days, silenceDays: Days, minSignals: Count }),
    serialCanceller: z.strictObject({ windowDays: Days, minLate: Count }),
    refundSeeker: z.strictObject({ lookbackDays: Days, lateAfterDays: Days }),
    valued: z.strictObject({ windowDays: Days, topShare: Share.refine((s) => s > 0, 'above 0') }),
  }),
  boundaries: z.strictObject({
    cancellations: z.strictObject({
      windowDays: Days,
      depositAt: Count,
      depositPercent: z.number().int().min(1).max(100),
      blockAt: Count,
    }),
    abuse: z.strictObject({ windowDays: Days, warningAt: Count, endAt: Count, endOnViolence: z.boolean() }),
    overdue: z.strictObject({ days: Days }),
    /** Days a confirmed decision lasts unless the person sets expiresAt; null = until revoked. */
    expiryDays: z.strictObject({
      note: Days.nullable(),
      warning: Days.nullable(),
      deposit_required: Days.nullable(),
      prepayment_required: Days.nullable(),
      booking_blocked: Days.nullable(),
      ended: Days.nullable(),
    }),
  }),
});
export type ProfileRules = z.infer<typeof ProfileRulesSchema>;

/** A patch: any subset of the rules, nested; the server merges it over the current rules and checks the whole. */
export const ProfileRulesPatchSchema = z.record(z.string(), z.unknown());
