import { z } from 'zod';
import { IMPORT_FORMATS, IMPORT_KINDS } from './enums.ts';

/** Records per call of the CLI's local import route. */
export const LOCAL_PART_RECORDS = 5000;

export const ImportParamsSchema = z.strictObject({ kind: z.enum(IMPORT_KINDS) });

export const RowErrorSchema = z.object({
  row: z.number(),
  line: z.number(),
  /** The column (or ICS property) that was wrong, when one was. */
  column: z.string().nullable(),
  message: z.string(),
});

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
