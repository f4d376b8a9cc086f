import {
  CaseBulkResultSchema,
  CaseBulkSchema,
  IdParamsSchema,
  itemsOf,
  NewSavedViewSchema,
  SavedViewSchema,
  withErrors,
} from '@calmdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../http/context.ts';
import { caseChangeOf, publishChange } from '../live/live-feed.ts';
import { changeCases } from './bulk.ts';
import { deleteView, listSavedViews, saveView } from './saved-views.ts';

export function inboxRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/cases/bulk',
      {
        schema: {
          tags: ['cases'],
          summary: 'Assign, change the status of or close many cases at once',
          description:
            'Each case is changed as by PATCH /api/cases/{id}, with its rules and audit entry; a case that ' +
            'refuses does not stop the others, and the answer says which did.',
          body: CaseBulkSchema,
          response: withErrors({ 200: CaseBulkResultSchema }),
        },
      },
      async (request) =>
        changeCases(ctx.db, request.actor, request.body, ctx.now(), (updated) =>
          publishChange(ctx.db, caseChangeOf('case.updated', updated)),
        ),
    );
    app.get(
      '/api/views',
      {
        schema: {
          tags: ['views'],
          summary: 'The inbox views one saved, and the ones others shared',
          response: withErrors({ 200: itemsOf(SavedViewSchema) }),
        },
      },
      async (request) => ({ items: await listSavedViews(ctx.db, request.actor) }),
    );
    app.post(
      '/api/views',
      {
        schema: {
          tags: ['views'],
          summary: "Save the inbox's filters and search under a name, for oneself or shared",
          body: NewSavedViewSchema,
          response: withErrors({ 201: SavedViewSchema }),
        },
      },
      async (request, reply) => reply.status(201).send(await saveView(ctx.db, request.actor, request.body)),
    );
    app.delete(
      '/api/views/:id',
      {
        schema: {
          tags: ['views'],
          summary: "Delete a saved view (one's own; a shared one also a supervisor or owner)",
          params: IdParamsSchema,
          response: withErrors({ 204: z.null().describe('The view is gone') }),
        },
      },
      async (request, reply) => {
        await deleteView(ctx.db, request.actor, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
