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

const SeqSchema = z.number().int().min(0);
const HashSchema = z.string().min(1).max(300);

/** Where every chain ended when a checkpoint was taken: each case's log and each organisation's audit log. */
export const CheckpointHeadsSchema = z.strictObject({
  cases: z.array(z.strictObject({ caseId: z.string().min(1).max(200), seq: SeqSchema, hash: HashSchema })),
  audit: z.array(
    z.strictObject({
      orgId: z.number().int(),
      shard: z.number().int().min(0),
      seq: SeqSchema,
      hash: HashSchema,
    }),
  ),
});
export type CheckpointHeads = z.infer<typeof CheckpointHeadsSchema>;

/**
 * A checkpoint file (`calmdesk log checkpoint`): the heads, their SHA-256 `digest` (over their
 * canonical JSON), and an Ed25519 signature over the canonical JSON of format, createdAt, digest and
 * heads, with the signer's public key (SPKI PEM). It is trusted only when that key is the owner's.
 */
export const CheckpointFileSchema = z.strictObject({
  format: z.literal('calmdesk-checkpoint/1'),
  createdAt: z.iso.datetime(),
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  heads: CheckpointHeadsSchema,
  publicKey: z.string().min(1).max(1000),
  signature: z.string().min(1).max(200),
});
export type CheckpointFile = z.infer<typeof CheckpointFileSchema>;

/** `calmdesk verify-log [--checkpoint FILE]`: the heads of a checkpoint whose signature the CLI checked. */
export const LocalVerifyLogSchema = z.strictObject({ checkpoint: CheckpointHeadsSchema.optional() });
export type LocalVerifyLog = z.infer<typeof LocalVerifyLogSchema>;

const ChainVerdictSummarySchema = z.object({
  ok: z.boolean(),
  entries: z.number(),
  brokenAt: z.number().optional(),
  problem: ChainProblemSchema.optional(),
});

/**
 * `calmdesk verify-log`: every case's chain (the broken ones with their first broken entry), every
 * organisation's audit chain, and with a checkpoint, the chains that no longer hold what it recorded.
 */
export const LogReportSchema = z.object({
  cases: z.number(),
  entries: z.number(),
  broken: z.array(z.object({ caseId: z.string(), brokenAt: z.number(), problem: ChainProblemSchema })),
  audit: z.array(ChainVerdictSummarySchema.extend({ orgId: z.number(), shard: z.number() })),
  checkpoint: z
    .object({
      chains: z.number(),
      differ: z.array(
        z.object({
          chain: z.string(),
          seq: z.number(),
          problem: z.enum(['missing', 'altered']),
        }),
      ),
    })
    .optional(),
});
export type LogReport = z.infer<typeof LogReportSchema>;

/** `calmdesk log checkpoint`: the chains verified and where they end now, for the CLI to sign. */
export const LogHeadsSchema = z.object({ report: LogReportSchema, heads: CheckpointHeadsSchema });
export type LogHeads = z.infer<typeof LogHeadsSchema>;
