import {
  CreatedTokenSchema,
  IdParamsSchema,
  itemsOf,
  NewTokenSchema,
  TokenListingSchema,
  withErrors,
} from '@calmdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.ts';
import { issueToken, listTokens, revokeToken } from './tokens.service.ts';

export function tokensRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['tokens'];
  return async (app) => {
    app.get(
      '/api/tokens',
      {
        schema: {
          tags,
          summary: 'API tokens, newest first (owner)',
          response: withErrors({ 200: itemsOf(TokenListingSchema) }),
        },
      },
      async (request) => ({ items: await listTokens(ctx.db, request.actor) }),
    );
    app.post(
      '/api/tokens',
      {
        schema: {
          tags,
          summary: 'Create an API token, shown only in this answer (owner)',
          body: NewTokenSchema,
          response: withErrors({ 201: CreatedTokenSchema }),
        },
      },
      async (request, reply) => reply.status(201).send(await issueToken(ctx.db, request.actor, request.body)),
    );
    app.delete(
      '/api/tokens/:id',
      {
        schema: {
          tags,
          summary: 'Revoke an API token (owner)',
          params: IdParamsSchema,
          response: withErrors({ 200: TokenListingSchema }),
        },
      },
      async (request) => revokeToken(ctx.db, request.actor, request.params.id, ctx.now()),
    );
  };
}
