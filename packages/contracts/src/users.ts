import { isTimeZone } from '@calmdesk/analysis/zoned';
import { z } from 'zod';
import { InstantSchema } from './common.ts';
import { LANGS, PREFERABLE_COMPENSATION_KINDS, ROLES } from './enums.ts';
import { AmountInputSchema, CurrencySchema, checkAmount } from './money.ts';

export const RoleSchema = z.enum(ROLES);

export const NewUserSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320),
  password: z.string().min(8, 'a password needs at least 8 characters').max(1000),
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
});
export type User = z.infer<typeof UserSchema>;

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

export const SettingsSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  languages: z.array(z.enum(LANGS)).min(1),
  timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Warsaw'),
  businessHours: z.strictObject({
    days: z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7']), z.tuple([HourMinute, HourMinute])),
  }),
  firstResponseMinutes: z.strictObject({ calm: Minutes, upset: Minutes, angry: Minutes, hostile: Minutes }),
  compensationPolicy: z
    .strictObject({
      prefer: z.array(z.enum(PREFERABLE_COMPENSATION_KINDS)),
      /** In major units of `currency`, with no more decimals than it has. */
      cashRefundLimit: AmountInputSchema,
      /** The organisation's currency: amounts given without one are in it. */
      currency: CurrencySchema,
    })
    .superRefine((p, ctx) => checkAmount(ctx, p.cashRefundLimit, p.currency, 'cashRefundLimit')),
});
export type Settings = z.infer<typeof SettingsSchema>;
export const SettingsPatchSchema = SettingsSchema.partial();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const AuditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.string().regex(/^\d+$/, 'an audit entry id').optional(),
  target: z.string().max(100).optional(),
});

export const AuditRecordSchema = z.object({
  id: z.string(),
  at: InstantSchema,
  actor: z.string(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditRecord = z.infer<typeof AuditRecordSchema>;
