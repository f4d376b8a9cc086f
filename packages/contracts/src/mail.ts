import { z } from 'zod';
import { serverUrlSchema } from './mail-url.ts';

export const NewMailboxSchema = z.strictObject({
  address: z.string().trim().email().max(320),
  imap: serverUrlSchema(['imap', 'imaps']),
  smtp: serverUrlSchema(['smtp', 'smtps']).optional(),
});
export type NewMailbox = z.infer<typeof NewMailboxSchema>;

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
  status: z.enum(['ok', 'error']),
  lastError: z.string().nullable(),
  lastSyncAt: z.string().nullable(),
  createdAt: z.string(),
  counts: CountsSchema,
});
export type Mailbox = z.infer<typeof MailboxSchema>;

export const FailedMailSchema = z.object({
  id: z.string(),
  from: z.string().nullable(),
  subject: z.string().nullable(),
  reason: z.string().nullable(),
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
  caseId: z.string().nullable(),
  interactionId: z.string().nullable(),
});
export type MailOutcome = z.infer<typeof MailOutcomeSchema>;
