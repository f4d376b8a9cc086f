import { Readable } from 'node:stream';
import {
  ImportAnswerSchema,
  ImportCountsSchema,
  ImportParamsSchema,
  LocalImportSchema,
  withErrors,
} from '@calmdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../auth/actor.ts';
import { AppError } from '../errors.ts';
import type { AppContext } from '../http/context.ts';
import { requireLocalCaller } from '../local/local.routes.ts';
import { CLI_ACTOR } from '../local/local.service.ts';
import { importPrepared, importRecords } from './imports.service.ts';
import { type ImportFormat, prepareCsvStream, prepareImport } from './records.ts';
import { isDeclaredPastLimit, joinText, tooLargeForImport, uploadText } from './upload-text.ts';

/** A file of 100,000 bookings is about 15 MB. */
export const IMPORT_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

/** The errors an answer lists; the count says how many there were. */
const MAX_LISTED_ERRORS = 1000;

export function importsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // The file is read as it arrives (uploadText), never buffered whole.
    app.addContentTypeParser(['text/csv', 'text/calendar', 'text/plain'], (_request, payload, done) =>
      done(null, payload),
    );
    app.post(
      '/api/imports/:kind',
      {
        // Runs after sign-in is checked and before a byte of the file is read.
        onRequest: async (request) => {
          if (isDeclaredPastLimit(request.headers['content-length'], IMPORT_BODY_LIMIT_BYTES)) {
            throw tooLargeForImport(IMPORT_BODY_LIMIT_BYTES);
          }
        },
        schema: {
          tags: ['imports'],
          summary:
            'Import customers, bookings or invoices from CSV (text/csv) or bookings from ICS (text/calendar)',
          description:
            'Idempotent by external_id. Each row is stored whole or refused with its row number, column and reason; ' +
            `the good rows are stored. Supervisor or owner. The body is the file itself, at most ${IMPORT_BODY_LIMIT_BYTES / 1024 / 1024} MB.`,
          consumes: ['text/csv', 'text/calendar'],
          params: ImportParamsSchema,
          // Documents the file in OpenAPI; the stream itself passes through untouched (uploadText reads it).
          body: z.any().describe('the file itself: CSV (text/csv) or iCalendar (text/calendar), UTF-8'),
          response: withErrors({ 200: ImportAnswerSchema }),
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
          throw new AppError(
            'bad_request',
            'send the file itself as the body, as text/csv or text/calendar',
            undefined,
            { reason: 'import_no_file' },
          );
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
          params: ImportParamsSchema,
          body: LocalImportSchema,
          response: withErrors({ 200: ImportCountsSchema }),
        },
      },
      async (request) =>
        importRecords(ctx.db, CLI_ACTOR, request.params.kind, request.body.records, ctx.now()),
    );
  };
}
