import { isTimeZone } from '@calmdesk/analysis/zoned';
import { z } from 'zod';
import { InstantSchema } from './common.ts';
import { LANGS, MIN_PASSWORD_LENGTH, PREFERABLE_COMPENSATION_KINDS, ROLES, SPEAKER_FORMS } from './enums.ts';
import { AmountInputSchema, CurrencySchema, checkAmount } from './money.ts';

export const RoleSchema = z.enum(ROLES);

export const PasswordSchema = z
  .string()
  .max(1000)
  .refine(
    (password) => [...password].length >= MIN_PASSWORD_LENGTH,
    `a password needs at least ${MIN_PASSWORD_LENGTH} characters`,
  );

export const NewUserSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320),
  password: PasswordSchema,
  role: RoleSchema,
  signature: z.string().max(2000).optional(),
});
export type NewUser = z.infer<typeof NewUserSchema>;

export const UserSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: RoleSchema,
  signature: z.string().nullable(),
  /** How the person speaks of themselves in Polish ("czułbym"/"czułabym"); null: not said. */
  grammaticalGender: z.enum(SPEAKER_FORMS).nullable().optional(),
});
export type User = z.infer<typeof UserSchema>;

/** `PUT /api/session/profile`: one's own signature and grammatical gender. */
export const OwnProfileSchema = z.strictObject({
  signature: z.string().max(2000, 'at most 2000 characters').nullable(),
  grammaticalGender: z.enum(SPEAKER_FORMS).nullable(),
});
export type OwnProfile = z.infer<typeof OwnProfileSchema>;

/** A staff member as the owner manages them: disabled ones too. */
export const StaffMemberSchema = UserSchema.extend({
  disabledAt: InstantSchema.nullable(),
});
export type StaffMember = z.infer<typeof StaffMemberSchema>;

/** `PATCH /api/users/{id}` (owner): a staff member's name, e-mail address or role. */
export const StaffPatchSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    email: z.email().max(320),
    role: RoleSchema,
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');
export type StaffPatch = z.infer<typeof StaffPatchSchema>;

/** `PUT /api/users/{id}/disabled`: disabling signs the person out everywhere at once. */
export const UserDisabledSchema = z.strictObject({ disabled: z.boolean() });

/** `POST /api/users/{id}/password` (owner): a set password, or none for a one-time password. */
export const PasswordResetSchema = z.strictObject({ password: PasswordSchema.optional() });
/** The one-time password is in this answer only. */
export const PasswordResetResultSchema = z.object({ oneTimePassword: z.string().nullable() });
export type PasswordResetResult = z.infer<typeof PasswordResetResultSchema>;

/** `PUT /api/session/password`: one's own password; the other sessions end. */
export const PasswordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1).max(1000),
  newPassword: PasswordSchema,
});
export type PasswordChange = z.infer<typeof PasswordChangeSchema>;

export const SignInSchema = z.strictObject({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(1000),
});

/** `GET/POST /api/session`; an API token has no signature, so the session's user may lack one. */
export const SessionSchema = z.object({
  user: UserSchema.partial({ signature: true }),
  csrfToken: z.string().optional(),
  /** May send a reply the coach blocked (supervisor or owner). */
  canOverride: z.boolean(),
});
export type Session = z.infer<typeof SessionSchema>;

export const NewTokenSchema = z.strictObject({
  role: RoleSchema,
  label: z.string().trim().min(1).max(200).optional(),
});
export type NewToken = z.infer<typeof NewTokenSchema>;

/** A new token: the secret is in this answer only. */
export const CreatedTokenSchema = z.object({
  id: z.string(),
  token: z.string(),
  role: RoleSchema,
  label: z.string().nullable(),
});
export type CreatedToken = z.infer<typeof CreatedTokenSchema>;

/** A token as listed: never the secret nor its hash. */
export const TokenListingSchema = z.object({
  id: z.string(),
  role: RoleSchema,
  label: z.string().nullable(),
  createdAt: InstantSchema,
  revokedAt: InstantSchema.nullable(),
});
export type TokenListing = z.infer<typeof TokenListingSchema>;

const Minutes = z
  .number()
  .int()
  .min(1)
  .max(60 * 24 * 30);
const HourMinute = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:MM');
const TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A closing time: HH:MM, or 24:00 for open until midnight. */
const ClosingTime = z.string().regex(TIME, 'a closing time is HH:MM or 24:00');
const ResponseTargetsSchema = z.strictObject({
  calm: Minutes,
  upset: Minutes,
  angry: Minutes,
  hostile: Minutes,
});

/** One weekday's opening and closing, on the organisation's wall clock; the day is open between them. */
const OpeningHoursSchema = z
  .tuple([HourMinute, ClosingTime])
  // A malformed time has its own error; the order is judged between well-formed ones only.
  .refine(([open, close]) => !(TIME.test(open) && TIME.test(close)) || open < close, {
    message: 'the closing time must be after the opening time',
    params: { reason: 'closing_before_opening' },
  });

/** A calendar date YYYY-MM-DD that exists. */
const CalendarDateSchema = z
  .string()
  .regex(DATE, 'a date is YYYY-MM-DD')
  .refine(
    (date) => {
      if (!DATE.test(date)) return true;
      const parsed = new Date(`${date}T00:00:00Z`);
      return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date);
    },
    { message: 'no such date', params: { reason: 'not_a_date' } },
  );

export const HolidaySchema = z.strictObject({
  date: CalendarDateSchema,
  name: z.string().trim().max(100).optional(),
});
export type Holiday = z.infer<typeof HolidaySchema>;

export const SettingsSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  languages: z.array(z.enum(LANGS)).min(1),
  timeZone: z.string().refine(isTimeZone, {
    message: 'an IANA time zone such as Europe/Warsaw',
    params: { reason: 'time_zone_unknown' },
  }),
  /** Opening hours per ISO weekday ('1' Monday … '7' Sunday); a weekday left out is closed. */
  businessHours: z.strictObject({
    days: z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7']), OpeningHoursSchema),
  }),
  /** Dates the business is closed whatever the weekday: response deadlines do not run on them. */
  holidays: z
    .array(HolidaySchema)
    .max(366, 'at most 366 holidays')
    .refine((list) => new Set(list.map((h) => h.date)).size === list.length, {
      message: 'each holiday date only once',
      params: { reason: 'date_repeated' },
    }),
  /** Business minutes to the first reply to a new case, by the customer's anger level. */
  firstResponseMinutes: ResponseTargetsSchema,
  /** Business minutes to the next reply when the customer writes again after ours, by anger level. */
  nextResponseMinutes: ResponseTargetsSchema,
  /**
   * Business minutes from a case's opening to its resolution, by the highest anger level the case saw;
   * never shorter than the first-response target of the level (`resolutionTargetProblems`).
   */
  resolutionMinutes: ResponseTargetsSchema,
  compensationPolicy: z
    .strictObject({
      prefer: z.array(z.enum(PREFERABLE_COMPENSATION_KINDS)),
      /** In major units of `currency`, with no more decimals than it has. */
      cashRefundLimit: AmountInputSchema,
      /** The organisation's currency: amounts given without one are in it. */
      currency: CurrencySchema,
      /** Cash refund limits in other currencies; a refund in a currency with no limit always waits. */
      otherCurrencyLimits: z
        .array(z.strictObject({ currency: CurrencySchema, limit: AmountInputSchema }))
        .max(20, 'at most 20 other currencies')
        .default([]),
    })
    .superRefine((p, ctx) => {
      checkAmount(ctx, p.cashRefundLimit, p.currency, 'cashRefundLimit');
      const seen = new Set([p.currency]);
      p.otherCurrencyLimits.forEach((other, i) => {
        if (seen.has(other.currency)) {
          ctx.addIssue({
            code: 'custom',
            path: ['otherCurrencyLimits', i, 'currency'],
            message: `${other.currency} has a limit already`,
            params: { reason: 'currency_repeated' },
          });
        }
        seen.add(other.currency);
        checkAmount(ctx, other.limit, other.currency, ['otherCurrencyLimits', i, 'limit']);
      });
    }),
  /**
   * Months after a customer's last activity when their closed cases and personal data are erased by the
   * retention job (GDPR Art. 5(1)(e)); null: never.
   */
  retentionMonths: z.number().int().min(1).max(1200).nullable(),
});
export type Settings = z.infer<typeof SettingsSchema>;

/**
 * The levels whose resolution target is shorter than their first-response target: a case cannot be
 * resolved before it is first answered.
 * @example resolutionTargetProblems({ firstResponseMinutes: { calm: 60, … }, resolutionMinutes: { calm: 30, … } }) // ['calm']
 */
export function resolutionTargetProblems(
  settings: Pick<Settings, 'firstResponseMinutes' | 'resolutionMinutes'>,
): Array<keyof Settings['resolutionMinutes']> {
  return (Object.keys(settings.resolutionMinutes) as Array<keyof Settings['resolutionMinutes']>).filter(
    (level) => settings.resolutionMinutes[level] < settings.firstResponseMinutes[level],
  );
}
export const SettingsPatchSchema = SettingsSchema.partial();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/** The largest id a bigserial holds. */
const MAX_ENTRY_ID = 2n ** 63n - 1n;

export const AuditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z
    .string()
    .refine((id) => /^\d{1,19}$/.test(id) && BigInt(id) <= MAX_ENTRY_ID, 'an audit entry id')
    .optional(),
  target: z.string().max(100).optional(),
  /** A user id, `token:<id>`, `cli` or `system`. */
  actor: z.string().max(100).optional(),
  /** An action (`case.update`) or its family (`case.`, ending in a dot). */
  action: z.string().max(100).optional(),
  /** Entries at or after this instant. */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Entries before this instant. */
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditQuery = z.input<typeof AuditQuerySchema>;

export const AuditRecordSchema = z.object({
  id: z.string(),
  at: InstantSchema,
  actor: z.string(),
  /** The staff member's name when the actor is one. */
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditRecord = z.infer<typeof AuditRecordSchema>;

/** A page of the audit log: `nextBefore` continues it (null: the oldest entry is in this page). */
export const AuditPageSchema = z.object({
  items: z.array(AuditRecordSchema),
  nextBefore: z.string().nullable(),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;
