import { z } from 'zod';
import { CurrencyAmountSchema } from './money.ts';

/** A row id in a path (a UUID, or an id an import kept): what every `/:id` route accepts. */
export const RowIdSchema = z.string().min(1).max(100);

export const IdParamsSchema = z.strictObject({ id: RowIdSchema });

/** The years a date sent to the API may fall in: what a business's records and plans can hold. */
export const CALENDAR_YEARS = { from: 1900, to: 9999 } as const;

const isInCalendar = (text: string) => {
  const year = Number(text.slice(0, 4));
  return year >= CALENDAR_YEARS.from && year <= CALENDAR_YEARS.to;
};
const CALENDAR_MESSAGE = `a date in the years ${CALENDAR_YEARS.from}–${CALENDAR_YEARS.to}`;

/** A day sent to the API, `2026-01-31`: a real date within the calendar's years. */
export const DaySchema = z.iso
  .date()
  .refine(isInCalendar, { message: CALENDAR_MESSAGE, params: { reason: 'not_a_date' } });

/** An instant sent to the API, ISO 8601 with its offset, within the calendar's years. */
export const InstantInputSchema = z.iso
  .datetime({ offset: true })
  .refine(isInCalendar, { message: CALENDAR_MESSAGE, params: { reason: 'not_a_date' } });

/** An instant as the API writes it: ISO 8601 in UTC. */
export const InstantSchema = z.string();

export const NamedSchema = z.object({ id: z.string(), name: z.string() });
export type Named = z.infer<typeof NamedSchema>;

/** Values a sentence is built from, so the web can say it in the reader's language. */
// A list of amounts is one per currency (e.g. a non-payer's `outstanding`).
export const SentenceParamsSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.array(CurrencyAmountSchema)]),
);
export type SentenceParams = z.infer<typeof SentenceParamsSchema>;

/** `{items: [...]}`: every list the API answers. */
export const itemsOf = <Item extends z.ZodType>(item: Item) => z.object({ items: z.array(item) });

/** No body, or an empty object: a POST that carries nothing may send either. */
export const EmptyBodySchema = z.strictObject({}).nullish();

/** 1–255 printable ASCII characters (space to tilde), as clients generate them (UUIDs, ULIDs …). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;

/** The headers of every signed-in POST: an optional `Idempotency-Key` (README, "Retrying safely"). */
export const IdempotencyHeadersSchema = z.looseObject({
  'idempotency-key': z
    .string()
    .regex(IDEMPOTENCY_KEY_PATTERN, 'must be 1 to 255 printable ASCII characters')
    .optional()
    .describe(
      'Sent again with the same request after a lost answer, gives the first answer again (header ' +
        'Idempotent-Replayed: true) and does nothing twice; kept 24 h per client and operation',
    ),
});
