import {
  EmptyBodySchema,
  JobParamsSchema,
  JobRetriedSchema,
  JobsOverviewSchema,
  withErrors,
} from '@calmdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireRole } from '../auth/actor.ts';
import type { AppContext } from '../http/context.ts';
import { jobsOverview, retryJob } from './jobs.service.ts';

export function jobsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['jobs'];
    app.get(
      '/api/jobs',
      {
        schema: {
          tags,
          summary:
            'The background jobs: each schedule’s last success and failure, and the failed one-off jobs',
          response: withErrors({ 200: JobsOverviewSchema }),
        },
      },
      async (request) => {
        requireRole(request.actor, 'owner', 'see the background jobs');
        return jobsOverview(ctx.db);
      },
    );
    app.post(
      '/api/jobs/:id/retry',
      {
        schema: {
          tags,
          summary: 'Run a failed background job again',
          params: JobParamsSchema,
          body: EmptyBodySchema,
          response: withErrors({ 200: JobRetriedSchema }),
        },
      },
      async (request) => {
        requireRole(request.actor, 'owner', 'retry a background job');
        return retryJob(ctx.db, request.params.id, ctx.now());
      },
    );
  };
}
