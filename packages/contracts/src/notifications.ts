import { z } from 'zod';
import { IdParamsSchema, InstantSchema } from './common.ts';
import { NOTIFICATION_KINDS } from './enums.ts';

export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS);

/**
 * One thing a staff member was told. `title` is what it is about (a case's subject, a mailbox's address);
 * `details` the few values its sentence needs (who, how much, the reason), shown in the reader's language.
 */
export const NotificationSchema = z.object({
  id: z.string(),
  kind: NotificationKindSchema,
  caseId: z.string().nullable(),
  title: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  createdAt: InstantSchema,
  readAt: InstantSchema.nullable(),
});
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationQuerySchema = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const NotificationListSchema = z.object({
  items: z.array(NotificationSchema),
  unread: z.number().int(),
});
export type NotificationList = z.infer<typeof NotificationListSchema>;

export const NotificationParamsSchema = IdParamsSchema;

/** The kinds that also come by e-mail, per staff member. */
export const NotificationPreferencesSchema = z.strictObject({
  email: z.array(NotificationKindSchema).max(NOTIFICATION_KINDS.length),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferencesSchema>;
