import {
  CustomerEraseInputSchema,
  ErasureResultSchema,
  fileAnswer,
  IdParamsSchema,
  RetentionReportSchema,
  withErrors,
} from '@calmdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.ts';
import { sendFile } from '../mail/mail-files.routes.ts';
import { eraseCustomer } from './erase-customer.ts';
import { exportCustomer } from './export-customer.ts';
import { retentionReport } from './retention.ts';

/** GDPR: a customer's data exported (Art. 15, 20) or erased (Art. 17), and the retention report. */
export function gdprRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['gdpr'];
  return async (app) => {
    app.get(
      '/api/customers/:id/export',
      {
        schema: {
          tags,
          summary:
            "A customer's data as one zip: JSON, an HTML summary, attachments and raw mails (supervisor)",
          params: IdParamsSchema,
          response: withErrors({ 200: fileAnswer('A zip archive', ['application/zip']) }),
        },
      },
      async (request, reply) =>
        sendFile(reply, await exportCustomer(ctx.db, request.actor, request.params.id, ctx.now())),
    );
    app.post(
      '/api/customers/:id/erase',
      {
        schema: {
          tags,
          summary: "Erase a customer's personal data everywhere (owner); 409 legal_hold names what holds it",
          params: IdParamsSchema,
          body: CustomerEraseInputSchema,
          response: withErrors({ 200: ErasureResultSchema }),
        },
      },
      async (request) => eraseCustomer(ctx.db, request.actor, request.params.id, request.body, ctx.now()),
    );
    app.get(
      '/api/retention/report',
      {
        schema: {
          tags,
          summary: 'Who the retention period would erase, and from when (owner)',
          response: withErrors({ 200: RetentionReportSchema }),
        },
      },
      async (request) => retentionReport(ctx.db, request.actor, ctx.now()),
    );
  };
}
