import {
  AlertSchema,
  CommitmentListSchema,
  CommitmentPatchSchema,
  CommitmentQuerySchema,
  CommitmentSchema,
  IdParamsSchema,
  itemsOf,
  withErrors,
} from '@calmdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listAlerts } from '../alerts/alerts.service.ts';
import { getCaseDetail } from '../cases/cases.service.ts';
import type { AppContext } from '../http/context.ts';
import { caseChangeOf, publishChange } from '../live/live-feed.ts';
import { listCommitments, setCommitmentStatus } from './commitments.service.ts';

export function commitmentsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/commitments',
      {
        schema: {
          tags: ['commitments'],
          summary: "Promises, ours and the customers', each with its case; soonest due (so overdue) first",
          querystring: CommitmentQuerySchema,
          response: withErrors({ 200: CommitmentListSchema }),
        },
      },
      async (request) => ({ items: await listCommitments(ctx.db, request.actor, request.query, ctx.now()) }),
    );
    app.patch(
      '/api/commitments/:id',
      {
        schema: {
          tags: ['commitments'],
          summary: 'Mark a promise kept, missed or cancelled (lifts an escalation it alone caused)',
          params: IdParamsSchema,
          body: CommitmentPatchSchema,
          response: withErrors({ 200: CommitmentSchema }),
        },
      },
      async (request) => {
        const changed = await setCommitmentStatus(
          ctx.db,
          request.actor,
          request.params.id,
          request.body.status,
          ctx.now(),
        );
        await publishChange(
          ctx.db,
          caseChangeOf('case.updated', await getCaseDetail(ctx.db, changed.caseId)),
        );
        return changed;
      },
    );
    app.get(
      '/api/alerts',
      {
        schema: {
          tags: ['alerts'],
          summary:
            'Overdue commitments and missed first and next responses (read only: the sweep escalates them)',
          response: withErrors({ 200: itemsOf(AlertSchema) }),
        },
      },
      async () => ({ items: await listAlerts(ctx.db, ctx.now()) }),
    );
  };
}
