import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../auth/actor.ts';
import { AppError } from '../errors.ts';
import type { AppContext } from '../http/context.ts';
import { requireLocalCaller } from '../local/local.routes.ts';
import { CLI_ACTOR } from '../local/local.service.ts';
import { importPrepared, importRecords } from './imports.service.ts';
import { IMPORT_KINDS, type ImportFormat, prepareCsvStream, prepareImport } from './records.ts';
import { joinText, uploadText } from './upload-text.ts';

/** A file of 100,000 bookings is about 15 MB. */
export const IMPORT_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

/** Records per call of the CLI's local route. */
export const LOCAL_PART_RECORDS = 5000;
/** The errors an answer lists; the count says how many there were. */
const MAX_LISTED_ERRORS = 1000;

const RowErrorSchema = z.object({
  row: z.number(),
  line: z.number(),
  column: z.string().nullable(),
  message: z.string(),
});
const ResultSchema = z.object({
  imported: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rejected: z.number(),
  errors: z.array(RowErrorSchema),
});
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

export function importsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // The file is read as it arrives (uploadText), never buffered whole.
    app.addContentTypeParser(['text/csv', 'text/calendar', 'text/plain'], (_request, payload, done) =>
      done(null, payload),
    );
    app.post(
      '/api/imports/:kind',
      {
        schema: {
          tags: ['imports'],
          summary:
            'Import customers, bookings or invoices from CSV (text/csv) or bookings from ICS (text/calendar)',
          description:
            'Idempotent by external_id. Each row is stored whole or refused with its row number, column and reason; ' +
            `the good rows are stored. Supervisor or owner. The body is the file itself, at most ${IMPORT_BODY_LIMIT_BYTES / 1024 / 1024} MB.`,
          consumes: ['text/csv', 'text/calendar'],
          params: z.strictObject({ kind: z.enum(IMPORT_KINDS) }),
          response: {
            200: ResultSchema.extend({
              kind: z.enum(IMPORT_KINDS),
              format: z.enum(['csv', 'ics']),
              ms: z.number(),
            }),
          },
        },
      },
      async (request) => {
        const { kind } = request.params;
        requireRole(request.actor, 'supervisor', `import ${kind}`);
        const started = performance.now();
        const format: ImportFormat = /^text\/calendar\b/i.test(request.headers['content-type'] ?? '')
          ? 'ics'
          : 'csv';
        if (!(request.body instanceof Readable)) {
          throw new AppError('bad_request', 'send the file itself as the body, as text/csv or text/calendar');
        }
        const text = uploadText(request.body, request.headers['content-length'], IMPORT_BODY_LIMIT_BYTES);
        const prepared =
          format === 'csv'
            ? await prepareCsvStream(kind, text)
            : prepareImport(kind, format, await joinText(text));
        const result = await importPrepared(prepared, (records) =>
          importRecords(ctx.db, request.actor, kind, records, ctx.now()),
        );
        return {
          kind,
          format,
          ...result,
          errors: result.errors.slice(0, MAX_LISTED_ERRORS),
          ms: Math.round(performance.now() - started),
        };
      },
    );
    // `calmdesk import` while the server holds the embedded database: the CLI reads the file and
    // sends its records part by part (it shows progress), the server checks and stores them.
    app.post(
      '/api/local/imports/:kind',
      {
        config: { isPublic: true },
        bodyLimit: IMPORT_BODY_LIMIT_BYTES,
        onRequest: async (request) => requireLocalCaller(ctx, request),
        schema: {
          hide: true,
          params: z.strictObject({ kind: z.enum(IMPORT_KINDS) }),
          body: LocalImportSchema,
        },
      },
      async (request) =>
        importRecords(ctx.db, CLI_ACTOR, request.params.kind, request.body.records, ctx.now()),
    );
  };
}
