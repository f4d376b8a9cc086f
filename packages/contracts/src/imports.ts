import { z } from 'zod';
import { IMPORT_FORMATS, IMPORT_KINDS, IMPORT_ROW_REASONS } from './enums.ts';

/** Records per call of the CLI's local import route. */
export const LOCAL_PART_RECORDS = 5000;

export const ImportParamsSchema = z.strictObject({ kind: z.enum(IMPORT_KINDS) });

export const RowErrorSchema = z.object({
  row: z.number(),
  line: z.number(),
  /** The column (or ICS property) that was wrong, when one was. */
  column: z.string().nullable(),
  /** Why, as a stable code a screen words in its person's language. */
  reason: z.enum(IMPORT_ROW_REASONS),
  /** The value as the file holds it (at most 200 characters), when the reason is about it. */
  value: z.string().optional(),
  /** too_long: the most characters; field_count: the header's fields; amount_precision: the currency's decimals. */
  limit: z.number().optional(),
  /** too_long: the value's characters; field_count: the row's fields. */
  count: z.number().optional(),
  /** not_a_choice: the values the column takes. */
  allowed: z.array(z.string()).optional(),
  /** id_repeated: the row (or event) that has the id first. */
  earlierRow: z.number().optional(),
  /** The reason in English, for the command line and API clients. */
  message: z.string(),
});
export type RowError = z.infer<typeof RowErrorSchema>;
/** A row error's facts without its place in the file. */
export type RowProblem = Omit<RowError, 'row' | 'line' | 'column' | 'message'>;

export const ImportCountsSchema = z.object({
  imported: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rejected: z.number(),
  errors: z.array(RowErrorSchema),
});

export const ImportAnswerSchema = ImportCountsSchema.extend({
  kind: z.enum(IMPORT_KINDS),
  format: z.enum(IMPORT_FORMATS),
  ms: z.number(),
});
export type ImportAnswer = z.infer<typeof ImportAnswerSchema>;

/** `calmdesk import` sends a file's records part by part to the server holding the database. */
export const LocalImportSchema = z.strictObject({
  records: z
    .array(
      z.strictObject({
        row: z.number().int().min(1),
        line: z.number().int().min(1),
        values: z.record(z.string(), z.string().max(100_000)),
      }),
    )
    .max(LOCAL_PART_RECORDS),
});
