import { z } from 'zod';
import { ChainProblemSchema } from './cases.ts';
import { IdParamsSchema } from './common.ts';
import { NewTokenSchema, NewUserSchema, PasswordResetResultSchema, PasswordSchema } from './users.ts';

export const LocalUserSchema = NewUserSchema.omit({ signature: true });
export type LocalUser = z.infer<typeof LocalUserSchema>;
/** `calmdesk user disable|enable --email E`. */
export const LocalUserDisabledSchema = z.strictObject({ email: z.email().max(320), disabled: z.boolean() });
export type LocalUserDisabled = z.infer<typeof LocalUserDisabledSchema>;
/** `calmdesk user password --email E [--password P]`: without a password, a one-time one is printed. */
export const LocalPasswordResetSchema = z.strictObject({
  email: z.email().max(320),
  password: PasswordSchema.optional(),
});
export type LocalPasswordReset = z.infer<typeof LocalPasswordResetSchema>;
export const LocalPasswordResetResultSchema = PasswordResetResultSchema;
export const LocalTokenSchema = NewTokenSchema;
export type LocalToken = z.infer<typeof LocalTokenSchema>;
export const LocalTokenIdSchema = IdParamsSchema;
export type LocalTokenId = z.infer<typeof LocalTokenIdSchema>;

/** `calmdesk verify-log`: every case's chain, the broken ones with their first broken entry. */
export const LogReportSchema = z.object({
  cases: z.number(),
  entries: z.number(),
  broken: z.array(z.object({ caseId: z.string(), brokenAt: z.number(), problem: ChainProblemSchema })),
});
export type LogReport = z.infer<typeof LogReportSchema>;
