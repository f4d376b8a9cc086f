import { z } from 'zod';
import { InstantSchema } from './common.ts';
import { DELIVERY_PROBLEMS, DELIVERY_STATES } from './enums.ts';

/** How a message we sent by e-mail fares: `failed` carries the reason, its code and the server's words. */
export const DeliverySchema = z.object({
  state: z.enum(DELIVERY_STATES),
  to: z.string(),
  /** Why it failed, in English, for logs and scripts. */
  reason: z.string().nullable(),
  /**
   * Why it failed (or, while queued, why the last attempt did) as a code, for a reader's own language;
   * absent, like null, on the delivery a reply answers with as it is queued.
   */
  problem: z.enum(DELIVERY_PROBLEMS).nullable(),
  /** The SMTP server's or the bounce's own words (e.g. `550 5.1.1 … User unknown`), if any. */
  detail: z.string().nullable(),
  attempts: z.number().int(),
  sentAt: InstantSchema.nullable(),
});
export type Delivery = z.infer<typeof DeliverySchema>;
