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
import { type ImportFormat, prepareImport } from './records.ts';

// The CLI sends its records in parts of this size.
export { LOCAL_PART_RECORDS } from '@calmdesk/contracts';

/** A file of 100,000 bookings is about 15 MB. */
export const IMPORT_BODY_LIMIT_BYTES = 64 * 1024 * 1024;
/** The errors an answer lists; the count says how many there were. */
const MAX_LISTED_ERRORS = 1000;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function importsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser(
      ['text/csv', 'text/calendar', 'text/plain'],
      { parseAs: 'buffer' },
      (_r, raw, done) => {
        try {
          done(null, utf8.decode(raw as Buffer));
        } catch {
          done(new AppError('bad_request', 'the file is not UTF-8 text'));
        }
      },
    );
    app.post(
      '/api/imports/:kind',
      {
        bodyLimit: IMPORT_BODY_LIMIT_BYTES,
        schema: {
          tags: ['imports'],
          summary:
            'Import customers, bookings or invoices from CSV (text/csv) or bookings from ICS (text/calendar)',
          description:
            'Idempotent by external_id. Each row is stored whole or refused with its row number, column and reason; ' +
            'the good rows are stored. Supervisor or owner.',
          consumes: ['text/csv', 'text/calendar'],
          params: ImportParamsSchema,
          body: z.string().max(IMPORT_BODY_LIMIT_BYTES),
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
        const prepared = prepareImport(kind, format, request.body);
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
