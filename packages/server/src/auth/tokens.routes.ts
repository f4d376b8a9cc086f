import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.ts';
import { IdParamsSchema } from '../http/params.ts';
import { issueToken, listTokens, NewTokenSchema, revokeToken } from './tokens.service.ts';

export function tokensRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['tokens'];
  return async (app) => {
    app.get(
      '/api/tokens',
      { schema: { tags, summary: 'API tokens, newest first (owner)' } },
      async (request) => ({
        items: await listTokens(ctx.db, request.actor),
      }),
    );
    app.post(
      '/api/tokens',
      {
        schema: {
          tags,
          summary: 'Create an API token, shown only in this answer (owner)',
          body: NewTokenSchema,
        },
      },
      async (request, reply) => reply.status(201).send(await issueToken(ctx.db, request.actor, request.body)),
    );
    app.delete(
      '/api/tokens/:id',
      { schema: { tags, summary: 'Revoke an API token (owner)', params: IdParamsSchema } },
      async (request) => revokeToken(ctx.db, request.actor, request.params.id, ctx.now()),
    );
  };
}
