import {
  CannedReplyInputSchema,
  CannedReplyPatchSchema,
  CannedReplyQuerySchema,
  CannedReplySchema,
  CaseRepliesSchema,
  IdParamsSchema,
  itemsOf,
  withErrors,
} from '@calmdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../http/context.ts';
import {
  createCannedReply,
  deleteCannedReply,
  listCannedReplies,
  repliesForCase,
  updateCannedReply,
} from './replies.service.ts';

export function repliesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['replies'];
    app.get(
      '/api/replies',
      {
        schema: {
          tags,
          summary: 'Saved replies: the shared ones and your own, a language first when one is given',
          querystring: CannedReplyQuerySchema,
          response: withErrors({ 200: itemsOf(CannedReplySchema) }),
        },
      },
      async (request) => ({ items: await listCannedReplies(ctx.db, request.actor, request.query.lang) }),
    );
    app.post(
      '/api/replies',
      {
        schema: {
          tags,
          summary: 'Add a saved reply: shared (supervisor or owner) or your own',
          body: CannedReplyInputSchema,
          response: withErrors({ 201: CannedReplySchema }),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createCannedReply(ctx.db, request.actor, request.body, ctx.now())),
    );
    app.patch(
      '/api/replies/:id',
      {
        schema: {
          tags,
          summary: 'Change a saved reply (a shared one: supervisor or owner; a personal one: its owner)',
          params: IdParamsSchema,
          body: CannedReplyPatchSchema,
          response: withErrors({ 200: CannedReplySchema }),
        },
      },
      async (request) => updateCannedReply(ctx.db, request.actor, request.params.id, request.body, ctx.now()),
    );
    app.delete(
      '/api/replies/:id',
      {
        schema: {
          tags,
          summary: 'Delete a saved reply (a shared one: supervisor or owner; a personal one: its owner)',
          params: IdParamsSchema,
          response: withErrors({ 204: z.null().describe('Deleted') }),
        },
      },
      async (request, reply) => {
        await deleteCannedReply(ctx.db, request.actor, request.params.id);
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/api/cases/:id/replies',
      {
        schema: {
          tags,
          summary: "Saved replies written out for a case: variables filled, the case's language first",
          params: IdParamsSchema,
          response: withErrors({ 200: CaseRepliesSchema }),
        },
      },
      async (request) => repliesForCase(ctx.db, request.actor, request.params.id, ctx.now()),
    );
  };
}
