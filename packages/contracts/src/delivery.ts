import { z } from 'zod';
import { InstantSchema } from './common.ts';
import { DELIVERY_STATES } from './enums.ts';

/** How a message we sent by e-mail fares: `failed` carries the SMTP server's or the bounce's reason. */
export const DeliverySchema = z.object({
  state: z.enum(DELIVERY_STATES),
  to: z.string(),
  reason: z.string().nullable(),
  attempts: z.number().int(),
  sentAt: InstantSchema.nullable(),
});
export type Delivery = z.infer<typeof DeliverySchema>;
