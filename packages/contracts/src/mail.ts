import { z } from 'zod';
import { CONNECTION_PROBLEMS, MAIL_PROBLEMS } from './enums.ts';
import { serverUrlSchema } from './mail-url.ts';

export const NewMailboxSchema = z.strictObject({
  address: z.string().trim().email().max(320),
  imap: serverUrlSchema(['imap', 'imaps']),
  smtp: serverUrlSchema(['smtp', 'smtps']).optional(),
  /** Send a customer whose mail opens a new case an automatic acknowledgement (off unless asked). */
  acknowledge: z.boolean().optional(),
});
export type NewMailbox = z.infer<typeof NewMailboxSchema>;

/** What an owner may change on a mailbox: the acknowledgement, and the SMTP server (null: none). */
export const MailboxPatchSchema = z
  .strictObject({
    acknowledge: z.boolean(),
    smtp: serverUrlSchema(['smtp', 'smtps']).nullable(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, {
    message: 'nothing to change',
    params: { reason: 'nothing_to_change' },
  });
export type MailboxPatch = z.infer<typeof MailboxPatchSchema>;

/** The servers to try before a mailbox is added: the same URLs as a new mailbox's. */
export const ServerTestSchema = NewMailboxSchema.pick({ imap: true, smtp: true }).strict();
export type ServerTest = z.infer<typeof ServerTestSchema>;

/**
 * One server tried: `ok`, or the kind of problem, its reason in English and the server's or the
 * system's own words apart (never a password).
 */
export const ConnectionCheckSchema = z.object({
  ok: z.boolean(),
  problem: z.enum(CONNECTION_PROBLEMS).nullable(),
  reason: z.string().nullable(),
  detail: z.string().nullable(),
});
export type ConnectionCheck = z.infer<typeof ConnectionCheckSchema>;

/** IMAP signed in and its folder opened read-only; SMTP signed in (null when there is no SMTP server). */
export const ServerTestResultSchema = z.object({
  imap: ConnectionCheckSchema,
  smtp: ConnectionCheckSchema.nullable(),
});
export type ServerTestResult = z.infer<typeof ServerTestResultSchema>;

/** `?download=1`: a picture as a file to save, not to show. */
export const AttachmentQuerySchema = z.strictObject({
  download: z.enum(['0', '1', 'true', 'false']).optional(),
});

/** A file answer, for the OpenAPI document: its bytes under each media type it may have. */
export const fileAnswer = (description: string, mediaTypes: readonly string[]) => ({
  content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: z.string().describe(description) }])),
});

const CountsSchema = z.object({
  received: z.number().int(),
  processed: z.number().int(),
  ignored: z.number().int(),
  failed: z.number().int(),
});

/** A mailbox as the API shows it: never a password. */
export const MailboxSchema = z.object({
  id: z.string(),
  address: z.string(),
  imap: z.string(),
  smtp: z.string().nullable(),
  acknowledge: z.boolean(),
  status: z.enum(['ok', 'error']),
  /** The last failure in English, for logs and scripts; `lastProblem` and `lastDetail` are for screens. */
  lastError: z.string().nullable(),
  /** The kind of the last failure, for a reader's own language (null: none, or older than the codes). */
  lastProblem: z.enum(CONNECTION_PROBLEMS).nullable(),
  /** The server's or the system's own words about it (a server reply, a system error), if any. */
  lastDetail: z.string().nullable(),
  lastSyncAt: z.string().nullable(),
  createdAt: z.string(),
  counts: CountsSchema,
});
export type Mailbox = z.infer<typeof MailboxSchema>;

export const FailedMailSchema = z.object({
  id: z.string(),
  from: z.string().nullable(),
  subject: z.string().nullable(),
  /** Why it failed, in English, for logs and scripts. */
  reason: z.string().nullable(),
  /** Why it failed as a code, for a reader's own language (null: stored before the codes). */
  problem: z.enum(MAIL_PROBLEMS).nullable(),
  /** The parser's or the database's own words, if any. */
  detail: z.string().nullable(),
  attempts: z.number().int(),
  receivedAt: z.string(),
});

export const MailboxDetailSchema = MailboxSchema.extend({ failed: z.array(FailedMailSchema) });
export const MailboxListSchema = z.object({ items: z.array(MailboxSchema) });

export type MailboxDetail = z.infer<typeof MailboxDetailSchema>;

export const MailOutcomeSchema = z.object({
  id: z.string(),
  state: z.enum(['received', 'processed', 'ignored', 'failed']),
  kind: z.enum(['mail', 'auto_reply', 'bounce']).nullable(),
  reason: z.string().nullable(),
  /** A failed mail's problem code (null unless `failed`). */
  problem: z.enum(MAIL_PROBLEMS).nullable(),
  caseId: z.string().nullable(),
  interactionId: z.string().nullable(),
});
export type MailOutcome = z.infer<typeof MailOutcomeSchema>;
