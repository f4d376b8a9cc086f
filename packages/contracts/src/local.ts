import { z } from 'zod';
import { IdParamsSchema } from './common.ts';
import { NewTokenSchema, NewUserSchema } from './users.ts';

export const LocalUserSchema = NewUserSchema.omit({ signature: true });
export type LocalUser = z.infer<typeof LocalUserSchema>;
export const LocalTokenSchema = NewTokenSchema;
export type LocalToken = z.infer<typeof LocalTokenSchema>;
export const LocalTokenIdSchema = IdParamsSchema;
export type LocalTokenId = z.infer<typeof LocalTokenIdSchema>;

/** `calmdesk verify-log`: every case's chain, the broken ones with their first broken entry. */
export const LogReportSchema = z.object({
  cases: z.number(),
  entries: z.number(),
  broken: z.array(z.object({ caseId: z.string(), brokenAt: z.number() })),
});
export type LogReport = z.infer<typeof LogReportSchema>;
